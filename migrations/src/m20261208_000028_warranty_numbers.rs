use super::m20261124_000009_create_warranties::Warranties;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// The source system's id of a warranty: an import names warranties by it,
/// so importing a file again finds the same ones. Warranties made before
/// imports have none.
#[derive(DeriveIden)]
pub enum WarrantySource {
    Number,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    add_columns(
        manager,
        Warranties::Table,
        [string_len_null(WarrantySource::Number, 40)],
    )
    .await?;
    execute_all(
        manager,
        &["CREATE UNIQUE INDEX idx_warranties_number ON warranties (number)"],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    execute_all(manager, &["DROP INDEX idx_warranties_number"]).await?;
    drop_columns(manager, Warranties::Table, [WarrantySource::Number]).await
}

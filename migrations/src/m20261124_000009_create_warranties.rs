use super::m20261124_000006_create_installed_products::InstalledProducts;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

#[derive(DeriveIden)]
pub enum Warranties {
    Table,
    Id,
    InstalledProductId,
    Description,
    StartDate,
    EndDate,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use Warranties as W;
    create_table(
        manager,
        entity_table(W::Table, W::Id)
            .owned_by(
                W::InstalledProductId,
                "fk_warranties_product",
                InstalledProducts::Table,
            )
            .col(string_len(W::Description, 200))
            .col(date(W::StartDate))
            .col(date(W::EndDate)),
        [("idx_warranties_product", vec![W::InstalledProductId])],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, Warranties::Table).await
}

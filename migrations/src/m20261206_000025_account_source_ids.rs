use super::m20261123_000001_create_accounts::Accounts;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// The source system's id of an account (the ERP's account number): an
/// import names accounts by it, so importing a file again finds the same
/// ones. One ERP numbers every customer's accounts: unique across them.
#[derive(DeriveIden)]
pub enum AccountSource {
    SourceId,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    add_columns(
        manager,
        Accounts::Table,
        [string_len_null(AccountSource::SourceId, 64)],
    )
    .await?;
    execute_all(
        manager,
        &["CREATE UNIQUE INDEX idx_accounts_source_id ON accounts (source_id)"],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    execute_all(manager, &["DROP INDEX idx_accounts_source_id"]).await?;
    drop_columns(manager, Accounts::Table, [AccountSource::SourceId]).await
}

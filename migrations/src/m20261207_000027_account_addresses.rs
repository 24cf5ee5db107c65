use super::m20261123_000001_create_accounts::Accounts;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// What an Admin keeps of an account besides its name and place: the
/// address (one text) and the service organisation's market.
#[derive(DeriveIden)]
pub enum AccountAddress {
    Address,
    Market,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    add_columns(
        manager,
        Accounts::Table,
        [
            string_len_null(AccountAddress::Address, 300),
            string_len_null(AccountAddress::Market, 60),
        ],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_columns(
        manager,
        Accounts::Table,
        [AccountAddress::Market, AccountAddress::Address],
    )
    .await
}

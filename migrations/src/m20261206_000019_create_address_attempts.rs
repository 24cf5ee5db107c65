use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// The per-address login limit's attempts, one row each, written before the
/// password is checked: a request counts the rows after writing its own, so
/// of a burst only the first `limit` to be written can pass, whichever
/// server process they reach. A right password deletes its row.
#[derive(DeriveIden)]
pub enum AddressAttempts {
    Table,
    Id,
    Address,
    AttemptedAt,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use AddressAttempts as A;
    create_table(
        manager,
        entity_table(A::Table, A::Id)
            .col(string_len(A::Address, 64))
            .col(timestamp_with_time_zone(A::AttemptedAt)),
        // The limit's question: how many from this address lately?
        [(
            "idx_address_attempts_address_at",
            vec![A::Address, A::AttemptedAt],
        )],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, AddressAttempts::Table).await
}

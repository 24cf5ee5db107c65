use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
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

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, AddressAttempts::Table).await
    }
}

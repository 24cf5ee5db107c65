use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// "At most once per period" for things strangers can trigger (the
/// confirmation of an access request, say): one row per key, claimed by a
/// conditional insert or update, so of concurrent requests in any server
/// process exactly one wins.
#[derive(DeriveIden)]
pub enum ThrottleClaims {
    Table,
    Key,
    ClaimedAt,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use ThrottleClaims as T;
    create_tables(
        manager,
        [Table::create()
            .table(T::Table)
            .col(string_len(T::Key, 100).primary_key())
            .col(timestamp_with_time_zone(T::ClaimedAt))],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, ThrottleClaims::Table).await
}

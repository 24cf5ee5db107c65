use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// A case's contact address that is nobody's account gets case emails only
/// once its owner has confirmed it: a case form must not make the portal
/// send mail to any address a user types. One row per emailed link.
#[derive(DeriveIden)]
pub enum ContactConfirmations {
    Table,
    Id,
    /// Lower-case.
    Address,
    /// SHA-256 of the link's token; the token itself is never stored.
    TokenHash,
    CreatedAt,
    ExpiresAt,
    ConfirmedAt,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use ContactConfirmations as C;
    create_table(
        manager,
        entity_table(C::Table, C::Id)
            .col(string_len(C::Address, 254))
            .col(string_len_uniq(C::TokenHash, 64))
            .col(timestamp_with_time_zone(C::CreatedAt))
            .col(timestamp_with_time_zone(C::ExpiresAt))
            .col(timestamp_with_time_zone_null(C::ConfirmedAt)),
        // "Is this address confirmed?" on every case email.
        [(
            "idx_contact_confirmations_address",
            vec![C::Address, C::ConfirmedAt],
        )],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, ContactConfirmations::Table).await
}

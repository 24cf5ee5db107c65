use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// Emails to send, written in the same transaction as the event they tell
/// of; a background sender delivers them with retries, so a down SMTP server
/// loses nothing. A row is claimed by setting `locked_until` with a
/// conditional update, so two server processes never send it twice.
#[derive(DeriveIden)]
pub enum EmailOutbox {
    Table,
    Id,
    ToAddress,
    Subject,
    BodyText,
    CreatedAt,
    SendAfter,
    Attempts,
    LockedUntil,
    LastError,
    SentAt,
    FailedAt,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use EmailOutbox as E;
    create_table(
        manager,
        entity_table(E::Table, E::Id)
            .col(string_len(E::ToAddress, 254))
            .col(string_len(E::Subject, 300))
            .col(text(E::BodyText))
            .col(timestamp_with_time_zone(E::CreatedAt))
            .col(timestamp_with_time_zone(E::SendAfter))
            .col(integer(E::Attempts).default(0))
            .col(timestamp_with_time_zone_null(E::LockedUntil))
            .col(text_null(E::LastError))
            .col(timestamp_with_time_zone_null(E::SentAt))
            .col(timestamp_with_time_zone_null(E::FailedAt)),
        // The sender's question: what is unsent and due?
        [(
            "idx_email_outbox_due",
            vec![E::SentAt, E::FailedAt, E::SendAfter],
        )],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, EmailOutbox::Table).await
}

use super::m20261123_000002_create_users::Users;
use super::m20261124_000012_create_email_outbox::EmailOutbox;
use super::m20261211_000032_create_report_views::ReportViews;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// A user's subscription to a saved view: the view's rows emailed every
/// week or month. One per user and view.
#[derive(DeriveIden)]
pub enum ReportDigests {
    Table,
    Id,
    ViewId,
    UserId,
    /// `weekly` or `monthly`.
    Cadence,
    /// When the next digest is due.
    NextSendAt,
    /// Claimed by a server process making the digest until then; another
    /// may take it over once it has passed (the first one stopped).
    LockedUntil,
    LastSentAt,
    CreatedAt,
}

/// An email's attachment: a blob in the attachment store, named here until
/// the email is sent (the housekeeping sweep keeps named blobs).
#[derive(DeriveIden)]
#[allow(clippy::enum_variant_names)] // the columns' own names
enum OutboxAttachment {
    AttachmentKey,
    AttachmentName,
    AttachmentType,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use ReportDigests as D;
    create_tables(
        manager,
        [entity_table(D::Table, D::Id)
            .owned_by(D::ViewId, "fk_report_digests_view", ReportViews::Table)
            .owned_by(D::UserId, "fk_report_digests_user", Users::Table)
            .col(string_len(D::Cadence, 20))
            .col(timestamp_with_time_zone(D::NextSendAt))
            .col(timestamp_with_time_zone_null(D::LockedUntil))
            .col(timestamp_with_time_zone_null(D::LastSentAt))
            .col(timestamp_with_time_zone(D::CreatedAt))],
    )
    .await?;
    execute_all(
        manager,
        &[
            "CREATE UNIQUE INDEX idx_report_digests_once ON report_digests (user_id, view_id)",
            "CREATE INDEX idx_report_digests_due ON report_digests (next_send_at)",
        ],
    )
    .await?;
    add_columns(
        manager,
        EmailOutbox::Table,
        [
            string_len_null(OutboxAttachment::AttachmentKey, 64),
            string_len_null(OutboxAttachment::AttachmentName, 255),
            string_len_null(OutboxAttachment::AttachmentType, 120),
        ],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_columns(
        manager,
        EmailOutbox::Table,
        [
            OutboxAttachment::AttachmentKey,
            OutboxAttachment::AttachmentName,
            OutboxAttachment::AttachmentType,
        ],
    )
    .await?;
    drop_table(manager, ReportDigests::Table).await
}

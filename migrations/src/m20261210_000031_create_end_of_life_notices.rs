use super::m20261123_000002_create_users::Users;
use super::m20261124_000006_create_installed_products::InstalledProducts;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// A user's wish to hear of end-of-life dates: for a whole modality or for
/// one installed product (exactly one of the two is set).
#[derive(DeriveIden)]
pub enum EolSubscriptions {
    Table,
    Id,
    UserId,
    /// `MR`, `CT`, `US` or `IXR`.
    Modality,
    InstalledProductId,
    CreatedAt,
}

/// What a subscriber was told: one row per user, product, milestone and
/// date. The unique key is what makes "one email, never twice" hold when
/// several server processes look for due notices at once: only the one
/// whose insert lands queues the email, in the same transaction.
#[derive(DeriveIden)]
pub enum EolNotices {
    Table,
    Id,
    UserId,
    InstalledProductId,
    /// `end_of_life` or `end_of_service`.
    Milestone,
    MilestoneDate,
    CreatedAt,
    ReadAt,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use EolNotices as N;
    use EolSubscriptions as S;
    create_tables(
        manager,
        [
            entity_table(S::Table, S::Id)
                .owned_by(S::UserId, "fk_eol_subscriptions_user", Users::Table)
                .col(string_len_null(S::Modality, 10))
                .ref_col(
                    uuid_null,
                    S::InstalledProductId,
                    "fk_eol_subscriptions_product",
                    InstalledProducts::Table,
                    ForeignKeyAction::Cascade,
                )
                .col(timestamp_with_time_zone(S::CreatedAt)),
            entity_table(N::Table, N::Id)
                .owned_by(N::UserId, "fk_eol_notices_user", Users::Table)
                .owned_by(
                    N::InstalledProductId,
                    "fk_eol_notices_product",
                    InstalledProducts::Table,
                )
                .col(string_len(N::Milestone, 20))
                .col(date(N::MilestoneDate))
                .col(timestamp_with_time_zone(N::CreatedAt))
                .col(timestamp_with_time_zone_null(N::ReadAt)),
        ],
    )
    .await?;
    // NULLs are distinct in both databases' unique indexes, so a modality
    // row and a product row of one user do not collide.
    execute_all(
        manager,
        &[
            "CREATE UNIQUE INDEX idx_eol_subscriptions_modality ON eol_subscriptions (user_id, modality)",
            "CREATE UNIQUE INDEX idx_eol_subscriptions_product ON eol_subscriptions (user_id, installed_product_id)",
            "CREATE UNIQUE INDEX idx_eol_notices_once ON eol_notices (user_id, installed_product_id, milestone, milestone_date)",
            "CREATE INDEX idx_eol_notices_user ON eol_notices (user_id, created_at)",
        ],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_tables(
        manager,
        [
            EolNotices::Table.into_iden(),
            EolSubscriptions::Table.into_iden(),
        ],
    )
    .await
}

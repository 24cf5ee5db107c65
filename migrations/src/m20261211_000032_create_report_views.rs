use super::m20261123_000001_create_accounts::Accounts;
use super::m20261123_000002_create_users::Users;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// A customised report saved under a name: private to its owner, or shared
/// with the owner's parent account (a Manager's choice).
#[derive(DeriveIden)]
pub enum ReportViews {
    Table,
    Id,
    OwnerId,
    /// The owner's parent account at saving; none for staff, whose views
    /// stay private.
    ParentAccountId,
    /// `cases`, `installed_products`, ...
    Report,
    Name,
    /// The customised query as the API takes it (JSON), checked at saving.
    Query,
    Shared,
    CreatedAt,
    UpdatedAt,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use ReportViews as V;
    create_tables(
        manager,
        [entity_table(V::Table, V::Id)
            .owned_by(V::OwnerId, "fk_report_views_owner", Users::Table)
            .ref_col(
                uuid_null,
                V::ParentAccountId,
                "fk_report_views_parent_account",
                Accounts::Table,
                ForeignKeyAction::Cascade,
            )
            .col(string_len(V::Report, 40))
            .col(string_len(V::Name, 100))
            .col(text(V::Query))
            .col(boolean(V::Shared))
            .col(timestamp_with_time_zone(V::CreatedAt))
            .col(timestamp_with_time_zone(V::UpdatedAt))],
    )
    .await?;
    execute_all(
        manager,
        &[
            "CREATE INDEX idx_report_views_owner ON report_views (owner_id, report)",
            "CREATE INDEX idx_report_views_shared ON report_views (parent_account_id, shared)",
        ],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, ReportViews::Table).await
}

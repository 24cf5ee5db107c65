use super::m20261123_000002_create_users::Users;
use super::m20261124_000006_create_installed_products::InstalledProducts;
use super::m20261124_000010_create_cases::Cases;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// A planned service visit (or remote session) on an installed product.
/// Times are UTC instants; a calendar feed shows them in the reader's zone.
#[derive(DeriveIden)]
pub enum PlannedEvents {
    Table,
    Id,
    /// The source system's id, for imports; none for events planned here.
    SourceId,
    InstalledProductId,
    /// `preventive_maintenance`, `installation`, ...
    EventType,
    /// `tentative`, `confirmed`, `done` or `cancelled`.
    Status,
    PlannedStart,
    PlannedEnd,
    EngineerId,
    /// `onsite`, `remote`, ...
    ServiceType,
    CaseId,
    /// The customer's answer to a tentative visit: `accepted` or `declined`.
    CustomerResponse,
    /// iCalendar's SEQUENCE: bumped on every reschedule or cancellation, so
    /// calendar programs replace their copy.
    Sequence,
    Version,
    CreatedAt,
    UpdatedAt,
}

/// A user's secret calendar feed: its token is looked up by its hash and
/// kept sealed with the data key (to show the link again), so a leaked
/// database does not hand out feeds; a new one replaces the old.
#[derive(DeriveIden)]
pub enum CalendarFeeds {
    Table,
    UserId,
    TokenHash,
    TokenSealed,
    CreatedAt,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use PlannedEvents as E;
    create_tables(
        manager,
        [
            entity_table(E::Table, E::Id)
                .col(string_len_null(E::SourceId, 40).unique_key())
                .owned_by(
                    E::InstalledProductId,
                    "fk_planned_events_product",
                    InstalledProducts::Table,
                )
                .col(string_len(E::EventType, 40))
                .col(string_len(E::Status, 20))
                .col(timestamp_with_time_zone(E::PlannedStart))
                .col(timestamp_with_time_zone(E::PlannedEnd))
                .ref_col(
                    uuid_null,
                    E::EngineerId,
                    "fk_planned_events_engineer",
                    Users::Table,
                    ForeignKeyAction::SetNull,
                )
                .col(string_len(E::ServiceType, 40))
                .ref_col(
                    uuid_null,
                    E::CaseId,
                    "fk_planned_events_case",
                    Cases::Table,
                    ForeignKeyAction::SetNull,
                )
                .col(string_len_null(E::CustomerResponse, 20))
                .col(integer(E::Sequence).default(0))
                .col(version(E::Version))
                .stamps(E::CreatedAt, E::UpdatedAt),
            Table::create()
                .table(CalendarFeeds::Table)
                .col(uuid_pk(CalendarFeeds::UserId))
                .fk(
                    "fk_calendar_feeds_user",
                    CalendarFeeds::UserId,
                    Users::Table,
                    ForeignKeyAction::Cascade,
                )
                .col(string_len_uniq(CalendarFeeds::TokenHash, 64))
                .col(text(CalendarFeeds::TokenSealed))
                .col(timestamp_with_time_zone(CalendarFeeds::CreatedAt)),
        ],
    )
    .await?;
    // A calendar asks for a range of dates, across products or for one.
    create_indexes(
        manager,
        E::Table,
        [
            ("idx_planned_events_start", vec![E::PlannedStart]),
            (
                "idx_planned_events_product_start",
                vec![E::InstalledProductId, E::PlannedStart],
            ),
        ],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_tables(
        manager,
        [
            CalendarFeeds::Table.into_iden(),
            PlannedEvents::Table.into_iden(),
        ],
    )
    .await
}

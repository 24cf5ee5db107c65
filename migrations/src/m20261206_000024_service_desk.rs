use super::m20261124_000010_create_cases::Cases;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// The service desk's state of a case: the engineer it is assigned to, and
/// whose turn it is. `awaiting_response_since` runs while the customer waits
/// for the service side (from the case's logging or the customer's latest
/// word) and is cleared by the service's answer; `waiting_for_customer`
/// marks the other way round. No foreign key on the engineer: users are
/// deactivated, never deleted, and SQLite cannot add one to a table.
#[derive(DeriveIden)]
pub enum ServiceDesk {
    AssignedTo,
    WaitingForCustomer,
    AwaitingResponseSince,
}

/// Open cases the service side has not answered yet await a response since
/// they were logged.
const BACKFILL: &str = "UPDATE cases SET awaiting_response_since = created_at \
     WHERE closed_at IS NULL AND status = 'new' AND NOT EXISTS \
     (SELECT 1 FROM case_activities a WHERE a.case_id = cases.id AND a.from_service)";

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    add_columns(
        manager,
        Cases::Table,
        [
            uuid_null(ServiceDesk::AssignedTo),
            boolean(ServiceDesk::WaitingForCustomer)
                .default(false)
                .take(),
            timestamp_with_time_zone_null(ServiceDesk::AwaitingResponseSince),
        ],
    )
    .await?;
    execute_all(
        manager,
        &[
            BACKFILL,
            // "My cases" and "unassigned" in the queue, in its order.
            "CREATE INDEX idx_cases_open_assignee ON cases (assigned_to, priority, created_at, id) WHERE closed_at IS NULL",
        ],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    execute_all(manager, &["DROP INDEX idx_cases_open_assignee"]).await?;
    drop_columns(
        manager,
        Cases::Table,
        [
            ServiceDesk::AssignedTo,
            ServiceDesk::WaitingForCustomer,
            ServiceDesk::AwaitingResponseSince,
        ],
    )
    .await
}

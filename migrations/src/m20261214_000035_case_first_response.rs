use super::m20261124_000010_create_cases::Cases;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// When the service side first answered a case (an update, a status move,
/// or asking the customer something): the cases report measures response
/// times against the target of each priority from it. The waiting clock
/// (`awaiting_response_since`) restarts with every customer word, so it
/// cannot tell the first answer afterwards.
#[derive(DeriveIden)]
enum FirstResponse {
    FirstResponseAt,
}

/// Cases answered before this column: their earliest entry by the service
/// side after the problem was reported.
const BACKFILL: &str = "UPDATE cases SET first_response_at = \
     (SELECT MIN(a.occurred_at) FROM case_activities a WHERE a.case_id = cases.id \
     AND a.from_service AND a.kind <> 'problem_reported')";

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    add_columns(
        manager,
        Cases::Table,
        [timestamp_with_time_zone_null(
            FirstResponse::FirstResponseAt,
        )],
    )
    .await?;
    execute_all(manager, &[BACKFILL]).await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_columns(manager, Cases::Table, [FirstResponse::FirstResponseAt]).await
}

use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// One import of a file: who started it, how far it got, and its report (a
/// JSON document: counts and the refused values). It runs on after the
/// browser that started it is closed; the page reads it back from here.
#[derive(DeriveIden)]
pub enum ImportRuns {
    Table,
    Id,
    /// What the file holds, e.g. `installed_products`.
    Kind,
    DryRun,
    /// `running`, `done` or `failed`.
    Status,
    RequestedBy,
    /// Lines of the file less its header (known once it is uploaded).
    RowsTotal,
    RowsDone,
    /// Moved on as the run goes (a server stopped mid-run leaves it old).
    HeartbeatAt,
    Report,
    CreatedAt,
    FinishedAt,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use ImportRuns as R;
    create_tables(
        manager,
        [entity_table(R::Table, R::Id)
            .col(string_len(R::Kind, 32))
            .col(boolean(R::DryRun))
            .col(string_len(R::Status, 16))
            .col(uuid_null(R::RequestedBy))
            .col(big_integer(R::RowsTotal))
            .col(big_integer(R::RowsDone).default(0))
            .col(timestamp_with_time_zone(R::HeartbeatAt))
            .col(text_null(R::Report))
            .col(timestamp_with_time_zone(R::CreatedAt))
            .col(timestamp_with_time_zone_null(R::FinishedAt))],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, ImportRuns::Table).await
}

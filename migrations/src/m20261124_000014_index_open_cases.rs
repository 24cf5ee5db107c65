use crate::common::*;
use sea_orm_migration::prelude::*;

crate::migration!();

/// Historical cases (closed before their market's cut-over) are found by
/// (country, closed_at). Open cases are the few everyone filters for (`closed_at IS NULL`: a case
/// gets its closed_at exactly when it is closed). Partial indexes over just
/// them let "open, priority 2" count and page without reading the closed
/// million. Plain SQL: the syntax is the same on SQLite and PostgreSQL.
async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    execute_all(
        manager,
        &[
            "CREATE INDEX idx_cases_open_priority ON cases (priority, created_at, id) WHERE closed_at IS NULL",
            "CREATE INDEX idx_cases_open_created ON cases (created_at, id) WHERE closed_at IS NULL",
            "CREATE INDEX idx_cases_country_closed ON cases (country, closed_at)",
        ],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    // Every index `up` made, or stepping back and up again would fail.
    execute_all(
        manager,
        &[
            "DROP INDEX idx_cases_open_created",
            "DROP INDEX idx_cases_open_priority",
            "DROP INDEX idx_cases_country_closed",
        ],
    )
    .await
}

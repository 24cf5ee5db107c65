use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Historical cases (closed before their market's cut-over) are found by
/// (country, closed_at). Open cases are the few everyone filters for (`closed_at IS NULL`: a case
/// gets its closed_at exactly when it is closed). Partial indexes over just
/// them let "open, priority 2" count and page without reading the closed
/// million. Plain SQL: the syntax is the same on SQLite and PostgreSQL.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE INDEX idx_cases_open_priority ON cases (priority, created_at, id) WHERE closed_at IS NULL",
        )
        .await?;
        db.execute_unprepared(
            "CREATE INDEX idx_cases_open_created ON cases (created_at, id) WHERE closed_at IS NULL",
        )
        .await?;
        db.execute_unprepared(
            "CREATE INDEX idx_cases_country_closed ON cases (country, closed_at)",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX idx_cases_open_created")
            .await?;
        db.execute_unprepared("DROP INDEX idx_cases_open_priority")
            .await?;
        // Every index `up` made, or stepping back and up again would fail.
        db.execute_unprepared("DROP INDEX idx_cases_country_closed")
            .await?;
        Ok(())
    }
}

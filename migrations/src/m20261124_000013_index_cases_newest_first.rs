use super::m20261124_000010_create_cases::Cases;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Lists sort by (created_at, id) - the id breaks ties so pages never repeat
/// a row. An index on created_at alone cannot serve that order, so every
/// first page sorted all visible cases; with the id in the index the newest
/// page is read from the index's end.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_cases_created")
                    .table(Cases::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_cases_created_id")
                    .table(Cases::Table)
                    .col(Cases::CreatedAt)
                    .col(Cases::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_cases_created_id")
                    .table(Cases::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_cases_created")
                    .table(Cases::Table)
                    .col(Cases::CreatedAt)
                    .to_owned(),
            )
            .await
    }
}

use super::m20261124_000010_create_cases::Cases;
use crate::common::*;
use sea_orm_migration::prelude::*;

crate::migration!();

/// Lists sort by (created_at, id) - the id breaks ties so pages never repeat
/// a row. An index on created_at alone cannot serve that order, so every
/// first page sorted all visible cases; with the id in the index the newest
/// page is read from the index's end.
async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use Cases as C;
    replace_index(
        manager,
        C::Table,
        "idx_cases_created",
        ("idx_cases_created_id", vec![C::CreatedAt, C::Id]),
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use Cases as C;
    replace_index(
        manager,
        C::Table,
        "idx_cases_created_id",
        ("idx_cases_created", vec![C::CreatedAt]),
    )
    .await
}

//! SQLite's full-text tables for contracts and warranties, like those of
//! cases and products (m20261212_000033): without them the search read
//! every contract and warranty the caller sees for each word, which cost
//! more than finding the cases. PostgreSQL has had trigram indexes on both
//! since that migration, so there this does nothing.

use crate::m20261212_000033_search_indexes::{run, Fts};
use sea_orm_migration::prelude::*;

crate::migration!();

/// The texts are those of `CONTRACT_HAYSTACK` and `WARRANTY_HAYSTACK`
/// (FTS5's trigram tokenizer ignores case, as `lower` does there).
const FTS: [Fts; 2] = [
    Fts {
        table: "contract_search",
        source: "contracts",
        id: "contract_id",
        text: "{row}.number || ' ' || coalesce({row}.po_number, '')",
        columns: "number, po_number",
    },
    Fts {
        table: "warranty_search",
        source: "warranties",
        id: "warranty_id",
        text: "coalesce({row}.number, '') || ' ' || {row}.description",
        columns: "number, description",
    },
];

fn on_sqlite(manager: &SchemaManager<'_>) -> bool {
    manager.get_database_backend() == sea_orm::DatabaseBackend::Sqlite
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    if !on_sqlite(manager) {
        return Ok(());
    }
    run(manager, FTS.iter().flat_map(Fts::statements).collect()).await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    if !on_sqlite(manager) {
        return Ok(());
    }
    run(manager, FTS.iter().rev().flat_map(Fts::drops).collect()).await
}

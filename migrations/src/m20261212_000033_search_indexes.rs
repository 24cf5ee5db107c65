//! Indexes behind the global search. Every kind of result is matched as
//! substrings of one lower-cased "haystack" expression per table (numbers,
//! serials, titles, descriptions): PostgreSQL indexes those expressions
//! with trigrams (pg_trgm), so `LIKE '%part%'` is an index lookup; SQLite
//! keeps the cases' haystack in an FTS5 trigram table, filled by triggers,
//! and scans the smaller tables.

use crate::common::execute_all;
use sea_orm_migration::prelude::*;

crate::migration!();

/// What a case is found by. The queries use these very strings, so that
/// PostgreSQL matches them to the indexes.
pub const CASE_HAYSTACK: &str = "lower(number || ' ' || coalesce(customer_reference, '') || ' ' || title || ' ' || description)";
pub const PRODUCT_HAYSTACK: &str = "lower(number || ' ' || serial_number || ' ' || coalesce(technical_id, '') || ' ' || description)";
pub const CONTRACT_HAYSTACK: &str = "lower(number || ' ' || coalesce(po_number, ''))";
pub const WARRANTY_HAYSTACK: &str = "lower(coalesce(number, '') || ' ' || description)";

/// The FTS5 row of a case (SQLite).
const CASE_ROW: &str = "new.id, new.number || ' ' || coalesce(new.customer_reference, '') || ' ' || new.title || ' ' || new.description";

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    if manager.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        let insert = format!("INSERT INTO case_search (case_id, haystack) VALUES ({CASE_ROW});");
        let statements = [
            "CREATE VIRTUAL TABLE case_search USING fts5(case_id UNINDEXED, haystack, tokenize = 'trigram')".to_owned(),
            "INSERT INTO case_search (case_id, haystack) SELECT id, number || ' ' || coalesce(customer_reference, '') || ' ' || title || ' ' || description FROM cases".to_owned(),
            format!("CREATE TRIGGER case_search_insert AFTER INSERT ON cases BEGIN {insert} END"),
            // Numbers, titles and descriptions rarely change; status moves do not fire this.
            format!(
                "CREATE TRIGGER case_search_update AFTER UPDATE OF number, customer_reference, title, description ON cases \
                 BEGIN DELETE FROM case_search WHERE case_id = old.id; {insert} END"
            ),
            "CREATE TRIGGER case_search_delete AFTER DELETE ON cases BEGIN DELETE FROM case_search WHERE case_id = old.id; END".to_owned(),
        ];
        let statements: Vec<&str> = statements.iter().map(String::as_str).collect();
        return execute_all(manager, &statements).await;
    }
    let statements = [
        // A trusted extension since PostgreSQL 13: a database owner may create it.
        "CREATE EXTENSION IF NOT EXISTS pg_trgm".to_owned(),
        format!("CREATE INDEX idx_cases_search ON cases USING gin (({CASE_HAYSTACK}) gin_trgm_ops)"),
        format!("CREATE INDEX idx_installed_products_search ON installed_products USING gin (({PRODUCT_HAYSTACK}) gin_trgm_ops)"),
        format!("CREATE INDEX idx_contracts_search ON contracts USING gin (({CONTRACT_HAYSTACK}) gin_trgm_ops)"),
        format!("CREATE INDEX idx_warranties_search ON warranties USING gin (({WARRANTY_HAYSTACK}) gin_trgm_ops)"),
    ];
    let statements: Vec<&str> = statements.iter().map(String::as_str).collect();
    execute_all(manager, &statements).await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    if manager.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        return execute_all(
            manager,
            &[
                "DROP TRIGGER case_search_delete",
                "DROP TRIGGER case_search_update",
                "DROP TRIGGER case_search_insert",
                "DROP TABLE case_search",
            ],
        )
        .await;
    }
    // The extension stays: other objects may use it.
    execute_all(
        manager,
        &[
            "DROP INDEX idx_warranties_search",
            "DROP INDEX idx_contracts_search",
            "DROP INDEX idx_installed_products_search",
            "DROP INDEX idx_cases_search",
        ],
    )
    .await
}

//! Indexes behind the global search. Every kind of result is matched as
//! substrings of one lower-cased "haystack" expression per table (numbers,
//! serials, titles, descriptions): PostgreSQL indexes those expressions
//! with trigrams (pg_trgm), so `LIKE '%part%'` is an index lookup; SQLite
//! keeps the haystacks of cases and products (the large tables) in FTS5
//! trigram tables, filled by triggers, and scans contracts and warranties.

use crate::common::execute_all;
use sea_orm_migration::prelude::*;

crate::migration!();

/// What a case is found by. The queries use these very strings, so that
/// PostgreSQL matches them to the indexes.
pub const CASE_HAYSTACK: &str = "lower(number || ' ' || coalesce(customer_reference, '') || ' ' || title || ' ' || description)";
pub const PRODUCT_HAYSTACK: &str = "lower(number || ' ' || serial_number || ' ' || coalesce(technical_id, '') || ' ' || description)";
pub const CONTRACT_HAYSTACK: &str = "lower(number || ' ' || coalesce(po_number, ''))";
pub const WARRANTY_HAYSTACK: &str = "lower(coalesce(number, '') || ' ' || description)";

/// What each FTS5 table (SQLite) keeps of a row: its id and its haystack.
pub(crate) struct Fts {
    pub table: &'static str,
    pub source: &'static str,
    pub id: &'static str,
    /// The haystack's text over the row's columns, as `{row}.column`.
    pub text: &'static str,
    /// The columns whose change changes the text.
    pub columns: &'static str,
}

const FTS: [Fts; 2] = [
    Fts {
        table: "case_search",
        source: "cases",
        id: "case_id",
        text: "{row}.number || ' ' || coalesce({row}.customer_reference, '') || ' ' || {row}.title || ' ' || {row}.description",
        columns: "number, customer_reference, title, description",
    },
    Fts {
        table: "product_search",
        source: "installed_products",
        id: "product_id",
        text: "{row}.number || ' ' || {row}.serial_number || ' ' || coalesce({row}.technical_id, '') || ' ' || {row}.description",
        columns: "number, serial_number, technical_id, description",
    },
];

impl Fts {
    pub(crate) fn statements(&self) -> Vec<String> {
        let Fts {
            table,
            source,
            id,
            columns,
            ..
        } = self;
        let text = |row: &str| self.text.replace("{row}", row);
        let insert = format!(
            "INSERT INTO {table} ({id}, haystack) VALUES (new.id, {});",
            text("new")
        );
        vec![
            format!("CREATE VIRTUAL TABLE {table} USING fts5({id} UNINDEXED, haystack, tokenize = 'trigram')"),
            format!("INSERT INTO {table} ({id}, haystack) SELECT id, {} FROM {source} s", text("s")),
            format!("CREATE TRIGGER {table}_insert AFTER INSERT ON {source} BEGIN {insert} END"),
            // These columns rarely change (a product's state, a case's status do not fire it).
            format!(
                "CREATE TRIGGER {table}_update AFTER UPDATE OF {columns} ON {source} \
                 BEGIN DELETE FROM {table} WHERE {id} = old.id; {insert} END"
            ),
            format!("CREATE TRIGGER {table}_delete AFTER DELETE ON {source} BEGIN DELETE FROM {table} WHERE {id} = old.id; END"),
        ]
    }

    pub(crate) fn drops(&self) -> Vec<String> {
        let table = self.table;
        ["delete", "update", "insert"]
            .iter()
            .map(|t| format!("DROP TRIGGER {table}_{t}"))
            .chain([format!("DROP TABLE {table}")])
            .collect()
    }
}

pub(crate) async fn run(manager: &SchemaManager<'_>, statements: Vec<String>) -> Result<(), DbErr> {
    let statements: Vec<&str> = statements.iter().map(String::as_str).collect();
    execute_all(manager, &statements).await
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    if manager.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        return run(manager, FTS.iter().flat_map(Fts::statements).collect()).await;
    }
    run(
        manager,
        vec![
            // A trusted extension since PostgreSQL 13: a database owner may create it.
            "CREATE EXTENSION IF NOT EXISTS pg_trgm".to_owned(),
            format!("CREATE INDEX idx_cases_search ON cases USING gin (({CASE_HAYSTACK}) gin_trgm_ops)"),
            format!("CREATE INDEX idx_installed_products_search ON installed_products USING gin (({PRODUCT_HAYSTACK}) gin_trgm_ops)"),
            format!("CREATE INDEX idx_contracts_search ON contracts USING gin (({CONTRACT_HAYSTACK}) gin_trgm_ops)"),
            format!("CREATE INDEX idx_warranties_search ON warranties USING gin (({WARRANTY_HAYSTACK}) gin_trgm_ops)"),
        ],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    if manager.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        return run(manager, FTS.iter().rev().flat_map(Fts::drops).collect()).await;
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

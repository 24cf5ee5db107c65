//! SQL beside the repositories, for benchmarks and tests only: the exact
//! statements a list runs (a benchmark times them raw as its floor), and
//! plain SQL a test uses to look at or tamper with what was stored. The
//! application never uses this module.

use crate::db::Backend;
use crate::db::{Db, Sealed};
use crate::error::StoreResult;
use crate::repositories::accounts::AccountVisibility;
use crate::repositories::cases::{self, CaseFilter, CaseSort};
use crate::repositories::contracts;
use crate::repositories::installed_products::{self, PageRequest, ProductListing};
use crate::repositories::query::count_statement;
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbBackend, QueryTrait};

/// A statement built for one database.
#[derive(Debug, Clone)]
pub struct Statement(sea_orm::Statement);

impl Statement {
    /// The SQL text, with placeholders for its values.
    pub fn sql(&self) -> &str {
        &self.0.sql
    }
}

fn backend_of(db: &Db) -> DbBackend {
    match db.backend() {
        Backend::Sqlite => DbBackend::Sqlite,
        Backend::Postgres => DbBackend::Postgres,
    }
}

/// The count and the page that `GET /api/v1/cases` runs for these arguments.
pub fn case_list(
    db: &Db,
    visibility: AccountVisibility,
    filter: &CaseFilter,
    sort: CaseSort,
    descending: bool,
    page: PageRequest,
) -> Vec<Statement> {
    let backend = backend_of(db);
    let (count, sorted) =
        cases::list_statements(visibility, filter, sort, descending, page, backend);
    vec![Statement(count), Statement(sorted.build(backend))]
}

/// The count and the page that `GET /api/v1/installed-products` runs.
pub fn product_list(db: &Db, listing: &ProductListing) -> Vec<Statement> {
    let backend = backend_of(db);
    let (query, page_query) = installed_products::list_selects(listing);
    vec![
        // The paginator's count, as `list_visible` runs it.
        Statement(count_statement(query.build(backend), "sub_query", backend)),
        Statement(page_query.build(backend)),
    ]
}

/// The count and the page that `GET /api/v1/planned-events` runs.
pub fn planned_event_list(
    db: &Db,
    visibility: AccountVisibility,
    filter: &crate::repositories::planned_events::EventFilter,
    page: PageRequest,
) -> Vec<Statement> {
    let (count, page) = crate::repositories::planned_events::list_statements(
        visibility,
        filter,
        page,
        backend_of(db),
    );
    vec![Statement(count), Statement(page)]
}

/// The dashboard's two aggregates: products per operational state and
/// contracts per expiry status.
pub fn dashboard(db: &Db, visibility: AccountVisibility, today: NaiveDate) -> Vec<Statement> {
    let backend = backend_of(db);
    vec![
        Statement(installed_products::state_count_select(visibility).build(backend)),
        Statement(contracts::expiry_select(visibility, today).build(backend)),
    ]
}

/// The statements `GET /api/v1/search` runs for `term`: on SQLite the
/// full-text lookups of the cases it may find, then two a kind.
pub async fn search(
    db: &Db,
    visibility: AccountVisibility,
    term: &domain::search::SearchTerm,
    per_kind: u64,
) -> StoreResult<Vec<Statement>> {
    use crate::repositories::search::{case_lookup, statement, steps};
    use domain::search::SearchKind;
    let mut lookups = Vec::new();
    let cases = case_lookup(db.raw(), db.backend(), term, &mut lookups).await?;
    let backend = backend_of(db);
    let finding = SearchKind::ALL
        .iter()
        .filter(|kind| **kind != SearchKind::Case || !cases.finds_none())
        .flat_map(|kind| {
            steps(*kind, term, &cases)
                .iter()
                .map(move |step| (*kind, *step))
        })
        .map(|(kind, step)| {
            statement(kind, step, db.backend(), visibility, term, &cases)
                .limit(per_kind)
                .to_owned()
        });
    Ok(lookups
        .into_iter()
        .chain(finding)
        .map(|select| Statement(backend.build(&select)))
        .collect())
}

/// `sql` as it stands, without values: a benchmark's floor.
pub fn plain(db: &Db, sql: &str) -> Statement {
    Statement(sea_orm::Statement::from_string(backend_of(db), sql))
}

/// Runs `statement` and reads every row it answers (discarding them).
pub async fn run(db: &Db, statement: &Statement) -> StoreResult<()> {
    db.raw().query_all(statement.0.clone()).await?;
    Ok(())
}

/// Inserts `records` as new products in one transaction, 1,000 a statement:
/// the floor an import is measured against.
pub async fn bulk_insert_products(
    db: &Db,
    records: &[crate::repositories::imports::ProductRecord],
    now: chrono::DateTime<chrono::Utc>,
) -> StoreResult<()> {
    use crate::entities::installed_product;
    use sea_orm::{EntityTrait, Set};
    let tx = crate::db::Tx::begin(db).await?;
    for chunk in records.chunks(1000) {
        let rows = chunk.iter().map(|r| installed_product::ActiveModel {
            id: Set(uuid::Uuid::new_v4()),
            operational_state: Set("up".into()),
            coverage_end_date: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..crate::repositories::imports::active(r)
        });
        installed_product::Entity::insert_many(rows)
            .exec(tx.raw())
            .await?;
    }
    tx.commit().await
}

/// Runs SQL that answers no rows; returns how many rows it changed.
pub async fn execute(db: &Db, sql: &str) -> StoreResult<u64> {
    Ok(db.raw().execute_unprepared(sql).await?.rows_affected())
}

/// The text in `column` of the first row `sql` answers (None: no row, or NULL).
pub async fn first_text(db: &Db, sql: &str, column: &str) -> StoreResult<Option<String>> {
    let rows = query(db, sql).await?;
    Ok(match rows.first() {
        Some(row) => row.try_get::<Option<String>>("", column)?,
        None => None,
    })
}

/// The integer in `column` of the first row `sql` answers (None: no row, or NULL).
pub async fn first_integer(db: &Db, sql: &str, column: &str) -> StoreResult<Option<i64>> {
    let rows = query(db, sql).await?;
    Ok(match rows.first() {
        Some(row) => row.try_get::<Option<i64>>("", column)?,
        None => None,
    })
}

/// Every row: stepping a statement to its end keeps a pooled SQLite
/// connection from staying on an old snapshot of the schema.
async fn query(db: &Db, sql: &str) -> StoreResult<Vec<sea_orm::QueryResult>> {
    let raw = db.raw();
    Ok(raw
        .query_all(sea_orm::Statement::from_string(
            raw.get_database_backend(),
            sql.to_owned(),
        ))
        .await?)
}

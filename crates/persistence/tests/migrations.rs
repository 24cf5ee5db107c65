//! The real migrations on a real database: up, down to zero, up again, on
//! SQLite and, when `TEST_DATABASE_URL` is set, on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use persistence::{raw_sql, Backend, Db};

/// Every table the migrations make.
/// A migration that adds or drops a table changes this list.
const TABLES: &[&str] = &[
    "access_requests",
    "address_attempts",
    "account_assignments",
    "accounts",
    "audit_log",
    "calendar_feeds",
    "case_activities",
    "case_attachments",
    "case_numbers",
    "cases",
    "contact_confirmations",
    "contract_coverage",
    "contract_lines",
    "contracts",
    "documents",
    "email_outbox",
    "eol_notices",
    "report_digests",
    "report_views",
    "eol_subscriptions",
    "idempotency_keys",
    "import_runs",
    "installed_products",
    "mfa_recovery_codes",
    "password_history",
    "planned_events",
    "product_custom_details",
    "refresh_tokens",
    "security_log",
    "security_log_head",
    "slcp_links",
    "throttle_claims",
    "user_tokens",
    "users",
    "warranties",
];

/// The migrations' own bookkeeping: the one table left at zero.
const BOOKKEEPING: &str = "seaql_migrations";

/// The tables in the database, by name (SQLite's internal ones left out).
async fn tables(db: &Db) -> Vec<String> {
    let sql = match db.backend() {
        Backend::Sqlite => {
            // The search's FTS5 tables and their shadow tables are SQLite's
            // form of PostgreSQL's trigram indexes, not tables of the schema.
            "SELECT group_concat(name, ',') AS names FROM sqlite_master \
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%!_search%' ESCAPE '!'"
        }
        Backend::Postgres => {
            "SELECT string_agg(table_name, ',') AS names FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
    };
    // raw_sql steps the statement to its end: a half-read statement would
    // keep its SQLite connection on an old snapshot of the schema, and the
    // next migration run on it would see dropped indexes.
    let names = raw_sql::first_text(db, sql, "names").await.unwrap();
    let mut names: Vec<String> = names
        .iter()
        .flat_map(|n| n.split(','))
        .map(str::to_owned)
        .collect();
    names.sort_unstable();
    names
}

fn every_table() -> Vec<String> {
    let mut all: Vec<String> = TABLES.iter().map(|t| (*t).to_owned()).collect();
    all.push(BOOKKEEPING.to_owned());
    all.sort_unstable();
    all
}

#[tokio::test]
async fn migrations_make_every_table_drop_them_all_and_make_them_again() {
    let (url, _dir) = test_support::fresh_database_url().await.unwrap();
    // One connection: with a pool, SQLite twice answered the second `up`
    // with "index ... already exists" (a pooled connection reading an old
    // schema snapshot), a property of the pool, not of the migrations.
    let db = persistence::connect_single(&url).await.unwrap();

    persistence::migrate_up(&db).await.unwrap();
    assert_eq!(tables(&db).await, every_table(), "after up");

    persistence::migrate_down_all(&db).await.unwrap();
    assert_eq!(tables(&db).await, [BOOKKEEPING], "after down to zero");

    persistence::migrate_up(&db).await.unwrap();
    assert_eq!(tables(&db).await, every_table(), "after up again");
}

/// Migration 21: the one shared row of custom details becomes one row per
/// parent account that sees the product, so neither side loses its names.
#[tokio::test]
async fn custom_details_of_a_shared_product_are_kept_for_both_parent_accounts() {
    use migration::{Migrator, MigratorTrait};
    use sea_orm::sea_query::{Alias, Query};
    use sea_orm::{ConnectionTrait, Database};

    let (url, _dir) = test_support::fresh_database_url().await.unwrap();
    let conn = Database::connect(&url).await.unwrap();
    // Up to the last migration before per-parent details.
    Migrator::up(&conn, Some(20)).await.unwrap();
    let backend = conn.get_database_backend();
    let now = chrono::Utc::now();
    let insert = |table: &str, row: Vec<(&str, sea_orm::Value)>| {
        let (columns, values): (Vec<_>, Vec<_>) = row.into_iter().unzip();
        let statement = Query::insert()
            .into_table(Alias::new(table))
            .columns(columns.into_iter().map(Alias::new))
            .values_panic(values.into_iter().map(Into::into))
            .to_owned();
        let conn = &conn;
        async move { conn.execute(backend.build(&statement)).await.unwrap() }
    };
    let (hospital, lessor) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
    for (id, name) in [(hospital, "Lindenhaven"), (lessor, "MedLease")] {
        let account = vec![
            ("id", id.into()),
            ("parent_account_id", id.into()),
            ("name", name.into()),
            ("kind", "hospital".into()),
            ("country", "NL".into()),
            ("created_at", now.into()),
        ];
        insert("accounts", account).await;
    }
    let product = uuid::Uuid::new_v4();
    let text = |t: &str| sea_orm::Value::from(t);
    let leased = vec![
        ("id", product.into()),
        ("number", text("IP-1")),
        ("description", text("CT")),
        ("serial_number", text("SN-1")),
        ("modality", text("ct")),
        ("product_family", text("CT family")),
        ("kind", text("system")),
        ("status", text("installed")),
        ("owner_account_id", lessor.into()),
        ("location_account_id", hospital.into()),
        ("custom_name", text("CT Cardio 2")),
        ("customer_reference", text("ASSET-42")),
        ("created_at", now.into()),
        ("updated_at", now.into()),
    ];
    insert("installed_products", leased).await;

    Migrator::up(&conn, None).await.unwrap();
    let select = Query::select()
        .columns(["parent_account_id", "custom_name", "customer_reference"].map(Alias::new))
        .from(Alias::new("product_custom_details"))
        .and_where(sea_orm::sea_query::Expr::col(Alias::new("installed_product_id")).eq(product))
        .to_owned();
    let rows = conn.query_all(backend.build(&select)).await.unwrap();
    let mut kept: Vec<(uuid::Uuid, String, String)> = rows
        .iter()
        .map(|row| {
            (
                row.try_get("", "parent_account_id").unwrap(),
                row.try_get("", "custom_name").unwrap(),
                row.try_get("", "customer_reference").unwrap(),
            )
        })
        .collect();
    kept.sort();
    let mut expected = vec![
        (hospital, "CT Cardio 2".to_owned(), "ASSET-42".to_owned()),
        (lessor, "CT Cardio 2".to_owned(), "ASSET-42".to_owned()),
    ];
    expected.sort();
    assert_eq!(kept, expected);
}

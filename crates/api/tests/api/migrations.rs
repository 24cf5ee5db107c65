use sea_orm::{ConnectionTrait, Statement};

async fn table_count(db: &persistence::DatabaseConnection) -> i64 {
    let sql = match db.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => {
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('accounts','users','account_assignments','refresh_tokens','audit_log')"
        }
        _ => {
            "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('accounts','users','account_assignments','refresh_tokens','audit_log')"
        }
    };
    // query_all steps the statement to its end: a half-read statement would
    // keep its pooled SQLite connection on an old snapshot of the schema,
    // and a later migration run on that connection would see dropped indexes.
    let rows = db
        .query_all(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap();
    rows[0].try_get::<i64>("", "n").unwrap()
}

#[tokio::test]
async fn migrations_run_up_down_to_zero_and_up_again() {
    // One connection: with a pool, SQLite twice answered the second `up`
    // with "index ... already exists" (a pooled connection reading an old
    // schema snapshot), a property of the pool, not of the migrations.
    let (pooled, _dir, url) = test_support::fresh_database_with_url().await.unwrap();
    drop(pooled);
    let mut options = sea_orm::ConnectOptions::new(url);
    options.max_connections(1).min_connections(1);
    let db = sea_orm::Database::connect(options).await.unwrap();
    persistence::migrate_up(&db).await.unwrap();
    assert_eq!(table_count(&db).await, 5);
    persistence::migrate_down_all(&db).await.unwrap();
    assert_eq!(table_count(&db).await, 0);
    persistence::migrate_up(&db).await.unwrap();
    assert_eq!(table_count(&db).await, 5);
}

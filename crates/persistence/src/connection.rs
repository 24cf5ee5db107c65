use crate::db::{Backend, Db, Sealed};
use crate::error::{StoreError, StoreResult};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database};
use std::time::Duration;

/// Connects to SQLite (WAL, foreign keys on) or PostgreSQL, with timeouts short
/// enough that an outage answers 503 quickly instead of hanging requests.
pub async fn connect(url: &str) -> StoreResult<Db> {
    connect_pool(url, None).await
}

/// [`connect`] with a pool of exactly one connection, for tests that must
/// not meet a pooled SQLite connection still reading an old schema.
pub async fn connect_single(url: &str) -> StoreResult<Db> {
    connect_pool(url, Some(1)).await
}

async fn connect_pool(url: &str, size: Option<u32>) -> StoreResult<Db> {
    let backend = Backend::of_url(url).ok_or_else(|| {
        StoreError::Corrupt(format!(
            "DATABASE_URL must start with sqlite: or postgres://, got {:?}",
            url.split(':').next().unwrap_or_default()
        ))
    })?;
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    match backend {
        Backend::Sqlite => {
            options.max_connections(8).min_connections(1);
            options.map_sqlx_sqlite_opts(|o| {
                o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                    .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5))
                    .create_if_missing(true)
            });
        }
        Backend::Postgres => {
            options.max_connections(20).min_connections(1);
        }
    }
    if let Some(size) = size {
        options.max_connections(size).min_connections(size);
    }
    let db = Database::connect(options).await?;
    db.execute_unprepared("SELECT 1").await?;
    Ok(Db::new(db))
}

pub async fn migrate_up(db: &Db) -> StoreResult<()> {
    Migrator::up(db.raw(), None).await?;
    Ok(())
}

pub async fn migrate_down_all(db: &Db) -> StoreResult<()> {
    Migrator::down(db.raw(), None).await?;
    Ok(())
}

/// A cheap round trip for `/readyz`.
pub async fn ping(db: &Db) -> StoreResult<()> {
    db.raw().ping().await?;
    Ok(())
}

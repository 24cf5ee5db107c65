use crate::error::{StoreError, StoreResult};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// Connects to SQLite (WAL, foreign keys on) or PostgreSQL, with timeouts short
/// enough that an outage answers 503 quickly instead of hanging requests.
pub async fn connect(url: &str) -> StoreResult<DatabaseConnection> {
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
    let db = Database::connect(options).await?;
    db.execute_unprepared("SELECT 1").await?;
    Ok(db)
}

pub async fn migrate_up(db: &DatabaseConnection) -> StoreResult<()> {
    Migrator::up(db, None).await?;
    Ok(())
}

pub async fn migrate_down_all(db: &DatabaseConnection) -> StoreResult<()> {
    Migrator::down(db, None).await?;
    Ok(())
}

/// A cheap round trip for `/readyz`.
pub async fn ping(db: &DatabaseConnection) -> StoreResult<()> {
    db.ping().await?;
    Ok(())
}

//! The database handle and its transactions. sea-orm stays inside this
//! crate: callers hold a [`Db`], open a [`Tx`] with [`Db::transaction`], and
//! hand either to the repositories, which take `&impl Conn`.

use crate::error::{StoreError, StoreResult};
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, TransactionTrait};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// How long a transaction waits for SQLite's writer before the request is
/// answered 503 (as when the pool has no connection to give).
const WRITER_WAIT: Duration = Duration::from_secs(10);

/// The connection pool. Cheap to clone: clones share the pool.
#[derive(Debug, Clone)]
pub struct Db {
    pool: DatabaseConnection,
    /// SQLite: one write transaction at a time in this process. SQLite has
    /// one writer anyway; waiting here instead of in the database keeps a
    /// burst of transactions, each of which may borrow a second pooled
    /// connection for a read, from holding every connection and waiting
    /// for a ninth (the pool timed out and 29 of 30 concurrent user
    /// creations answered 503). PostgreSQL needs no gate.
    writer: Option<Arc<tokio::sync::Mutex<()>>>,
}

/// An open transaction, lent to the closure of [`Db::transaction`].
pub struct Tx(DatabaseTransaction);

impl fmt::Debug for Tx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Tx")
    }
}

pub(crate) mod sealed {
    /// What the repositories run their statements on. Private: only this
    /// crate can reach the sea-orm connection inside a [`super::Conn`].
    pub trait Sealed {
        type Raw: sea_orm::ConnectionTrait + sea_orm::TransactionTrait;
        fn raw(&self) -> &Self::Raw;
    }
}

pub(crate) use sealed::Sealed;

/// Where a repository call runs: the pool ([`Db`], each statement on its
/// own) or a transaction ([`Tx`]). Implemented by those two only.
pub trait Conn: sealed::Sealed + Sync {}

impl sealed::Sealed for Db {
    type Raw = DatabaseConnection;
    fn raw(&self) -> &DatabaseConnection {
        &self.pool
    }
}

impl Conn for Db {}

impl sealed::Sealed for Tx {
    type Raw = DatabaseTransaction;
    fn raw(&self) -> &DatabaseTransaction {
        &self.0
    }
}

impl Conn for Tx {}

impl Db {
    pub(crate) fn new(connection: DatabaseConnection) -> Self {
        let writer = (connection.get_database_backend() == sea_orm::DatabaseBackend::Sqlite)
            .then(|| Arc::new(tokio::sync::Mutex::new(())));
        Self {
            pool: connection,
            writer,
        }
    }

    /// The pool's connections: (in use, idle), for the metrics.
    pub fn pool_connections(&self) -> (i64, i64) {
        let (size, idle) = match self.backend() {
            Backend::Postgres => {
                let pool = self.pool.get_postgres_connection_pool();
                (pool.size(), pool.num_idle())
            }
            Backend::Sqlite => {
                let pool = self.pool.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle())
            }
        };
        let idle = i64::try_from(idle).unwrap_or(i64::MAX);
        (i64::from(size) - idle, idle)
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.pool.get_database_backend().into()
    }

    /// Runs `work` in one transaction: committed when it answers `Ok`,
    /// rolled back when it answers `Err` (or panics). A failure to begin or
    /// commit comes back as `E::from(StoreError)`.
    ///
    /// ```ignore
    /// let id = db.transaction(async |tx| {
    ///     repositories::cases::insert(tx, new_case).await?;
    ///     repositories::audit::append(tx, &entry).await?;
    ///     Ok::<_, ApiError>(id)
    /// }).await?;
    /// ```
    pub async fn transaction<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: AsyncFnOnce(&Tx) -> Result<T, E>,
        E: From<StoreError>,
    {
        let _writing = match &self.writer {
            Some(writer) => Some(
                tokio::time::timeout(WRITER_WAIT, writer.lock())
                    .await
                    .map_err(|_| StoreError::Unavailable(crate::error::DatabaseError::busy()))?,
            ),
            None => None,
        };
        let tx = Tx::begin(self).await?;
        match work(&tx).await {
            Ok(value) => {
                tx.commit().await?;
                Ok(value)
            }
            Err(err) => {
                if let Err(rollback) = tx.0.rollback().await {
                    tracing::debug!(error = %rollback, "rollback failed; the connection drops it");
                }
                Err(err)
            }
        }
    }
}

impl Tx {
    pub(crate) async fn begin(db: &Db) -> StoreResult<Tx> {
        Ok(Tx(db.pool.begin().await?))
    }

    pub(crate) async fn commit(self) -> StoreResult<()> {
        Ok(self.0.commit().await?)
    }
}

/// Which database a [`Db`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl From<sea_orm::DatabaseBackend> for Backend {
    fn from(backend: sea_orm::DatabaseBackend) -> Self {
        match backend {
            sea_orm::DatabaseBackend::Postgres => Backend::Postgres,
            // MySQL is not supported; `connect` refuses its URLs.
            sea_orm::DatabaseBackend::Sqlite | sea_orm::DatabaseBackend::MySql => Backend::Sqlite,
        }
    }
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

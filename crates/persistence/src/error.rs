use std::fmt;

/// A storage failure. Callers decide whether it is their fault (a conflict) or ours.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database is unavailable")]
    Unavailable(#[source] DatabaseError),
    #[error("a unique value is already taken: {0}")]
    Duplicate(String),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    #[error("database error")]
    Database(#[source] DatabaseError),
}

/// What the database driver reported, for the logs' cause chain (its text
/// and its own causes); opaque, so no driver type leaves this crate.
pub struct DatabaseError(sea_orm::DbErr);

impl DatabaseError {
    /// The writer stayed busy longer than a request waits for it.
    pub(crate) fn busy() -> Self {
        DatabaseError(sea_orm::DbErr::ConnectionAcquire(
            sea_orm::ConnAcquireErr::Timeout,
        ))
    }
}

impl fmt::Debug for DatabaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for DatabaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for DatabaseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.0)
    }
}

impl From<sea_orm::DbErr> for StoreError {
    fn from(err: sea_orm::DbErr) -> Self {
        use sea_orm::{DbErr, SqlErr};
        if let Some(SqlErr::UniqueConstraintViolation(detail)) = err.sql_err() {
            return StoreError::Duplicate(detail);
        }
        if connection_lost(&err) {
            return StoreError::Unavailable(DatabaseError(err));
        }
        match err {
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => {
                StoreError::Unavailable(DatabaseError(err))
            }
            other => StoreError::Database(DatabaseError(other)),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// The error for a field of stored `record` `id` that does not read back
/// (`corrupt("status")` gives "case <id>: status").
pub(crate) fn corrupt_field<I: fmt::Display>(
    record: &'static str,
    id: I,
) -> impl Fn(&str) -> StoreError {
    move |what| StoreError::Corrupt(format!("{record} {id}: {what}"))
}

/// Whether a statement failed because the database went away (stopped,
/// restarted, unreachable) rather than because of the statement: callers
/// are told to come back shortly, and the pool reconnects by itself.
fn connection_lost(err: &sea_orm::DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    use sea_orm::{DbErr, RuntimeErr};
    let (DbErr::Query(RuntimeErr::SqlxError(sqlx))
    | DbErr::Exec(RuntimeErr::SqlxError(sqlx))
    | DbErr::Conn(RuntimeErr::SqlxError(sqlx))) = err
    else {
        return false;
    };
    match sqlx {
        Sqlx::Io(_)
        | Sqlx::Tls(_)
        | Sqlx::PoolTimedOut
        | Sqlx::PoolClosed
        | Sqlx::WorkerCrashed => true,
        // PostgreSQL's "connection exception" class (08) and its shutdown
        // and crash answers (57P01-57P03).
        Sqlx::Database(db) => db.code().is_some_and(|code| {
            code.starts_with("08") || matches!(code.as_ref(), "57P01" | "57P02" | "57P03")
        }),
        _ => false,
    }
}

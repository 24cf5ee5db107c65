//! The account lockout's counter, changed only by single conditional
//! statements: concurrent requests and several server processes agree
//! without reading first. An attempt is reserved (counted as a failure)
//! before its secret is checked, so a burst of guesses cannot all be judged
//! on a count read before any of them was counted.

use crate::db::Conn;
use crate::entities::user;
use crate::error::StoreResult;
use crate::repositories::users::update_user;
use chrono::{DateTime, Duration, Utc};
use domain::account_security::{LOCKOUT_MINUTES, LOCKOUT_THRESHOLD};
use domain::UserId;
use sea_orm::sea_query::{CaseStatement, Expr, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, IdenStatic, QueryFilter, QueryTrait};

/// A reserved attempt; the one that reached the threshold carries the lock
/// it has set already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reserved {
    pub locks_until: Option<DateTime<Utc>>,
}

fn col(column: user::Column) -> Expr {
    Expr::col((user::Entity, column))
}

/// Counts one attempt against `id` unless the account is locked (None then,
/// and for an unknown id). A lock that has run out starts a fresh count; the
/// attempt that reaches the threshold sets the lock in the same statement,
/// so a request that dies before its verdict cannot leave the count open.
pub async fn reserve(
    db: &impl Conn,
    id: UserId,
    now: DateTime<Utc>,
) -> StoreResult<Option<Reserved>> {
    let threshold = i32::try_from(LOCKOUT_THRESHOLD).unwrap_or(i32::MAX);
    let until = now + Duration::minutes(LOCKOUT_MINUTES);
    let lock_ran_out = || {
        col(user::Column::LockedUntil)
            .is_not_null()
            .and(col(user::Column::LockedUntil).lte(now))
    };
    let unlocked = col(user::Column::LockedUntil)
        .is_null()
        .and(col(user::Column::FailedLogins).lt(threshold));
    // Both SETs read the row as it was (SQL evaluates them before writing).
    let count: SimpleExpr = CaseStatement::new()
        .case(lock_ran_out(), Expr::val(1))
        .finally(col(user::Column::FailedLogins).add(1))
        .into();
    let lock: SimpleExpr = CaseStatement::new()
        .case(
            col(user::Column::LockedUntil)
                .is_null()
                .and(col(user::Column::FailedLogins).gte(threshold - 1)),
            Expr::val(until),
        )
        .finally(Expr::val(None::<DateTime<Utc>>))
        .into();
    let mut statement = update_user(id)
        .col_expr(user::Column::FailedLogins, count)
        .col_expr(user::Column::LockedUntil, lock)
        .filter(unlocked.or(lock_ran_out()))
        .into_query();
    // RETURNING (SQLite 3.35+, PostgreSQL): whether this attempt set the lock.
    statement.returning(Query::returning().column(user::Column::LockedUntil));
    let db = db.raw();
    let row = db
        .query_one(db.get_database_backend().build(&statement))
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(Some(Reserved {
        locks_until: row.try_get("", user::Column::LockedUntil.as_str())?,
    }))
}

/// The secret was right and the user is in: the count and any lock go.
pub async fn clear(db: &impl Conn, id: UserId) -> StoreResult<()> {
    update_user(id)
        .col_expr(user::Column::FailedLogins, Expr::value(0))
        .col_expr(
            user::Column::LockedUntil,
            Expr::value(None::<DateTime<Utc>>),
        )
        .exec(db.raw())
        .await?;
    Ok(())
}

/// The secret was right but the step proves nothing more (a second factor
/// is still due): the attempt no longer counts. Only the attempt that set
/// the lock may lift it; nobody could reserve after it.
pub async fn release(db: &impl Conn, id: UserId, reserved: Reserved) -> StoreResult<()> {
    let count: SimpleExpr = CaseStatement::new()
        .case(
            col(user::Column::FailedLogins).gt(0),
            col(user::Column::FailedLogins).sub(1),
        )
        .finally(Expr::val(0))
        .into();
    let mut update = update_user(id).col_expr(user::Column::FailedLogins, count);
    if reserved.locks_until.is_some() {
        update = update.col_expr(
            user::Column::LockedUntil,
            Expr::value(None::<DateTime<Utc>>),
        );
    }
    update.exec(db.raw()).await?;
    Ok(())
}

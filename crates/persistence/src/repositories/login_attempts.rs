//! The account lockout's counters, changed only by single conditional
//! statements, so concurrent requests and several server processes agree
//! without reading first. An attempt takes a slot before its secret is
//! checked: failures plus attempts being checked never exceed the
//! threshold, so a burst of guesses gets no more judged than a slow
//! attacker would, and right passwords checked at the same moment wait for
//! a slot instead of counting as failures.

use crate::db::Conn;
use crate::entities::user;
use crate::error::StoreResult;
use crate::repositories::users::update_user;
use chrono::{DateTime, Duration, Utc};
use domain::account_security::{LOCKOUT_MINUTES, LOCKOUT_THRESHOLD};
use domain::UserId;
use sea_orm::sea_query::{CaseStatement, Expr, Query, SimpleExpr, UpdateStatement};
use sea_orm::{ConnectionTrait, EntityTrait, IdenStatic, QueryFilter, QueryTrait};

/// A login takes well under a second: slots reserved longer ago than this
/// belong to requests that died before their verdict, and are freed.
const STALE_SECONDS: i64 = 30;

/// What [`reserve`] got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// A slot: check the secret, then call [`wrong`], [`passed`] or [`release`].
    Granted,
    /// Locked (or no such user): refuse without checking.
    Locked,
    /// Every slot is taken by attempts being checked: try again shortly.
    Busy,
}

fn col(column: user::Column) -> Expr {
    Expr::col((user::Entity, column))
}

fn case(
    condition: SimpleExpr,
    then: impl Into<SimpleExpr>,
    otherwise: impl Into<SimpleExpr>,
) -> SimpleExpr {
    CaseStatement::new()
        .case(condition, then.into())
        .finally(otherwise.into())
        .into()
}

fn threshold() -> i32 {
    i32::try_from(LOCKOUT_THRESHOLD).unwrap_or(i32::MAX)
}

/// One fewer attempt in flight (never below zero: a slot freed as stale may
/// still be given back by its request).
fn one_fewer_in_flight() -> SimpleExpr {
    let in_flight = || col(user::Column::LoginAttemptsInFlight);
    case(in_flight().gt(0), in_flight().sub(1), Expr::val(0))
}

/// Runs `update` for the one user and returns the columns it asks back.
async fn run_returning(
    db: &impl Conn,
    mut update: UpdateStatement,
    columns: &[user::Column],
) -> StoreResult<Option<sea_orm::QueryResult>> {
    // RETURNING: SQLite 3.35+ and PostgreSQL both answer it.
    update.returning(Query::returning().columns(columns.iter().copied()));
    let db = db.raw();
    Ok(db
        .query_one(db.get_database_backend().build(&update))
        .await?)
}

/// Takes a slot for one attempt against `id`. A lock that has run out
/// starts a fresh count.
pub async fn reserve(db: &impl Conn, id: UserId, now: DateTime<Utc>) -> StoreResult<Reservation> {
    let lock_ran_out = || {
        col(user::Column::LockedUntil)
            .is_not_null()
            .and(col(user::Column::LockedUntil).lte(now))
    };
    let stale =
        || col(user::Column::LoginAttemptReservedAt).lt(now - Duration::seconds(STALE_SECONDS));
    // Every SET reads the row as it was (SQL evaluates them before writing).
    let failures = || {
        case(
            lock_ran_out(),
            Expr::val(0),
            col(user::Column::FailedLogins),
        )
    };
    let in_flight = || {
        case(
            stale(),
            Expr::val(0),
            col(user::Column::LoginAttemptsInFlight),
        )
    };
    let update = update_user(id)
        .col_expr(user::Column::FailedLogins, failures())
        .col_expr(
            user::Column::LockedUntil,
            case(
                lock_ran_out(),
                Expr::val(None::<DateTime<Utc>>),
                col(user::Column::LockedUntil),
            ),
        )
        .col_expr(
            user::Column::LoginAttemptsInFlight,
            Expr::expr(in_flight()).add(1),
        )
        .col_expr(user::Column::LoginAttemptReservedAt, Expr::value(now))
        .filter(col(user::Column::LockedUntil).is_null().or(lock_ran_out()))
        .filter(Expr::expr(Expr::expr(failures()).add(in_flight())).lt(threshold()))
        .into_query();
    if run_returning(db, update, &[user::Column::Id])
        .await?
        .is_some()
    {
        return Ok(Reservation::Granted);
    }
    let row = user::Entity::find_by_id(id.as_uuid()).one(db.raw()).await?;
    Ok(match row {
        Some(row) if row.locked_until.is_none_or(|until| until <= now) => Reservation::Busy,
        _ => Reservation::Locked,
    })
}

/// The secret was wrong: it counts. The attempt that brings the failures to
/// the threshold sets the lock and gets its end back (once: every other
/// attempt was refused a slot from then on).
pub async fn wrong(
    db: &impl Conn,
    id: UserId,
    now: DateTime<Utc>,
) -> StoreResult<Option<DateTime<Utc>>> {
    let until = now + Duration::minutes(LOCKOUT_MINUTES);
    let reaches_threshold = Expr::expr(col(user::Column::FailedLogins).add(1)).gte(threshold());
    let update = update_user(id)
        .col_expr(
            user::Column::FailedLogins,
            col(user::Column::FailedLogins).add(1),
        )
        .col_expr(user::Column::LoginAttemptsInFlight, one_fewer_in_flight())
        .col_expr(
            user::Column::LockedUntil,
            case(
                reaches_threshold.and(col(user::Column::LockedUntil).is_null()),
                Expr::val(until),
                col(user::Column::LockedUntil),
            ),
        )
        .into_query();
    let returned = [user::Column::FailedLogins, user::Column::LockedUntil];
    let Some(row) = run_returning(db, update, &returned).await? else {
        return Ok(None);
    };
    let failures: i32 = row.try_get("", user::Column::FailedLogins.as_str())?;
    let locked_until: Option<DateTime<Utc>> =
        row.try_get("", user::Column::LockedUntil.as_str())?;
    Ok(locked_until.filter(|_| failures == threshold()))
}

/// Every secret was right and the user is in: the failures and any lock go.
pub async fn passed(db: &impl Conn, id: UserId) -> StoreResult<()> {
    update_user(id)
        .col_expr(user::Column::FailedLogins, Expr::value(0))
        .col_expr(
            user::Column::LockedUntil,
            Expr::value(None::<DateTime<Utc>>),
        )
        .col_expr(user::Column::LoginAttemptsInFlight, one_fewer_in_flight())
        .exec(db.raw())
        .await?;
    Ok(())
}

/// The secret was right but proves nothing on its own (a second factor is
/// still due, or it only confirmed a change): the slot is given back and the
/// failures stay as they were.
pub async fn release(db: &impl Conn, id: UserId) -> StoreResult<()> {
    update_user(id)
        .col_expr(user::Column::LoginAttemptsInFlight, one_fewer_in_flight())
        .exec(db.raw())
        .await?;
    Ok(())
}

//! Imports as they run and as they ended: what the import page reads back,
//! from any server process.

use crate::db::Conn;
use crate::entities::import_run;
use crate::error::StoreResult;
use chrono::{DateTime, Utc};
use domain::UserId;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryTrait, Set};
use uuid::Uuid;

pub const RUNNING: &str = "running";
pub const DONE: &str = "done";
pub const FAILED: &str = "failed";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRun {
    pub id: Uuid,
    pub kind: String,
    pub dry_run: bool,
    /// [`RUNNING`], [`DONE`] or [`FAILED`].
    pub status: String,
    pub requested_by: Option<UserId>,
    pub rows_total: u64,
    pub rows_done: u64,
    pub heartbeat_at: DateTime<Utc>,
    /// The report as JSON, once it is done (or why it failed).
    pub report: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

pub async fn start(
    db: &impl Conn,
    id: Uuid,
    kind: &str,
    dry_run: bool,
    requested_by: UserId,
    rows_total: u64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    import_run::ActiveModel {
        id: Set(id),
        kind: Set(kind.to_owned()),
        dry_run: Set(dry_run),
        status: Set(RUNNING.to_owned()),
        requested_by: Set(Some(requested_by.as_uuid())),
        rows_total: Set(i64::try_from(rows_total).unwrap_or(i64::MAX)),
        rows_done: Set(0),
        heartbeat_at: Set(now),
        report: Set(None),
        created_at: Set(now),
        finished_at: Set(None),
    }
    .insert(db.raw())
    .await?;
    Ok(())
}

/// Ends a run as [`DONE`] or [`FAILED`] with its report.
pub async fn finish(
    db: &impl Conn,
    id: Uuid,
    status: &str,
    report: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    import_run::Entity::update_many()
        .col_expr(import_run::Column::Status, Expr::value(status))
        .col_expr(import_run::Column::Report, Expr::value(report))
        .col_expr(import_run::Column::FinishedAt, Expr::value(now))
        .filter(import_run::Column::Id.eq(id))
        .exec(db.raw())
        .await?;
    Ok(())
}

pub async fn find(db: &impl Conn, id: Uuid) -> StoreResult<Option<ImportRun>> {
    Ok(import_run::Entity::find_by_id(id)
        .one(db.raw())
        .await?
        .map(|m| ImportRun {
            id: m.id,
            kind: m.kind,
            dry_run: m.dry_run,
            status: m.status,
            requested_by: m.requested_by.map(UserId::from_uuid),
            rows_total: u64::try_from(m.rows_total).unwrap_or(0),
            rows_done: u64::try_from(m.rows_done).unwrap_or(0),
            heartbeat_at: m.heartbeat_at,
            report: m.report,
            created_at: m.created_at,
            finished_at: m.finished_at,
        }))
}

/// How far a run got (and that it is alive).
pub async fn progress(
    db: &impl Conn,
    id: Uuid,
    rows_done: u64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    import_run::Entity::update_many()
        .col_expr(
            import_run::Column::RowsDone,
            Expr::value(i64::try_from(rows_done).unwrap_or(i64::MAX)),
        )
        .col_expr(import_run::Column::HeartbeatAt, Expr::value(now))
        .filter(import_run::Column::Id.eq(id))
        .exec(db.raw())
        .await?;
    Ok(())
}

/// Runs a stopped server left behind, failed with `why`: those without a
/// heartbeat since `stale_before` (or every one, without it), apart from
/// the ones in `alive`.
pub async fn fail_abandoned(
    db: &impl Conn,
    why: &str,
    stale_before: Option<DateTime<Utc>>,
    alive: &[Uuid],
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let result = import_run::Entity::update_many()
        .col_expr(import_run::Column::Status, Expr::value(FAILED))
        .col_expr(import_run::Column::Report, Expr::value(why))
        .col_expr(import_run::Column::FinishedAt, Expr::value(now))
        .filter(import_run::Column::Status.eq(RUNNING))
        .filter(import_run::Column::Id.is_not_in(alive.iter().copied()))
        .apply_if(stale_before, |q, before| {
            q.filter(import_run::Column::HeartbeatAt.lt(before))
        })
        .exec(db.raw())
        .await?;
    Ok(result.rows_affected)
}

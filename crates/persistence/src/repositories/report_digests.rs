//! Subscriptions to saved views (digests). A due digest is claimed with a
//! conditional update, like the outbox's emails, so of several server
//! processes one makes it; the claim is a lease, so a process that stops
//! halfway leaves it to another.

use crate::db::Conn;
use crate::entities::report_digest;
use crate::error::{corrupt_field, StoreResult};
use crate::repositories::query::{claim_leases, lease_free};
use chrono::{DateTime, Duration, Utc};
use domain::report::digest::Cadence;
use domain::UserId;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;
use uuid::Uuid;

use report_digest::Column as D;

/// A user's subscription to a view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub id: Uuid,
    pub view_id: Uuid,
    pub user: UserId,
    pub cadence: Cadence,
    pub next_send_at: DateTime<Utc>,
    /// Set while a process makes it: the claim's end.
    pub locked_until: Option<DateTime<Utc>>,
    pub last_sent_at: Option<DateTime<Utc>>,
}

impl TryFrom<report_digest::Model> for Digest {
    type Error = crate::StoreError;

    fn try_from(m: report_digest::Model) -> StoreResult<Self> {
        Ok(Digest {
            cadence: m
                .cadence
                .parse()
                .map_err(|_| corrupt_field("report digest", m.id)("cadence"))?,
            id: m.id,
            view_id: m.view_id,
            user: UserId::from_uuid(m.user_id),
            next_send_at: m.next_send_at,
            locked_until: m.locked_until,
            last_sent_at: m.last_sent_at,
        })
    }
}

/// Subscribes `user` to `view` (or changes how often), the next digest
/// going at `next_send_at`.
pub async fn subscribe(
    db: &impl Conn,
    user: UserId,
    view: Uuid,
    cadence: Cadence,
    next_send_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<Digest> {
    // One statement, so two requests at once cannot make two rows.
    report_digest::Entity::insert(report_digest::ActiveModel {
        id: Set(Uuid::now_v7()),
        view_id: Set(view),
        user_id: Set(user.as_uuid()),
        cadence: Set(cadence.as_str().to_owned()),
        next_send_at: Set(next_send_at),
        locked_until: Set(None),
        last_sent_at: Set(None),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([D::UserId, D::ViewId])
            .update_columns([D::Cadence, D::NextSendAt])
            .to_owned(),
    )
    .exec_without_returning(db.raw())
    .await?;
    find(db, user, view)
        .await?
        .ok_or_else(|| crate::StoreError::Corrupt("a digest just saved is gone".into()))
}

/// Ends `user`'s digest of `view`; false when there was none.
pub async fn unsubscribe(db: &impl Conn, user: UserId, view: Uuid) -> StoreResult<bool> {
    let deleted = report_digest::Entity::delete_many()
        .filter(D::UserId.eq(user.as_uuid()))
        .filter(D::ViewId.eq(view))
        .exec(db.raw())
        .await?;
    Ok(deleted.rows_affected > 0)
}

/// Ends a digest by its id (its subscriber no longer sees the view).
pub async fn remove(db: &impl Conn, id: Uuid) -> StoreResult<()> {
    report_digest::Entity::delete_by_id(id)
        .exec(db.raw())
        .await?;
    Ok(())
}

pub async fn find(db: &impl Conn, user: UserId, view: Uuid) -> StoreResult<Option<Digest>> {
    report_digest::Entity::find()
        .filter(D::UserId.eq(user.as_uuid()))
        .filter(D::ViewId.eq(view))
        .one(db.raw())
        .await?
        .map(Digest::try_from)
        .transpose()
}

/// `user`'s digests of the given views, by view.
pub async fn of_views(
    db: &impl Conn,
    user: UserId,
    views: Vec<Uuid>,
) -> StoreResult<HashMap<Uuid, Digest>> {
    report_digest::Entity::find()
        .filter(D::UserId.eq(user.as_uuid()))
        .filter(D::ViewId.is_in(views))
        .all(db.raw())
        .await?
        .into_iter()
        .map(|m| Digest::try_from(m).map(|d| (d.view_id, d)))
        .collect()
}

fn due_and_free(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(D::NextSendAt.lte(now))
        .add(lease_free(D::LockedUntil, now))
}

/// Claims up to `limit` due digests until `now + lease`; each claim is a
/// conditional update, so one process wins each digest.
pub async fn claim_due(
    db: &impl Conn,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> StoreResult<Vec<Digest>> {
    let claimed = claim_leases::<report_digest::Entity>(
        db,
        (D::Id, D::NextSendAt),
        || due_and_free(now),
        limit,
        |update| update.col_expr(D::LockedUntil, Expr::value(now + lease)),
    )
    .await?;
    claimed.into_iter().map(Digest::try_from).collect()
}

/// Records that `claimed` went (or was skipped) and sets the next one;
/// false when its claim had run out and another process took it over, in
/// which case the caller must not send it.
pub async fn done(
    db: &impl Conn,
    claimed: &Digest,
    sent: bool,
    next_send_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let mut update = report_digest::Entity::update_many()
        .col_expr(D::NextSendAt, Expr::value(next_send_at))
        .col_expr(D::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(D::Id.eq(claimed.id))
        .filter(D::LockedUntil.eq(claimed.locked_until));
    if sent {
        update = update.col_expr(D::LastSentAt, Expr::value(now));
    }
    Ok(update.exec(db.raw()).await?.rows_affected == 1)
}

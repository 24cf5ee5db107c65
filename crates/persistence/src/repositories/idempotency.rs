//! Stored responses of requests sent with an `Idempotency-Key`.

use crate::db::Conn;
use crate::entities::idempotency_key;
use crate::error::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use domain::UserId;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use idempotency_key::Column as K;

/// What a key already stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// First use: the caller processes the request and then calls `complete`.
    Claimed,
    /// Used before with the same body: here is the first response.
    Replay { status: u16, body: String },
    /// Used before with the same body, and that request has not finished.
    InProgress,
    /// Used before with another body.
    Mismatch,
}

/// Claims `key` for this request. The primary key makes two concurrent first
/// uses collide in the database, so exactly one of them proceeds.
pub async fn claim(
    db: &impl Conn,
    user: UserId,
    key: &str,
    request_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Claim> {
    let db = db.raw();
    let inserted = idempotency_key::ActiveModel {
        user_id: Set(user.as_uuid()),
        key: Set(key.to_owned()),
        request_hash: Set(request_hash.to_owned()),
        response_status: Set(None),
        response_body: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .map_err(StoreError::from);
    match inserted {
        Ok(_) => return Ok(Claim::Claimed),
        Err(StoreError::Duplicate(_)) => {}
        Err(other) => return Err(other),
    }
    let existing = idempotency_key::Entity::find_by_id((user.as_uuid(), key.to_owned()))
        .one(db)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("idempotency key {key:?} vanished")))?;
    Ok(if existing.request_hash != request_hash {
        Claim::Mismatch
    } else {
        match (existing.response_status, existing.response_body) {
            (Some(status), Some(body)) => Claim::Replay {
                status: u16::try_from(status).unwrap_or(500),
                body,
            },
            _ => Claim::InProgress,
        }
    })
}

/// Stores the response a replay answers with.
pub async fn complete(
    db: &impl Conn,
    user: UserId,
    key: &str,
    status: u16,
    body: &str,
) -> StoreResult<()> {
    let db = db.raw();
    idempotency_key::Entity::update_many()
        .col_expr(K::ResponseStatus, i32::from(status).into())
        .col_expr(K::ResponseBody, body.into())
        .filter(K::UserId.eq(user.as_uuid()))
        .filter(K::Key.eq(key))
        .exec(db)
        .await?;
    Ok(())
}

/// Frees a key whose request failed before it changed anything, so that a
/// retry is processed afresh.
pub async fn release(db: &impl Conn, user: UserId, key: &str) -> StoreResult<()> {
    let db = db.raw();
    idempotency_key::Entity::delete_many()
        .filter(K::UserId.eq(user.as_uuid()))
        .filter(K::Key.eq(key))
        .filter(K::ResponseStatus.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets keys older than `before` (the draft lets servers expire them; 24 h here).
pub async fn sweep(db: &impl Conn, before: DateTime<Utc>) -> StoreResult<u64> {
    let db = db.raw();
    Ok(idempotency_key::Entity::delete_many()
        .filter(K::CreatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}

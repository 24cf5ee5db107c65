//! The per-address login limit, counted so that it holds under
//! concurrency: an attempt is written first and counted after, so of any
//! burst only the first `limit` rows written can see a count within the
//! limit (each sees at least every row committed before its own).

use crate::db::Conn;
use crate::entities::address_attempt;
use crate::error::StoreResult;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use uuid::Uuid;

/// A written attempt: kept when the password was wrong, deleted when it was
/// right or the attempt was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressAttempt(Uuid);

/// Writes an attempt from `address`, then counts those since `since`
/// (its own included). Rows older than `since` are of no more use and go.
pub async fn reserve(
    db: &impl Conn,
    address: &str,
    now: DateTime<Utc>,
    since: DateTime<Utc>,
) -> StoreResult<(AddressAttempt, u64)> {
    let db = db.raw();
    address_attempt::Entity::delete_many()
        .filter(address_attempt::Column::Address.eq(address))
        .filter(address_attempt::Column::AttemptedAt.lt(since))
        .exec(db)
        .await?;
    let id = Uuid::new_v4();
    address_attempt::ActiveModel {
        id: Set(id),
        address: Set(address.to_owned()),
        attempted_at: Set(now),
    }
    .insert(db)
    .await?;
    let count = address_attempt::Entity::find()
        .filter(address_attempt::Column::Address.eq(address))
        .filter(address_attempt::Column::AttemptedAt.gte(since))
        .count(db)
        .await?;
    Ok((AddressAttempt(id), count))
}

/// The attempt no longer counts (a right password, or it was refused).
pub async fn forget(db: &impl Conn, attempt: AddressAttempt) -> StoreResult<()> {
    address_attempt::Entity::delete_by_id(attempt.0)
        .exec(db.raw())
        .await?;
    Ok(())
}

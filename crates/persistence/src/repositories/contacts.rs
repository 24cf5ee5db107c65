//! Case contact addresses that are nobody's account: confirmed once by
//! their owner through an emailed link before any case email goes to them.

use crate::db::Conn;
use crate::entities::{contact_confirmation as confirmation, user};
use crate::error::StoreResult;
use chrono::{DateTime, Utc};
use domain::AccountId;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

/// Addresses compare without case.
fn key(address: &str) -> String {
    address.trim().to_lowercase()
}

/// Whether `address` belongs to an active user of `parent` (a colleague:
/// the portal knows it is theirs).
pub async fn is_colleague(db: &impl Conn, address: &str, parent: AccountId) -> StoreResult<bool> {
    let found = user::Entity::find()
        .filter(Expr::expr(Func::lower(Expr::col(user::Column::Email))).eq(key(address)))
        .filter(user::Column::ParentAccountId.eq(parent.as_uuid()))
        .filter(user::Column::Active.eq(true))
        .count(db.raw())
        .await?;
    Ok(found > 0)
}

/// Whether the owner of `address` has confirmed it.
pub async fn is_confirmed(db: &impl Conn, address: &str) -> StoreResult<bool> {
    let found = confirmation::Entity::find()
        .filter(confirmation::Column::Address.eq(key(address)))
        .filter(confirmation::Column::ConfirmedAt.is_not_null())
        .count(db.raw())
        .await?;
    Ok(found > 0)
}

/// Stores a link for `address` (its token's hash), good until `expires_at`.
pub async fn issue(
    db: &impl Conn,
    address: &str,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<()> {
    confirmation::ActiveModel {
        id: Set(Uuid::new_v4()),
        address: Set(key(address)),
        token_hash: Set(token_hash.to_owned()),
        created_at: Set(now),
        expires_at: Set(expires_at),
        confirmed_at: Set(None),
    }
    .insert(db.raw())
    .await?;
    Ok(())
}

/// What a link did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmation {
    /// The address is confirmed now (or was by this link before).
    Confirmed,
    Expired,
    Unknown,
}

/// Confirms the address of the link whose token hashes to `token_hash`.
pub async fn confirm(
    db: &impl Conn,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Confirmation> {
    let db = db.raw();
    let changed = confirmation::Entity::update_many()
        .col_expr(confirmation::Column::ConfirmedAt, Expr::value(now))
        .filter(confirmation::Column::TokenHash.eq(token_hash))
        .filter(confirmation::Column::ConfirmedAt.is_null())
        .filter(confirmation::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?
        .rows_affected;
    if changed == 1 {
        return Ok(Confirmation::Confirmed);
    }
    let link = confirmation::Entity::find()
        .filter(confirmation::Column::TokenHash.eq(token_hash))
        .order_by_desc(confirmation::Column::CreatedAt)
        .one(db)
        .await?;
    Ok(match link {
        None => Confirmation::Unknown,
        Some(link) if link.confirmed_at.is_some() => Confirmation::Confirmed,
        Some(_) => Confirmation::Expired,
    })
}

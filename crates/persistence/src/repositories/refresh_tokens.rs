//! Refresh tokens: opaque, stored as SHA-256 hashes, single use, grouped in families.

use crate::db::Conn;
use crate::entities::refresh_token;
use crate::error::StoreResult;
use chrono::{DateTime, Utc};
use domain::UserId;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRefreshToken {
    pub id: Uuid,
    pub user_id: UserId,
    pub family_id: Uuid,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

pub struct NewRefreshToken<'a> {
    pub user_id: UserId,
    pub family_id: Uuid,
    pub token_hash: &'a str,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(db: &impl Conn, t: NewRefreshToken<'_>) -> StoreResult<Uuid> {
    let db = db.raw();
    let id = Uuid::new_v4();
    refresh_token::ActiveModel {
        id: Set(id),
        user_id: Set(t.user_id.as_uuid()),
        family_id: Set(t.family_id),
        token_hash: Set(t.token_hash.to_owned()),
        issued_at: Set(t.issued_at),
        expires_at: Set(t.expires_at),
        used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(id)
}

pub async fn find_by_hash(
    db: &impl Conn,
    token_hash: &str,
) -> StoreResult<Option<StoredRefreshToken>> {
    let db = db.raw();
    Ok(refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash))
        .one(db)
        .await?
        .map(|m| StoredRefreshToken {
            id: m.id,
            user_id: UserId::from_uuid(m.user_id),
            family_id: m.family_id,
            issued_at: m.issued_at,
            expires_at: m.expires_at,
            used_at: m.used_at,
            revoked_at: m.revoked_at,
        }))
}

/// Spends the token; false when another request spent it first (a race or a replay).
pub async fn mark_used(db: &impl Conn, id: Uuid, at: DateTime<Utc>) -> StoreResult<bool> {
    let db = db.raw();
    let result = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(at))
        .filter(refresh_token::Column::Id.eq(id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn revoke_family(db: &impl Conn, family_id: Uuid, at: DateTime<Utc>) -> StoreResult<()> {
    let db = db.raw();
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(at))
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of `user` ("sign out everywhere").
pub async fn revoke_all_of_user(
    db: &impl Conn,
    user: domain::UserId,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    revoke_others_of_user(db, user, None, at).await
}

/// Ends every session of `user` but `keep` (the one that made a change to
/// the account ends the others, and stays signed in).
pub async fn revoke_others_of_user(
    db: &impl Conn,
    user: domain::UserId,
    keep: Option<Uuid>,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let mut update = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(at))
        .filter(refresh_token::Column::UserId.eq(user.as_uuid()))
        .filter(refresh_token::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        update = update.filter(refresh_token::Column::FamilyId.ne(keep));
    }
    update.exec(db.raw()).await?;
    Ok(())
}

/// When the session began: the first token of its family was issued at
/// login, and every refresh since belongs to the same family.
pub async fn family_started_at(
    db: &impl Conn,
    family_id: Uuid,
) -> StoreResult<Option<DateTime<Utc>>> {
    use sea_orm::{QueryOrder, QuerySelect};
    Ok(refresh_token::Entity::find()
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .order_by_asc(refresh_token::Column::IssuedAt)
        .limit(1)
        .one(db.raw())
        .await?
        .map(|m| m.issued_at))
}

/// A session (family) is live while any of its tokens is unrevoked.
pub async fn family_is_revoked(db: &impl Conn, family_id: Uuid) -> StoreResult<bool> {
    let db = db.raw();
    let live = refresh_token::Entity::find()
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .count(db)
        .await?;
    Ok(live == 0)
}

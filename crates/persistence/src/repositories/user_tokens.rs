//! Activation and reset links. Only the token's SHA-256 is stored; spending
//! one is a conditional update, so a link works once even when two requests
//! race.

use crate::db::Conn;
use crate::entities::user_token;
use crate::error::StoreResult;
use chrono::{DateTime, Utc};
use domain::UserId;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    Activation,
    Reset,
}

impl LinkPurpose {
    pub const fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Activation => "activation",
            LinkPurpose::Reset => "reset",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "activation" => Some(LinkPurpose::Activation),
            "reset" => Some(LinkPurpose::Reset),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLink {
    pub id: uuid::Uuid,
    pub user_id: UserId,
    pub purpose: LinkPurpose,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

/// Stores a new link and voids the user's earlier unused ones of the same
/// purpose: only the newest email works.
pub async fn issue(
    db: &impl Conn,
    user: UserId,
    purpose: LinkPurpose,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<()> {
    let db = db.raw();
    user_token::Entity::update_many()
        .col_expr(user_token::Column::UsedAt, Expr::value(now))
        .filter(user_token::Column::UserId.eq(user.as_uuid()))
        .filter(user_token::Column::Purpose.eq(purpose.as_str()))
        .filter(user_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    user_token::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        user_id: Set(user.as_uuid()),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(token_hash.to_owned()),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn find_by_hash(db: &impl Conn, token_hash: &str) -> StoreResult<Option<StoredLink>> {
    let db = db.raw();
    Ok(user_token::Entity::find()
        .filter(user_token::Column::TokenHash.eq(token_hash))
        .one(db)
        .await?
        .and_then(|m| {
            Some(StoredLink {
                id: m.id,
                user_id: UserId::from_uuid(m.user_id),
                purpose: LinkPurpose::parse(&m.purpose)?,
                created_at: m.created_at,
                expires_at: m.expires_at,
                used_at: m.used_at,
            })
        }))
}

/// Marks the link used; false when another request spent it first.
pub async fn spend(db: &impl Conn, id: uuid::Uuid, now: DateTime<Utc>) -> StoreResult<bool> {
    let db = db.raw();
    let result = user_token::Entity::update_many()
        .col_expr(user_token::Column::UsedAt, Expr::value(now))
        .filter(user_token::Column::Id.eq(id))
        .filter(user_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

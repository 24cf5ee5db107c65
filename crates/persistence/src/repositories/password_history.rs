//! Earlier password hashes, newest first, kept to the history's length.

use crate::db::Conn;
use crate::entities::password_history;
use crate::error::StoreResult;
use crate::repositories::query::delete_where;
use chrono::{DateTime, Utc};
use domain::UserId;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

/// The newest `limit` hashes.
pub async fn recent(db: &impl Conn, user: UserId, limit: u64) -> StoreResult<Vec<String>> {
    let db = db.raw();
    Ok(password_history::Entity::find()
        .filter(password_history::Column::UserId.eq(user.as_uuid()))
        .order_by_desc(password_history::Column::CreatedAt)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.password_hash)
        .collect())
}

/// Records `hash` and forgets all but the newest `keep`.
pub async fn push(
    db: &impl Conn,
    user: UserId,
    hash: &str,
    now: DateTime<Utc>,
    keep: u64,
) -> StoreResult<()> {
    let db = db.raw();
    password_history::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        user_id: Set(user.as_uuid()),
        password_hash: Set(hash.to_owned()),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    let stale: Vec<uuid::Uuid> = password_history::Entity::find()
        .select_only()
        .column(password_history::Column::Id)
        .filter(password_history::Column::UserId.eq(user.as_uuid()))
        .order_by_desc(password_history::Column::CreatedAt)
        .limit(1000)
        .offset(keep)
        .into_tuple()
        .all(db)
        .await?;
    if !stale.is_empty() {
        delete_where::<password_history::Entity>(db, password_history::Column::Id.is_in(stale))
            .await?;
    }
    Ok(())
}

//! The audit log: who changed what, when, old value -> new value.

use crate::entities::audit_log;
use crate::error::StoreResult;
use chrono::{DateTime, Utc};
use domain::{AccountId, UserId};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub occurred_at: DateTime<Utc>,
    pub actor: Option<UserId>,
    pub parent_account: Option<AccountId>,
    /// e.g. `installed_product.custom_details.update`
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub old_value: Option<serde_json::Value>,
    pub new_value: Option<serde_json::Value>,
    pub request_id: Option<String>,
}

/// Appends an entry; call it with the transaction that makes the change.
pub async fn append(db: &impl ConnectionTrait, e: &AuditEntry) -> StoreResult<()> {
    audit_log::ActiveModel {
        id: Default::default(),
        occurred_at: Set(e.occurred_at),
        actor_user_id: Set(e.actor.map(|u| u.as_uuid())),
        parent_account_id: Set(e.parent_account.map(|a| a.as_uuid())),
        action: Set(e.action.clone()),
        entity_type: Set(e.entity_type.clone()),
        entity_id: Set(e.entity_id.clone()),
        old_value: Set(e.old_value.as_ref().map(|v| v.to_string())),
        new_value: Set(e.new_value.as_ref().map(|v| v.to_string())),
        request_id: Set(e.request_id.clone()),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn for_entity(
    db: &impl ConnectionTrait,
    entity_type: &str,
    entity_id: &str,
) -> StoreResult<Vec<AuditEntry>> {
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::EntityType.eq(entity_type))
        .filter(audit_log::Column::EntityId.eq(entity_id))
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| AuditEntry {
            occurred_at: m.occurred_at,
            actor: m.actor_user_id.map(UserId::from_uuid),
            parent_account: m.parent_account_id.map(AccountId::from_uuid),
            action: m.action,
            entity_type: m.entity_type,
            entity_id: m.entity_id,
            old_value: m.old_value.and_then(|v| serde_json::from_str(&v).ok()),
            new_value: m.new_value.and_then(|v| serde_json::from_str(&v).ok()),
            request_id: m.request_id,
        })
        .collect())
}

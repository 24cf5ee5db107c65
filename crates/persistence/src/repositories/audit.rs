//! The audit log: who changed what, when, old value -> new value.

use crate::db::Conn;
use crate::entities::audit_log;
use crate::error::StoreResult;
use crate::repositories::query::all_into;
use chrono::{DateTime, Utc};
use domain::{AccountId, UserId};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

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

impl AuditEntry {
    /// An entry about `entity_type` `entity_id` with no actor, parent
    /// account, values or request id yet; add them with the methods below.
    pub fn new(
        action: impl Into<String>,
        entity_type: impl Into<String>,
        entity_id: impl ToString,
        occurred_at: DateTime<Utc>,
    ) -> Self {
        Self {
            occurred_at,
            actor: None,
            parent_account: None,
            action: action.into(),
            entity_type: entity_type.into(),
            entity_id: entity_id.to_string(),
            old_value: None,
            new_value: None,
            request_id: None,
        }
    }

    /// Who made the change (None: the system) and whose parent account it concerns.
    pub fn by(mut self, actor: Option<UserId>, parent_account: Option<AccountId>) -> Self {
        self.actor = actor;
        self.parent_account = parent_account;
        self
    }

    pub fn old_value(mut self, value: impl Into<Option<serde_json::Value>>) -> Self {
        self.old_value = value.into();
        self
    }

    pub fn new_value(mut self, value: impl Into<Option<serde_json::Value>>) -> Self {
        self.new_value = value.into();
        self
    }

    pub fn request_id(mut self, request_id: Option<String>) -> Self {
        self.request_id = request_id;
        self
    }
}

/// Appends an entry; call it with the transaction that makes the change.
pub async fn append(db: &impl Conn, e: &AuditEntry) -> StoreResult<()> {
    row(e).insert(db.raw()).await?;
    Ok(())
}

/// Appends entries in order, several a statement (an import's).
pub async fn append_all(db: &impl Conn, entries: &[AuditEntry]) -> StoreResult<()> {
    // Ten values an entry: well within SQLite's limit of a statement.
    for chunk in entries.chunks(500) {
        audit_log::Entity::insert_many(chunk.iter().map(row))
            .exec(db.raw())
            .await?;
    }
    Ok(())
}

fn row(e: &AuditEntry) -> audit_log::ActiveModel {
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
}

pub async fn for_entity(
    db: &impl Conn,
    entity_type: &str,
    entity_id: &str,
) -> StoreResult<Vec<AuditEntry>> {
    let entries = audit_log::Entity::find()
        .filter(audit_log::Column::EntityType.eq(entity_type))
        .filter(audit_log::Column::EntityId.eq(entity_id))
        .order_by_asc(audit_log::Column::Id);
    all_into(db.raw(), entries).await
}

impl From<audit_log::Model> for AuditEntry {
    fn from(m: audit_log::Model) -> Self {
        AuditEntry {
            occurred_at: m.occurred_at,
            actor: m.actor_user_id.map(UserId::from_uuid),
            parent_account: m.parent_account_id.map(AccountId::from_uuid),
            action: m.action,
            entity_type: m.entity_type,
            entity_id: m.entity_id,
            old_value: m.old_value.and_then(|v| serde_json::from_str(&v).ok()),
            new_value: m.new_value.and_then(|v| serde_json::from_str(&v).ok()),
            request_id: m.request_id,
        }
    }
}

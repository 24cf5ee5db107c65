//! Rows of case attachments (their files live in the blob store).

use crate::db::Conn;
use crate::entities::case_attachment;
use crate::error::{corrupt_field, StoreResult};
use crate::repositories::query::all_converted;
use chrono::{DateTime, Utc};
use domain::{Attachment, AttachmentType, CaseId, UserId};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashSet;
use uuid::Uuid;

use case_attachment::Column as A;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    pub id: Uuid,
    pub case: CaseId,
    pub file_name: String,
    pub file_type: AttachmentType,
    pub size_bytes: u64,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_by: Option<UserId>,
    pub uploaded_by_name: String,
    pub uploaded_at: DateTime<Utc>,
}

pub async fn insert(db: &impl Conn, a: &NewAttachment) -> StoreResult<()> {
    let db = db.raw();
    case_attachment::ActiveModel {
        id: Set(a.id),
        case_id: Set(a.case.as_uuid()),
        file_name: Set(a.file_name.clone()),
        file_type: Set(a.file_type.as_str().to_owned()),
        size_bytes: Set(i64::try_from(a.size_bytes).unwrap_or(i64::MAX)),
        sha256: Set(a.sha256.clone()),
        storage_key: Set(a.storage_key.clone()),
        uploaded_by: Set(a.uploaded_by.map(|u| u.as_uuid())),
        uploaded_by_name: Set(a.uploaded_by_name.clone()),
        uploaded_at: Set(a.uploaded_at),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A case's attachments, oldest first. The caller has checked the case is visible.
pub async fn of_case(db: &impl Conn, case: CaseId) -> StoreResult<Vec<Attachment>> {
    let oldest_first = case_attachment::Entity::find()
        .filter(A::CaseId.eq(case.as_uuid()))
        .order_by_asc(A::UploadedAt)
        .order_by_asc(A::Id);
    all_converted(db.raw(), oldest_first, to_domain).await
}

fn to_domain(m: case_attachment::Model) -> StoreResult<Attachment> {
    Ok(Attachment {
        file_type: m
            .file_type
            .parse()
            .map_err(|_| corrupt_field("attachment", m.id)("type"))?,
        id: m.id,
        case: CaseId::from_uuid(m.case_id),
        file_name: m.file_name,
        size_bytes: u64::try_from(m.size_bytes).unwrap_or_default(),
        sha256: m.sha256,
        storage_key: m.storage_key,
        uploaded_by: m.uploaded_by.map(UserId::from_uuid),
        uploaded_by_name: m.uploaded_by_name,
        uploaded_at: m.uploaded_at,
    })
}

/// Every storage key a row names, for the orphan sweep.
pub async fn all_storage_keys(db: &impl Conn) -> StoreResult<HashSet<String>> {
    let db = db.raw();
    let keys: Vec<String> = case_attachment::Entity::find()
        .select_only()
        .column(A::StorageKey)
        .into_tuple()
        .all(db)
        .await?;
    Ok(keys.into_iter().collect())
}

//! Saved report views. Which views a reader sees is part of every query:
//! their own, and those shared with their parent account.

use crate::db::Conn;
use crate::entities::{report_view, user};
use crate::error::{corrupt_field, StoreResult};
use crate::repositories::report_digests::{self, Digest};
use chrono::{DateTime, Utc};
use domain::report::view::{Reader, ViewHolder};
use domain::report::ReportKind;
use domain::{AccountId, UserId};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;
use uuid::Uuid;

use report_view::Column as V;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedView {
    pub id: Uuid,
    pub holder: ViewHolder,
    pub owner_name: String,
    pub report: ReportKind,
    pub name: String,
    /// The query as the API takes it (JSON).
    pub query: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The reader's digest of it, if they subscribed.
    pub digest: Option<Digest>,
}

/// What a view holds besides whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewContent {
    pub name: String,
    pub query: String,
    pub shared: bool,
}

fn visible(reader: Reader) -> Condition {
    let own = Condition::all().add(V::OwnerId.eq(reader.id.as_uuid()));
    match reader.parent_account {
        None => own,
        Some(parent) => Condition::any().add(own).add(
            Condition::all()
                .add(V::Shared.eq(true))
                .add(V::ParentAccountId.eq(parent.as_uuid())),
        ),
    }
}

/// The views with their owners' names and `reader`'s digests.
async fn with_details(
    db: &impl Conn,
    reader: Reader,
    models: Vec<report_view::Model>,
) -> StoreResult<Vec<SavedView>> {
    let mut digests =
        report_digests::of_views(db, reader.id, models.iter().map(|m| m.id).collect()).await?;
    let ids: Vec<Uuid> = models.iter().map(|m| m.owner_id).collect();
    let names: HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db.raw())
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    models
        .into_iter()
        .map(|m| {
            let corrupt = corrupt_field("report view", m.id);
            Ok(SavedView {
                id: m.id,
                holder: ViewHolder {
                    owner: UserId::from_uuid(m.owner_id),
                    parent_account: m.parent_account_id.map(AccountId::from_uuid),
                    shared: m.shared,
                },
                owner_name: names.get(&m.owner_id).cloned().unwrap_or_default(),
                report: m.report.parse().map_err(|_| corrupt("report"))?,
                name: m.name,
                query: m.query,
                created_at: m.created_at,
                updated_at: m.updated_at,
                digest: digests.remove(&m.id),
            })
        })
        .collect()
}

/// The views `reader` sees (of one report, or all), by name.
pub async fn list_visible(
    db: &impl Conn,
    reader: Reader,
    report: Option<ReportKind>,
) -> StoreResult<Vec<SavedView>> {
    let mut select = report_view::Entity::find().filter(visible(reader));
    if let Some(report) = report {
        select = select.filter(V::Report.eq(report.as_str()));
    }
    let models = select
        .order_by_asc(V::Name)
        .order_by_asc(V::Id)
        .all(db.raw())
        .await?;
    with_details(db, reader, models).await
}

/// The view `id` if `reader` sees it.
pub async fn find_visible(
    db: &impl Conn,
    reader: Reader,
    id: Uuid,
) -> StoreResult<Option<SavedView>> {
    let model = report_view::Entity::find_by_id(id)
        .filter(visible(reader))
        .one(db.raw())
        .await?;
    Ok(with_details(db, reader, model.into_iter().collect())
        .await?
        .pop())
}

/// Saves a new view of `report` owned by `owner`.
pub async fn insert(
    db: &impl Conn,
    owner: Reader,
    report: ReportKind,
    content: &ViewContent,
    at: DateTime<Utc>,
) -> StoreResult<Uuid> {
    let id = Uuid::new_v4();
    report_view::ActiveModel {
        id: Set(id),
        owner_id: Set(owner.id.as_uuid()),
        parent_account_id: Set(owner.parent_account.map(|a| a.as_uuid())),
        report: Set(report.as_str().to_owned()),
        name: Set(content.name.clone()),
        query: Set(content.query.clone()),
        shared: Set(content.shared),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(db.raw())
    .await?;
    Ok(id)
}

pub async fn update(
    db: &impl Conn,
    id: Uuid,
    content: &ViewContent,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    report_view::ActiveModel {
        id: Set(id),
        name: Set(content.name.clone()),
        query: Set(content.query.clone()),
        shared: Set(content.shared),
        updated_at: Set(at),
        ..Default::default()
    }
    .update(db.raw())
    .await?;
    Ok(())
}

pub async fn delete(db: &impl Conn, id: Uuid) -> StoreResult<()> {
    report_view::Entity::delete_by_id(id).exec(db.raw()).await?;
    Ok(())
}

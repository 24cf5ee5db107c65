//! Requests for access from the public form, and the parent account their
//! identifiers point at.

use crate::db::Conn;
use crate::entities::{access_request, account, installed_product};
use crate::error::{corrupt_field, StoreResult};
use crate::repositories::query::{count_and_page, window};
use chrono::{DateTime, Utc};
use domain::access_request::{
    AccessRequest, AccessRequestStatus, Facility, IdentifierKind, ValidAccessRequest,
};
use domain::{AccountId, UserId};
use sea_orm::sea_query::{Expr, Order};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct StoredIdentifier {
    kind: String,
    value: String,
}

#[derive(Serialize, Deserialize)]
struct StoredFacility {
    name: String,
    identifiers: Vec<StoredIdentifier>,
}

fn facilities_to_json(facilities: &[Facility]) -> String {
    let stored: Vec<StoredFacility> = facilities
        .iter()
        .map(|f| StoredFacility {
            name: f.name.clone(),
            identifiers: f
                .identifiers
                .iter()
                .map(|(kind, value)| StoredIdentifier {
                    kind: kind.as_str().to_owned(),
                    value: value.clone(),
                })
                .collect(),
        })
        .collect();
    serde_json::to_string(&stored).unwrap_or_else(|_| "[]".into())
}

fn facilities_from_json(json: &str) -> Vec<Facility> {
    serde_json::from_str::<Vec<StoredFacility>>(json)
        .unwrap_or_default()
        .into_iter()
        .map(|f| Facility {
            name: f.name,
            identifiers: f
                .identifiers
                .into_iter()
                .filter_map(|i| Some((i.kind.parse::<IdentifierKind>().ok()?, i.value)))
                .collect(),
        })
        .collect()
}

/// The parent account of the first identifier that names a known installed
/// product (number, technical ID or serial number) or location (account id
/// or functional location).
pub async fn match_parent(
    db: &impl Conn,
    facilities: &[Facility],
) -> StoreResult<Option<AccountId>> {
    let db = db.raw();
    for (kind, value) in facilities.iter().flat_map(|f| f.identifiers.iter()) {
        let product_condition = match kind {
            IdentifierKind::LocationId => {
                if let Ok(id) = uuid::Uuid::parse_str(value) {
                    if let Some(a) = account::Entity::find_by_id(id).one(db).await? {
                        return Ok(Some(AccountId::from_uuid(a.parent_account_id)));
                    }
                }
                Condition::all()
                    .add(installed_product::Column::FunctionalLocation.eq(value.as_str()))
            }
            _ => Condition::any()
                .add(installed_product::Column::Number.eq(value.as_str()))
                .add(installed_product::Column::TechnicalId.eq(value.as_str()))
                .add(installed_product::Column::SerialNumber.eq(value.as_str())),
        };
        let location: Option<uuid::Uuid> = installed_product::Entity::find()
            .select_only()
            .column(installed_product::Column::LocationAccountId)
            .filter(product_condition)
            .into_tuple()
            .one(db)
            .await?;
        if let Some(location) = location {
            if let Some(a) = account::Entity::find_by_id(location).one(db).await? {
                return Ok(Some(AccountId::from_uuid(a.parent_account_id)));
            }
        }
    }
    Ok(None)
}

pub async fn insert(
    db: &impl Conn,
    id: uuid::Uuid,
    request: &ValidAccessRequest,
    language: &str,
    parent: Option<AccountId>,
    client_address: Option<String>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let db = db.raw();
    access_request::ActiveModel {
        id: Set(id),
        name: Set(request.name.clone()),
        organisation: Set(request.organisation.clone()),
        email: Set(request.email.as_str().to_owned()),
        phone: Set(request.phone.clone()),
        country: Set(request.country.as_str().to_owned()),
        facilities: Set(facilities_to_json(&request.facilities)),
        remarks: Set(request.remarks.clone()),
        language: Set(language.to_owned()),
        status: Set(AccessRequestStatus::Pending.as_str().to_owned()),
        parent_account_id: Set(parent.map(|p| p.as_uuid())),
        client_address: Set(client_address),
        created_at: Set(now),
        decided_at: Set(None),
        decided_by: Set(None),
        decision_note: Set(None),
        user_id: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// None `parent`: every request (Admins); else only those matched to it.
pub async fn find(
    db: &impl Conn,
    id: uuid::Uuid,
    parent: Option<AccountId>,
) -> StoreResult<Option<AccessRequest>> {
    let db = db.raw();
    let mut query = access_request::Entity::find_by_id(id);
    if let Some(parent) = parent {
        query = query.filter(access_request::Column::ParentAccountId.eq(parent.as_uuid()));
    }
    query.one(db).await?.map(to_domain).transpose()
}

fn to_domain(m: access_request::Model) -> StoreResult<AccessRequest> {
    Ok(AccessRequest {
        status: m
            .status
            .parse()
            .map_err(|_| corrupt_field("access request", m.id)("status"))?,
        facilities: facilities_from_json(&m.facilities),
        id: m.id,
        name: m.name,
        organisation: m.organisation,
        email: m.email,
        phone: m.phone,
        country: m.country,
        remarks: m.remarks,
        language: m.language,
        parent_account: m.parent_account_id.map(AccountId::from_uuid),
        client_address: m.client_address,
        created_at: m.created_at,
        decided_at: m.decided_at,
        decided_by: m.decided_by.map(UserId::from_uuid),
        decision_note: m.decision_note,
        user: m.user_id.map(UserId::from_uuid),
    })
}

pub async fn page(
    db: &impl Conn,
    parent: Option<AccountId>,
    status: Option<AccessRequestStatus>,
    page: u64,
    page_size: u64,
) -> StoreResult<(Vec<AccessRequest>, u64)> {
    let db = db.raw();
    let mut query = access_request::Entity::find();
    if let Some(parent) = parent {
        query = query.filter(access_request::Column::ParentAccountId.eq(parent.as_uuid()));
    }
    if let Some(status) = status {
        query = query.filter(access_request::Column::Status.eq(status.as_str()));
    }
    let (models, total) = count_and_page(
        db,
        query,
        &[
            (access_request::Column::CreatedAt, Order::Desc),
            (access_request::Column::Id, Order::Desc),
        ],
        window(page, page_size),
    )
    .await?;
    let items = models
        .into_iter()
        .map(to_domain)
        .collect::<StoreResult<_>>()?;
    Ok((items, total))
}

/// Records the decision if the request is still pending; false otherwise.
/// What became of a request.
pub enum Decision {
    /// The account it asked for was made.
    Approved(UserId),
    /// Turned down, with the reason the requester reads.
    Rejected(String),
}

pub async fn decide(
    db: &impl Conn,
    id: uuid::Uuid,
    decision: Decision,
    by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let db = db.raw();
    let (status, note, user) = match decision {
        Decision::Approved(user) => (AccessRequestStatus::Approved, None, Some(user)),
        Decision::Rejected(reason) => (AccessRequestStatus::Rejected, Some(reason), None),
    };
    let result = access_request::Entity::update_many()
        .col_expr(access_request::Column::Status, Expr::value(status.as_str()))
        .col_expr(access_request::Column::DecidedAt, Expr::value(now))
        .col_expr(access_request::Column::DecidedBy, Expr::value(by.as_uuid()))
        .col_expr(access_request::Column::DecisionNote, Expr::value(note))
        .col_expr(
            access_request::Column::UserId,
            Expr::value(user.map(|u| u.as_uuid())),
        )
        .filter(access_request::Column::Id.eq(id))
        .filter(access_request::Column::Status.eq(AccessRequestStatus::Pending.as_str()))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

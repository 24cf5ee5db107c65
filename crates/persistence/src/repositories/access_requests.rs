//! Requests for access from the public form, and the parent account their
//! identifiers point at.

use crate::entities::{access_request, account, installed_product};
use crate::error::StoreResult;
use chrono::{DateTime, Utc};
use domain::access_request::{Facility, IdentifierKind, ValidAccessRequest};
use domain::{AccountId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
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

pub fn facilities_to_json(facilities: &[Facility]) -> String {
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

pub fn facilities_from_json(json: &str) -> Vec<Facility> {
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
    db: &impl ConnectionTrait,
    facilities: &[Facility],
) -> StoreResult<Option<AccountId>> {
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
    db: &impl ConnectionTrait,
    id: uuid::Uuid,
    request: &ValidAccessRequest,
    language: &str,
    parent: Option<AccountId>,
    client_address: Option<String>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
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
        status: Set("pending".into()),
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
    db: &impl ConnectionTrait,
    id: uuid::Uuid,
    parent: Option<AccountId>,
) -> StoreResult<Option<access_request::Model>> {
    let mut query = access_request::Entity::find_by_id(id);
    if let Some(parent) = parent {
        query = query.filter(access_request::Column::ParentAccountId.eq(parent.as_uuid()));
    }
    Ok(query.one(db).await?)
}

pub async fn page(
    db: &impl ConnectionTrait,
    parent: Option<AccountId>,
    status: Option<&str>,
    page: u64,
    page_size: u64,
) -> StoreResult<(Vec<access_request::Model>, u64)> {
    let mut query = access_request::Entity::find();
    if let Some(parent) = parent {
        query = query.filter(access_request::Column::ParentAccountId.eq(parent.as_uuid()));
    }
    if let Some(status) = status {
        query = query.filter(access_request::Column::Status.eq(status));
    }
    let total = query.clone().count(db).await?;
    let items = query
        .order_by_desc(access_request::Column::CreatedAt)
        .order_by_desc(access_request::Column::Id)
        .offset(page.saturating_sub(1) * page_size)
        .limit(page_size)
        .all(db)
        .await?;
    Ok((items, total))
}

/// Records the decision if the request is still pending; false otherwise.
pub async fn decide(
    db: &impl ConnectionTrait,
    id: uuid::Uuid,
    status: &str,
    by: UserId,
    note: Option<String>,
    user: Option<UserId>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let result = access_request::Entity::update_many()
        .col_expr(access_request::Column::Status, Expr::value(status))
        .col_expr(access_request::Column::DecidedAt, Expr::value(now))
        .col_expr(access_request::Column::DecidedBy, Expr::value(by.as_uuid()))
        .col_expr(access_request::Column::DecisionNote, Expr::value(note))
        .col_expr(
            access_request::Column::UserId,
            Expr::value(user.map(|u| u.as_uuid())),
        )
        .filter(access_request::Column::Id.eq(id))
        .filter(access_request::Column::Status.eq("pending"))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

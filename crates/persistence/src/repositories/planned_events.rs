//! Planned service events: a caller sees the events of the installed
//! products they see (the tenancy is in every query), by overlapping time
//! range for a calendar; and the secret calendar feeds that serve them.

use crate::db::Conn;
use crate::entities::{calendar_feed, case, installed_product, planned_event, user};
use crate::error::{StoreError, StoreResult};
use crate::repositories::query::{
    case_numbers, count_and_page, names_of_accounts, text_by_id, visible_ids, AccountVisibility,
    PageRequest,
};
use chrono::{DateTime, Utc};
use domain::planned_event::{
    EventPlan, EventStatus, EventType, PlannedEvent, Window, LONGEST_EVENT_DAYS,
};
use domain::{AccountId, CaseId, InstalledProductId, Modality, UserId};
use sea_orm::sea_query::{Order, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use std::collections::HashMap;
use uuid::Uuid;

use planned_event::Column as E;

/// An event with the names a calendar shows beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRecord {
    pub event: PlannedEvent,
    pub product_number: String,
    pub product_description: String,
    pub modality: Modality,
    pub location: AccountId,
    pub location_name: String,
    pub engineer_name: Option<String>,
    pub case_number: Option<String>,
}

/// What a calendar asks for: the events overlapping `from`..`to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFilter {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub location: Option<AccountId>,
    pub modality: Option<Modality>,
    pub event_type: Option<EventType>,
    pub product: Option<InstalledProductId>,
    pub status: Option<EventStatus>,
}

impl EventFilter {
    /// Every event overlapping `from`..`to`.
    pub fn between(from: DateTime<Utc>, to: DateTime<Utc>) -> Self {
        EventFilter {
            from,
            to,
            location: None,
            modality: None,
            event_type: None,
            product: None,
            status: None,
        }
    }
}

fn visible(visibility: AccountVisibility) -> sea_orm::Condition {
    sea_orm::Condition::all().add(E::InstalledProductId.in_subquery(visible_ids(visibility)))
}

fn filtered(
    visibility: AccountVisibility,
    f: &EventFilter,
) -> sea_orm::Select<planned_event::Entity> {
    // An event lasts at most LONGEST_EVENT_DAYS, so one that ends after
    // `from` starts at most that long before it: the bound keeps the scan
    // of the start index to the range asked for (and the events that
    // overlap its start), not every event before `to`.
    let earliest_start = f.from - chrono::Duration::days(LONGEST_EVENT_DAYS);
    let mut query = planned_event::Entity::find()
        .filter(visible(visibility))
        .filter(E::PlannedStart.gt(earliest_start))
        .filter(E::PlannedStart.lt(f.to))
        .filter(E::PlannedEnd.gt(f.from));
    let mut products = sea_orm::Condition::all();
    if let Some(location) = f.location {
        products =
            products.add(installed_product::Column::LocationAccountId.eq(location.as_uuid()));
    }
    if let Some(modality) = f.modality {
        products = products.add(installed_product::Column::Modality.eq(modality.as_str()));
    }
    if f.location.is_some() || f.modality.is_some() {
        let ids = Query::select()
            .column(installed_product::Column::Id)
            .from(installed_product::Entity)
            .cond_where(products)
            .to_owned();
        query = query.filter(E::InstalledProductId.in_subquery(ids));
    }
    if let Some(product) = f.product {
        query = query.filter(E::InstalledProductId.eq(product.as_uuid()));
    }
    if let Some(event_type) = f.event_type {
        query = query.filter(E::EventType.eq(event_type.as_str()));
    }
    if let Some(status) = f.status {
        query = query.filter(E::Status.eq(status.as_str()));
    }
    query
}

const ORDER: [(E, Order); 2] = [(E::PlannedStart, Order::Asc), (E::Id, Order::Asc)];

/// The count and the page statements `list_visible` runs (benchmarks time
/// them raw as the floor).
pub(crate) fn list_statements(
    visibility: AccountVisibility,
    filter: &EventFilter,
    page: PageRequest,
    backend: sea_orm::DbBackend,
) -> (sea_orm::Statement, sea_orm::Statement) {
    use sea_orm::{QueryOrder, QueryTrait};
    let query = filtered(visibility, filter);
    let (offset, limit) = page.window();
    let count = query
        .clone()
        .select_only()
        .column_as(sea_orm::sea_query::Expr::col(E::Id).count(), "n")
        .build(backend);
    let sorted = ORDER
        .iter()
        .fold(query, |q, (column, order)| {
            q.order_by(*column, order.clone())
        })
        .offset(offset)
        .limit(limit)
        .build(backend);
    (count, sorted)
}

/// A page of the visible events overlapping the filter's range, earliest first.
pub async fn list_visible(
    db: &impl Conn,
    visibility: AccountVisibility,
    filter: &EventFilter,
    page: PageRequest,
) -> StoreResult<(Vec<EventRecord>, u64)> {
    let db = db.raw();
    let (models, total) =
        count_and_page(db, filtered(visibility, filter), &ORDER, page.window()).await?;
    Ok((records(db, models).await?, total))
}

/// Every visible event overlapping the filter's range, earliest first, up
/// to `limit` (a calendar feed).
pub async fn all_visible(
    db: &impl Conn,
    visibility: AccountVisibility,
    filter: &EventFilter,
    limit: u64,
) -> StoreResult<Vec<EventRecord>> {
    let db = db.raw();
    let (models, _) = count_and_page(db, filtered(visibility, filter), &ORDER, (0, limit)).await?;
    records(db, models).await
}

/// Event `id`, if the caller sees its product.
pub async fn find_visible(
    db: &impl Conn,
    visibility: AccountVisibility,
    id: Uuid,
) -> StoreResult<Option<EventRecord>> {
    let db = db.raw();
    let found = planned_event::Entity::find_by_id(id)
        .filter(visible(visibility))
        .all(db)
        .await?;
    Ok(records(db, found).await?.pop())
}

fn event_of(m: &planned_event::Model) -> StoreResult<PlannedEvent> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("planned event {}: {what}", m.id));
    let window =
        Window::new(m.planned_start, m.planned_end).map_err(|e| corrupt(&e.to_string()))?;
    Ok(PlannedEvent {
        id: m.id,
        installed_product_id: InstalledProductId::from_uuid(m.installed_product_id),
        plan: EventPlan {
            event_type: m.event_type.parse().map_err(|_| corrupt("event type"))?,
            status: m.status.parse().map_err(|_| corrupt("status"))?,
            window,
            engineer_id: m.engineer_id.map(UserId::from_uuid),
            service_type: m
                .service_type
                .parse()
                .map_err(|_| corrupt("service type"))?,
            case_id: m.case_id.map(CaseId::from_uuid),
        },
        customer_response: match &m.customer_response {
            Some(r) => Some(r.parse().map_err(|_| corrupt("customer response"))?),
            None => None,
        },
        sequence: m.sequence,
        version: m.version,
    })
}

/// The events with their product, location, engineer and case named, in
/// a handful of queries whatever the page's length.
async fn records(
    db: &impl ConnectionTrait,
    models: Vec<planned_event::Model>,
) -> StoreResult<Vec<EventRecord>> {
    let product_ids: Vec<Uuid> = models.iter().map(|m| m.installed_product_id).collect();
    let products: HashMap<Uuid, (String, String, String, Uuid)> = installed_product::Entity::find()
        .select_only()
        .columns([
            installed_product::Column::Id,
            installed_product::Column::Number,
            installed_product::Column::Description,
            installed_product::Column::Modality,
            installed_product::Column::LocationAccountId,
        ])
        .filter(installed_product::Column::Id.is_in(product_ids))
        .into_tuple::<(Uuid, String, String, String, Uuid)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, number, description, modality, location)| {
            (id, (number, description, modality, location))
        })
        .collect();
    let locations = names_of_accounts(db, products.values().map(|p| p.3)).await?;
    let engineers = text_by_id(
        db,
        user::Column::Id,
        user::Column::DisplayName,
        models.iter().filter_map(|m| m.engineer_id),
    )
    .await?;
    let cases = case_numbers(db, models.iter().filter_map(|m| m.case_id)).await?;
    models
        .iter()
        .map(|m| {
            let (number, description, modality, location) =
                products.get(&m.installed_product_id).ok_or_else(|| {
                    StoreError::Corrupt(format!("planned event {}: product", m.id))
                })?;
            Ok(EventRecord {
                event: event_of(m)?,
                product_number: number.clone(),
                product_description: description.clone(),
                modality: modality
                    .parse()
                    .map_err(|_| StoreError::Corrupt(format!("product {number}: modality")))?,
                location: AccountId::from_uuid(*location),
                location_name: locations.get(location).cloned().unwrap_or_default(),
                engineer_name: m.engineer_id.and_then(|e| engineers.get(&e).cloned()),
                case_number: m.case_id.and_then(|c| cases.get(&c).cloned()),
            })
        })
        .collect()
}

fn model(e: &PlannedEvent, now: DateTime<Utc>) -> planned_event::ActiveModel {
    planned_event::ActiveModel {
        id: Set(e.id),
        source_id: sea_orm::ActiveValue::NotSet,
        installed_product_id: Set(e.installed_product_id.as_uuid()),
        event_type: Set(e.plan.event_type.as_str().to_owned()),
        status: Set(e.plan.status.as_str().to_owned()),
        planned_start: Set(e.plan.window.start()),
        planned_end: Set(e.plan.window.end()),
        engineer_id: Set(e.plan.engineer_id.map(|u| u.as_uuid())),
        service_type: Set(e.plan.service_type.as_str().to_owned()),
        case_id: Set(e.plan.case_id.map(|c| c.as_uuid())),
        customer_response: Set(e.customer_response.map(|r| r.as_str().to_owned())),
        sequence: Set(e.sequence),
        version: Set(e.version),
        created_at: sea_orm::ActiveValue::NotSet,
        updated_at: Set(now),
    }
}

pub async fn insert(db: &impl Conn, event: &PlannedEvent, now: DateTime<Utc>) -> StoreResult<()> {
    insert_from(db, event, None, now).await
}

/// Inserts an event, with the source system's id when it was imported.
pub async fn insert_from(
    db: &impl Conn,
    event: &PlannedEvent,
    source_id: Option<&str>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut row = model(event, now);
    row.created_at = Set(now);
    row.source_id = Set(source_id.map(str::to_owned));
    planned_event::Entity::insert(row).exec(db.raw()).await?;
    Ok(())
}

/// The imported events among `source_ids`, by source id, each with whose
/// it is (the parent account of its product's location).
pub async fn by_source_ids(
    db: &impl Conn,
    source_ids: &[String],
) -> StoreResult<HashMap<String, (PlannedEvent, AccountId)>> {
    let db = db.raw();
    let mut found = HashMap::new();
    for ids in source_ids.chunks(1000) {
        let models = planned_event::Entity::find()
            .filter(E::SourceId.is_in(ids.iter().cloned()))
            .all(db)
            .await?;
        let products: Vec<Uuid> = models.iter().map(|m| m.installed_product_id).collect();
        let owners = crate::repositories::query::product_facts(db, &products).await?;
        for m in &models {
            let (Some(source), Some((_, owner))) =
                (&m.source_id, owners.get(&m.installed_product_id))
            else {
                continue;
            };
            found.insert(source.clone(), (event_of(m)?, *owner));
        }
    }
    Ok(found)
}

/// The cases among `numbers`, by number, with their installed product.
pub async fn cases_by_number(
    db: &impl Conn,
    numbers: &[String],
) -> StoreResult<HashMap<String, (CaseId, Uuid)>> {
    let rows: Vec<(Uuid, String, Uuid)> = case::Entity::find()
        .select_only()
        .columns([
            case::Column::Id,
            case::Column::Number,
            case::Column::InstalledProductId,
        ])
        .filter(case::Column::Number.is_in(numbers.iter().cloned()))
        .into_tuple()
        .all(db.raw())
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, number, product)| (number, (CaseId::from_uuid(id), product)))
        .collect())
}

/// Stores `event` (its version one past `expected`) if the stored version
/// is still `expected`; false when someone changed it meanwhile.
pub async fn update(
    db: &impl Conn,
    event: &PlannedEvent,
    expected: i32,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let result = planned_event::Entity::update_many()
        .set(model(event, now))
        .filter(E::Id.eq(event.id))
        .filter(E::Version.eq(expected))
        .exec(db.raw())
        .await?;
    Ok(result.rows_affected == 1)
}

/// The product of case `id` (an event links only a case of its product).
pub async fn product_of_case(db: &impl Conn, id: CaseId) -> StoreResult<Option<Uuid>> {
    Ok(case::Entity::find_by_id(id.as_uuid())
        .select_only()
        .column(case::Column::InstalledProductId)
        .into_tuple::<Uuid>()
        .one(db.raw())
        .await?)
}

/// A user's calendar feed as stored: its token sealed, and when it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFeed {
    pub token_sealed: String,
    pub created_at: DateTime<Utc>,
}

/// The user's calendar feed; none: they have none.
pub async fn feed_of(db: &impl Conn, user: UserId) -> StoreResult<Option<StoredFeed>> {
    Ok(calendar_feed::Entity::find_by_id(user.as_uuid())
        .one(db.raw())
        .await?
        .map(|f| StoredFeed {
            token_sealed: f.token_sealed,
            created_at: f.created_at,
        }))
}

/// Makes or replaces the user's feed (the old token stops working).
pub async fn set_feed(
    db: &impl Conn,
    user: UserId,
    (token_hash, token_sealed): (&str, &str),
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let db = db.raw();
    calendar_feed::Entity::delete_by_id(user.as_uuid())
        .exec(db)
        .await?;
    calendar_feed::Entity::insert(calendar_feed::ActiveModel {
        user_id: Set(user.as_uuid()),
        token_hash: Set(token_hash.to_owned()),
        token_sealed: Set(token_sealed.to_owned()),
        created_at: Set(now),
    })
    .exec(db)
    .await?;
    Ok(())
}

/// Ends the user's feed; false when they had none.
pub async fn delete_feed(db: &impl Conn, user: UserId) -> StoreResult<bool> {
    let done = calendar_feed::Entity::delete_by_id(user.as_uuid())
        .exec(db.raw())
        .await?;
    Ok(done.rows_affected == 1)
}

/// Whose feed the token with `token_hash` is.
pub async fn feed_owner(db: &impl Conn, token_hash: &str) -> StoreResult<Option<UserId>> {
    Ok(calendar_feed::Entity::find()
        .filter(calendar_feed::Column::TokenHash.eq(token_hash))
        .one(db.raw())
        .await?
        .map(|f| UserId::from_uuid(f.user_id)))
}

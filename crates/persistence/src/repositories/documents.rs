//! Customer facing documents. A caller sees the documents of the installed
//! products they see; a customer sees a performance report only while a
//! current contract line of its product entitles them. Both rules are in
//! every query.

use crate::db::Conn;
use crate::entities::{
    account, account_assignment, contract_coverage, contract_line, document, installed_product,
    user,
};
use crate::error::{corrupt_field, StoreResult};
use crate::repositories::query::{
    case_numbers, count_and_page, product_names, visible_ids, AccountVisibility, PageRequest,
};
use crate::repositories::stored_file::{stored_file, with_file_columns};
use chrono::{DateTime, NaiveDate, Utc};
use domain::document::{Document, DocumentKind};
use domain::{CaseId, InstalledProductId, Role, User};
use sea_orm::sea_query::{Expr, Order, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QuerySelect, Set,
};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

use document::Column as D;

/// A document with the names a list shows beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRecord {
    pub document: Document,
    pub product_number: String,
    pub product_description: String,
    pub case_number: Option<String>,
}

/// What a documents list asks for; every field narrows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentFilter {
    pub kind: Option<DocumentKind>,
    pub product: Option<InstalledProductId>,
    pub case: Option<CaseId>,
    pub event: Option<Uuid>,
    /// Uploaded at or after.
    pub from: Option<DateTime<Utc>>,
    /// Uploaded before.
    pub to: Option<DateTime<Utc>>,
}

pub async fn insert(db: &impl Conn, d: &Document) -> StoreResult<()> {
    let row = with_file_columns!(
        document::ActiveModel {
            id: Set(d.id),
            kind: Set(d.kind.as_str().to_owned()),
            installed_product_id: Set(d.installed_product_id.as_uuid()),
            case_id: Set(d.case_id.map(|c| c.as_uuid())),
            planned_event_id: Set(d.planned_event_id),
        },
        &d.file
    );
    row.insert(db.raw()).await?;
    Ok(())
}

/// `SELECT installed_product_id FROM contract_coverage` of the lines that
/// entitle their products to performance reports on `today`.
fn entitled_products(today: NaiveDate) -> SelectStatement {
    Query::select()
        .column((
            contract_coverage::Entity,
            contract_coverage::Column::InstalledProductId,
        ))
        .from(contract_coverage::Entity)
        .inner_join(
            contract_line::Entity,
            Expr::col((contract_line::Entity, contract_line::Column::Id)).equals((
                contract_coverage::Entity,
                contract_coverage::Column::ContractLineId,
            )),
        )
        .and_where(
            Expr::col((
                contract_line::Entity,
                contract_line::Column::PerformanceReports,
            ))
            .eq(true),
        )
        .and_where(Expr::col((contract_line::Entity, contract_line::Column::StartDate)).lte(today))
        .and_where(Expr::col((contract_line::Entity, contract_line::Column::EndDate)).gte(today))
        .to_owned()
}

/// The documents `visibility` sees on `today`.
fn visible(visibility: AccountVisibility, today: NaiveDate) -> Condition {
    if visibility == AccountVisibility::All {
        return Condition::all();
    }
    Condition::all()
        .add(D::InstalledProductId.in_subquery(visible_ids(visibility)))
        .add(
            Condition::any()
                .add(D::Kind.ne(DocumentKind::PerformanceReport.as_str()))
                .add(D::InstalledProductId.in_subquery(entitled_products(today))),
        )
}

fn filtered(
    visibility: AccountVisibility,
    today: NaiveDate,
    f: &DocumentFilter,
) -> sea_orm::Select<document::Entity> {
    let mut query = document::Entity::find().filter(visible(visibility, today));
    if let Some(kind) = f.kind {
        query = query.filter(D::Kind.eq(kind.as_str()));
    }
    if let Some(product) = f.product {
        query = query.filter(D::InstalledProductId.eq(product.as_uuid()));
    }
    if let Some(case) = f.case {
        query = query.filter(D::CaseId.eq(case.as_uuid()));
    }
    if let Some(event) = f.event {
        query = query.filter(D::PlannedEventId.eq(event));
    }
    if let Some(from) = f.from {
        query = query.filter(D::UploadedAt.gte(from));
    }
    if let Some(to) = f.to {
        query = query.filter(D::UploadedAt.lt(to));
    }
    query
}

const NEWEST_FIRST: [(D, Order); 2] = [(D::UploadedAt, Order::Desc), (D::Id, Order::Desc)];

/// A page of the visible documents, newest first.
pub async fn list_visible(
    db: &impl Conn,
    visibility: AccountVisibility,
    today: NaiveDate,
    filter: &DocumentFilter,
    page: PageRequest,
) -> StoreResult<(Vec<DocumentRecord>, u64)> {
    let db = db.raw();
    let query = filtered(visibility, today, filter);
    let (models, total) = count_and_page(db, query, &NEWEST_FIRST, page.window()).await?;
    Ok((records(db, models).await?, total))
}

/// The visible documents among `ids`, in the order asked; None when any is
/// not visible (the caller answers 404 for the lot).
pub async fn find_many_visible(
    db: &impl Conn,
    visibility: AccountVisibility,
    today: NaiveDate,
    ids: &[Uuid],
) -> StoreResult<Option<Vec<DocumentRecord>>> {
    let db = db.raw();
    let found = document::Entity::find()
        .filter(visible(visibility, today))
        .filter(D::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let mut by_id: HashMap<Uuid, DocumentRecord> = records(db, found)
        .await?
        .into_iter()
        .map(|r| (r.document.id, r))
        .collect();
    let mut ordered = Vec::with_capacity(ids.len());
    for id in ids {
        match by_id.remove(id) {
            Some(r) => ordered.push(r),
            // Asked twice, or not visible.
            None if ordered
                .iter()
                .any(|r: &DocumentRecord| r.document.id == *id) => {}
            None => return Ok(None),
        }
    }
    Ok(Some(ordered))
}

/// Document `id`, if the caller sees it.
pub async fn find_visible(
    db: &impl Conn,
    visibility: AccountVisibility,
    today: NaiveDate,
    id: Uuid,
) -> StoreResult<Option<DocumentRecord>> {
    Ok(find_many_visible(db, visibility, today, &[id])
        .await?
        .and_then(|mut found| found.pop()))
}

fn to_domain(m: document::Model) -> StoreResult<Document> {
    let corrupt = corrupt_field("document", m.id);
    Ok(Document {
        kind: m.kind.parse().map_err(|_| corrupt("kind"))?,
        id: m.id,
        installed_product_id: InstalledProductId::from_uuid(m.installed_product_id),
        case_id: m.case_id.map(CaseId::from_uuid),
        planned_event_id: m.planned_event_id,
        file: stored_file!(m, corrupt),
    })
}

/// The documents with their product and case named, in three queries
/// whatever the page's length.
async fn records(
    db: &impl ConnectionTrait,
    models: Vec<document::Model>,
) -> StoreResult<Vec<DocumentRecord>> {
    let products = product_names(db, models.iter().map(|m| m.installed_product_id)).await?;
    let cases = case_numbers(db, models.iter().filter_map(|m| m.case_id)).await?;
    models
        .into_iter()
        .map(|m| {
            let (number, description) = products
                .get(&m.installed_product_id)
                .cloned()
                .unwrap_or_default();
            let case_number = m.case_id.and_then(|c| cases.get(&c).cloned());
            Ok(DocumentRecord {
                document: to_domain(m)?,
                product_number: number,
                product_description: description,
                case_number,
            })
        })
        .collect()
}

/// Every storage key a document names, for the orphan sweep.
pub async fn all_storage_keys(db: &impl Conn) -> StoreResult<HashSet<String>> {
    let keys: Vec<String> = document::Entity::find()
        .select_only()
        .column(D::StorageKey)
        .into_tuple()
        .all(db.raw())
        .await?;
    Ok(keys.into_iter().collect())
}

/// The active customer users who see `product` (a Manager of its parent
/// account, or a user assigned to its location or owner), to tell of a new
/// report.
pub async fn users_seeing_product(
    db: &impl Conn,
    product: InstalledProductId,
) -> StoreResult<Vec<User>> {
    let db = db.raw();
    let Some((location, owner)) = installed_product::Entity::find_by_id(product.as_uuid())
        .select_only()
        .columns([
            installed_product::Column::LocationAccountId,
            installed_product::Column::OwnerAccountId,
        ])
        .into_tuple::<(Uuid, Uuid)>()
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    let accounts = [location, owner];
    let parents = Query::select()
        .column(account::Column::ParentAccountId)
        .from(account::Entity)
        .and_where(account::Column::Id.is_in(accounts))
        .to_owned();
    let assigned = Query::select()
        .column(account_assignment::Column::UserId)
        .from(account_assignment::Entity)
        .and_where(account_assignment::Column::AccountId.is_in(accounts))
        .to_owned();
    let customers = [Role::Manager, Role::User, Role::Viewer].map(|r| r.as_str());
    let seeing = user::Entity::find()
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Role.is_in(customers))
        .filter(user::Column::ParentAccountId.in_subquery(parents))
        .filter(
            Condition::any()
                .add(user::Column::Role.eq(Role::Manager.as_str()))
                .add(user::Column::Id.in_subquery(assigned)),
        );
    let models = seeing.all(db).await?;
    let mut users = Vec::with_capacity(models.len());
    for m in &models {
        users.push(super::users::to_domain(m)?);
    }
    Ok(users)
}

/// Whether a current contract line entitles `product` to performance reports.
pub async fn entitled(
    db: &impl Conn,
    product: InstalledProductId,
    today: NaiveDate,
) -> StoreResult<bool> {
    use sea_orm::PaginatorTrait;
    let n = contract_coverage::Entity::find()
        .filter(contract_coverage::Column::InstalledProductId.eq(product.as_uuid()))
        .filter(contract_coverage::Column::InstalledProductId.in_subquery(entitled_products(today)))
        .count(db.raw())
        .await?;
    Ok(n > 0)
}

/// A product's number and the parent account of its location (whose audit
/// entries and readers they are).
pub async fn product_facts(
    db: &impl Conn,
    product: InstalledProductId,
) -> StoreResult<Option<(String, domain::AccountId)>> {
    let mut found =
        crate::repositories::query::product_facts(db.raw(), &[product.as_uuid()]).await?;
    Ok(found.remove(&product.as_uuid()))
}

//! Contracts (header, line items, covered products) and warranties. A caller
//! sees a contract that covers a product they see or was sold to an account
//! they see; of its lines, only those covering a product they see, and of
//! those lines' products only the ones they see; its purchase order only
//! when it was sold to an account they see.

use crate::db::Conn;
use crate::entities::{contract, contract_coverage, contract_line, installed_product, warranty};
use crate::error::StoreResult;
use crate::repositories::query::{
    all_into, any_like, column_where, count_and_page, insert_chunked, lower_like,
    names_of_accounts, search_words, visible_ids, within_dates, AccountVisibility, PageRequest,
};
use chrono::{DateTime, NaiveDate, Utc};
use domain::{AccountId, ContractId, ExpiryStatus, InstalledProductId};
use sea_orm::sea_query::{Expr, Order, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;
use uuid::Uuid;

/// `EXISTS (a line of this contract covers a visible product)`: correlated,
/// so each contract stops at its first visible product.
fn covers_visible_product(visibility: AccountVisibility) -> sea_orm::sea_query::SimpleExpr {
    use crate::entities::installed_product;
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(contract_line::Entity)
            .inner_join(
                contract_coverage::Entity,
                Expr::col((
                    contract_coverage::Entity,
                    contract_coverage::Column::ContractLineId,
                ))
                .equals((contract_line::Entity, contract_line::Column::Id)),
            )
            .inner_join(
                installed_product::Entity,
                Expr::col((installed_product::Entity, installed_product::Column::Id)).equals((
                    contract_coverage::Entity,
                    contract_coverage::Column::InstalledProductId,
                )),
            )
            .and_where(
                Expr::col((contract_line::Entity, contract_line::Column::ContractId))
                    .equals((contract::Entity, contract::Column::Id)),
            )
            .cond_where(crate::repositories::query::visible_condition(visibility))
            .to_owned(),
    )
}

pub(crate) fn visible_condition(visibility: AccountVisibility) -> Condition {
    match visibility.account_ids() {
        None => Condition::all(),
        Some(accounts) => Condition::any()
            .add(contract::Column::ShipToAccountId.in_subquery(accounts))
            .add(covers_visible_product(visibility)),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContractFilter {
    pub expiry: Option<ExpiryStatus>,
    pub text: Option<String>,
    /// Contracts held by this account; warranties of products located at it.
    pub account: Option<AccountId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractRecord {
    pub id: ContractId,
    pub number: String,
    pub ship_to: AccountId,
    pub ship_to_name: String,
    pub po_number: Option<String>,
    pub service_type: String,
    pub status: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// Covered products the caller sees.
    pub covered_products: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractLineRecord {
    pub id: Uuid,
    pub line_item_number: String,
    pub description: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// Visible covered products, by id.
    pub covered: Vec<Uuid>,
}

/// Contracts held by an account the caller sees: the holder's own facts
/// (its purchase order) are theirs to see; a hospital that sees a contract
/// only through a leased product does not.
fn held_by_visible_account(visibility: AccountVisibility) -> Condition {
    match visibility.account_ids() {
        None => Condition::all(),
        Some(accounts) => {
            Condition::all().add(contract::Column::ShipToAccountId.in_subquery(accounts))
        }
    }
}

/// Of `holders`, the accounts the caller sees.
async fn visible_holders(
    db: &impl ConnectionTrait,
    visibility: AccountVisibility,
    holders: impl Iterator<Item = Uuid>,
) -> StoreResult<std::collections::HashSet<Uuid>> {
    use crate::entities::account;
    let holders: Vec<Uuid> = holders.collect();
    Ok(account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .filter(account::Column::Id.is_in(holders))
        .filter(visibility.condition())
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

async fn records(
    db: &impl ConnectionTrait,
    visibility: AccountVisibility,
    models: Vec<contract::Model>,
) -> StoreResult<Vec<ContractRecord>> {
    let names = names_of_accounts(db, models.iter().map(|m| m.ship_to_account_id)).await?;
    let own = visible_holders(db, visibility, models.iter().map(|m| m.ship_to_account_id)).await?;
    let ids: Vec<Uuid> = models.iter().map(|m| m.id).collect();
    let counts: HashMap<Uuid, i64> = if ids.is_empty() {
        HashMap::new()
    } else {
        contract_line::Entity::find()
            .select_only()
            .column(contract_line::Column::ContractId)
            .column_as(
                Expr::col((
                    contract_coverage::Entity,
                    contract_coverage::Column::InstalledProductId,
                ))
                .count_distinct(),
                "n",
            )
            .join_rev(
                sea_orm::JoinType::InnerJoin,
                contract_coverage::Entity::belongs_to(contract_line::Entity)
                    .from(contract_coverage::Column::ContractLineId)
                    .to(contract_line::Column::Id)
                    .into(),
            )
            .filter(contract_line::Column::ContractId.is_in(ids))
            .filter(
                Expr::col((
                    contract_coverage::Entity,
                    contract_coverage::Column::InstalledProductId,
                ))
                .in_subquery(visible_ids(visibility)),
            )
            .group_by(contract_line::Column::ContractId)
            .into_tuple::<(Uuid, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    Ok(models
        .into_iter()
        .map(|m| ContractRecord {
            id: ContractId::from_uuid(m.id),
            ship_to_name: names
                .get(&m.ship_to_account_id)
                .cloned()
                .unwrap_or_default(),
            ship_to: AccountId::from_uuid(m.ship_to_account_id),
            covered_products: counts.get(&m.id).copied().unwrap_or(0).max(0) as u64,
            po_number: m.po_number.filter(|_| own.contains(&m.ship_to_account_id)),
            number: m.number,
            service_type: m.service_type,
            status: m.status,
            start_date: m.start_date,
            end_date: m.end_date,
        })
        .collect())
}

/// Visible contracts, soonest end first.
pub async fn list_visible(
    db: &impl Conn,
    visibility: AccountVisibility,
    filter: &ContractFilter,
    today: NaiveDate,
    page: PageRequest,
) -> StoreResult<(Vec<ContractRecord>, u64)> {
    let db = db.raw();
    let mut query = contract::Entity::find().filter(visible_condition(visibility));
    if let Some(account) = filter.account {
        query = query.filter(contract::Column::ShipToAccountId.eq(account.as_uuid()));
    }
    if let Some(expiry) = filter.expiry {
        query = query.filter(within_dates(
            Condition::all(),
            contract::Column::EndDate,
            expiry.end_date_range(today),
        ));
    }
    for word in search_words(filter.text.as_deref()) {
        let own_po = held_by_visible_account(visibility).add(lower_like(
            (contract::Entity, contract::Column::PoNumber),
            word,
        ));
        query = query.filter(
            any_like(
                &[
                    (contract::Entity, contract::Column::Number),
                    (contract::Entity, contract::Column::ServiceType),
                ],
                word,
            )
            .add(own_po),
        );
    }
    let (models, total) = count_and_page(
        db,
        query,
        &[
            (contract::Column::EndDate, Order::Asc),
            (contract::Column::Number, Order::Asc),
        ],
        page.window(),
    )
    .await?;
    Ok((records(db, visibility, models).await?, total))
}

/// `(status, count)` of the visible contracts at `today`, in one pass.
pub(crate) fn expiry_select(
    visibility: AccountVisibility,
    today: NaiveDate,
) -> sea_orm::Select<contract::Entity> {
    let status = crate::repositories::query::expiry(
        Expr::col((contract::Entity, contract::Column::EndDate)).into(),
        today,
    );
    contract::Entity::find()
        .select_only()
        .column_as(status, "expiry_status")
        .column_as(
            Expr::col((contract::Entity, contract::Column::Id)).count(),
            "n",
        )
        .filter(visible_condition(visibility))
        // Not "status": that is also a column of contracts, and GROUP BY would take it.
        .group_by(Expr::cust("expiry_status"))
}

/// Visible contracts per expiry status at `today`: (green, yellow, red, expired).
pub async fn expiry_counts(
    db: &impl Conn,
    visibility: AccountVisibility,
    today: NaiveDate,
) -> StoreResult<[u64; 4]> {
    let db = db.raw();
    let rows: Vec<(String, i64)> = expiry_select(visibility, today)
        .into_tuple()
        .all(db)
        .await?;
    let mut counts = [0u64; 4];
    for (status, n) in rows {
        let slot = match status.parse::<ExpiryStatus>() {
            Ok(ExpiryStatus::Green) => 0,
            Ok(ExpiryStatus::Yellow) => 1,
            Ok(ExpiryStatus::Red) => 2,
            Ok(ExpiryStatus::Expired) => 3,
            Err(_) => continue,
        };
        counts[slot] = n.max(0) as u64;
    }
    Ok(counts)
}

pub async fn find_visible(
    db: &impl Conn,
    visibility: AccountVisibility,
    id: ContractId,
) -> StoreResult<Option<(ContractRecord, Vec<ContractLineRecord>)>> {
    let db = db.raw();
    let Some(model) = contract::Entity::find_by_id(id.as_uuid())
        .filter(visible_condition(visibility))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let lines = contract_line::Entity::find()
        .filter(contract_line::Column::ContractId.eq(model.id))
        .order_by_asc(contract_line::Column::LineItemNumber)
        .all(db)
        .await?;
    let coverage: Vec<(Uuid, Uuid)> = contract_coverage::Entity::find()
        .select_only()
        .column(contract_coverage::Column::ContractLineId)
        .column(contract_coverage::Column::InstalledProductId)
        .filter(contract_coverage::Column::ContractLineId.is_in(lines.iter().map(|l| l.id)))
        .filter(contract_coverage::Column::InstalledProductId.in_subquery(visible_ids(visibility)))
        .into_tuple()
        .all(db)
        .await?;
    let record = records(db, visibility, vec![model]).await?.remove(0);
    let sees_everything = visibility.account_ids().is_none();
    let lines = lines
        .into_iter()
        .map(|l| ContractLineRecord {
            covered: coverage
                .iter()
                .filter(|(line, _)| *line == l.id)
                .map(|(_, p)| *p)
                .collect(),
            id: l.id,
            line_item_number: l.line_item_number,
            description: l.description,
            start_date: l.start_date,
            end_date: l.end_date,
        })
        // Lines of products another parent account holds are theirs.
        .filter(|l| sees_everything || !l.covered.is_empty())
        .collect();
    Ok(Some((record, lines)))
}

/// The contract lines covering one product, with their header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductCoverage {
    pub contract_id: ContractId,
    pub contract_number: String,
    pub service_type: String,
    pub line_item_number: String,
    pub description: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
}

/// Call only for a product the caller sees (its contracts are then visible too).
pub async fn covering_product(
    db: &impl Conn,
    product: InstalledProductId,
) -> StoreResult<Vec<ProductCoverage>> {
    let db = db.raw();
    let lines = contract_line::Entity::find()
        .filter(contract_line::Column::Id.in_subquery(column_where(
            contract_coverage::Column::ContractLineId,
            contract_coverage::Column::InstalledProductId.eq(product.as_uuid()),
        )))
        .order_by_desc(contract_line::Column::EndDate)
        .all(db)
        .await?;
    let headers: HashMap<Uuid, contract::Model> = contract::Entity::find()
        .filter(contract::Column::Id.is_in(lines.iter().map(|l| l.contract_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    Ok(lines
        .into_iter()
        .filter_map(|l| {
            let header = headers.get(&l.contract_id)?;
            Some(ProductCoverage {
                contract_id: ContractId::from_uuid(header.id),
                contract_number: header.number.clone(),
                service_type: header.service_type.clone(),
                line_item_number: l.line_item_number,
                description: l.description,
                start_date: l.start_date,
                end_date: l.end_date,
            })
        })
        .collect())
}

/// Ship-to accounts of visible contracts.
pub async fn ship_to_accounts(
    db: &impl Conn,
    visibility: AccountVisibility,
) -> StoreResult<Vec<Uuid>> {
    let db = db.raw();
    Ok(contract::Entity::find()
        .select_only()
        .column(contract::Column::ShipToAccountId)
        .distinct()
        .filter(visible_condition(visibility))
        .into_tuple()
        .all(db)
        .await?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarrantyRecord {
    pub id: Uuid,
    pub product: Uuid,
    pub description: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
}

impl From<warranty::Model> for WarrantyRecord {
    fn from(w: warranty::Model) -> Self {
        WarrantyRecord {
            id: w.id,
            product: w.installed_product_id,
            description: w.description,
            start_date: w.start_date,
            end_date: w.end_date,
        }
    }
}

/// Warranties of visible products, soonest end first.
pub async fn warranties_visible(
    db: &impl Conn,
    visibility: AccountVisibility,
    filter: &ContractFilter,
    today: NaiveDate,
    page: PageRequest,
) -> StoreResult<(Vec<WarrantyRecord>, u64)> {
    let db = db.raw();
    let mut query = warranty::Entity::find()
        .filter(warranty::Column::InstalledProductId.in_subquery(visible_ids(visibility)));
    if let Some(account) = filter.account {
        query = query.filter(
            warranty::Column::InstalledProductId.in_subquery(column_where(
                installed_product::Column::Id,
                Condition::all()
                    .add(installed_product::Column::LocationAccountId.eq(account.as_uuid())),
            )),
        );
    }
    if let Some(expiry) = filter.expiry {
        query = query.filter(within_dates(
            Condition::all(),
            warranty::Column::EndDate,
            expiry.end_date_range(today),
        ));
    }
    // Every word must match the warranty's text or its product's number,
    // serial number or name (like the contracts' search box).
    for word in search_words(filter.text.as_deref()) {
        let products = column_where(
            installed_product::Column::Id,
            any_like(
                &[
                    (installed_product::Entity, installed_product::Column::Number),
                    (
                        installed_product::Entity,
                        installed_product::Column::SerialNumber,
                    ),
                    (
                        installed_product::Entity,
                        installed_product::Column::Description,
                    ),
                ],
                word,
            ),
        );
        query = query.filter(
            Condition::any()
                .add(lower_like(
                    (warranty::Entity, warranty::Column::Description),
                    word,
                ))
                .add(warranty::Column::InstalledProductId.in_subquery(products)),
        );
    }
    let (rows, total) = count_and_page(
        db,
        query,
        &[
            (warranty::Column::EndDate, Order::Asc),
            (warranty::Column::Id, Order::Asc),
        ],
        page.window(),
    )
    .await?;
    Ok((rows.into_iter().map(WarrantyRecord::from).collect(), total))
}

pub async fn warranties_of(
    db: &impl Conn,
    product: InstalledProductId,
) -> StoreResult<Vec<WarrantyRecord>> {
    let of_product = warranty::Entity::find()
        .filter(warranty::Column::InstalledProductId.eq(product.as_uuid()))
        .order_by_desc(warranty::Column::EndDate);
    all_into(db.raw(), of_product).await
}

/// A new contract with its lines (seeding and the service side).
#[derive(Debug, Clone)]
pub struct NewContract {
    pub id: ContractId,
    pub number: String,
    pub ship_to: AccountId,
    pub po_number: Option<String>,
    pub service_type: String,
    pub status: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub lines: Vec<NewContractLine>,
}

#[derive(Debug, Clone)]
pub struct NewContractLine {
    pub id: Uuid,
    pub line_item_number: String,
    pub description: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub covers: Vec<InstalledProductId>,
}

/// Inserts contracts in batches; call `installed_products::refresh_coverage` after.
pub async fn insert_many(
    db: &impl Conn,
    contracts: &[NewContract],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let db = db.raw();
    for chunk in contracts.chunks(500) {
        insert_chunked(db, chunk, 500, |c| contract::ActiveModel {
            id: Set(c.id.as_uuid()),
            number: Set(c.number.clone()),
            ship_to_account_id: Set(c.ship_to.as_uuid()),
            po_number: Set(c.po_number.clone()),
            service_type: Set(c.service_type.clone()),
            status: Set(c.status.clone()),
            start_date: Set(c.start_date),
            end_date: Set(c.end_date),
            created_at: Set(now),
        })
        .await?;
        let lines: Vec<_> = chunk
            .iter()
            .flat_map(|c| c.lines.iter().map(move |l| (c.id, l)))
            .collect();
        insert_chunked(db, &lines, 1000, |(contract, l)| {
            contract_line::ActiveModel {
                id: Set(l.id),
                contract_id: Set(contract.as_uuid()),
                line_item_number: Set(l.line_item_number.clone()),
                description: Set(l.description.clone()),
                start_date: Set(l.start_date),
                end_date: Set(l.end_date),
                // Entitlements beyond the line's text are set where they are sold.
                performance_reports: sea_orm::ActiveValue::NotSet,
            }
        })
        .await?;
        let coverage: Vec<_> = chunk
            .iter()
            .flat_map(|c| c.lines.iter())
            .flat_map(|l| l.covers.iter().map(move |p| (l.id, *p)))
            .collect();
        insert_chunked(db, &coverage, 2000, |(line, product)| {
            contract_coverage::ActiveModel {
                contract_line_id: Set(*line),
                installed_product_id: Set(product.as_uuid()),
            }
        })
        .await?;
    }
    Ok(())
}

pub async fn insert_warranties(db: &impl Conn, rows: &[WarrantyRecord]) -> StoreResult<()> {
    insert_chunked(db.raw(), rows, 1000, |w| warranty::ActiveModel {
        id: Set(w.id),
        installed_product_id: Set(w.product),
        description: Set(w.description.clone()),
        start_date: Set(w.start_date),
        end_date: Set(w.end_date),
        number: sea_orm::ActiveValue::NotSet,
    })
    .await
}

//! Storing imported contracts and warranties, keyed by the source system's
//! numbers: what is stored is read back in the file's own terms (account
//! source ids, product numbers) so an unchanged row compares equal. The
//! caller runs a whole file in one transaction.

use crate::db::Conn;
use crate::entities::{account, contract, contract_coverage, contract_line, warranty};
use crate::error::StoreResult;
use crate::repositories::query::product_facts;
use chrono::{DateTime, Utc};
use domain::contract_import::{ContractHeader, ContractLineFields};
use domain::warranty_import::WarrantyFields;
use domain::{AccountId, ContractId, InstalledProductId};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use std::collections::HashMap;
use uuid::Uuid;

/// Rows a statement reads or writes at most (SQLite's parameter limit).
const BATCH: usize = 1000;

/// A contract stored under an imported number, in the file's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredContract {
    pub id: ContractId,
    /// The parent account of its ship-to account: whose it is.
    pub parent_account: AccountId,
    /// None when a stored value is not one an import gives (it is rewritten).
    pub header: Option<ContractHeader>,
    /// By line item number.
    pub lines: HashMap<String, StoredLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLine {
    pub id: Uuid,
    pub fields: ContractLineFields,
}

/// The stored contracts among `numbers`, by number.
pub async fn contracts_by_number(
    db: &impl Conn,
    numbers: &[String],
) -> StoreResult<HashMap<String, StoredContract>> {
    let db = db.raw();
    let mut found = HashMap::new();
    for numbers in numbers.chunks(BATCH) {
        let contracts = contract::Entity::find()
            .filter(contract::Column::Number.is_in(numbers.iter().cloned()))
            .all(db)
            .await?;
        let ship_to: Vec<Uuid> = contracts.iter().map(|c| c.ship_to_account_id).collect();
        let accounts: HashMap<Uuid, (Option<String>, Uuid)> = account::Entity::find()
            .select_only()
            .columns([
                account::Column::Id,
                account::Column::SourceId,
                account::Column::ParentAccountId,
            ])
            .filter(account::Column::Id.is_in(ship_to))
            .into_tuple::<(Uuid, Option<String>, Uuid)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, source, parent)| (id, (source, parent)))
            .collect();
        let ids: Vec<Uuid> = contracts.iter().map(|c| c.id).collect();
        let mut lines = lines_of(db, &ids).await?;
        for c in contracts {
            let Some((source, parent)) = accounts.get(&c.ship_to_account_id) else {
                continue;
            };
            let header = c.status.parse().ok().map(|status| ContractHeader {
                number: c.number.clone(),
                ship_to_account: source.clone().unwrap_or_default(),
                po_number: c.po_number.clone(),
                service_type: c.service_type.clone(),
                status,
                start_date: c.start_date,
                end_date: c.end_date,
            });
            found.insert(
                c.number.clone(),
                StoredContract {
                    id: ContractId::from_uuid(c.id),
                    parent_account: AccountId::from_uuid(*parent),
                    header,
                    lines: lines.remove(&c.id).unwrap_or_default(),
                },
            );
        }
    }
    Ok(found)
}

/// The lines of `contracts` with the numbers of the products they cover.
async fn lines_of(
    db: &impl ConnectionTrait,
    contracts: &[Uuid],
) -> StoreResult<HashMap<Uuid, HashMap<String, StoredLine>>> {
    let lines = contract_line::Entity::find()
        .filter(contract_line::Column::ContractId.is_in(contracts.iter().copied()))
        .all(db)
        .await?;
    let mut covered: HashMap<Uuid, Vec<String>> = HashMap::new();
    for ids in lines.chunks(BATCH) {
        let ids = ids.iter().map(|l| l.id);
        let rows: Vec<(Uuid, Uuid)> = contract_coverage::Entity::find()
            .select_only()
            .column(contract_coverage::Column::ContractLineId)
            .column(contract_coverage::Column::InstalledProductId)
            .filter(contract_coverage::Column::ContractLineId.is_in(ids))
            .into_tuple()
            .all(db)
            .await?;
        let products: Vec<Uuid> = rows.iter().map(|(_, p)| *p).collect();
        let numbers = product_facts(db, &products).await?;
        for (line, product) in rows {
            if let Some((number, _)) = numbers.get(&product) {
                covered.entry(line).or_default().push(number.clone());
            }
        }
    }
    let mut by_contract: HashMap<Uuid, HashMap<String, StoredLine>> = HashMap::new();
    for l in lines {
        let mut covered_products = covered.remove(&l.id).unwrap_or_default();
        // The file's lists are sorted, so equal sets compare equal.
        covered_products.sort();
        let fields = ContractLineFields {
            line_item_number: l.line_item_number.clone(),
            description: l.description,
            start_date: l.start_date,
            end_date: l.end_date,
            covered_products,
        };
        by_contract
            .entry(l.contract_id)
            .or_default()
            .insert(l.line_item_number, StoredLine { id: l.id, fields });
    }
    Ok(by_contract)
}

fn contract_model(id: ContractId, h: &ContractHeader, ship_to: AccountId) -> contract::ActiveModel {
    contract::ActiveModel {
        id: Set(id.as_uuid()),
        number: Set(h.number.clone()),
        ship_to_account_id: Set(ship_to.as_uuid()),
        po_number: Set(h.po_number.clone()),
        service_type: Set(h.service_type.clone()),
        status: Set(h.status.as_str().to_owned()),
        start_date: Set(h.start_date),
        end_date: Set(h.end_date),
        created_at: sea_orm::ActiveValue::NotSet,
    }
}

pub async fn insert_contract(
    db: &impl Conn,
    id: ContractId,
    (header, ship_to): (&ContractHeader, AccountId),
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut model = contract_model(id, header, ship_to);
    model.created_at = Set(now);
    contract::Entity::insert(model).exec(db.raw()).await?;
    Ok(())
}

pub async fn update_contract(
    db: &impl Conn,
    id: ContractId,
    (header, ship_to): (&ContractHeader, AccountId),
) -> StoreResult<()> {
    contract::Entity::update(contract_model(id, header, ship_to))
        .exec(db.raw())
        .await?;
    Ok(())
}

/// Stores a line of `contract` (new, or replacing line `id`) with the
/// products it covers.
pub async fn store_line(
    db: &impl Conn,
    (contract, id, is_new): (ContractId, Uuid, bool),
    fields: &ContractLineFields,
    covers: &[InstalledProductId],
) -> StoreResult<()> {
    let db = db.raw();
    let model = contract_line::ActiveModel {
        id: Set(id),
        contract_id: Set(contract.as_uuid()),
        line_item_number: Set(fields.line_item_number.clone()),
        description: Set(fields.description.clone()),
        start_date: Set(fields.start_date),
        end_date: Set(fields.end_date),
        // Not in the import's columns: an update keeps what was set.
        performance_reports: sea_orm::ActiveValue::NotSet,
    };
    if is_new {
        contract_line::Entity::insert(model).exec(db).await?;
    } else {
        contract_line::Entity::update(model).exec(db).await?;
        contract_coverage::Entity::delete_many()
            .filter(contract_coverage::Column::ContractLineId.eq(id))
            .exec(db)
            .await?;
    }
    let coverage = covers.iter().map(|p| contract_coverage::ActiveModel {
        contract_line_id: Set(id),
        installed_product_id: Set(p.as_uuid()),
    });
    if !covers.is_empty() {
        contract_coverage::Entity::insert_many(coverage)
            .exec(db)
            .await?;
    }
    Ok(())
}

/// A warranty stored under an imported number, in the file's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredWarranty {
    pub id: Uuid,
    /// The parent account of its product's location: whose it is.
    pub parent_account: AccountId,
    pub fields: WarrantyFields,
}

/// The stored warranties among `numbers`, by number.
pub async fn warranties_by_number(
    db: &impl Conn,
    numbers: &[String],
) -> StoreResult<HashMap<String, StoredWarranty>> {
    let db = db.raw();
    let mut found = HashMap::new();
    for numbers in numbers.chunks(BATCH) {
        let rows = warranty::Entity::find()
            .filter(warranty::Column::Number.is_in(numbers.iter().cloned()))
            .all(db)
            .await?;
        let products: Vec<Uuid> = rows.iter().map(|w| w.installed_product_id).collect();
        let products = product_facts(db, &products).await?;
        for w in rows {
            let (Some(number), Some((product, parent))) =
                (w.number, products.get(&w.installed_product_id))
            else {
                continue;
            };
            let fields = WarrantyFields {
                number: number.clone(),
                installed_product: product.clone(),
                description: w.description,
                start_date: w.start_date,
                end_date: w.end_date,
            };
            let parent_account = *parent;
            found.insert(
                number,
                StoredWarranty {
                    id: w.id,
                    parent_account,
                    fields,
                },
            );
        }
    }
    Ok(found)
}

/// Stores warranty `id` (new or replacing) for `product`.
pub async fn store_warranty(
    db: &impl Conn,
    (id, is_new): (Uuid, bool),
    fields: &WarrantyFields,
    product: InstalledProductId,
) -> StoreResult<()> {
    let model = warranty::ActiveModel {
        id: Set(id),
        installed_product_id: Set(product.as_uuid()),
        description: Set(fields.description.clone()),
        start_date: Set(fields.start_date),
        end_date: Set(fields.end_date),
        number: Set(Some(fields.number.clone())),
    };
    if is_new {
        warranty::Entity::insert(model).exec(db.raw()).await?;
    } else {
        warranty::Entity::update(model).exec(db.raw()).await?;
    }
    Ok(())
}

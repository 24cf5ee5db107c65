//! Storing imported rows keyed by the source system's ids: a row that
//! matches what is stored changes nothing, a changed one updates only its
//! product. The caller runs a whole file in one transaction.

use crate::db::Conn;
use crate::entities::installed_product;
use crate::error::StoreResult;
use chrono::{DateTime, Utc};
use domain::product_import::ProductFields;
use domain::{AccountId, InstalledProductId, OperationalState};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use std::collections::HashMap;
use uuid::Uuid;

/// An installed product as an import stores it (accounts resolved).
pub type ProductRecord = ProductFields<AccountId>;

/// A product already stored under an imported number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredProduct {
    pub id: InstalledProductId,
    pub record: ProductRecord,
    /// The parent account of its location: whose it is.
    pub parent_account: AccountId,
}

fn record_of(m: installed_product::Model) -> Option<ProductRecord> {
    Some(ProductRecord {
        modality: m.modality.parse().ok()?,
        kind: m.kind.parse().ok()?,
        status: m.status.parse().ok()?,
        number: m.number,
        description: m.description,
        serial_number: m.serial_number,
        udi: m.udi,
        technical_id: m.technical_id,
        product_family: m.product_family,
        functional_location: m.functional_location,
        install_date: m.install_date,
        owner_account: AccountId::from_uuid(m.owner_account_id),
        location_account: AccountId::from_uuid(m.location_account_id),
        strategic_item: m.strategic_item,
        end_of_life_date: m.end_of_life_date,
        end_of_service_date: m.end_of_service_date,
    })
}

/// The stored products among `numbers`, by number.
pub async fn products_by_number(
    db: &impl Conn,
    numbers: &[String],
) -> StoreResult<HashMap<String, StoredProduct>> {
    let db = db.raw();
    let parent_of_location = "(SELECT a.parent_account_id FROM accounts a \
        WHERE a.id = installed_products.location_account_id)";
    let rows: Vec<(installed_product::Model, Uuid)> = installed_product::Entity::find()
        .filter(installed_product::Column::Number.is_in(numbers.iter().cloned()))
        .column_as(Expr::cust(parent_of_location), "parent_account_id")
        .into_model::<WithParent>()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.product, r.parent_account_id))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|(m, parent)| {
            let id = InstalledProductId::from_uuid(m.id);
            let record = record_of(m)?;
            Some((
                record.number.clone(),
                StoredProduct {
                    id,
                    record,
                    parent_account: AccountId::from_uuid(parent),
                },
            ))
        })
        .collect())
}

#[derive(Debug, sea_orm::FromQueryResult)]
struct WithParent {
    #[sea_orm(nested)]
    product: installed_product::Model,
    parent_account_id: Uuid,
}

/// Which stored products hold these serial numbers: serial number -> product number.
pub async fn serial_holders(
    db: &impl Conn,
    serials: &[String],
) -> StoreResult<HashMap<String, String>> {
    let rows: Vec<(String, String)> = installed_product::Entity::find()
        .select_only()
        .column(installed_product::Column::SerialNumber)
        .column(installed_product::Column::Number)
        .filter(installed_product::Column::SerialNumber.is_in(serials.iter().cloned()))
        .into_tuple()
        .all(db.raw())
        .await?;
    Ok(rows.into_iter().collect())
}

/// Stores new products (ids chosen by the caller, for their audit
/// entries), several a statement; their operational state is up (they have
/// no cases yet).
pub async fn insert_products(
    db: &impl Conn,
    products: &[(InstalledProductId, ProductRecord)],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    // About twenty values a product: within SQLite's limit of a statement.
    for chunk in products.chunks(500) {
        let rows = chunk.iter().map(|(id, r)| installed_product::ActiveModel {
            id: Set(id.as_uuid()),
            operational_state: Set(OperationalState::Up.as_str().to_owned()),
            coverage_end_date: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..active(r)
        });
        installed_product::Entity::insert_many(rows)
            .exec(db.raw())
            .await?;
    }
    Ok(())
}

/// Overwrites a stored product's imported fields with `r`.
pub async fn update_product(
    db: &impl Conn,
    id: InstalledProductId,
    r: &ProductRecord,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut model = active(r);
    model.id = Set(id.as_uuid());
    model.updated_at = Set(now);
    installed_product::Entity::update_many()
        .set(model)
        .col_expr(
            installed_product::Column::Version,
            Expr::col(installed_product::Column::Version).add(1),
        )
        .filter(installed_product::Column::Id.eq(id.as_uuid()))
        .exec(db.raw())
        .await?;
    Ok(())
}

pub(crate) fn active(r: &ProductRecord) -> installed_product::ActiveModel {
    installed_product::ActiveModel {
        number: Set(r.number.clone()),
        description: Set(r.description.clone()),
        serial_number: Set(r.serial_number.clone()),
        udi: Set(r.udi.clone()),
        technical_id: Set(r.technical_id.clone()),
        modality: Set(r.modality.as_str().to_owned()),
        product_family: Set(r.product_family.clone()),
        kind: Set(r.kind.as_str().to_owned()),
        functional_location: Set(r.functional_location.clone()),
        install_date: Set(r.install_date),
        status: Set(r.status.as_str().to_owned()),
        owner_account_id: Set(r.owner_account.as_uuid()),
        location_account_id: Set(r.location_account.as_uuid()),
        strategic_item: Set(r.strategic_item),
        end_of_life_date: Set(r.end_of_life_date),
        end_of_service_date: Set(r.end_of_service_date),
        ..Default::default()
    }
}

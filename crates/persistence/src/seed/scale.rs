//! `csportal seed --scale N`: N more installed products spread over the
//! existing customer accounts, with a contract per ten products and a
//! warranty per five, for benchmarks at realistic sizes.

use crate::db::{Db, Sealed, Tx};
use crate::entities::account;
use crate::error::{StoreError, StoreResult};
use crate::repositories::contracts::{self, NewContract, NewContractLine, WarrantyRecord};
use crate::repositories::imports::ProductRecord;
use crate::repositories::installed_products::{self, NewProduct};
use chrono::{Duration, Utc};
use domain::{
    AccountId, ContractId, InstalledProductId, Modality, OperationalState, ProductKind,
    ProductStatus,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

const FAMILIES: [(Modality, &str, &str); 5] = [
    (Modality::Mr, "MR Ingenia", "Ingenia 1.5T"),
    (Modality::Ct, "CT Incisive", "Incisive CT 128"),
    (Modality::Us, "Ultrasound EPIQ", "EPIQ Elite"),
    (Modality::Ixr, "IXR Azurion", "Azurion 7 M20"),
    (
        Modality::Us,
        "Ultrasound transducers",
        "eL18-4 linear transducer",
    ),
];

/// Adds `count` products (in one transaction per 10,000) and returns how many
/// the database then holds.
pub async fn scale(db: &Db, count: u64) -> StoreResult<u64> {
    let locations: Vec<uuid::Uuid> = account::Entity::find()
        .filter(account::Column::Kind.is_in(["site", "hospital", "department"]))
        .all(db.raw())
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let lessor = account::Entity::find()
        .filter(account::Column::Kind.eq("leasing_company"))
        .one(db.raw())
        .await?
        .map(|a| a.id);
    if locations.is_empty() {
        return Err(StoreError::Corrupt(
            "no hospital accounts to put products at: seed the demo data first".into(),
        ));
    }
    let existing = crate::entities::installed_product::Entity::find()
        .count(db.raw())
        .await?;
    let today = Utc::now().date_naive();
    let now = Utc::now();
    let mut made = 0u64;
    while made < count {
        let batch = (count - made).min(10_000);
        let products: Vec<NewProduct> = (0..batch)
            .map(|i| {
                let n = existing + made + i;
                let (modality, family, description) = FAMILIES[(n % 5) as usize];
                // Ten consecutive products (one contract's worth) share a location.
                let location = locations[((made + i) / 10 + existing) as usize % locations.len()];
                let owner = match lessor {
                    Some(lessor) if n % 10 == 3 => lessor,
                    _ => location,
                };
                let state = match n % 50 {
                    0 => OperationalState::Critical,
                    1..=3 => OperationalState::Down,
                    4..=8 => OperationalState::Restricted,
                    _ => OperationalState::Up,
                };
                let fields = ProductRecord {
                    number: format!("IP-9{n:07}"),
                    description: description.to_owned(),
                    serial_number: format!("SX{n:08}"),
                    udi: None,
                    technical_id: Some(format!("TID-9{n:07}")),
                    modality,
                    product_family: family.to_owned(),
                    kind: ProductKind::Hardware,
                    functional_location: Some(format!(
                        "Building {}, room {}",
                        n % 9 + 1,
                        n % 97 + 1
                    )),
                    install_date: Some(today - Duration::days((n % 4000) as i64)),
                    status: ProductStatus::Active,
                    owner_account: AccountId::from_uuid(owner),
                    location_account: AccountId::from_uuid(location),
                    strategic_item: n % 5 == 4,
                    end_of_life_date: None,
                    end_of_service_date: None,
                };
                NewProduct {
                    id: InstalledProductId::from_uuid(Uuid::new_v4()),
                    fields,
                    operational_state: state,
                }
            })
            .collect();
        let contracts: Vec<NewContract> = products
            .chunks(10)
            .enumerate()
            .map(|(c, group)| {
                let serial = existing / 10 + made / 10 + c as u64;
                // Ends spread from 60 days ago to 3 years ahead: every colour.
                let end = today + Duration::days((serial % 1155) as i64 - 60);
                NewContract {
                    id: ContractId::from_uuid(Uuid::new_v4()),
                    number: format!("SC-9{serial:07}"),
                    ship_to: group[0].fields.location_account,
                    po_number: Some(format!("PO-{serial:06}")),
                    service_type: "Full service, business hours".into(),
                    status: "active".into(),
                    start_date: end - Duration::days(3 * 365),
                    end_date: end,
                    lines: vec![NewContractLine {
                        id: Uuid::new_v4(),
                        line_item_number: "10".into(),
                        description: "Full service".into(),
                        start_date: end - Duration::days(3 * 365),
                        end_date: end,
                        covers: group.iter().map(|p| p.id).collect(),
                    }],
                }
            })
            .collect();
        let warranties: Vec<WarrantyRecord> = products
            .iter()
            .step_by(5)
            .map(|p| WarrantyRecord {
                id: Uuid::new_v4(),
                product: p.id.as_uuid(),
                description: "Manufacturer warranty, 24 months".into(),
                start_date: today - Duration::days(365),
                end_date: today + Duration::days(365),
            })
            .collect();
        let txn = Tx::begin(db).await?;
        installed_products::insert_many(&txn, &products, now).await?;
        contracts::insert_many(&txn, &contracts, now).await?;
        contracts::insert_warranties(&txn, &warranties).await?;
        txn.commit().await?;
        made += batch;
    }
    installed_products::refresh_coverage(db).await?;
    Ok(crate::entities::installed_product::Entity::find()
        .count(db.raw())
        .await?)
}

//! `csportal seed --scale-cases N`: N cases over the existing installed
//! products, created over eight years (so some Dutch ones are historical),
//! mostly closed, for benchmarks at a million cases.

use crate::db::{Db, Sealed, Tx};
use crate::entities::{case, installed_product};
use crate::error::{StoreError, StoreResult};
use chrono::{Duration, Utc};
use domain::{case_title, CaseStatus};
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait, QuerySelect};
use uuid::Uuid;

const PROBLEMS: [&str; 6] = [
    "Image artefacts in thin-slice reconstructions",
    "Table drive stops halfway",
    "Console freezes when exporting to PACS",
    "Coil not recognised after reconnecting",
    "Planned preventive maintenance",
    "Software update request",
];
/// Rows per INSERT: under SQLite's 32,766 bound parameters at 26 columns.
const ROWS_PER_INSERT: usize = 1000;

/// The engineer every tenth scaled case is assigned to (the queue's
/// "one engineer's" filter); any fixed id will do.
pub const SCALE_ENGINEER: Uuid = Uuid::from_u128(0x5e41_ce00_0000_4000_8000_0000_0000_0001);

/// Adds `count` cases and returns how many the database then holds.
pub async fn scale_cases(db: &Db, count: u64) -> StoreResult<u64> {
    type ProductRow = (Uuid, Uuid, Uuid, String);
    let products: Vec<ProductRow> = installed_product::Entity::find()
        .select_only()
        .column(installed_product::Column::Id)
        .column(installed_product::Column::LocationAccountId)
        .column(installed_product::Column::OwnerAccountId)
        .column(installed_product::Column::Modality)
        .into_tuple()
        .all(db.raw())
        .await?;
    if products.is_empty() {
        return Err(StoreError::Corrupt(
            "no installed products to log cases on: seed the demo data first".into(),
        ));
    }
    let existing = case::Entity::find().count(db.raw()).await?;
    let now = Utc::now();
    let mut made = 0u64;
    while made < count {
        let batch = (count - made).min(50_000);
        let txn = Tx::begin(db).await?;
        let rows: Vec<case::ActiveModel> = (0..batch)
            .map(|i| {
                let n = existing + made + i;
                let (product, location, owner, modality) =
                    &products[(n.wrapping_mul(2_654_435_761) % products.len() as u64) as usize];
                // Spread over eight years; the oldest ones are closed.
                let age_minutes = (n.wrapping_mul(40_503) % (8 * 365 * 24 * 60)) as i64;
                let created_at = now - Duration::minutes(age_minutes);
                let status = match (age_minutes > 30 * 24 * 60, n % 4) {
                    (true, _) => CaseStatus::Closed,
                    (false, 0) => CaseStatus::New,
                    (false, 1) => CaseStatus::InProcess,
                    (false, 2) => CaseStatus::Fixed,
                    (false, _) => CaseStatus::Closed,
                };
                let closed_at = (status == CaseStatus::Closed)
                    .then(|| created_at + Duration::hours(30 + (n % 200) as i64));
                let description = PROBLEMS[(n % PROBLEMS.len() as u64) as usize];
                case::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    number: Set(format!("CS-S-{n:08}")),
                    installed_product_id: Set(*product),
                    account_id: Set(*location),
                    owner_account_id: Set(*owner),
                    modality: Set(modality.clone()),
                    country: Set(if n.is_multiple_of(3) { "DK" } else { "NL" }.into()),
                    priority: Set(i16::try_from(n % 5 + 1).unwrap_or(5)),
                    status: Set(status.as_str().into()),
                    origin: Set(if n.is_multiple_of(3) { "phone" } else { "web" }.into()),
                    kind: Set("support_request".into()),
                    title: Set(case_title(description)),
                    description: Set(description.into()),
                    customer_reference: Set(n.is_multiple_of(7).then(|| format!("REF-{n}"))),
                    contact_name: Set(None),
                    contact_email: Set(None),
                    contact_phone: Set(None),
                    bench_part_description: Set(None),
                    bench_part_serial_number: Set(None),
                    bench_return_address: Set(None),
                    created_by: Set(None),
                    created_at: Set(created_at),
                    updated_at: Set(closed_at.unwrap_or(created_at)),
                    closed_at: Set(closed_at),
                    version: Set(1),
                    // Every tenth is assigned to one engineer; the new ones await an answer.
                    assigned_to: Set(n.is_multiple_of(10).then_some(SCALE_ENGINEER)),
                    waiting_for_customer: Set(status == CaseStatus::InProcess && n % 8 == 1),
                    awaiting_response_since: Set((status == CaseStatus::New).then_some(created_at)),
                    // Answered within one to twelve hours, unless still new.
                    first_response_at: Set((status != CaseStatus::New)
                        .then(|| created_at + Duration::hours(1 + (n % 12) as i64))),
                }
            })
            .collect();
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<_> = rows.by_ref().take(ROWS_PER_INSERT).collect();
            case::Entity::insert_many(chunk).exec(txn.raw()).await?;
        }
        txn.commit().await?;
        made += batch;
    }
    Ok(case::Entity::find().count(db.raw()).await?)
}

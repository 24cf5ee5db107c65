//! Planned service events at scale, for the calendar's benchmark: `count`
//! events over the existing installed products, spread over two years
//! around now, most confirmed, every twentieth cancelled.

use crate::db::{Db, Sealed, Tx};
use crate::entities::{installed_product, planned_event};
use crate::error::{StoreError, StoreResult};
use chrono::{Duration, Utc};
use domain::planned_event::{EventStatus, EventType};
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait, QuerySelect};
use uuid::Uuid;

/// Rows per INSERT: under SQLite's 32,766 bound parameters at 16 columns.
const ROWS_PER_INSERT: usize = 1000;

/// Adds `count` events and returns how many the database then holds.
pub async fn scale_events(db: &Db, count: u64) -> StoreResult<u64> {
    let products: Vec<Uuid> = installed_product::Entity::find()
        .select_only()
        .column(installed_product::Column::Id)
        .into_tuple()
        .all(db.raw())
        .await?;
    if products.is_empty() {
        return Err(StoreError::Corrupt(
            "no installed products to plan events on: seed the demo data first".into(),
        ));
    }
    let now = Utc::now();
    let types = [
        EventType::PreventiveMaintenance,
        EventType::CorrectiveMaintenance,
        EventType::FieldChangeOrder,
        EventType::Installation,
        EventType::ApplicationSupport,
    ];
    let mut made = 0u64;
    while made < count {
        let batch = (count - made).min(50_000);
        let txn = Tx::begin(db).await?;
        let rows: Vec<planned_event::ActiveModel> = (0..batch)
            .map(|i| {
                let n = made + i;
                let product =
                    products[(n.wrapping_mul(2_654_435_761) % products.len() as u64) as usize];
                // One year back to one year ahead, on the quarter hour.
                let offset = (n.wrapping_mul(7_919) % (2 * 365 * 96)) as i64 - 365 * 96;
                let start = now + Duration::minutes(offset * 15);
                let status = if n.is_multiple_of(20) {
                    EventStatus::Cancelled
                } else {
                    EventStatus::Confirmed
                };
                planned_event::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    source_id: Set(None),
                    installed_product_id: Set(product),
                    event_type: Set(types[(n % 5) as usize].as_str().into()),
                    status: Set(status.as_str().into()),
                    planned_start: Set(start),
                    planned_end: Set(start + Duration::hours(2 + (n % 6) as i64)),
                    engineer_id: Set(None),
                    service_type: Set("onsite".into()),
                    case_id: Set(None),
                    customer_response: Set(None),
                    sequence: Set(0),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
            })
            .collect();
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<_> = rows.by_ref().take(ROWS_PER_INSERT).collect();
            planned_event::Entity::insert_many(chunk)
                .exec(txn.raw())
                .await?;
        }
        txn.commit().await?;
        made += batch;
    }
    Ok(planned_event::Entity::find().count(db.raw()).await?)
}

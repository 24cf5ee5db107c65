//! SLCP links between hardware and software licenses, with their history.

use crate::db::Conn;
use crate::entities::slcp_link;
use crate::error::StoreResult;
use chrono::{DateTime, Utc};
use domain::InstalledProductId;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlcpLink {
    pub hardware: Uuid,
    pub license: Uuid,
    pub linked_at: DateTime<Utc>,
    pub unlinked_at: Option<DateTime<Utc>>,
}

/// Every link, past and present, with the product at either end; newest first.
pub async fn links_of(db: &impl Conn, product: InstalledProductId) -> StoreResult<Vec<SlcpLink>> {
    let db = db.raw();
    Ok(slcp_link::Entity::find()
        .filter(
            Condition::any()
                .add(slcp_link::Column::HardwareProductId.eq(product.as_uuid()))
                .add(slcp_link::Column::LicenseProductId.eq(product.as_uuid())),
        )
        .order_by_desc(slcp_link::Column::LinkedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|m| SlcpLink {
            hardware: m.hardware_product_id,
            license: m.license_product_id,
            linked_at: m.linked_at,
            unlinked_at: m.unlinked_at,
        })
        .collect())
}

pub async fn insert_many(db: &impl Conn, links: &[SlcpLink]) -> StoreResult<()> {
    let db = db.raw();
    for chunk in links.chunks(1000) {
        slcp_link::Entity::insert_many(chunk.iter().map(|l| slcp_link::ActiveModel {
            id: Set(Uuid::new_v4()),
            hardware_product_id: Set(l.hardware),
            license_product_id: Set(l.license),
            linked_at: Set(l.linked_at),
            unlinked_at: Set(l.unlinked_at),
        }))
        .exec(db)
        .await?;
    }
    Ok(())
}

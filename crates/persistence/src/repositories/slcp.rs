//! SLCP links between hardware and software licenses, with their history.

use crate::db::Conn;
use crate::entities::slcp_link;
use crate::error::StoreResult;
use crate::repositories::query::{all_into, insert_chunked};
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
    let links = slcp_link::Entity::find()
        .filter(
            Condition::any()
                .add(slcp_link::Column::HardwareProductId.eq(product.as_uuid()))
                .add(slcp_link::Column::LicenseProductId.eq(product.as_uuid())),
        )
        .order_by_desc(slcp_link::Column::LinkedAt);
    all_into(db.raw(), links).await
}

impl From<slcp_link::Model> for SlcpLink {
    fn from(m: slcp_link::Model) -> Self {
        SlcpLink {
            hardware: m.hardware_product_id,
            license: m.license_product_id,
            linked_at: m.linked_at,
            unlinked_at: m.unlinked_at,
        }
    }
}

pub async fn insert_many(db: &impl Conn, links: &[SlcpLink]) -> StoreResult<()> {
    insert_chunked(db.raw(), links, 1000, |l| slcp_link::ActiveModel {
        id: Set(Uuid::new_v4()),
        hardware_product_id: Set(l.hardware),
        license_product_id: Set(l.license),
        linked_at: Set(l.linked_at),
        unlinked_at: Set(l.unlinked_at),
    })
    .await
}

use super::m20261124_000006_create_installed_products::InstalledProducts;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// A software license (SLCP) on a hardware unit, from `linked_at` until
/// `unlinked_at`; a license that moves leaves its old rows as history.
#[derive(DeriveIden)]
pub enum SlcpLinks {
    Table,
    Id,
    HardwareProductId,
    LicenseProductId,
    LinkedAt,
    UnlinkedAt,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use SlcpLinks as L;
    create_table(
        manager,
        entity_table(L::Table, L::Id)
            .owned_by(
                L::HardwareProductId,
                "fk_slcp_links_hardware",
                InstalledProducts::Table,
            )
            .owned_by(
                L::LicenseProductId,
                "fk_slcp_links_license",
                InstalledProducts::Table,
            )
            .col(timestamp_with_time_zone(L::LinkedAt))
            .col(timestamp_with_time_zone_null(L::UnlinkedAt)),
        [
            ("idx_slcp_links_hardware", vec![L::HardwareProductId]),
            ("idx_slcp_links_license", vec![L::LicenseProductId]),
        ],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, SlcpLinks::Table).await
}

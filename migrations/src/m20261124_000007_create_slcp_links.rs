use super::m20261124_000006_create_installed_products::InstalledProducts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SlcpLinks::Table)
                    .col(uuid(SlcpLinks::Id).primary_key())
                    .col(uuid(SlcpLinks::HardwareProductId))
                    .col(uuid(SlcpLinks::LicenseProductId))
                    .col(timestamp_with_time_zone(SlcpLinks::LinkedAt))
                    .col(timestamp_with_time_zone_null(SlcpLinks::UnlinkedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_slcp_links_hardware")
                            .from(SlcpLinks::Table, SlcpLinks::HardwareProductId)
                            .to(InstalledProducts::Table, InstalledProducts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_slcp_links_license")
                            .from(SlcpLinks::Table, SlcpLinks::LicenseProductId)
                            .to(InstalledProducts::Table, InstalledProducts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_slcp_links_hardware", SlcpLinks::HardwareProductId),
            ("idx_slcp_links_license", SlcpLinks::LicenseProductId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(SlcpLinks::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SlcpLinks::Table).to_owned())
            .await
    }
}

use super::m20261124_000006_create_installed_products::InstalledProducts;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Warranties {
    Table,
    Id,
    InstalledProductId,
    Description,
    StartDate,
    EndDate,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use Warranties as W;
        create_table(
            manager,
            entity_table(W::Table, W::Id)
                .owned_by(
                    W::InstalledProductId,
                    "fk_warranties_product",
                    InstalledProducts::Table,
                )
                .col(string_len(W::Description, 200))
                .col(date(W::StartDate))
                .col(date(W::EndDate)),
            [("idx_warranties_product", vec![W::InstalledProductId])],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, Warranties::Table).await
    }
}

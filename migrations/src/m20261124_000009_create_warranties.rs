use super::m20261124_000006_create_installed_products::InstalledProducts;
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
        manager
            .create_table(
                Table::create()
                    .table(Warranties::Table)
                    .col(uuid(Warranties::Id).primary_key())
                    .col(uuid(Warranties::InstalledProductId))
                    .col(string_len(Warranties::Description, 200))
                    .col(date(Warranties::StartDate))
                    .col(date(Warranties::EndDate))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_warranties_product")
                            .from(Warranties::Table, Warranties::InstalledProductId)
                            .to(InstalledProducts::Table, InstalledProducts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_warranties_product")
                    .table(Warranties::Table)
                    .col(Warranties::InstalledProductId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Warranties::Table).to_owned())
            .await
    }
}

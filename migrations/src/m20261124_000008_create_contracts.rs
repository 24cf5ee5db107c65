use super::m20261123_000001_create_accounts::Accounts;
use super::m20261124_000006_create_installed_products::InstalledProducts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The contract header: sold to a ship-to account.
#[derive(DeriveIden)]
pub enum Contracts {
    Table,
    Id,
    Number,
    ShipToAccountId,
    PoNumber,
    ServiceType,
    Status,
    StartDate,
    EndDate,
    CreatedAt,
}

/// A line item: the entitlement, with its own dates.
#[derive(DeriveIden)]
pub enum ContractLines {
    Table,
    Id,
    ContractId,
    LineItemNumber,
    Description,
    StartDate,
    EndDate,
}

/// Which installed products a line covers.
#[derive(DeriveIden)]
pub enum ContractCoverage {
    Table,
    ContractLineId,
    InstalledProductId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Contracts::Table)
                    .col(uuid(Contracts::Id).primary_key())
                    .col(string_len_uniq(Contracts::Number, 40))
                    .col(uuid(Contracts::ShipToAccountId))
                    .col(string_len_null(Contracts::PoNumber, 60))
                    .col(string_len(Contracts::ServiceType, 120))
                    .col(string_len(Contracts::Status, 20))
                    .col(date(Contracts::StartDate))
                    .col(date(Contracts::EndDate))
                    .col(timestamp_with_time_zone(Contracts::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_contracts_ship_to")
                            .from(Contracts::Table, Contracts::ShipToAccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ContractLines::Table)
                    .col(uuid(ContractLines::Id).primary_key())
                    .col(uuid(ContractLines::ContractId))
                    .col(string_len(ContractLines::LineItemNumber, 40))
                    .col(string_len(ContractLines::Description, 200))
                    .col(date(ContractLines::StartDate))
                    .col(date(ContractLines::EndDate))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_contract_lines_contract")
                            .from(ContractLines::Table, ContractLines::ContractId)
                            .to(Contracts::Table, Contracts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ContractCoverage::Table)
                    .col(uuid(ContractCoverage::ContractLineId))
                    .col(uuid(ContractCoverage::InstalledProductId))
                    .primary_key(
                        Index::create()
                            .col(ContractCoverage::ContractLineId)
                            .col(ContractCoverage::InstalledProductId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_contract_coverage_line")
                            .from(ContractCoverage::Table, ContractCoverage::ContractLineId)
                            .to(ContractLines::Table, ContractLines::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_contract_coverage_product")
                            .from(
                                ContractCoverage::Table,
                                ContractCoverage::InstalledProductId,
                            )
                            .to(InstalledProducts::Table, InstalledProducts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for index in [
            Index::create()
                .name("idx_contract_lines_contract")
                .table(ContractLines::Table)
                .col(ContractLines::ContractId)
                .to_owned(),
            Index::create()
                .name("idx_contract_coverage_product")
                .table(ContractCoverage::Table)
                .col(ContractCoverage::InstalledProductId)
                .to_owned(),
            Index::create()
                .name("idx_contracts_ship_to")
                .table(Contracts::Table)
                .col(Contracts::ShipToAccountId)
                .to_owned(),
            Index::create()
                .name("idx_contracts_end_date")
                .table(Contracts::Table)
                .col(Contracts::EndDate)
                .to_owned(),
        ] {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ContractCoverage::Table.into_iden(),
            ContractLines::Table.into_iden(),
            Contracts::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

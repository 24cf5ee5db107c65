use super::m20261123_000001_create_accounts::Accounts;
use super::m20261124_000006_create_installed_products::InstalledProducts;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

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

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use ContractCoverage as V;
    use ContractLines as L;
    use Contracts as C;
    create_tables(
        manager,
        [
            entity_table(C::Table, C::Id)
                .col(string_len_uniq(C::Number, 40))
                .refers_to(C::ShipToAccountId, "fk_contracts_ship_to", Accounts::Table)
                .col(string_len_null(C::PoNumber, 60))
                .col(string_len(C::ServiceType, 120))
                .col(string_len(C::Status, 20))
                .col(date(C::StartDate))
                .col(date(C::EndDate))
                .col(timestamp_with_time_zone(C::CreatedAt)),
            entity_table(L::Table, L::Id)
                .owned_by(L::ContractId, "fk_contract_lines_contract", C::Table)
                .col(string_len(L::LineItemNumber, 40))
                .col(string_len(L::Description, 200))
                .col(date(L::StartDate))
                .col(date(L::EndDate)),
            Table::create()
                .table(V::Table)
                .owned_by(V::ContractLineId, "fk_contract_coverage_line", L::Table)
                .owned_by(
                    V::InstalledProductId,
                    "fk_contract_coverage_product",
                    InstalledProducts::Table,
                )
                .primary_key(
                    Index::create()
                        .col(V::ContractLineId)
                        .col(V::InstalledProductId),
                ),
        ],
    )
    .await?;
    // The indexes come after all three tables, as they always have: the
    // order is what SQLite's schema lists.
    create_indexes(
        manager,
        L::Table,
        [("idx_contract_lines_contract", vec![L::ContractId])],
    )
    .await?;
    create_indexes(
        manager,
        V::Table,
        [("idx_contract_coverage_product", vec![V::InstalledProductId])],
    )
    .await?;
    create_indexes(
        manager,
        C::Table,
        [
            ("idx_contracts_ship_to", vec![C::ShipToAccountId]),
            ("idx_contracts_end_date", vec![C::EndDate]),
        ],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_tables(
        manager,
        [
            ContractCoverage::Table.into_iden(),
            ContractLines::Table.into_iden(),
            Contracts::Table.into_iden(),
        ],
    )
    .await
}

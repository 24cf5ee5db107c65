use super::m20261123_000001_create_accounts::Accounts;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum InstalledProducts {
    Table,
    Id,
    Number,
    Description,
    SerialNumber,
    Udi,
    TechnicalId,
    Modality,
    ProductFamily,
    Kind,
    FunctionalLocation,
    InstallDate,
    Status,
    OwnerAccountId,
    LocationAccountId,
    CustomName,
    CustomerReference,
    CustomerLocation,
    OperationalState,
    StrategicItem,
    EndOfLifeDate,
    EndOfServiceDate,
    /// The latest end date of the contract lines covering the product; kept
    /// with the lines so lists filter and sort on coverage without a join.
    CoverageEndDate,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use InstalledProducts as P;
        create_table(
            manager,
            Table::create()
                .table(P::Table)
                .col(uuid_pk(P::Id))
                .col(string_len_uniq(P::Number, 40))
                .col(string_len(P::Description, 200))
                .col(string_len(P::SerialNumber, 80))
                .col(string_len_null(P::Udi, 120))
                .col(string_len_null(P::TechnicalId, 80))
                .col(string_len(P::Modality, 20))
                .col(string_len(P::ProductFamily, 120))
                .col(string_len(P::Kind, 20))
                .col(string_len_null(P::FunctionalLocation, 200))
                .col(date_null(P::InstallDate))
                .col(string_len(P::Status, 20))
                .col(uuid(P::OwnerAccountId))
                .col(uuid(P::LocationAccountId))
                .col(string_len_null(P::CustomName, 100))
                .col(string_len_null(P::CustomerReference, 100))
                .col(string_len_null(P::CustomerLocation, 100))
                .col(string_len(P::OperationalState, 20).default("up"))
                .col(boolean(P::StrategicItem).default(false))
                .col(date_null(P::EndOfLifeDate))
                .col(date_null(P::EndOfServiceDate))
                .col(date_null(P::CoverageEndDate))
                .col(timestamp_with_time_zone(P::CreatedAt))
                .col(timestamp_with_time_zone(P::UpdatedAt))
                .col(version(P::Version))
                .fk_restrict(
                    "fk_installed_products_owner",
                    P::OwnerAccountId,
                    Accounts::Table,
                )
                .fk_restrict(
                    "fk_installed_products_location",
                    P::LocationAccountId,
                    Accounts::Table,
                ),
            // Visibility is "location or owner in scope": one index per side; the
            // list's default order (number) comes from the unique index.
            [
                (
                    "idx_installed_products_location",
                    vec![P::LocationAccountId, P::Number],
                ),
                (
                    "idx_installed_products_owner",
                    vec![P::OwnerAccountId, P::Number],
                ),
                (
                    "idx_installed_products_modality_state",
                    vec![P::Modality, P::OperationalState],
                ),
                (
                    "idx_installed_products_state",
                    vec![P::OperationalState, P::Number],
                ),
                (
                    "idx_installed_products_coverage_end",
                    vec![P::CoverageEndDate, P::Number],
                ),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, InstalledProducts::Table).await
    }
}

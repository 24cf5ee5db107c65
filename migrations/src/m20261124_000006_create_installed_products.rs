use super::m20261123_000001_create_accounts::Accounts;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

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

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use InstalledProducts as P;
    create_table(
        manager,
        entity_table(P::Table, P::Id)
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
            .refers_to(
                P::OwnerAccountId,
                "fk_installed_products_owner",
                Accounts::Table,
            )
            .refers_to(
                P::LocationAccountId,
                "fk_installed_products_location",
                Accounts::Table,
            )
            .col(string_len_null(P::CustomName, 100))
            .col(string_len_null(P::CustomerReference, 100))
            .col(string_len_null(P::CustomerLocation, 100))
            .col(string_len(P::OperationalState, 20).default("up"))
            .col(boolean(P::StrategicItem).default(false))
            .col(date_null(P::EndOfLifeDate))
            .col(date_null(P::EndOfServiceDate))
            .col(date_null(P::CoverageEndDate))
            .stamps(P::CreatedAt, P::UpdatedAt)
            .col(version(P::Version)),
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

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, InstalledProducts::Table).await
}

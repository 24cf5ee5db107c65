use super::m20261123_000001_create_accounts::Accounts;
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
        manager
            .create_table(
                Table::create()
                    .table(P::Table)
                    .col(uuid(P::Id).primary_key())
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
                    .col(integer(P::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_installed_products_owner")
                            .from(P::Table, P::OwnerAccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_installed_products_location")
                            .from(P::Table, P::LocationAccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        // Visibility is "location or owner in scope": one index per side; the
        // list's default order (number) comes from the unique index.
        for (name, columns) in [
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
        ] {
            let mut index = Index::create();
            index.name(name).table(P::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(InstalledProducts::Table).to_owned())
            .await
    }
}

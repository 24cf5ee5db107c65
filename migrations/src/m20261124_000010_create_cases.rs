use super::m20261123_000001_create_accounts::Accounts;
use super::m20261123_000002_create_users::Users;
use super::m20261124_000006_create_installed_products::InstalledProducts;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// One row per case number handed out: the auto-increment makes numbers
/// unique across server processes without a database-specific sequence.
#[derive(DeriveIden)]
pub enum CaseNumbers {
    Table,
    Id,
    IssuedAt,
}

#[derive(DeriveIden)]
pub enum Cases {
    Table,
    Id,
    Number,
    InstalledProductId,
    /// The product's location and owner accounts when the case was logged,
    /// its modality and the location's country: copied so that lists of a
    /// million cases filter by tenancy and market without joins.
    AccountId,
    OwnerAccountId,
    Modality,
    Country,
    Priority,
    Status,
    Origin,
    Kind,
    Title,
    Description,
    CustomerReference,
    ContactName,
    ContactEmail,
    ContactPhone,
    BenchPartDescription,
    BenchPartSerialNumber,
    BenchReturnAddress,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    ClosedAt,
    Version,
}

#[derive(DeriveIden)]
pub enum CaseActivities {
    Table,
    Id,
    CaseId,
    Kind,
    Text,
    Carrier,
    TrackingNumber,
    /// With `status_changed`: the status the case moved to.
    NewStatus,
    AuthorUserId,
    AuthorName,
    FromService,
    OccurredAt,
}

/// Responses of requests sent with an `Idempotency-Key`, per user. A row
/// without a response is a request still in progress.
#[derive(DeriveIden)]
pub enum IdempotencyKeys {
    Table,
    UserId,
    Key,
    RequestHash,
    ResponseStatus,
    ResponseBody,
    CreatedAt,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    create_tables(
        manager,
        [Table::create()
            .table(CaseNumbers::Table)
            .col(pk_auto(CaseNumbers::Id))
            .col(timestamp_with_time_zone(CaseNumbers::IssuedAt))],
    )
    .await?;
    use Cases as C;
    create_table(
        manager,
        entity_table(C::Table, C::Id)
            .col(string_len_uniq(C::Number, 32))
            .refers_to(
                C::InstalledProductId,
                "fk_cases_product",
                InstalledProducts::Table,
            )
            .refers_to(C::AccountId, "fk_cases_account", Accounts::Table)
            .refers_to(C::OwnerAccountId, "fk_cases_owner", Accounts::Table)
            .col(string_len(C::Modality, 20))
            .col(string_len(C::Country, 2))
            .col(small_integer(C::Priority))
            .col(string_len(C::Status, 20))
            .col(string_len(C::Origin, 10))
            .col(string_len(C::Kind, 30))
            .col(string_len(C::Title, 160))
            .col(text(C::Description))
            .col(string_len_null(C::CustomerReference, 200))
            .col(string_len_null(C::ContactName, 200))
            .col(string_len_null(C::ContactEmail, 254))
            .col(string_len_null(C::ContactPhone, 40))
            .col(string_len_null(C::BenchPartDescription, 200))
            .col(string_len_null(C::BenchPartSerialNumber, 80))
            .col(string_len_null(C::BenchReturnAddress, 400))
            .ref_col(
                uuid_null,
                C::CreatedBy,
                "fk_cases_created_by",
                Users::Table,
                ForeignKeyAction::SetNull,
            )
            .stamps(C::CreatedAt, C::UpdatedAt)
            .col(timestamp_with_time_zone_null(C::ClosedAt))
            .col(version(C::Version)),
        [
            // Lists run newest first within the visible accounts.
            (
                "idx_cases_account_created",
                vec![C::AccountId, C::CreatedAt],
            ),
            (
                "idx_cases_owner_created",
                vec![C::OwnerAccountId, C::CreatedAt],
            ),
            (
                "idx_cases_creator_created",
                vec![C::CreatedBy, C::CreatedAt],
            ),
            // The operational state reads a product's open cases.
            (
                "idx_cases_product_status",
                vec![C::InstalledProductId, C::Status],
            ),
            ("idx_cases_created", vec![C::CreatedAt]),
        ],
    )
    .await?;

    use CaseActivities as A;
    create_table(
        manager,
        entity_table(A::Table, A::Id)
            .owned_by(A::CaseId, "fk_case_activities_case", C::Table)
            .col(string_len(A::Kind, 30))
            .col(text_null(A::Text))
            .col(string_len_null(A::Carrier, 60))
            .col(string_len_null(A::TrackingNumber, 80))
            .col(string_len_null(A::NewStatus, 20))
            .col(uuid_null(A::AuthorUserId))
            .col(string_len(A::AuthorName, 200))
            .col(boolean(A::FromService))
            .col(timestamp_with_time_zone(A::OccurredAt)),
        [("idx_case_activities_case", vec![A::CaseId, A::OccurredAt])],
    )
    .await?;

    use IdempotencyKeys as K;
    create_table(
        manager,
        Table::create()
            .table(K::Table)
            .col(uuid(K::UserId))
            .col(string_len(K::Key, 255))
            .col(string_len(K::RequestHash, 64))
            .col(integer_null(K::ResponseStatus))
            .col(text_null(K::ResponseBody))
            .col(timestamp_with_time_zone(K::CreatedAt))
            .primary_key(Index::create().col(K::UserId).col(K::Key)),
        [("idx_idempotency_keys_created", vec![K::CreatedAt])],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_tables(
        manager,
        [
            IdempotencyKeys::Table.into_iden(),
            CaseActivities::Table.into_iden(),
            Cases::Table.into_iden(),
            CaseNumbers::Table.into_iden(),
        ],
    )
    .await
}

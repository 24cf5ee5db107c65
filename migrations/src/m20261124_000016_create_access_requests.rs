use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// Requests for access from the public form. `facilities` holds the
/// facilities and their identifiers as JSON text; `parent_account_id` is the
/// parent account the identifiers matched (its Manager may decide).
#[derive(DeriveIden)]
pub enum AccessRequests {
    Table,
    Id,
    Name,
    Organisation,
    Email,
    Phone,
    Country,
    Facilities,
    Remarks,
    Language,
    Status,
    ParentAccountId,
    ClientAddress,
    CreatedAt,
    DecidedAt,
    DecidedBy,
    DecisionNote,
    UserId,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use AccessRequests as A;
    create_table(
        manager,
        entity_table(A::Table, A::Id)
            .col(string_len(A::Name, 200))
            .col(string_len(A::Organisation, 200))
            .col(string_len(A::Email, 254))
            .col(string_len(A::Phone, 40))
            .col(string_len(A::Country, 2))
            .col(text(A::Facilities))
            .col(text_null(A::Remarks))
            .col(string_len(A::Language, 8))
            .col(string_len(A::Status, 20))
            .col(uuid_null(A::ParentAccountId))
            .col(string_len_null(A::ClientAddress, 64))
            .col(timestamp_with_time_zone(A::CreatedAt))
            .col(timestamp_with_time_zone_null(A::DecidedAt))
            .col(uuid_null(A::DecidedBy))
            .col(text_null(A::DecisionNote))
            .col(uuid_null(A::UserId)),
        [(
            "idx_access_requests_parent_status",
            vec![A::ParentAccountId, A::Status, A::CreatedAt],
        )],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, AccessRequests::Table).await
}

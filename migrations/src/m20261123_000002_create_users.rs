use super::m20261123_000001_create_accounts::Accounts;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    ParentAccountId,
    Username,
    Email,
    DisplayName,
    Role,
    PasswordHash,
    PasswordChangedAt,
    Language,
    TimeZone,
    DateFormat,
    TimeFormat,
    Active,
    SessionsValidAfter,
    FailedLogins,
    LockedUntil,
    LastLoginAt,
    CreatedAt,
    UpdatedAt,
    Version,
}

/// A table of a user's own rows (tokens, password history, recovery codes):
/// the uuid `id`, then `user_id`, with a foreign key `fk` that deletes the
/// rows with their user.
pub fn user_owned_table(
    table: impl IntoIden,
    id: impl IntoIden,
    user_id: impl IntoIden,
    fk: &str,
) -> TableCreateStatement {
    entity_table(table, id)
        .owned_by(user_id, fk, Users::Table)
        .take()
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use Users as U;
    create_table(
        manager,
        entity_table(U::Table, U::Id)
            // Null for the service organisation's own staff.
            .ref_col(
                uuid_null,
                U::ParentAccountId,
                "fk_users_parent_account",
                Accounts::Table,
                ForeignKeyAction::Restrict,
            )
            .col(string_len_uniq(U::Username, 100))
            .col(string_len(U::Email, 254))
            .col(string_len(U::DisplayName, 200))
            .col(string_len(U::Role, 20))
            .col(string_len(U::PasswordHash, 255))
            .col(timestamp_with_time_zone(U::PasswordChangedAt))
            .col(string_len(U::Language, 8))
            .col(string_len(U::TimeZone, 64))
            .col(string_len(U::DateFormat, 20))
            .col(string_len(U::TimeFormat, 8))
            .col(boolean(U::Active))
            // Tokens issued before this instant are refused: logout-all,
            // password change, deactivation and role change end sessions.
            .col(timestamp_with_time_zone(U::SessionsValidAfter))
            .col(integer(U::FailedLogins).default(0))
            .col(timestamp_with_time_zone_null(U::LockedUntil))
            .col(timestamp_with_time_zone_null(U::LastLoginAt))
            .stamps(U::CreatedAt, U::UpdatedAt)
            .col(version(U::Version)),
        [("idx_users_parent_account", vec![U::ParentAccountId])],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, Users::Table).await
}

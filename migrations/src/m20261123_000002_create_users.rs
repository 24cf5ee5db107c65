use super::m20261123_000001_create_accounts::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(uuid(Users::Id).primary_key())
                    // Null for the service organisation's own staff.
                    .col(uuid_null(Users::ParentAccountId))
                    .col(string_len_uniq(Users::Username, 100))
                    .col(string_len(Users::Email, 254))
                    .col(string_len(Users::DisplayName, 200))
                    .col(string_len(Users::Role, 20))
                    .col(string_len(Users::PasswordHash, 255))
                    .col(timestamp_with_time_zone(Users::PasswordChangedAt))
                    .col(string_len(Users::Language, 8))
                    .col(string_len(Users::TimeZone, 64))
                    .col(string_len(Users::DateFormat, 20))
                    .col(string_len(Users::TimeFormat, 8))
                    .col(boolean(Users::Active))
                    // Tokens issued before this instant are refused: logout-all,
                    // password change, deactivation and role change end sessions.
                    .col(timestamp_with_time_zone(Users::SessionsValidAfter))
                    .col(integer(Users::FailedLogins).default(0))
                    .col(timestamp_with_time_zone_null(Users::LockedUntil))
                    .col(timestamp_with_time_zone_null(Users::LastLoginAt))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .col(integer(Users::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_users_parent_account")
                            .from(Users::Table, Users::ParentAccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_users_parent_account")
                    .table(Users::Table)
                    .col(Users::ParentAccountId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Users::Table).to_owned())
            .await
    }
}

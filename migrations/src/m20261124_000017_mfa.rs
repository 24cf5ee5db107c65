use super::m20261123_000001_create_accounts::Accounts;
use super::m20261123_000002_create_users::Users;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

// The column names are what they are: all start with mfa_.
#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum UsersMfa {
    /// Base32 TOTP secret once enrolled.
    MfaSecret,
    /// A secret shown for enrolment, not yet confirmed with a code.
    MfaPendingSecret,
    MfaEnabledAt,
    /// The last TOTP time step accepted: a code works once.
    MfaLastStep,
}

#[derive(DeriveIden)]
enum AccountsMfa {
    /// On a parent account: every user of it must use a second factor.
    RequireMfa,
}

/// Single-use recovery codes, stored as SHA-256 (they carry 50 random bits).
#[derive(DeriveIden)]
pub enum MfaRecoveryCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    CreatedAt,
    UsedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            string_len_null(UsersMfa::MfaSecret, 64),
            string_len_null(UsersMfa::MfaPendingSecret, 64),
            timestamp_with_time_zone_null(UsersMfa::MfaEnabledAt),
            big_integer_null(UsersMfa::MfaLastStep),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .add_column(boolean(AccountsMfa::RequireMfa).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MfaRecoveryCodes::Table)
                    .col(uuid(MfaRecoveryCodes::Id).primary_key())
                    .col(uuid(MfaRecoveryCodes::UserId))
                    .col(string_len_uniq(MfaRecoveryCodes::CodeHash, 64))
                    .col(timestamp_with_time_zone(MfaRecoveryCodes::CreatedAt))
                    .col(timestamp_with_time_zone_null(MfaRecoveryCodes::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_mfa_recovery_codes_user")
                            .from(MfaRecoveryCodes::Table, MfaRecoveryCodes::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_mfa_recovery_codes_user")
                    .table(MfaRecoveryCodes::Table)
                    .col(MfaRecoveryCodes::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(MfaRecoveryCodes::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .drop_column(AccountsMfa::RequireMfa)
                    .to_owned(),
            )
            .await?;
        for column in [
            UsersMfa::MfaLastStep,
            UsersMfa::MfaEnabledAt,
            UsersMfa::MfaPendingSecret,
            UsersMfa::MfaSecret,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

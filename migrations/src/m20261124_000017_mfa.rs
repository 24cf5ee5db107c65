use super::m20261123_000001_create_accounts::Accounts;
use super::m20261123_000002_create_users::{user_owned_table, Users};
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

// The column names are what they are: all start with mfa_.
#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
pub enum UsersMfa {
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

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    add_columns(
        manager,
        Users::Table,
        [
            string_len_null(UsersMfa::MfaSecret, 64),
            string_len_null(UsersMfa::MfaPendingSecret, 64),
            timestamp_with_time_zone_null(UsersMfa::MfaEnabledAt),
            big_integer_null(UsersMfa::MfaLastStep),
        ],
    )
    .await?;
    add_columns(
        manager,
        Accounts::Table,
        [boolean(AccountsMfa::RequireMfa).default(false).take()],
    )
    .await?;
    use MfaRecoveryCodes as R;
    create_table(
        manager,
        user_owned_table(R::Table, R::Id, R::UserId, "fk_mfa_recovery_codes_user")
            .col(string_len_uniq(R::CodeHash, 64))
            .col(timestamp_with_time_zone(R::CreatedAt))
            .col(timestamp_with_time_zone_null(R::UsedAt)),
        [("idx_mfa_recovery_codes_user", vec![R::UserId])],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, MfaRecoveryCodes::Table).await?;
    drop_columns(manager, Accounts::Table, [AccountsMfa::RequireMfa]).await?;
    drop_columns(
        manager,
        Users::Table,
        [
            UsersMfa::MfaLastStep,
            UsersMfa::MfaEnabledAt,
            UsersMfa::MfaPendingSecret,
            UsersMfa::MfaSecret,
        ],
    )
    .await
}

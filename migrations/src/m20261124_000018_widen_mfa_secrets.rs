//! Second-factor secrets are now stored sealed (AES-256-GCM: nonce, the
//! secret, the tag, in base64 with a version prefix), which is longer than
//! the 64 characters the plain base32 secret needed.

use super::m20261123_000002_create_users::Users;
use super::m20261124_000017_mfa::UsersMfa;
use sea_orm_migration::prelude::*;

crate::migration!();

async fn set_length(manager: &SchemaManager<'_>, length: u32) -> Result<(), DbErr> {
    // SQLite does not enforce a VARCHAR length and cannot alter a column's
    // type: there is nothing to change.
    if manager.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        return Ok(());
    }
    for column in [UsersMfa::MfaSecret, UsersMfa::MfaPendingSecret] {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .modify_column(ColumnDef::new(column).string_len(length).null())
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    set_length(manager, 255).await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    set_length(manager, 64).await
}

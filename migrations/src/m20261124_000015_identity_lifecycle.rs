use super::m20261123_000002_create_users::Users;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Hashes of earlier passwords, so the last five cannot be reused.
#[derive(DeriveIden)]
pub enum PasswordHistory {
    Table,
    Id,
    UserId,
    PasswordHash,
    CreatedAt,
}

/// Activation and reset links: only the SHA-256 of the token is stored; a
/// token is spent by setting `used_at` with a conditional update.
#[derive(DeriveIden)]
pub enum UserTokens {
    Table,
    Id,
    UserId,
    Purpose,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

/// Security events, hash-chained: each entry's hash covers its fields and
/// the previous entry's hash, so editing or removing one breaks the chain.
#[derive(DeriveIden)]
pub enum SecurityLog {
    Table,
    Seq,
    OccurredAt,
    Event,
    UserId,
    ActorId,
    ParentAccountId,
    ClientAddress,
    Details,
    PrevHash,
    Hash,
}

/// The chain's last sequence number and hash, one row. Appenders update it
/// first, which serializes them across server processes.
#[derive(DeriveIden)]
pub enum SecurityLogHead {
    Table,
    Id,
    Seq,
    Hash,
}

#[derive(DeriveIden)]
enum UsersLifecycle {
    /// Created by a Manager, no password set yet.
    PendingActivation,
    /// Set when the account was deactivated (inactivity or a Manager).
    DeactivatedAt,
    /// Why: `inactivity` or `manager`.
    DeactivatedReason,
    /// Inactivity counts from the latest of last login, creation and this.
    ReactivatedAt,
}

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PasswordHistory::Table)
                    .col(uuid(PasswordHistory::Id).primary_key())
                    .col(uuid(PasswordHistory::UserId))
                    .col(string_len(PasswordHistory::PasswordHash, 255))
                    .col(timestamp_with_time_zone(PasswordHistory::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_password_history_user")
                            .from(PasswordHistory::Table, PasswordHistory::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_password_history_user")
                    .table(PasswordHistory::Table)
                    .col(PasswordHistory::UserId)
                    .col(PasswordHistory::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UserTokens::Table)
                    .col(uuid(UserTokens::Id).primary_key())
                    .col(uuid(UserTokens::UserId))
                    .col(string_len(UserTokens::Purpose, 20))
                    .col(string_len_uniq(UserTokens::TokenHash, 64))
                    .col(timestamp_with_time_zone(UserTokens::CreatedAt))
                    .col(timestamp_with_time_zone(UserTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(UserTokens::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_tokens_user")
                            .from(UserTokens::Table, UserTokens::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_user_tokens_user")
                    .table(UserTokens::Table)
                    .col(UserTokens::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SecurityLog::Table)
                    .col(big_integer(SecurityLog::Seq).primary_key())
                    .col(timestamp_with_time_zone(SecurityLog::OccurredAt))
                    .col(string_len(SecurityLog::Event, 40))
                    .col(uuid_null(SecurityLog::UserId))
                    .col(uuid_null(SecurityLog::ActorId))
                    .col(uuid_null(SecurityLog::ParentAccountId))
                    .col(string_len_null(SecurityLog::ClientAddress, 64))
                    .col(text(SecurityLog::Details))
                    .col(string_len(SecurityLog::PrevHash, 64))
                    .col(string_len(SecurityLog::Hash, 64))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            (
                "idx_security_log_parent",
                vec![SecurityLog::ParentAccountId, SecurityLog::Seq],
            ),
            (
                "idx_security_log_address",
                vec![SecurityLog::ClientAddress, SecurityLog::OccurredAt],
            ),
            (
                "idx_security_log_event",
                vec![SecurityLog::Event, SecurityLog::OccurredAt],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(SecurityLog::Table);
            for col in cols {
                index.col(col);
            }
            manager.create_index(index.to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(SecurityLogHead::Table)
                    .col(integer(SecurityLogHead::Id).primary_key())
                    .col(big_integer(SecurityLogHead::Seq))
                    .col(string_len(SecurityLogHead::Hash, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(SecurityLogHead::Table)
                    .columns([
                        SecurityLogHead::Id,
                        SecurityLogHead::Seq,
                        SecurityLogHead::Hash,
                    ])
                    .values_panic([1.into(), 0i64.into(), GENESIS_HASH.into()])
                    .to_owned(),
            )
            .await?;
        let columns = [
            boolean(UsersLifecycle::PendingActivation)
                .default(false)
                .to_owned(),
            timestamp_with_time_zone_null(UsersLifecycle::DeactivatedAt),
            string_len_null(UsersLifecycle::DeactivatedReason, 20),
            timestamp_with_time_zone_null(UsersLifecycle::ReactivatedAt),
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
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            UsersLifecycle::ReactivatedAt,
            UsersLifecycle::DeactivatedReason,
            UsersLifecycle::DeactivatedAt,
            UsersLifecycle::PendingActivation,
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
        manager
            .drop_table(Table::drop().table(SecurityLogHead::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(SecurityLog::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(UserTokens::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PasswordHistory::Table).to_owned())
            .await
    }
}

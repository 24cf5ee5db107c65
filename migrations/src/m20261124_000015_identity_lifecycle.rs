use super::m20261123_000002_create_users::{user_owned_table, Users};
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

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

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use PasswordHistory as H;
    create_table(
        manager,
        user_owned_table(H::Table, H::Id, H::UserId, "fk_password_history_user")
            .col(string_len(H::PasswordHash, 255))
            .col(timestamp_with_time_zone(H::CreatedAt)),
        [("idx_password_history_user", vec![H::UserId, H::CreatedAt])],
    )
    .await?;
    use UserTokens as T;
    create_table(
        manager,
        user_owned_table(T::Table, T::Id, T::UserId, "fk_user_tokens_user")
            .col(string_len(T::Purpose, 20))
            .col(string_len_uniq(T::TokenHash, 64))
            .col(timestamp_with_time_zone(T::CreatedAt))
            .col(timestamp_with_time_zone(T::ExpiresAt))
            .col(timestamp_with_time_zone_null(T::UsedAt)),
        [("idx_user_tokens_user", vec![T::UserId])],
    )
    .await?;
    use SecurityLog as L;
    create_table(
        manager,
        Table::create()
            .table(L::Table)
            .col(big_integer(L::Seq).primary_key())
            .col(timestamp_with_time_zone(L::OccurredAt))
            .col(string_len(L::Event, 40))
            .col(uuid_null(L::UserId))
            .col(uuid_null(L::ActorId))
            .col(uuid_null(L::ParentAccountId))
            .col(string_len_null(L::ClientAddress, 64))
            .col(text(L::Details))
            .col(string_len(L::PrevHash, 64))
            .col(string_len(L::Hash, 64)),
        [
            ("idx_security_log_parent", vec![L::ParentAccountId, L::Seq]),
            (
                "idx_security_log_address",
                vec![L::ClientAddress, L::OccurredAt],
            ),
            ("idx_security_log_event", vec![L::Event, L::OccurredAt]),
        ],
    )
    .await?;
    create_tables(
        manager,
        [Table::create()
            .table(SecurityLogHead::Table)
            .col(integer(SecurityLogHead::Id).primary_key())
            .col(big_integer(SecurityLogHead::Seq))
            .col(string_len(SecurityLogHead::Hash, 64))],
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
    use UsersLifecycle as U;
    add_columns(
        manager,
        Users::Table,
        [
            boolean(U::PendingActivation).default(false).take(),
            timestamp_with_time_zone_null(U::DeactivatedAt),
            string_len_null(U::DeactivatedReason, 20),
            timestamp_with_time_zone_null(U::ReactivatedAt),
        ],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use UsersLifecycle as U;
    drop_columns(
        manager,
        Users::Table,
        [
            U::ReactivatedAt,
            U::DeactivatedReason,
            U::DeactivatedAt,
            U::PendingActivation,
        ],
    )
    .await?;
    drop_tables(
        manager,
        [
            SecurityLogHead::Table.into_iden(),
            SecurityLog::Table.into_iden(),
            UserTokens::Table.into_iden(),
            PasswordHistory::Table.into_iden(),
        ],
    )
    .await
}

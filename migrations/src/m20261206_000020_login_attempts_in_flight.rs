use super::m20261123_000002_create_users::Users;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// The account lockout counts failures and, apart, the attempts being
/// checked right now: a burst gets no more judged at once than the lockout
/// allows, and right passwords checked at the same time do not count as
/// failures while they wait.
#[derive(DeriveIden)]
pub enum UsersAttempts {
    LoginAttemptsInFlight,
    /// When the last attempt was reserved: slots of requests that died
    /// before their verdict are freed once this is old.
    LoginAttemptReservedAt,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    add_columns(
        manager,
        Users::Table,
        [
            integer(UsersAttempts::LoginAttemptsInFlight)
                .default(0)
                .take(),
            timestamp_with_time_zone_null(UsersAttempts::LoginAttemptReservedAt),
        ],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_columns(
        manager,
        Users::Table,
        [
            UsersAttempts::LoginAttemptsInFlight,
            UsersAttempts::LoginAttemptReservedAt,
        ],
    )
    .await
}

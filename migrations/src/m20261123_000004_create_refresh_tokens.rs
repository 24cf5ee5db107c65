use super::m20261123_000002_create_users::user_owned_table;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    UserId,
    FamilyId,
    TokenHash,
    IssuedAt,
    ExpiresAt,
    UsedAt,
    RevokedAt,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use RefreshTokens as R;
    create_table(
        manager,
        user_owned_table(R::Table, R::Id, R::UserId, "fk_refresh_tokens_user")
            // One family per login: rotation keeps the family, and reuse of a
            // spent token revokes the whole family.
            .col(uuid(R::FamilyId))
            // SHA-256 of the opaque token; the token itself is never stored.
            .col(string_len_uniq(R::TokenHash, 64))
            .col(timestamp_with_time_zone(R::IssuedAt))
            .col(timestamp_with_time_zone(R::ExpiresAt))
            .col(timestamp_with_time_zone_null(R::UsedAt))
            .col(timestamp_with_time_zone_null(R::RevokedAt)),
        [
            ("idx_refresh_tokens_family", vec![R::FamilyId]),
            ("idx_refresh_tokens_user", vec![R::UserId]),
        ],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, RefreshTokens::Table).await
}

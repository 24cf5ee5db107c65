use super::m20261123_000001_create_accounts::Accounts;
use super::m20261123_000002_create_users::Users;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

#[derive(DeriveIden)]
enum AccountAssignments {
    Table,
    UserId,
    AccountId,
    CreatedAt,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use AccountAssignments as A;
    create_table(
        manager,
        Table::create()
            .table(A::Table)
            .owned_by(A::UserId, "fk_assignments_user", Users::Table)
            .owned_by(A::AccountId, "fk_assignments_account", Accounts::Table)
            .col(timestamp_with_time_zone(A::CreatedAt))
            .primary_key(Index::create().col(A::UserId).col(A::AccountId)),
        [("idx_assignments_account", vec![A::AccountId])],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, AccountAssignments::Table).await
}

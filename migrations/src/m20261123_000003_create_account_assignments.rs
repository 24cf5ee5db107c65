use super::m20261123_000001_create_accounts::Accounts;
use super::m20261123_000002_create_users::Users;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AccountAssignments {
    Table,
    UserId,
    AccountId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccountAssignments::Table)
                    .col(uuid(AccountAssignments::UserId))
                    .col(uuid(AccountAssignments::AccountId))
                    .col(timestamp_with_time_zone(AccountAssignments::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(AccountAssignments::UserId)
                            .col(AccountAssignments::AccountId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_assignments_user")
                            .from(AccountAssignments::Table, AccountAssignments::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_assignments_account")
                            .from(AccountAssignments::Table, AccountAssignments::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_assignments_account")
                    .table(AccountAssignments::Table)
                    .col(AccountAssignments::AccountId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AccountAssignments::Table).to_owned())
            .await
    }
}

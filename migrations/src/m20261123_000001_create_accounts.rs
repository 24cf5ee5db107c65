use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Accounts {
    Table,
    Id,
    ParentId,
    ParentAccountId,
    Name,
    Kind,
    Country,
    City,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Accounts::Table)
                    .col(uuid(Accounts::Id).primary_key())
                    .col(uuid_null(Accounts::ParentId))
                    // The top of the tree, denormalised so "every account of a parent
                    // account" is one indexed lookup; a parent account points at itself.
                    .col(uuid(Accounts::ParentAccountId))
                    .col(string_len(Accounts::Name, 200))
                    .col(string_len(Accounts::Kind, 40))
                    .col(string_len(Accounts::Country, 2))
                    .col(string_len_null(Accounts::City, 120))
                    .col(timestamp_with_time_zone(Accounts::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_accounts_parent")
                            .from(Accounts::Table, Accounts::ParentId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_accounts_parent_account")
                    .table(Accounts::Table)
                    .col(Accounts::ParentAccountId)
                    .col(Accounts::Name)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_accounts_parent")
                    .table(Accounts::Table)
                    .col(Accounts::ParentId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Accounts::Table).to_owned())
            .await
    }
}

use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

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

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use Accounts as A;
    create_table(
        manager,
        entity_table(A::Table, A::Id)
            .ref_col(
                uuid_null,
                A::ParentId,
                "fk_accounts_parent",
                A::Table,
                ForeignKeyAction::Restrict,
            )
            // The top of the tree, denormalised so "every account of a parent
            // account" is one indexed lookup; a parent account points at itself.
            .col(uuid(A::ParentAccountId))
            .col(string_len(A::Name, 200))
            .col(string_len(A::Kind, 40))
            .col(string_len(A::Country, 2))
            .col(string_len_null(A::City, 120))
            .col(timestamp_with_time_zone(A::CreatedAt)),
        [
            (
                "idx_accounts_parent_account",
                vec![A::ParentAccountId, A::Name],
            ),
            ("idx_accounts_parent", vec![A::ParentId]),
        ],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, Accounts::Table).await
}

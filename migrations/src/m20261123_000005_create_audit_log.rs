use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    OccurredAt,
    ActorUserId,
    ParentAccountId,
    Action,
    EntityType,
    EntityId,
    OldValue,
    NewValue,
    RequestId,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    create_table(
        manager,
        Table::create()
            .table(AuditLog::Table)
            .col(big_integer(AuditLog::Id).auto_increment().primary_key())
            .col(timestamp_with_time_zone(AuditLog::OccurredAt))
            // No foreign keys: the log outlives the users and accounts it names.
            .col(uuid_null(AuditLog::ActorUserId))
            .col(uuid_null(AuditLog::ParentAccountId))
            .col(string_len(AuditLog::Action, 60))
            .col(string_len(AuditLog::EntityType, 60))
            .col(string_len(AuditLog::EntityId, 64))
            .col(text_null(AuditLog::OldValue))
            .col(text_null(AuditLog::NewValue))
            .col(string_len_null(AuditLog::RequestId, 64)),
        [
            (
                "idx_audit_log_entity",
                vec![AuditLog::EntityType, AuditLog::EntityId],
            ),
            (
                "idx_audit_log_parent_account",
                vec![AuditLog::ParentAccountId, AuditLog::OccurredAt],
            ),
        ],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, AuditLog::Table).await
}

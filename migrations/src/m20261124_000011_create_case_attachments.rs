use super::m20261124_000010_create_cases::Cases;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Files of a case. The row is written after its blob is durable, so a row
/// always names a file; `storage_key` is generated, never a client's name.
#[derive(DeriveIden)]
pub enum CaseAttachments {
    Table,
    Id,
    CaseId,
    FileName,
    FileType,
    SizeBytes,
    Sha256,
    StorageKey,
    UploadedBy,
    UploadedByName,
    UploadedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use CaseAttachments as A;
        manager
            .create_table(
                Table::create()
                    .table(A::Table)
                    .col(uuid(A::Id).primary_key())
                    .col(uuid(A::CaseId))
                    .col(string_len(A::FileName, 130))
                    .col(string_len(A::FileType, 10))
                    .col(big_integer(A::SizeBytes))
                    .col(string_len(A::Sha256, 64))
                    .col(string_len_uniq(A::StorageKey, 40))
                    .col(uuid_null(A::UploadedBy))
                    .col(string_len(A::UploadedByName, 200))
                    .col(timestamp_with_time_zone(A::UploadedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_attachments_case")
                            .from(A::Table, A::CaseId)
                            .to(Cases::Table, Cases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_case_attachments_case")
                    .table(A::Table)
                    .col(A::CaseId)
                    .col(A::UploadedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CaseAttachments::Table).to_owned())
            .await
    }
}

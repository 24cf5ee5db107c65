use super::m20261124_000010_create_cases::Cases;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

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

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use CaseAttachments as A;
    create_table(
        manager,
        entity_table(A::Table, A::Id)
            .owned_by(A::CaseId, "fk_case_attachments_case", Cases::Table)
            .col(string_len(A::FileName, 130))
            .col(string_len(A::FileType, 10))
            .col(big_integer(A::SizeBytes))
            .col(string_len(A::Sha256, 64))
            .col(string_len_uniq(A::StorageKey, 40))
            .col(uuid_null(A::UploadedBy))
            .col(string_len(A::UploadedByName, 200))
            .col(timestamp_with_time_zone(A::UploadedAt)),
        [("idx_case_attachments_case", vec![A::CaseId, A::UploadedAt])],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_table(manager, CaseAttachments::Table).await
}

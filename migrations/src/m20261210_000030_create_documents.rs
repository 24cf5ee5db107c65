use super::m20261124_000006_create_installed_products::InstalledProducts;
use super::m20261124_000008_create_contracts::ContractLines;
use super::m20261124_000010_create_cases::Cases;
use super::m20261209_000029_create_planned_events::PlannedEvents;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// A customer facing document: a service receipt or preventive service
/// report of a case or visit, a performance report or documentation of an
/// installed product. Every document names its product (a case's or
/// visit's own), so whoever sees the product sees its documents; its file
/// lives in the blob store beside the case attachments.
#[derive(DeriveIden)]
pub enum Documents {
    Table,
    Id,
    /// `service_receipt`, `preventive_service_report`,
    /// `performance_report` or `product_documentation`.
    Kind,
    InstalledProductId,
    CaseId,
    PlannedEventId,
    FileName,
    FileType,
    SizeBytes,
    Sha256,
    StorageKey,
    UploadedBy,
    UploadedByName,
    UploadedAt,
}

/// Whether a contract line entitles its products to Service Performance &
/// Quality Reports: customers see those reports only while one does.
#[derive(DeriveIden)]
pub enum LineEntitlement {
    PerformanceReports,
}

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use Documents as D;
    create_table(
        manager,
        entity_table(D::Table, D::Id)
            .col(string_len(D::Kind, 40))
            .owned_by(
                D::InstalledProductId,
                "fk_documents_product",
                InstalledProducts::Table,
            )
            .ref_col(
                uuid_null,
                D::CaseId,
                "fk_documents_case",
                Cases::Table,
                ForeignKeyAction::SetNull,
            )
            .ref_col(
                uuid_null,
                D::PlannedEventId,
                "fk_documents_planned_event",
                PlannedEvents::Table,
                ForeignKeyAction::SetNull,
            )
            .col(string_len(D::FileName, 130))
            .col(string_len(D::FileType, 10))
            .col(big_integer(D::SizeBytes))
            .col(string_len(D::Sha256, 64))
            .col(string_len_uniq(D::StorageKey, 40))
            .col(uuid_null(D::UploadedBy))
            .col(string_len(D::UploadedByName, 200))
            .col(timestamp_with_time_zone(D::UploadedAt)),
        // Newest first, across products or for one, a case or a visit.
        [
            ("idx_documents_uploaded", vec![D::UploadedAt]),
            (
                "idx_documents_product",
                vec![D::InstalledProductId, D::UploadedAt],
            ),
            ("idx_documents_case", vec![D::CaseId]),
            ("idx_documents_event", vec![D::PlannedEventId]),
        ],
    )
    .await?;
    add_columns(
        manager,
        ContractLines::Table,
        [boolean(LineEntitlement::PerformanceReports)
            .default(false)
            .take()],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    drop_columns(
        manager,
        ContractLines::Table,
        [LineEntitlement::PerformanceReports],
    )
    .await?;
    drop_table(manager, Documents::Table).await
}

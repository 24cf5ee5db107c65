//! Customer facing documents and end-of-life notices.

use crate::cases::AttachmentTypeDto;
use crate::installed_products::{AccountRef, ModalityDto, ProductRef};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKindDto {
    /// Customer Service Receipt (CSR), of a case or a visit.
    ServiceReceipt,
    /// Preventive Service Report (PSR), of a case or a visit.
    PreventiveServiceReport,
    /// Service Performance & Quality Report, of an installed product; shown
    /// to customers only while a contract line entitles the product.
    PerformanceReport,
    /// Manuals and the like, of an installed product.
    ProductDocumentation,
}

/// A customer facing document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentDto {
    pub id: Uuid,
    pub kind: DocumentKindDto,
    pub installed_product: ProductRef,
    pub case_id: Option<Uuid>,
    pub case_number: Option<String>,
    pub planned_event_id: Option<Uuid>,
    /// The sender's file name, cleaned, ending in the detected type's extension.
    pub file_name: String,
    pub file_type: AttachmentTypeDto,
    pub size_bytes: u64,
    /// Lower-case hex SHA-256 of the file, as the zip manifest lists it.
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
    /// Downloads it (`Content-Disposition: attachment`).
    pub download_url: String,
    /// Shows it in the browser; none for HEIC, which browsers cannot show.
    pub preview_url: Option<String>,
}

list_page! {
    pub struct DocumentPage of DocumentDto
}

list_query! {
    /// `GET /documents`: the documents of the products the caller sees,
    /// newest first.
    pub struct DocumentQuery {
        pub kind: Option<DocumentKindDto>,
        pub installed_product: Option<Uuid>,
        pub case: Option<Uuid>,
        pub planned_event: Option<Uuid>,
        /// UTC instant (RFC 3339): uploaded at or after it.
        pub from: Option<DateTime<Utc>>,
        /// UTC instant (RFC 3339): uploaded before it.
        pub to: Option<DateTime<Utc>>,
    }
}

/// The documents one upload stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadedDocuments {
    pub items: Vec<DocumentDto>,
}

/// What an end-of-life subscription follows: exactly one of the two.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewEolSubscription {
    pub modality: Option<ModalityDto>,
    pub installed_product_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EolSubscriptionDto {
    pub id: Uuid,
    pub modality: Option<ModalityDto>,
    pub installed_product: Option<ProductRef>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EolSubscriptionList {
    pub items: Vec<EolSubscriptionDto>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MilestoneDto {
    EndOfLife,
    EndOfService,
}

/// A product with an end-of-life or end-of-service date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EolProductDto {
    pub installed_product: ProductRef,
    pub modality: ModalityDto,
    pub location: AccountRef,
    pub end_of_life_date: Option<NaiveDate>,
    pub end_of_service_date: Option<NaiveDate>,
    /// The nearer of the two: the list is sorted by it.
    pub nearest_date: NaiveDate,
}

list_page! {
    pub struct EolProductPage of EolProductDto
}

list_query! {
    /// `GET /end-of-life/products`: the caller's products with an
    /// end-of-life or end-of-service date, the nearest first.
    pub struct EolProductQuery {
        pub modality: Option<ModalityDto>,
    }
}

/// What a subscriber was told: a product reaching a milestone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EolNoticeDto {
    pub id: Uuid,
    pub installed_product: ProductRef,
    pub milestone: MilestoneDto,
    pub date: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// A page of notices, newest first, with how many are unread in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EolNoticePage {
    pub items: Vec<EolNoticeDto>,
    pub unread: u64,
    #[serde(flatten)]
    pub paging: crate::PageInfo,
}

list_query! {
    /// `GET /end-of-life/notices`.
    pub struct EolNoticeQuery {}
}

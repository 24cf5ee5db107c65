//! Service cases and their timeline (activities).

use crate::installed_products::{AccountRef, ModalityDto, ProductRef, SortOrder};
use crate::PageInfo;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// New (logged), In process (an engineer handles it), Fixed (issue solved),
/// Closed (archived). Only the service side moves it, and only forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseStatusDto {
    New,
    InProcess,
    Fixed,
    Closed,
}

/// Phone: logged by the contact centre. Web: this portal, its phone version or the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseOriginDto {
    Phone,
    Web,
}

/// What the customer asks for; a bench repair carries the device's details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseKindDto {
    /// A technical or clinical support request (the default).
    #[default]
    SupportRequest,
    /// A device shipped to the service organisation's bench for repair.
    BenchRepair,
    /// Identify a part from a photo.
    PartIdRequest,
}

/// The kinds of timeline entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityKindDto {
    /// The problem as the customer reported it (the case's first entry).
    ProblemReported,
    /// Service side: a question about patient or operator safety.
    SafetyQuestion,
    /// Service side: work by second-line (T2) support.
    T2Activity,
    /// Service side: a remark for the customer.
    ExternalRemark,
    /// Customer: a comment.
    CustomerComment,
    /// Customer: the tracking number of a shipment, with its carrier.
    ShipmentTracking,
    /// The service side moved the status (the text names the new one).
    StatusChanged,
    /// Service side: waits for the customer (the text says for what).
    WaitingForCustomer,
}

/// Who to contact about the case; the creator when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CaseContactDto {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

/// The device a bench repair is about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BenchRepairDto {
    /// The part or device to repair, e.g. "C5-1 transducer".
    pub part_description: String,
    #[serde(default)]
    pub part_serial_number: Option<String>,
    /// Where to send it back; the location account's address when absent.
    #[serde(default)]
    pub return_address: Option<String>,
}

/// `POST /cases` (send an `Idempotency-Key` header: a retry with the same key
/// and body answers the first response and never makes a second case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateCaseRequest {
    pub installed_product_id: Uuid,
    /// 1 Critical need, 2 System down, 3 System restricted, 4 Intermittent
    /// problem, 5 Scheduled activity. A priority-1 case must also be phoned
    /// in: the response names the number.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    #[serde(deserialize_with = "crate::numbers::whole_u8")]
    pub priority: u8,
    /// What is wrong. No patient data: a text that looks like it holds some
    /// answers 422 `possible_patient_data` unless `confirm_no_patient_data`.
    pub description: String,
    #[serde(default)]
    pub kind: CaseKindDto,
    #[serde(default)]
    pub customer_reference: Option<String>,
    #[serde(default)]
    pub contact: Option<CaseContactDto>,
    /// Required when `kind` is `bench_repair`.
    #[serde(default)]
    pub bench_repair: Option<BenchRepairDto>,
    /// The sender checked that the texts hold no patient data.
    #[serde(default)]
    pub confirm_no_patient_data: bool,
}

/// The contact centre that takes critical (priority 1) cases by phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactCentreDto {
    /// ISO 3166-1 alpha-2 country of the installed product's location account.
    pub country: String,
    /// E.164 with spaces, e.g. `+31 40 279 7000`.
    pub phone: String,
}

/// One row of a case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseSummary {
    pub id: Uuid,
    /// Human-friendly and unique, e.g. `CS-2026-000042`.
    pub number: String,
    pub installed_product: ProductRef,
    pub modality: ModalityDto,
    /// The installed product's location account when the case was logged.
    pub account: AccountRef,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub priority: u8,
    pub status: CaseStatusDto,
    pub origin: CaseOriginDto,
    pub kind: CaseKindDto,
    /// The description's first line, at most 140 characters.
    pub title: String,
    pub customer_reference: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// One entry of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityDto {
    pub id: Uuid,
    pub kind: ActivityKindDto,
    pub text: Option<String>,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    /// With `status_changed`: the status the case moved to.
    pub new_status: Option<CaseStatusDto>,
    /// The author's name as shown to the customer.
    pub author: String,
    /// Written by the service organisation (not by the customer).
    pub from_service: bool,
    pub occurred_at: DateTime<Utc>,
}

/// The file types a case accepts, told by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AttachmentTypeDto {
    Jpeg,
    Png,
    Heic,
    Pdf,
}

/// A photo or PDF of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentDto {
    pub id: Uuid,
    /// The sender's file name, cleaned, ending in the detected type's extension.
    pub file_name: String,
    pub file_type: AttachmentTypeDto,
    pub size_bytes: u64,
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
    /// Downloads it (`Content-Disposition: attachment`).
    pub download_url: String,
    /// Shows it in the browser; none for HEIC, which browsers cannot show.
    pub preview_url: Option<String>,
}

/// A case with everything the case page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseDetail {
    #[serde(flatten)]
    pub summary: CaseSummary,
    pub description: String,
    pub contact: CaseContactDto,
    pub bench_repair: Option<BenchRepairDto>,
    /// The user who logged it (none for phone cases).
    pub created_by: Option<String>,
    /// Oldest first.
    pub activities: Vec<ActivityDto>,
    /// Oldest first.
    pub attachments: Vec<AttachmentDto>,
    /// For an open priority-1 case: the contact centre to phone at once.
    pub critical_contact: Option<ContactCentreDto>,
    /// Customers may add comments, tracking numbers and attachments (until Closed).
    pub open_for_customer_activity: bool,
    /// The engineer who handles the case (display name).
    pub assigned_engineer: Option<String>,
    /// The service side waits for the customer's answer (see the timeline
    /// for what); the customer's next comment or file ends the wait.
    pub waiting_for_customer: bool,
    /// Also sent as the `ETag` header (`"v<version>"`).
    pub version: i32,
}

/// `POST /cases/{id}/activities`: a customer adds a comment or a tracking
/// number; the service side may also add its own kinds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateActivityRequest {
    pub kind: ActivityKindDto,
    #[serde(default)]
    pub text: Option<String>,
    /// With `shipment_tracking`: e.g. DHL, UPS, PostNL.
    #[serde(default)]
    pub carrier: Option<String>,
    /// With `shipment_tracking`.
    #[serde(default)]
    pub tracking_number: Option<String>,
    #[serde(default)]
    pub confirm_no_patient_data: bool,
}

/// `POST /cases/{id}/status` (service side, with `If-Match`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MoveCaseStatusRequest {
    pub status: CaseStatusDto,
    /// Shown on the timeline with the move.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseSort {
    #[default]
    CreatedAt,
    UpdatedAt,
    Priority,
    Status,
    Number,
}

list_query! {
    /// Filters, sort and page of `GET /cases`; every field optional.
    pub struct CaseQuery {
        /// Only the cases the caller logged.
        pub mine: Option<bool>,
        pub status: Option<CaseStatusDto>,
        /// true: New, In process or Fixed; false: Closed.
        pub open: Option<bool>,
        #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 5))]
        pub priority: Option<u8>,
        pub origin: Option<CaseOriginDto>,
        pub modality: Option<ModalityDto>,
        /// The location account the case was logged for.
        pub account: Option<Uuid>,
        pub installed_product: Option<Uuid>,
        /// Logged on or after this day (UTC).
        pub created_from: Option<NaiveDate>,
        /// Logged on or before this day (UTC).
        pub created_to: Option<NaiveDate>,
        /// Words found in the number, description or customer reference.
        pub q: Option<String>,
        /// Historical cases only: those closed before their market's cut-over
        /// date. Without it they are left out (except with `installed_product`).
        pub historical: Option<bool>,
        pub sort: Option<CaseSort>,
        pub order: Option<SortOrder>,
    }
}

/// A page of cases, with the total that matches the filters (counted up
/// to 10,000).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CasePage {
    pub items: Vec<CaseSummary>,
    #[serde(flatten)]
    pub paging: PageInfo,
    /// More than `total` match ("10,000 or more"): narrow the filters.
    #[serde(default)]
    pub total_is_lower_bound: bool,
    /// The cut-over date of the caller's market: cases closed before it are
    /// historical. None when the market has none.
    pub historical_before: Option<NaiveDate>,
}

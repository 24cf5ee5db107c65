//! Request access: a public form anyone can send; portal support (Admins)
//! or the Manager of the parent account the request points at approve it,
//! which creates the user.

use crate::auth::RoleDto;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdentifierKindDto {
    /// The installed product number (formerly asset number).
    InstalledProductNumber,
    /// The asset ID on the hospital's own register.
    AssetId,
    /// A location (functional location or location account) ID.
    LocationId,
    /// The technical ID on the system's type plate.
    TechnicalId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FacilityIdentifier {
    pub kind: IdentifierKindDto,
    #[cfg_attr(feature = "openapi", schema(example = "IP-NL-100001"))]
    pub value: String,
}

/// One facility the requester works for, named by at least one identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FacilityDto {
    #[cfg_attr(feature = "openapi", schema(example = "Main hospital, radiology"))]
    pub name: String,
    pub identifiers: Vec<FacilityIdentifier>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateAccessRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub organisation: String,
    #[cfg_attr(feature = "openapi", schema(format = Email, example = "anna@hospital.example"))]
    pub email: String,
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, example = "+31 40 123 4567")
    )]
    pub phone: String,
    /// ISO 3166-1 alpha-2, e.g. `NL`.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Z]{2}$", example = "NL"))]
    pub country: String,
    pub facilities: Vec<FacilityDto>,
    #[serde(default)]
    pub remarks: Option<String>,
    /// The language of the confirmation email (`en` or `nl`); default `en`.
    #[serde(default)]
    pub language: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccessRequestStatusDto {
    Pending,
    Approved,
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessRequestDto {
    pub id: Uuid,
    pub name: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub country: String,
    pub facilities: Vec<FacilityDto>,
    pub remarks: Option<String>,
    pub status: AccessRequestStatusDto,
    /// The parent account the identifiers point at, if any.
    pub parent_account_id: Option<Uuid>,
    pub parent_account_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
    /// The user the approval created.
    pub user_id: Option<Uuid>,
}

list_query! {
    /// Filters and page of `GET /access-requests`, newest first.
    pub struct AccessRequestQuery {
        pub status: Option<AccessRequestStatusDto>,
    }
}

list_page! {
    pub struct AccessRequestPage of AccessRequestDto
}

/// Approves a request: creates the user (with an activation email).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApproveAccessRequest {
    pub username: String,
    pub role: RoleDto,
    #[serde(default)]
    pub account_ids: Vec<Uuid>,
    /// Admins: the parent account, when the request matched none (or another).
    #[serde(default)]
    pub parent_account_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RejectAccessRequest {
    /// Told to the requester by email.
    pub reason: String,
}

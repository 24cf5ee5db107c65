//! Installed products (the installed base): list, detail, custom details.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ModalityDto {
    /// Magnetic resonance.
    Mr,
    /// Computed tomography.
    Ct,
    /// Ultrasound.
    Us,
    /// Interventional X-ray.
    Ixr,
    /// Anything else (extensible).
    Other,
}

/// Down while a priority-2 case is open, restricted while a priority-3 case is
/// open, otherwise up; critical (above both) while a priority-1 case is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OperationalStateDto {
    Up,
    Restricted,
    Down,
    Critical,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProductStatusDto {
    Active,
    Inactive,
}

/// Hardware, or a software license (SLCP) that can move between hardware units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProductKindDto {
    Hardware,
    SoftwareLicense,
}

/// Expiration status of a contract or warranty at the caller's today (in their
/// time zone): green more than 90 days left, yellow 30 to 90, red fewer than
/// 30, expired after the end date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExpiryStatusDto {
    Green,
    Yellow,
    Red,
    Expired,
}

/// Another account named on a product or contract (name only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountRef {
    pub id: Uuid,
    pub name: String,
}

/// An installed product named on another page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductRef {
    pub id: Uuid,
    pub number: String,
    pub description: String,
    pub custom_name: Option<String>,
}

/// The latest end of the contracts covering a product, with its colour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoverageDto {
    pub end_date: NaiveDate,
    pub days_left: i64,
    pub expiry: ExpiryStatusDto,
}

/// One row of the installed products list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstalledProductSummary {
    pub id: Uuid,
    /// The installed product number (ID), e.g. `IP-40012345`.
    pub number: String,
    pub description: String,
    pub serial_number: String,
    pub modality: ModalityDto,
    pub product_family: String,
    pub kind: ProductKindDto,
    pub status: ProductStatusDto,
    pub operational_state: OperationalStateDto,
    pub strategic_item: bool,
    pub custom_name: Option<String>,
    pub functional_location: Option<String>,
    pub owner: AccountRef,
    pub location: AccountRef,
    /// None when no contract covers the product.
    pub coverage: Option<CoverageDto>,
}

list_page! {
    /// A page of installed products, with the total that matches the filters.
    pub struct InstalledProductPage of InstalledProductSummary
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InstalledProductSort {
    #[default]
    Number,
    Description,
    Modality,
    Location,
    CustomName,
    OperationalState,
    InstallDate,
    CoverageEnd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    #[default]
    Asc,
    Desc,
}

list_query! {
    /// Filters, sort and page of `GET /installed-products`; every field optional.
    pub struct InstalledProductQuery {
        pub modality: Option<ModalityDto>,
        pub owner_account: Option<Uuid>,
        pub location_account: Option<Uuid>,
        /// Part of the functional location description (case-insensitive).
        pub functional_location: Option<String>,
        /// true: covered by a contract that has not ended; false: not covered.
        pub covered: Option<bool>,
        /// Colour of the coverage (implies covered, except `expired`).
        pub expiry: Option<ExpiryStatusDto>,
        pub operational_state: Option<OperationalStateDto>,
        pub strategic_item: Option<bool>,
        /// Words found in the number, serial number, description or custom name.
        pub q: Option<String>,
        pub sort: Option<InstalledProductSort>,
        pub order: Option<SortOrder>,
    }
}

/// The customer's own names for a product, maintained by their Manager.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomDetailsDto {
    pub custom_name: Option<String>,
    pub customer_reference: Option<String>,
    pub customer_location: Option<String>,
}

/// `PUT /installed-products/{id}/custom-details` with `If-Match: <ETag>`.
/// An empty or absent field clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateCustomDetailsRequest {
    #[serde(default)]
    pub custom_name: Option<String>,
    #[serde(default)]
    pub customer_reference: Option<String>,
    #[serde(default)]
    pub customer_location: Option<String>,
}

/// A contract line covering this product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductContractDto {
    pub contract_id: Uuid,
    pub contract_number: String,
    pub line_item_number: String,
    pub description: String,
    pub service_type: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub days_left: i64,
    pub expiry: ExpiryStatusDto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarrantyDto {
    pub id: Uuid,
    pub product: ProductRef,
    pub description: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub days_left: i64,
    pub expiry: ExpiryStatusDto,
}

/// A hardware unit and a software license linked (SLCP), now or in the past.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlcpLinkDto {
    /// The product at the other end of the link (the license on a hardware
    /// page, the hardware on a license page).
    pub other: ProductRef,
    pub other_kind: ProductKindDto,
    pub linked_at: DateTime<Utc>,
    /// None while the link holds.
    pub unlinked_at: Option<DateTime<Utc>>,
}

/// Everything about one installed product. The response's `ETag` header
/// carries `version` for `If-Match`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstalledProductDetail {
    pub id: Uuid,
    pub number: String,
    pub description: String,
    pub serial_number: String,
    pub udi: Option<String>,
    pub technical_id: Option<String>,
    pub modality: ModalityDto,
    pub product_family: String,
    pub kind: ProductKindDto,
    pub functional_location: Option<String>,
    pub install_date: Option<NaiveDate>,
    pub status: ProductStatusDto,
    pub operational_state: OperationalStateDto,
    pub strategic_item: bool,
    pub end_of_life_date: Option<NaiveDate>,
    pub end_of_service_date: Option<NaiveDate>,
    pub owner: AccountRef,
    pub location: AccountRef,
    pub custom_details: CustomDetailsDto,
    pub coverage: Option<CoverageDto>,
    pub contracts: Vec<ProductContractDto>,
    pub warranties: Vec<WarrantyDto>,
    pub slcp_links: Vec<SlcpLinkDto>,
    /// Whether the caller may edit the custom details (a Manager).
    pub can_edit_custom_details: bool,
    pub version: i32,
}

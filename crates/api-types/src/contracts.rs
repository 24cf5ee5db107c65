//! Contracts (header with line items) and warranties.

use crate::installed_products::{AccountRef, ExpiryStatusDto, ProductRef, WarrantyDto};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContractSummary {
    pub id: Uuid,
    /// The service contract number (the contract header).
    pub number: String,
    /// The account the contract was sold to.
    pub ship_to: AccountRef,
    pub po_number: Option<String>,
    pub service_type: String,
    pub status: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub days_left: i64,
    pub expiry: ExpiryStatusDto,
    /// Covered installed products the caller can see.
    pub covered_products: u64,
}

list_page! {
    pub struct ContractPage of ContractSummary
}

/// A line item: the entitlement for the installed products it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContractLineDto {
    pub id: Uuid,
    pub line_item_number: String,
    pub description: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub days_left: i64,
    pub expiry: ExpiryStatusDto,
    /// Only those the caller can see.
    pub covered_products: Vec<ProductRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContractDetail {
    #[serde(flatten)]
    pub summary: ContractSummary,
    pub lines: Vec<ContractLineDto>,
}

list_query! {
    /// Filters and page of `GET /contracts`.
    pub struct ContractQuery {
        pub expiry: Option<ExpiryStatusDto>,
        /// Words that must all be found: `/contracts` looks in the contract
        /// number, PO number and service type; `/warranties` in the warranty's
        /// description and its installed product's number, serial number and name.
        pub q: Option<String>,
        /// `/contracts`: those held (ship-to) by this account; `/warranties`:
        /// those of products located at it.
        pub account: Option<Uuid>,
    }
}

list_page! {
    pub struct WarrantyPage of WarrantyDto
}

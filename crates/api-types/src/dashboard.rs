//! The home page's numbers, in one request.

use crate::installed_products::{AccountRef, ModalityDto};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Installed products per operational state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StateCounts {
    pub up: u64,
    pub restricted: u64,
    pub down: u64,
    pub critical: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModalityStateCounts {
    pub modality: ModalityDto,
    pub counts: StateCounts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocationStateCounts {
    pub location: AccountRef,
    pub counts: StateCounts,
}

/// Contracts per expiration status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpiryCounts {
    pub green: u64,
    pub yellow: u64,
    pub red: u64,
    pub expired: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DashboardResponse {
    /// The caller's today, in their time zone; expiry colours count from it.
    pub today: NaiveDate,
    pub installed_products: StateCounts,
    pub by_modality: Vec<ModalityStateCounts>,
    pub by_location: Vec<LocationStateCounts>,
    pub contracts_by_expiry: ExpiryCounts,
}

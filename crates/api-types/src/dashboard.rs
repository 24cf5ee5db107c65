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

impl ExpiryCounts {
    /// How many contracts have `status`.
    pub fn of(&self, status: crate::ExpiryStatusDto) -> u64 {
        use crate::ExpiryStatusDto::*;
        match status {
            Green => self.green,
            Yellow => self.yellow,
            Red => self.red,
            Expired => self.expired,
        }
    }
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
    /// The first planned service events of the next 60 days (at most 5),
    /// earliest first, in the caller's words: the home page lists them
    /// without the calendar's code.
    pub next_visits: Vec<NextVisit>,
}

/// A planned service event as the home page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NextVisit {
    pub id: uuid::Uuid,
    /// Start and end in the caller's zone and formats.
    pub when: String,
    /// The event's type in the caller's language.
    pub title: String,
    pub product_number: String,
    /// The customer's own name for the product, or its description.
    pub product_name: String,
    /// "Tentative" or "Cancelled" in the caller's language; none for a
    /// confirmed or done visit. (Words, not the status: the home page
    /// shows them as they are, and its download has no room for more.)
    pub note: Option<String>,
}

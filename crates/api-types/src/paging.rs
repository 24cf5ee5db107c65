//! Where a page of a list is: every `...Page` answer embeds it (flattened,
//! so its fields sit beside `items` on the wire).

use serde::{Deserialize, Serialize};

/// The page of a list answer and how many rows match on all pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PageInfo {
    /// Rows that match the filters, on all pages.
    pub total: u64,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

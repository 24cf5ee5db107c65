use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountKindDto {
    HospitalGroup,
    Hospital,
    Site,
    Department,
    LeasingCompany,
    Trust,
    ServiceOrganisation,
}

/// An organisation or location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountResponse {
    pub id: Uuid,
    pub name: String,
    pub kind: AccountKindDto,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Absent for an account of another parent account.
    pub city: Option<String>,
    /// The account directly above this one in the tree; absent for a parent
    /// account, and for an account of another parent account.
    pub parent_id: Option<Uuid>,
    /// The top of this account's tree (the customer's parent account);
    /// absent for an account of another parent account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_account_id: Option<Uuid>,
    /// Why the caller sees this account; an account of another parent
    /// account, reached through a product or contract, shows its name, type
    /// and country, nothing more.
    pub visible_because: Vec<VisibilityReasonDto>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VisibilityReasonDto {
    /// Assigned to the caller (a Manager: every account of their parent account).
    Assigned,
    /// Owns an installed product the caller sees (e.g. a leasing company).
    OwnerOfVisibleProduct,
    /// Is the location of an installed product the caller sees.
    LocationOfVisibleProduct,
    /// Holds (ship-to) a contract covering a product the caller sees.
    ContractHolder,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountListResponse {
    pub items: Vec<AccountResponse>,
    pub total: u64,
}

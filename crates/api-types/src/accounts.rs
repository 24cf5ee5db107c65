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
    /// Absent for an account of another parent account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Absent for an account of another parent account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market: Option<String>,
    /// The source system's account number; absent for an account of another
    /// parent account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
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

/// What portal support sets on an account (`PUT /accounts/{id}`, and the
/// `account` of a new one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AccountFieldsDto {
    /// 1 to 200 characters.
    pub name: String,
    pub kind: AccountKindDto,
    /// ISO 3166-1 alpha-2, e.g. `NL`.
    pub country: String,
    /// At most 120 characters.
    #[serde(default)]
    pub city: Option<String>,
    /// Street, postcode and the like; at most 300 characters.
    #[serde(default)]
    pub address: Option<String>,
    /// The service organisation's market, e.g. `Benelux`; at most 60.
    #[serde(default)]
    pub market: Option<String>,
    /// The source system's account number, which imports name; unique
    /// across customers; at most 64 characters.
    #[serde(default)]
    pub source_id: Option<String>,
}

/// `POST /accounts`: a new account under `parent_id`, or without it a new
/// customer's parent account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateAccountRequest {
    #[serde(default)]
    pub parent_id: Option<Uuid>,
    pub account: AccountFieldsDto,
}

/// `POST /accounts/{id}/move`: the account (with every account below it)
/// goes under `parent_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MoveAccountRequest {
    pub parent_id: Uuid,
}

/// `?dry_run=true`: answer what would happen; change nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct DryRunQuery {
    #[serde(default)]
    pub dry_run: bool,
}

/// A user's access that a move ends: they belong to another customer than
/// the one the account moves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EndingAssignmentDto {
    pub user_id: Uuid,
    pub username: String,
    pub account_id: Uuid,
}

/// What a move takes along (a dry run), or took (`applied`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountMoveDto {
    /// The account and every account below it, which move together.
    pub accounts: Vec<crate::AccountRef>,
    pub from_parent: crate::AccountRef,
    pub to_parent: crate::AccountRef,
    /// Whether the accounts change customer (parent account).
    pub changes_customer: bool,
    /// Installed products located at or owned by the moving accounts.
    pub products: u64,
    /// Contracts held (ship-to) by the moving accounts.
    pub contracts: u64,
    pub ending_assignments: Vec<EndingAssignmentDto>,
    pub applied: bool,
}

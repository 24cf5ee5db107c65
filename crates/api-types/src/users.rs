//! User administration (Managers for their parent account, Admins for all)
//! and the security log.

use crate::auth::{RoleDto, UserSettings};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UserStatusDto {
    /// Created; the activation link has not been used yet.
    PendingActivation,
    Active,
    /// Locked for 15 minutes after 3 wrong passwords.
    Locked,
    /// Disabled by a Manager or after 120 days without use.
    Deactivated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeactivationReasonDto {
    /// More than 120 days without a login.
    Inactivity,
    /// A Manager or portal support disabled the account.
    Manager,
}

/// A user as their Manager sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserSummary {
    pub id: Uuid,
    pub username: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub display_name: String,
    #[cfg_attr(feature = "openapi", schema(format = Email, example = "jan.devries@hospital.example"))]
    pub email: String,
    pub role: RoleDto,
    pub status: UserStatusDto,
    pub parent_account_id: Option<Uuid>,
    /// The accounts assigned to the user (a Manager sees every account of the parent anyway).
    pub account_ids: Vec<Uuid>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// A second factor is enrolled.
    #[serde(default)]
    pub mfa_enabled: bool,
    /// Send it back as `If-Match` when changing the user.
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserDetail {
    #[serde(flatten)]
    pub summary: UserSummary,
    pub settings: UserSettings,
    pub deactivated_at: Option<DateTime<Utc>>,
    pub deactivation_reason: Option<DeactivationReasonDto>,
    pub locked_until: Option<DateTime<Utc>>,
}

list_query! {
    /// Filters and page of `GET /users`.
    pub struct UserQuery {
        /// Words found in the user name, name or email.
        pub q: Option<String>,
        pub status: Option<UserStatusDto>,
        /// Admins only: the users of this parent account.
        pub parent_account: Option<Uuid>,
        /// The users with access to this account: assigned to it, and the
        /// Managers of its parent account.
        pub account: Option<Uuid>,
    }
}

list_page! {
    pub struct UserPage of UserSummary
}

/// A new user; they get an activation email and the creator's language,
/// time zone and formats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    #[cfg_attr(feature = "openapi", schema(example = "jan.devries"))]
    pub username: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub display_name: String,
    #[cfg_attr(feature = "openapi", schema(format = Email, example = "jan.devries@hospital.example"))]
    pub email: String,
    pub role: RoleDto,
    /// Accounts of the parent account to assign.
    #[serde(default)]
    pub account_ids: Vec<Uuid>,
    /// Admins only: the parent account of the new user (a Manager's own is implied).
    #[serde(default)]
    pub parent_account_id: Option<Uuid>,
}

/// A change to a user; absent fields stay as they are. Send `If-Match`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub role: Option<RoleDto>,
    pub account_ids: Option<Vec<Uuid>>,
    /// false disables the account and ends its sessions; true reactivates it.
    pub active: Option<bool>,
    /// true removes the user's second factor (a lost phone without recovery
    /// codes); they enrol again at their next login if it is required. Not
    /// one's own: that is changed in one's settings, with a current code.
    #[serde(default)]
    pub reset_mfa: Option<bool>,
    /// Changing one's own email address needs one's password and, where a
    /// second factor is on, a current code: the address is where password
    /// resets go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation: Option<crate::PasswordConfirmation>,
}

list_query! {
    /// Filters and page of `GET /security-log`, newest first.
    pub struct SecurityLogQuery {
        /// An event code, e.g. `account_locked` or `lockout_burst`.
        pub event: Option<String>,
        pub user: Option<Uuid>,
        /// Admins only.
        pub parent_account: Option<Uuid>,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecurityLogEntryDto {
    pub seq: i64,
    pub occurred_at: DateTime<Utc>,
    /// `login`, `login_failed`, `account_locked`, `lockout_burst`, `password_reset`, ...
    pub event: String,
    /// Whom the event is about.
    pub user_id: Option<Uuid>,
    pub username: Option<String>,
    /// Who did it, when someone else (a Manager changing a role).
    pub actor_id: Option<Uuid>,
    pub actor_username: Option<String>,
    pub client_address: Option<String>,
    /// Event specific: old and new role, accounts, lock end, ...
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub details: serde_json::Value,
}

list_page! {
    pub struct SecurityLogPage of SecurityLogEntryDto
}

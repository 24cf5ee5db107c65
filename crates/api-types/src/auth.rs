use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[cfg_attr(feature = "openapi", schema(example = "anna.manager@umcn.example"))]
    pub username: String,
    #[cfg_attr(feature = "openapi", schema(example = "Welcome-2026"))]
    pub password: String,
    /// The 6-digit code of the authenticator app, or a recovery code, for
    /// accounts with a second factor (ask for it after `mfa_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_code: Option<String>,
}

/// Tokens issued at login and on refresh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    /// A short-lived JWT; send it as `Authorization: Bearer <token>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Opaque, single use: exchange it at `/api/v1/auth/refresh` for a new pair.
    /// Every caller gets it as an HttpOnly cookie; callers that are not
    /// browsers (no `Sec-Fetch-Mode` header) also get it here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
}

/// The refresh token may come in the body (integrators) or in the cookie (browsers).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[serde(default)]
    pub refresh_token: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LogoutRequest {
    #[serde(default)]
    pub refresh_token: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoleDto {
    Viewer,
    User,
    Manager,
    Service,
    Admin,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserSettings {
    /// `en` or `nl`.
    pub language: String,
    /// IANA time zone, e.g. `Europe/Amsterdam`.
    pub time_zone: String,
    /// `iso`, `day_month_year` or `month_day_year`.
    pub date_format: String,
    /// `h24` or `h12`.
    pub time_format: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParentAccountRef {
    pub id: Uuid,
    pub name: String,
}

/// The signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeResponse {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub role: RoleDto,
    /// Absent for the service organisation's own staff.
    pub parent_account: Option<ParentAccountRef>,
    pub settings: UserSettings,
    /// A second factor (TOTP) is enrolled.
    #[serde(default)]
    pub mfa_enabled: bool,
    /// The parent account requires a second factor (it cannot be turned off).
    #[serde(default)]
    pub mfa_required: bool,
}

/// Asks for a password-reset link by email. The answer is the same whether
/// or not an account has this address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    #[cfg_attr(feature = "openapi", schema(example = "anna.manager@umcn.example"))]
    pub email: String,
}

/// A token from an activation or reset link (sent in the body, so it never
/// lands in an access log).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LinkTokenRequest {
    pub token: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LinkPurposeDto {
    /// A new account's first password.
    Activation,
    /// A forgotten password.
    Reset,
}

/// What a valid link is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkInfo {
    pub purpose: LinkPurposeDto,
    pub username: String,
    pub expires_at: DateTime<Utc>,
}

/// Sets a password with an activation or reset link: activates the account,
/// lifts a lockout and ends every session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetPasswordRequest {
    pub token: String,
    pub new_password: String,
}

/// Changes the signed-in user's password (also with the restricted token a
/// login hands out when the password is older than 90 days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// The password rules, for clients that show them before the user types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordPolicyResponse {
    /// Rule codes in display order, e.g. `password_too_short`.
    pub rules: Vec<String>,
    pub min_length: u32,
    pub max_length: u32,
    /// The last this many passwords cannot be used again.
    pub history: u32,
    /// A password must be changed after this many days.
    pub max_age_days: u32,
}

/// Changes the signed-in user's language, time zone and formats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateSettingsRequest {
    #[cfg_attr(feature = "openapi", schema(pattern = "^(en|nl)$", example = "nl"))]
    pub language: String,
    /// An IANA time zone name.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, example = "Europe/Amsterdam")
    )]
    pub time_zone: String,
    /// `iso` 2026-11-23, `day_month_year` 23-11-2026, `month_day_year` 11/23/2026.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = "^(iso|day_month_year|month_day_year)$",
            example = "day_month_year"
        )
    )]
    pub date_format: String,
    /// `h24` 14:30 or `h12` 02:30 PM.
    #[cfg_attr(feature = "openapi", schema(pattern = "^(h24|h12)$", example = "h24"))]
    pub time_format: String,
}

/// A new TOTP secret to enrol: scan the QR code (or type the secret) into
/// an authenticator app, then confirm with a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MfaSetupResponse {
    /// Base32, for typing in by hand.
    pub secret: String,
    /// `otpauth://totp/...`, what the QR code holds.
    pub otpauth_uri: String,
    /// The QR code as an SVG document.
    pub qr_svg: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MfaCodeRequest {
    #[cfg_attr(feature = "openapi", schema(example = "123456"))]
    pub code: String,
}

/// The second factor is on. Keep the recovery codes somewhere safe: each
/// works once, in place of a code, when the phone is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MfaEnabledResponse {
    pub recovery_codes: Vec<String>,
    /// A session, when enrolment was done with the restricted token of an
    /// `mfa_enrollment_required` login answer.
    pub session: Option<TokenResponse>,
}

/// Confirms a change to how one signs in: the current password and, where
/// a second factor is on, a current code from it (or a recovery code). An
/// access token alone is not enough: whoever holds a stolen one must not be
/// able to replace the owner's factor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordConfirmation {
    pub password: String,
    /// Required where a second factor is on.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "123456"))]
    pub code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryCodesResponse {
    pub recovery_codes: Vec<String>,
}

/// Whether every user of a parent account must use a second factor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MfaPolicy {
    pub required: bool,
    /// Admins: the parent account; a Manager's own is implied.
    #[serde(default)]
    pub parent_account_id: Option<Uuid>,
}

use serde::{Deserialize, Serialize};

/// Machine-readable error codes: stable, snake_case; clients match or translate them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProblemCode {
    InvalidCredentials,
    Unauthenticated,
    InvalidToken,
    Forbidden,
    NotFound,
    RouteNotFound,
    MethodNotAllowed,
    InvalidJson,
    InvalidPath,
    InvalidQuery,
    ValidationFailed,
    PayloadTooLarge,
    UnsupportedMediaType,
    Conflict,
    PreconditionFailed,
    PreconditionRequired,
    TooManyRequests,
    ServiceUnavailable,
    InternalError,
    /// A text looks like it holds patient data; resend with
    /// `confirm_no_patient_data: true` once it is checked.
    PossiblePatientData,
    /// The `Idempotency-Key` was used before with another request body.
    IdempotencyKeyReused,
    /// The first request with this `Idempotency-Key` is still being processed.
    RequestInProgress,
    /// The case is Closed: nothing more can be added.
    CaseClosed,
    /// A case's status moves only forward: New, In process, Fixed, Closed.
    InvalidStatusTransition,
    /// An attachment is not a JPEG, PNG, HEIC or PDF file (told by its content).
    UnsupportedFileType,
    /// An attachment has no content.
    EmptyFile,
    /// A multipart upload is malformed or broke off.
    InvalidUpload,
    /// The password is right but older than 90 days: set a new one with the
    /// `password_change_token` of this answer.
    PasswordExpired,
    /// The password is right but the account is deactivated: ask its Manager.
    AccountDeactivated,
    /// An activation or reset link older than 24 hours: ask for a new one.
    LinkExpired,
    /// An activation or reset link that was used already: ask for a new one.
    LinkUsed,
    /// No such activation or reset link.
    LinkInvalid,
    /// The user name is taken.
    UsernameTaken,
    /// The password is right; now send the authenticator's code as `mfa_code`.
    MfaRequired,
    /// The authenticator or recovery code is wrong or was used already.
    InvalidMfaCode,
    /// The parent account requires a second factor: enrol one with the
    /// `restricted_token` of this answer.
    MfaEnrollmentRequired,
    /// The case, or the parent account, holds as many attachment bytes as
    /// the installation allows.
    AttachmentQuotaExceeded,
}

impl ProblemCode {
    pub const fn as_str(self) -> &'static str {
        match self {
            ProblemCode::InvalidCredentials => "invalid_credentials",
            ProblemCode::Unauthenticated => "unauthenticated",
            ProblemCode::InvalidToken => "invalid_token",
            ProblemCode::Forbidden => "forbidden",
            ProblemCode::NotFound => "not_found",
            ProblemCode::RouteNotFound => "route_not_found",
            ProblemCode::MethodNotAllowed => "method_not_allowed",
            ProblemCode::InvalidJson => "invalid_json",
            ProblemCode::InvalidPath => "invalid_path",
            ProblemCode::InvalidQuery => "invalid_query",
            ProblemCode::ValidationFailed => "validation_failed",
            ProblemCode::PayloadTooLarge => "payload_too_large",
            ProblemCode::UnsupportedMediaType => "unsupported_media_type",
            ProblemCode::Conflict => "conflict",
            ProblemCode::PreconditionFailed => "precondition_failed",
            ProblemCode::PreconditionRequired => "precondition_required",
            ProblemCode::TooManyRequests => "too_many_requests",
            ProblemCode::ServiceUnavailable => "service_unavailable",
            ProblemCode::InternalError => "internal_error",
            ProblemCode::PossiblePatientData => "possible_patient_data",
            ProblemCode::IdempotencyKeyReused => "idempotency_key_reused",
            ProblemCode::RequestInProgress => "request_in_progress",
            ProblemCode::CaseClosed => "case_closed",
            ProblemCode::InvalidStatusTransition => "invalid_status_transition",
            ProblemCode::UnsupportedFileType => "unsupported_file_type",
            ProblemCode::EmptyFile => "empty_file",
            ProblemCode::InvalidUpload => "invalid_upload",
            ProblemCode::PasswordExpired => "password_expired",
            ProblemCode::AccountDeactivated => "account_deactivated",
            ProblemCode::LinkExpired => "link_expired",
            ProblemCode::LinkUsed => "link_used",
            ProblemCode::LinkInvalid => "link_invalid",
            ProblemCode::UsernameTaken => "username_taken",
            ProblemCode::MfaRequired => "mfa_required",
            ProblemCode::InvalidMfaCode => "invalid_mfa_code",
            ProblemCode::MfaEnrollmentRequired => "mfa_enrollment_required",
            ProblemCode::AttachmentQuotaExceeded => "attachment_quota_exceeded",
        }
    }
}

/// The broken rule of one field of a 422 `validation_failed` problem:
/// stable, snake_case; clients match or translate them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    /// Missing or empty.
    Required,
    /// Longer than the field allows.
    TooLong,
    /// A number outside its range (a case's priority is 1 to 5).
    OutOfRange,
    /// A part of the request that does not go with the rest of it.
    NotAllowed,
    InvalidEmail,
    InvalidPhone,
    InvalidCountry,
    InvalidUsername,
    InvalidDisplayName,
    /// An `Idempotency-Key` that is not 1 to 255 visible characters.
    InvalidIdempotencyKey,
    /// An access request names no facility.
    FacilityRequired,
    /// An access request names more than 20 facilities.
    TooManyFacilities,
    /// A facility of an access request has no identifier.
    IdentifierRequired,
    /// More attachments than one upload takes.
    TooManyFiles,
    PasswordTooShort,
    PasswordTooLong,
    PasswordNeedsDigit,
    PasswordNeedsSpecial,
    PasswordNeedsLowerCase,
    PasswordNeedsUpperCase,
    /// One of the 10,000 most common passwords.
    PasswordTooCommon,
    /// One of the user's last five passwords.
    PasswordReused,
    /// The current password given to confirm a change is wrong.
    WrongPassword,
    /// The authenticator or recovery code is wrong or was used already.
    InvalidMfaCode,
    /// A Manager gives the roles Viewer, User and Manager only.
    RoleNotGrantable,
    /// The role and the parent account do not go together.
    ParentAccountMismatch,
    /// A user cannot deactivate their own account.
    CannotDisableSelf,
    /// A user cannot reset their own second factor through user
    /// administration (their settings change it, with a current code).
    CannotResetOwnFactor,
    /// A case is assigned to an active Service user only.
    NotAnEngineer,
    UnknownLanguage,
    UnknownTimeZone,
    UnknownDateFormat,
    UnknownTimeFormat,
    /// No account has the id given.
    UnknownAccount,
    /// A parent account is the top of a customer's tree and does not move.
    ParentAccountDoesNotMove,
    /// An account cannot move under itself or one of its own accounts.
    MoveIntoItself,
    /// The account is already where it was asked to move.
    AlreadyThere,
    /// A report has no column of that name.
    UnknownColumn,
    /// The column is named twice where once is all it can be.
    ColumnRepeated,
    /// The filter does not apply to the column's type (`contains` on a number).
    FilterNotForColumn,
    /// A value the column cannot hold (not a number, not one of its choices).
    InvalidValue,
    /// The browser app's own check before sending: the repeated password
    /// differs. Never on the wire.
    #[serde(skip)]
    PasswordsDiffer,
    /// The browser app's own check before sending: an authenticator code is
    /// six digits. Never on the wire.
    #[serde(skip)]
    SixDigits,
    /// The browser app shows a `username_taken` problem on the user name
    /// field. Never on the wire.
    #[serde(skip)]
    UsernameTaken,
    /// A code this client does not know (a newer server); never sent.
    #[serde(other)]
    Unknown,
}

impl FieldErrorCode {
    /// Every code the server sends, and `Unknown` last.
    pub const ALL: [FieldErrorCode; 42] = [
        FieldErrorCode::Required,
        FieldErrorCode::TooLong,
        FieldErrorCode::OutOfRange,
        FieldErrorCode::NotAllowed,
        FieldErrorCode::InvalidEmail,
        FieldErrorCode::InvalidPhone,
        FieldErrorCode::InvalidCountry,
        FieldErrorCode::InvalidUsername,
        FieldErrorCode::InvalidDisplayName,
        FieldErrorCode::InvalidIdempotencyKey,
        FieldErrorCode::FacilityRequired,
        FieldErrorCode::TooManyFacilities,
        FieldErrorCode::IdentifierRequired,
        FieldErrorCode::TooManyFiles,
        FieldErrorCode::PasswordTooShort,
        FieldErrorCode::PasswordTooLong,
        FieldErrorCode::PasswordNeedsDigit,
        FieldErrorCode::PasswordNeedsSpecial,
        FieldErrorCode::PasswordNeedsLowerCase,
        FieldErrorCode::PasswordNeedsUpperCase,
        FieldErrorCode::PasswordTooCommon,
        FieldErrorCode::PasswordReused,
        FieldErrorCode::WrongPassword,
        FieldErrorCode::InvalidMfaCode,
        FieldErrorCode::RoleNotGrantable,
        FieldErrorCode::ParentAccountMismatch,
        FieldErrorCode::CannotDisableSelf,
        FieldErrorCode::CannotResetOwnFactor,
        FieldErrorCode::NotAnEngineer,
        FieldErrorCode::UnknownLanguage,
        FieldErrorCode::UnknownTimeZone,
        FieldErrorCode::UnknownDateFormat,
        FieldErrorCode::UnknownTimeFormat,
        FieldErrorCode::UnknownAccount,
        FieldErrorCode::ParentAccountDoesNotMove,
        FieldErrorCode::MoveIntoItself,
        FieldErrorCode::AlreadyThere,
        FieldErrorCode::UnknownColumn,
        FieldErrorCode::ColumnRepeated,
        FieldErrorCode::FilterNotForColumn,
        FieldErrorCode::InvalidValue,
        FieldErrorCode::Unknown,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            FieldErrorCode::Required => "required",
            FieldErrorCode::TooLong => "too_long",
            FieldErrorCode::OutOfRange => "out_of_range",
            FieldErrorCode::NotAllowed => "not_allowed",
            FieldErrorCode::InvalidEmail => "invalid_email",
            FieldErrorCode::InvalidPhone => "invalid_phone",
            FieldErrorCode::InvalidCountry => "invalid_country",
            FieldErrorCode::InvalidUsername => "invalid_username",
            FieldErrorCode::InvalidDisplayName => "invalid_display_name",
            FieldErrorCode::InvalidIdempotencyKey => "invalid_idempotency_key",
            FieldErrorCode::FacilityRequired => "facility_required",
            FieldErrorCode::TooManyFacilities => "too_many_facilities",
            FieldErrorCode::IdentifierRequired => "identifier_required",
            FieldErrorCode::TooManyFiles => "too_many_files",
            FieldErrorCode::PasswordTooShort => "password_too_short",
            FieldErrorCode::PasswordTooLong => "password_too_long",
            FieldErrorCode::PasswordNeedsDigit => "password_needs_digit",
            FieldErrorCode::PasswordNeedsSpecial => "password_needs_special",
            FieldErrorCode::PasswordNeedsLowerCase => "password_needs_lower_case",
            FieldErrorCode::PasswordNeedsUpperCase => "password_needs_upper_case",
            FieldErrorCode::PasswordTooCommon => "password_too_common",
            FieldErrorCode::PasswordReused => "password_reused",
            FieldErrorCode::WrongPassword => "wrong_password",
            FieldErrorCode::InvalidMfaCode => "invalid_mfa_code",
            FieldErrorCode::RoleNotGrantable => "role_not_grantable",
            FieldErrorCode::ParentAccountMismatch => "parent_account_mismatch",
            FieldErrorCode::CannotDisableSelf => "cannot_disable_self",
            FieldErrorCode::CannotResetOwnFactor => "cannot_reset_own_factor",
            FieldErrorCode::NotAnEngineer => "not_an_engineer",
            FieldErrorCode::UnknownLanguage => "unknown_language",
            FieldErrorCode::UnknownTimeZone => "unknown_time_zone",
            FieldErrorCode::UnknownDateFormat => "unknown_date_format",
            FieldErrorCode::UnknownTimeFormat => "unknown_time_format",
            FieldErrorCode::UnknownAccount => "unknown_account",
            FieldErrorCode::ParentAccountDoesNotMove => "parent_account_does_not_move",
            FieldErrorCode::MoveIntoItself => "move_into_itself",
            FieldErrorCode::AlreadyThere => "already_there",
            FieldErrorCode::UnknownColumn => "unknown_column",
            FieldErrorCode::ColumnRepeated => "column_repeated",
            FieldErrorCode::FilterNotForColumn => "filter_not_for_column",
            FieldErrorCode::InvalidValue => "invalid_value",
            FieldErrorCode::PasswordsDiffer => "passwords_differ",
            FieldErrorCode::SixDigits => "six_digits",
            FieldErrorCode::UsernameTaken => "username_taken",
            FieldErrorCode::Unknown => "unknown",
        }
    }

    /// The code spelled `code`; `Unknown` for any other text.
    pub fn from_code(code: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == code)
            .unwrap_or(FieldErrorCode::Unknown)
    }
}

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as in the request body, e.g. `password`.
    pub field: String,
    /// A stable code for the broken rule, e.g. `password_needs_digit`.
    pub code: FieldErrorCode,
    pub message: String,
}

/// An RFC 9457 problem document (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProblemDetails {
    /// A URI naming the problem type.
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub code: ProblemCode,
    /// Quote it to support; it finds the server's log lines of this request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// A token valid 15 minutes for one thing only: with `password_expired`
    /// it sets a new password (`POST /api/v1/auth/password`); with
    /// `mfa_enrollment_required` it enrols a second factor
    /// (`POST /api/v1/me/mfa/setup`, then `/enable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restricted_token: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_error_codes_are_spelled_as_serde_spells_them() {
        for code in FieldErrorCode::ALL {
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, serde_json::Value::from(code.as_str()));
            assert_eq!(FieldErrorCode::from_code(code.as_str()), code);
            let back: FieldErrorCode = serde_json::from_value(json).unwrap();
            assert_eq!(back, code);
        }
        let newer: FieldErrorCode = serde_json::from_str("\"from_a_newer_server\"").unwrap();
        assert_eq!(newer, FieldErrorCode::Unknown);
    }
}

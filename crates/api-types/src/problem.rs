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
        }
    }
}

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as in the request body, e.g. `password`.
    pub field: String,
    /// A stable code for the broken rule, e.g. `password_needs_digit`.
    pub code: String,
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

//! One error type for every handler, rendered as RFC 9457 `application/problem+json`
//! with a stable `code`. A 5xx logs its cause chain and tells the client only a
//! generic detail and the request id.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use api_types::{FieldError, ProblemCode, ProblemDetails};
use persistence::StoreError;
use std::fmt;

tokio::task_local! {
    /// The id of the request being served; set by the request-context middleware.
    pub static REQUEST_ID: String;
}

/// What a 503 asks clients to wait before trying again.
pub const SERVICE_RETRY_SECONDS: u64 = 5;

pub fn current_request_id() -> Option<String> {
    REQUEST_ID.try_with(|id| id.clone()).ok()
}

#[derive(thiserror::Error)]
pub enum ApiError {
    #[error("The user name or password is wrong. After 3 attempts an account is locked for 15 minutes and its owner is emailed.")]
    InvalidCredentials,
    #[error("This request needs an access token: send `Authorization: Bearer <token>`.")]
    Unauthenticated,
    #[error("The token is invalid or has expired; log in again or refresh it.")]
    InvalidToken,
    #[error("Your role does not allow this.")]
    Forbidden,
    #[error("The requested resource does not exist.")]
    NotFound,
    #[error("There is no API route at this address.")]
    RouteNotFound,
    #[error("This route does not accept the {method} method{}.", allow.as_deref().map(|a| format!("; it accepts {a}")).unwrap_or_default())]
    MethodNotAllowed {
        method: String,
        /// The `Allow` header's value, when known.
        allow: Option<String>,
    },
    #[error("The request body is not valid JSON for this operation: {0}")]
    InvalidJson(String),
    #[error("The address holds an invalid value: {0}")]
    InvalidPath(String),
    #[error("The query string holds an invalid value: {0}")]
    InvalidQuery(String),
    #[error("Some fields are invalid.")]
    Validation(Vec<FieldError>),
    #[error("Someone changed this since you read it (it is now version {current}); read it again and reapply your change.")]
    PreconditionFailed { current: i32 },
    #[error(
        "Send `If-Match` with the ETag you read, so a change made meanwhile is not overwritten."
    )]
    PreconditionRequired,
    #[error("The request body is larger than the {limit} bytes this operation accepts.")]
    PayloadTooLarge { limit: usize },
    #[error("The {scope} holds {limit_mb} MB of attachments, the most this installation keeps; nothing was added.")]
    AttachmentQuotaExceeded { scope: &'static str, limit_mb: u64 },
    /// The media types the operation takes, as the sentence names them.
    #[error("Send the body as {0}.")]
    UnsupportedMediaType(&'static str),
    #[error("The {field} looks like it holds patient data ({what}). Remove it, or if it holds none, send the request again with `confirm_no_patient_data: true`.")]
    PossiblePatientData { field: String, what: String },
    #[error("This Idempotency-Key was used before with a different request; use a new key for a new request.")]
    IdempotencyKeyReused,
    #[error(
        "The first request with this Idempotency-Key is still being processed; retry in a moment."
    )]
    RequestInProgress,
    #[error("The case is closed: nothing more can be added to it.")]
    CaseClosed,
    #[error("A case's status moves only forward (new, in process, fixed, closed): {0}")]
    InvalidStatusTransition(String),
    #[error("The file {file_name:?} is not a JPEG, PNG, HEIC or PDF file (its content decides, not its name).")]
    UnsupportedFileType { file_name: String },
    #[error("The upload could not be read: {0}")]
    InvalidUpload(String),
    #[error("The file {file_name:?} is empty.")]
    EmptyFile { file_name: String },
    #[error("Your password is older than 90 days. Set a new one to continue.")]
    PasswordExpired { change_token: String },
    #[error("Your account was deactivated{}. Ask your Manager or portal support to reactivate it.", if *inactivity { " after 120 days without use" } else { "" })]
    AccountDeactivated { inactivity: bool },
    #[error("Enter the 6-digit code from your authenticator app (or a recovery code).")]
    MfaRequired,
    #[error("The code is wrong or was used already. Enter the current code from your authenticator app, or a recovery code.")]
    InvalidMfaCode,
    #[error(
        "Your organisation requires a second factor. Set up an authenticator app to continue."
    )]
    MfaEnrollmentRequired { enrollment_token: String },
    #[error("This link has expired (links are valid for 24 hours). Ask for a new one.")]
    LinkExpired,
    #[error("This link was used already; each link works once. Ask for a new one.")]
    LinkUsed,
    #[error("This link is not valid. Check that you copied all of it, or ask for a new one.")]
    LinkInvalid,
    #[error("{0}")]
    Conflict(String),
    #[error("The user name {0:?} is taken; choose another.")]
    UsernameTaken(String),
    #[error(
        "Too many login attempts from your network address; try again in {retry_after} seconds."
    )]
    TooManyRequests { retry_after: u64 },
    #[error("The service is temporarily unavailable; try again shortly.")]
    ServiceUnavailable(#[source] anyhow::Error),
    /// Every slot of a costly operation is taken (zip downloads).
    #[error("The server is busy with other {0}; try again in a few seconds.")]
    Busy(&'static str),
    #[error("Something went wrong on our side; quote the request id to support.")]
    Internal(#[source] anyhow::Error),
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The whole cause chain, for the log.
        write!(f, "{self}")?;
        let mut source = std::error::Error::source(self);
        while let Some(cause) = source {
            write!(f, "\n  caused by: {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}

impl ApiError {
    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        ApiError::Internal(err.into())
    }

    /// The one table of every error: its HTTP status, its stable code and
    /// its title.
    fn kind(&self) -> (StatusCode, ProblemCode, &'static str) {
        use ApiError as E;
        use ProblemCode as C;
        use StatusCode as S;
        match self {
            E::InvalidCredentials => (
                S::UNAUTHORIZED,
                C::InvalidCredentials,
                "Invalid credentials",
            ),
            E::Unauthenticated => (
                S::UNAUTHORIZED,
                C::Unauthenticated,
                "Authentication required",
            ),
            E::InvalidToken => (S::UNAUTHORIZED, C::InvalidToken, "Invalid token"),
            E::Forbidden => (S::FORBIDDEN, C::Forbidden, "Forbidden"),
            E::PreconditionFailed { .. } => (
                S::PRECONDITION_FAILED,
                C::PreconditionFailed,
                "Precondition failed",
            ),
            E::PreconditionRequired => (
                S::PRECONDITION_REQUIRED,
                C::PreconditionRequired,
                "Precondition required",
            ),
            E::NotFound => (S::NOT_FOUND, C::NotFound, "Not found"),
            E::RouteNotFound => (S::NOT_FOUND, C::RouteNotFound, "Route not found"),
            E::MethodNotAllowed { .. } => (
                S::METHOD_NOT_ALLOWED,
                C::MethodNotAllowed,
                "Method not allowed",
            ),
            E::InvalidJson(_) => (S::BAD_REQUEST, C::InvalidJson, "Invalid JSON body"),
            E::InvalidPath(_) => (S::BAD_REQUEST, C::InvalidPath, "Invalid path parameter"),
            E::InvalidQuery(_) => (S::BAD_REQUEST, C::InvalidQuery, "Invalid query parameter"),
            E::Validation(_) => (
                S::UNPROCESSABLE_ENTITY,
                C::ValidationFailed,
                "Validation failed",
            ),
            E::PayloadTooLarge { .. } => (
                S::PAYLOAD_TOO_LARGE,
                C::PayloadTooLarge,
                "Payload too large",
            ),
            E::AttachmentQuotaExceeded { .. } => (
                S::PAYLOAD_TOO_LARGE,
                C::AttachmentQuotaExceeded,
                "Attachment quota exceeded",
            ),
            E::UnsupportedMediaType(_) => (
                S::UNSUPPORTED_MEDIA_TYPE,
                C::UnsupportedMediaType,
                "Unsupported media type",
            ),
            E::PossiblePatientData { .. } => (
                S::UNPROCESSABLE_ENTITY,
                C::PossiblePatientData,
                "Possible patient data",
            ),
            E::IdempotencyKeyReused => (
                S::UNPROCESSABLE_ENTITY,
                C::IdempotencyKeyReused,
                "Idempotency key reused",
            ),
            E::RequestInProgress => (S::CONFLICT, C::RequestInProgress, "Request in progress"),
            E::CaseClosed => (S::CONFLICT, C::CaseClosed, "Case closed"),
            E::InvalidStatusTransition(_) => (
                S::CONFLICT,
                C::InvalidStatusTransition,
                "Invalid status transition",
            ),
            E::UnsupportedFileType { .. } => (
                S::UNSUPPORTED_MEDIA_TYPE,
                C::UnsupportedFileType,
                "Unsupported file type",
            ),
            E::EmptyFile { .. } => (S::UNPROCESSABLE_ENTITY, C::EmptyFile, "Empty file"),
            E::InvalidUpload(_) => (S::BAD_REQUEST, C::InvalidUpload, "Invalid upload"),
            E::PasswordExpired { .. } => (S::FORBIDDEN, C::PasswordExpired, "Password expired"),
            E::AccountDeactivated { .. } => {
                (S::FORBIDDEN, C::AccountDeactivated, "Account deactivated")
            }
            E::MfaRequired => (S::UNAUTHORIZED, C::MfaRequired, "Second factor required"),
            E::InvalidMfaCode => (S::UNAUTHORIZED, C::InvalidMfaCode, "Invalid code"),
            E::MfaEnrollmentRequired { .. } => (
                S::FORBIDDEN,
                C::MfaEnrollmentRequired,
                "Second factor enrolment required",
            ),
            E::LinkExpired => (S::GONE, C::LinkExpired, "Link expired"),
            E::LinkUsed => (S::GONE, C::LinkUsed, "Link used"),
            E::LinkInvalid => (S::NOT_FOUND, C::LinkInvalid, "Link invalid"),
            E::UsernameTaken(_) => (S::CONFLICT, C::UsernameTaken, "User name taken"),
            E::Conflict(_) => (S::CONFLICT, C::Conflict, "Conflict"),
            E::TooManyRequests { .. } => (
                S::TOO_MANY_REQUESTS,
                C::TooManyRequests,
                "Too many requests",
            ),
            E::ServiceUnavailable(_) | E::Busy(_) => (
                S::SERVICE_UNAVAILABLE,
                C::ServiceUnavailable,
                "Service unavailable",
            ),
            E::Internal(_) => (
                S::INTERNAL_SERVER_ERROR,
                C::InternalError,
                "Internal server error",
            ),
        }
    }

    pub fn code(&self) -> ProblemCode {
        self.kind().1
    }

    fn title(&self) -> &'static str {
        self.kind().2
    }

    pub fn problem(&self) -> ProblemDetails {
        let code = self.code();
        ProblemDetails {
            type_uri: format!("https://csportal.example/problems/{}", code.as_str()),
            title: self.title().to_owned(),
            status: self.status_code().as_u16(),
            detail: self.to_string(),
            code,
            request_id: current_request_id(),
            errors: match self {
                ApiError::Validation(errors) => errors.clone(),
                _ => Vec::new(),
            },
            restricted_token: match self {
                ApiError::PasswordExpired { change_token } => Some(change_token.clone()),
                ApiError::MfaEnrollmentRequired { enrollment_token } => {
                    Some(enrollment_token.clone())
                }
                _ => None,
            },
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Unavailable(_) => ApiError::ServiceUnavailable(err.into()),
            other => ApiError::Internal(other.into()),
        }
    }
}

/// The domain's broken rules, as a 422 naming each field.
impl From<Vec<domain::FieldProblem>> for ApiError {
    fn from(problems: Vec<domain::FieldProblem>) -> Self {
        ApiError::Validation(
            problems
                .into_iter()
                .map(|p| FieldError {
                    field: p.field,
                    code: api_types::FieldErrorCode::from_code(&p.code),
                    message: p.message,
                })
                .collect(),
        )
    }
}

impl From<domain::AuthzError> for ApiError {
    fn from(err: domain::AuthzError) -> Self {
        match err {
            domain::AuthzError::NotVisible => ApiError::NotFound,
            domain::AuthzError::Forbidden => ApiError::Forbidden,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.kind().0
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::error!(error = ?self, "request failed");
        }
        let mut response = HttpResponse::build(status);
        response.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        match self {
            ApiError::Unauthenticated => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"csportal\""));
            }
            ApiError::InvalidToken => {
                response.insert_header((
                    header::WWW_AUTHENTICATE,
                    "Bearer realm=\"csportal\", error=\"invalid_token\"",
                ));
            }
            ApiError::TooManyRequests { retry_after } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            // The database is away for a moment (a restart, a fail-over):
            // clients and proxies retry instead of giving up.
            ApiError::ServiceUnavailable(_) | ApiError::Busy(_) => {
                response.insert_header((header::RETRY_AFTER, SERVICE_RETRY_SECONDS.to_string()));
            }
            ApiError::MethodNotAllowed {
                allow: Some(allow), ..
            } => {
                response.insert_header((header::ALLOW, allow.as_str()));
            }
            _ => {}
        }
        let body = serde_json::to_string(&self.problem()).unwrap_or_else(|_| {
            r#"{"type":"about:blank","title":"Internal server error","status":500,"detail":"","code":"internal_error"}"#.to_owned()
        });
        response.body(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::to_bytes;

    async fn body_json(err: ApiError) -> serde_json::Value {
        let response = err.error_response();
        let bytes = to_bytes(response.into_body()).await.unwrap_or_default();
        serde_json::from_slice(&bytes).unwrap_or_default()
    }

    #[actix_web::test]
    async fn invalid_credentials_is_a_401_problem_with_a_stable_code() {
        let json = body_json(ApiError::InvalidCredentials).await;
        assert_eq!(json["status"], 401);
        assert_eq!(json["code"], "invalid_credentials");
        assert_eq!(
            json["type"],
            "https://csportal.example/problems/invalid_credentials"
        );
    }

    #[actix_web::test]
    async fn internal_errors_never_show_their_cause_to_the_client() {
        let err = ApiError::internal(anyhow::anyhow!("password column missing in table users"));
        let json = body_json(err).await;
        assert_eq!(json["status"], 500);
        assert!(!json.to_string().contains("password column"));
    }

    #[actix_web::test]
    async fn validation_errors_list_each_field() {
        let json = body_json(ApiError::Validation(vec![FieldError {
            field: "password".into(),
            code: api_types::FieldErrorCode::PasswordNeedsDigit,
            message: "add a digit".into(),
        }]))
        .await;
        assert_eq!(json["status"], 422);
        assert_eq!(json["errors"][0]["code"], "password_needs_digit");
    }

    /// The domain names its rules in text; each must be a listed code, or
    /// the server would send `unknown`.
    #[test]
    fn every_domain_code_is_a_field_error_code() {
        use api_types::FieldErrorCode;
        use domain::{CaseTextError, PasswordRule};
        let codes = [
            PasswordRule::MinLength { min: 1 }.code(),
            PasswordRule::MaxLength { max: 1 }.code(),
            PasswordRule::Digit.code(),
            PasswordRule::SpecialCharacter.code(),
            PasswordRule::LowerCase.code(),
            PasswordRule::UpperCase.code(),
            PasswordRule::NotCommon.code(),
            CaseTextError::Empty.code(),
            CaseTextError::TooLong { max: 1 }.code(),
            // `domain::new_case` and `domain::access_request`.
            "out_of_range",
            "invalid_email",
            "not_allowed",
            "invalid_phone",
            "invalid_country",
            "facility_required",
            "too_many_facilities",
            "identifier_required",
        ];
        for code in codes {
            assert_ne!(
                FieldErrorCode::from_code(code),
                FieldErrorCode::Unknown,
                "{code}"
            );
        }
    }
}

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
    #[error("Send the body as application/json.")]
    UnsupportedMediaType,
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

    pub fn code(&self) -> ProblemCode {
        match self {
            ApiError::InvalidCredentials => ProblemCode::InvalidCredentials,
            ApiError::Unauthenticated => ProblemCode::Unauthenticated,
            ApiError::InvalidToken => ProblemCode::InvalidToken,
            ApiError::Forbidden => ProblemCode::Forbidden,
            ApiError::PreconditionFailed { .. } => ProblemCode::PreconditionFailed,
            ApiError::PreconditionRequired => ProblemCode::PreconditionRequired,
            ApiError::NotFound => ProblemCode::NotFound,
            ApiError::RouteNotFound => ProblemCode::RouteNotFound,
            ApiError::MethodNotAllowed { .. } => ProblemCode::MethodNotAllowed,
            ApiError::InvalidJson(_) => ProblemCode::InvalidJson,
            ApiError::InvalidPath(_) => ProblemCode::InvalidPath,
            ApiError::InvalidQuery(_) => ProblemCode::InvalidQuery,
            ApiError::Validation(_) => ProblemCode::ValidationFailed,
            ApiError::PayloadTooLarge { .. } => ProblemCode::PayloadTooLarge,
            ApiError::UnsupportedMediaType => ProblemCode::UnsupportedMediaType,
            ApiError::PossiblePatientData { .. } => ProblemCode::PossiblePatientData,
            ApiError::IdempotencyKeyReused => ProblemCode::IdempotencyKeyReused,
            ApiError::RequestInProgress => ProblemCode::RequestInProgress,
            ApiError::CaseClosed => ProblemCode::CaseClosed,
            ApiError::InvalidStatusTransition(_) => ProblemCode::InvalidStatusTransition,
            ApiError::UnsupportedFileType { .. } => ProblemCode::UnsupportedFileType,
            ApiError::EmptyFile { .. } => ProblemCode::EmptyFile,
            ApiError::InvalidUpload(_) => ProblemCode::InvalidUpload,
            ApiError::PasswordExpired { .. } => ProblemCode::PasswordExpired,
            ApiError::AccountDeactivated { .. } => ProblemCode::AccountDeactivated,
            ApiError::MfaRequired => ProblemCode::MfaRequired,
            ApiError::InvalidMfaCode => ProblemCode::InvalidMfaCode,
            ApiError::MfaEnrollmentRequired { .. } => ProblemCode::MfaEnrollmentRequired,
            ApiError::LinkExpired => ProblemCode::LinkExpired,
            ApiError::LinkUsed => ProblemCode::LinkUsed,
            ApiError::LinkInvalid => ProblemCode::LinkInvalid,
            ApiError::UsernameTaken(_) => ProblemCode::UsernameTaken,
            ApiError::Conflict(_) => ProblemCode::Conflict,
            ApiError::TooManyRequests { .. } => ProblemCode::TooManyRequests,
            ApiError::ServiceUnavailable(_) => ProblemCode::ServiceUnavailable,
            ApiError::Internal(_) => ProblemCode::InternalError,
        }
    }

    fn title(&self) -> &'static str {
        match self {
            ApiError::InvalidCredentials => "Invalid credentials",
            ApiError::Unauthenticated => "Authentication required",
            ApiError::InvalidToken => "Invalid token",
            ApiError::Forbidden => "Forbidden",
            ApiError::PreconditionFailed { .. } => "Precondition failed",
            ApiError::PreconditionRequired => "Precondition required",
            ApiError::NotFound => "Not found",
            ApiError::RouteNotFound => "Route not found",
            ApiError::MethodNotAllowed { .. } => "Method not allowed",
            ApiError::InvalidJson(_) => "Invalid JSON body",
            ApiError::InvalidPath(_) => "Invalid path parameter",
            ApiError::InvalidQuery(_) => "Invalid query parameter",
            ApiError::Validation(_) => "Validation failed",
            ApiError::PayloadTooLarge { .. } => "Payload too large",
            ApiError::UnsupportedMediaType => "Unsupported media type",
            ApiError::PossiblePatientData { .. } => "Possible patient data",
            ApiError::IdempotencyKeyReused => "Idempotency key reused",
            ApiError::RequestInProgress => "Request in progress",
            ApiError::CaseClosed => "Case closed",
            ApiError::InvalidStatusTransition(_) => "Invalid status transition",
            ApiError::UnsupportedFileType { .. } => "Unsupported file type",
            ApiError::EmptyFile { .. } => "Empty file",
            ApiError::InvalidUpload(_) => "Invalid upload",
            ApiError::PasswordExpired { .. } => "Password expired",
            ApiError::AccountDeactivated { .. } => "Account deactivated",
            ApiError::MfaRequired => "Second factor required",
            ApiError::InvalidMfaCode => "Invalid code",
            ApiError::MfaEnrollmentRequired { .. } => "Second factor enrolment required",
            ApiError::LinkExpired => "Link expired",
            ApiError::LinkUsed => "Link used",
            ApiError::LinkInvalid => "Link invalid",
            ApiError::UsernameTaken(_) => "User name taken",
            ApiError::Conflict(_) => "Conflict",
            ApiError::TooManyRequests { .. } => "Too many requests",
            ApiError::ServiceUnavailable(_) => "Service unavailable",
            ApiError::Internal(_) => "Internal server error",
        }
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
        match self {
            ApiError::InvalidCredentials
            | ApiError::Unauthenticated
            | ApiError::InvalidToken
            | ApiError::MfaRequired
            | ApiError::InvalidMfaCode => StatusCode::UNAUTHORIZED,
            ApiError::MfaEnrollmentRequired { .. } => StatusCode::FORBIDDEN,
            ApiError::Forbidden
            | ApiError::PasswordExpired { .. }
            | ApiError::AccountDeactivated { .. } => StatusCode::FORBIDDEN,
            ApiError::LinkExpired | ApiError::LinkUsed => StatusCode::GONE,
            ApiError::LinkInvalid => StatusCode::NOT_FOUND,
            ApiError::UsernameTaken(_) | ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::PreconditionFailed { .. } => StatusCode::PRECONDITION_FAILED,
            ApiError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::NotFound | ApiError::RouteNotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::InvalidJson(_)
            | ApiError::InvalidPath(_)
            | ApiError::InvalidQuery(_)
            | ApiError::InvalidUpload(_) => StatusCode::BAD_REQUEST,
            ApiError::Validation(_)
            | ApiError::PossiblePatientData { .. }
            | ApiError::IdempotencyKeyReused
            | ApiError::EmptyFile { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::UnsupportedFileType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::RequestInProgress
            | ApiError::CaseClosed
            | ApiError::InvalidStatusTransition(_) => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::ServiceUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
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
            code: "password_needs_digit".into(),
            message: "add a digit".into(),
        }]))
        .await;
        assert_eq!(json["status"], 422);
        assert_eq!(json["errors"][0]["code"], "password_needs_digit");
    }
}

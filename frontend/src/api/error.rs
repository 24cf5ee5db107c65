//! What can go wrong when the app talks to the server.

use api_types::{ProblemCode, ProblemDetails};
use std::fmt;

/// A failed API call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The request did not reach the server, or no answer came back.
    Network(String),
    /// The server answered with an `application/problem+json` document.
    Problem(ProblemDetails),
    /// The server answered, but not in a shape the app understands (a proxy's
    /// HTML error page, a body that does not match the DTO). Carries the HTTP
    /// status and a short description for the console.
    Unexpected { status: u16, reason: String },
}

impl ApiError {
    /// The problem code, when the server sent one.
    pub fn code(&self) -> Option<ProblemCode> {
        match self {
            ApiError::Problem(p) => Some(p.code),
            _ => None,
        }
    }

    /// True when the access token was refused as expired or invalid: refresh
    /// once and retry.
    pub fn is_invalid_token(&self) -> bool {
        matches!(
            self.code(),
            Some(ProblemCode::InvalidToken | ProblemCode::Unauthenticated)
        )
    }

    /// The server's request id, to quote to support.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Problem(p) => p.request_id.as_deref(),
            _ => None,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network(msg) => write!(f, "network error: {msg}"),
            ApiError::Problem(p) => write!(f, "{} ({}): {}", p.status, p.code.as_str(), p.detail),
            ApiError::Unexpected { status, reason } => {
                write!(f, "unexpected answer (HTTP {status}): {reason}")
            }
        }
    }
}

impl From<gloo_net::Error> for ApiError {
    fn from(err: gloo_net::Error) -> Self {
        ApiError::Network(err.to_string())
    }
}

/// A problem document for tests: `code`, and the server's `request_id`.
#[cfg(test)]
pub fn problem(code: ProblemCode, request_id: Option<&str>) -> ApiError {
    let mut problem = problem_with(code, Vec::new());
    if let ApiError::Problem(details) = &mut problem {
        details.request_id = request_id.map(str::to_owned);
    }
    problem
}

/// A problem document for tests naming invalid fields.
#[cfg(test)]
pub fn problem_with(code: ProblemCode, errors: Vec<api_types::FieldError>) -> ApiError {
    ApiError::Problem(ProblemDetails {
        type_uri: "about:blank".into(),
        title: "t".into(),
        status: 400,
        detail: "server detail, not shown".into(),
        code,
        request_id: None,
        errors,
        restricted_token: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_token_and_unauthenticated_ask_for_a_refresh() {
        assert!(problem(ProblemCode::InvalidToken, None).is_invalid_token());
        assert!(problem(ProblemCode::Unauthenticated, None).is_invalid_token());
        assert!(!problem(ProblemCode::InvalidCredentials, None).is_invalid_token());
        assert!(!ApiError::Network("offline".into()).is_invalid_token());
    }

    #[test]
    fn request_id_comes_from_the_problem_document() {
        assert_eq!(
            problem(ProblemCode::InternalError, Some("req-1")).request_id(),
            Some("req-1")
        );
        assert_eq!(ApiError::Network("x".into()).request_id(), None);
    }
}

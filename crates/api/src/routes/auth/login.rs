use crate::auth::service;
use crate::error::ApiError;
use crate::identity::client::ClientAddress;
use crate::metrics::LoginOutcome;
use crate::routes::{AppData, Reply};
use actix_web::{post, web, HttpRequest};
use api_types::{LoginRequest, TokenResponse};

/// Log in with user name and password.
///
/// Answers the same, in the same time, for an unknown user and a wrong password.
#[utoipa::path(
    security(()),
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in; the refresh token is set as an HttpOnly cookie, and is in the body only for callers that are not browsers", body = TokenResponse),
        (status = 401, description = "Wrong user name or password, or a locked account (the same answer); after a right password: `mfa_required` (send `mfa_code`) or `invalid_mfa_code`"),
        (status = 403, description = "Right password, but it is older than 90 days (`password_expired`, with a `restricted_token`), a second factor must be enrolled first (`mfa_enrollment_required`, with a `restricted_token`), or the account is deactivated (`account_deactivated`)"),
        (status = 429, description = "Too many failed logins from this client address; see Retry-After"),
        (status = "4XX", description = "Bad request"),
        (status = "5XX", description = "Server error"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: AppData,
    req: HttpRequest,
    client: ClientAddress,
    body: web::Json<LoginRequest>,
) -> Reply {
    let result = service::login(
        &state,
        &body.username,
        &body.password,
        body.mfa_code.as_deref(),
        &client,
    )
    .await;
    match &result {
        Ok(_) => state.metrics.login(LoginOutcome::Succeeded),
        Err(ApiError::InvalidCredentials | ApiError::InvalidMfaCode) => {
            state.metrics.login(LoginOutcome::Failed)
        }
        Err(_) => {}
    }
    Ok(super::tokens_response(&state, &req, result?))
}

use crate::auth::service;
use crate::auth::PasswordChanger;
use crate::error::ApiError;
use crate::identity::client::ClientAddress;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use api_types::{ChangePasswordRequest, ProblemDetails, TokenResponse};

/// Changes the password. Works with an access token or with the
/// `restricted_token` of a `password_expired` login answer. Every
/// session ends; the answer opens a new one.
#[utoipa::path(
    tag = "auth",
    security(("bearer_jwt" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 200, description = "Changed; a new session", body = TokenResponse),
        (status = 401, description = "No valid token", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 403, description = "Changed, but the parent account requires a second factor first (`mfa_enrollment_required`, with a `restricted_token`)", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "The current password is wrong (`current_password`: `wrong_password`) or the new one breaks a rule", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    caller: PasswordChanger,
    client: ClientAddress,
    body: web::Json<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let tokens = service::change_password(
        &state,
        &caller.user,
        &body.current_password,
        &body.new_password,
        &client,
    )
    .await?;
    Ok(super::tokens_response(&state, tokens))
}

use crate::auth::service;
use crate::auth::PasswordChanger;
use crate::identity::client::ClientAddress;
use crate::routes::{AppData, Reply};
use actix_web::{post, web, HttpRequest};
use api_types::{ChangePasswordRequest, TokenResponse};

/// Changes the password. Works with an access token or with the
/// `restricted_token` of a `password_expired` login answer. Every
/// session ends; the answer opens a new one.
#[utoipa::path(
    request_body = ChangePasswordRequest,
    responses(
        (status = 200, description = "Changed; a new session", body = TokenResponse),
        (status = 403, description = "Changed, but the parent account requires a second factor first (`mfa_enrollment_required`, with a `restricted_token`)"),
        (status = 422, description = "The current password is wrong (`current_password`: `wrong_password`) or the new one breaks a rule"),
    )
)]
#[post("/auth/password")]
pub async fn change_password(
    state: AppData,
    req: HttpRequest,
    caller: PasswordChanger,
    client: ClientAddress,
    body: web::Json<ChangePasswordRequest>,
) -> Reply {
    let tokens = service::change_password(
        &state,
        &caller.user,
        &body.current_password,
        &body.new_password,
        &client,
    )
    .await?;
    Ok(super::tokens_response(&state, &req, tokens))
}

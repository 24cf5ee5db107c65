use crate::identity::client::ClientAddress;
use crate::identity::links;
use crate::routes::{AppData, Reply};
use actix_web::{post, web, HttpResponse};
use api_types::PasswordResetRequest;

/// Asks for a password-reset link by email.
///
/// Always 202, whether or not an account uses the address; each active
/// account with it gets a link valid for 24 hours (an account still waiting
/// for activation gets a new activation link).
#[utoipa::path(
    security(()),
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If an account uses this address, a link is on its way"),
        (status = "4XX", description = "Bad request"),
    )
)]
#[post("/auth/password-reset")]
pub async fn request_password_reset(
    state: AppData,
    client: ClientAddress,
    body: web::Json<PasswordResetRequest>,
) -> Reply {
    links::request_reset(&state, &body.email, &client).await?;
    Ok(HttpResponse::Accepted().finish())
}

use crate::error::ApiError;
use crate::identity::client::ClientAddress;
use crate::identity::links;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use api_types::{PasswordResetRequest, ProblemDetails};

/// Asks for a password-reset link by email.
///
/// Always 202, whether or not an account uses the address; each active
/// account with it gets a link valid for 24 hours (an account still waiting
/// for activation gets a new activation link).
#[utoipa::path(
    tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If an account uses this address, a link is on its way"),
        (status = "4XX", description = "Bad request", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password-reset")]
pub async fn request_password_reset(
    state: web::Data<AppState>,
    client: ClientAddress,
    body: web::Json<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    links::request_reset(&state, &body.email, &client).await?;
    Ok(HttpResponse::Accepted().finish())
}

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::identity::admin;
use crate::identity::client::ClientAddress;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use api_types::ProblemDetails;
use domain::UserId;

/// Sends a user who has not activated their account a new activation link
/// (the earlier one stops working).
#[utoipa::path(
    tag = "users",
    security(("bearer_jwt" = [])),
    params(("id" = uuid::Uuid, Path, description = "User id")),
    responses(
        (status = 202, description = "The email is on its way"),
        (status = 403, description = "Only Managers and Admins", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such user in the caller's parent account", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "The account is activated already", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/users/{id}/activation-email")]
pub async fn send_activation_email(
    state: web::Data<AppState>,
    auth: AuthUser,
    client: ClientAddress,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    admin::resend_activation(&state, &auth, UserId::from_uuid(id.into_inner()), &client).await?;
    Ok(HttpResponse::Accepted().finish())
}

use crate::error::ApiError;
use crate::identity::access;
use crate::identity::client::ClientAddress;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use api_types::{CreateAccessRequest, ProblemDetails};

/// Asks for access (no login). At least one facility, each named by an
/// installed product number, asset ID, location ID or technical ID, so the
/// request reaches the right hospital's Manager. A confirmation email goes
/// to the address given; the answer says nothing about what matched.
#[utoipa::path(
    tag = "access requests",
    request_body = CreateAccessRequest,
    responses(
        (status = 202, description = "Received; a confirmation email is on its way"),
        (status = 422, description = "Missing or invalid fields (each in `errors`)", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address; see Retry-After", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/access-requests")]
pub async fn create_access_request(
    state: web::Data<AppState>,
    client: ClientAddress,
    body: web::Json<CreateAccessRequest>,
) -> Result<HttpResponse, ApiError> {
    access::submit(&state, &body, &client).await?;
    Ok(HttpResponse::Accepted().finish())
}

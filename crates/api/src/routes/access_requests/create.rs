use crate::identity::access;
use crate::identity::client::ClientAddress;
use crate::routes::{AppData, Reply};
use actix_web::{post, web, HttpResponse};
use api_types::CreateAccessRequest;

/// Asks for access (no login). At least one facility, each named by an
/// installed product number, asset ID, location ID or technical ID, so the
/// request reaches the right hospital's Manager. A confirmation email goes
/// to the address given; the answer says nothing about what matched.
#[utoipa::path(
    security(()),
    request_body = CreateAccessRequest,
    responses(
        (status = 202, description = "Received; a confirmation email is on its way"),
        (status = 422, description = "Missing or invalid fields (each in `errors`)"),
        (status = 429, description = "Too many requests from this address; see Retry-After"),
    )
)]
#[post("/access-requests")]
pub async fn create_access_request(
    state: AppData,
    client: ClientAddress,
    body: web::Json<CreateAccessRequest>,
) -> Reply {
    access::submit(&state, &body, &client).await?;
    Ok(HttpResponse::Accepted().finish())
}

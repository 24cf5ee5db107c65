use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::identity::access;
use crate::identity::client::ClientAddress;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use api_types::{AccessRequestDto, ProblemDetails, RejectAccessRequest};

/// Rejects a request; the requester is emailed the reason.
#[utoipa::path(
    tag = "access requests",
    security(("bearer_jwt" = [])),
    params(("id" = uuid::Uuid, Path, description = "Request id")),
    request_body = RejectAccessRequest,
    responses(
        (status = 200, body = AccessRequestDto),
        (status = 403, description = "Only Managers and Admins review requests", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such request for this caller", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "Decided already", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "No reason given", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/access-requests/{id}/reject")]
pub async fn reject_access_request(
    state: web::Data<AppState>,
    auth: AuthUser,
    client: ClientAddress,
    id: web::Path<uuid::Uuid>,
    body: web::Json<RejectAccessRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .json(access::reject(&state, &auth, id.into_inner(), &body, &client).await?))
}

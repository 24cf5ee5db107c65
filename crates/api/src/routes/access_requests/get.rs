use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::identity::access;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use api_types::{AccessRequestDto, ProblemDetails};

/// One request for access.
#[utoipa::path(
    tag = "access requests",
    security(("bearer_jwt" = [])),
    params(("id" = uuid::Uuid, Path, description = "Request id")),
    responses(
        (status = 200, body = AccessRequestDto),
        (status = 403, description = "Only Managers and Admins review requests", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such request for this caller", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[get("/access-requests/{id}")]
pub async fn get_access_request(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(access::get(&state, &auth, id.into_inner()).await?))
}

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::identity::access;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use api_types::{AccessRequestPage, AccessRequestQuery, ProblemDetails};

/// Requests for access, newest first: all for Admins, those matched to
/// their parent account for Managers.
#[utoipa::path(
    tag = "access requests",
    security(("bearer_jwt" = [])),
    params(AccessRequestQuery),
    responses(
        (status = 200, body = AccessRequestPage),
        (status = 403, description = "Only Managers and Admins review requests", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[get("/access-requests")]
pub async fn list_access_requests(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<AccessRequestQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(access::list(&state, &auth, &query).await?))
}

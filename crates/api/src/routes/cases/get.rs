use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::preconditions;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use api_types::{CaseDetail, ProblemDetails};
use domain::CaseId;

/// One case with its timeline. Another parent account's case answers 404,
/// exactly like a missing one.
#[utoipa::path(
    tag = "cases",
    security(("bearer_jwt" = [])),
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    responses(
        (status = 200, body = CaseDetail, headers(("ETag" = String, description = "The case's version"))),
        (status = 404, description = "No such case for this caller", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[get("/cases/{id}")]
pub async fn get_case(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let detail = super::load_detail(&state, &auth, CaseId::from_uuid(id.into_inner())).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, preconditions::etag(detail.version)))
        .json(detail))
}

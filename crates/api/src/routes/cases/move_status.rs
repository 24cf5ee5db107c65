use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::preconditions;
use crate::state::AppState;
use crate::wire::ToDomain;
use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use api_types::{CaseDetail, MoveCaseStatusRequest, ProblemDetails};
use domain::{Action, CaseId, CaseText, FieldProblem};

/// Moves a case forward (service side only): New, In process, Fixed,
/// Closed; steps may be skipped, never undone. The move is a timeline entry,
/// and the installed product's operational state follows its open cases.
/// Send the `ETag` you read as `If-Match`.
#[utoipa::path(
    tag = "cases",
    security(("bearer_jwt" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("If-Match" = String, Header, description = "The ETag of the case as last read"),
    ),
    request_body = MoveCaseStatusRequest,
    responses(
        (status = 200, body = CaseDetail, headers(("ETag" = String))),
        (status = 403, description = "Only the service organisation moves a status", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such case for this caller", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "Not a forward move (`invalid_status_transition`)", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 412, description = "The case changed since it was read", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/cases/{id}/status")]
pub async fn move_case_status(
    state: web::Data<AppState>,
    auth: AuthUser,
    req: HttpRequest,
    id: web::Path<uuid::Uuid>,
    body: web::Json<MoveCaseStatusRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = CaseId::from_uuid(id.into_inner());
    let row = crate::cases::authorized_case(&state, &auth, id, Action::MoveCaseStatus).await?;
    let expected = preconditions::expected_version(&req)?;
    let to = row
        .case
        .status
        .move_to(body.status.to_domain())
        .map_err(|e| ApiError::InvalidStatusTransition(e.to_string()))?;
    let note = CaseText::parse_optional(body.note.as_deref(), CaseText::DESCRIPTION_MAX)
        .map_err(|e| ApiError::from(vec![FieldProblem::text("note", e)]))?
        .map(CaseText::into_string);

    crate::cases::move_status(&state, &auth.user, &row, expected, to, note).await?;

    let detail = super::load_detail(&state, &auth, id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, preconditions::etag(detail.version)))
        .json(detail))
}

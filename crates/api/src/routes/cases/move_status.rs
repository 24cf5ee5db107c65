use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::preconditions;
use crate::routes::{AppData, IdPath, Reply};
use crate::wire::ToDomain;
use actix_web::{post, web, HttpResponse};
use api_types::{CaseDetail, MoveCaseStatusRequest};
use domain::{Action, CaseId, CaseText, FieldProblem};

/// Moves a case forward (service side only): New, In process, Fixed,
/// Closed; steps may be skipped, never undone. The move is a timeline entry,
/// and the installed product's operational state follows its open cases.
/// Send the `ETag` you read as `If-Match`.
#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        preconditions::IfMatch,
    ),
    request_body = MoveCaseStatusRequest,
    responses(
        (status = 200, body = CaseDetail, headers(("ETag" = String))),
        (status = 403, description = "Only the service organisation moves a status"),
        (status = 409, description = "Not a forward move (`invalid_status_transition`)"),
    )
)]
#[post("/cases/{id}/status")]
pub async fn move_case_status(
    state: AppData,
    auth: AuthUser,
    if_match: preconditions::IfMatch,
    id: IdPath,
    body: web::Json<MoveCaseStatusRequest>,
) -> Reply {
    let id = CaseId::from_uuid(id.into_inner());
    let (row, expected) =
        super::case_to_change(&state, &auth, id, Action::MoveCaseStatus, &if_match).await?;
    let to = row
        .case
        .status
        .move_to(body.status.to_domain())
        .map_err(|e| ApiError::InvalidStatusTransition(e.to_string()))?;
    let note = CaseText::parse_optional(body.note.as_deref(), CaseText::DESCRIPTION_MAX)
        .map_err(|e| ApiError::from(vec![FieldProblem::text("note", e)]))?
        .map(CaseText::into_string);

    crate::cases::move_status(&state, &auth.user, &row, expected, to, note).await?;

    super::detail_answer(&state, &auth, id, HttpResponse::Ok()).await
}

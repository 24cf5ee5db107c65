use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::preconditions;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{put, web, HttpResponse};
use api_types::{CaseDetail, WaitingForCustomerRequest};
use domain::{Action, CaseId, CaseText, FieldProblem};

/// The service side waits for the customer (`waiting: true`, with what it
/// asks in `note`: on the timeline and emailed), which stops the response
/// clock until the customer's next comment or file; or stops waiting
/// (`false`) because they answered another way, which starts it again.
/// Service side only; send the `ETag` you read as `If-Match`.
#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        preconditions::IfMatch,
    ),
    request_body = WaitingForCustomerRequest,
    responses(
        (status = 200, body = CaseDetail, headers(("ETag" = String))),
        (status = 403, description = "Only the service organisation waits for a customer"),
        (status = 409, description = "The case is closed (`case_closed`)"),
        (status = 422, description = "The note is too long"),
    )
)]
#[put("/cases/{id}/waiting-for-customer")]
pub async fn wait_for_customer(
    state: AppData,
    auth: AuthUser,
    if_match: preconditions::IfMatch,
    id: IdPath,
    body: web::Json<WaitingForCustomerRequest>,
) -> Reply {
    let id = CaseId::from_uuid(id.into_inner());
    let (row, expected) =
        super::case_to_change(&state, &auth, id, Action::WorkCaseQueue, &if_match).await?;
    if !row.case.status.is_open() {
        return Err(ApiError::CaseClosed);
    }
    let note = CaseText::parse_optional(body.note.as_deref(), CaseText::DESCRIPTION_MAX)
        .map_err(|e| ApiError::from(vec![FieldProblem::text("note", e)]))?
        .map(CaseText::into_string);
    crate::cases::wait_for_customer(&state, &auth.user, &row, expected, body.waiting, note).await?;
    super::detail_answer(&state, &auth, id, HttpResponse::Ok()).await
}

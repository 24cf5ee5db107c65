use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::identity::passwords::field_error;
use crate::routes::preconditions;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{put, web, HttpResponse};
use api_types::{AssignCaseRequest, CaseDetail, FieldErrorCode};
use domain::{Action, CaseId, Role, UserId};
use persistence::repositories::users;

/// Assigns the case to an engineer (an active Service user), or to nobody
/// with `null` (service side only). Customers see the engineer's name on the
/// case page. Send the `ETag` you read as `If-Match`.
#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        preconditions::IfMatch,
    ),
    request_body = AssignCaseRequest,
    responses(
        (status = 200, body = CaseDetail, headers(("ETag" = String))),
        (status = 403, description = "Only the service organisation assigns cases"),
        (status = 422, description = "`engineer_id` is not an active Service user (`not_an_engineer`)"),
    )
)]
#[put("/cases/{id}/assignee")]
pub async fn assign_case(
    state: AppData,
    auth: AuthUser,
    if_match: preconditions::IfMatch,
    id: IdPath,
    body: web::Json<AssignCaseRequest>,
) -> Reply {
    let id = CaseId::from_uuid(id.into_inner());
    let (row, expected) =
        super::case_to_change(&state, &auth, id, Action::WorkCaseQueue, &if_match).await?;
    let engineer = match body.engineer_id {
        None => None,
        Some(engineer) => Some(
            users::find_by_id(&state.db, UserId::from_uuid(engineer))
                .await?
                .filter(|u| u.role == Role::Service && u.active)
                .ok_or_else(|| {
                    ApiError::Validation(vec![field_error(
                        "engineer_id",
                        FieldErrorCode::NotAnEngineer,
                        "Assign the case to an active Service user.",
                    )])
                })?,
        ),
    };
    crate::cases::assign(&state, &auth.user, &row, expected, engineer.as_ref()).await?;
    super::detail_answer(&state, &auth, id, HttpResponse::Ok()).await
}

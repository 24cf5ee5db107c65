use crate::auth::AuthUser;
use crate::routes::preconditions;
use crate::routes::{answers, AppData, IdPath, Reply};
use actix_web::{put, web, HttpResponse};
use api_types::{EventPlanDto, PlannedEventDto};

/// Plans an event anew (service side): reschedule it, assign an engineer,
/// confirm, mark it done or cancel it. A new time or status replaces the
/// event in subscribed calendars; a new time clears the customer's answer.
/// Send the `ETag` you read as `If-Match`.
#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Event id"),
        preconditions::IfMatch,
    ),
    request_body = EventPlanDto,
    responses(
        (status = 200, body = PlannedEventDto, headers(("ETag" = String))),
        answers::ServiceOnly,
        (status = 422, description = "The end is not after the start or more than 31 days later (`planned_end`: `out_of_range`), the engineer is not an active Service user (`engineer_id`: `not_an_engineer`), or the case is of another product (`case_id`: `not_allowed`)"),
    )
)]
#[put("/planned-events/{id}")]
pub async fn replan_planned_event(
    state: AppData,
    auth: AuthUser,
    if_match: preconditions::IfMatch,
    id: IdPath,
    body: web::Json<EventPlanDto>,
) -> Reply {
    let expected = if_match.expected_version()?;
    let record =
        crate::planned_events::replan(&state, &auth, id.into_inner(), expected, &body).await?;
    Ok(super::answer_with(HttpResponse::Ok(), record, &auth))
}

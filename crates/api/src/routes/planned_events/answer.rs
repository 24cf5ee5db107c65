use crate::auth::AuthUser;
use crate::routes::{AppData, IdPath, Reply};
use crate::wire::ToDomain;
use actix_web::{post, web, HttpResponse};
use api_types::{AnswerEventRequest, PlannedEventDto};

/// The customer's answer to a tentative visit (User, Manager): accepted,
/// it is confirmed; declined, it stays tentative for the service side to
/// plan anew. The linked case's timeline gets the answer and the note.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Event id")),
    request_body = AnswerEventRequest,
    responses(
        (status = 200, body = PlannedEventDto, headers(("ETag" = String))),
        (status = 403, description = "Only a customer's Users and Managers answer (`forbidden`)"),
        (status = 409, description = "The event is not tentative (`conflict`)"),
        (status = 422, description = "The note is longer than 2,000 characters (`note`: `too_long`)"),
    )
)]
#[post("/planned-events/{id}/answer")]
pub async fn answer_planned_event(
    state: AppData,
    auth: AuthUser,
    id: IdPath,
    body: web::Json<AnswerEventRequest>,
) -> Reply {
    let note = body.note.as_deref();
    if note.is_some_and(|n| n.chars().count() > 2000) {
        return Err(crate::error::ApiError::Validation(vec![
            crate::identity::passwords::field_error(
                "note",
                api_types::FieldErrorCode::TooLong,
                "A note has at most 2,000 characters.",
            ),
        ]));
    }
    let answer = body.answer.to_domain();
    let record =
        crate::planned_events::answer(&state, &auth, id.into_inner(), answer, note).await?;
    Ok(super::answer_with(HttpResponse::Ok(), record, &auth))
}

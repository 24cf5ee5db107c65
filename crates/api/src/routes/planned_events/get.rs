use crate::auth::AuthUser;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{get, HttpResponse};
use api_types::PlannedEventDto;

/// One planned service event. One of a product the caller does not see
/// answers 404, exactly like a missing one.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Event id")),
    responses((status = 200, body = PlannedEventDto, headers(("ETag" = String, description = "The event's version"))))
)]
#[get("/planned-events/{id}")]
pub async fn get_planned_event(state: AppData, auth: AuthUser, id: IdPath) -> Reply {
    let record = crate::planned_events::find(&state, &auth, id.into_inner()).await?;
    Ok(super::answer_with(HttpResponse::Ok(), record, &auth))
}

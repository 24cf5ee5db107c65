use crate::auth::AuthUser;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::http::header;
use actix_web::{get, HttpResponse};

/// One planned event as an iCalendar file, to add to a calendar program
/// by hand; the same UID as in the feed, so the two do not duplicate.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Event id")),
    responses((status = 200, description = "The event", content_type = "text/calendar"))
)]
#[get("/planned-events/{id}/event.ics")]
pub async fn planned_event_ics(state: AppData, auth: AuthUser, id: IdPath) -> Reply {
    let record = crate::planned_events::find(&state, &auth, id.into_inner()).await?;
    let name = format!("{}.ics", record.product_number);
    let now = state.clock.now();
    let body = crate::calendar_feed::calendar(&[record], &auth.user, "Service visit", now);
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/calendar; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body))
}

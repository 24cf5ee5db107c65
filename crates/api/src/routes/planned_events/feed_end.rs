use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{AppData, Reply};
use actix_web::{delete, HttpResponse};
use persistence::repositories::planned_events;

/// Ends the caller's calendar feed: its URL stops working.
#[utoipa::path(
    responses(
        (status = 204, description = "Ended"),
        (status = 404, description = "The caller has no feed (`not_found`)"),
    )
)]
#[delete("/calendar/feed")]
pub async fn end_calendar_feed(state: AppData, auth: AuthUser) -> Reply {
    if !planned_events::delete_feed(&state.db, auth.user.id).await? {
        return Err(ApiError::NotFound);
    }
    Ok(HttpResponse::NoContent().finish())
}

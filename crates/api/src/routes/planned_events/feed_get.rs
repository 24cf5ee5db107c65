use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{AppData, Reply};
use actix_web::{get, HttpResponse};
use api_types::CalendarFeedDto;

/// The caller's private calendar feed: the URL to subscribe to in a
/// calendar program (and as a QR code for a phone). 404 when they have none.
#[utoipa::path(
    responses(
        (status = 200, body = CalendarFeedDto),
        (status = 404, description = "The caller has no feed (`not_found`)"),
    )
)]
#[get("/calendar/feed")]
pub async fn get_calendar_feed(state: AppData, auth: AuthUser) -> Reply {
    let (token, created_at) = crate::calendar_feed::current(&state, &auth.user)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(super::feed_dto(&state, &token, created_at)?))
}

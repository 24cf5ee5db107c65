use crate::auth::AuthUser;
use crate::routes::{AppData, Reply};
use actix_web::{post, HttpResponse};
use api_types::CalendarFeedDto;

/// Makes the caller's private calendar feed, or replaces it: the old URL
/// stops working at once (do this when it leaked).
#[utoipa::path(responses((status = 201, body = CalendarFeedDto)))]
#[post("/calendar/feed")]
pub async fn renew_calendar_feed(state: AppData, auth: AuthUser) -> Reply {
    let (token, created_at) = crate::calendar_feed::renew(&state, &auth.user).await?;
    Ok(HttpResponse::Created().json(super::feed_dto(&state, &token, created_at)?))
}

use crate::error::ApiError;
use crate::routes::{AppData, Reply};
use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::planned_events::{self, EventFilter};
use persistence::repositories::users;

/// A user's calendar feed (iCalendar, RFC 5545), for a calendar program to
/// poll: the planned events of the products they see, from 90 days back to
/// 400 days ahead, in their zone. The URL is the secret: no token is sent.
/// An ended or replaced feed, or one of a deactivated user, answers 404.
#[utoipa::path(
    params(("token" = String, Path, description = "The feed's secret")),
    security(()),
    responses(
        (status = 200, description = "The calendar", content_type = "text/calendar"),
        (status = 404, description = "No such feed (`not_found`)"),
    )
)]
#[get("/calendar/feeds/{token}")]
pub async fn calendar_feed(state: AppData, token: web::Path<String>) -> Reply {
    let owner = crate::calendar_feed::owner(&state, &token).await?;
    let user = match owner {
        Some(id) => users::find_by_id(&state.db, id).await?,
        None => None,
    };
    let user = user.filter(|u| u.active).ok_or(ApiError::NotFound)?;
    let now = state.clock.now();
    let range = EventFilter::between(
        now - chrono::Duration::days(crate::calendar_feed::FEED_PAST_DAYS),
        now + chrono::Duration::days(crate::calendar_feed::FEED_FUTURE_DAYS),
    );
    let visibility = AccountVisibility::of(&user);
    let limit = crate::calendar_feed::FEED_LIMIT;
    let events = planned_events::all_visible(&state.db, visibility, &range, limit).await?;
    let body = crate::calendar_feed::calendar(&events, &user, "Service visits", now);
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/calendar; charset=utf-8"))
        // Programs poll; nothing in between keeps a copy of someone's calendar.
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(body))
}

//! The calendar: planned service events, read by everyone who sees their
//! product, planned by the service side, answered by the customer.

pub mod answer;
pub mod create;
pub mod event_ics;
pub mod feed_end;
pub mod feed_get;
pub mod feed_ics;
pub mod feed_renew;
pub mod get;
pub mod list;
pub mod replan;

use crate::auth::AuthUser;
use crate::routes::preconditions;
use actix_web::http::header;
use actix_web::{HttpResponse, HttpResponseBuilder};
use persistence::repositories::planned_events::EventRecord;

crate::routes::handlers! {
    list::list_planned_events,
    create::create_planned_event,
    get::get_planned_event,
    replan::replan_planned_event,
    answer::answer_planned_event,
    event_ics::planned_event_ics,
    feed_get::get_calendar_feed,
    feed_renew::renew_calendar_feed,
    feed_end::end_calendar_feed,
    feed_ics::calendar_feed,
}

/// A feed as its owner reads it: the URL, and the URL as a QR code.
pub(crate) fn feed_dto(
    state: &crate::state::AppState,
    token: &str,
    created_at: chrono::DateTime<chrono::Utc>,
) -> Result<api_types::CalendarFeedDto, crate::error::ApiError> {
    let url = crate::calendar_feed::feed_url(state, token);
    Ok(api_types::CalendarFeedDto {
        qr_svg: crate::qr::svg(&url)?,
        url,
        created_at,
    })
}

/// The event as the caller reads it, with its version as the `ETag`.
pub(crate) fn answer_with(
    mut response: HttpResponseBuilder,
    record: EventRecord,
    auth: &AuthUser,
) -> HttpResponse {
    let event = crate::planned_events::dto(record, &auth.user);
    response
        .insert_header((header::ETAG, preconditions::etag(event.version)))
        .json(event)
}

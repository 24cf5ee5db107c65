//! Planned service events (`/planned-events`, the calendar) and the
//! caller's calendar feed (`/calendar/feed`).

use super::http::{url, Api, Call};
use super::Answer;
use crate::query::planned_event_query_pairs;
use api_types::{
    AnswerEventRequest, CalendarFeedDto, EventPlanDto, NewPlannedEventRequest, PlannedEventDto,
    PlannedEventPage, PlannedEventQuery, ProblemCode,
};
use std::fmt::Display;

list_endpoints! {
    /// `GET /planned-events`: one page of the events overlapping `from`..`to`
    /// (at most 400 days), earliest first.
    planned_events(PlannedEventQuery) -> PlannedEventPage = EVENTS_PATH, planned_event_query_pairs;
}

const EVENTS_PATH: &str = "/planned-events";
const FEED_PATH: &str = "/calendar/feed";

endpoints! {
    /// `GET /planned-events/{id}`.
    get planned_event(id: impl Display) -> PlannedEventDto = event_path(id);
    /// `POST /planned-events` (Service): plans an event on a product; 422
    /// names the fields the server refused (`planned_end`, `engineer_id`,
    /// `case_id`).
    post plan_event(request: &NewPlannedEventRequest) -> PlannedEventDto = EVENTS_PATH, request;
    /// `POST /planned-events/{id}/answer` (User, Manager): accept or decline
    /// a tentative event; 409 once it is no longer tentative.
    post answer_planned_event(id: impl Display, answer: &AnswerEventRequest) -> PlannedEventDto = format!("{}/answer", event_path(id)), answer;
    /// `POST /calendar/feed`: a new feed URL; an earlier one stops working.
    post_empty renew_calendar_feed() -> CalendarFeedDto = FEED_PATH;
    /// `DELETE /calendar/feed`: the feed URL stops working.
    delete end_calendar_feed() -> () = FEED_PATH;
}

impl Api {
    /// `PUT /planned-events/{id}` (Service) with `If-Match`: plans the event
    /// anew (another time, engineer or status; cancelled is a status); 412
    /// when it changed since `version` was read.
    pub async fn replan_event(
        self,
        id: impl Display,
        version: i32,
        plan: &EventPlanDto,
    ) -> Answer<PlannedEventDto> {
        self.json(Call::put(&event_path(id), plan)?.if_version(version))
            .await
    }

    /// `GET /calendar/feed`: the caller's feed, none (404) when they
    /// have none.
    pub async fn calendar_feed(self) -> Answer<Option<CalendarFeedDto>> {
        match self.get(FEED_PATH).await {
            Ok(feed) => Ok(Some(feed)),
            Err(err) if err.code() == Some(ProblemCode::NotFound) => Ok(None),
            Err(err) => Err(err),
        }
    }
}

fn event_path(id: impl Display) -> String {
    format!("{EVENTS_PATH}/{id}")
}

/// The API URL of one event as an iCalendar file (fetched with the token,
/// see `components/download.rs`).
pub fn event_ics_url(id: impl Display) -> String {
    url(&format!("{}/event.ics", event_path(id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_paths_embed_the_id() {
        assert_eq!(url(&event_path("e1")), "/api/v1/planned-events/e1");
        assert_eq!(url(EVENTS_PATH), "/api/v1/planned-events");
        assert_eq!(event_ics_url("e1"), "/api/v1/planned-events/e1/event.ics");
        assert_eq!(url(FEED_PATH), "/api/v1/calendar/feed");
    }
}

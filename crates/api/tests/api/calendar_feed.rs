//! The private calendar feed: a user's planned events as iCalendar, read
//! back with a parser, in their zone across a daylight-saving change;
//! replaced or ended, the old URL answers 404.

use crate::visits::{self, planned, utc};
use api_types::{CalendarFeedDto, EventPlanDto, EventStatusDto, PlannedEventDto};
use chrono::{DateTime, Utc};
use icalendar::{CalendarComponent, Component};
use reqwest::Method;
use std::sync::Arc;
use test_support::{expect_json, ManualClock, TestApp};

/// The portal on 1 March 2027, four weeks before Amsterdam's clocks move.
async fn app() -> TestApp {
    let clock = ManualClock::starting_now();
    let now = clock.as_ref() as &dyn domain::Clock;
    clock.advance(utc(2027, 3, 1, 9, 0) - now.now());
    TestApp::spawn_with_clock(clock as Arc<dyn domain::Clock>, |_| {})
        .await
        .unwrap()
}

fn plan(start: DateTime<Utc>, end: DateTime<Utc>) -> EventPlanDto {
    visits::plan(EventStatusDto::Confirmed, start, end)
}

async fn new_feed(app: &TestApp, user: &str) -> CalendarFeedDto {
    let token = app.tokens_for(user).await.access_token;
    expect_json(app.post("/api/v1/calendar/feed", &token).await, 201).await
}

/// The feed as a calendar program reads it: without a token.
async fn read(app: &TestApp, feed: &CalendarFeedDto) -> reqwest::Response {
    let path = &feed.url[feed.url.find("/api/v1/").unwrap()..];
    app.send_anonymous(Method::GET, path).await
}

async fn fetched(app: &TestApp, feed: &CalendarFeedDto) -> icalendar::Calendar {
    let response = read(app, feed).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    response.text().await.unwrap().parse().unwrap()
}

fn event(calendar: &icalendar::Calendar, id: uuid::Uuid) -> Option<&icalendar::Event> {
    let uid = format!("{id}@csportal");
    calendar.components.iter().find_map(|c| match c {
        CalendarComponent::Event(e) if e.get_uid() == Some(uid.as_str()) => Some(e),
        _ => None,
    })
}

#[tokio::test]
async fn a_feed_holds_the_users_visits_in_amsterdam_time_with_the_zones_definition() {
    let app = app().await;
    // 28 March 2027: Amsterdam's clocks go from 02:00 to 03:00 (01:00 UTC).
    let visit = planned(
        &app,
        "IP-40010001",
        plan(utc(2027, 3, 28, 0, 30), utc(2027, 3, 28, 2, 30)),
    )
    .await;
    let feed = new_feed(&app, "nl.manager").await;
    assert!(feed.qr_svg.starts_with("<?xml") || feed.qr_svg.contains("<svg"));
    let feed_calendar = fetched(&app, &feed).await;
    let e = event(&feed_calendar, visit.id).expect("the visit is in the feed");
    let start = e.property_value("DTSTART").unwrap();
    assert_eq!(start, "20270328T013000");
    let start = e.properties().get("DTSTART").unwrap();
    assert_eq!(
        start.params().get("TZID").map(|p| p.value()),
        Some("Europe/Amsterdam")
    );
    assert_eq!(e.property_value("DTEND"), Some("20270328T043000"));
    assert_eq!(
        e.get_summary(),
        Some("Preventief onderhoud: IP-40010001 Ingenia Elition 3.0T")
    );
    // The zone is defined in the feed: standard time, then summer time from
    // 02:00 local on the 28th.
    let zone = feed_calendar
        .components
        .iter()
        .find_map(|c| match c {
            CalendarComponent::Other(o) if o.component_kind() == "VTIMEZONE" => Some(o),
            _ => None,
        })
        .expect("a VTIMEZONE");
    assert_eq!(zone.property_value("TZID"), Some("Europe/Amsterdam"));
    let summer = zone
        .components()
        .iter()
        .find(|c| c.component_kind() == "DAYLIGHT")
        .expect("the change to summer time");
    assert_eq!(summer.property_value("DTSTART"), Some("20270328T020000"));
    assert_eq!(summer.property_value("TZOFFSETFROM"), Some("+0100"));
    assert_eq!(summer.property_value("TZOFFSETTO"), Some("+0200"));
    // Another customer's feed does not hold it.
    let theirs = new_feed(&app, "dk.manager").await;
    assert!(event(&fetched(&app, &theirs).await, visit.id).is_none());
}

#[tokio::test]
async fn a_rescheduled_visit_grows_its_sequence_and_a_cancelled_one_says_so() {
    let app = app().await;
    let visit = planned(
        &app,
        "IP-40010002",
        plan(utc(2027, 4, 6, 7, 0), utc(2027, 4, 6, 9, 0)),
    )
    .await;
    let feed = new_feed(&app, "nl.manager").await;
    let sequence = |c: &icalendar::Calendar| {
        event(c, visit.id)
            .unwrap()
            .property_value("SEQUENCE")
            .map(str::to_owned)
    };
    assert_eq!(sequence(&fetched(&app, &feed).await).as_deref(), Some("0"));

    let service = app.tokens_for("service").await.access_token;
    let path = format!("/api/v1/planned-events/{}", visit.id);
    let moved = plan(utc(2027, 4, 7, 7, 0), utc(2027, 4, 7, 9, 0));
    let response = app
        .send_json_if_match(Method::PUT, &path, &service, visit.version, &moved)
        .await;
    let moved_visit: PlannedEventDto = expect_json(response, 200).await;
    let after = fetched(&app, &feed).await;
    assert_eq!(sequence(&after).as_deref(), Some("1"));
    assert_eq!(
        event(&after, visit.id).unwrap().property_value("DTSTART"),
        Some("20270407T090000")
    );

    let cancelled = EventPlanDto {
        status: EventStatusDto::Cancelled,
        ..moved
    };
    let response = app
        .send_json_if_match(
            Method::PUT,
            &path,
            &service,
            moved_visit.version,
            &cancelled,
        )
        .await;
    assert_eq!(response.status(), 200);
    let after = fetched(&app, &feed).await;
    assert_eq!(sequence(&after).as_deref(), Some("2"));
    assert_eq!(
        event(&after, visit.id).unwrap().get_status(),
        Some(icalendar::EventStatus::Cancelled)
    );
}

#[tokio::test]
async fn a_replaced_or_ended_feed_stops_working_and_the_current_one_is_shown_again() {
    let app = app().await;
    let token = app.tokens_for("nl.user").await.access_token;
    assert_eq!(app.get("/api/v1/calendar/feed", &token).await.status(), 404);
    let first = new_feed(&app, "nl.user").await;
    let shown: CalendarFeedDto = app.get_json("/api/v1/calendar/feed", &token).await;
    assert_eq!(shown.url, first.url);
    let second = new_feed(&app, "nl.user").await;
    assert_ne!(second.url, first.url);
    assert_eq!(read(&app, &first).await.status(), 404);
    assert_eq!(read(&app, &second).await.status(), 200);
    let ended = app
        .client
        .delete(app.url("/api/v1/calendar/feed"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(ended.status(), 204);
    assert_eq!(read(&app, &second).await.status(), 404);
}

#[tokio::test]
async fn one_visit_downloads_as_an_ics_file_with_the_feeds_uid() {
    let app = app().await;
    let visit = planned(
        &app,
        "IP-40010001",
        plan(utc(2027, 5, 4, 7, 0), utc(2027, 5, 4, 9, 0)),
    )
    .await;
    let token = app.tokens_for("nl.manager").await.access_token;
    let path = format!("/api/v1/planned-events/{}/event.ics", visit.id);
    let response = app.get(&path, &token).await;
    assert_eq!(response.status(), 200);
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.contains("IP-40010001.ics"), "{disposition}");
    let calendar: icalendar::Calendar = response.text().await.unwrap().parse().unwrap();
    assert!(event(&calendar, visit.id).is_some());
    let dk = app.tokens_for("dk.manager").await.access_token;
    assert_eq!(app.get(&path, &dk).await.status(), 404);
}

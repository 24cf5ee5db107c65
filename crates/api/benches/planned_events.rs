//! The calendar at 200,000 planned events (over 20,000 more products): a
//! month, a week and one product's year through the whole API (HTTP, auth,
//! tenancy, names, JSON), and the iCalendar feed of the whole account (up
//! to its 5,000 events), each beside its count and page SQL run raw on the
//! same pool in the same process.
//!
//!     cargo bench -p api --bench planned_events                      (SQLite)
//!     TEST_DATABASE_URL=postgres://... cargo bench -p api --bench planned_events
//!
//! BENCH_EVENTS overrides the 200,000.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use chrono::{Duration, Utc};
use persistence::raw_sql;
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::installed_products::PageRequest;
use persistence::repositories::planned_events::EventFilter;
use std::time::Instant;
use test_support::TestApp;

fn main() {
    common::run_on_two_workers(run());
}

async fn run() {
    let events = common::env_u64("BENCH_EVENTS", 200_000);
    let app = TestApp::spawn().await.unwrap();
    let backend = app.db.backend();
    let started = Instant::now();
    persistence::seed::scale(&app.db, 20_000).await.unwrap();
    let total = persistence::seed::scale_events(&app.db, events)
        .await
        .unwrap();
    println!(
        "{backend:?}: {total} planned events over 20,000 more products seeded in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let token = app.tokens_for("nl.manager").await.access_token;
    let visibility = AccountVisibility::ParentAccount(app.demo.dutch.parent.id);
    let now = Utc::now();
    let product = app.demo.product("IP-40010001").id;
    let range = |days: i64| (now, now + Duration::days(days));
    let path = |(from, to): (chrono::DateTime<Utc>, chrono::DateTime<Utc>), extra: &str| {
        format!(
            "/api/v1/planned-events?from={}&to={}&page_size=200{extra}",
            from.format("%Y-%m-%dT%H:%M:%SZ"),
            to.format("%Y-%m-%dT%H:%M:%SZ"),
        )
    };
    let raw = |(from, to), product| {
        let filter = EventFilter {
            product,
            ..EventFilter::between(from, to)
        };
        let page = PageRequest {
            page: 1,
            page_size: 200,
        };
        raw_sql::planned_event_list(&app.db, visibility, &filter, page)
    };
    // The manager's feed: every event of the parent account from 90 days
    // back to 400 ahead, as iCalendar.
    let feed: api_types::CalendarFeedDto =
        test_support::expect_json(app.post("/api/v1/calendar/feed", &token).await, 201).await;
    let feed_path = feed.url[feed.url.find("/api/v1/").unwrap()..].to_owned();
    let feed_raw = {
        let filter = EventFilter::between(
            now - Duration::days(api::calendar_feed::FEED_PAST_DAYS),
            now + Duration::days(api::calendar_feed::FEED_FUTURE_DAYS),
        );
        let page = PageRequest {
            page: 1,
            page_size: api::calendar_feed::FEED_LIMIT as u32,
        };
        raw_sql::planned_event_list(&app.db, visibility, &filter, page)
    };
    let scenarios = [
        common::Scenario {
            name: "a month (first 200)",
            path: path(range(31), ""),
            raw: raw(range(31), None),
        },
        common::Scenario {
            name: "a week",
            path: path(range(7), ""),
            raw: raw(range(7), None),
        },
        common::Scenario {
            name: "one product's year",
            path: path(
                range(365),
                &format!("&installed_product={}", product.as_uuid()),
            ),
            raw: raw(range(365), Some(product)),
        },
        common::Scenario {
            name: "the account's iCalendar feed",
            path: feed_path,
            raw: feed_raw,
        },
    ];
    common::compare(&app, &token, &scenarios).await;
}

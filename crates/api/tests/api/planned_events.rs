//! The calendar: the service side plans visits on installed products, the
//! customers whose products they are see them (another customer's answer
//! 404), by time range, in their own zone, and answer tentative ones.

use crate::visits::{self, planned, utc};
use api_types::{
    AnswerEventRequest, CustomerResponseDto, EngineerList, EventPlanDto, EventStatusDto,
    NewPlannedEventRequest, PlannedEventDto, PlannedEventPage, ProblemCode,
};
use chrono::{DateTime, Utc};
use reqwest::Method;
use test_support::{expect_json, expect_problem, expect_problem_code, TestApp};

fn plan(start: DateTime<Utc>, end: DateTime<Utc>) -> EventPlanDto {
    visits::plan(EventStatusDto::Tentative, start, end)
}

async fn in_range(app: &TestApp, user: &str, from: &str, to: &str) -> Vec<PlannedEventDto> {
    let token = app.tokens_for(user).await.access_token;
    let path = format!("/api/v1/planned-events?from={from}&to={to}");
    let page: PlannedEventPage = app.get_json(&path, &token).await;
    page.items
}

#[tokio::test]
async fn a_planned_visit_shows_in_its_customers_calendar_range_and_is_another_customers_404() {
    let app = TestApp::spawn().await.unwrap();
    let event = planned(
        &app,
        "IP-40010001",
        plan(utc(2026, 5, 12, 7, 0), utc(2026, 5, 12, 11, 0)),
    )
    .await;
    assert_eq!(event.installed_product.number, "IP-40010001");
    assert_eq!(event.status, EventStatusDto::Tentative);

    let may = ("2026-05-01T00:00:00Z", "2026-06-01T00:00:00Z");
    let seen = in_range(&app, "nl.manager", may.0, may.1).await;
    assert_eq!(seen.iter().map(|e| e.id).collect::<Vec<_>>(), [event.id]);
    // A range that ends as the visit starts does not hold it.
    assert!(in_range(
        &app,
        "nl.manager",
        "2026-05-01T00:00:00Z",
        "2026-05-12T07:00:00Z"
    )
    .await
    .is_empty());
    assert!(in_range(&app, "dk.manager", may.0, may.1).await.is_empty());
    let dk = app.tokens_for("dk.manager").await.access_token;
    let theirs = app
        .get(&format!("/api/v1/planned-events/{}", event.id), &dk)
        .await;
    expect_problem_code(theirs, 404, ProblemCode::NotFound).await;
    // Only the service side plans.
    let manager = app.tokens_for("nl.manager").await.access_token;
    let body = NewPlannedEventRequest {
        installed_product_id: app.demo.product("IP-40010001").id.as_uuid(),
        plan: plan(utc(2026, 5, 13, 7, 0), utc(2026, 5, 13, 8, 0)),
    };
    let refused = app
        .post_json("/api/v1/planned-events", &manager, &body)
        .await;
    expect_problem_code(refused, 403, ProblemCode::Forbidden).await;
}

#[tokio::test]
async fn visits_across_the_dst_changes_read_in_amsterdam_time_and_fall_in_their_local_days() {
    let app = TestApp::spawn().await.unwrap();
    // 29 March 2026: clocks go from 02:00 to 03:00 in Amsterdam (01:00 UTC).
    let spring = planned(
        &app,
        "IP-40010001",
        plan(utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 2, 30)),
    )
    .await;
    // 25 October 2026: clocks go from 03:00 back to 02:00 (01:00 UTC).
    let autumn = planned(
        &app,
        "IP-40010001",
        plan(utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30)),
    )
    .await;
    let manager = app.tokens_for("nl.manager").await.access_token;
    let read = |e: &PlannedEventDto| format!("/api/v1/planned-events/{}", e.id);
    let spring: PlannedEventDto = app.get_json(&read(&spring), &manager).await;
    assert_eq!(spring.when, "29-03-2026 01:30 – 04:30 (Europe/Amsterdam)");
    let autumn: PlannedEventDto = app.get_json(&read(&autumn), &manager).await;
    assert_eq!(autumn.when, "25-10-2026 02:30 – 02:30 (Europe/Amsterdam)");
    // The local day 29 March runs 23:00 UTC the day before to 22:00 UTC.
    let day = in_range(
        &app,
        "nl.manager",
        "2026-03-28T23:00:00Z",
        "2026-03-29T22:00:00Z",
    )
    .await;
    assert_eq!(day.len(), 1);
    let next_day = in_range(
        &app,
        "nl.manager",
        "2026-03-29T22:00:00Z",
        "2026-03-30T22:00:00Z",
    )
    .await;
    assert!(next_day.is_empty());
    // The local day 25 October lasts 25 hours: 22:00 UTC to 23:00 UTC.
    let long_day = in_range(
        &app,
        "nl.manager",
        "2026-10-24T22:00:00Z",
        "2026-10-25T23:00:00Z",
    )
    .await;
    assert_eq!(long_day.len(), 1);
}

#[tokio::test]
async fn a_customer_accepts_a_tentative_visit_which_is_confirmed_and_noted_on_its_case() {
    let app = TestApp::spawn().await.unwrap();
    let manager = app.tokens_for("nl.manager").await.access_token;
    let case = app.case("IP-40010001").create(&manager).await;
    let mut visit = plan(utc(2026, 6, 2, 7, 0), utc(2026, 6, 2, 9, 0));
    visit.case_id = Some(case.summary.id);
    let event = planned(&app, "IP-40010001", visit).await;
    let path = format!("/api/v1/planned-events/{}/answer", event.id);
    let accept = AnswerEventRequest {
        answer: CustomerResponseDto::Accepted,
        note: Some("The room is free from 08:30.".into()),
    };
    // A Viewer sees the visit but does not answer for the hospital.
    let viewer = app.tokens_for("nl.viewer").await.access_token;
    let refused = app.post_json(&path, &viewer, &accept).await;
    expect_problem_code(refused, 403, ProblemCode::Forbidden).await;

    let answered: PlannedEventDto =
        expect_json(app.post_json(&path, &manager, &accept).await, 200).await;
    assert_eq!(answered.status, EventStatusDto::Confirmed);
    assert_eq!(
        answered.customer_response,
        Some(CustomerResponseDto::Accepted)
    );
    let timeline = app.get_case(&manager, &case).await.activities;
    let note = timeline.iter().rev().find_map(|a| a.text.clone()).unwrap();
    assert!(
        note.starts_with("Accepted the planned visit of 02-06-2026 09:00 – 11:00"),
        "{note}"
    );
    assert!(note.ends_with("The room is free from 08:30."), "{note}");
    // A confirmed visit is not answered again.
    let again = app.post_json(&path, &manager, &accept).await;
    expect_problem_code(again, 409, ProblemCode::Conflict).await;
}

#[tokio::test]
async fn a_reschedule_needs_the_version_read_and_clears_the_customers_answer() {
    let app = TestApp::spawn().await.unwrap();
    let event = planned(
        &app,
        "IP-40010002",
        plan(utc(2026, 7, 1, 7, 0), utc(2026, 7, 1, 9, 0)),
    )
    .await;
    let manager = app.tokens_for("nl.manager").await.access_token;
    let decline = AnswerEventRequest {
        answer: CustomerResponseDto::Declined,
        note: None,
    };
    let answer_path = format!("/api/v1/planned-events/{}/answer", event.id);
    let declined: PlannedEventDto =
        expect_json(app.post_json(&answer_path, &manager, &decline).await, 200).await;
    assert_eq!(declined.status, EventStatusDto::Tentative);
    assert_eq!(
        declined.customer_response,
        Some(CustomerResponseDto::Declined)
    );

    let service = app.tokens_for("service").await.access_token;
    let engineers: EngineerList = app.get_json("/api/v1/service/engineers", &service).await;
    let mut moved = plan(utc(2026, 7, 3, 7, 0), utc(2026, 7, 3, 9, 0));
    moved.engineer_id = Some(engineers.items[0].id);
    let path = format!("/api/v1/planned-events/{}", event.id);
    let stale = app
        .send_json_if_match(Method::PUT, &path, &service, event.version, &moved)
        .await;
    expect_problem_code(stale, 412, ProblemCode::PreconditionFailed).await;
    let response = app
        .send_json_if_match(Method::PUT, &path, &service, declined.version, &moved)
        .await;
    let rescheduled: PlannedEventDto = expect_json(response, 200).await;
    assert_eq!(rescheduled.planned_start, utc(2026, 7, 3, 7, 0));
    assert_eq!(rescheduled.customer_response, None);
    assert_eq!(
        rescheduled.engineer.as_deref(),
        Some(engineers.items[0].display_name.as_str())
    );
}

#[tokio::test]
async fn a_plan_that_ends_before_it_starts_or_names_a_customer_as_engineer_is_refused() {
    let app = TestApp::spawn().await.unwrap();
    let service = app.tokens_for("service").await.access_token;
    let me: api_types::MeResponse = app
        .get_json(
            "/api/v1/me",
            &app.tokens_for("nl.manager").await.access_token,
        )
        .await;
    let mut wrong = plan(utc(2026, 7, 1, 9, 0), utc(2026, 7, 1, 7, 0));
    wrong.engineer_id = Some(me.id);
    let body = NewPlannedEventRequest {
        installed_product_id: app.demo.product("IP-40010001").id.as_uuid(),
        plan: wrong,
    };
    let problem = expect_problem(
        app.post_json("/api/v1/planned-events", &service, &body)
            .await,
        422,
    )
    .await;
    let fields: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["planned_end", "engineer_id"]);
    let manager = app.tokens_for("nl.manager").await.access_token;
    app.expect_invalid_queries(
        "/api/v1/planned-events",
        &manager,
        &[
            "from=2026-01-01T00:00:00Z&to=2027-03-01T00:00:00Z",
            "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
            "to=2026-01-01T00:00:00Z",
        ],
    )
    .await;
}

#[tokio::test]
async fn the_engineer_of_a_visit_is_emailed_the_customers_answer_and_note() {
    let (app, sink, _clock) = TestApp::spawn_with_mail_on_manual_clock().await.unwrap();
    let service = app.tokens_for("service").await.access_token;
    let engineers: EngineerList = app.get_json("/api/v1/service/engineers", &service).await;
    let me: api_types::MeResponse = app.get_json("/api/v1/me", &service).await;
    let engineer = engineers.items.iter().find(|e| e.id == me.id).unwrap();
    let mut visit = plan(utc(2027, 2, 2, 8, 0), utc(2027, 2, 2, 10, 0));
    visit.engineer_id = Some(engineer.id);
    let event = planned(&app, "IP-40010001", visit).await;
    let manager = app.tokens_for("nl.manager").await.access_token;
    let decline = AnswerEventRequest {
        answer: CustomerResponseDto::Declined,
        note: Some("Thursday morning suits better.".into()),
    };
    let path = format!("/api/v1/planned-events/{}/answer", event.id);
    expect_json::<PlannedEventDto>(app.post_json(&path, &manager, &decline).await, 200).await;
    let mails = app.deliver_mail(&sink, 1).await;
    let mail = mails
        .iter()
        .find(|m| m.to.iter().any(|t| t == &me.email))
        .expect("an email to the visit's engineer");
    assert!(
        mail.subject().starts_with("Visit declined: IP-40010001"),
        "{}",
        mail.subject()
    );
    assert!(mail.body().contains("Anna de Vries"), "{}", mail.body());
    assert!(
        mail.body().contains("Thursday morning suits better."),
        "{}",
        mail.body()
    );
}

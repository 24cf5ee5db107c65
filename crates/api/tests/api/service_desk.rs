use api_types::{
    ActivityKindDto, AssignCaseRequest, CaseContactDto, CaseDetail, CaseOriginDto, CaseStatusDto,
    EngineerList, FieldErrorCode, MeResponse, ProblemCode, QueueCaseDto, QueuePage,
    WaitingForCustomerRequest,
};
use chrono::Duration;
use reqwest::Method;
use std::sync::Arc;
use test_support::builders::activity;
use test_support::{expect_json, expect_problem_code, ManualClock, TestApp};

const NL_CT: &str = "IP-40010002";
const DK_CT: &str = "IP-40020002";
/// The service desk's queue of open cases.
const QUEUE: &str = "/api/v1/service/queue";

async fn app_on_clock() -> (TestApp, Arc<ManualClock>) {
    let clock = ManualClock::starting_now();
    let app = TestApp::spawn_with_clock(clock.clone(), |_| {})
        .await
        .unwrap();
    (app, clock)
}

async fn token(app: &TestApp, username: &str) -> String {
    app.tokens_for(username).await.access_token
}

/// A case on `product` with `priority`, logged by `username`.
async fn logged_by(app: &TestApp, username: &str, product: &str, priority: u8) -> CaseDetail {
    let token = token(app, username).await;
    app.case(product).priority(priority).create(&token).await
}

async fn queue(app: &TestApp, token: &str, filter: &str) -> Vec<QueueCaseDto> {
    let page: QueuePage = app
        .get_json(&format!("{QUEUE}?page_size=200{filter}"), token)
        .await;
    page.items
}

/// The rows of `cases`, in the queue's order.
fn rows_of(items: &[QueueCaseDto], cases: &[&CaseDetail]) -> Vec<QueueCaseDto> {
    items
        .iter()
        .filter(|row| cases.iter().any(|c| c.summary.id == row.summary.id))
        .cloned()
        .collect()
}

fn row(items: &[QueueCaseDto], case: &CaseDetail) -> Option<QueueCaseDto> {
    rows_of(items, &[case]).pop()
}

async fn put(
    app: &TestApp,
    token: &str,
    case: &CaseDetail,
    what: &str,
    body: &impl serde::Serialize,
) -> reqwest::Response {
    let path = format!("/api/v1/cases/{}/{what}", case.summary.id);
    app.send_json_if_match(Method::PUT, &path, token, case.version, body)
        .await
}

async fn the_engineer(app: &TestApp, service: &str) -> uuid::Uuid {
    let engineers: EngineerList = app.get_json("/api/v1/service/engineers", service).await;
    assert_eq!(engineers.items.len(), 1, "{engineers:?}");
    assert_eq!(
        engineers.items[0].display_name,
        "Sam Service (service organisation)"
    );
    engineers.items[0].id
}

#[tokio::test]
async fn the_queue_holds_every_customers_open_cases_most_urgent_first_against_their_targets() {
    let (app, clock) = app_on_clock().await;
    // Tokens last 15 minutes on the moved clock: each step signs in anew.
    let intermittent = logged_by(&app, "nl.user", NL_CT, 4).await;
    clock.advance(Duration::minutes(10));
    let danish_down = logged_by(&app, "dk.user", DK_CT, 2).await;
    clock.advance(Duration::minutes(10));
    let dutch_down = logged_by(&app, "nl.user", NL_CT, 2).await;
    clock.advance(Duration::hours(3) + Duration::minutes(55));
    let service = token(&app, "service").await;

    let items = queue(&app, &service, "").await;
    let mine = rows_of(&items, &[&intermittent, &danish_down, &dutch_down]);
    let order: Vec<_> = mine.iter().map(|r| r.summary.id).collect();
    assert_eq!(
        order,
        [
            danish_down.summary.id,
            dutch_down.summary.id,
            intermittent.summary.id
        ],
        "priority first, then the longest waiting"
    );
    // Priority 2 is answered within 4 hours: the Danish case waited 4h05.
    assert_eq!(mine[0].response_target_minutes, 240);
    assert_eq!(mine[0].waited_minutes, Some(245));
    assert!(mine[0].target_missed);
    assert_eq!(mine[1].waited_minutes, Some(235));
    assert!(!mine[1].target_missed);
    assert!(!mine[2].target_missed, "priority 4 has days");
    assert_eq!(
        mine[0].parent_account.id,
        app.demo.danish.parent.id.as_uuid()
    );
    assert_eq!(mine[0].summary.account.name, "Nordkyst Hospital");

    // Filters: a customer, a market, a priority, the age.
    let danish = format!("&parent_account={}", app.demo.danish.parent.id);
    let only =
        |items: Vec<QueueCaseDto>| rows_of(&items, &[&intermittent, &danish_down, &dutch_down]);
    let ids = |rows: Vec<QueueCaseDto>| rows.iter().map(|r| r.summary.id).collect::<Vec<_>>();
    assert_eq!(
        ids(only(queue(&app, &service, &danish).await)),
        [danish_down.summary.id]
    );
    assert_eq!(
        ids(only(queue(&app, &service, "&country=dk").await)),
        [danish_down.summary.id]
    );
    assert_eq!(
        ids(only(queue(&app, &service, "&priority=4").await)),
        [intermittent.summary.id]
    );
    assert_eq!(
        ids(only(queue(&app, &service, "&older_than_hours=4").await)),
        [danish_down.summary.id, intermittent.summary.id]
    );
    let everyone = queue(&app, &service, "").await;
    assert!(everyone
        .iter()
        .all(|r| r.summary.status != CaseStatusDto::Closed));

    // Customers have no queue; bad filters are named.
    let manager = app.tokens_for("nl.manager").await.access_token;
    let refused = app.get(QUEUE, &manager).await;
    expect_problem_code(refused, 403, ProblemCode::Forbidden).await;
    let bad = [
        "priority=9",
        "country=Holland",
        "unassigned=true&assignee=00000000-0000-0000-0000-000000000001",
    ];
    app.expect_invalid_queries(QUEUE, &service, &bad).await;
}

#[tokio::test]
async fn an_engineer_is_assigned_and_the_customer_sees_who_handles_the_case() {
    let (app, _clock) = app_on_clock().await;
    let nl = app.tokens_for("nl.user").await.access_token;
    let service = app.tokens_for("service").await.access_token;
    let case = app.case(NL_CT).priority(2).create(&nl).await;
    let engineer = the_engineer(&app, &service).await;

    let unassigned = queue(&app, &service, "&unassigned=true").await;
    assert!(row(&unassigned, &case).is_some());

    // A customer cannot assign; nor is anyone but an active engineer assigned.
    let assign = AssignCaseRequest {
        engineer_id: Some(engineer),
    };
    let refused = put(&app, &nl, &case, "assignee", &assign).await;
    expect_problem_code(refused, 403, ProblemCode::Forbidden).await;
    let manager: MeResponse = app
        .get_json(
            "/api/v1/me",
            &app.tokens_for("nl.manager").await.access_token,
        )
        .await;
    let not_an_engineer = AssignCaseRequest {
        engineer_id: Some(manager.id),
    };
    let p = expect_problem_code(
        put(&app, &service, &case, "assignee", &not_an_engineer).await,
        422,
        ProblemCode::ValidationFailed,
    )
    .await;
    assert_eq!(p.errors[0].field, "engineer_id");
    assert_eq!(p.errors[0].code, FieldErrorCode::NotAnEngineer);

    let assigned: CaseDetail =
        expect_json(put(&app, &service, &case, "assignee", &assign).await, 200).await;
    assert_eq!(
        assigned.assigned_engineer.as_deref(),
        Some("Sam Service (service organisation)")
    );
    // The version moved: a second write with the old one is refused.
    let stale = put(
        &app,
        &service,
        &case,
        "assignee",
        &AssignCaseRequest { engineer_id: None },
    )
    .await;
    assert_eq!(stale.status(), 412);

    let seen = app.get_case(&nl, &case).await;
    assert_eq!(
        seen.assigned_engineer.as_deref(),
        Some("Sam Service (service organisation)")
    );
    let mine = queue(&app, &service, &format!("&assignee={engineer}")).await;
    let assigned_row = row(&mine, &case).expect("in the engineer's queue");
    assert_eq!(assigned_row.assigned_engineer.unwrap().id, engineer);
    assert!(row(&queue(&app, &service, "&unassigned=true").await, &case).is_none());
    // Assigning is the service's routing: the customer still waits.
    assert!(assigned_row.awaiting_response_since.is_some());
}

#[tokio::test]
async fn waiting_for_the_customer_stops_the_clock_until_they_answer() {
    let (app, sink, clock) = TestApp::spawn_with_mail_on_manual_clock().await.unwrap();
    let case = logged_by(&app, "nl.user", NL_CT, 3).await;
    clock.advance(Duration::minutes(20));
    let (nl, service) = (token(&app, "nl.user").await, token(&app, "service").await);

    let ask = WaitingForCustomerRequest {
        waiting: true,
        note: Some("Please send a photo of the coil connector".into()),
    };
    let refused = put(&app, &nl, &case, "waiting-for-customer", &ask).await;
    expect_problem_code(refused, 403, ProblemCode::Forbidden).await;
    let waiting: CaseDetail = expect_json(
        put(&app, &service, &case, "waiting-for-customer", &ask).await,
        200,
    )
    .await;
    assert!(waiting.waiting_for_customer);
    let asked = waiting.activities.last().unwrap();
    assert_eq!(asked.kind, ActivityKindDto::WaitingForCustomer);
    assert_eq!(asked.text.as_deref(), ask.note.as_deref());
    assert!(asked.from_service);
    // The one who logged it is asked by email, in their language.
    let mails = app.deliver_mail(&sink, 2).await;
    let asking = mails
        .iter()
        .find(|m| m.subject().contains("wacht op uw antwoord"))
        .expect("the waiting email");
    assert!(asking
        .body()
        .contains("Please send a photo of the coil connector"));

    // The customer sees the wait on their page; the clock has stopped.
    let seen = app.get_case(&nl, &case).await;
    assert!(seen.waiting_for_customer);
    clock.advance(Duration::days(2));
    let (nl, service) = (token(&app, "nl.user").await, token(&app, "service").await);
    let stopped = row(
        &queue(&app, &service, "&waiting_for_customer=true").await,
        &case,
    )
    .unwrap();
    assert_eq!(stopped.awaiting_response_since, None);
    assert_eq!(stopped.waited_minutes, None);
    assert!(!stopped.target_missed);

    // Their answer ends the wait and starts the clock from that moment.
    let comment = activity(ActivityKindDto::CustomerComment, "Photo follows by mail");
    assert_eq!(app.add_activity(&nl, &seen, &comment).await.status(), 201);
    clock.advance(Duration::minutes(5));
    let answered = app.get_case(&nl, &case).await;
    assert!(!answered.waiting_for_customer);
    let running = row(
        &queue(&app, &service, "&waiting_for_customer=false").await,
        &case,
    )
    .unwrap();
    assert_eq!(running.waited_minutes, Some(5));

    // The service's answer (a status move) stops it again.
    let moved = app
        .move_case_status(&service, &answered, CaseStatusDto::InProcess)
        .await;
    assert_eq!(moved.status(), 200);
    let answered_row = row(&queue(&app, &service, "").await, &case).unwrap();
    assert_eq!(answered_row.waited_minutes, None);
}

#[tokio::test]
async fn a_case_phoned_in_is_logged_by_the_service_side_with_origin_phone() {
    let (app, _clock) = app_on_clock().await;
    let service = app.tokens_for("service").await.access_token;
    let caller = CaseContactDto {
        name: Some("Dr. Ilse de Vries".into()),
        email: None,
        phone: Some("+31 20 555 0101".into()),
    };
    let logged = app
        .case(NL_CT)
        .priority(1)
        .description("CT gantry stopped during a trauma scan")
        .contact(caller.clone())
        .create(&service)
        .await;
    assert_eq!(logged.summary.origin, CaseOriginDto::Phone);
    assert_eq!(logged.critical_contact, None, "it was phoned in already");
    assert_eq!(logged.created_by, None);
    assert!(logged.activities[0].from_service);

    // The customer sees it, marked as phoned in.
    let nl = app.tokens_for("nl.user").await.access_token;
    let seen = app.get_case(&nl, &logged).await;
    assert_eq!(seen.summary.origin, CaseOriginDto::Phone);

    // Without the caller's number the engineer could not call back.
    let no_number = app
        .case(NL_CT)
        .contact(CaseContactDto {
            phone: None,
            ..caller
        })
        .build();
    let p = expect_problem_code(
        app.post_json("/api/v1/cases", &service, &no_number).await,
        422,
        ProblemCode::ValidationFailed,
    )
    .await;
    assert_eq!(p.errors[0].field, "contact.phone");
    // Portal support logs no cases.
    let admin = app.tokens_for("admin").await.access_token;
    let refused = app.post_json("/api/v1/cases", &admin, &no_number).await;
    expect_problem_code(refused, 403, ProblemCode::Forbidden).await;
}

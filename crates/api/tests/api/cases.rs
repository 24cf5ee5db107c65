use api_types::{
    ActivityKindDto, CaseDetail, CasePage, CaseStatusDto, ContactCentreDto, InstalledProductDetail,
    OperationalStateDto, ProblemCode, ProblemDetails,
};
use persistence::repositories::audit;
use serde_json::{json, Value};
use test_support::TestApp;

/// The Dutch CT at the main hospital (no open case in the demo data).
const NL_CT: &str = "IP-40010002";
/// A Danish product, invisible to the Dutch parent account.
const DK_CT: &str = "IP-40020002";

fn product_id(app: &TestApp, number: &str) -> String {
    app.demo.product(number).id.to_string()
}

async fn post(
    app: &TestApp,
    path: &str,
    token: &str,
    body: &Value,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut request = app.client.post(app.url(path)).bearer_auth(token).json(body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

async fn problem(response: reqwest::Response, status: u16) -> ProblemDetails {
    assert_eq!(response.status(), status);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    response.json().await.unwrap()
}

fn new_case(app: &TestApp, number: &str, priority: u8, description: &str) -> Value {
    json!({
        "installed_product_id": product_id(app, number),
        "priority": priority,
        "description": description,
    })
}

async fn create(app: &TestApp, token: &str, body: &Value) -> CaseDetail {
    let response = post(app, "/api/v1/cases", token, body, &[]).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 201, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn product_state(app: &TestApp, token: &str, number: &str) -> OperationalStateDto {
    let p: InstalledProductDetail = app
        .get_json(
            &format!("/api/v1/installed-products/{}", product_id(app, number)),
            token,
        )
        .await;
    p.operational_state
}

#[tokio::test]
async fn a_user_creates_a_case_and_gets_its_number_and_timeline_at_once() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let body = json!({
        "installed_product_id": product_id(&app, NL_CT),
        "priority": 4,
        "description": "Intermittent gradient noise during DWI scans\nStarts after 20 minutes.",
        "customer_reference": "RAD-2026-118",
        "contact": {"name": "Ilse de Vries", "email": "ilse@lindenhaven.example", "phone": "+31 20 555 0101"},
    });
    let response = post(&app, "/api/v1/cases", &token, &body, &[]).await;
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    let case: CaseDetail = response.json().await.unwrap();

    assert!(
        case.summary.number.starts_with("CS-") && case.summary.number.len() >= 14,
        "{}",
        case.summary.number
    );
    assert_eq!(location, format!("/api/v1/cases/{}", case.summary.id));
    assert_eq!(etag, "\"v1\"");
    assert_eq!(case.summary.status, CaseStatusDto::New);
    assert_eq!(
        case.summary.title,
        "Intermittent gradient noise during DWI scans"
    );
    assert_eq!(case.summary.installed_product.number, NL_CT);
    assert_eq!(case.contact.name.as_deref(), Some("Ilse de Vries"));
    assert_eq!(case.created_by.as_deref(), Some("Bram Jansen"));
    assert_eq!(case.activities.len(), 1);
    assert_eq!(case.activities[0].kind, ActivityKindDto::ProblemReported);
    assert!(case.critical_contact.is_none());

    // The same case through its own address, and in the audit log.
    let again: CaseDetail = app.get_json(&location, &token).await;
    assert_eq!(again, case);
    let entries = audit::for_entity(&app.db, "case", &case.summary.id.to_string())
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, "case.create");
    assert_eq!(
        entries[0].new_value.as_ref().unwrap()["number"],
        case.summary.number
    );
}

#[tokio::test]
async fn case_numbers_are_unique_and_increase() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.manager").await.access_token;
    let first = create(
        &app,
        &token,
        &new_case(&app, NL_CT, 5, "Planned coil check"),
    )
    .await;
    let second = create(
        &app,
        &token,
        &new_case(&app, NL_CT, 5, "Planned coil check 2"),
    )
    .await;
    assert_ne!(first.summary.number, second.summary.number);
    assert!(second.summary.number > first.summary.number);
}

#[tokio::test]
async fn a_viewer_may_not_create_a_case_and_another_parents_product_is_missing() {
    let app = TestApp::spawn().await.unwrap();
    let viewer = app.tokens_for("nl.viewer").await.access_token;
    let response = post(
        &app,
        "/api/v1/cases",
        &viewer,
        &new_case(&app, NL_CT, 3, "Noise"),
        &[],
    )
    .await;
    assert_eq!(problem(response, 403).await.code, ProblemCode::Forbidden);

    let user = app.tokens_for("nl.user").await.access_token;
    let response = post(
        &app,
        "/api/v1/cases",
        &user,
        &new_case(&app, DK_CT, 3, "Noise"),
        &[],
    )
    .await;
    assert_eq!(problem(response, 404).await.code, ProblemCode::NotFound);
}

#[tokio::test]
async fn invalid_fields_are_all_named_and_nothing_is_stored() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let body = json!({
        "installed_product_id": product_id(&app, NL_CT),
        "priority": 6,
        "description": "   ",
        "kind": "bench_repair",
        "contact": {"email": "not-an-address"},
    });
    let p = problem(post(&app, "/api/v1/cases", &token, &body, &[]).await, 422).await;
    assert_eq!(p.code, ProblemCode::ValidationFailed);
    let mut fields: Vec<&str> = p.errors.iter().map(|e| e.field.as_str()).collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        ["bench_repair", "contact.email", "description", "priority"]
    );
    let page: CasePage = app.get_json("/api/v1/cases?mine=true", &token).await;
    assert_eq!(page.total, 0);
}

#[tokio::test]
async fn a_description_with_patient_data_needs_a_confirmation() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let text = "Image artefacts for patient J. Jansen, date of birth 12-03-1954";
    let p = problem(
        post(
            &app,
            "/api/v1/cases",
            &token,
            &new_case(&app, NL_CT, 4, text),
            &[],
        )
        .await,
        422,
    )
    .await;
    assert_eq!(p.code, ProblemCode::PossiblePatientData);
    assert!(p.detail.contains("date of birth"), "{}", p.detail);

    let mut confirmed = new_case(&app, NL_CT, 4, text);
    confirmed["confirm_no_patient_data"] = json!(true);
    create(&app, &token, &confirmed).await;
}

#[tokio::test]
async fn a_retry_with_the_same_idempotency_key_returns_the_first_case() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let body = new_case(&app, NL_CT, 4, "Table does not move down");
    let key = [("Idempotency-Key", "0b6f2a0e-6f55-4bb3-9e0a-0d7c8f8e1c11")];
    let first = post(&app, "/api/v1/cases", &token, &body, &key).await;
    assert_eq!(first.status(), 201);
    let first: CaseDetail = first.json().await.unwrap();

    let retry = post(&app, "/api/v1/cases", &token, &body, &key).await;
    assert_eq!(retry.status(), 201);
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    let retry: CaseDetail = retry.json().await.unwrap();
    assert_eq!(retry.summary.number, first.summary.number);

    let page: CasePage = app.get_json("/api/v1/cases?mine=true", &token).await;
    assert_eq!(page.total, 1, "a retried create never makes two cases");

    let other_body = new_case(&app, NL_CT, 4, "Another problem");
    let p = problem(
        post(&app, "/api/v1/cases", &token, &other_body, &key).await,
        422,
    )
    .await;
    assert_eq!(p.code, ProblemCode::IdempotencyKeyReused);

    // Keys are per user: another user's identical key is a new request.
    let manager = app.tokens_for("nl.manager").await.access_token;
    let theirs = post(&app, "/api/v1/cases", &manager, &body, &key).await;
    assert_eq!(theirs.status(), 201);
    assert!(theirs.headers().get("idempotent-replayed").is_none());
}

#[tokio::test]
async fn concurrent_retries_make_one_case() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let body = new_case(&app, NL_CT, 4, "Concurrent retry");
    let key = [("Idempotency-Key", "7a4d2f7c-2f6b-4b9f-8d64-8e2f4c1b0a55")];
    let responses = futures_join(&app, &token, &body, &key).await;
    let mut statuses: Vec<u16> = responses.iter().map(|(s, _)| *s).collect();
    statuses.sort_unstable();
    // Each is either the first (201), a replay (201) or told to wait (409).
    assert!(
        statuses.iter().all(|s| *s == 201 || *s == 409),
        "{statuses:?}"
    );
    assert!(statuses.contains(&201));
    let numbers: std::collections::BTreeSet<String> = responses
        .iter()
        .filter(|(s, _)| *s == 201)
        .map(|(_, body)| {
            serde_json::from_str::<CaseDetail>(body)
                .unwrap()
                .summary
                .number
        })
        .collect();
    assert_eq!(numbers.len(), 1, "{numbers:?}");
    let page: CasePage = app.get_json("/api/v1/cases?mine=true", &token).await;
    assert_eq!(page.total, 1);
}

async fn futures_join(
    app: &TestApp,
    token: &str,
    body: &Value,
    headers: &[(&str, &str)],
) -> Vec<(u16, String)> {
    let send = || async {
        let response = post(app, "/api/v1/cases", token, body, headers).await;
        (response.status().as_u16(), response.text().await.unwrap())
    };
    let (a, b, c, d) = tokio::join!(send(), send(), send(), send());
    vec![a, b, c, d]
}

#[tokio::test]
async fn priority_one_names_the_contact_centre_of_the_products_country() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let centre: ContactCentreDto = app
        .get_json(
            &format!(
                "/api/v1/installed-products/{}/contact-centre",
                product_id(&app, NL_CT)
            ),
            &token,
        )
        .await;
    assert_eq!(centre.country, "NL");
    assert!(centre.phone.starts_with("+31"), "{}", centre.phone);

    let case = create(
        &app,
        &token,
        &new_case(&app, NL_CT, 1, "Magnet quench alarm"),
    )
    .await;
    assert_eq!(case.critical_contact, Some(centre));
    assert_eq!(
        product_state(&app, &token, NL_CT).await,
        OperationalStateDto::Critical
    );

    // Once closed, there is nothing left to phone in.
    let service = app.tokens_for("service").await.access_token;
    let closed: CaseDetail = move_status(&app, &service, &case, "closed")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(closed.critical_contact, None);
}

async fn move_status(
    app: &TestApp,
    token: &str,
    case: &CaseDetail,
    status: &str,
) -> reqwest::Response {
    let etag = format!("\"v{}\"", case.version);
    post(
        app,
        &format!("/api/v1/cases/{}/status", case.summary.id),
        token,
        &json!({ "status": status }),
        &[("If-Match", etag.as_str())],
    )
    .await
}

#[tokio::test]
async fn the_service_side_moves_status_forward_and_the_product_state_follows() {
    let app = TestApp::spawn().await.unwrap();
    let user = app.tokens_for("nl.user").await.access_token;
    let service = app.tokens_for("service").await.access_token;
    assert_eq!(
        product_state(&app, &user, NL_CT).await,
        OperationalStateDto::Up
    );
    let case = create(
        &app,
        &user,
        &new_case(&app, NL_CT, 2, "System does not boot"),
    )
    .await;
    assert_eq!(
        product_state(&app, &user, NL_CT).await,
        OperationalStateDto::Down
    );

    // Customers cannot move a status.
    let p = problem(move_status(&app, &user, &case, "fixed").await, 403).await;
    assert_eq!(p.code, ProblemCode::Forbidden);

    let response = move_status(&app, &service, &case, "in_process").await;
    assert_eq!(response.status(), 200);
    let in_process: CaseDetail = response.json().await.unwrap();
    assert_eq!(in_process.summary.status, CaseStatusDto::InProcess);
    let entry = in_process.activities.last().unwrap();
    assert_eq!(entry.kind, ActivityKindDto::StatusChanged);
    assert_eq!(entry.new_status, Some(CaseStatusDto::InProcess));
    assert!(entry.from_service);

    // A stale version is refused and changes nothing; so is a step back.
    let p = problem(move_status(&app, &service, &case, "fixed").await, 412).await;
    assert_eq!(p.code, ProblemCode::PreconditionFailed);
    let p = problem(move_status(&app, &service, &in_process, "new").await, 409).await;
    assert_eq!(p.code, ProblemCode::InvalidStatusTransition);

    let closed: CaseDetail = move_status(&app, &service, &in_process, "closed")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(closed.summary.status, CaseStatusDto::Closed);
    assert!(closed.summary.closed_at.is_some());
    assert!(!closed.open_for_customer_activity);
    assert_eq!(
        product_state(&app, &user, NL_CT).await,
        OperationalStateDto::Up
    );

    let actions: Vec<String> = audit::for_entity(&app.db, "case", &case.summary.id.to_string())
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        ["case.create", "case.status.move", "case.status.move"]
    );
}

#[tokio::test]
async fn customers_add_comments_and_tracking_numbers_until_the_case_is_closed() {
    let app = TestApp::spawn().await.unwrap();
    let user = app.tokens_for("nl.user").await.access_token;
    let viewer = app.tokens_for("nl.viewer").await.access_token;
    let service = app.tokens_for("service").await.access_token;
    let mut body = new_case(&app, NL_CT, 4, "Coil connector loose");
    body["kind"] = json!("bench_repair");
    body["bench_repair"] =
        json!({"part_description": "Head coil 32ch", "part_serial_number": "HC-3321"});
    let case = create(&app, &user, &body).await;
    assert_eq!(
        case.bench_repair.as_ref().unwrap().part_description,
        "Head coil 32ch"
    );
    let activities = format!("/api/v1/cases/{}/activities", case.summary.id);

    let response = post(
        &app,
        &activities,
        &user,
        &json!({"kind": "shipment_tracking", "carrier": "DHL", "tracking_number": "JD014600003828"}),
        &[],
    )
    .await;
    assert_eq!(response.status(), 201);
    let tracked: CaseDetail = response.json().await.unwrap();
    let entry = tracked.activities.last().unwrap();
    assert_eq!(entry.kind, ActivityKindDto::ShipmentTracking);
    assert_eq!(entry.tracking_number.as_deref(), Some("JD014600003828"));
    assert_eq!(tracked.version, case.version + 1);

    let comment = json!({"kind": "customer_comment", "text": "Shipped today"});
    let p = problem(post(&app, &activities, &viewer, &comment, &[]).await, 403).await;
    assert_eq!(p.code, ProblemCode::Forbidden);
    let remark = json!({"kind": "t2_activity", "text": "I am not the service side"});
    let p = problem(post(&app, &activities, &user, &remark, &[]).await, 403).await;
    assert_eq!(p.code, ProblemCode::Forbidden);
    let empty = json!({"kind": "shipment_tracking", "carrier": "DHL"});
    let p = problem(post(&app, &activities, &user, &empty, &[]).await, 422).await;
    assert_eq!(p.errors[0].field, "tracking_number");

    let closed: CaseDetail = move_status(&app, &service, &tracked, "closed")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(closed.summary.status, CaseStatusDto::Closed);
    let p = problem(post(&app, &activities, &user, &comment, &[]).await, 409).await;
    assert_eq!(p.code, ProblemCode::CaseClosed);
}

#[tokio::test]
async fn another_parent_accounts_case_is_missing_for_every_route() {
    let app = TestApp::spawn().await.unwrap();
    let dutch = app.tokens_for("nl.manager").await.access_token;
    let danish = app.tokens_for("dk.manager").await.access_token;
    let case = create(&app, &dutch, &new_case(&app, NL_CT, 4, "Dutch problem")).await;
    let path = format!("/api/v1/cases/{}", case.summary.id);

    assert_eq!(app.get(&path, &danish).await.status(), 404);
    let comment = json!({"kind": "customer_comment", "text": "Hello"});
    let response = post(&app, &format!("{path}/activities"), &danish, &comment, &[]).await;
    assert_eq!(problem(response, 404).await.code, ProblemCode::NotFound);
    let page: CasePage = app.get_json("/api/v1/cases", &danish).await;
    assert!(page.items.iter().all(|c| c.id != case.summary.id));
    let response = app
        .get(
            &format!(
                "/api/v1/installed-products/{}/contact-centre",
                product_id(&app, NL_CT)
            ),
            &danish,
        )
        .await;
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn lists_filter_sort_and_page() {
    let app = TestApp::spawn().await.unwrap();
    let user = app.tokens_for("nl.user").await.access_token;
    let manager = app.tokens_for("nl.manager").await.access_token;
    for (token, priority, text) in [
        (&user, 4, "Printer of the console jams"),
        (&user, 2, "Gantry stuck"),
        (&manager, 3, "Slow volumetric rendering"),
    ] {
        create(&app, token, &new_case(&app, NL_CT, priority, text)).await;
    }
    let before: CasePage = app.get_json("/api/v1/cases", &manager).await;
    let base = before.total;

    let mine: CasePage = app.get_json("/api/v1/cases?mine=true", &user).await;
    assert_eq!(mine.total, 2);
    assert_eq!(
        mine.items[0].title, "Gantry stuck",
        "newest first by default"
    );
    let by_priority: CasePage = app
        .get_json("/api/v1/cases?mine=true&sort=priority", &user)
        .await;
    assert_eq!(by_priority.items[0].priority, 2, "most urgent first");
    let found: CasePage = app.get_json("/api/v1/cases?q=VOLUMETRIC", &manager).await;
    assert_eq!(found.total, 1);
    let p2: CasePage = app.get_json("/api/v1/cases?priority=2", &manager).await;
    assert!(p2.items.iter().all(|c| c.priority == 2));
    let paged: CasePage = app
        .get_json("/api/v1/cases?page=2&page_size=2", &manager)
        .await;
    assert_eq!(paged.total, base);
    assert_eq!(paged.page, 2);
    assert!(paged.items.len() <= 2);
    let beyond: CasePage = app
        .get_json("/api/v1/cases?page=999&page_size=2", &manager)
        .await;
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, base);

    let response = app.get("/api/v1/cases?priority=9", &manager).await;
    assert_eq!(problem(response, 400).await.code, ProblemCode::InvalidQuery);
    let response = app.get("/api/v1/cases?status=reopened", &manager).await;
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn historical_cases_are_reached_on_purpose_only() {
    let app = TestApp::spawn().await.unwrap();
    let dutch = app.tokens_for("nl.manager").await.access_token;
    let historical = "Coil recognition fails on the knee coil";
    let generic: CasePage = app.get_json("/api/v1/cases?page_size=200", &dutch).await;
    assert_eq!(
        generic.historical_before,
        chrono::NaiveDate::from_ymd_opt(2018, 10, 1)
    );
    assert!(generic.total > 0);
    assert!(generic.items.iter().all(|c| c.title != historical));
    assert!(
        generic
            .items
            .iter()
            .any(|c| c.status == CaseStatusDto::Closed),
        "closed cases after the cut-over stay in the list"
    );

    let only: CasePage = app.get_json("/api/v1/cases?historical=true", &dutch).await;
    let titles: Vec<&str> = only.items.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, [historical]);

    let product: CasePage = app
        .get_json(
            &format!(
                "/api/v1/cases?installed_product={}&page_size=200",
                product_id(&app, "IP-40010001")
            ),
            &dutch,
        )
        .await;
    assert!(product.items.iter().any(|c| c.title == historical));
    assert!(product.items.iter().any(|c| c.status == CaseStatusDto::New));

    // Denmark started on this platform: no cut-over, nothing historical.
    let danish = app.tokens_for("dk.manager").await.access_token;
    let dk: CasePage = app.get_json("/api/v1/cases?historical=true", &danish).await;
    assert_eq!(dk.historical_before, None);
    assert_eq!(dk.total, 0);
}

#[tokio::test]
async fn demo_open_cases_set_the_demo_operational_states() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.manager").await.access_token;
    let open: CasePage = app
        .get_json(
            &format!(
                "/api/v1/cases?open=true&installed_product={}",
                product_id(&app, "IP-40010001")
            ),
            &token,
        )
        .await;
    let mut priorities: Vec<u8> = open.items.iter().map(|c| c.priority).collect();
    priorities.sort_unstable();
    assert_eq!(priorities, [2, 4]);
    assert_eq!(
        product_state(&app, &token, "IP-40010001").await,
        OperationalStateDto::Down
    );
}

#[tokio::test]
async fn totals_stop_counting_at_ten_thousand_and_say_so() {
    let app = TestApp::spawn().await.unwrap();
    persistence::seed::scale_cases(&app.db, 10_050)
        .await
        .unwrap();
    let service = app.tokens_for("service").await.access_token;
    let all: CasePage = app.get_json("/api/v1/cases?page_size=5", &service).await;
    assert_eq!(all.total, 10_000);
    assert!(all.total_is_lower_bound);
    assert_eq!(all.items.len(), 5);
    assert!(
        all.items
            .windows(2)
            .all(|w| w[0].created_at >= w[1].created_at),
        "newest first"
    );
    // Pages past the counted ones still answer.
    let far: CasePage = app
        .get_json("/api/v1/cases?page_size=200&page=51", &service)
        .await;
    assert!(!far.items.is_empty());

    // A narrow filter counts exactly.
    let narrow: CasePage = app
        .get_json("/api/v1/cases?priority=1&open=true&page_size=200", &service)
        .await;
    assert!(!narrow.total_is_lower_bound);
    assert!(narrow.total > 0 && narrow.total < 200);
    assert_eq!(narrow.total as usize, narrow.items.len());
}

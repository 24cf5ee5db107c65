use api_types::{
    ActivityKindDto, CaseContactDto, CaseDetail, CaseKindDto, CasePage, CaseStatusDto,
    ContactCentreDto, CreateCaseRequest, InstalledProductDetail, OperationalStateDto, ProblemCode,
};
use persistence::repositories::audit;
use reqwest::Method;
use test_support::builders::{activity, shipment_tracking, CaseBuilder};
use test_support::{expect_problem, expect_problem_code, TestApp};

/// The Dutch CT at the main hospital (no open case in the demo data).
const NL_CT: &str = "IP-40010002";
/// A Danish product, invisible to the Dutch parent account.
const DK_CT: &str = "IP-40020002";

/// A case on [`NL_CT`] with `priority` and `description`.
fn nl_case<'a>(app: &'a TestApp, priority: u8, description: &str) -> CaseBuilder<'a> {
    app.case(NL_CT).priority(priority).description(description)
}

/// Where the contact centre of [`NL_CT`]'s country is named.
fn contact_centre_path(app: &TestApp) -> String {
    format!("{}/contact-centre", app.product_path(NL_CT))
}

/// The cases on the installed product `number` that `filter` (`&open=true`)
/// selects.
async fn cases_of_product(app: &TestApp, token: &str, number: &str, filter: &str) -> CasePage {
    let id = app.demo.product(number).id;
    app.get_json(
        &format!("/api/v1/cases?installed_product={id}{filter}"),
        token,
    )
    .await
}

/// POSTs a new case with an `Idempotency-Key`.
async fn post_keyed(
    app: &TestApp,
    token: &str,
    body: &CreateCaseRequest,
    key: &str,
) -> reqwest::Response {
    app.json_request(Method::POST, "/api/v1/cases", Some(token), body)
        .header("Idempotency-Key", key)
        .send()
        .await
        .unwrap()
}

async fn product_state(app: &TestApp, token: &str, number: &str) -> OperationalStateDto {
    let p: InstalledProductDetail = app.get_json(&app.product_path(number), token).await;
    p.operational_state
}

#[tokio::test]
async fn a_user_creates_a_case_and_gets_its_number_and_timeline_at_once() {
    let (app, token) = TestApp::spawn_signed_in("nl.user").await.unwrap();
    let description = "Intermittent gradient noise during DWI scans\nStarts after 20 minutes.";
    let response = nl_case(&app, 4, description)
        .customer_reference("RAD-2026-118")
        .contact(CaseContactDto {
            name: Some("Ilse de Vries".into()),
            email: Some("ilse@lindenhaven.example".into()),
            phone: Some("+31 20 555 0101".into()),
        })
        .send(&token)
        .await;
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
    let (app, token) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let first = nl_case(&app, 5, "Planned coil check").create(&token).await;
    let second = nl_case(&app, 5, "Planned coil check 2")
        .create(&token)
        .await;
    assert_ne!(first.summary.number, second.summary.number);
    assert!(second.summary.number > first.summary.number);
}

#[tokio::test]
async fn a_viewer_may_not_create_a_case_and_another_parents_product_is_missing() {
    let (app, viewer) = TestApp::spawn_signed_in("nl.viewer").await.unwrap();
    let user = app.tokens_for("nl.user").await.access_token;
    for (token, number, status, code) in [
        (&viewer, NL_CT, 403, ProblemCode::Forbidden),
        (&user, DK_CT, 404, ProblemCode::NotFound),
    ] {
        let noise = app.case(number).priority(3).description("Noise");
        expect_problem_code(noise.send(token).await, status, code).await;
    }
}

#[tokio::test]
async fn invalid_fields_are_all_named_and_nothing_is_stored() {
    let (app, token) = TestApp::spawn_signed_in("nl.user").await.unwrap();
    // A bench repair without its part.
    let response = nl_case(&app, 6, "   ")
        .kind(CaseKindDto::BenchRepair)
        .contact(CaseContactDto {
            email: Some("not-an-address".into()),
            ..Default::default()
        })
        .send(&token)
        .await;
    let p = expect_problem_code(response, 422, ProblemCode::ValidationFailed).await;
    let mut fields: Vec<&str> = p.errors.iter().map(|e| e.field.as_str()).collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        ["bench_repair", "contact.email", "description", "priority"]
    );
    let page: CasePage = app.get_json("/api/v1/cases?mine=true", &token).await;
    assert_eq!(page.paging.total, 0);
}

#[tokio::test]
async fn a_description_with_patient_data_needs_a_confirmation() {
    let (app, token) = TestApp::spawn_signed_in("nl.user").await.unwrap();
    let text = "Image artefacts for patient J. Jansen, date of birth 12-03-1954";
    let unconfirmed = nl_case(&app, 4, text).send(&token).await;
    let p = expect_problem_code(unconfirmed, 422, ProblemCode::PossiblePatientData).await;
    assert!(p.detail.contains("date of birth"), "{}", p.detail);

    let confirmed = nl_case(&app, 4, text).confirm_no_patient_data();
    confirmed.create(&token).await;
}

#[tokio::test]
async fn a_retry_with_the_same_idempotency_key_returns_the_first_case() {
    let (app, token) = TestApp::spawn_signed_in("nl.user").await.unwrap();
    let body = app
        .case(NL_CT)
        .description("Table does not move down")
        .build();
    let key = "0b6f2a0e-6f55-4bb3-9e0a-0d7c8f8e1c11";
    let first = post_keyed(&app, &token, &body, key).await;
    assert_eq!(first.status(), 201);
    let first: CaseDetail = first.json().await.unwrap();

    let retry = post_keyed(&app, &token, &body, key).await;
    assert_eq!(retry.status(), 201);
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    let retry: CaseDetail = retry.json().await.unwrap();
    assert_eq!(retry.summary.number, first.summary.number);

    let page: CasePage = app.get_json("/api/v1/cases?mine=true", &token).await;
    assert_eq!(
        page.paging.total, 1,
        "a retried create never makes two cases"
    );

    let other_body = app.case(NL_CT).description("Another problem").build();
    expect_problem_code(
        post_keyed(&app, &token, &other_body, key).await,
        422,
        ProblemCode::IdempotencyKeyReused,
    )
    .await;

    // Keys are per user: another user's identical key is a new request.
    let manager = app.tokens_for("nl.manager").await.access_token;
    let theirs = post_keyed(&app, &manager, &body, key).await;
    assert_eq!(theirs.status(), 201);
    assert!(theirs.headers().get("idempotent-replayed").is_none());
}

#[tokio::test]
async fn concurrent_retries_make_one_case() {
    let (app, token) = TestApp::spawn_signed_in("nl.user").await.unwrap();
    let body = app.case(NL_CT).description("Concurrent retry").build();
    let key = "7a4d2f7c-2f6b-4b9f-8d64-8e2f4c1b0a55";
    let responses = futures_join(&app, &token, &body, key).await;
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
    assert_eq!(page.paging.total, 1);
}

async fn futures_join(
    app: &TestApp,
    token: &str,
    body: &CreateCaseRequest,
    key: &str,
) -> Vec<(u16, String)> {
    let send = || async {
        let response = post_keyed(app, token, body, key).await;
        (response.status().as_u16(), response.text().await.unwrap())
    };
    let (a, b, c, d) = tokio::join!(send(), send(), send(), send());
    vec![a, b, c, d]
}

#[tokio::test]
async fn priority_one_names_the_contact_centre_of_the_products_country() {
    let (app, token) = TestApp::spawn_signed_in("nl.user").await.unwrap();
    let centre: ContactCentreDto = app.get_json(&contact_centre_path(&app), &token).await;
    assert_eq!(centre.country, "NL");
    assert!(centre.phone.starts_with("+31"), "{}", centre.phone);

    let case = nl_case(&app, 1, "Magnet quench alarm").create(&token).await;
    assert_eq!(case.critical_contact, Some(centre));
    assert_eq!(
        product_state(&app, &token, NL_CT).await,
        OperationalStateDto::Critical
    );

    // Once closed, there is nothing left to phone in.
    let service = app.tokens_for("service").await.access_token;
    let closed = app.moved_case(&service, &case, CaseStatusDto::Closed).await;
    assert_eq!(closed.critical_contact, None);
}

#[tokio::test]
async fn without_a_configured_number_priority_one_invents_none() {
    // A real installation that named no contact centres.
    let app = TestApp::spawn_with(|config| {
        config.markets = domain::Markets::parse("", api::config::DEFAULT_CASE_CUTOVERS).unwrap()
    })
    .await
    .unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let centre = app.get(&contact_centre_path(&app), &token).await;
    expect_problem_code(centre, 404, ProblemCode::NotFound).await;
    let case = nl_case(&app, 1, "Magnet quench alarm").create(&token).await;
    assert_eq!(case.critical_contact, None, "no invented number");
}

#[tokio::test]
async fn the_service_side_moves_status_forward_and_the_product_state_follows() {
    let (app, user) = TestApp::spawn_signed_in("nl.user").await.unwrap();
    let service = app.tokens_for("service").await.access_token;
    assert_eq!(
        product_state(&app, &user, NL_CT).await,
        OperationalStateDto::Up
    );
    let case = nl_case(&app, 2, "System does not boot").create(&user).await;
    assert_eq!(
        product_state(&app, &user, NL_CT).await,
        OperationalStateDto::Down
    );

    // Customers cannot move a status.
    let by_customer = app
        .move_case_status(&user, &case, CaseStatusDto::Fixed)
        .await;
    expect_problem_code(by_customer, 403, ProblemCode::Forbidden).await;

    let in_process = app
        .moved_case(&service, &case, CaseStatusDto::InProcess)
        .await;
    assert_eq!(in_process.summary.status, CaseStatusDto::InProcess);
    let entry = in_process.activities.last().unwrap();
    assert_eq!(entry.kind, ActivityKindDto::StatusChanged);
    assert_eq!(entry.new_status, Some(CaseStatusDto::InProcess));
    assert!(entry.from_service);

    // A stale version is refused and changes nothing; so is a step back.
    for (from, to, status, code) in [
        (
            &case,
            CaseStatusDto::Fixed,
            412,
            ProblemCode::PreconditionFailed,
        ),
        (
            &in_process,
            CaseStatusDto::New,
            409,
            ProblemCode::InvalidStatusTransition,
        ),
    ] {
        let refused = app.move_case_status(&service, from, to).await;
        expect_problem_code(refused, status, code).await;
    }

    let closed = app
        .moved_case(&service, &in_process, CaseStatusDto::Closed)
        .await;
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
    let (app, user) = TestApp::spawn_signed_in("nl.user").await.unwrap();
    let viewer = app.tokens_for("nl.viewer").await.access_token;
    let service = app.tokens_for("service").await.access_token;
    let case = app
        .case(NL_CT)
        .description("Coil connector loose")
        .bench_repair("Head coil 32ch", "HC-3321")
        .create(&user)
        .await;
    assert_eq!(
        case.bench_repair.as_ref().unwrap().part_description,
        "Head coil 32ch"
    );

    let response = app
        .add_activity(
            &user,
            &case,
            &shipment_tracking("DHL", Some("JD014600003828")),
        )
        .await;
    assert_eq!(response.status(), 201);
    let tracked: CaseDetail = response.json().await.unwrap();
    let entry = tracked.activities.last().unwrap();
    assert_eq!(entry.kind, ActivityKindDto::ShipmentTracking);
    assert_eq!(entry.tracking_number.as_deref(), Some("JD014600003828"));
    assert_eq!(tracked.version, case.version + 1);

    // A viewer may not comment; a customer may not remark as the service side.
    let comment = activity(ActivityKindDto::CustomerComment, "Shipped today");
    let remark = activity(ActivityKindDto::T2Activity, "I am not the service side");
    for (token, entry) in [(&viewer, &comment), (&user, &remark)] {
        let refused = app.add_activity(token, &case, entry).await;
        expect_problem_code(refused, 403, ProblemCode::Forbidden).await;
    }
    let empty = shipment_tracking("DHL", None);
    let p = expect_problem(app.add_activity(&user, &case, &empty).await, 422).await;
    assert_eq!(p.errors[0].field, "tracking_number");

    let closed = app
        .moved_case(&service, &tracked, CaseStatusDto::Closed)
        .await;
    assert_eq!(closed.summary.status, CaseStatusDto::Closed);
    let late = app.add_activity(&user, &case, &comment).await;
    expect_problem_code(late, 409, ProblemCode::CaseClosed).await;
}

#[tokio::test]
async fn another_parent_accounts_case_is_missing_for_every_route() {
    let (app, dutch) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let danish = app.tokens_for("dk.manager").await.access_token;
    let case = app
        .case(NL_CT)
        .description("Dutch problem")
        .create(&dutch)
        .await;
    let path = format!("/api/v1/cases/{}", case.summary.id);

    assert_eq!(app.get(&path, &danish).await.status(), 404);
    let comment = activity(ActivityKindDto::CustomerComment, "Hello");
    let response = app.add_activity(&danish, &case, &comment).await;
    expect_problem_code(response, 404, ProblemCode::NotFound).await;
    let page: CasePage = app.get_json("/api/v1/cases", &danish).await;
    assert!(page.items.iter().all(|c| c.id != case.summary.id));
    let response = app.get(&contact_centre_path(&app), &danish).await;
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn lists_filter_sort_and_page() {
    let (app, user) = TestApp::spawn_signed_in("nl.user").await.unwrap();
    let manager = app.tokens_for("nl.manager").await.access_token;
    for (token, priority, text) in [
        (&user, 4, "Printer of the console jams"),
        (&user, 2, "Gantry stuck"),
        (&manager, 3, "Slow volumetric rendering"),
    ] {
        nl_case(&app, priority, text).create(token).await;
    }
    let before: CasePage = app.get_json("/api/v1/cases", &manager).await;
    let base = before.paging.total;

    let mine: CasePage = app.get_json("/api/v1/cases?mine=true", &user).await;
    assert_eq!(mine.paging.total, 2);
    assert_eq!(
        mine.items[0].title, "Gantry stuck",
        "newest first by default"
    );
    let by_priority: CasePage = app
        .get_json("/api/v1/cases?mine=true&sort=priority", &user)
        .await;
    assert_eq!(by_priority.items[0].priority, 2, "most urgent first");
    let found: CasePage = app.get_json("/api/v1/cases?q=VOLUMETRIC", &manager).await;
    assert_eq!(found.paging.total, 1);
    let p2: CasePage = app.get_json("/api/v1/cases?priority=2", &manager).await;
    assert!(p2.items.iter().all(|c| c.priority == 2));
    let paged: CasePage = app
        .get_json("/api/v1/cases?page=2&page_size=2", &manager)
        .await;
    assert_eq!(paged.paging.total, base);
    assert_eq!(paged.paging.page, 2);
    assert!(paged.items.len() <= 2);
    let beyond: CasePage = app
        .get_json("/api/v1/cases?page=999&page_size=2", &manager)
        .await;
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.paging.total, base);

    let response = app.get("/api/v1/cases?priority=9", &manager).await;
    expect_problem_code(response, 400, ProblemCode::InvalidQuery).await;
    let response = app.get("/api/v1/cases?status=reopened", &manager).await;
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn historical_cases_are_reached_on_purpose_only() {
    let (app, dutch) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let historical = "Coil recognition fails on the knee coil";
    let generic: CasePage = app.get_json("/api/v1/cases?page_size=200", &dutch).await;
    assert_eq!(
        generic.historical_before,
        chrono::NaiveDate::from_ymd_opt(2018, 10, 1)
    );
    assert!(generic.paging.total > 0);
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

    let product = cases_of_product(&app, &dutch, "IP-40010001", "&page_size=200").await;
    assert!(product.items.iter().any(|c| c.title == historical));
    assert!(product.items.iter().any(|c| c.status == CaseStatusDto::New));

    // Denmark started on this platform: no cut-over, nothing historical.
    let danish = app.tokens_for("dk.manager").await.access_token;
    let dk: CasePage = app.get_json("/api/v1/cases?historical=true", &danish).await;
    assert_eq!(dk.historical_before, None);
    assert_eq!(dk.paging.total, 0);
}

#[tokio::test]
async fn demo_open_cases_set_the_demo_operational_states() {
    let (app, token) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let open = cases_of_product(&app, &token, "IP-40010001", "&open=true").await;
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
    assert_eq!(all.paging.total, 10_000);
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
    assert!(narrow.paging.total > 0 && narrow.paging.total < 200);
    assert_eq!(narrow.paging.total as usize, narrow.items.len());
}

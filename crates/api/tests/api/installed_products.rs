use api_types::{
    InstalledProductDetail, InstalledProductPage, OperationalStateDto, ProblemCode, ProblemDetails,
    UpdateCustomDetailsRequest,
};
use persistence::repositories::audit;
use reqwest::Method;
use test_support::{expect_problem, expect_problem_code, TestApp};

const DUTCH: [&str; 10] = [
    "IP-40010001",
    "IP-40010002",
    "IP-40010003",
    "IP-40010004",
    "IP-40010005",
    "IP-40010006",
    "IP-40010007",
    "IP-40010008",
    "IP-40010009",
    "IP-40010010",
];

/// The list of installed products.
const LIST: &str = "/api/v1/installed-products";

fn numbers(page: &InstalledProductPage) -> Vec<&str> {
    page.items.iter().map(|p| p.number.as_str()).collect()
}

async fn list(app: &TestApp, token: &str, query: &str) -> InstalledProductPage {
    app.get_json(&format!("{LIST}?{query}"), token).await
}

/// The list `username` gets for `query`, on an app of its own.
async fn listed_for(username: &str, query: &str) -> InstalledProductPage {
    let (app, token) = TestApp::spawn_signed_in(username).await.unwrap();
    list(&app, &token, query).await
}

#[tokio::test]
async fn a_manager_lists_every_product_at_or_owned_by_their_accounts() {
    let page = listed_for("nl.manager", "").await;
    assert_eq!(
        numbers(&page),
        DUTCH.to_vec(),
        "sorted by number by default"
    );
    assert_eq!(page.paging.total, 10);
    let leased = page
        .items
        .iter()
        .find(|p| p.number == "IP-40010004")
        .unwrap();
    assert_eq!(leased.owner.name, "MedLease Europe B.V.");
    assert_eq!(leased.location.name, "Lindenhaven UMC - Main Hospital");
}

#[tokio::test]
async fn a_user_sees_only_products_of_accounts_assigned_to_them() {
    let page = listed_for("nl.user", "page_size=200").await;
    let expected: Vec<&str> = DUTCH
        .iter()
        .copied()
        .filter(|n| *n != "IP-40010009")
        .collect();
    assert_eq!(
        numbers(&page),
        expected,
        "the Eye Clinic is not assigned to nl.user"
    );
}

#[tokio::test]
async fn the_leasing_company_sees_its_leased_products_in_both_countries_and_nothing_else() {
    let page = listed_for("lease.manager", "").await;
    assert_eq!(
        numbers(&page),
        vec!["IP-40010004", "IP-40010010", "IP-40020002"]
    );
}

#[tokio::test]
async fn filters_combine_and_the_total_counts_every_match() {
    let (app, token) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let children = app.demo.dutch.accounts[2].id;
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            "modality=ct".into(),
            vec!["IP-40010002", "IP-40010003", "IP-40010004"],
        ),
        (
            "modality=ct&operational_state=restricted".into(),
            vec!["IP-40010004"],
        ),
        ("operational_state=critical".into(), vec!["IP-40010005"]),
        (
            "strategic_item=true".into(),
            vec!["IP-40010007", "IP-40010008"],
        ),
        ("q=transducer%20X5".into(), vec!["IP-40010008"]),
        ("q=SN40010006".into(), vec!["IP-40010006"]),
        ("q=100%25".into(), vec![]),
        ("functional_location=cath".into(), vec!["IP-40010005"]),
        ("expiry=red".into(), vec!["IP-40010005"]),
        (
            "expiry=yellow".into(),
            vec!["IP-40010006", "IP-40010007", "IP-40010008"],
        ),
        ("expiry=expired".into(), vec!["IP-40010009"]),
        ("covered=false".into(), vec!["IP-40010009"]),
        (
            format!("location_account={children}"),
            vec!["IP-40010006", "IP-40010007", "IP-40010008", "IP-40010010"],
        ),
        (
            format!("owner_account={}", app.demo.leasing.parent.id),
            vec!["IP-40010004", "IP-40010010"],
        ),
    ];
    for (query, expected) in cases {
        let page = list(&app, &token, &query).await;
        assert_eq!(numbers(&page), expected, "{query}");
        assert_eq!(page.paging.total, expected.len() as u64, "{query}");
    }
}

#[tokio::test]
async fn pages_neither_overlap_nor_skip_and_sorting_applies_before_paging() {
    let (app, token) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let mut seen = Vec::new();
    for (page_number, expected_len) in [(1, 4), (2, 4), (3, 2), (4, 0)] {
        let page = list(
            &app,
            &token,
            &format!("page={page_number}&page_size=4&sort=description&order=desc"),
        )
        .await;
        assert_eq!(page.items.len(), expected_len, "page {page_number}");
        assert_eq!(page.paging.total, 10);
        seen.extend(page.items.into_iter().map(|p| p.description));
    }
    let mut sorted = seen.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(seen, sorted);
    assert_eq!(seen.len(), 10);

    let worst_first = list(
        &app,
        &token,
        "sort=operational_state&order=desc&page_size=3",
    )
    .await;
    let states: Vec<_> = worst_first
        .items
        .iter()
        .map(|p| p.operational_state)
        .collect();
    assert_eq!(
        states,
        vec![
            OperationalStateDto::Critical,
            OperationalStateDto::Down,
            OperationalStateDto::Restricted
        ]
    );
}

#[tokio::test]
async fn bad_filter_sort_and_page_values_are_400_problems() {
    let (app, token) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let bad = [
        "page=0",
        "page_size=201",
        "page_size=0",
        "modality=xray",
        "sort=colour",
        "order=up",
        "covered=maybe",
        "colour=red",
    ];
    app.expect_invalid_queries(LIST, &token, &bad).await;
}

#[tokio::test]
async fn the_detail_shows_contracts_warranties_and_the_license_history() {
    let (app, token) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let response = app.get(&app.product_path("IP-40010003"), &token).await;
    assert_eq!(response.headers()["etag"], "\"v1\"");
    let detail: InstalledProductDetail = response.json().await.unwrap();
    assert_eq!(detail.contracts.len(), 1);
    assert_eq!(detail.contracts[0].contract_number, "SC-70000001");
    assert_eq!(detail.contracts[0].line_item_number, "20");
    let links: Vec<(&str, bool)> = detail
        .slcp_links
        .iter()
        .map(|l| (l.other.number.as_str(), l.unlinked_at.is_none()))
        .collect();
    assert_eq!(
        links,
        vec![("IP-40010002", true), ("IP-40010004", false)],
        "current link first, then history"
    );
    assert!(detail.can_edit_custom_details);

    // The hardware shows the same link from its side.
    let detail: InstalledProductDetail =
        app.get_json(&app.product_path("IP-40010002"), &token).await;
    assert_eq!(detail.slcp_links[0].other.number, "IP-40010003");

    let detail: InstalledProductDetail =
        app.get_json(&app.product_path("IP-40010010"), &token).await;
    assert_eq!(detail.warranties.len(), 1);
    assert_eq!(detail.owner.name, "MedLease Europe B.V.");
}

#[tokio::test]
async fn another_parent_accounts_user_gets_404_for_every_product_and_update() {
    let (app, token) = TestApp::spawn_signed_in("dk.manager").await.unwrap();
    for number in DUTCH {
        let get = app.get(&app.product_path(number), &token).await;
        assert_eq!(get.status(), 404, "{number}");
        let id = app.demo.product(number).id;
        let put =
            put_custom_details(&app, &token, id, Some("\"v1\""), &custom_name("mine now")).await;
        assert_eq!(
            put.status(),
            404,
            "{number}: an update must not tell it exists"
        );
    }
    let missing = app
        .get(&format!("{LIST}/{}", uuid::Uuid::new_v4()), &token)
        .await;
    let missing: ProblemDetails = missing.json().await.unwrap();
    let foreign = app.get(&app.product_path("IP-40010001"), &token).await;
    let foreign: ProblemDetails = foreign.json().await.unwrap();
    assert_eq!(
        (foreign.code, foreign.detail),
        (missing.code, missing.detail)
    );
}

fn custom_name(name: &str) -> UpdateCustomDetailsRequest {
    UpdateCustomDetailsRequest {
        custom_name: Some(name.to_owned()),
        ..Default::default()
    }
}

/// PUTs custom details with `if_match` as it is (a test may send a bad one).
async fn put_custom_details(
    app: &TestApp,
    token: &str,
    id: impl std::fmt::Display,
    if_match: Option<&str>,
    body: &UpdateCustomDetailsRequest,
) -> reqwest::Response {
    let path = format!("{LIST}/{id}/custom-details");
    let mut request = app.json_request(Method::PUT, &path, Some(token), body);
    if let Some(tag) = if_match {
        request = request.header("if-match", tag);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_manager_renames_a_product_and_the_audit_log_keeps_old_and_new() {
    let app = TestApp::spawn().await.unwrap();
    let tokens = app.tokens_for("nl.manager").await;
    let id = app.demo.product("IP-40010002").id;
    let response = put_custom_details(
        &app,
        &tokens.access_token,
        id,
        Some("\"v1\""),
        &UpdateCustomDetailsRequest {
            customer_reference: Some("ASSET-0042".to_owned()),
            ..custom_name("  CT 2 (cardiology) ")
        },
    )
    .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["etag"], "\"v2\"");
    let detail: InstalledProductDetail = response.json().await.unwrap();
    assert_eq!(
        detail.custom_details.custom_name.as_deref(),
        Some("CT 2 (cardiology)")
    );
    assert_eq!(detail.custom_details.customer_location, None);

    let page = list(&app, &tokens.access_token, "q=cardiology").await;
    assert_eq!(
        numbers(&page),
        vec!["IP-40010002"],
        "the new name is searchable"
    );

    let entries = audit::for_entity(&app.db, "installed_product", &id.to_string())
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(entry.action, "installed_product.custom_details.update");
    assert_eq!(
        entry.old_value.as_ref().unwrap()["custom_name"],
        serde_json::Value::Null
    );
    assert_eq!(
        entry.new_value.as_ref().unwrap()["custom_name"],
        "CT 2 (cardiology)"
    );
    assert_eq!(
        entry.new_value.as_ref().unwrap()["customer_reference"],
        "ASSET-0042"
    );
    assert!(entry.actor.is_some());
    assert!(entry.request_id.is_some());
}

#[tokio::test]
async fn a_stale_if_match_is_412_and_overwrites_nothing() {
    let (app, token) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let id = app.demo.product("IP-40010006").id;
    let first = put_custom_details(&app, &token, id, Some("\"v1\""), &custom_name("First")).await;
    assert_eq!(first.status(), 200);
    let second = put_custom_details(&app, &token, id, Some("\"v1\""), &custom_name("Second")).await;
    expect_problem_code(second, 412, ProblemCode::PreconditionFailed).await;
    let detail: InstalledProductDetail = app.get_json(&format!("{LIST}/{id}"), &token).await;
    assert_eq!(detail.custom_details.custom_name.as_deref(), Some("First"));
    assert_eq!(detail.version, 2);
    assert_eq!(
        audit::for_entity(&app.db, "installed_product", &id.to_string())
            .await
            .unwrap()
            .len(),
        1
    );

    let unconditional = put_custom_details(&app, &token, id, None, &custom_name("Blind")).await;
    assert_eq!(unconditional.status(), 428);
    let garbage = put_custom_details(&app, &token, id, Some("*"), &custom_name("Star")).await;
    assert_eq!(garbage.status(), 412);
}

#[tokio::test]
async fn viewers_and_users_may_not_edit_custom_details() {
    let app = TestApp::spawn().await.unwrap();
    let id = app.demo.product("IP-40010002").id;
    for username in ["nl.viewer", "nl.user"] {
        let token = app.tokens_for(username).await.access_token;
        let detail: InstalledProductDetail = app.get_json(&format!("{LIST}/{id}"), &token).await;
        assert!(!detail.can_edit_custom_details, "{username}");
        let response =
            put_custom_details(&app, &token, id, Some("\"v1\""), &custom_name("x")).await;
        expect_problem_code(response, 403, ProblemCode::Forbidden).await;
    }
}

#[tokio::test]
async fn a_custom_name_over_100_characters_is_a_422_naming_the_field() {
    let (app, token) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let id = app.demo.product("IP-40010002").id;
    let response = put_custom_details(
        &app,
        &token,
        id,
        Some("\"v1\""),
        &UpdateCustomDetailsRequest {
            customer_location: Some("x".repeat(101)),
            ..Default::default()
        },
    )
    .await;
    let problem = expect_problem(response, 422).await;
    assert_eq!(problem.errors.len(), 1);
    assert_eq!(problem.errors[0].field, "customer_location");
}

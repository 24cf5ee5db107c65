use api_types::{ContractDetail, ContractPage, ExpiryStatusDto, WarrantyPage};
use test_support::TestApp;

fn numbers(page: &ContractPage) -> Vec<(&str, ExpiryStatusDto)> {
    page.items
        .iter()
        .map(|c| (c.number.as_str(), c.expiry))
        .collect()
}

#[tokio::test]
async fn contracts_come_soonest_end_first_with_the_colour_of_the_callers_today() {
    let (app, token) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let page: ContractPage = app.get_json("/api/v1/contracts", &token).await;
    assert_eq!(
        numbers(&page),
        vec![
            ("SC-70000004", ExpiryStatusDto::Expired),
            ("SC-70000003", ExpiryStatusDto::Red),
            ("SC-70000002", ExpiryStatusDto::Yellow),
            ("SC-70000005", ExpiryStatusDto::Green),
            ("SC-70000001", ExpiryStatusDto::Green),
        ]
    );
    let red = &page.items[1];
    // The demo's contract ends 12 days after UTC's today; nl.manager counts
    // from Amsterdam's, a day later between 23:00 and 24:00 UTC.
    let now = chrono::Utc::now();
    let ahead = (now
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive()
        - now.date_naive())
    .num_days();
    assert_eq!(red.days_left, 12 - ahead);
    let leasing = &page.items[3];
    assert_eq!(leasing.number, "SC-70000005");
    assert_eq!(leasing.ship_to.name, "MedLease Europe B.V.");
    assert_eq!(
        leasing.covered_products, 1,
        "the Danish scanner on the same contract is not counted"
    );

    let red_only: ContractPage = app.get_json("/api/v1/contracts?expiry=red", &token).await;
    assert_eq!(
        numbers(&red_only),
        vec![("SC-70000003", ExpiryStatusDto::Red)]
    );
    let by_po: ContractPage = app.get_json("/api/v1/contracts?q=lch-5531", &token).await;
    assert_eq!(by_po.paging.total, 1);
}

#[tokio::test]
async fn a_shared_contract_shows_a_hospital_only_its_own_lines_and_not_the_holders_order() {
    let (app, nl) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let page: ContractPage = app.get_json("/api/v1/contracts?q=SC-70000005", &nl).await;
    let id = page.items[0].id;
    let detail: ContractDetail = app.get_json(&format!("/api/v1/contracts/{id}"), &nl).await;
    let lines: Vec<(&str, Vec<&str>)> = detail
        .lines
        .iter()
        .map(|l| {
            (
                l.line_item_number.as_str(),
                l.covered_products
                    .iter()
                    .map(|p| p.number.as_str())
                    .collect(),
            )
        })
        .collect();
    // Line 20 covers the leasing company's scanner at another hospital.
    assert_eq!(lines, vec![("10", vec!["IP-40010004"])]);
    assert_eq!(detail.summary.covered_products, 1);
    assert_eq!(
        detail.summary.po_number, None,
        "the leasing company's order"
    );
    let by_their_po: ContractPage = app.get_json("/api/v1/contracts?q=ML-2023-044", &nl).await;
    assert_eq!(by_their_po.paging.total, 0);

    // The leasing company, which holds it, sees both lines and its order.
    let lease = app.tokens_for("lease.manager").await.access_token;
    let detail: ContractDetail = app
        .get_json(&format!("/api/v1/contracts/{id}"), &lease)
        .await;
    assert_eq!(detail.summary.covered_products, 2);
    assert_eq!(detail.lines.len(), 2);
    assert_eq!(detail.summary.po_number.as_deref(), Some("ML-2023-044"));
    let by_po: ContractPage = app
        .get_json("/api/v1/contracts?q=ML-2023-044", &lease)
        .await;
    assert_eq!(by_po.paging.total, 1);
}

#[tokio::test]
async fn another_parent_accounts_contract_answers_404() {
    let (app, nl) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let dutch_only: ContractPage = app.get_json("/api/v1/contracts?q=SC-70000002", &nl).await;
    let dk = app.tokens_for("dk.manager").await.access_token;
    let response = app
        .get(
            &format!("/api/v1/contracts/{}", dutch_only.items[0].id),
            &dk,
        )
        .await;
    assert_eq!(response.status(), 404);
    let danish: ContractPage = app.get_json("/api/v1/contracts", &dk).await;
    assert!(danish
        .items
        .iter()
        .all(|c| !c.number.starts_with("SC-7000000")
            || ["SC-70000005", "SC-70000006", "SC-70000007"].contains(&c.number.as_str())));
}

#[tokio::test]
async fn warranties_are_those_of_visible_products() {
    let (app, token) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let page: WarrantyPage = app.get_json("/api/v1/warranties", &token).await;
    let rows: Vec<(&str, ExpiryStatusDto)> = page
        .items
        .iter()
        .map(|w| (w.product.number.as_str(), w.expiry))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("IP-40010007", ExpiryStatusDto::Expired),
            ("IP-40010010", ExpiryStatusDto::Green)
        ]
    );
}

#[tokio::test]
async fn warranty_search_matches_the_description_and_the_products_number() {
    let (app, token) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let numbers = |page: &WarrantyPage| -> Vec<String> {
        page.items
            .iter()
            .map(|w| w.product.number.clone())
            .collect()
    };
    let by_text: WarrantyPage = app
        .get_json("/api/v1/warranties?q=TRANSDUCER", &token)
        .await;
    assert_eq!(numbers(&by_text), vec!["IP-40010007"]);
    let by_product: WarrantyPage = app.get_json("/api/v1/warranties?q=40010010", &token).await;
    assert_eq!(numbers(&by_product), vec!["IP-40010010"]);
    let no_match: WarrantyPage = app
        .get_json("/api/v1/warranties?q=transducer%2040010010", &token)
        .await;
    assert_eq!(no_match.paging.total, 0, "every word must match");
}

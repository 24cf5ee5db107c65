//! The banner's search: numbers whole and in part, words, ranking, and
//! never another customer's data.

use api_types::{
    ContractPage, InstalledProductDetail, NumberMatchDto, SearchKindDto, SearchResponse,
};
use test_support::{expect_problem, TestApp};

async fn search(app: &TestApp, token: &str, q: &str) -> SearchResponse {
    let q = q.replace(' ', "%20");
    app.get_json(&format!("/api/v1/search?q={q}"), token).await
}

fn kinds_and_numbers(found: &SearchResponse) -> Vec<(SearchKindDto, String)> {
    found
        .items
        .iter()
        .map(|h| (h.kind, h.number.clone()))
        .collect()
}

#[tokio::test]
async fn a_case_is_found_by_part_of_its_products_serial_number() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let product: InstalledProductDetail =
        app.get_json(&app.product_path("IP-40010001"), &token).await;
    let case = app.case("IP-40010001").create(&token).await;
    let serial = product.serial_number.to_uppercase();
    let middle = &serial[2..serial.len() - 1];
    let found = search(&app, &token, &middle.to_lowercase()).await;
    let hits = kinds_and_numbers(&found);
    assert!(
        hits.contains(&(SearchKindDto::Case, case.summary.number.clone())),
        "{hits:?}"
    );
    assert!(
        hits.contains(&(SearchKindDto::InstalledProduct, "IP-40010001".into())),
        "{hits:?}"
    );
    let product_hit = found
        .items
        .iter()
        .find(|h| h.kind == SearchKindDto::InstalledProduct)
        .unwrap();
    assert_eq!(product_hit.number_match, NumberMatchDto::Within);
}

#[tokio::test]
async fn a_whole_case_number_comes_first() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let first = app.case("IP-40010001").create(&token).await;
    app.case("IP-40010002").create(&token).await;
    let found = search(&app, &token, &first.summary.number).await;
    let top = &found.items[0];
    assert_eq!(
        (top.kind, top.number.as_str()),
        (SearchKindDto::Case, first.summary.number.as_str())
    );
    assert_eq!(top.number_match, NumberMatchDto::Exact);
    assert_eq!(top.at, Some(first.summary.created_at), "opened, in UTC");
}

#[tokio::test]
async fn every_word_must_appear_and_a_changed_description_is_found_by_its_new_words() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let case = app
        .case("IP-40010001")
        .description("Coolant leak near the magnet")
        .create(&token)
        .await;
    let numbers = |found: SearchResponse| -> Vec<String> {
        found
            .items
            .into_iter()
            .filter(|h| h.kind == SearchKindDto::Case)
            .map(|h| h.number)
            .collect()
    };
    let number = vec![case.summary.number.clone()];
    assert_eq!(
        numbers(search(&app, &token, "MAGNET coolant").await),
        number
    );
    assert!(numbers(search(&app, &token, "coolant zebra").await).is_empty());

    persistence::raw_sql::execute(
        &app.db,
        &format!(
            "UPDATE cases SET title = 'Chiller alarm', description = 'Chiller alarm every morning' WHERE number = '{}'",
            case.summary.number
        ),
    )
    .await
    .unwrap();
    assert_eq!(numbers(search(&app, &token, "chiller").await), number);
    assert!(numbers(search(&app, &token, "coolant").await).is_empty());
}

#[tokio::test]
async fn a_search_never_shows_another_customers_data_but_the_service_desk_sees_all() {
    let app = TestApp::spawn().await.unwrap();
    let dutch = app.tokens_for("nl.user").await.access_token;
    let danish = app.tokens_for("dk.user").await.access_token;
    let service = app.tokens_for("service").await.access_token;
    let case = app
        .case("IP-40010001")
        .description("Unique gradient hum")
        .create(&dutch)
        .await;
    let contracts: ContractPage = app.get_json("/api/v1/contracts", &dutch).await;
    let contract = &contracts.items[0].number;

    for q in [
        case.summary.number.as_str(),
        "gradient hum",
        contract.as_str(),
        "IP-4001",
    ] {
        let theirs = search(&app, &danish, q).await;
        assert!(
            theirs.items.iter().all(|h| !h.number.starts_with("IP-4001")
                && h.number != case.summary.number
                && h.number != *contract),
            "{q}: {:?}",
            kinds_and_numbers(&theirs)
        );
    }
    let desk = kinds_and_numbers(&search(&app, &service, "gradient hum").await);
    assert!(desk.contains(&(SearchKindDto::Case, case.summary.number.clone())));
    let own = kinds_and_numbers(&search(&app, &dutch, contract).await);
    assert!(
        own.contains(&(SearchKindDto::Contract, contract.clone())),
        "{own:?}"
    );
}

#[tokio::test]
async fn a_query_of_one_character_is_refused() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    expect_problem(app.get("/api/v1/search?q=x", &token).await, 400).await;
    expect_problem(app.get("/api/v1/search?q=ab&limit=0", &token).await, 400).await;
    // Two characters are enough, and LIKE's wildcards are taken literally.
    let found = search(&app, &token, "%_").await;
    assert!(found.items.is_empty());
}

#[tokio::test]
async fn a_word_thousands_of_cases_hold_still_finds_the_newest_of_them_first() {
    // More matches than the search looks up by id: it walks the cases in
    // date order instead (SQLite), as PostgreSQL always plans it.
    let app = TestApp::spawn().await.unwrap();
    persistence::seed::scale_cases(&app.db, 1_500)
        .await
        .unwrap();
    let service = app.tokens_for("service").await.access_token;
    // A word, and a number being typed: its first digits are as common
    // (PostgreSQL's path for numbers that turn out common).
    for common in ["cs-s", "cs-s-000"] {
        let found = search(&app, &service, common).await;
        let cases: Vec<_> = found
            .items
            .iter()
            .filter(|h| h.kind == SearchKindDto::Case)
            .collect();
        assert!(cases.len() >= 5, "{common}: {found:?}");
        assert!(cases.iter().all(|h| h.number.starts_with("CS-S-000")));
        assert!(cases
            .iter()
            .all(|h| h.number_match == NumberMatchDto::Prefix));
        let opened: Vec<_> = cases.iter().map(|h| h.at.unwrap()).collect();
        let mut newest_first = opened.clone();
        newest_first.sort_by(|a, b| b.cmp(a));
        assert_eq!(opened, newest_first, "{common}");
    }

    // A rare word beside the common one: the few cases holding both.
    let both = search(&app, &service, "cs-s 0000042").await;
    let numbers: Vec<_> = both
        .items
        .iter()
        .filter(|h| h.kind == SearchKindDto::Case)
        .map(|h| h.number.as_str())
        .collect();
    assert!(!numbers.is_empty());
    assert!(
        numbers
            .iter()
            .all(|n| n.starts_with("CS-S-") && n.contains("0000042")),
        "{numbers:?}"
    );
}

#[tokio::test]
async fn a_warranty_is_found_by_its_words_and_by_its_new_words_once_an_import_changes_them() {
    use crate::import_files::Importer;
    use api::imports::ImportKind;
    let app = TestApp::spawn().await.unwrap();
    let warranties = Importer {
        app: &app,
        kind: ImportKind::Warranties,
        columns: &domain::warranty_import::WARRANTY_COLUMNS,
    };
    let row = |description| {
        let mut row = vec!["LUMC-1000", "WR-70001", "IP-40010001", description];
        row.extend(["2026-01-01", "2028-12-31"]);
        vec![row]
    };
    assert!(
        warranties
            .apply(&row("Tube coverage, gantry QX"))
            .await
            .applied
    );
    let token = app.tokens_for("nl.manager").await.access_token;
    let warranty = (SearchKindDto::Warranty, "WR-70001".to_owned());
    // Words of three letters or more, and of two, and part of the number.
    for q in ["gantry", "tube gantry", "qx", "70001"] {
        let found = kinds_and_numbers(&search(&app, &token, q).await);
        assert!(found.contains(&warranty), "{q}: {found:?}");
    }

    warranties.apply(&row("Detector coverage")).await;
    let found = kinds_and_numbers(&search(&app, &token, "gantry").await);
    assert!(
        !found.contains(&warranty),
        "the old words are gone: {found:?}"
    );
    let found = kinds_and_numbers(&search(&app, &token, "detector").await);
    assert!(found.contains(&warranty), "{found:?}");
    // Another customer's manager finds none of it.
    let dane = app.tokens_for("dk.manager").await.access_token;
    let found = kinds_and_numbers(&search(&app, &dane, "detector").await);
    assert!(!found.contains(&warranty), "{found:?}");
}

#[tokio::test]
async fn a_contract_is_found_by_part_of_its_purchase_order() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.manager").await.access_token;
    let contracts: ContractPage = app.get_json("/api/v1/contracts", &token).await;
    let with_po = contracts
        .items
        .iter()
        .find_map(|c| Some((c.number.clone(), c.po_number.clone()?)))
        .expect("a demo contract with a purchase order");
    let (number, po) = with_po;
    let part = &po[1..po.len() - 1];
    let found = kinds_and_numbers(&search(&app, &token, part).await);
    assert!(
        found.contains(&(SearchKindDto::Contract, number)),
        "{part}: {found:?}"
    );
}

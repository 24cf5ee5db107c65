//! Importing users, contracts and warranties: keyed by the source system's
//! ids, within the customer the row names, all of a file or nothing.

use crate::import_files::{counts, csv, problems, run, Importer};
use api::imports::ImportKind;
use api_types::{ContractDetail, ContractPage, SetPasswordRequest, UserPage, WarrantyPage};
use domain::contract_import::CONTRACT_COLUMNS;
use domain::import::ImportIssue;
use domain::user_import::USER_COLUMNS;
use domain::warranty_import::WARRANTY_COLUMNS;
use persistence::repositories::audit;
use test_support::TestApp;

// --- users -------------------------------------------------------------

fn lindenhaven_users() -> Vec<Vec<&'static str>> {
    vec![
        vec![
            "LUMC-1000",
            "k.visser",
            "k.visser@lumc.example",
            "Kees Visser",
            "user",
            "LUMC-1001",
            "nl",
        ],
        vec![
            "LUMC-1000",
            "m.smit",
            "m.smit@lumc.example",
            "Marit Smit",
            "Manager",
            "",
            "",
        ],
    ]
}

async fn users_named(app: &TestApp, q: &str) -> UserPage {
    let token = app.tokens_for("nl.manager").await.access_token;
    app.get_json(&format!("/api/v1/users?q={q}"), &token).await
}

#[tokio::test]
async fn imported_users_get_an_activation_email_and_can_sign_in_and_a_second_import_changes_nothing(
) {
    let (app, sink, _clock) = TestApp::spawn_with_mail_on_manual_clock().await.unwrap();
    let file = csv(&USER_COLUMNS, &lindenhaven_users());
    let dry = run(&app, ImportKind::Users, &file, true).await;
    assert_eq!(counts(&dry), (2, 2, 0, 0));
    assert_eq!(users_named(&app, "visser").await.paging.total, 0);
    // A dry run sends nothing.
    assert!(app.deliver_mail(&sink, 0).await.is_empty());

    let report = run(&app, ImportKind::Users, &file, false).await;
    assert!(report.applied, "{:?}", report.problems);
    // Their Manager sees them, pending activation, with their accounts.
    let page = users_named(&app, "visser").await;
    assert_eq!(page.paging.total, 1);
    let mails = app.deliver_mail(&sink, 2).await;
    let to_kees = mails
        .iter()
        .find(|m| m.to.iter().any(|t| t == "k.visser@lumc.example"))
        .expect("an activation email to the new user");
    // The file's language is the new user's.
    assert!(
        to_kees.subject().starts_with("Activeer"),
        "{}",
        to_kees.subject()
    );
    let to_marit = mails
        .iter()
        .find(|m| m.to.iter().any(|t| t == "m.smit@lumc.example"))
        .unwrap();
    assert!(
        to_marit.subject().starts_with("Activate"),
        "{}",
        to_marit.subject()
    );
    let body = SetPasswordRequest {
        token: to_kees.link_token(),
        new_password: "Lighthouse-Keeper-77".into(),
    };
    let set = app
        .post_json_anonymous("/api/v1/auth/links/set-password", &body)
        .await;
    assert_eq!(set.status(), 204);
    let tokens = app
        .tokens_for_password("k.visser", "Lighthouse-Keeper-77")
        .await;
    assert!(!tokens.access_token.is_empty());

    let sent = app.deliver_mail(&sink, 0).await.len();
    let again = run(&app, ImportKind::Users, &file, false).await;
    assert_eq!(counts(&again), (2, 0, 0, 2));
    let after = app.deliver_mail(&sink, 0).await.len();
    assert_eq!(after, sent, "no second activation email");
}
#[tokio::test]
async fn a_changed_user_row_changes_their_role_and_accounts_and_ends_their_sessions() {
    let app = TestApp::spawn().await.unwrap();
    let before = app.tokens_for("nl.viewer").await;
    let file = csv(
        &USER_COLUMNS,
        &[vec![
            "LUMC-1000",
            "nl.viewer",
            "nl.viewer@demo.csportal.example",
            "Cor Bakker",
            "user",
            "LUMC-1001;LUMC-1002",
            "",
        ]],
    );
    let report = run(&app, ImportKind::Users, &file, false).await;
    assert!(report.applied, "{:?}", report.problems);
    assert_eq!(counts(&report), (1, 0, 1, 0));
    // The old role's session no longer refreshes.
    let refresh = app.refresh(before.refresh_token.clone()).await;
    assert_eq!(refresh.status(), 401);
    let manager = app.tokens_for("nl.manager").await.access_token;
    let viewer: UserPage = app.get_json("/api/v1/users?q=nl.viewer", &manager).await;
    let viewer = &viewer.items[0];
    assert_eq!(viewer.account_ids.len(), 2);
    let entries = audit::for_entity(&app.state.db, "user", &viewer.id.to_string())
        .await
        .unwrap();
    let entry = entries
        .iter()
        .find(|e| e.action == "user.import.update")
        .unwrap();
    assert_eq!(entry.old_value.as_ref().unwrap()["role"], "viewer");
    assert_eq!(entry.new_value.as_ref().unwrap()["role"], "user");
    assert_eq!(
        entry.new_value.as_ref().unwrap()["import"],
        report.id.to_string()
    );
}

#[tokio::test]
async fn a_users_file_is_refused_whole_for_staff_roles_foreign_accounts_and_changed_addresses() {
    let app = TestApp::spawn().await.unwrap();
    let mut rows = lindenhaven_users();
    rows.push(vec![
        "LUMC-1000",
        "x.staff",
        "x@lumc.example",
        "X",
        "admin",
        "",
        "",
    ]);
    rows.push(vec![
        "LUMC-1000",
        "y.user",
        "y@lumc.example",
        "Y",
        "user",
        "NKH-1001",
        "",
    ]);
    rows.push(vec![
        "LUMC-1000",
        "nl.user",
        "other@lumc.example",
        "Bram Jansen",
        "user",
        "",
        "",
    ]);
    rows.push(vec![
        "NKH-1000",
        "nl.viewer",
        "nl.viewer@demo.csportal.example",
        "Cor",
        "viewer",
        "",
        "",
    ]);
    let report = run(&app, ImportKind::Users, &csv(&USER_COLUMNS, &rows), false).await;
    assert!(!report.applied);
    assert_eq!(
        problems(&report),
        [
            (4, "role", "admin", ImportIssue::UnknownRole),
            (5, "accounts", "NKH-1001", ImportIssue::OtherCustomer),
            (6, "email", "other@lumc.example", ImportIssue::ChangedInApp),
            (7, "username", "nl.viewer", ImportIssue::OtherCustomer),
        ]
    );
    assert_eq!(users_named(&app, "visser").await.paging.total, 0);
}

// --- contracts ---------------------------------------------------------

/// Two lines of a full-service contract of Lindenhaven's: the MR, and two CTs.
fn contract_rows() -> Vec<Vec<&'static str>> {
    let contract = [
        "LUMC-1000",
        "SC-80000001",
        "LUMC-1001",
        "PO-1",
        "Full service, business hours",
        "active",
        "2026-01-01",
        "2028-12-31",
    ];
    let lines = [
        [
            "10",
            "MR maintenance",
            "2026-01-01",
            "2028-12-31",
            "IP-40010001",
        ],
        [
            "20",
            "CT maintenance",
            "2026-01-01",
            "2027-06-30",
            "IP-40010002;IP-40010003",
        ],
    ];
    lines
        .iter()
        .map(|line| contract.iter().chain(line).copied().collect())
        .collect()
}

async fn contract_seen_by(app: &TestApp, username: &str, number: &str) -> Option<ContractDetail> {
    let token = app.tokens_for(username).await.access_token;
    let page: ContractPage = app
        .get_json(&format!("/api/v1/contracts?q={number}"), &token)
        .await;
    let summary = page.items.into_iter().find(|c| c.number == number)?;
    Some(
        app.get_json(&format!("/api/v1/contracts/{}", summary.id), &token)
            .await,
    )
}

#[tokio::test]
async fn an_imported_contract_has_its_lines_and_covered_products_and_a_changed_line_updates_only_it(
) {
    let app = TestApp::spawn().await.unwrap();
    let contracts = Importer {
        app: &app,
        kind: ImportKind::Contracts,
        columns: &CONTRACT_COLUMNS,
    };
    let report = contracts.apply(&contract_rows()).await;
    assert!(report.applied, "{:?}", report.problems);
    assert_eq!(counts(&report), (2, 2, 0, 0));
    let contract = contract_seen_by(&app, "nl.manager", "SC-80000001")
        .await
        .expect("the customer sees the imported contract");
    assert_eq!(contract.lines.len(), 2);
    let ct = contract
        .lines
        .iter()
        .find(|l| l.line_item_number == "20")
        .unwrap();
    assert_eq!(ct.covered_products.len(), 2);
    assert!(contract_seen_by(&app, "dk.manager", "SC-80000001")
        .await
        .is_none());

    let again = contracts.apply(&contract_rows()).await;
    assert_eq!(counts(&again), (2, 0, 0, 2));
    let mut changed = contract_rows();
    changed[1][12] = "IP-40010002";
    let report = contracts.apply(&changed).await;
    assert_eq!(counts(&report), (2, 0, 1, 1));
    let contract = contract_seen_by(&app, "nl.manager", "SC-80000001")
        .await
        .unwrap();
    let ct = contract
        .lines
        .iter()
        .find(|l| l.line_item_number == "20")
        .unwrap();
    assert_eq!(ct.covered_products.len(), 1);
}

#[tokio::test]
async fn contract_rows_that_disagree_or_name_another_customers_products_are_refused() {
    let app = TestApp::spawn().await.unwrap();
    let contracts = Importer {
        app: &app,
        kind: ImportKind::Contracts,
        columns: &CONTRACT_COLUMNS,
    };
    let mut rows = contract_rows();
    rows[1][5] = "expired";
    // A parts-only contract of one line covering `covered`.
    let parts_only = |number, covered| {
        let mut row = vec!["LUMC-1000", number, "LUMC-1001", "", "Parts only", "active"];
        row.extend([
            "2026-01-01",
            "2026-12-31",
            "10",
            "Parts",
            "2026-01-01",
            "2026-12-31",
        ]);
        row.push(covered);
        row
    };
    rows.push(parts_only("SC-80000002", "IP-40020001;IP-49999999"));
    rows.push(parts_only("SC-70000006", ""));
    let report = contracts.apply(&rows).await;
    assert!(!report.applied);
    let found = problems(&report);
    assert_eq!(found[0], (3, "status", "expired", ImportIssue::Conflicting));
    assert_eq!(
        found[1],
        (
            4,
            "covered_products",
            "IP-40020001",
            ImportIssue::OtherCustomer
        )
    );
    assert_eq!(
        found[2],
        (
            4,
            "covered_products",
            "IP-49999999",
            ImportIssue::UnknownProduct
        )
    );
    // SC-70000006 is the Danish customer's.
    assert_eq!(found[3].1, "contract_number");
    assert_eq!(found[3].3, ImportIssue::OtherCustomer);
    assert!(contract_seen_by(&app, "nl.manager", "SC-80000001")
        .await
        .is_none());
}

// --- warranties --------------------------------------------------------

#[tokio::test]
async fn imported_warranties_show_on_their_product_and_a_changed_end_date_updates_one() {
    let app = TestApp::spawn().await.unwrap();
    let warranties = Importer {
        app: &app,
        kind: ImportKind::Warranties,
        columns: &WARRANTY_COLUMNS,
    };
    let rows = vec![
        vec![
            "LUMC-1000",
            "WR-1",
            "IP-40010001",
            "Manufacturer's warranty",
            "2026-01-01",
            "2027-12-31",
        ],
        vec![
            "LUMC-1000",
            "WR-2",
            "IP-40010002",
            "Extended warranty, parts",
            "2026-01-01",
            "2028-12-31",
        ],
    ];
    let report = warranties.apply(&rows).await;
    assert!(report.applied, "{:?}", report.problems);
    assert_eq!(counts(&report), (2, 2, 0, 0));
    let token = app.tokens_for("nl.manager").await.access_token;
    let page: WarrantyPage = app.get_json("/api/v1/warranties?q=Extended", &token).await;
    assert_eq!(page.items.len(), 1);
    let dk = app.tokens_for("dk.manager").await.access_token;
    let theirs: WarrantyPage = app.get_json("/api/v1/warranties?q=Extended", &dk).await;
    assert!(theirs.items.is_empty());

    let mut changed = rows.clone();
    changed[0][5] = "2028-03-31";
    let report = warranties.apply(&changed).await;
    assert_eq!(counts(&report), (2, 0, 1, 1));

    let mut foreign = rows;
    foreign[1][2] = "IP-40020001";
    let report = warranties.check(&foreign).await;
    assert_eq!(
        problems(&report),
        [(
            3,
            "installed_product",
            "IP-40020001",
            ImportIssue::OtherCustomer
        )]
    );
}

// --- planned events ----------------------------------------------------

#[tokio::test]
async fn imported_visits_show_in_the_calendar_and_a_moved_row_replans_only_its_visit() {
    use domain::event_import::EVENT_COLUMNS;
    let app = TestApp::spawn().await.unwrap();
    let visits = Importer {
        app: &app,
        kind: ImportKind::PlannedEvents,
        columns: &EVENT_COLUMNS,
    };
    // A visit of the planning system: its id, product, type, status,
    // start and end (with their offset) and engineer; on site, no case.
    let visit = |cells: [&'static str; 7]| {
        let mut row = vec!["LUMC-1000"];
        row.extend(cells);
        row.extend(["onsite", ""]);
        row
    };
    let rows = vec![
        visit([
            "PLAN-1",
            "IP-40010001",
            "preventive_maintenance",
            "tentative",
            "2027-03-10T09:00:00+01:00",
            "2027-03-10T13:00:00+01:00",
            "service",
        ]),
        visit([
            "PLAN-2",
            "IP-40010002",
            "installation",
            "confirmed",
            "2027-03-11T09:00:00+01:00",
            "2027-03-11T17:00:00+01:00",
            "",
        ]),
    ];
    let report = visits.apply(&rows).await;
    assert!(report.applied, "{:?}", report.problems);
    assert_eq!(counts(&report), (2, 2, 0, 0));
    let token = app.tokens_for("nl.manager").await.access_token;
    let march = "/api/v1/planned-events?from=2027-03-01T00:00:00Z&to=2027-04-01T00:00:00Z";
    let page: api_types::PlannedEventPage = app.get_json(march, &token).await;
    // The demo's own visits are around today; these are the imported ones.
    let imported: Vec<_> = page
        .items
        .iter()
        .filter(|e| ["IP-40010001", "IP-40010002"].contains(&e.installed_product.number.as_str()))
        .collect();
    assert_eq!(imported.len(), 2);
    assert_eq!(
        imported[0].when,
        "10-03-2027 09:00 – 13:00 (Europe/Amsterdam)"
    );
    assert!(imported[0].engineer.is_some());

    let mut moved = rows.clone();
    moved[1][5] = "2027-03-12T09:00:00+01:00";
    moved[1][6] = "2027-03-12T17:00:00+01:00";
    let report = visits.apply(&moved).await;
    assert_eq!(counts(&report), (2, 0, 1, 1));

    let mut wrong = rows;
    wrong[0][2] = "IP-40020001";
    wrong[1][7] = "nl.manager";
    let report = visits.check(&wrong).await;
    assert_eq!(
        problems(&report),
        [
            (
                2,
                "installed_product",
                "IP-40020001",
                ImportIssue::OtherCustomer
            ),
            (3, "engineer", "nl.manager", ImportIssue::UnknownEngineer),
        ]
    );
}

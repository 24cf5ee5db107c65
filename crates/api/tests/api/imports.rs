use crate::import_files;
use api::imports::{ImportKind, ImportReport};
use api_types::{
    ImportRunDto, ImportStatusDto, InstalledProductDetail, InstalledProductPage, ProblemCode,
};
use domain::import::ImportIssue;
use domain::product_import::PRODUCT_COLUMNS;
use persistence::repositories::audit;
use test_support::expect_problem_code;
use test_support::TestApp;

/// A row of the demo ERP: product `n` at Lindenhaven's first site.
fn row(n: u32) -> Vec<String> {
    [
        "LUMC-1000",
        &format!("IP-7000{n:04}"),
        &format!("Imported scanner {n}"),
        &format!("SN-7000{n:04}"),
        "",
        "",
        "CT",
        "Incisive",
        "hardware",
        "Radiology",
        "2022-05-01",
        "active",
        "LUMC-1001",
        "LUMC-1001",
        "no",
        "2032-12-31",
        "",
    ]
    .map(str::to_owned)
    .to_vec()
}

fn csv(rows: &[Vec<String>]) -> String {
    import_files::csv(&PRODUCT_COLUMNS, rows)
}

fn twenty() -> Vec<Vec<String>> {
    (1..=20).map(row).collect()
}

async fn run(app: &TestApp, file: &str, dry_run: bool) -> ImportReport {
    import_files::run(app, ImportKind::InstalledProducts, file, dry_run).await
}

async fn imported_seen_by(app: &TestApp, username: &str) -> u64 {
    let token = app.tokens_for(username).await.access_token;
    let page: InstalledProductPage = app
        .get_json("/api/v1/installed-products?q=Imported", &token)
        .await;
    page.paging.total
}

fn issues(report: &ImportReport) -> Vec<(u64, &str, ImportIssue)> {
    report
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_str(), p.issue))
        .collect()
}

#[tokio::test]
async fn a_dry_run_names_each_bad_row_and_stores_nothing_then_the_fixed_file_is_imported() {
    let app = TestApp::spawn().await.unwrap();
    let mut rows = twenty();
    rows[3][12] = "LUMC-9999".into(); // line 5: no such account
    rows[7][10] = "01-05-2022".into(); // line 9: not a date
    let checked = run(&app, &csv(&rows), true).await;
    assert_eq!(
        issues(&checked),
        [
            (5, "owner_account", ImportIssue::UnknownAccount),
            (9, "install_date", ImportIssue::BadDate)
        ]
    );
    assert_eq!((checked.rows, checked.created), (20, 18));
    assert!(!checked.applied);
    assert_eq!(imported_seen_by(&app, "nl.manager").await, 0);

    // A real run of a file with problems stores nothing either.
    let refused = run(&app, &csv(&rows), false).await;
    assert!(!refused.applied);
    assert_eq!(imported_seen_by(&app, "nl.manager").await, 0);

    let fixed = run(&app, &csv(&twenty()), false).await;
    assert!(fixed.problems.is_empty(), "{:?}", fixed.problems);
    assert!(fixed.applied);
    assert_eq!(fixed.created, 20);
    assert_eq!(imported_seen_by(&app, "nl.manager").await, 20);
    // Only Lindenhaven sees them.
    assert_eq!(imported_seen_by(&app, "dk.manager").await, 0);
}

#[tokio::test]
async fn importing_the_same_file_again_changes_nothing_and_a_changed_row_updates_only_its_product()
{
    let app = TestApp::spawn().await.unwrap();
    let first = run(&app, &csv(&twenty()), false).await;
    let token = app.tokens_for("nl.manager").await.access_token;
    let page: InstalledProductPage = app
        .get_json("/api/v1/installed-products?q=IP-70000005", &token)
        .await;
    let id = page.items[0].id.to_string();
    let history = || audit::for_entity(&app.db, "installed_product", &id);
    let created = history().await.unwrap();
    assert_eq!(created.len(), 1);
    assert_eq!(created[0].action, "installed_product.import.create");
    assert_eq!(
        created[0].new_value.as_ref().unwrap()["import"],
        first.id.to_string(),
        "the entry names the import"
    );

    let again = run(&app, &csv(&twenty()), false).await;
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 20));
    assert_eq!(
        history().await.unwrap().len(),
        1,
        "nothing changed, nothing logged"
    );

    let mut changed = twenty();
    changed[4][2] = "Imported scanner 5 (room 2)".into();
    let update = run(&app, &csv(&changed), false).await;
    assert_eq!(
        (update.created, update.updated, update.unchanged),
        (0, 1, 19)
    );
    let entries = history().await.unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1].action, "installed_product.import.update");
    assert_eq!(
        entries[1].old_value.as_ref().unwrap()["description"],
        "Imported scanner 5"
    );
    assert_eq!(
        entries[1].new_value.as_ref().unwrap()["description"],
        "Imported scanner 5 (room 2)"
    );
    let detail: InstalledProductDetail = app
        .get_json(&format!("/api/v1/installed-products/{id}"), &token)
        .await;
    assert_eq!(detail.description, "Imported scanner 5 (room 2)");
}

#[tokio::test]
async fn an_import_cannot_touch_another_customers_products_or_accounts() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("dk.manager").await.access_token;
    let danish_ct = app.demo.product("IP-40020002").id;
    let danish: InstalledProductDetail = app
        .get_json(&format!("/api/v1/installed-products/{danish_ct}"), &token)
        .await;

    let mut rows = twenty();
    rows[0][1] = "IP-40020002".into(); // line 2: a Danish product's number
    rows[1][13] = "NKH-1001".into(); // line 3: a Danish account
    rows[2][3] = danish.serial_number.clone(); // line 4: a stored serial
    rows[3][0] = "NOPE-1000".into(); // line 5: no such customer
    rows[4][8] = "laptop".into(); // line 6: not a kind
    rows[6][3] = rows[5][3].clone(); // line 8: the serial of line 7
    let report = run(&app, &csv(&rows), false).await;
    assert_eq!(
        issues(&report),
        [
            (2, "number", ImportIssue::OtherCustomer),
            (3, "location_account", ImportIssue::UnknownAccount),
            (4, "serial_number", ImportIssue::SerialTaken),
            (5, "parent_account", ImportIssue::UnknownAccount),
            (6, "kind", ImportIssue::UnknownKind),
            (8, "serial_number", ImportIssue::Duplicate),
        ]
    );
    assert!(!report.applied);
    let after: InstalledProductDetail = app
        .get_json(&format!("/api/v1/installed-products/{danish_ct}"), &token)
        .await;
    assert_eq!(after.description, danish.description);
}

#[tokio::test]
async fn a_file_without_a_column_or_with_a_broken_line_is_refused_whole() {
    let app = TestApp::spawn().await.unwrap();
    let no_serial = csv(&twenty()).replacen("serial_number", "serial", 1);
    let report = run(&app, &no_serial, false).await;
    assert_eq!(
        issues(&report),
        [(1, "serial_number", ImportIssue::MissingColumn)]
    );

    let mut broken = csv(&twenty());
    broken.push_str("LUMC-1000,IP-79999999\n");
    let report = run(&app, &broken, false).await;
    assert_eq!(issues(&report), [(22, "", ImportIssue::WrongFieldCount)]);
    assert_eq!(imported_seen_by(&app, "nl.manager").await, 0);
}

async fn post_file(app: &TestApp, token: &str, file: &str, dry_run: bool) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url(&format!(
            "/api/v1/imports?kind=installed-products&dry_run={dry_run}"
        )))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(file.to_owned())
        .send()
        .await
        .unwrap()
}

/// Follows a run until it ends (it runs in the background).
async fn ended(app: &TestApp, token: &str, started: reqwest::Response) -> ImportRunDto {
    assert_eq!(started.status(), 202);
    let location = started.headers()["location"].to_str().unwrap().to_owned();
    for _ in 0..200 {
        let run: ImportRunDto = app.get_json(&location, token).await;
        if run.status != ImportStatusDto::Running {
            return run;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the import at {location} did not end");
}

#[tokio::test]
async fn the_service_side_uploads_a_file_follows_the_run_and_downloads_its_problems() {
    let app = TestApp::spawn().await.unwrap();
    let service = app.tokens_for("service").await.access_token;
    let mut rows = twenty();
    rows[3][12] = "LUMC-9999".into();
    let checked = ended(
        &app,
        &service,
        post_file(&app, &service, &csv(&rows), true).await,
    )
    .await;
    assert_eq!(checked.status, ImportStatusDto::Done);
    assert!(checked.dry_run);
    assert_eq!((checked.rows_total, checked.rows_done), (20, 20));
    let report = checked.report.unwrap();
    assert_eq!((report.created, report.applied), (19, false));
    assert_eq!(report.problems[0].line, 5);
    assert_eq!(report.problems[0].code, "unknown_account");
    assert_eq!(
        report.problems[0].reason,
        "No account with this number in the customer's accounts."
    );

    let problems = app
        .get(
            &format!("/api/v1/imports/{}/problems.csv", checked.id),
            &service,
        )
        .await;
    assert_eq!(problems.status(), 200);
    let text = problems.text().await.unwrap();
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        [
            "line,column,value,reason",
            "5,owner_account,LUMC-9999,No account with this number in the customer's accounts."
        ]
    );

    let applied = ended(
        &app,
        &service,
        post_file(&app, &service, &csv(&twenty()), false).await,
    )
    .await;
    assert!(applied.report.unwrap().applied);
    assert_eq!(imported_seen_by(&app, "nl.manager").await, 20);

    // The template names every column and is itself a valid file.
    let template = app
        .get("/api/v1/imports/templates/installed-products.csv", &service)
        .await
        .text()
        .await
        .unwrap();
    assert!(template.starts_with(&PRODUCT_COLUMNS.join(",")));
    let tried = ended(
        &app,
        &service,
        post_file(&app, &service, &template, true).await,
    )
    .await;
    let tried = tried.report.unwrap();
    assert!(tried.problems.is_empty(), "{:?}", tried.problems);
    assert_eq!(tried.created, 1);
}

#[tokio::test]
async fn a_manager_cannot_import_and_a_file_must_be_csv() {
    let app = TestApp::spawn().await.unwrap();
    let manager = app.tokens_for("nl.manager").await.access_token;
    let refused = post_file(&app, &manager, &csv(&twenty()), false).await;
    expect_problem_code(refused, 403, ProblemCode::Forbidden).await;
    assert_eq!(imported_seen_by(&app, "nl.manager").await, 0);

    let admin = app.tokens_for("admin").await.access_token;
    let json = reqwest::Client::new()
        .post(app.url("/api/v1/imports?kind=installed-products"))
        .bearer_auth(&admin)
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    let p = expect_problem_code(json, 415, ProblemCode::UnsupportedMediaType).await;
    assert!(
        p.detail.contains("text/csv"),
        "says what it takes: {}",
        p.detail
    );
    // What a generated client sends is taken too.
    let bytes = reqwest::Client::new()
        .post(app.url("/api/v1/imports?kind=installed-products&dry_run=true"))
        .bearer_auth(&admin)
        .header("content-type", "application/octet-stream")
        .body(csv(&twenty()))
        .send()
        .await
        .unwrap();
    assert_eq!(bytes.status(), 202);
    let empty = post_file(&app, &admin, "", false).await;
    expect_problem_code(empty, 422, ProblemCode::EmptyFile).await;
}

#[tokio::test]
async fn a_run_a_stopped_server_left_is_marked_failed_with_why() {
    let app = TestApp::spawn().await.unwrap();
    let service = app.tokens_for("service").await.access_token;
    let me: api_types::MeResponse = app.get_json("/api/v1/me", &service).await;
    let id = uuid::Uuid::new_v4();
    let long_ago = chrono::Utc::now() - chrono::Duration::hours(1);
    let by = domain::UserId::from_uuid(me.id);
    persistence::repositories::import_runs::start(
        &app.db,
        id,
        "installed_products",
        false,
        by,
        100,
        long_ago,
    )
    .await
    .unwrap();
    assert_eq!(api::imports::fail_abandoned(&app.state).await.unwrap(), 1);
    let run: ImportRunDto = app
        .get_json(&format!("/api/v1/imports/{id}"), &service)
        .await;
    assert_eq!(run.status, ImportStatusDto::Failed);
    assert!(run.failure.unwrap().contains("server stopped"));
}

#[tokio::test]
async fn a_run_started_on_one_server_is_followed_to_its_end_from_another() {
    let first = TestApp::spawn().await.unwrap();
    let second = first
        .spawn_beside(std::sync::Arc::new(api::clock::SystemClock))
        .await
        .unwrap();
    let service = first.tokens_for("service").await.access_token;
    let rows: Vec<Vec<String>> = (1..=2000).map(row).collect();
    let started = post_file(&first, &service, &csv(&rows), false).await;
    assert_eq!(started.status(), 202);
    let location = started.headers()["location"].to_str().unwrap().to_owned();
    // The other process answers for the run it does not hold: running (with
    // its total) until the first one finishes it, then its report.
    let mut run: ImportRunDto = second.get_json(&location, &service).await;
    assert_eq!(run.rows_total, 2000);
    for _ in 0..600 {
        if run.status != ImportStatusDto::Running {
            break;
        }
        assert!(run.rows_done <= run.rows_total);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        run = second.get_json(&location, &service).await;
    }
    assert_eq!(run.status, ImportStatusDto::Done);
    let report = run.report.expect("the report");
    assert!(report.applied);
    assert_eq!(report.created, 2000);
    assert_eq!(imported_seen_by(&second, "nl.manager").await, 2000);
}

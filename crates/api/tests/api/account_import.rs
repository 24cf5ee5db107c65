use crate::import_files::{self, counts};
use api::imports::{ImportKind, ImportReport};
use api_types::{AccountListResponse, ImportRunDto, ImportStatusDto, ProblemCode};
use domain::account_import::ACCOUNT_COLUMNS;
use domain::import::ImportIssue;
use persistence::repositories::audit;
use std::collections::BTreeMap;
use test_support::{expect_problem_code, TestApp};

/// A new customer: its parent account and three accounts below it, the
/// children listed before their parents.
const ZUIDERZEE: [[&str; 9]; 4] = [
    [
        "ZZH-1000",
        "ZZH-1011",
        "ZZH-1001",
        "Radiologie",
        "department",
        "NL",
        "Lelystad",
        "",
        "",
    ],
    [
        "ZZH-1000",
        "ZZH-1001",
        "ZZH-1000",
        "ZZH Lelystad",
        "site",
        "NL",
        "Lelystad",
        "Ziekenhuisweg 1",
        "Benelux",
    ],
    [
        "ZZH-1000",
        "ZZH-1002",
        "ZZH-1000",
        "ZZH Emmeloord",
        "site",
        "nl",
        "Emmeloord",
        "",
        "Benelux",
    ],
    [
        "ZZH-1000",
        "ZZH-1000",
        "",
        "Zuiderzee Ziekenhuis",
        "hospital_group",
        "NL",
        "Lelystad",
        "",
        "Benelux",
    ],
];

fn csv(rows: &[[&str; 9]]) -> String {
    import_files::csv(&ACCOUNT_COLUMNS, rows)
}

async fn run(app: &TestApp, file: &str, dry_run: bool) -> ImportReport {
    import_files::run(app, ImportKind::Accounts, file, dry_run).await
}

/// The accounts whose source id starts with `prefix`, by source id, as the
/// admin's list shows them.
async fn accounts_named(
    app: &TestApp,
    prefix: &str,
) -> BTreeMap<String, api_types::AccountResponse> {
    let token = app.tokens_for("admin").await.access_token;
    let all: AccountListResponse = app.get_json("/api/v1/accounts", &token).await;
    all.items
        .into_iter()
        .filter_map(|a| Some((a.source_id.clone()?, a)))
        .filter(|(source, _)| source.starts_with(prefix))
        .collect()
}

#[tokio::test]
async fn a_dry_run_counts_a_new_customers_tree_in_any_order_and_stores_nothing() {
    let app = TestApp::spawn().await.unwrap();
    let report = run(&app, &csv(&ZUIDERZEE), true).await;
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(counts(&report), (4, 4, 0, 0));
    assert!(!report.applied);
    assert!(accounts_named(&app, "ZZH-").await.is_empty());
}

#[tokio::test]
async fn an_imported_tree_is_built_and_importing_it_again_changes_nothing() {
    let app = TestApp::spawn().await.unwrap();
    let report = run(&app, &csv(&ZUIDERZEE), false).await;
    assert!(report.applied);
    let stored = accounts_named(&app, "ZZH-").await;
    let by_source = |s: &str| &stored[s];
    let top = by_source("ZZH-1000");
    assert_eq!(top.parent_id, None);
    assert_eq!(top.parent_account_id, Some(top.id));
    assert_eq!(by_source("ZZH-1001").parent_id, Some(top.id));
    assert_eq!(
        by_source("ZZH-1011").parent_id,
        Some(by_source("ZZH-1001").id)
    );
    assert_eq!(by_source("ZZH-1002").country, "NL");

    let again = run(&app, &csv(&ZUIDERZEE), false).await;
    assert_eq!(counts(&again), (4, 0, 0, 4));
}

#[tokio::test]
async fn a_changed_file_updates_only_the_changed_rows_and_the_audit_names_the_import() {
    let app = TestApp::spawn().await.unwrap();
    run(&app, &csv(&ZUIDERZEE), false).await;
    let mut changed = ZUIDERZEE;
    // Radiology moves to Emmeloord; Emmeloord gets its address.
    changed[0][2] = "ZZH-1002";
    changed[2][7] = "Noordzee 2";
    let report = run(&app, &csv(&changed), false).await;
    assert_eq!(counts(&report), (4, 0, 2, 2));

    let stored = accounts_named(&app, "ZZH-").await;
    let by_source = |s: &str| &stored[s];
    assert_eq!(
        by_source("ZZH-1011").parent_id,
        Some(by_source("ZZH-1002").id)
    );
    let history = audit::for_entity(&app.db, "account", &by_source("ZZH-1002").id.to_string())
        .await
        .unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.action, "account.import.update");
    assert_eq!(
        last.old_value.as_ref().unwrap()["address"],
        serde_json::Value::Null
    );
    assert_eq!(last.new_value.as_ref().unwrap()["address"], "Noordzee 2");
    assert_eq!(
        last.new_value.as_ref().unwrap()["import"],
        report.id.to_string()
    );
}

#[tokio::test]
async fn every_bad_row_is_reported_with_its_line_and_nothing_is_written() {
    let app = TestApp::spawn().await.unwrap();
    let mut rows = ZUIDERZEE.to_vec();
    // Line 6: an account of another customer (Nordkyst's site).
    rows.push([
        "ZZH-1000", "NKH-1001", "ZZH-1000", "Taken", "site", "DK", "", "", "",
    ]);
    // Line 7: a parent that is nowhere.
    rows.push([
        "ZZH-1000", "ZZH-1003", "ZZH-1999", "Orphan", "site", "NL", "", "", "",
    ]);
    // Line 8: the same source id again.
    rows.push([
        "ZZH-1000", "ZZH-1002", "ZZH-1000", "Twice", "site", "NL", "", "", "",
    ]);
    // Line 9: a wrong type and country.
    rows.push([
        "ZZH-1000", "ZZH-1004", "ZZH-1000", "Clinic", "clinic", "NLD", "", "", "",
    ]);
    // Line 10: a parent in another customer's tree.
    rows.push([
        "ZZH-1000",
        "ZZH-1005",
        "LUMC-1001",
        "Borrowed",
        "site",
        "NL",
        "",
        "",
        "",
    ]);
    let report = run(&app, &csv(&rows), false).await;
    let found: Vec<(u64, &str, ImportIssue)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_str(), p.issue))
        .collect();
    assert_eq!(
        found,
        [
            (6, "source_id", ImportIssue::OtherCustomer),
            (7, "parent", ImportIssue::UnknownAccount),
            (8, "source_id", ImportIssue::Duplicate),
            (9, "kind", ImportIssue::UnknownAccountKind),
            (9, "country", ImportIssue::BadCountry),
            (10, "parent", ImportIssue::OtherCustomer),
        ]
    );
    assert!(!report.applied);
    assert!(accounts_named(&app, "ZZH-").await.is_empty());
    let missing = run(&app, "parent_account,source_id,name\n", false).await;
    let columns: Vec<&str> = missing.problems.iter().map(|p| p.column.as_str()).collect();
    assert_eq!(
        columns,
        ["parent", "kind", "country", "city", "address", "market"]
    );
}

#[tokio::test]
async fn the_service_side_imports_accounts_over_the_api_and_a_manager_cannot() {
    let app = TestApp::spawn().await.unwrap();
    let upload = |token: String| {
        let app = &app;
        async move {
            app.client
                .post(app.url("/api/v1/imports?kind=accounts"))
                .bearer_auth(token)
                .header("content-type", "text/csv")
                .body(csv(&ZUIDERZEE))
                .send()
                .await
                .unwrap()
        }
    };
    let manager = app.tokens_for("nl.manager").await.access_token;
    expect_problem_code(upload(manager).await, 403, ProblemCode::Forbidden).await;

    let service = app.tokens_for("service").await.access_token;
    let response = upload(service.clone()).await;
    assert_eq!(response.status(), 202);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let mut run: ImportRunDto = response.json().await.unwrap();
    assert_eq!(run.kind, "accounts");
    for _ in 0..100 {
        if run.status != ImportStatusDto::Running {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        run = app.get_json(&location, &service).await;
    }
    let report = run.report.expect("done");
    assert!(report.applied);
    assert_eq!(report.created, 4);
    assert_eq!(accounts_named(&app, "ZZH-").await.len(), 4);

    let template = app
        .get("/api/v1/imports/templates/accounts.csv", &service)
        .await;
    assert_eq!(template.status(), 200);
    let text = template.text().await.unwrap();
    assert!(text.starts_with(&ACCOUNT_COLUMNS.join(",")));
}

/// A workbook as a spreadsheet program writes it: one sheet, text cells,
/// empty cells left out, and `rows` at their sheet row numbers (1-based).
fn workbook(rows: &[(u32, Vec<&str>)]) -> Vec<u8> {
    use std::io::Write;
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut sheet = String::new();
    for (number, cells) in rows {
        sheet.push_str(&format!("<row r=\"{number}\">"));
        for (i, value) in cells.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            let column = char::from(b'A' + i as u8);
            sheet.push_str(&format!(
                "<c r=\"{column}{number}\" t=\"inlineStr\"><is><t>{value}</t></is></c>"
            ));
        }
        sheet.push_str("</row>");
    }
    let parts = [
        ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".to_owned()),
        ("_rels/.rels", format!("<Relationships xmlns=\"{RELS}\"><Relationship Id=\"rId1\" Type=\"{DOC}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")),
        ("xl/workbook.xml", format!("<workbook xmlns=\"{MAIN}\" xmlns:r=\"{DOC}\"><sheets><sheet name=\"Accounts\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")),
        ("xl/_rels/workbook.xml.rels", format!("<Relationships xmlns=\"{RELS}\"><Relationship Id=\"rId1\" Type=\"{DOC}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>")),
        ("xl/worksheets/sheet1.xml", format!("<worksheet xmlns=\"{MAIN}\"><sheetData>{sheet}</sheetData></worksheet>")),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

async fn upload_workbook(
    app: &TestApp,
    token: &str,
    body: Vec<u8>,
    dry_run: bool,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/imports?kind=accounts&dry_run={dry_run}")))
        .bearer_auth(token)
        .header("content-type", api::spreadsheet::XLSX)
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn finished(app: &TestApp, token: &str, response: reqwest::Response) -> ImportRunDto {
    assert_eq!(response.status(), 202);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let mut run: ImportRunDto = response.json().await.unwrap();
    for _ in 0..100 {
        if run.status != ImportStatusDto::Running {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        run = app.get_json(&location, token).await;
    }
    run
}

#[tokio::test]
async fn an_xlsx_workbook_imports_like_its_csv_and_a_problem_names_the_sheets_row() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("admin").await.access_token;
    let mut rows: Vec<(u32, Vec<&str>)> = vec![(1, ACCOUNT_COLUMNS.to_vec())];
    rows.extend((2..).zip(ZUIDERZEE.iter().map(|r| r.to_vec())));
    // Row 6 is empty; row 7 has a wrong type.
    let bad = vec![
        "ZZH-1000", "ZZH-1009", "ZZH-1000", "Kliniek", "clinic", "NL",
    ];
    let mut with_bad = rows.clone();
    with_bad.push((7, bad));

    let response = upload_workbook(&app, &token, workbook(&with_bad), true).await;
    let report = finished(&app, &token, response).await.report.unwrap();
    let problems: Vec<(u64, &str, &str)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_str(), p.code.as_str()))
        .collect();
    assert_eq!(problems, [(7, "kind", "unknown_account_kind")]);
    assert_eq!(report.rows, 5);

    let response = upload_workbook(&app, &token, workbook(&rows), false).await;
    let report = finished(&app, &token, response).await.report.unwrap();
    assert!(report.applied);
    assert_eq!(report.created, 4);
    let stored = accounts_named(&app, "ZZH-").await;
    let radiology = stored.values().find(|a| a.name == "Radiologie").unwrap();
    assert_eq!(radiology.address, None, "left-out cells are empty");

    // A zip file that is no workbook is refused before any run starts.
    let mut broken = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    broken
        .start_file("hello.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    let broken = broken.finish().unwrap().into_inner();
    let response = upload_workbook(&app, &token, broken, true).await;
    expect_problem_code(response, 400, ProblemCode::InvalidUpload).await;
}

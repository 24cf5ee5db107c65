//! Customised reports: columns, every filter type, sort and group, the
//! refusals, tenancy, and the CSV and xlsx exports read back.

use api_types::{
    CasePage, CaseStatusDto, FieldErrorCode, ProblemCode, ReportCellDto, ReportDefinitionDto,
    ReportFilterDto, ReportFilterOp, ReportQueryDto, ReportRowsResponse, ReportSortDto, SortOrder,
};
use std::sync::Arc;
use test_support::{expect_json, expect_problem, ManualClock, TestApp};

fn filter(column: &str, op: ReportFilterOp) -> ReportFilterDto {
    ReportFilterDto {
        column: column.into(),
        op: Some(op),
        ..ReportFilterDto::default()
    }
}

fn columns(keys: &[&str]) -> ReportQueryDto {
    ReportQueryDto {
        columns: keys.iter().map(|k| (*k).to_owned()).collect(),
        ..ReportQueryDto::default()
    }
}

async fn rows_of(
    app: &TestApp,
    token: &str,
    report: &str,
    query: &ReportQueryDto,
) -> reqwest::Response {
    app.post_json(
        &format!("/api/v1/reports/{report}/rows?page_size=200"),
        token,
        query,
    )
    .await
}

async fn rows(
    app: &TestApp,
    token: &str,
    report: &str,
    query: &ReportQueryDto,
) -> ReportRowsResponse {
    expect_json(rows_of(app, token, report, query).await, 200).await
}

fn text(cell: &Option<ReportCellDto>) -> String {
    match cell {
        Some(ReportCellDto::Text(t)) => t.clone(),
        Some(ReportCellDto::Number(n)) => n.to_string(),
        None => String::new(),
    }
}

/// The demo's Dutch users' today.
fn amsterdam_today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive()
}

fn column(answer: &ReportRowsResponse, index: usize) -> Vec<String> {
    answer.rows.iter().map(|r| text(&r[index])).collect()
}

#[tokio::test]
async fn the_catalogue_lists_every_report_with_labels_in_the_callers_language() {
    let app = TestApp::spawn().await.unwrap();
    let dutch = app.tokens_for("nl.user").await.access_token;
    let reports: Vec<ReportDefinitionDto> = app.get_json("/api/v1/reports", &dutch).await;
    let names: Vec<_> = reports.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        names,
        [
            "Cases",
            "Geïnstalleerde producten",
            "Contracten",
            "Geplande bezoeken"
        ]
    );
    let cases = &reports[0];
    let status = cases.columns.iter().find(|c| c.key == "status").unwrap();
    assert_eq!(status.choices, ["new", "in_process", "fixed", "closed"]);
    let opened = cases
        .columns
        .iter()
        .find(|c| c.key == "created_at")
        .unwrap();
    assert_eq!(opened.label, "Geopend");
}

#[tokio::test]
async fn a_report_shows_the_chosen_columns_in_order_over_the_callers_cases_only() {
    let app = TestApp::spawn().await.unwrap();
    for user in ["nl.user", "dk.user"] {
        let token = app.tokens_for(user).await.access_token;
        let answer = rows(&app, &token, "cases", &columns(&["priority", "number"])).await;
        let keys: Vec<_> = answer.columns.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["priority", "number"]);
        // A report covers history too: the list's current and historical cases.
        let current: CasePage = app.get_json("/api/v1/cases?page_size=200", &token).await;
        let history: CasePage = app
            .get_json("/api/v1/cases?page_size=200&historical=true", &token)
            .await;
        let mut reported = column(&answer, 1);
        let mut listed: Vec<_> = current
            .items
            .iter()
            .chain(&history.items)
            .map(|c| c.number.clone())
            .collect();
        reported.sort();
        listed.sort();
        assert_eq!(reported, listed, "{user} sees exactly their own cases");
    }
}

#[tokio::test]
async fn every_column_of_every_report_sorts_filters_and_groups_on_this_database() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("service").await.access_token;
    let reports: Vec<ReportDefinitionDto> = app.get_json("/api/v1/reports", &token).await;
    for report in &reports {
        let key = serde_json::to_value(report.report).unwrap();
        let key = key.as_str().unwrap();
        let all: Vec<&str> = report.columns.iter().map(|c| c.key.as_str()).collect();
        let answer = rows(&app, &token, key, &columns(&all)).await;
        assert!(answer.paging.total > 0, "{key} has demo rows");
        assert_eq!(answer.rows[0].len(), all.len());
        for column in &report.columns {
            let query = ReportQueryDto {
                columns: vec![column.key.clone()],
                sort: vec![ReportSortDto {
                    column: column.key.clone(),
                    order: SortOrder::Desc,
                }],
                group_by: Some(column.key.clone()),
                ..ReportQueryDto::default()
            };
            let grouped = rows(&app, &token, key, &query).await;
            let counted: u64 = grouped.groups.iter().map(|g| g.count).sum();
            assert_eq!(counted, answer.paging.total, "{key}.{}", column.key);
        }
    }
}

#[tokio::test]
async fn text_filters_ignore_case_and_number_ranges_include_their_bounds() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    app.case("IP-40010001")
        .priority(2)
        .description("Gantry noise")
        .create(&token)
        .await;
    app.case("IP-40010001")
        .priority(3)
        .description("GANTRY squeak")
        .create(&token)
        .await;
    app.case("IP-40010001")
        .priority(5)
        .description("Coil question")
        .create(&token)
        .await;

    let mut contains = filter("title", ReportFilterOp::Contains);
    contains.value = Some("gantry".into());
    let mut range = filter("priority", ReportFilterOp::Between);
    range.min = Some(2.0);
    range.max = Some(3.0);
    let query = ReportQueryDto {
        filters: vec![contains.clone(), range],
        ..columns(&["title", "priority"])
    };
    let answer = rows(&app, &token, "cases", &query).await;
    let mut priorities = column(&answer, 1);
    priorities.sort();
    assert_eq!(priorities, ["2", "3"]);

    let mut exactly = filter("priority", ReportFilterOp::Equals);
    exactly.value = Some("3".into());
    let query = ReportQueryDto {
        filters: vec![contains, exactly],
        ..columns(&["title", "priority"])
    };
    let answer = rows(&app, &token, "cases", &query).await;
    assert_eq!(column(&answer, 1), ["3"]);
}

#[tokio::test]
async fn choice_and_date_filters_pick_the_matching_rows() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let service = app.tokens_for("service").await.access_token;
    let case = app.case("IP-40010002").create(&token).await;
    app.moved_case(&service, &case, CaseStatusDto::InProcess)
        .await;

    let mut status = filter("status", ReportFilterOp::OneOf);
    status.values = vec!["in_process".into()];
    let mut today = filter("created_at", ReportFilterOp::WithinDays);
    today.from_days = Some(0);
    today.to_days = Some(0);
    let query = ReportQueryDto {
        filters: vec![status, today],
        ..columns(&["number", "status"])
    };
    let answer = rows(&app, &token, "cases", &query).await;
    assert_eq!(column(&answer, 0), vec![case.summary.number]);

    let mut long_ago = filter("created_at", ReportFilterOp::Between);
    long_ago.to = Some(chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap());
    let query = ReportQueryDto {
        filters: vec![long_ago],
        ..ReportQueryDto::default()
    };
    assert_eq!(rows(&app, &token, "cases", &query).await.paging.total, 0);
}

#[tokio::test]
async fn expired_contracts_are_those_whose_end_date_has_passed() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.manager").await.access_token;
    let mut expired = filter("expiry", ReportFilterOp::Equals);
    expired.value = Some("expired".into());
    let query = ReportQueryDto {
        filters: vec![expired],
        ..columns(&["number", "end_date", "expiry"])
    };
    let answer = rows(&app, &token, "contracts", &query).await;
    // Expiry counts from the reader's today, in their zone (nl.manager: Amsterdam).
    let today = amsterdam_today().to_string();
    for row in &answer.rows {
        assert!(text(&row[1]) < today, "{row:?}");
        assert_eq!(text(&row[2]), "expired");
    }
    let all = rows(&app, &token, "contracts", &columns(&["expiry"])).await;
    let grouped = ReportQueryDto {
        group_by: Some("expiry".into()),
        ..columns(&["expiry"])
    };
    let groups = rows(&app, &token, "contracts", &grouped).await.groups;
    let expired_group = groups
        .iter()
        .find(|g| g.value == Some(ReportCellDto::Text("expired".into())))
        .map_or(0, |g| g.count);
    assert_eq!(expired_group, answer.paging.total);
    assert_eq!(
        groups.iter().map(|g| g.count).sum::<u64>(),
        all.paging.total
    );
}

#[tokio::test]
async fn grouped_rows_come_together_and_each_group_is_counted() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    for priority in [2, 2, 5] {
        app.case("IP-40010001")
            .priority(priority)
            .create(&token)
            .await;
    }
    let query = ReportQueryDto {
        group_by: Some("priority".into()),
        ..columns(&["number", "priority"])
    };
    let answer = rows(&app, &token, "cases", &query).await;
    let priorities = column(&answer, 1);
    let mut sorted = priorities.clone();
    sorted.sort();
    assert_eq!(
        priorities, sorted,
        "rows of a group stand together, groups in order"
    );
    for group in &answer.groups {
        let value = text(&group.value);
        let rows = priorities.iter().filter(|p| **p == value).count() as u64;
        assert_eq!(group.count, rows, "priority {value}");
    }
}

#[tokio::test]
async fn the_service_desk_groups_every_markets_open_cases_and_a_customer_sees_only_their_own() {
    let app = TestApp::spawn().await.unwrap();
    let mut open = filter("status", ReportFilterOp::OneOf);
    open.values = vec!["new".into(), "in_process".into()];
    let query = ReportQueryDto {
        filters: vec![open],
        group_by: Some("country".into()),
        ..columns(&["number", "country", "priority"])
    };
    let service = app.tokens_for("service").await.access_token;
    let answer = rows(&app, &service, "cases", &query).await;
    let markets: Vec<String> = answer.groups.iter().map(|g| text(&g.value)).collect();
    assert_eq!(markets, ["DK", "NL"], "the demo's two markets, in order");
    assert!(answer.groups.iter().all(|g| g.count > 0));
    let customer = app.tokens_for("nl.user").await.access_token;
    let theirs = rows(&app, &customer, "cases", &query).await;
    assert!(
        theirs.groups.iter().all(|g| text(&g.value) == "NL"),
        "a Dutch hospital's user sees no Danish case"
    );
}

#[tokio::test]
async fn hours_to_fix_count_from_opening_to_closing() {
    let clock = ManualClock::starting_now();
    let app = TestApp::spawn_with_clock(clock.clone() as Arc<dyn domain::Clock>, |_| {})
        .await
        .unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let case = app.case("IP-40010001").create(&token).await;
    clock.advance(chrono::Duration::minutes(36 * 60 + 30));
    // Signed in after the wait: tokens live for minutes.
    let token = app.tokens_for("nl.user").await.access_token;
    let service = app.tokens_for("service").await.access_token;
    let case = app
        .moved_case(&service, &case, CaseStatusDto::InProcess)
        .await;
    let case = app.moved_case(&service, &case, CaseStatusDto::Fixed).await;
    app.moved_case(&service, &case, CaseStatusDto::Closed).await;

    let mut this_one = filter("number", ReportFilterOp::Equals);
    this_one.value = Some(case.summary.number.clone());
    let query = ReportQueryDto {
        filters: vec![this_one],
        ..columns(&["hours_to_fix", "closed_at"])
    };
    let answer = rows(&app, &token, "cases", &query).await;
    assert_eq!(text(&answer.rows[0][0]), "36.5");
}

#[tokio::test]
async fn a_query_the_report_does_not_take_answers_422_naming_each_part() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let mut wrong_type = filter("priority", ReportFilterOp::Contains);
    wrong_type.value = Some("1".into());
    let mut bad_choice = filter("status", ReportFilterOp::Equals);
    bad_choice.value = Some("lost".into());
    let mut upside_down = filter("created_at", ReportFilterOp::WithinDays);
    upside_down.from_days = Some(0);
    upside_down.to_days = Some(-7);
    let query = ReportQueryDto {
        columns: vec!["number".into(), "password_hash".into()],
        filters: vec![wrong_type, bad_choice, upside_down],
        sort: vec![ReportSortDto {
            column: "number; DROP TABLE cases".into(),
            order: SortOrder::Asc,
        }],
        group_by: None,
    };
    let problem = expect_problem(rows_of(&app, &token, "cases", &query).await, 422).await;
    let errors: Vec<_> = problem
        .errors
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect();
    assert_eq!(
        errors,
        [
            ("columns[1]".to_owned(), FieldErrorCode::UnknownColumn),
            (
                "filters[0].op".to_owned(),
                FieldErrorCode::FilterNotForColumn
            ),
            ("filters[1].value".to_owned(), FieldErrorCode::InvalidValue),
            (
                "filters[2].from_days".to_owned(),
                FieldErrorCode::OutOfRange
            ),
            ("sort[0].column".to_owned(), FieldErrorCode::UnknownColumn),
        ]
    );
    let unknown = rows_of(&app, &token, "secrets", &ReportQueryDto::default()).await;
    assert_eq!(
        expect_problem(unknown, 400).await.code,
        ProblemCode::InvalidPath
    );
}

#[tokio::test]
async fn csv_export_quotes_by_rfc_4180_and_offers_the_byte_order_mark() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let case = app.case("IP-40010001").create(&token).await;
    persistence::raw_sql::execute(
        &app.db,
        &format!(
            "UPDATE cases SET title = 'Says \"hi\", then\nstops', customer_reference = '=1+2' WHERE number = '{}'",
            case.summary.number
        ),
    )
    .await
    .unwrap();
    let mut this_one = filter("number", ReportFilterOp::Equals);
    this_one.value = Some(case.summary.number.clone());
    let query = ReportQueryDto {
        filters: vec![this_one],
        ..columns(&["number", "title", "customer_reference", "created_at"])
    };
    let response = app
        .post_json(
            "/api/v1/reports/cases/export?format=csv&bom=true",
            &token,
            &query,
        )
        .await;
    assert_eq!(response.status(), 200);
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    // The file is named after the reader's date in their zone, not UTC's.
    let today = amsterdam_today();
    assert!(
        disposition.contains(&format!("Cases {today}.csv")),
        "{disposition}"
    );
    let body = response.bytes().await.unwrap();
    assert!(body.starts_with(b"\xEF\xBB\xBF"), "starts with the BOM");
    let text = std::str::from_utf8(&body[3..]).unwrap();
    let mut lines = text.split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "Casenummer,Titel,Uw referentie,Geopend (Europe/Amsterdam)"
    );
    let expected = format!(
        "{},\"Says \"\"hi\"\", then\nstops\",'=1+2,",
        case.summary.number
    );
    assert!(text.contains(&expected), "{text}");
    let plain = app
        .post_json("/api/v1/reports/cases/export?format=csv", &token, &query)
        .await
        .bytes()
        .await
        .unwrap();
    assert!(plain.starts_with(b"Casenummer"));
}

#[tokio::test]
async fn xlsx_export_has_typed_cells_dates_and_choices_in_the_readers_zone_and_words_and_a_frozen_heading(
) {
    use calamine::{Data, Reader, Xlsx};
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let case = app.case("IP-40010001").priority(2).create(&token).await;
    let mut this_one = filter("number", ReportFilterOp::Equals);
    this_one.value = Some(case.summary.number.clone());
    let query = ReportQueryDto {
        filters: vec![this_one],
        ..columns(&["number", "priority", "created_at", "status"])
    };
    let response = app
        .post_json("/api/v1/reports/cases/export?format=xlsx", &token, &query)
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let body = response.bytes().await.unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(body.to_vec())).unwrap();
    let sheet = book.worksheet_range("Cases").unwrap();
    assert_eq!(sheet.get((0, 0)), Some(&Data::String("Casenummer".into())));
    assert_eq!(
        sheet.get((0, 2)),
        Some(&Data::String("Geopend (Europe/Amsterdam)".into()))
    );
    assert_eq!(
        sheet.get((1, 0)),
        Some(&Data::String(case.summary.number.clone()))
    );
    assert_eq!(sheet.get((1, 1)), Some(&Data::Float(2.0)));
    // A choice in the reader's words, not its stored value `new`.
    assert_eq!(sheet.get((1, 3)), Some(&Data::String("Nieuw".into())));
    let Some(Data::DateTime(opened)) = sheet.get((1, 2)) else {
        panic!("the opening time is a date cell: {:?}", sheet.get((1, 2)));
    };
    let local = case
        .summary
        .created_at
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .naive_local();
    // Excel counts days (and their fractions) from 1899-12-30.
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let expected = (local - epoch).num_milliseconds() as f64 / 86_400_000.0;
    let written = opened.as_f64();
    assert!(
        (written - expected).abs() * 86_400.0 <= 1.0,
        "{written} vs {expected}"
    );
    let raw = String::from_utf8_lossy(&zip_entry(&body, "xl/worksheets/sheet1.xml")).into_owned();
    assert!(
        raw.contains("state=\"frozen\""),
        "the heading row is frozen"
    );
}

fn zip_entry(zip: &[u8], name: &str) -> Vec<u8> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut entry = archive.by_name(name).unwrap();
    let mut out = Vec::new();
    entry.read_to_end(&mut out).unwrap();
    out
}

#[tokio::test]
async fn charts_count_the_months_cases_by_priority_and_a_down_system_lowers_uptime() {
    use api_types::{DashboardResponse, InstalledProductDetail, ReportChartsResponse};
    let clock = ManualClock::starting_now();
    let app = TestApp::spawn_with_clock(clock.clone() as Arc<dyn domain::Clock>, |_| {})
        .await
        .unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let charts = |token: String| {
        let app = &app;
        async move {
            let charts: ReportChartsResponse = app
                .get_json("/api/v1/reports/charts?months=3&uptime_days=20", &token)
                .await;
            charts
        }
    };
    let before = charts(token.clone()).await;
    assert_eq!(before.cases_per_month.len(), 3);
    let product: InstalledProductDetail =
        app.get_json(&app.product_path("IP-40010001"), &token).await;
    let uptime_of = |c: &ReportChartsResponse| {
        c.uptime_by_modality
            .iter()
            .find(|u| u.modality == product.modality)
            .map(|u| (u.uptime, u.products))
            .unwrap()
    };
    let (up_before, products) = uptime_of(&before);

    app.case("IP-40010001").priority(2).create(&token).await;
    clock.advance(chrono::Duration::days(5));
    let token = app.tokens_for("nl.user").await.access_token;
    let after = charts(token.clone()).await;
    // Five days on, the case may stand in the next month; count all three.
    let total = |c: &ReportChartsResponse| -> u64 {
        c.cases_per_month.iter().map(|m| m.by_priority[1]).sum()
    };
    assert_eq!(
        total(&after),
        total(&before) + 1,
        "one more priority 2 case"
    );
    let (up_after, _) = uptime_of(&after);
    // Down 5 of 20 days for one of the modality's products.
    let expected_drop = 5.0 / (20.0 * products as f64);
    assert!(up_after < up_before, "{up_before} -> {up_after}");
    assert!(
        up_before - up_after <= expected_drop + 1e-6,
        "{up_before} -> {up_after}"
    );

    let dashboard: DashboardResponse = app.get_json("/api/v1/dashboard", &token).await;
    assert_eq!(after.contracts_by_expiry, dashboard.contracts_by_expiry);
}

#[tokio::test]
async fn the_service_desk_sees_each_cases_response_against_its_priority_target_and_days_open() {
    let clock = ManualClock::starting_now();
    let app = TestApp::spawn_with_clock(clock.clone() as Arc<dyn domain::Clock>, |_| {})
        .await
        .unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    // Priority 1 has half an hour, priority 2 four hours (the defaults).
    let quick = app.case("IP-40010001").priority(1).create(&token).await;
    let slow = app.case("IP-40010002").priority(1).create(&token).await;
    let waiting = app.case("IP-40010003").priority(2).create(&token).await;
    clock.advance(chrono::Duration::minutes(20));
    let service = app.tokens_for("service").await.access_token;
    app.moved_case(&service, &quick, CaseStatusDto::InProcess)
        .await;
    clock.advance(chrono::Duration::minutes(100));
    let service = app.tokens_for("service").await.access_token;
    app.moved_case(&service, &slow, CaseStatusDto::InProcess)
        .await;

    let mut ours = filter("number", ReportFilterOp::OneOf);
    ours.values = [&quick, &slow, &waiting]
        .iter()
        .map(|c| c.summary.number.clone())
        .collect();
    let query = ReportQueryDto {
        filters: vec![ours],
        sort: vec![ReportSortDto {
            column: "number".into(),
            order: SortOrder::Asc,
        }],
        ..columns(&[
            "number",
            "hours_to_respond",
            "response_target_hours",
            "response",
            "days_open",
        ])
    };
    let answer = rows(&app, &service, "cases", &query).await;
    // Hours as the API rounds them (to tenths), written to two places.
    let rounded = |cell: &Option<ReportCellDto>| {
        let shown = text(cell);
        shown.parse::<f64>().map_or(shown, |n| format!("{n:.2}"))
    };
    let table: Vec<Vec<String>> = answer
        .rows
        .iter()
        .map(|r| r[1..].iter().map(rounded).collect())
        .collect();
    assert_eq!(
        table,
        [
            ["0.30", "0.50", "within_target", "0.00"],
            ["2.00", "0.50", "over_target", "0.00"],
            ["", "4.00", "awaiting", "0.00"],
        ],
        "answered in 20 minutes, in two hours, and not yet (two hours in)"
    );

    // Three days on, the unanswered case is over its target, and every
    // open case is three days old.
    clock.advance(chrono::Duration::days(3));
    let service = app.tokens_for("service").await.access_token;
    let grouped = ReportQueryDto {
        group_by: Some("response".into()),
        ..query.clone()
    };
    let answer = rows(&app, &service, "cases", &grouped).await;
    let counts: Vec<(String, u64)> = answer
        .groups
        .iter()
        .map(|g| (text(&g.value), g.count))
        .collect();
    assert_eq!(
        counts,
        [
            ("over_target".to_owned(), 2),
            ("within_target".to_owned(), 1)
        ]
    );
    assert!(answer.rows.iter().all(|r| text(&r[4]) == "3"), "days open");
}

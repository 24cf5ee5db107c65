//! Saved report views: private and shared, who changes them, copies, and
//! the audit log.

use api_types::{
    DuplicateReportView, FieldErrorCode, NewReportView, ReportKindDto, ReportQueryDto,
    ReportViewChange, ReportViewDto, ReportViewList,
};
use persistence::repositories::audit;
use reqwest::Method;
use test_support::{expect_json, expect_problem, TestApp};

fn view(name: &str, shared: bool) -> NewReportView {
    NewReportView {
        report: ReportKindDto::Cases,
        name: name.into(),
        query: ReportQueryDto {
            columns: vec!["number".into(), "priority".into()],
            group_by: Some("priority".into()),
            ..ReportQueryDto::default()
        },
        shared,
    }
}

async fn save(app: &TestApp, token: &str, body: &NewReportView) -> reqwest::Response {
    app.post_json("/api/v1/report-views", token, body).await
}

async fn names(app: &TestApp, token: &str) -> Vec<String> {
    let list: ReportViewList = app
        .get_json("/api/v1/report-views?report=cases", token)
        .await;
    list.items.into_iter().map(|v| v.name).collect()
}

fn path(view: &ReportViewDto) -> String {
    format!("/api/v1/report-views/{}", view.id)
}

#[tokio::test]
async fn a_private_view_is_seen_by_its_owner_alone_at_a_stable_address() {
    let app = TestApp::spawn().await.unwrap();
    let user = app.tokens_for("nl.user").await.access_token;
    let colleague = app.tokens_for("nl.viewer").await.access_token;
    let dane = app.tokens_for("dk.manager").await.access_token;
    let response = save(&app, &user, &view("  My open cases ", false)).await;
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let saved: ReportViewDto = expect_json(response, 201).await;
    assert_eq!(saved.name, "My open cases");
    assert!(saved.mine && saved.can_change && !saved.shared);
    assert_eq!(location, path(&saved));
    let again: ReportViewDto = app.get_json(&location, &user).await;
    assert_eq!(again.query, saved.query, "the query comes back as saved");

    assert_eq!(names(&app, &user).await, ["My open cases"]);
    assert!(names(&app, &colleague).await.is_empty());
    for other in [&colleague, &dane] {
        expect_problem(app.get(&location, other).await, 404).await;
    }
}

#[tokio::test]
async fn a_managers_shared_view_reaches_the_parent_account_and_no_other() {
    let app = TestApp::spawn().await.unwrap();
    let manager = app.tokens_for("nl.manager").await.access_token;
    let viewer = app.tokens_for("nl.viewer").await.access_token;
    let dane = app.tokens_for("dk.manager").await.access_token;
    let shared: ReportViewDto =
        expect_json(save(&app, &manager, &view("Team view", true)).await, 201).await;

    let seen: ReportViewDto = app.get_json(&path(&shared), &viewer).await;
    assert!(seen.shared && !seen.mine && !seen.can_change);
    assert_eq!(seen.owner_name, "Anna de Vries");
    assert!(names(&app, &dane).await.is_empty());
    expect_problem(app.get(&path(&shared), &dane).await, 404).await;

    // A colleague may copy it, not change or delete it.
    let change = ReportViewChange {
        name: "Mine now".into(),
        query: shared.query.clone(),
        shared: true,
    };
    let refused = app
        .json_request(Method::PUT, &path(&shared), Some(&viewer), &change)
        .send()
        .await
        .unwrap();
    expect_problem(refused, 403).await;
    expect_problem(app.send(Method::DELETE, &path(&shared), &viewer).await, 403).await;
    let copy: ReportViewDto = expect_json(
        app.post_json(
            &format!("{}/duplicate", path(&shared)),
            &viewer,
            &DuplicateReportView::default(),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(copy.name, "Team view (copy)");
    assert!(copy.mine && !copy.shared);
    let mut seen_by_viewer = names(&app, &viewer).await;
    seen_by_viewer.sort();
    assert_eq!(seen_by_viewer, ["Team view", "Team view (copy)"]);
}

#[tokio::test]
async fn only_a_manager_shares_a_view() {
    let app = TestApp::spawn().await.unwrap();
    for user in ["nl.user", "service"] {
        let token = app.tokens_for(user).await.access_token;
        expect_problem(save(&app, &token, &view("Everyone's", true)).await, 403).await;
        let own: ReportViewDto =
            expect_json(save(&app, &token, &view("Mine", false)).await, 201).await;
        let share = ReportViewChange {
            name: own.name.clone(),
            query: own.query.clone(),
            shared: true,
        };
        let refused = app
            .json_request(Method::PUT, &path(&own), Some(&token), &share)
            .send()
            .await
            .unwrap();
        expect_problem(refused, 403).await;
    }
}

#[tokio::test]
async fn renaming_and_deleting_are_in_the_audit_log_with_old_and_new_values() {
    let app = TestApp::spawn().await.unwrap();
    let manager = app.tokens_for("nl.manager").await.access_token;
    let saved: ReportViewDto =
        expect_json(save(&app, &manager, &view("Draft", false)).await, 201).await;
    let change = ReportViewChange {
        name: "Priority overview".into(),
        query: saved.query.clone(),
        shared: true,
    };
    let changed: ReportViewDto = expect_json(
        app.json_request(Method::PUT, &path(&saved), Some(&manager), &change)
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(changed.name, "Priority overview");
    assert!(changed.shared);
    let deleted = app.send(Method::DELETE, &path(&saved), &manager).await;
    assert_eq!(deleted.status(), 204);
    expect_problem(app.get(&path(&saved), &manager).await, 404).await;

    let history = audit::for_entity(&app.db, "report_view", &saved.id.to_string())
        .await
        .unwrap();
    let actions: Vec<_> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "report_view.create",
            "report_view.update",
            "report_view.delete"
        ]
    );
    let update = &history[1];
    assert_eq!(update.old_value.as_ref().unwrap()["name"], "Draft");
    assert_eq!(
        update.new_value.as_ref().unwrap()["name"],
        "Priority overview"
    );
    assert_eq!(update.new_value.as_ref().unwrap()["shared"], true);
}

#[tokio::test]
async fn a_view_with_a_bad_name_or_query_is_refused_with_the_part_named() {
    let app = TestApp::spawn().await.unwrap();
    let user = app.tokens_for("nl.user").await.access_token;
    let mut bad = view(" ", false);
    bad.query.columns = vec!["number".into(), "nope".into()];
    let problem = expect_problem(save(&app, &user, &bad).await, 422).await;
    assert_eq!(problem.errors[0].field, "name");
    assert_eq!(problem.errors[0].code, FieldErrorCode::Required);
    let long = view(&"x".repeat(101), false);
    let problem = expect_problem(save(&app, &user, &long).await, 422).await;
    assert_eq!(
        (problem.errors[0].field.as_str(), problem.errors[0].code),
        ("name", FieldErrorCode::TooLong)
    );
    let mut bad_query = view("Fine name", false);
    bad_query.query.columns = vec!["nope".into()];
    let problem = expect_problem(save(&app, &user, &bad_query).await, 422).await;
    assert_eq!(problem.errors[0].field, "query.columns[0]");
    assert_eq!(problem.errors[0].code, FieldErrorCode::UnknownColumn);
}

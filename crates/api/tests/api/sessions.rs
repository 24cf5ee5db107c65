//! How long a session lasts, what ends it, and where its refresh token lives.

use api_types::{MfaPolicy, ProblemCode, RefreshRequest, TokenResponse};
use chrono::Duration;
use std::sync::Arc;
use test_support::{expect_json, expect_problem_code, ManualClock, TestApp};

async fn refresh(app: &TestApp, tokens: &TokenResponse) -> reqwest::Response {
    app.refresh(tokens.refresh_token.clone()).await
}

/// An app on a clock the test moves, configured by `configure`.
async fn app_on_clock(configure: impl FnOnce(&mut api::ApiConfig)) -> (TestApp, Arc<ManualClock>) {
    let clock = ManualClock::starting_now();
    let app = TestApp::spawn_with_clock(clock.clone(), configure)
        .await
        .unwrap();
    (app, clock)
}

/// The right password of `username` is answered 403 `code`.
async fn login_refused(app: &TestApp, username: &str, code: ProblemCode) {
    let answer = app.login(username, persistence::seed::DEMO_PASSWORD).await;
    expect_problem_code(answer, 403, code).await;
}

/// Refreshes and answers the new pair (the test fails on anything but 200).
async fn refreshed(app: &TestApp, tokens: &TokenResponse) -> TokenResponse {
    expect_json(refresh(app, tokens).await, 200).await
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_login_however_often_it_is_refreshed() {
    let (app, clock) = app_on_clock(|_| {}).await;
    let mut tokens = app.tokens_for("nl.user").await;
    // An app left open all day refreshes every ten minutes.
    for _ in 0..71 {
        clock.advance(Duration::minutes(10));
        tokens = refreshed(&app, &tokens).await;
    }
    clock.advance(Duration::minutes(11));
    expect_problem_code(refresh(&app, &tokens).await, 401, ProblemCode::InvalidToken).await;
    // A new login starts a new twelve hours.
    let again = app.tokens_for("nl.user").await;
    refreshed(&app, &again).await;
}

#[tokio::test]
async fn the_absolute_session_lifetime_is_configurable() {
    let (app, clock) =
        app_on_clock(|c| c.session_max_age = std::time::Duration::from_secs(3600)).await;
    let tokens = app.tokens_for("nl.user").await;
    clock.advance(Duration::minutes(59));
    let tokens = refreshed(&app, &tokens).await;
    clock.advance(Duration::minutes(2));
    assert_eq!(refresh(&app, &tokens).await.status(), 401);
}

#[tokio::test]
async fn a_refresh_is_refused_once_the_password_has_expired() {
    let (app, clock) = app_on_clock(|c| {
        c.session_max_age = std::time::Duration::from_secs(200 * 24 * 3600);
        c.refresh_token_ttl = std::time::Duration::from_secs(200 * 24 * 3600);
    })
    .await;
    let tokens = app.tokens_for("dk.user").await;
    clock.advance(Duration::days(30));
    let tokens = refreshed(&app, &tokens).await;
    clock.advance(Duration::days(61));
    assert_eq!(refresh(&app, &tokens).await.status(), 401);
    // The login says why, and hands out the token to change it.
    login_refused(&app, "dk.user", ProblemCode::PasswordExpired).await;
}

#[tokio::test]
async fn a_refresh_is_refused_once_the_parent_account_requires_a_second_factor() {
    let app = TestApp::spawn().await.unwrap();
    let user = app.tokens_for("nl.user").await;
    let user = refreshed(&app, &user).await;
    let manager = app.tokens_for("nl.manager").await;
    let policy = MfaPolicy {
        required: true,
        parent_account_id: None,
    };
    let put = app
        .put_json("/api/v1/mfa-policy", &manager.access_token, &policy)
        .await;
    assert_eq!(put.status(), 200);
    assert_eq!(refresh(&app, &user).await.status(), 401);
    login_refused(&app, "nl.user", ProblemCode::MfaEnrollmentRequired).await;
    // Another hospital's sessions go on.
    let danish = app.tokens_for("dk.user").await;
    refreshed(&app, &danish).await;
}

#[tokio::test]
async fn a_deactivated_users_session_cannot_be_refreshed() {
    let app = TestApp::spawn().await.unwrap();
    let viewer = app.tokens_for("nl.viewer").await;
    let manager = app.tokens_for("nl.manager").await;
    let sql = "UPDATE users SET active = false WHERE username = 'nl.viewer'";
    persistence::raw_sql::execute(&app.db, sql).await.unwrap();
    assert_eq!(refresh(&app, &viewer).await.status(), 401);
    refreshed(&app, &manager).await;
}

#[tokio::test]
async fn staff_must_enrol_a_second_factor_before_their_first_session_where_required() {
    // Required outside demo mode; the test app is a demo, so it asks.
    let app = TestApp::spawn_with(|c| c.staff_mfa_required = true)
        .await
        .unwrap();
    for staff in ["admin", "service"] {
        let answer = app.login(staff, persistence::seed::DEMO_PASSWORD).await;
        let refused = expect_problem_code(answer, 403, ProblemCode::MfaEnrollmentRequired).await;
        assert!(refused.restricted_token.is_some(), "{staff} can enrol");
    }
    // Customers follow their parent account's policy, which is off.
    app.tokens_for("nl.manager").await;
}

#[tokio::test]
async fn a_browser_gets_the_refresh_token_only_in_its_cookie() {
    let app = TestApp::spawn().await.unwrap();
    let login = api_types::LoginRequest {
        username: "nl.user".to_owned(),
        password: persistence::seed::DEMO_PASSWORD.to_owned(),
        mfa_code: None,
    };
    // Browsers send Sec-Fetch-Mode with every request; scripts cannot.
    let response = app
        .json_request(reqwest::Method::POST, "/api/v1/auth/login", None, &login)
        .header("Sec-Fetch-Mode", "cors")
        .send()
        .await
        .unwrap();
    assert!(response.headers().get("set-cookie").is_some());
    let tokens: TokenResponse = expect_json(response, 200).await;
    assert_eq!(tokens.refresh_token, None);
    let by_cookie = app
        .json_request(
            reqwest::Method::POST,
            "/api/v1/auth/refresh",
            None,
            &RefreshRequest::default(),
        )
        .header("Sec-Fetch-Mode", "cors")
        .send()
        .await
        .unwrap();
    let tokens: TokenResponse = expect_json(by_cookie, 200).await;
    assert_eq!(tokens.refresh_token, None);
    // An integrator (no such header) keeps it in the body.
    let integrator = app.tokens_for("nl.user").await;
    assert!(integrator.refresh_token.is_some());
}

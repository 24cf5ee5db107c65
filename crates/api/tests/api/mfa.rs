//! The optional second factor (TOTP and recovery codes) and the parent
//! account's policy that requires it.

use api_types::{
    MeResponse, MfaEnabledResponse, MfaSetupResponse, ProblemCode, ProblemDetails, UserPage,
};
use chrono::Duration;
use serde_json::json;
use std::sync::Arc;
use test_support::{ManualClock, TestApp};

fn code_at(secret: &str, clock: &ManualClock) -> String {
    use domain::Clock;
    let totp = totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(secret).unwrap())
        .build()
        .unwrap();
    totp.generate(clock.now().timestamp() as u64).to_string()
}

async fn post_as(
    app: &TestApp,
    token: &str,
    path: &str,
    body: serde_json::Value,
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn login_with(
    app: &TestApp,
    username: &str,
    password: &str,
    code: Option<&str>,
) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": username, "password": password, "mfa_code": code}))
        .send()
        .await
        .unwrap()
}

async fn code_of(response: reqwest::Response, status: u16) -> ProblemDetails {
    assert_eq!(response.status(), status);
    response.json().await.unwrap()
}

/// Enrols `username` and returns the secret and recovery codes.
async fn enrol(app: &TestApp, clock: &ManualClock, token: &str) -> (String, MfaEnabledResponse) {
    let setup: MfaSetupResponse = post_as(app, token, "/api/v1/me/mfa/setup", json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert!(setup.otpauth_uri.starts_with("otpauth://totp/"));
    assert!(setup.qr_svg.contains("<svg"));
    let wrong = post_as(
        app,
        token,
        "/api/v1/me/mfa/enable",
        json!({"code": "000000"}),
    )
    .await;
    assert_eq!(wrong.status(), 422);
    let enabled = post_as(
        app,
        token,
        "/api/v1/me/mfa/enable",
        json!({"code": code_at(&setup.secret, clock)}),
    )
    .await;
    assert_eq!(enabled.status(), 200);
    (setup.secret, enabled.json().await.unwrap())
}

async fn app() -> (TestApp, Arc<ManualClock>) {
    let clock = ManualClock::starting_now();
    (
        TestApp::spawn_with_clock(clock.clone(), |_| {})
            .await
            .unwrap(),
        clock,
    )
}

#[tokio::test]
async fn a_second_factor_is_asked_after_the_password_and_each_code_works_once() {
    let (app, clock) = app().await;
    let tokens = app.tokens_for("nl.user").await;
    let (secret, enabled) = enrol(&app, &clock, &tokens.access_token).await;
    assert_eq!(enabled.recovery_codes.len(), 10);
    assert!(enabled.session.is_none());
    let me: MeResponse = app.get_json("/api/v1/me", &tokens.access_token).await;
    assert!(me.mfa_enabled);

    // A wrong password says nothing about the second factor.
    assert_eq!(
        code_of(login_with(&app, "nl.user", "Wrong-2026!", None).await, 401)
            .await
            .code,
        ProblemCode::InvalidCredentials
    );
    assert_eq!(
        code_of(login_with(&app, "nl.user", "Welcome-2026", None).await, 401)
            .await
            .code,
        ProblemCode::MfaRequired
    );
    clock.advance(Duration::seconds(30));
    let code = code_at(&secret, &clock);
    assert_eq!(
        login_with(&app, "nl.user", "Welcome-2026", Some(&code))
            .await
            .status(),
        200
    );
    assert_eq!(
        code_of(
            login_with(&app, "nl.user", "Welcome-2026", Some(&code)).await,
            401
        )
        .await
        .code,
        ProblemCode::InvalidMfaCode,
        "a code works once"
    );
    clock.advance(Duration::seconds(30));
    assert_eq!(
        login_with(
            &app,
            "nl.user",
            "Welcome-2026",
            Some(&code_at(&secret, &clock))
        )
        .await
        .status(),
        200
    );

    // A recovery code, written loosely, works once too.
    let recovery = enabled.recovery_codes[3].to_uppercase().replace('-', " ");
    assert_eq!(
        login_with(&app, "nl.user", "Welcome-2026", Some(&recovery))
            .await
            .status(),
        200
    );
    assert_eq!(
        login_with(&app, "nl.user", "Welcome-2026", Some(&recovery))
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn wrong_codes_count_towards_the_lockout() {
    let (app, clock) = app().await;
    let tokens = app.tokens_for("nl.viewer").await;
    let (secret, _) = enrol(&app, &clock, &tokens.access_token).await;
    clock.advance(Duration::seconds(60));
    // Two wrong codes and the third is the lock.
    login_with(&app, "nl.viewer", "Welcome-2026", Some("111111")).await;
    login_with(&app, "nl.viewer", "Welcome-2026", Some("222222")).await;
    login_with(&app, "nl.viewer", "Welcome-2026", Some("333333")).await;
    let locked = login_with(
        &app,
        "nl.viewer",
        "Welcome-2026",
        Some(&code_at(&secret, &clock)),
    )
    .await;
    assert_eq!(
        code_of(locked, 401).await.code,
        ProblemCode::InvalidCredentials
    );
}

#[tokio::test]
async fn a_manager_requires_a_second_factor_and_users_enrol_at_their_next_login() {
    let (app, clock) = app().await;
    let manager = app.tokens_for("nl.manager").await;
    let user = app.tokens_for("nl.user").await;
    let put = |token: String, required: bool| {
        let app = &app;
        async move {
            app.client
                .put(app.url("/api/v1/mfa-policy"))
                .bearer_auth(token)
                .json(&json!({"required": required}))
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(put(user.access_token.clone(), true).await.status(), 403);
    assert_eq!(put(manager.access_token.clone(), true).await.status(), 200);
    // Another hospital is untouched.
    let danish = app.tokens_for("dk.manager").await;
    let theirs: api_types::MfaPolicy = app
        .get_json("/api/v1/mfa-policy", &danish.access_token)
        .await;
    assert!(!theirs.required);

    let refused = code_of(
        login_with(&app, "nl.viewer", "Welcome-2026", None).await,
        403,
    )
    .await;
    assert_eq!(refused.code, ProblemCode::MfaEnrollmentRequired);
    let restricted = refused.restricted_token.unwrap();
    assert_eq!(
        app.get("/api/v1/me", &restricted).await.status(),
        401,
        "it opens nothing else"
    );
    let (_, enabled) = enrol(&app, &clock, &restricted).await;
    let session = enabled
        .session
        .expect("enrolling with the restricted token opens a session");
    let me: MeResponse = app.get_json("/api/v1/me", &session.access_token).await;
    assert!(me.mfa_enabled && me.mfa_required);
    let off = post_as(
        &app,
        &session.access_token,
        "/api/v1/me/mfa/disable",
        json!({"password": "Welcome-2026"}),
    )
    .await;
    assert_eq!(off.status(), 409, "required: it cannot be turned off");

    // A lost phone: the Manager resets it, and the user enrols again.
    let users: UserPage = app
        .get_json("/api/v1/users?q=nl.viewer", &manager.access_token)
        .await;
    let viewer = &users.items[0];
    assert!(viewer.mfa_enabled);
    let reset = app
        .client
        .patch(app.url(&format!("/api/v1/users/{}", viewer.id)))
        .bearer_auth(&manager.access_token)
        .header("If-Match", format!("\"v{}\"", viewer.version))
        .json(&json!({"reset_mfa": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), 200);
    assert_eq!(
        code_of(
            login_with(&app, "nl.viewer", "Welcome-2026", None).await,
            403
        )
        .await
        .code,
        ProblemCode::MfaEnrollmentRequired
    );
}

#[tokio::test]
async fn an_expired_password_and_a_required_second_factor_are_both_asked_for() {
    let (app, clock) = app().await;
    let manager = app.tokens_for("nl.manager").await;
    let put = app
        .client
        .put(app.url("/api/v1/mfa-policy"))
        .bearer_auth(&manager.access_token)
        .json(&json!({"required": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 200);
    clock.advance(Duration::days(91));
    let expired = code_of(login_with(&app, "nl.user", "Welcome-2026", None).await, 403).await;
    assert_eq!(expired.code, ProblemCode::PasswordExpired);
    let changed = post_as(
        &app,
        &expired.restricted_token.unwrap(),
        "/api/v1/auth/password",
        json!({"current_password": "Welcome-2026", "new_password": "Lighthouse-Keeper-77"}),
    )
    .await;
    // The new password is set, but no session before the second factor.
    let required = code_of(changed, 403).await;
    assert_eq!(required.code, ProblemCode::MfaEnrollmentRequired);
    let (_, enabled) = enrol(&app, &clock, &required.restricted_token.unwrap()).await;
    assert!(enabled.session.is_some());
}

async fn stored_secret(app: &TestApp, username: &str) -> Option<String> {
    use sea_orm::{ConnectionTrait, Statement};
    let sql = format!("SELECT mfa_secret FROM users WHERE username = '{username}'");
    let row = app
        .db
        .query_one(Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "mfa_secret").unwrap()
}

async fn set_stored_secret(app: &TestApp, username: &str, stored: &str) {
    use sea_orm::ConnectionTrait;
    app.db
        .execute_unprepared(&format!(
            "UPDATE users SET mfa_secret = '{stored}' WHERE username = '{username}'"
        ))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_copy_of_the_database_does_not_give_away_second_factors() {
    let (app, clock) = app().await;
    let tokens = app.tokens_for("nl.user").await;
    let (secret, _) = enrol(&app, &clock, &tokens.access_token).await;
    let stored = stored_secret(&app, "nl.user").await.unwrap();
    assert!(stored.starts_with("enc1:"), "{stored}");
    assert!(!stored.contains(&secret));

    // Sealed for nl.user: copied into another row it does not open, and that
    // login is refused as the server's fault (503), not let through.
    set_stored_secret(&app, "nl.viewer", &stored).await;
    // The enrolment used up the current step.
    clock.advance(Duration::seconds(30));
    let code = code_at(&secret, &clock);
    assert_eq!(
        code_of(
            login_with(&app, "nl.viewer", "Welcome-2026", Some(&code)).await,
            503
        )
        .await
        .code,
        ProblemCode::ServiceUnavailable
    );
    assert_eq!(
        login_with(&app, "nl.user", "Welcome-2026", Some(&code))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn secrets_stored_before_encryption_still_work_and_are_sealed_on_use() {
    let (app, clock) = app().await;
    let plain = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    set_stored_secret(&app, "nl.viewer", plain).await;
    let code = code_at(plain, &clock);
    assert_eq!(
        login_with(&app, "nl.viewer", "Welcome-2026", Some(&code))
            .await
            .status(),
        200
    );
    // Having served a login, it is sealed, and keeps working.
    let stored = stored_secret(&app, "nl.viewer").await.unwrap();
    assert!(
        stored.starts_with("enc1:") && !stored.contains(plain),
        "{stored}"
    );
    clock.advance(Duration::seconds(30));
    let code = code_at(plain, &clock);
    assert_eq!(
        login_with(&app, "nl.viewer", "Welcome-2026", Some(&code))
            .await
            .status(),
        200
    );
}

//! The optional second factor (TOTP and recovery codes) and the parent
//! account's policy that requires it.

use api_types::{
    ChangePasswordRequest, MeResponse, MfaCodeRequest, MfaEnabledResponse, MfaPolicy,
    MfaSetupResponse, PasswordConfirmation, ProblemCode, UpdateUserRequest,
};
use chrono::Duration;
use std::sync::Arc;
use test_support::{expect_json, expect_problem, expect_problem_code, ManualClock, TestApp};

pub(crate) fn code_at(secret: &str, clock: &ManualClock) -> String {
    use domain::Clock;
    let totp = totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(secret).unwrap())
        .build()
        .unwrap();
    totp.generate(clock.now().timestamp() as u64).to_string()
}

/// Logs in with the right (demo) password and `code`.
async fn login(app: &TestApp, username: &str, code: Option<&str>) -> reqwest::Response {
    app.login_with_code(username, "Welcome-2026", code).await
}

async fn enable(app: &TestApp, token: &str, code: &str) -> reqwest::Response {
    let body = MfaCodeRequest {
        code: code.to_owned(),
    };
    app.post_json("/api/v1/me/mfa/enable", token, &body).await
}

async fn require_mfa(app: &TestApp, token: &str, required: bool) -> reqwest::Response {
    let policy = MfaPolicy {
        required,
        parent_account_id: None,
    };
    app.put_json("/api/v1/mfa-policy", token, &policy).await
}

/// Enrols `username` and returns the secret and recovery codes.
pub(crate) async fn enrol(
    app: &TestApp,
    clock: &ManualClock,
    token: &str,
) -> (String, MfaEnabledResponse) {
    let setup: MfaSetupResponse = expect_json(
        app.post_json("/api/v1/me/mfa/setup", token, &confirmation(None))
            .await,
        200,
    )
    .await;
    assert!(setup.otpauth_uri.starts_with("otpauth://totp/"));
    assert!(setup.qr_svg.contains("<svg"));
    let wrong = enable(app, token, "000000").await;
    assert_eq!(wrong.status(), 422);
    let enabled = enable(app, token, &code_at(&setup.secret, clock)).await;
    assert_eq!(enabled.status(), 200);
    (setup.secret, enabled.json().await.unwrap())
}

/// The demo password, and `code` where a factor is on.
pub(crate) fn confirmation(code: Option<&str>) -> PasswordConfirmation {
    PasswordConfirmation {
        password: "Welcome-2026".to_owned(),
        code: code.map(str::to_owned),
    }
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
        expect_problem(
            app.login_with_code("nl.user", "Wrong-2026!", None).await,
            401
        )
        .await
        .code,
        ProblemCode::InvalidCredentials
    );
    assert_eq!(
        expect_problem(login(&app, "nl.user", None).await, 401)
            .await
            .code,
        ProblemCode::MfaRequired
    );
    clock.advance(Duration::seconds(30));
    let code = code_at(&secret, &clock);
    assert_eq!(login(&app, "nl.user", Some(&code)).await.status(), 200);
    assert_eq!(
        expect_problem(login(&app, "nl.user", Some(&code)).await, 401)
            .await
            .code,
        ProblemCode::InvalidMfaCode,
        "a code works once"
    );
    clock.advance(Duration::seconds(30));
    assert_eq!(
        login(&app, "nl.user", Some(&code_at(&secret, &clock)))
            .await
            .status(),
        200
    );

    // A recovery code, written loosely, works once too.
    let recovery = enabled.recovery_codes[3].to_uppercase().replace('-', " ");
    assert_eq!(login(&app, "nl.user", Some(&recovery)).await.status(), 200);
    assert_eq!(login(&app, "nl.user", Some(&recovery)).await.status(), 401);
}

#[tokio::test]
async fn wrong_codes_count_towards_the_lockout() {
    let (app, clock) = app().await;
    let tokens = app.tokens_for("nl.viewer").await;
    let (secret, _) = enrol(&app, &clock, &tokens.access_token).await;
    clock.advance(Duration::seconds(60));
    // Two wrong codes and the third is the lock.
    login(&app, "nl.viewer", Some("111111")).await;
    login(&app, "nl.viewer", Some("222222")).await;
    login(&app, "nl.viewer", Some("333333")).await;
    let locked = login(&app, "nl.viewer", Some(&code_at(&secret, &clock))).await;
    expect_problem_code(locked, 401, ProblemCode::InvalidCredentials).await;
}

#[tokio::test]
async fn a_manager_requires_a_second_factor_and_users_enrol_at_their_next_login() {
    let (app, clock) = app().await;
    let manager = app.tokens_for("nl.manager").await;
    let user = app.tokens_for("nl.user").await;
    assert_eq!(
        require_mfa(&app, &user.access_token, true).await.status(),
        403
    );
    assert_eq!(
        require_mfa(&app, &manager.access_token, true)
            .await
            .status(),
        200
    );
    // Another hospital is untouched.
    let danish = app.tokens_for("dk.manager").await;
    let theirs: api_types::MfaPolicy = app
        .get_json("/api/v1/mfa-policy", &danish.access_token)
        .await;
    assert!(!theirs.required);

    let refused = expect_problem_code(
        login(&app, "nl.viewer", None).await,
        403,
        ProblemCode::MfaEnrollmentRequired,
    )
    .await;
    let restricted = refused.restricted_token.unwrap();
    assert_eq!(
        app.get("/api/v1/me", &restricted).await.status(),
        401,
        "it opens nothing else"
    );
    let (secret, enabled) = enrol(&app, &clock, &restricted).await;
    let session = enabled
        .session
        .expect("enrolling with the restricted token opens a session");
    let me: MeResponse = app.get_json("/api/v1/me", &session.access_token).await;
    assert!(me.mfa_enabled && me.mfa_required);
    clock.advance(Duration::seconds(30));
    let code = code_at(&secret, &clock);
    let off = app
        .post_json(
            "/api/v1/me/mfa/disable",
            &session.access_token,
            &confirmation(Some(&code)),
        )
        .await;
    assert_eq!(off.status(), 409, "required: it cannot be turned off");

    // A lost phone: the Manager resets it, and the user enrols again.
    let viewer = app.user_named(&manager.access_token, "nl.viewer").await;
    assert!(viewer.mfa_enabled);
    let reset_mfa = UpdateUserRequest {
        reset_mfa: Some(true),
        ..Default::default()
    };
    let reset = app
        .patch_user(&manager.access_token, &viewer, &reset_mfa)
        .await;
    assert_eq!(reset.status(), 200);
    assert_eq!(
        expect_problem(login(&app, "nl.viewer", None).await, 403)
            .await
            .code,
        ProblemCode::MfaEnrollmentRequired
    );
}

#[tokio::test]
async fn an_expired_password_and_a_required_second_factor_are_both_asked_for() {
    let (app, clock) = app().await;
    let manager = app.tokens_for("nl.manager").await;
    let put = require_mfa(&app, &manager.access_token, true).await;
    assert_eq!(put.status(), 200);
    clock.advance(Duration::days(91));
    let expired = expect_problem_code(
        login(&app, "nl.user", None).await,
        403,
        ProblemCode::PasswordExpired,
    )
    .await;
    let change = ChangePasswordRequest {
        current_password: "Welcome-2026".to_owned(),
        new_password: "Lighthouse-Keeper-77".to_owned(),
    };
    let changed = app
        .post_json(
            "/api/v1/auth/password",
            &expired.restricted_token.unwrap(),
            &change,
        )
        .await;
    // The new password is set, but no session before the second factor.
    let required = expect_problem_code(changed, 403, ProblemCode::MfaEnrollmentRequired).await;
    let (_, enabled) = enrol(&app, &clock, &required.restricted_token.unwrap()).await;
    assert!(enabled.session.is_some());
}

async fn stored_secret(app: &TestApp, username: &str) -> Option<String> {
    let sql = format!("SELECT mfa_secret FROM users WHERE username = '{username}'");
    persistence::raw_sql::first_text(&app.db, &sql, "mfa_secret")
        .await
        .unwrap()
}

async fn set_stored_secret(app: &TestApp, username: &str, stored: &str) {
    persistence::raw_sql::execute(
        &app.db,
        &format!("UPDATE users SET mfa_secret = '{stored}' WHERE username = '{username}'"),
    )
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
        expect_problem(login(&app, "nl.viewer", Some(&code)).await, 503)
            .await
            .code,
        ProblemCode::ServiceUnavailable
    );
    assert_eq!(login(&app, "nl.user", Some(&code)).await.status(), 200);
}

#[tokio::test]
async fn secrets_stored_before_encryption_are_sealed_at_start_and_plain_ones_refused_after() {
    let (app, clock) = app().await;
    let plain = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    set_stored_secret(&app, "nl.viewer", plain).await;
    // A server starting (here a second one on the same database) seals it.
    let _restarted = app.spawn_beside(clock.clone()).await.unwrap();
    let stored = stored_secret(&app, "nl.viewer").await.unwrap();
    assert!(
        stored.starts_with("enc1:") && !stored.contains(plain),
        "{stored}"
    );
    let code = code_at(plain, &clock);
    assert_eq!(login(&app, "nl.viewer", Some(&code)).await.status(), 200);

    // Written behind the portal's back afterwards: refused as the
    // server's fault, never let through.
    set_stored_secret(&app, "nl.viewer", plain).await;
    clock.advance(Duration::seconds(30));
    let code = code_at(plain, &clock);
    expect_problem_code(
        login(&app, "nl.viewer", Some(&code)).await,
        503,
        ProblemCode::ServiceUnavailable,
    )
    .await;
}

#[tokio::test]
async fn an_access_token_alone_cannot_replace_turn_off_or_renew_a_second_factor() {
    let (app, clock) = app().await;
    let tokens = app.tokens_for("nl.user").await;
    let token = &tokens.access_token;
    let (secret, _) = enrol(&app, &clock, token).await;
    clock.advance(Duration::seconds(30));
    for path in [
        "/api/v1/me/mfa/setup",
        "/api/v1/me/mfa/disable",
        "/api/v1/me/mfa/recovery-codes",
    ] {
        // Only the password: the code is asked for.
        let answer = app.post_json(path, token, &confirmation(None)).await;
        let problem = expect_problem_code(answer, 422, ProblemCode::ValidationFailed).await;
        assert_eq!(
            (problem.errors[0].field.as_str(), problem.errors[0].code),
            ("code", api_types::FieldErrorCode::Required),
            "{path}"
        );
    }
    // No body at all, as a stolen token would send it.
    let bare = app.post("/api/v1/me/mfa/setup", token).await;
    expect_problem_code(bare, 422, ProblemCode::ValidationFailed).await;
    // A wrong code is refused (and counted).
    let wrong = app
        .post_json("/api/v1/me/mfa/setup", token, &confirmation(Some("000000")))
        .await;
    let problem = expect_problem_code(wrong, 422, ProblemCode::ValidationFailed).await;
    assert_eq!(
        problem.errors[0].code,
        api_types::FieldErrorCode::InvalidMfaCode
    );
    // The owner, with password and current code, replaces it.
    let code = code_at(&secret, &clock);
    let replaced = app
        .post_json("/api/v1/me/mfa/setup", token, &confirmation(Some(&code)))
        .await;
    let fresh: MfaSetupResponse = expect_json(replaced, 200).await;
    assert_ne!(fresh.secret, secret);
}

#[tokio::test]
async fn recovery_codes_carry_80_bits_and_are_stored_keyed() {
    let (app, clock) = app().await;
    let tokens = app.tokens_for("nl.user").await;
    let (_, enabled) = enrol(&app, &clock, &tokens.access_token).await;
    let code = &enabled.recovery_codes[0];
    let bare: String = code.chars().filter(char::is_ascii_alphanumeric).collect();
    assert_eq!(bare.len(), 16, "16 of 32 characters: 80 bits ({code})");
    let stored = persistence::raw_sql::first_text(
        &app.db,
        "SELECT code_hash FROM mfa_recovery_codes LIMIT 1",
        "code_hash",
    )
    .await
    .unwrap()
    .unwrap();
    assert!(stored.starts_with("hmac1:"), "{stored}");

    // A code stored before keying (plain SHA-256) still works, once.
    let legacy_code = "abcde23456";
    let legacy_hash = api::auth::tokens::hash_refresh_token(legacy_code);
    persistence::raw_sql::execute(
        &app.db,
        &format!("UPDATE mfa_recovery_codes SET code_hash = '{legacy_hash}' WHERE code_hash = '{stored}'"),
    )
    .await
    .unwrap();
    assert_eq!(
        login(&app, "nl.user", Some("ABCDE-23456")).await.status(),
        200
    );
    assert_eq!(
        login(&app, "nl.user", Some(legacy_code)).await.status(),
        401
    );
}

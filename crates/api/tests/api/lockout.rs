//! The account lockout under concurrency: attempts are counted before they
//! are judged, so a burst of guesses, sent to one server process or spread
//! over two, gets no more judged than a slow attacker would.

use api_types::{PasswordConfirmation, ProblemCode, SecurityLogPage};
use futures_util::future::join_all;
use persistence::repositories::users;
use std::time::Duration;
use test_support::{expect_problem_code, ManualClock, TestApp};

const RIGHT: &str = "Welcome-2026";
const WRONG: &str = "Wrong-2026!";

/// An app whose per-address limit stays out of the way: the account's own
/// lockout is under test, and every test request comes from one address.
async fn app_with_clock(clock: std::sync::Arc<ManualClock>) -> TestApp {
    TestApp::spawn_with_clock(clock, |config| config.login_failures_per_address = 1_000)
        .await
        .unwrap()
}

async fn locked(app: &TestApp, username: &str) -> bool {
    let name = domain::Username::parse(username).unwrap();
    let found = users::find_by_username(&app.db, &name)
        .await
        .unwrap()
        .unwrap();
    found.throttle.locked_until.is_some()
}

/// Waits until the lock is set (by the attempt that reserved the third
/// place), while the rest of a burst may still be in flight.
async fn until_locked(app: &TestApp, username: &str) {
    for _ in 0..500 {
        if locked(app, username).await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("{username} was never locked");
}

/// Security-log entries of `event` (Admin's view), e.g. `login_failed`.
async fn logged(app: &TestApp, event: &str) -> SecurityLogPage {
    let admin = app.tokens_for("admin").await.access_token;
    let query = format!("event={event}&page_size=200");
    app.security_log(&admin, &query).await
}

/// How many attempts were judged wrong (the rest were refused unread).
async fn judged_wrong(app: &TestApp, event: &str, reason: &str) -> usize {
    logged(app, event)
        .await
        .items
        .iter()
        .filter(|e| e.details.get("reason").and_then(|r| r.as_str()) == Some(reason))
        .count()
}

#[tokio::test]
async fn forty_guesses_at_once_get_three_judged_and_the_right_password_sent_last_is_refused() {
    let clock = ManualClock::starting_now();
    let app = app_with_clock(clock).await;
    let burst = tokio::spawn({
        let app_url = app.address.clone();
        async move {
            let client = reqwest::Client::new();
            let guesses = (0..39).map(|_| {
                client
                    .post(format!("{app_url}/api/v1/auth/login"))
                    .json(&serde_json::json!({ "username": "nl.user", "password": WRONG }))
                    .send()
            });
            join_all(guesses).await
        }
    });
    until_locked(&app, "nl.user").await;
    let right = app.login("nl.user", RIGHT).await;
    expect_problem_code(right, 401, ProblemCode::InvalidCredentials).await;
    for answer in burst.await.unwrap() {
        assert_eq!(answer.unwrap().status(), 401);
    }
    assert_eq!(
        judged_wrong(&app, "login_failed", "wrong_password").await,
        3
    );
    assert_eq!(logged(&app, "account_locked").await.paging.total, 1);
}

#[tokio::test]
async fn two_server_processes_judge_three_guesses_between_them() {
    let clock = ManualClock::starting_now();
    let first = app_with_clock(clock.clone()).await;
    let second = first.spawn_beside(clock.clone()).await.unwrap();
    let guesses = (0..20).map(|i| {
        let app = if i % 2 == 0 { &first } else { &second };
        app.login("nl.user", WRONG)
    });
    for answer in join_all(guesses).await {
        assert_eq!(answer.status(), 401);
    }
    assert_eq!(
        judged_wrong(&first, "login_failed", "wrong_password").await,
        3
    );
    assert_eq!(logged(&second, "account_locked").await.paging.total, 1);
    let right = second.login("nl.user", RIGHT).await;
    expect_problem_code(right, 401, ProblemCode::InvalidCredentials).await;
    clock.advance(chrono::Duration::minutes(15));
    assert_eq!(first.login("nl.user", RIGHT).await.status(), 200);
}

#[tokio::test]
async fn wrong_passwords_to_turn_off_the_second_factor_count_towards_the_lockout() {
    let clock = ManualClock::starting_now();
    let app = app_with_clock(clock).await;
    let tokens = app.tokens_for("nl.user").await;
    let wrong = PasswordConfirmation {
        password: WRONG.to_owned(),
        code: None,
    };
    for path in [
        "/api/v1/me/mfa/disable",
        "/api/v1/me/mfa/recovery-codes",
        "/api/v1/me/mfa/disable",
    ] {
        let answer = app.post_json(path, &tokens.access_token, &wrong).await;
        assert_eq!(answer.status(), 422, "{path}");
    }
    let right = app.login("nl.user", RIGHT).await;
    expect_problem_code(right, 401, ProblemCode::InvalidCredentials).await;
    assert_eq!(logged(&app, "account_locked").await.paging.total, 1);
}

#[tokio::test]
async fn a_right_password_without_its_code_does_not_reset_the_count_of_wrong_codes() {
    let clock = ManualClock::starting_now();
    let app = app_with_clock(clock.clone()).await;
    let tokens = app.tokens_for("nl.viewer").await;
    let (secret, _) = crate::mfa::enrol(&app, &clock, &tokens.access_token).await;
    clock.advance(chrono::Duration::seconds(60));
    for wrong_code in ["111111", "222222"] {
        let answer = app
            .login_with_code("nl.viewer", RIGHT, Some(wrong_code))
            .await;
        expect_problem_code(answer, 401, ProblemCode::InvalidMfaCode).await;
        // The password alone (the first step of every login) proves nothing.
        let first_step = app.login("nl.viewer", RIGHT).await;
        expect_problem_code(first_step, 401, ProblemCode::MfaRequired).await;
    }
    let third = app
        .login_with_code("nl.viewer", RIGHT, Some("333333"))
        .await;
    expect_problem_code(third, 401, ProblemCode::InvalidMfaCode).await;
    let code = crate::mfa::code_at(&secret, &clock);
    let locked = app.login_with_code("nl.viewer", RIGHT, Some(&code)).await;
    expect_problem_code(locked, 401, ProblemCode::InvalidCredentials).await;
}

#[tokio::test]
async fn a_burst_of_codes_after_the_right_password_gets_three_judged() {
    let clock = ManualClock::starting_now();
    let app = app_with_clock(clock.clone()).await;
    let tokens = app.tokens_for("nl.viewer").await;
    crate::mfa::enrol(&app, &clock, &tokens.access_token).await;
    clock.advance(chrono::Duration::seconds(60));
    let codes: Vec<String> = (0..30).map(|i| format!("{:06}", 100_000 + i)).collect();
    let guesses = codes
        .iter()
        .map(|code| app.login_with_code("nl.viewer", RIGHT, Some(code)));
    for answer in join_all(guesses).await {
        assert_eq!(answer.status(), 401);
    }
    assert_eq!(judged_wrong(&app, "mfa_failed", "wrong_mfa_code").await, 3);
    assert!(locked(&app, "nl.viewer").await);
}

#[tokio::test]
async fn a_burst_from_one_address_gets_no_more_judged_than_its_limit() {
    let clock = ManualClock::starting_now();
    let app = TestApp::spawn_with_clock(clock, |config| config.login_failures_per_address = 10)
        .await
        .unwrap();
    // Forty names that do not exist: no account lockout gets in the way.
    let names: Vec<String> = (0..40).map(|i| format!("nobody.{i}")).collect();
    // The Admin signs in before the burst: after it, this address may have
    // used its whole limit, and their sign-in would be refused too.
    let admin = app.tokens_for("admin").await.access_token;
    let guesses = names.iter().map(|name| app.login(name, WRONG));
    let statuses: Vec<u16> = join_all(guesses)
        .await
        .iter()
        .map(|answer| answer.status().as_u16())
        .collect();
    // Attempts still in flight count too, so a burst may get fewer judged
    // than the limit, never more.
    let judged = statuses.iter().filter(|s| **s == 401).count();
    assert!(judged <= 10, "{judged} judged");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 40 - judged);
    let failed = app
        .security_log(&admin, "event=login_failed&page_size=200")
        .await;
    let unknown_user = failed
        .items
        .iter()
        .filter(|e| e.details.get("reason").and_then(|r| r.as_str()) == Some("unknown_user"))
        .count();
    assert_eq!(unknown_user, judged);
    // What is left of the limit, one after another; then a right password
    // from the same address is refused too, until the window has passed.
    for _ in judged..10 {
        assert_eq!(app.login("nobody.late", WRONG).await.status(), 401);
    }
    let refused = app.login("nl.user", RIGHT).await;
    expect_problem_code(refused, 429, ProblemCode::TooManyRequests).await;
}

#[tokio::test]
async fn right_passwords_sent_at_the_same_moment_all_get_in() {
    // An integration's parallel workers share one account: attempts being
    // checked are not failures, so nobody is refused or locked.
    let clock = ManualClock::starting_now();
    let app = app_with_clock(clock).await;
    let logins = (0..12).map(|_| app.login("nl.user", RIGHT));
    for answer in join_all(logins).await {
        assert_eq!(answer.status(), 200);
    }
    assert!(!locked(&app, "nl.user").await);
    assert_eq!(logged(&app, "login_failed").await.paging.total, 0);
}

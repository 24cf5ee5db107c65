//! The identity lifecycle: reset and activation links, password rules and
//! history, the 90-day change, inactivity, user administration, the
//! security log and the per-address limit.

use api_types::{
    LinkInfo, LinkPurposeDto, ProblemCode, ProblemDetails, SecurityLogPage, TokenResponse,
    UserDetail, UserPage, UserStatusDto,
};
use chrono::Duration;
use serde_json::json;
use std::sync::Arc;
use test_support::smtp::SmtpSink;
use test_support::{ManualClock, TestApp};

const NEW_PASSWORD: &str = "Lighthouse-Keeper-77";

async fn app_with_mail() -> (TestApp, SmtpSink, Arc<ManualClock>) {
    let sink = SmtpSink::start().await.unwrap();
    let clock = ManualClock::starting_now();
    let url = sink.url();
    let app = TestApp::spawn_with_clock(clock.clone(), move |c| {
        c.smtp_url = Some(url);
        c.public_url = "https://portal.example".into();
    })
    .await
    .unwrap();
    (app, sink, clock)
}

async fn post(app: &TestApp, path: &str, body: serde_json::Value) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .json(&body)
        .send()
        .await
        .unwrap()
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

async fn problem(response: reqwest::Response, status: u16) -> ProblemDetails {
    assert_eq!(response.status(), status);
    response.json().await.unwrap()
}

fn codes(p: &ProblemDetails) -> Vec<&str> {
    p.errors.iter().map(|e| e.code.as_str()).collect()
}

/// The token of the newest link email sent to `to`.
async fn link_token(app: &TestApp, sink: &SmtpSink, to: &str, count: usize) -> String {
    api::mail::deliver_due(&app.state).await.unwrap();
    let mails = sink
        .wait_for(count, std::time::Duration::from_secs(5))
        .await;
    let mail = mails
        .iter()
        .rev()
        .find(|m| m.to.iter().any(|t| t == to))
        .unwrap_or_else(|| panic!("no email to {to}"));
    let body = mail.body();
    let start = body.find("#token=").expect("a link in the email") + "#token=".len();
    body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

#[tokio::test]
async fn a_reset_link_sets_a_password_once_and_lifts_the_lock() {
    let (app, sink, _clock) = app_with_mail().await;
    for _ in 0..3 {
        app.login("nl.user", "Wrong-2026!").await;
    }
    assert_eq!(app.login("nl.user", "Welcome-2026").await.status(), 401);

    let asked = post(
        &app,
        "/api/v1/auth/password-reset",
        json!({"email": "nl.user@demo.csportal.example"}),
    )
    .await;
    assert_eq!(asked.status(), 202);
    // Lockout email, then the reset email.
    let token = link_token(&app, &sink, "nl.user@demo.csportal.example", 2).await;
    let mails = sink.received();
    let reset = mails.last().unwrap();
    assert!(reset
        .body()
        .contains("https://portal.example/reset-password#token="));
    assert!(
        reset.body().contains("(Europe/Amsterdam)"),
        "expiry in the user's zone"
    );

    let info: LinkInfo = post(&app, "/api/v1/auth/links/check", json!({"token": token}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (info.purpose, info.username.as_str()),
        (LinkPurposeDto::Reset, "nl.user")
    );

    let weak = problem(
        post(
            &app,
            "/api/v1/auth/links/set-password",
            json!({"token": token, "new_password": "Password1!"}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(codes(&weak), ["password_too_common"]);
    let same = problem(
        post(
            &app,
            "/api/v1/auth/links/set-password",
            json!({"token": token, "new_password": "Welcome-2026"}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(codes(&same), ["password_reused"]);

    let set = post(
        &app,
        "/api/v1/auth/links/set-password",
        json!({"token": token, "new_password": NEW_PASSWORD}),
    )
    .await;
    assert_eq!(set.status(), 204);
    // The lock is lifted at once, and the old password is gone.
    assert_eq!(app.login("nl.user", NEW_PASSWORD).await.status(), 200);
    assert_eq!(app.login("nl.user", "Welcome-2026").await.status(), 401);

    let again = problem(
        post(
            &app,
            "/api/v1/auth/links/set-password",
            json!({"token": token, "new_password": "Another-Pass-88"}),
        )
        .await,
        410,
    )
    .await;
    assert_eq!(again.code, ProblemCode::LinkUsed);
    let bogus = problem(
        post(
            &app,
            "/api/v1/auth/links/check",
            json!({"token": "not-a-token"}),
        )
        .await,
        404,
    )
    .await;
    assert_eq!(bogus.code, ProblemCode::LinkInvalid);
}

#[tokio::test]
async fn a_reset_request_answers_the_same_whether_or_not_the_address_exists() {
    let (app, sink, _clock) = app_with_mail().await;
    let unknown = post(
        &app,
        "/api/v1/auth/password-reset",
        json!({"email": "nobody@nowhere.example"}),
    )
    .await;
    let known = post(
        &app,
        "/api/v1/auth/password-reset",
        json!({"email": "NL.Viewer@demo.csportal.example"}),
    )
    .await;
    assert_eq!(
        (unknown.status().as_u16(), known.status().as_u16()),
        (202, 202)
    );
    assert_eq!(unknown.text().await.unwrap(), known.text().await.unwrap());
    api::mail::deliver_due(&app.state).await.unwrap();
    let mails = sink.wait_for(1, std::time::Duration::from_secs(5)).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, ["nl.viewer@demo.csportal.example"]);
}

#[tokio::test]
async fn a_link_works_for_24_hours_to_the_minute() {
    let (app, sink, clock) = app_with_mail().await;
    post(
        &app,
        "/api/v1/auth/password-reset",
        json!({"email": "nl.viewer@demo.csportal.example"}),
    )
    .await;
    let token = link_token(&app, &sink, "nl.viewer@demo.csportal.example", 1).await;
    clock.advance(Duration::hours(23) + Duration::minutes(59));
    assert_eq!(
        post(&app, "/api/v1/auth/links/check", json!({"token": token}))
            .await
            .status(),
        200
    );
    clock.advance(Duration::minutes(2));
    let expired = problem(
        post(&app, "/api/v1/auth/links/check", json!({"token": token})).await,
        410,
    )
    .await;
    assert_eq!(expired.code, ProblemCode::LinkExpired);
    let set = problem(
        post(
            &app,
            "/api/v1/auth/links/set-password",
            json!({"token": token, "new_password": NEW_PASSWORD}),
        )
        .await,
        410,
    )
    .await;
    assert_eq!(set.code, ProblemCode::LinkExpired);
}

#[tokio::test]
async fn after_90_days_a_login_only_lets_the_user_set_a_new_password() {
    let (app, _sink, clock) = app_with_mail().await;
    clock.advance(Duration::days(90));
    assert_eq!(
        app.login("nl.user", "Welcome-2026").await.status(),
        200,
        "day 90"
    );
    clock.advance(Duration::days(1));
    // A wrong password still reads as a wrong password.
    assert_eq!(app.login("nl.user", "Wrong-2026!").await.status(), 401);
    let expired = problem(app.login("nl.user", "Welcome-2026").await, 403).await;
    assert_eq!(expired.code, ProblemCode::PasswordExpired);
    let change_token = expired.restricted_token.expect("a change token");

    // The restricted token opens nothing else.
    assert_eq!(app.get("/api/v1/me", &change_token).await.status(), 401);
    let reused = problem(
        post_as(
            &app,
            &change_token,
            "/api/v1/auth/password",
            json!({"current_password": "Welcome-2026", "new_password": "Welcome-2026"}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(codes(&reused), ["password_reused"]);
    let changed = post_as(
        &app,
        &change_token,
        "/api/v1/auth/password",
        json!({"current_password": "Welcome-2026", "new_password": NEW_PASSWORD}),
    )
    .await;
    assert_eq!(changed.status(), 200);
    let tokens: TokenResponse = changed.json().await.unwrap();
    assert_eq!(
        app.get("/api/v1/me", &tokens.access_token).await.status(),
        200
    );
    // Spent: the password it was for is gone.
    assert_eq!(
        post_as(
            &app,
            &change_token,
            "/api/v1/auth/password",
            json!({"current_password": NEW_PASSWORD, "new_password": "Another-Pass-88"})
        )
        .await
        .status(),
        401
    );
    assert_eq!(app.login("nl.user", NEW_PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn the_last_five_passwords_cannot_be_used_again() {
    let (app, _sink, _clock) = app_with_mail().await;
    let mut current = "Welcome-2026".to_owned();
    for n in 1..=5 {
        let next = format!("Harbour-Crane-{n}{n}x");
        let tokens = app.tokens_for_password("nl.viewer", &current).await;
        let changed = post_as(
            &app,
            &tokens.access_token,
            "/api/v1/auth/password",
            json!({"current_password": current, "new_password": next}),
        )
        .await;
        assert_eq!(changed.status(), 200, "change {n}");
        current = next;
    }
    let tokens = app.tokens_for_password("nl.viewer", &current).await;
    // Passwords 2 to 5 and the current one are barred; the first has aged out.
    let barred = problem(
        post_as(
            &app,
            &tokens.access_token,
            "/api/v1/auth/password",
            json!({"current_password": current, "new_password": "Harbour-Crane-22x"}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(codes(&barred), ["password_reused"]);
    let wrong = problem(
        post_as(
            &app,
            &tokens.access_token,
            "/api/v1/auth/password",
            json!({"current_password": "Nope-1234!", "new_password": NEW_PASSWORD}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(codes(&wrong), ["wrong_password"]);
    let back = post_as(
        &app,
        &tokens.access_token,
        "/api/v1/auth/password",
        json!({"current_password": current, "new_password": "Welcome-2026"}),
    )
    .await;
    assert_eq!(
        back.status(),
        200,
        "the sixth password back is allowed again"
    );
}

#[tokio::test]
async fn accounts_unused_for_more_than_120_days_are_deactivated_and_unassigned() {
    let (app, _sink, clock) = app_with_mail().await;
    let manager = app.tokens_for("nl.manager").await;
    let users: UserPage = app
        .get_json("/api/v1/users?q=nl.viewer", &manager.access_token)
        .await;
    let viewer = users.items[0].clone();
    assert!(!viewer.account_ids.is_empty());

    let still_active = |app: &TestApp| {
        let db = app.db.clone();
        let id = domain::UserId::from_uuid(viewer.id);
        async move {
            persistence::repositories::users::find_admin(&db, id, None)
                .await
                .unwrap()
                .unwrap()
                .user
                .active
        }
    };
    clock.advance(Duration::days(120));
    api::identity::inactivity::deactivate_unused(&app.state)
        .await
        .unwrap();
    assert!(still_active(&app).await, "day 120 keeps it");

    clock.advance(Duration::days(1));
    let deactivated = api::identity::inactivity::deactivate_unused(&app.state)
        .await
        .unwrap();
    assert!(deactivated >= 1);
    assert!(!still_active(&app).await, "day 121 does not");
    let refused = problem(app.login("nl.viewer", "Welcome-2026").await, 403).await;
    assert_eq!(refused.code, ProblemCode::AccountDeactivated);
    assert!(refused.detail.contains("Manager"), "{}", refused.detail);
    // A wrong password tells a stranger nothing about the account.
    assert_eq!(app.login("nl.viewer", "Wrong-2026!").await.status(), 401);

    // Everyone was idle; portal support reactivates nl.manager, whose
    // 121-day-old password must then be changed first.
    let manager_row = persistence::repositories::users::find_by_username(
        &app.db,
        &domain::Username::parse("nl.manager").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    let m = persistence::repositories::users::find_admin(&app.db, manager_row.user.id, None)
        .await
        .unwrap()
        .unwrap();
    let changes = persistence::repositories::users::AdminChanges {
        active: Some(true),
        ..Default::default()
    };
    assert!(persistence::repositories::users::update_admin(
        &app.db,
        m.user.id,
        m.version,
        &changes,
        chrono::Utc::now()
    )
    .await
    .unwrap());
    let expired = problem(app.login("nl.manager", "Welcome-2026").await, 403).await;
    assert_eq!(expired.code, ProblemCode::PasswordExpired);
    let manager: TokenResponse = post_as(
        &app,
        &expired.restricted_token.unwrap(),
        "/api/v1/auth/password",
        json!({"current_password": "Welcome-2026", "new_password": NEW_PASSWORD}),
    )
    .await
    .json()
    .await
    .unwrap();
    let detail: UserDetail = app
        .get_json(
            &format!("/api/v1/users/{}", viewer.id),
            &manager.access_token,
        )
        .await;
    assert_eq!(detail.summary.status, UserStatusDto::Deactivated);
    assert!(detail.summary.account_ids.is_empty(), "assignment removed");
    assert_eq!(
        detail.deactivation_reason,
        Some(api_types::DeactivationReasonDto::Inactivity)
    );
    reactivate(
        &app,
        &manager.access_token,
        viewer.id,
        detail.summary.version,
    )
    .await;
    let back = problem(app.login("nl.viewer", "Welcome-2026").await, 403).await;
    assert_eq!(
        back.code,
        ProblemCode::PasswordExpired,
        "active again; the old password must go"
    );
}

async fn reactivate(app: &TestApp, token: &str, id: uuid::Uuid, version: i32) {
    let response = app
        .client
        .patch(app.url(&format!("/api/v1/users/{id}")))
        .bearer_auth(token)
        .header("If-Match", format!("\"v{version}\""))
        .json(&json!({"active": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn a_manager_creates_a_user_who_inherits_their_settings_and_activates_by_email() {
    let (app, sink, _clock) = app_with_mail().await;
    let manager = app.tokens_for("nl.manager").await;
    let account = app.demo.dutch.accounts[1].id.as_uuid();
    let created = post_as(
        &app,
        &manager.access_token,
        "/api/v1/users",
        json!({
            "username": "jan.devries", "display_name": "Jan de Vries", "email": "jan@umc.example",
            "role": "user", "account_ids": [account]
        }),
    )
    .await;
    assert_eq!(created.status(), 201);
    let etag = created.headers()["etag"].to_str().unwrap().to_owned();
    let user: UserDetail = created.json().await.unwrap();
    assert_eq!(etag, format!("\"v{}\"", user.summary.version));
    assert_eq!(user.summary.status, UserStatusDto::PendingActivation);
    assert_eq!(
        (
            user.settings.language.as_str(),
            user.settings.time_zone.as_str()
        ),
        ("nl", "Europe/Amsterdam")
    );
    assert_eq!(user.summary.account_ids, [account]);
    assert_eq!(app.login("jan.devries", "").await.status(), 401);

    let token = link_token(&app, &sink, "jan@umc.example", 1).await;
    let mail = sink.received().pop().unwrap();
    assert!(
        mail.subject().contains("Activeer"),
        "Dutch, like the Manager: {}",
        mail.subject()
    );
    assert!(mail
        .body()
        .contains("https://portal.example/activate#token="));
    let info: LinkInfo = post(&app, "/api/v1/auth/links/check", json!({"token": token}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(info.purpose, LinkPurposeDto::Activation);
    assert_eq!(
        post(
            &app,
            "/api/v1/auth/links/set-password",
            json!({"token": token, "new_password": NEW_PASSWORD})
        )
        .await
        .status(),
        204
    );
    let tokens: TokenResponse = app
        .login("jan.devries", NEW_PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    let me: api_types::MeResponse = app.get_json("/api/v1/me", &tokens.access_token).await;
    assert_eq!(me.settings.language, "nl");

    let taken = problem(post_as(&app, &manager.access_token, "/api/v1/users", json!({
        "username": "Jan.DeVries", "display_name": "Other Jan", "email": "jan2@umc.example", "role": "viewer"
    })).await, 409).await;
    assert_eq!(taken.code, ProblemCode::UsernameTaken);
    let admin_role = problem(post_as(&app, &manager.access_token, "/api/v1/users", json!({
        "username": "sneaky", "display_name": "Sneaky", "email": "s@umc.example", "role": "admin"
    })).await, 422).await;
    assert!(codes(&admin_role).contains(&"role_not_grantable"));
}

#[tokio::test]
async fn managers_administer_only_their_own_parent_account_and_others_not_at_all() {
    let (app, _sink, _clock) = app_with_mail().await;
    let dutch = app.tokens_for("nl.manager").await;
    let danish = app.tokens_for("dk.manager").await;
    let dutch_users: UserPage = app.get_json("/api/v1/users", &dutch.access_token).await;
    assert!(
        dutch_users
            .items
            .iter()
            .all(|u| u.username.starts_with("nl.")),
        "{:?}",
        dutch_users.items
    );
    let target = dutch_users
        .items
        .iter()
        .find(|u| u.username == "nl.viewer")
        .unwrap();

    // Another parent's user and account do not exist for the Danish Manager.
    let path = format!("/api/v1/users/{}", target.id);
    assert_eq!(app.get(&path, &danish.access_token).await.status(), 404);
    let patched = app
        .client
        .patch(app.url(&path))
        .bearer_auth(&danish.access_token)
        .header("If-Match", format!("\"v{}\"", target.version))
        .json(&json!({"role": "manager"}))
        .send()
        .await
        .unwrap();
    assert_eq!(patched.status(), 404);
    let foreign_account = app.demo.dutch.accounts[1].id.as_uuid();
    let created = post_as(&app, &danish.access_token, "/api/v1/users", json!({
        "username": "dk.new", "display_name": "Ny", "email": "ny@dk.example", "role": "user", "account_ids": [foreign_account]
    })).await;
    assert_eq!(created.status(), 404);

    // Users and Viewers administer nobody.
    for name in ["nl.user", "nl.viewer"] {
        let t = app.tokens_for(name).await;
        assert_eq!(
            app.get("/api/v1/users", &t.access_token).await.status(),
            403,
            "{name}"
        );
        assert_eq!(
            app.get(&path, &t.access_token).await.status(),
            403,
            "{name}"
        );
        assert_eq!(
            app.get("/api/v1/security-log", &t.access_token)
                .await
                .status(),
            403,
            "{name}"
        );
    }
}

#[tokio::test]
async fn role_changes_and_lockouts_land_in_a_hash_chained_security_log() {
    let (app, _sink, _clock) = app_with_mail().await;
    for _ in 0..3 {
        app.login("nl.viewer", "Wrong-2026!").await;
    }
    app.login("dk.user", "Wrong-2026!").await;
    let manager = app.tokens_for("nl.manager").await;
    let users: UserPage = app
        .get_json("/api/v1/users?q=nl.user", &manager.access_token)
        .await;
    let target = users
        .items
        .iter()
        .find(|u| u.username == "nl.user")
        .unwrap();
    let response = app
        .client
        .patch(app.url(&format!("/api/v1/users/{}", target.id)))
        .bearer_auth(&manager.access_token)
        .header("If-Match", format!("\"v{}\"", target.version))
        .json(&json!({"role": "viewer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    // A stale version is refused.
    let stale = app
        .client
        .patch(app.url(&format!("/api/v1/users/{}", target.id)))
        .bearer_auth(&manager.access_token)
        .header("If-Match", format!("\"v{}\"", target.version))
        .json(&json!({"role": "user"}))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 412);

    let log: SecurityLogPage = app
        .get_json("/api/v1/security-log?page_size=200", &manager.access_token)
        .await;
    let events: Vec<&str> = log.items.iter().map(|e| e.event.as_str()).collect();
    assert!(events.contains(&"account_locked"), "{events:?}");
    assert!(events.contains(&"role_changed"), "{events:?}");
    let change = log
        .items
        .iter()
        .find(|e| e.event == "role_changed")
        .unwrap();
    assert_eq!(change.details, json!({"from": "user", "to": "viewer"}));
    assert_eq!(change.actor_username.as_deref(), Some("nl.manager"));
    assert_eq!(change.client_address.as_deref(), Some("127.0.0.1"));
    // The Danish failure is not the Dutch Manager's to see.
    assert!(log
        .items
        .iter()
        .all(|e| e.username.as_deref() != Some("dk.user")));

    use persistence::repositories::security_log::{verify, ChainBreak};
    use sea_orm::ConnectionTrait;
    let report = verify(&app.db).await.unwrap();
    assert_eq!(report.first_break, None);
    assert!(report.entries >= 6);
    app.db
        .execute_unprepared("UPDATE security_log SET client_address = '10.6.6.6' WHERE seq = 2")
        .await
        .unwrap();
    assert_eq!(
        verify(&app.db).await.unwrap().first_break,
        Some(ChainBreak::Altered { seq: 2 })
    );
}

#[tokio::test]
async fn one_address_failing_too_often_is_throttled_and_a_lockout_burst_reported() {
    let clock = ManualClock::starting_now();
    let app = TestApp::spawn_with_clock(clock.clone(), |c| c.login_failures_per_address = 10)
        .await
        .unwrap();
    // Three accounts locked from one address: a burst.
    for name in ["nl.user", "nl.viewer", "nl.manager"] {
        for _ in 0..3 {
            assert_eq!(app.login(name, "Wrong-2026!").await.status(), 401);
        }
    }
    let admin = app.tokens_for("admin").await;
    let bursts: SecurityLogPage = app
        .get_json(
            "/api/v1/security-log?event=lockout_burst",
            &admin.access_token,
        )
        .await;
    assert_eq!(bursts.total, 1, "{:?}", bursts.items);
    // The tenth failure reaches the limit: the next attempt is refused unseen.
    assert_eq!(app.login("nobody.here", "x").await.status(), 401);
    let throttled = app.login("dk.user", "Welcome-2026").await;
    assert_eq!(throttled.status(), 429);
    assert_eq!(throttled.headers()["retry-after"], "900");
    let throttles: SecurityLogPage = app
        .get_json(
            "/api/v1/security-log?event=address_throttled",
            &admin.access_token,
        )
        .await;
    assert_eq!(throttles.total, 1);
    clock.advance(Duration::minutes(15) + Duration::seconds(1));
    assert_eq!(app.login("dk.user", "Welcome-2026").await.status(), 200);
}

#[tokio::test]
async fn two_server_processes_on_one_database_agree_on_the_lockout() {
    let clock = ManualClock::starting_now();
    let first = TestApp::spawn_with_clock(clock.clone(), |_| {})
        .await
        .unwrap();
    let second = first.spawn_beside(clock.clone()).await.unwrap();
    // Failures spread over both, some at once.
    let (a, b) = tokio::join!(
        first.login("nl.user", "Wrong-2026!"),
        second.login("nl.user", "Wrong-2026!")
    );
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (401, 401));
    assert_eq!(first.login("nl.user", "Wrong-2026!").await.status(), 401);
    // Locked for both.
    assert_eq!(second.login("nl.user", "Welcome-2026").await.status(), 401);
    assert_eq!(first.login("nl.user", "Welcome-2026").await.status(), 401);
    let admin = second.tokens_for("admin").await;
    let locks: SecurityLogPage = second
        .get_json(
            "/api/v1/security-log?event=account_locked",
            &admin.access_token,
        )
        .await;
    assert_eq!(locks.total, 1, "exactly one process saw the lock happen");
    clock.advance(Duration::minutes(15));
    assert_eq!(second.login("nl.user", "Welcome-2026").await.status(), 200);
    use persistence::repositories::security_log::verify;
    assert_eq!(
        verify(&first.db).await.unwrap().first_break,
        None,
        "one chain from two writers"
    );
}

#[tokio::test]
async fn personal_settings_change_and_bad_values_are_named() {
    let app = TestApp::spawn().await.unwrap();
    let tokens = app.tokens_for("dk.user").await;
    let saved = app.client.patch(app.url("/api/v1/me/settings")).bearer_auth(&tokens.access_token)
        .json(&json!({"language": "nl", "time_zone": "America/New_York", "date_format": "month_day_year", "time_format": "h12"}))
        .send().await.unwrap();
    assert_eq!(saved.status(), 200);
    let me: api_types::MeResponse = app.get_json("/api/v1/me", &tokens.access_token).await;
    assert_eq!(
        (
            me.settings.language.as_str(),
            me.settings.time_zone.as_str(),
            me.settings.time_format.as_str()
        ),
        ("nl", "America/New_York", "h12")
    );
    let bad = problem(
        app.client.patch(app.url("/api/v1/me/settings")).bearer_auth(&tokens.access_token)
            .json(&json!({"language": "fr", "time_zone": "Mars/Olympus", "date_format": "iso", "time_format": "h24"}))
            .send().await.unwrap(),
        422,
    )
    .await;
    assert_eq!(codes(&bad), ["unknown_language", "unknown_time_zone"]);
}

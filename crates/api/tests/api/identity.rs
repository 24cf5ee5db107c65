//! The identity lifecycle: reset and activation links, password rules and
//! history, the 90-day change, inactivity, user administration, the
//! security log and the per-address limit.

use api_types::{
    ChangePasswordRequest, CreateUserRequest, LinkInfo, LinkPurposeDto, LinkTokenRequest,
    PasswordResetRequest, ProblemCode, ProblemDetails, RoleDto, SetPasswordRequest, TokenResponse,
    UpdateSettingsRequest, UpdateUserRequest, UserDetail, UserPage, UserStatusDto, UserSummary,
};
use chrono::Duration;
use serde_json::json;
use std::sync::Arc;
use test_support::smtp::SmtpSink;
use test_support::{
    expect_json, expect_problem, expect_problem_code, ManualClock, TestApp, PUBLIC_URL,
};

const NEW_PASSWORD: &str = "Lighthouse-Keeper-77";

async fn app_with_mail() -> (TestApp, SmtpSink, Arc<ManualClock>) {
    TestApp::spawn_with_mail_on_manual_clock().await.unwrap()
}

fn codes(p: &ProblemDetails) -> Vec<&str> {
    p.errors.iter().map(|e| e.code.as_str()).collect()
}

/// The token of the newest link email sent to `to`.
async fn link_token(app: &TestApp, sink: &SmtpSink, to: &str, count: usize) -> String {
    app.deliver_mail(sink, count)
        .await
        .iter()
        .rev()
        .find(|m| m.to.iter().any(|t| t == to))
        .unwrap_or_else(|| panic!("no email to {to}"))
        .link_token()
}

async fn ask_reset(app: &TestApp, email: &str) -> reqwest::Response {
    let body = PasswordResetRequest {
        email: email.to_owned(),
    };
    app.post_json_anonymous("/api/v1/auth/password-reset", &body)
        .await
}

async fn check_link(app: &TestApp, token: &str) -> reqwest::Response {
    let body = LinkTokenRequest {
        token: token.to_owned(),
    };
    app.post_json_anonymous("/api/v1/auth/links/check", &body)
        .await
}

async fn set_password(app: &TestApp, token: &str, new_password: &str) -> reqwest::Response {
    let body = SetPasswordRequest {
        token: token.to_owned(),
        new_password: new_password.to_owned(),
    };
    app.post_json_anonymous("/api/v1/auth/links/set-password", &body)
        .await
}

async fn change_password(
    app: &TestApp,
    access_token: &str,
    current_password: &str,
    new_password: &str,
) -> reqwest::Response {
    let body = ChangePasswordRequest {
        current_password: current_password.to_owned(),
        new_password: new_password.to_owned(),
    };
    app.post_json("/api/v1/auth/password", access_token, &body)
        .await
}

fn new_user(username: &str, display_name: &str, email: &str, role: RoleDto) -> CreateUserRequest {
    CreateUserRequest {
        username: username.to_owned(),
        display_name: display_name.to_owned(),
        email: email.to_owned(),
        role,
        account_ids: Vec::new(),
        parent_account_id: None,
    }
}

/// POSTs a new user as the holder of `access_token`.
async fn create_user(
    app: &TestApp,
    access_token: &str,
    user: &CreateUserRequest,
) -> reqwest::Response {
    app.post_json("/api/v1/users", access_token, user).await
}

#[tokio::test]
async fn a_reset_link_sets_a_password_once_and_lifts_the_lock() {
    let (app, sink, _clock) = app_with_mail().await;
    for _ in 0..3 {
        app.login("nl.user", "Wrong-2026!").await;
    }
    assert_eq!(app.login("nl.user", "Welcome-2026").await.status(), 401);

    let asked = ask_reset(&app, "nl.user@demo.csportal.example").await;
    assert_eq!(asked.status(), 202);
    // Lockout email, then the reset email.
    let token = link_token(&app, &sink, "nl.user@demo.csportal.example", 2).await;
    let mails = sink.received();
    let reset = mails.last().unwrap();
    assert!(reset
        .body()
        .contains(&format!("{PUBLIC_URL}/reset-password#token=")));
    assert!(
        reset.body().contains("(Europe/Amsterdam)"),
        "expiry in the user's zone"
    );

    let info: LinkInfo = expect_json(check_link(&app, &token).await, 200).await;
    assert_eq!(
        (info.purpose, info.username.as_str()),
        (LinkPurposeDto::Reset, "nl.user")
    );

    let weak = expect_problem(set_password(&app, &token, "Password1!").await, 422).await;
    assert_eq!(codes(&weak), ["password_too_common"]);
    let same = expect_problem(set_password(&app, &token, "Welcome-2026").await, 422).await;
    assert_eq!(codes(&same), ["password_reused"]);

    let set = set_password(&app, &token, NEW_PASSWORD).await;
    assert_eq!(set.status(), 204);
    // The lock is lifted at once, and the old password is gone.
    assert_eq!(app.login("nl.user", NEW_PASSWORD).await.status(), 200);
    assert_eq!(app.login("nl.user", "Welcome-2026").await.status(), 401);

    let used = set_password(&app, &token, "Another-Pass-88").await;
    expect_problem_code(used, 410, ProblemCode::LinkUsed).await;
    let invalid = check_link(&app, "not-a-token").await;
    expect_problem_code(invalid, 404, ProblemCode::LinkInvalid).await;
}

#[tokio::test]
async fn a_reset_request_answers_the_same_whether_or_not_the_address_exists() {
    let (app, sink, _clock) = app_with_mail().await;
    let unknown = ask_reset(&app, "nobody@nowhere.example").await;
    let known = ask_reset(&app, "NL.Viewer@demo.csportal.example").await;
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
    ask_reset(&app, "nl.viewer@demo.csportal.example").await;
    let token = link_token(&app, &sink, "nl.viewer@demo.csportal.example", 1).await;
    clock.advance(Duration::hours(23) + Duration::minutes(59));
    assert_eq!(check_link(&app, &token).await.status(), 200);
    clock.advance(Duration::minutes(2));
    let checked = check_link(&app, &token).await;
    expect_problem_code(checked, 410, ProblemCode::LinkExpired).await;
    let set = set_password(&app, &token, NEW_PASSWORD).await;
    expect_problem_code(set, 410, ProblemCode::LinkExpired).await;
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
    let expired = expect_problem_code(
        app.login("nl.user", "Welcome-2026").await,
        403,
        ProblemCode::PasswordExpired,
    )
    .await;
    let change_token = expired.restricted_token.expect("a change token");

    // The restricted token opens nothing else.
    assert_eq!(app.get("/api/v1/me", &change_token).await.status(), 401);
    let reused = expect_problem(
        change_password(&app, &change_token, "Welcome-2026", "Welcome-2026").await,
        422,
    )
    .await;
    assert_eq!(codes(&reused), ["password_reused"]);
    let changed = change_password(&app, &change_token, "Welcome-2026", NEW_PASSWORD).await;
    let tokens: TokenResponse = expect_json(changed, 200).await;
    assert_eq!(
        app.get("/api/v1/me", &tokens.access_token).await.status(),
        200
    );
    // Spent: the password it was for is gone.
    assert_eq!(
        change_password(&app, &change_token, NEW_PASSWORD, "Another-Pass-88")
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
        let changed = change_password(&app, &tokens.access_token, &current, &next).await;
        assert_eq!(changed.status(), 200, "change {n}");
        current = next;
    }
    let tokens = app.tokens_for_password("nl.viewer", &current).await;
    // Passwords 2 to 5 and the current one are barred; the first has aged out.
    let barred = expect_problem(
        change_password(&app, &tokens.access_token, &current, "Harbour-Crane-22x").await,
        422,
    )
    .await;
    assert_eq!(codes(&barred), ["password_reused"]);
    let wrong = expect_problem(
        change_password(&app, &tokens.access_token, "Nope-1234!", NEW_PASSWORD).await,
        422,
    )
    .await;
    assert_eq!(codes(&wrong), ["wrong_password"]);
    let back = change_password(&app, &tokens.access_token, &current, "Welcome-2026").await;
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
    let viewer = app.user_named(&manager.access_token, "nl.viewer").await;
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
    let refused = expect_problem_code(
        app.login("nl.viewer", "Welcome-2026").await,
        403,
        ProblemCode::AccountDeactivated,
    )
    .await;
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
    let expired = expect_problem_code(
        app.login("nl.manager", "Welcome-2026").await,
        403,
        ProblemCode::PasswordExpired,
    )
    .await;
    let restricted = expired.restricted_token.unwrap();
    let changed = change_password(&app, &restricted, "Welcome-2026", NEW_PASSWORD).await;
    let manager: TokenResponse = expect_json(changed, 200).await;
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
    reactivate(&app, &manager.access_token, &detail.summary).await;
    let back = expect_problem(app.login("nl.viewer", "Welcome-2026").await, 403).await;
    assert_eq!(
        back.code,
        ProblemCode::PasswordExpired,
        "active again; the old password must go"
    );
}

async fn reactivate(app: &TestApp, token: &str, user: &UserSummary) {
    let changes = UpdateUserRequest {
        active: Some(true),
        ..Default::default()
    };
    let response = app.patch_user(token, user, &changes).await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn a_manager_creates_a_user_who_inherits_their_settings_and_activates_by_email() {
    let (app, sink, _clock) = app_with_mail().await;
    let manager = app.tokens_for("nl.manager").await;
    let account = app.demo.dutch.accounts[1].id.as_uuid();
    let jan = CreateUserRequest {
        account_ids: vec![account],
        ..new_user(
            "jan.devries",
            "Jan de Vries",
            "jan@umc.example",
            RoleDto::User,
        )
    };
    let created = create_user(&app, &manager.access_token, &jan).await;
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
        .contains(&format!("{PUBLIC_URL}/activate#token=")));
    let info: LinkInfo = expect_json(check_link(&app, &token).await, 200).await;
    assert_eq!(info.purpose, LinkPurposeDto::Activation);
    assert_eq!(set_password(&app, &token, NEW_PASSWORD).await.status(), 204);
    let tokens = app.tokens_for_password("jan.devries", NEW_PASSWORD).await;
    let me: api_types::MeResponse = app.get_json("/api/v1/me", &tokens.access_token).await;
    assert_eq!(me.settings.language, "nl");

    let other_jan = new_user(
        "Jan.DeVries",
        "Other Jan",
        "jan2@umc.example",
        RoleDto::Viewer,
    );
    let taken = create_user(&app, &manager.access_token, &other_jan).await;
    expect_problem_code(taken, 409, ProblemCode::UsernameTaken).await;
    let sneaky = new_user("sneaky", "Sneaky", "s@umc.example", RoleDto::Admin);
    let admin_role = create_user(&app, &manager.access_token, &sneaky).await;
    let admin_role = expect_problem(admin_role, 422).await;
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
    let promote = UpdateUserRequest {
        role: Some(RoleDto::Manager),
        ..Default::default()
    };
    let patched = app.patch_user(&danish.access_token, target, &promote).await;
    assert_eq!(patched.status(), 404);
    let foreign_account = app.demo.dutch.accounts[1].id.as_uuid();
    let ny = CreateUserRequest {
        account_ids: vec![foreign_account],
        ..new_user("dk.new", "Ny", "ny@dk.example", RoleDto::User)
    };
    let created = create_user(&app, &danish.access_token, &ny).await;
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
    let manager = app.tokens_for("nl.manager").await.access_token;
    let target = app.user_named(&manager, "nl.user").await;
    // Each at the version first read: the second is stale and refused.
    let to_role = async |role| {
        let changes = UpdateUserRequest {
            role: Some(role),
            ..Default::default()
        };
        app.patch_user(&manager, &target, &changes).await.status()
    };
    assert_eq!(to_role(RoleDto::Viewer).await, 200);
    assert_eq!(to_role(RoleDto::User).await, 412);

    let log = app.security_log(&manager, "page_size=200").await;
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
    let report = verify(&app.db, &app.state.chain_key).await.unwrap();
    assert_eq!(report.first_break, None);
    assert!(report.entries >= 6);
    persistence::raw_sql::execute(
        &app.db,
        "UPDATE security_log SET client_address = '10.6.6.6' WHERE seq = 2",
    )
    .await
    .unwrap();
    assert_eq!(
        verify(&app.db, &app.state.chain_key)
            .await
            .unwrap()
            .first_break,
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
    let admin = app.tokens_for("admin").await.access_token;
    let bursts = app.security_log(&admin, "event=lockout_burst").await;
    assert_eq!(bursts.paging.total, 1, "{:?}", bursts.items);
    // The tenth failure reaches the limit: the next attempt is refused unseen.
    assert_eq!(app.login("nobody.here", "x").await.status(), 401);
    let throttled = app.login("dk.user", "Welcome-2026").await;
    assert_eq!(throttled.status(), 429);
    assert_eq!(throttled.headers()["retry-after"], "900");
    let throttles = app.security_log(&admin, "event=address_throttled").await;
    assert_eq!(throttles.paging.total, 1);
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
    let admin = second.tokens_for("admin").await.access_token;
    let locks = second.security_log(&admin, "event=account_locked").await;
    assert_eq!(
        locks.paging.total, 1,
        "exactly one process saw the lock happen"
    );
    clock.advance(Duration::minutes(15));
    assert_eq!(second.login("nl.user", "Welcome-2026").await.status(), 200);
    use persistence::repositories::security_log::verify;
    assert_eq!(
        verify(&first.db, &first.state.chain_key)
            .await
            .unwrap()
            .first_break,
        None,
        "one chain from two writers"
    );
}

#[tokio::test]
async fn personal_settings_change_and_bad_values_are_named() {
    let app = TestApp::spawn().await.unwrap();
    let tokens = app.tokens_for("dk.user").await;
    let settings = |language: &str, time_zone: &str, date_format: &str, time_format: &str| {
        UpdateSettingsRequest {
            language: language.to_owned(),
            time_zone: time_zone.to_owned(),
            date_format: date_format.to_owned(),
            time_format: time_format.to_owned(),
        }
    };
    let saved = app
        .patch_json(
            "/api/v1/me/settings",
            &tokens.access_token,
            &settings("nl", "America/New_York", "month_day_year", "h12"),
        )
        .await;
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
    let bad = expect_problem(
        app.patch_json(
            "/api/v1/me/settings",
            &tokens.access_token,
            &settings("fr", "Mars/Olympus", "iso", "h24"),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(codes(&bad), ["unknown_language", "unknown_time_zone"]);
}

#[tokio::test]
async fn an_admin_creating_a_user_for_an_unknown_parent_account_gets_404() {
    let app = TestApp::spawn().await.unwrap();
    let admin = app.tokens_for("admin").await;
    let request = CreateUserRequest {
        parent_account_id: Some(uuid::Uuid::new_v4()),
        ..new_user(
            "ghost.user",
            "Ghost",
            "ghost@nowhere.example",
            RoleDto::User,
        )
    };
    let created = create_user(&app, &admin.access_token, &request).await;
    expect_problem(created, 404).await;
}

#[tokio::test]
async fn a_burst_of_user_creations_all_succeed() {
    let app = TestApp::spawn().await.unwrap();
    let manager = app.tokens_for("nl.manager").await;
    // As many at once as the SQLite pool has connections: each creation is a
    // transaction that also reads on a second connection.
    let creations = (0..8).map(|i| {
        let request = new_user(
            &format!("burst.user{i}"),
            &format!("Burst {i}"),
            &format!("burst{i}@umc.example"),
            RoleDto::User,
        );
        let app = &app;
        let token = manager.access_token.clone();
        async move { create_user(app, &token, &request).await.status() }
    });
    let statuses = futures_util::future::join_all(creations).await;
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
}

use api_types::{MeResponse, ProblemCode, ProblemDetails, RoleDto, TokenResponse};
use test_support::{
    expect_json, expect_problem, expect_problem_code, expect_same_problem, TestApp,
};

#[tokio::test]
async fn login_returns_tokens_and_a_refresh_cookie_when_credentials_are_right() {
    let app = TestApp::spawn().await.unwrap();
    let response = app.login("nl.manager", "Welcome-2026").await;
    assert_eq!(response.status(), 200);
    let cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("csportal_refresh=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let tokens: TokenResponse = response.json().await.unwrap();
    assert_eq!(tokens.token_type, "Bearer");
    let me: MeResponse = app.get_json("/api/v1/me", &tokens.access_token).await;
    assert_eq!(me.username, "nl.manager");
    assert_eq!(me.role, RoleDto::Manager);
    assert_eq!(me.settings.language, "nl");
    assert_eq!(
        me.parent_account.unwrap().name,
        "Lindenhaven University Medical Centre"
    );
}

#[tokio::test]
async fn login_answers_the_same_problem_when_the_password_is_wrong_or_the_user_unknown() {
    let app = TestApp::spawn().await.unwrap();
    let wrong = app.login("nl.manager", "Welcome-2027").await;
    let unknown = app.login("nobody.here", "Welcome-2026").await;
    let problem = expect_same_problem(wrong, unknown, 401).await;
    assert_eq!(problem.code, ProblemCode::InvalidCredentials);
}

#[tokio::test]
async fn me_answers_401_without_a_token_or_with_a_forged_one() {
    let app = TestApp::spawn().await.unwrap();
    let none = app.send_anonymous(reqwest::Method::GET, "/api/v1/me").await;
    assert_eq!(none.status(), 401);
    let forged = app
        .get("/api/v1/me", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")
        .await;
    expect_problem_code(forged, 401, ProblemCode::InvalidToken).await;
}

/// dk.user's first token pair, and the pair its refresh token is rotated into.
async fn rotated(app: &TestApp) -> (TokenResponse, TokenResponse) {
    let first = app.tokens_for("dk.user").await;
    let second = expect_json(app.refresh(first.refresh_token.clone()).await, 200).await;
    (first, second)
}

#[tokio::test]
async fn refresh_rotates_and_a_reused_refresh_token_ends_the_session() {
    let app = TestApp::spawn().await.unwrap();
    let (first, second) = rotated(&app).await;
    assert_ne!(second.refresh_token, first.refresh_token);
    assert_eq!(
        app.get("/api/v1/me", &second.access_token).await.status(),
        200
    );

    let replay = app.refresh(first.refresh_token).await;
    assert_eq!(replay.status(), 401);
    assert_eq!(
        app.get("/api/v1/me", &second.access_token).await.status(),
        401,
        "session revoked"
    );
    assert_eq!(app.refresh(second.refresh_token).await.status(), 401);
}

#[tokio::test]
async fn logout_makes_the_access_token_and_the_cookie_useless() {
    let app = TestApp::spawn().await.unwrap();
    let tokens = app.tokens_for("nl.viewer").await;
    let out = app.post("/api/v1/auth/logout", &tokens.access_token).await;
    assert_eq!(out.status(), 204);
    assert_eq!(
        app.get("/api/v1/me", &tokens.access_token).await.status(),
        401
    );
    let by_cookie = app.refresh(None).await;
    assert_eq!(by_cookie.status(), 401);
}

#[tokio::test]
async fn the_refresh_cookie_alone_restores_a_browser_session() {
    let app = TestApp::spawn().await.unwrap();
    app.tokens_for("nl.user").await;
    let restored = app.refresh(None).await;
    assert_eq!(restored.status(), 200);
}

#[tokio::test]
async fn three_wrong_passwords_lock_for_fifteen_minutes_and_email_the_owner() {
    let (app, sink, clock) = TestApp::spawn_with_mail_on_manual_clock().await.unwrap();
    let stranger: ProblemDetails = app.login("nobody.here", "x").await.json().await.unwrap();
    for _ in 0..3 {
        assert_eq!(app.login("nl.user", "Wrong-2026!").await.status(), 401);
    }
    // Locked: the right password is refused, in the words of a wrong one.
    let locked = expect_problem(app.login("nl.user", "Welcome-2026").await, 401).await;
    assert_eq!(
        (locked.code, locked.detail.clone()),
        (stranger.code, stranger.detail.clone())
    );
    assert!(locked.detail.contains("locked for 15 minutes"));

    // One email, in nl.user's Dutch and zone, naming the lock's end.
    let mails = app.deliver_mail(&sink, 1).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, ["nl.user@demo.csportal.example"]);
    let body = mails[0].body();
    assert!(body.contains("geblokkeerd tot"), "{body}");
    assert!(body.contains("(Europe/Amsterdam)"), "{body}");

    clock.advance(chrono::Duration::minutes(14) + chrono::Duration::seconds(59));
    assert_eq!(app.login("nl.user", "Welcome-2026").await.status(), 401);
    clock.advance(chrono::Duration::seconds(61));
    assert_eq!(app.login("nl.user", "Welcome-2026").await.status(), 200);
    // Still only the one email: attempts during the lock send none.
    api::mail::deliver_due(&app.state).await.unwrap();
    assert_eq!(sink.received().len(), 1);
}

#[tokio::test]
async fn a_right_password_clears_the_count() {
    let app = TestApp::spawn().await.unwrap();
    for _ in 0..2 {
        assert_eq!(app.login("nl.user", "Wrong-2026!").await.status(), 401);
    }
    assert_eq!(app.login("nl.user", "Welcome-2026").await.status(), 200);
    for _ in 0..2 {
        assert_eq!(app.login("nl.user", "Wrong-2026!").await.status(), 401);
    }
    assert_eq!(
        app.login("nl.user", "Welcome-2026").await.status(),
        200,
        "not locked"
    );
}

/// The codes of `username`'s security-log entries, newest first (Admin's view).
async fn events_of(app: &TestApp, username: &str) -> Vec<String> {
    let admin = app.tokens_for("admin").await;
    let own = app.tokens_for(username).await;
    let me: MeResponse = app.get_json("/api/v1/me", &own.access_token).await;
    let user_id = me.id;
    let query = format!("user={user_id}&page_size=200");
    let page = app.security_log(&admin.access_token, &query).await;
    page.items.into_iter().map(|e| e.event).collect()
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_and_is_logged() {
    let app = TestApp::spawn().await.unwrap();
    let laptop = app.tokens_for("dk.user").await;
    let phone = app.tokens_for("dk.user").await;
    let other_user = app.tokens_for("dk.manager").await;
    let ended = app
        .post("/api/v1/auth/logout-everywhere", &phone.access_token)
        .await;
    assert_eq!(ended.status(), 204);
    for token in [&laptop.access_token, &phone.access_token] {
        assert_eq!(app.get("/api/v1/me", token).await.status(), 401);
    }
    let refreshed = app.refresh(laptop.refresh_token.clone()).await;
    expect_problem_code(refreshed, 401, ProblemCode::InvalidToken).await;
    // Someone else's session is untouched.
    assert_eq!(
        app.get("/api/v1/me", &other_user.access_token)
            .await
            .status(),
        200
    );
    assert!(events_of(&app, "dk.user")
        .await
        .contains(&"sessions_ended".to_owned()));
}

#[tokio::test]
async fn logging_out_and_a_reused_refresh_token_are_in_the_security_log() {
    let app = TestApp::spawn().await.unwrap();
    let (first, _rotated) = rotated(&app).await;
    let replayed = app.refresh(first.refresh_token).await;
    assert_eq!(replayed.status(), 401);
    let other = app.tokens_for("dk.user").await.access_token;
    let out = app.post("/api/v1/auth/logout", &other).await;
    assert_eq!(out.status(), 204);
    let events = events_of(&app, "dk.user").await;
    for event in ["refresh_token_reused", "logout"] {
        assert!(events.contains(&event.to_owned()), "{event} in {events:?}");
    }
}

use api_types::{MeResponse, ProblemDetails, RoleDto, TokenResponse};
use test_support::TestApp;

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
    let me: MeResponse = app
        .get("/api/v1/me", &tokens.access_token)
        .await
        .json()
        .await
        .unwrap();
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
    assert_eq!(wrong.status(), 401);
    assert_eq!(wrong.headers()["content-type"], "application/problem+json");
    let wrong: ProblemDetails = wrong.json().await.unwrap();
    let unknown: ProblemDetails = app
        .login("nobody.here", "Welcome-2026")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(wrong.code, api_types::ProblemCode::InvalidCredentials);
    assert_eq!(
        (wrong.status, wrong.detail),
        (unknown.status, unknown.detail)
    );
}

#[tokio::test]
async fn me_answers_401_without_a_token_or_with_a_forged_one() {
    let app = TestApp::spawn().await.unwrap();
    let none = app.client.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(none.status(), 401);
    let forged = app
        .get("/api/v1/me", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")
        .await;
    assert_eq!(forged.status(), 401);
    let problem: ProblemDetails = forged.json().await.unwrap();
    assert_eq!(problem.code, api_types::ProblemCode::InvalidToken);
}

#[tokio::test]
async fn refresh_rotates_and_a_reused_refresh_token_ends_the_session() {
    let app = TestApp::spawn().await.unwrap();
    let first = app.tokens_for("dk.user").await;
    let refresh = |token: String| {
        app.client
            .post(app.url("/api/v1/auth/refresh"))
            .json(&api_types::RefreshRequest {
                refresh_token: Some(token),
            })
            .send()
    };
    let second: TokenResponse = refresh(first.refresh_token.clone())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_ne!(second.refresh_token, first.refresh_token);
    assert_eq!(
        app.get("/api/v1/me", &second.access_token).await.status(),
        200
    );

    let replay = refresh(first.refresh_token).await.unwrap();
    assert_eq!(replay.status(), 401);
    assert_eq!(
        app.get("/api/v1/me", &second.access_token).await.status(),
        401,
        "session revoked"
    );
    assert_eq!(refresh(second.refresh_token).await.unwrap().status(), 401);
}

#[tokio::test]
async fn logout_makes_the_access_token_and_the_cookie_useless() {
    let app = TestApp::spawn().await.unwrap();
    let tokens = app.tokens_for("nl.viewer").await;
    let out = app
        .client
        .post(app.url("/api/v1/auth/logout"))
        .bearer_auth(&tokens.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    assert_eq!(
        app.get("/api/v1/me", &tokens.access_token).await.status(),
        401
    );
    let by_cookie = app
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(by_cookie.status(), 401);
}

#[tokio::test]
async fn the_refresh_cookie_alone_restores_a_browser_session() {
    let app = TestApp::spawn().await.unwrap();
    app.tokens_for("nl.user").await;
    let restored = app
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(restored.status(), 200);
}

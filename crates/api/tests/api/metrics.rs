//! `/metrics` for the operator's Prometheus: only with the token.

use test_support::TestApp;

const TOKEN: &str = "scrape-me-with-this-long-token-2026";

async fn scrape(app: &TestApp, token: Option<&str>) -> reqwest::Response {
    let request = app.client.get(app.url("/metrics"));
    let request = match token {
        Some(token) => request.bearer_auth(token),
        None => request,
    };
    request.send().await.unwrap()
}

#[tokio::test]
async fn metrics_count_requests_by_route_logins_and_the_outbox_for_the_token_holder_only() {
    let app = TestApp::spawn_with(|c| c.metrics_token = Some(TOKEN.to_owned()))
        .await
        .unwrap();
    let tokens = app.tokens_for("nl.user").await;
    assert_eq!(app.login("nl.user", "Wrong-2026!").await.status(), 401);
    let product = app.demo.product("IP-40010002").id;
    let path = format!("/api/v1/installed-products/{product}");
    assert_eq!(app.get(&path, &tokens.access_token).await.status(), 200);

    assert_eq!(scrape(&app, None).await.status(), 401);
    assert_eq!(scrape(&app, Some("a-guess")).await.status(), 401);
    let text = scrape(&app, Some(TOKEN)).await.text().await.unwrap();
    for line in [
        // The route's pattern, never its ids.
        r#"csportal_http_requests_total{method="GET",route="/api/v1/installed-products/{id}",status="200"} 1"#,
        r#"csportal_logins_total{outcome="succeeded"} 1"#,
        r#"csportal_logins_total{outcome="failed"} 1"#,
        "csportal_http_request_duration_seconds_bucket",
        r#"csportal_outbox_emails{state="pending"}"#,
        r#"csportal_db_pool_connections{state="idle"}"#,
    ] {
        assert!(text.contains(line), "no {line} in\n{text}");
    }
    assert!(!text.contains(&product.to_string()));
}

#[tokio::test]
async fn without_a_token_configured_there_is_no_metrics_route() {
    let app = TestApp::spawn().await.unwrap();
    assert_eq!(scrape(&app, Some(TOKEN)).await.status(), 404);
}

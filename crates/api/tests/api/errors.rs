use api_types::{ProblemCode, ProblemDetails};
use test_support::TestApp;

async fn problem(response: reqwest::Response) -> (u16, ProblemDetails) {
    let status = response.status().as_u16();
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    assert!(response.headers().contains_key("x-request-id"));
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn bad_json_is_a_400_problem() {
    let app = TestApp::spawn().await.unwrap();
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{\"username\": ")
        .send()
        .await
        .unwrap();
    let (status, p) = problem(response).await;
    assert_eq!((status, p.code), (400, ProblemCode::InvalidJson));
    assert!(p.request_id.is_some());
}

#[tokio::test]
async fn unknown_api_routes_and_wrong_methods_are_problem_documents() {
    let app = TestApp::spawn().await.unwrap();
    let (status, p) = problem(
        app.client
            .get(app.url("/api/v1/nothing-here"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, p.code), (404, ProblemCode::RouteNotFound));
    // A documented path with the wrong method: 405 and the methods it takes.
    let response = app
        .client
        .get(app.url("/api/v1/auth/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["allow"], "POST");
    let (status, p) = problem(response).await;
    assert_eq!((status, p.code), (405, ProblemCode::MethodNotAllowed));
    assert!(p.detail.contains("GET"), "{}", p.detail);
    let response = app
        .client
        .delete(app.url("/api/v1/accounts/0b5f0c4e-3f7a-4c57-9d43-1f1b4d0a2e11"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["allow"], "GET");
    assert_eq!(
        problem(response).await.1.code,
        ProblemCode::MethodNotAllowed
    );
    let (status, p) = problem(
        app.client
            .get(app.url("/api/elsewhere"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, p.code), (404, ProblemCode::RouteNotFound));
}

#[tokio::test]
async fn an_oversized_body_is_a_413_problem() {
    let app = TestApp::spawn().await.unwrap();
    let huge = serde_json::json!({"username": "x".repeat(100_000), "password": "y"});
    let (status, p) = problem(
        app.client
            .post(app.url("/api/v1/auth/login"))
            .json(&huge)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, p.code), (413, ProblemCode::PayloadTooLarge));
}

#[tokio::test]
async fn readyz_reports_a_reachable_database_and_responses_carry_security_headers() {
    let app = TestApp::spawn().await.unwrap();
    let response = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
}

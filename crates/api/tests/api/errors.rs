//! Every failure answers a problem document (`expect_problem` checks its
//! content type and request id).

use api_types::{LoginRequest, ProblemCode};
use reqwest::Method;
use test_support::{expect_problem_code, TestApp};

#[tokio::test]
async fn bad_json_is_a_400_problem() {
    let app = TestApp::spawn().await.unwrap();
    // Malformed on purpose, which no DTO can express: a raw body.
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{\"username\": ")
        .send()
        .await
        .unwrap();
    let p = expect_problem_code(response, 400, ProblemCode::InvalidJson).await;
    assert!(p.request_id.is_some());
}

#[tokio::test]
async fn unknown_api_routes_and_wrong_methods_are_problem_documents() {
    let app = TestApp::spawn().await.unwrap();
    let response = app
        .send_anonymous(Method::GET, "/api/v1/nothing-here")
        .await;
    expect_problem_code(response, 404, ProblemCode::RouteNotFound).await;
    // A documented path with the wrong method: 405 and the methods it takes.
    let response = app.send_anonymous(Method::GET, "/api/v1/auth/login").await;
    assert_eq!(response.headers()["allow"], "POST");
    let p = expect_problem_code(response, 405, ProblemCode::MethodNotAllowed).await;
    assert!(p.detail.contains("GET"), "{}", p.detail);
    let response = app
        .send_anonymous(
            Method::DELETE,
            "/api/v1/accounts/0b5f0c4e-3f7a-4c57-9d43-1f1b4d0a2e11",
        )
        .await;
    assert_eq!(response.headers()["allow"], "GET, PUT");
    expect_problem_code(response, 405, ProblemCode::MethodNotAllowed).await;
    let response = app.send_anonymous(Method::GET, "/api/elsewhere").await;
    expect_problem_code(response, 404, ProblemCode::RouteNotFound).await;
}

#[tokio::test]
async fn an_oversized_body_is_a_413_problem() {
    let app = TestApp::spawn().await.unwrap();
    let huge = LoginRequest {
        username: "x".repeat(100_000),
        password: "y".to_owned(),
        mfa_code: None,
    };
    let response = app.post_json_anonymous("/api/v1/auth/login", &huge).await;
    expect_problem_code(response, 413, ProblemCode::PayloadTooLarge).await;
}

#[tokio::test]
async fn readyz_reports_a_reachable_database_and_responses_carry_security_headers() {
    let app = TestApp::spawn().await.unwrap();
    let response = app.send_anonymous(Method::GET, "/readyz").await;
    assert_eq!(response.status(), 200);
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn a_body_that_stops_arriving_is_given_up_with_a_400_problem() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = TestApp::spawn_with(|c| c.body_idle_timeout = std::time::Duration::from_secs(1))
        .await
        .unwrap();
    let address = app.address.trim_start_matches("http://").to_owned();
    let mut socket = tokio::net::TcpStream::connect(&address).await.unwrap();
    // A login whose body promises 100 bytes and sends 12, then nothing.
    let head = "POST /api/v1/auth/login HTTP/1.1\r\nHost: portal\r\n\
                Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"username\":";
    socket.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let read_head = async {
        let mut chunk = [0u8; 4096];
        while !answer.windows(4).any(|w| w == b"\r\n\r\n") {
            match socket.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&chunk[..n]),
            }
        }
    };
    let waited = tokio::time::timeout(std::time::Duration::from_secs(10), read_head).await;
    assert!(waited.is_ok(), "the server still waits for the body");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("application/problem+json"), "{answer}");
}

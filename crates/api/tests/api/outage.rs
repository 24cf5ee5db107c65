//! The database going away and coming back while requests keep coming:
//! on PostgreSQL, the server reaches its database through a proxy the test
//! cuts (the shared test server runs on for the other tests).

use api::clock::SystemClock;
use api_types::ProblemCode;
use futures_util::future::join_all;
use std::sync::Arc;
use std::time::{Duration, Instant};
use test_support::proxy::TcpProxy;
use test_support::{expect_problem_code, TestApp};

#[tokio::test]
async fn while_the_database_is_away_requests_answer_503_with_retry_after_and_then_recover() {
    let app = TestApp::spawn().await.unwrap();
    let Some(rest) = app.database_url.strip_prefix("postgres://") else {
        eprintln!("an outage needs PostgreSQL (TEST_DATABASE_URL); SQLite is a file");
        return;
    };
    let (credentials, place) = rest.split_once('@').unwrap();
    let (host_port, database) = place.split_once('/').unwrap();
    let proxy = TcpProxy::start(host_port.to_owned()).await.unwrap();
    let behind = format!(
        "postgres://{credentials}@127.0.0.1:{}/{database}",
        proxy.port
    );
    let server = app
        .spawn_beside_at(&behind, Arc::new(SystemClock))
        .await
        .unwrap();
    let token = server.tokens_for("nl.user").await.access_token;
    let product = app.demo.product("IP-40010002").id;
    let path = format!("/api/v1/installed-products/{product}");
    assert_eq!(server.get(&path, &token).await.status(), 200);

    proxy.cut();
    let answers = join_all((0..20).map(|_| server.get(&path, &token))).await;
    for answer in answers {
        let retry = answer.headers().get("retry-after").cloned();
        assert!(retry.is_some(), "no Retry-After");
        expect_problem_code(answer, 503, ProblemCode::ServiceUnavailable).await;
    }
    let ready = server.send_anonymous(reqwest::Method::GET, "/readyz").await;
    assert_eq!(ready.status(), 503);

    proxy.restore();
    // Back by itself: new connections replace the dropped ones.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let status = server.get(&path, &token).await.status();
        if status == 200 {
            break;
        }
        assert_eq!(status, 503, "only 503 while it reconnects");
        assert!(Instant::now() < deadline, "not back within 20 s");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let ready = server.send_anonymous(reqwest::Method::GET, "/readyz").await;
    assert_eq!(ready.status(), 200);
}

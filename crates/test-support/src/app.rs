//! The real app on a random port with a fresh, migrated database, and typed
//! helpers over the api-types DTOs to talk to it.

use crate::fresh_database_with_url;
use crate::smtp::{ReceivedMail, SmtpSink};
use api::clock::SystemClock;
use api::{ApiConfig, AppState};
use api_types::ProblemDetails;
use persistence::seed::DemoData;
use persistence::Db;
use reqwest::{Method, RequestBuilder, Response};
use serde::Serialize;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

/// The portal's address in the apps of [`TestApp::spawn_with_mail`]: the
/// links in their emails start with it.
pub const PUBLIC_URL: &str = "https://portal.example";

pub struct TestApp {
    pub address: String,
    /// The running app's state, for driving its background jobs in tests.
    pub state: AppState,
    pub db: Db,
    pub demo: DemoData,
    pub client: reqwest::Client,
    /// The attachment blob store's folder.
    pub blobs_dir: tempfile::TempDir,
    /// Where a second server process would connect.
    pub database_url: String,
    _sqlite_dir: Option<tempfile::TempDir>,
}

impl TestApp {
    pub async fn spawn() -> anyhow::Result<Self> {
        Self::spawn_with(|_| {}).await
    }

    /// Like [`TestApp::spawn`], signed in as the demo user `username`:
    /// answers the app and that user's access token.
    pub async fn spawn_signed_in(username: &str) -> anyhow::Result<(Self, String)> {
        let app = Self::spawn().await?;
        let token = app.tokens_for(username).await.access_token;
        Ok((app, token))
    }

    /// Like [`TestApp::spawn`], with the configuration adjusted first.
    pub async fn spawn_with(configure: impl FnOnce(&mut ApiConfig)) -> anyhow::Result<Self> {
        Self::spawn_with_clock(Arc::new(SystemClock), configure).await
    }

    /// Like [`TestApp::spawn_with`], on the given clock.
    pub async fn spawn_with_clock(
        clock: Arc<dyn domain::Clock>,
        configure: impl FnOnce(&mut ApiConfig),
    ) -> anyhow::Result<Self> {
        let (db, sqlite_dir, database_url) = fresh_database_with_url().await?;
        persistence::migrate_up(&db).await?;
        let hash = |p: &str| api::auth::password::hash_blocking(p).unwrap_or_default();
        let demo = persistence::seed::demo(&db, &hash).await?;
        let mut config = ApiConfig::with_secret(b"test-secret-test-secret-test-secret!".to_vec());
        config.secure_cookies = false;
        config.max_json_bytes = 16 * 1024;
        let blobs_dir = tempfile::tempdir()?;
        config.attachments_dir = blobs_dir.path().to_path_buf();
        // A demo app, as `serve --demo` has: staff sign in with a password
        // alone, and the demo's contact centres.
        config.staff_mfa_required = false;
        config.markets = config
            .markets
            .clone()
            .with_contact_centres(api::config::DEMO_CONTACT_CENTRES)?;
        configure(&mut config);
        let state = AppState::new(db.clone(), config, clock).await?;
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let address = format!("http://{}", listener.local_addr()?);
        let server = api::run_server(listener, state.clone(), 1)?;
        tokio::spawn(server);
        let client = reqwest::Client::builder().cookie_store(true).build()?;
        Ok(Self {
            address,
            state,
            db,
            demo,
            client,
            blobs_dir,
            database_url,
            _sqlite_dir: sqlite_dir,
        })
    }

    /// Like [`TestApp::spawn`], with emails going to a real SMTP server on
    /// loopback (read them from the sink) and their links starting with
    /// [`PUBLIC_URL`].
    pub async fn spawn_with_mail() -> anyhow::Result<(Self, SmtpSink)> {
        Self::spawn_with_mail_and_clock(Arc::new(SystemClock)).await
    }

    /// Like [`TestApp::spawn_with_mail`], on a clock the test moves by hand.
    pub async fn spawn_with_mail_on_manual_clock(
    ) -> anyhow::Result<(Self, SmtpSink, Arc<crate::ManualClock>)> {
        let clock = crate::ManualClock::starting_now();
        let (app, sink) = Self::spawn_with_mail_and_clock(clock.clone()).await?;
        Ok((app, sink, clock))
    }

    /// Like [`TestApp::spawn_with_mail`], on the given clock.
    pub async fn spawn_with_mail_and_clock(
        clock: Arc<dyn domain::Clock>,
    ) -> anyhow::Result<(Self, SmtpSink)> {
        let sink = SmtpSink::start().await?;
        let smtp_url = sink.url();
        let app = Self::spawn_with_clock(clock, move |c| {
            c.smtp_url = Some(smtp_url);
            c.public_url = PUBLIC_URL.into();
        })
        .await?;
        Ok((app, sink))
    }

    /// Sends what the outbox holds now, then waits (5 seconds at most) until
    /// `sink` has received `count` emails in all; answers all it received.
    pub async fn deliver_mail(&self, sink: &SmtpSink, count: usize) -> Vec<ReceivedMail> {
        api::mail::deliver_due(&self.state)
            .await
            .expect("outbox delivered");
        sink.wait_for(count, Duration::from_secs(5)).await
    }

    /// A second server on this app's database, with its own connection pool
    /// and state: what a second process of a cluster shares with the first.
    pub async fn spawn_beside(&self, clock: Arc<dyn domain::Clock>) -> anyhow::Result<Self> {
        self.spawn_beside_at(&self.database_url, clock).await
    }

    /// Like [`TestApp::spawn_beside`], reaching the database at `database_url`
    /// (this app's database behind a [`crate::proxy::TcpProxy`], say).
    pub async fn spawn_beside_at(
        &self,
        database_url: &str,
        clock: Arc<dyn domain::Clock>,
    ) -> anyhow::Result<Self> {
        let db = persistence::connect(database_url).await?;
        let config = (*self.state.config).clone();
        let state = AppState::new(db.clone(), config, clock).await?;
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let address = format!("http://{}", listener.local_addr()?);
        tokio::spawn(api::run_server(listener, state.clone(), 1)?);
        Ok(Self {
            address,
            state,
            db,
            demo: self.demo.clone(),
            client: reqwest::Client::builder().cookie_store(true).build()?,
            blobs_dir: tempfile::tempdir()?,
            database_url: self.database_url.clone(),
            _sqlite_dir: None,
        })
    }

    /// Every file in the attachment blob store, temporary ones included.
    pub fn blob_files(&self) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        let mut folders = vec![self.blobs_dir.path().to_path_buf()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).expect("blob store readable") {
                let path = entry.expect("blob store entry").path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        files
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// The address of the demo installed product `product_number`.
    pub fn product_path(&self, product_number: &str) -> String {
        let id = self.demo.product(product_number).id;
        format!("/api/v1/installed-products/{id}")
    }

    pub async fn login(&self, username: &str, password: &str) -> Response {
        self.login_with_code(username, password, None).await
    }

    /// Logs in with a second factor's code (or a recovery code).
    pub async fn login_with_code(
        &self,
        username: &str,
        password: &str,
        mfa_code: Option<&str>,
    ) -> Response {
        let body = api_types::LoginRequest {
            username: username.to_owned(),
            password: password.to_owned(),
            mfa_code: mfa_code.map(str::to_owned),
        };
        self.post_json_anonymous("/api/v1/auth/login", &body).await
    }

    /// Asks for new tokens with `refresh_token`, or (`None`) with the
    /// refresh cookie alone.
    pub async fn refresh(&self, refresh_token: Option<String>) -> Response {
        let body = api_types::RefreshRequest { refresh_token };
        self.post_json_anonymous("/api/v1/auth/refresh", &body)
            .await
    }

    /// Logs in and returns the token pair (panics when the login fails).
    pub async fn tokens_for_password(
        &self,
        username: &str,
        password: &str,
    ) -> api_types::TokenResponse {
        let response = self.login(username, password).await;
        assert_eq!(response.status(), 200, "login as {username}");
        response.json().await.expect("token response")
    }

    /// Logs in with the demo password and returns the token pair.
    pub async fn tokens_for(&self, username: &str) -> api_types::TokenResponse {
        self.tokens_for_password(username, persistence::seed::DEMO_PASSWORD)
            .await
    }

    /// A bearer-authenticated request without a body.
    pub async fn send(&self, method: Method, path: &str, access_token: &str) -> Response {
        self.client
            .request(method, self.url(path))
            .bearer_auth(access_token)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn get(&self, path: &str, access_token: &str) -> Response {
        self.send(Method::GET, path, access_token).await
    }

    /// GETs `path` and decodes a 200 body as `T` (any other status fails the test).
    pub async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        access_token: &str,
    ) -> T {
        let response = self.get(path, access_token).await;
        let status = response.status();
        let body = response.text().await.expect("response body");
        assert_eq!(status, 200, "GET {path}: {body}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: {e}: {body}"))
    }
    /// Asserts that each of `queries` on the list at `path` is refused as a
    /// 400 problem with the code `invalid_query`.
    pub async fn expect_invalid_queries(&self, path: &str, access_token: &str, queries: &[&str]) {
        for query in queries {
            let response = self.get(&format!("{path}?{query}"), access_token).await;
            let problem = expect_problem(response, 400).await;
            let code = api_types::ProblemCode::InvalidQuery;
            assert_eq!(problem.code, code, "{path}?{query}: {problem:?}");
        }
    }

    /// A request without a token or a body (public routes, unknown ones).
    pub async fn send_anonymous(&self, method: Method, path: &str) -> Response {
        self.client
            .request(method, self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    /// POSTs without a body (actions that take none).
    pub async fn post(&self, path: &str, access_token: &str) -> Response {
        self.send(Method::POST, path, access_token).await
    }

    /// A request with `body` as JSON, bearer-authenticated when a token is
    /// given: add headers (`If-Match`, `Idempotency-Key`), then send.
    pub fn json_request(
        &self,
        method: Method,
        path: &str,
        access_token: Option<&str>,
        body: &impl Serialize,
    ) -> RequestBuilder {
        let request = self.client.request(method, self.url(path)).json(body);
        match access_token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    async fn send_json(
        &self,
        method: Method,
        path: &str,
        access_token: Option<&str>,
        body: &impl Serialize,
    ) -> Response {
        self.json_request(method, path, access_token, body)
            .send()
            .await
            .expect("request sent")
    }

    /// Sends `body` as JSON to change the resource at `version` (with its
    /// `If-Match`): a conditional PUT, PATCH or POST.
    pub async fn send_json_if_match(
        &self,
        method: Method,
        path: &str,
        access_token: &str,
        version: i32,
        body: &impl Serialize,
    ) -> Response {
        self.json_request(method, path, Some(access_token), body)
            .header("If-Match", if_match(version))
            .send()
            .await
            .expect("request sent")
    }

    /// POSTs a request DTO as JSON.
    pub async fn post_json(&self, path: &str, token: &str, body: &impl Serialize) -> Response {
        self.send_json(Method::POST, path, Some(token), body).await
    }

    /// POSTs a request DTO as JSON without a token (the public routes:
    /// login, links, password resets, access requests).
    pub async fn post_json_anonymous(&self, path: &str, body: &impl Serialize) -> Response {
        self.send_json(Method::POST, path, None, body).await
    }

    /// PUTs a request DTO as JSON.
    pub async fn put_json(&self, path: &str, token: &str, body: &impl Serialize) -> Response {
        self.send_json(Method::PUT, path, Some(token), body).await
    }

    /// PATCHes a request DTO as JSON.
    pub async fn patch_json(&self, path: &str, token: &str, body: &impl Serialize) -> Response {
        self.send_json(Method::PATCH, path, Some(token), body).await
    }
}

/// The `If-Match` value for a resource at `version` (the API's ETag).
pub fn if_match(version: i32) -> String {
    format!("\"v{version}\"")
}

/// Asserts that `response` answers `status` and decodes its body as `T`.
pub async fn expect_json<T: serde::de::DeserializeOwned>(response: Response, status: u16) -> T {
    let actual = response.status();
    let body = response.text().await.expect("response body");
    assert_eq!(actual, status, "{body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("unexpected body: {e}: {body}"))
}

/// Asserts that `response` is a `status` problem document (see
/// [`expect_problem`]) with the problem code `code`, and decodes it.
pub async fn expect_problem_code(
    response: Response,
    status: u16,
    code: api_types::ProblemCode,
) -> ProblemDetails {
    let problem = expect_problem(response, status).await;
    assert_eq!(problem.code, code, "{problem:?}");
    problem
}

/// Asserts that `first` and `second` are both `status` problem documents
/// that tell nothing apart (the same code and detail: no enumeration), and
/// answers the first.
pub async fn expect_same_problem(first: Response, second: Response, status: u16) -> ProblemDetails {
    let first = expect_problem(first, status).await;
    let second = expect_problem(second, status).await;
    assert_eq!(
        (first.code, &first.detail),
        (second.code, &second.detail),
        "the two problems differ"
    );
    first
}

/// Asserts that `response` is a `status` problem document
/// (`application/problem+json` with a request id) and decodes it.
pub async fn expect_problem(response: Response, status: u16) -> ProblemDetails {
    let actual = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let has_request_id = response.headers().contains_key("x-request-id");
    let body = response.text().await.expect("response body");
    assert_eq!(actual, status, "{body}");
    assert_eq!(content_type, "application/problem+json", "{body}");
    assert!(has_request_id, "a problem names its request: {body}");
    let problem: ProblemDetails =
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("not a problem: {e}: {body}"));
    assert_eq!(problem.status, status, "{body}");
    problem
}

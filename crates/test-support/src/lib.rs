//! Dev-only helpers: the real app on a random port with a fresh, migrated
//! database (SQLite by default; PostgreSQL when `TEST_DATABASE_URL` is set).
// Test helpers fail the test loudly; that is their job.
#![allow(clippy::expect_used)]

pub mod smtp;

/// A clock the test moves by hand (lockouts, expiries).
#[derive(Debug)]
pub struct ManualClock(std::sync::Mutex<chrono::DateTime<chrono::Utc>>);

impl ManualClock {
    pub fn starting_now() -> Arc<Self> {
        Arc::new(Self(std::sync::Mutex::new(chrono::Utc::now())))
    }

    pub fn advance(&self, by: chrono::Duration) {
        if let Ok(mut now) = self.0.lock() {
            *now += by;
        }
    }
}

impl domain::Clock for ManualClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.0
            .lock()
            .map(|now| *now)
            .unwrap_or_else(|_| chrono::Utc::now())
    }
}

use anyhow::Context;
use api::clock::SystemClock;
use api::{ApiConfig, AppState};
use persistence::seed::DemoData;
use persistence::DatabaseConnection;
use sea_orm::{ConnectionTrait, Database};
use std::net::TcpListener;
use std::sync::Arc;

pub struct TestApp {
    pub address: String,
    /// The running app's state, for driving its background jobs in tests.
    pub state: AppState,
    pub db: DatabaseConnection,
    pub demo: DemoData,
    pub client: reqwest::Client,
    /// The attachment blob store's folder.
    pub blobs_dir: tempfile::TempDir,
    /// Where a second server process would connect.
    pub database_url: String,
    _sqlite_dir: Option<tempfile::TempDir>,
}

/// A fresh database: a temporary SQLite file, or a new PostgreSQL database.
pub async fn fresh_database() -> anyhow::Result<(DatabaseConnection, Option<tempfile::TempDir>)> {
    let (db, dir, _) = fresh_database_with_url().await?;
    Ok((db, dir))
}

/// [`fresh_database`], with the URL a second connection can use.
pub async fn fresh_database_with_url(
) -> anyhow::Result<(DatabaseConnection, Option<tempfile::TempDir>, String)> {
    match std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        Some(admin_url) => {
            let name = format!("csportal_test_{}", uuid::Uuid::new_v4().simple());
            let admin = Database::connect(&admin_url).await?;
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await?;
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b.to_owned())
                .context("TEST_DATABASE_URL needs a database path")?;
            let url = format!("{base}/{name}");
            Ok((persistence::connect(&url).await?, None, url))
        }
        None => {
            let dir = tempfile::tempdir()?;
            let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
            Ok((persistence::connect(&url).await?, Some(dir), url))
        }
    }
}

impl TestApp {
    pub async fn spawn() -> anyhow::Result<Self> {
        Self::spawn_with(|_| {}).await
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

    /// A second server on this app's database, with its own connection pool
    /// and state: what a second process of a cluster shares with the first.
    pub async fn spawn_beside(&self, clock: Arc<dyn domain::Clock>) -> anyhow::Result<Self> {
        let db = persistence::connect(&self.database_url).await?;
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

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn login(&self, username: &str, password: &str) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/auth/login"))
            .json(&api_types::LoginRequest {
                username: username.to_owned(),
                password: password.to_owned(),
                mfa_code: None,
            })
            .send()
            .await
            .expect("login request sent")
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
        let response = self.login(username, persistence::seed::DEMO_PASSWORD).await;
        assert_eq!(response.status(), 200, "login of {username}");
        response.json().await.expect("token response")
    }

    pub async fn get(&self, path: &str, access_token: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(access_token)
            .send()
            .await
            .expect("request sent")
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
}

//! Dev-only helpers: the real app on a random port with a fresh, migrated
//! database (SQLite by default; PostgreSQL when `TEST_DATABASE_URL` is set),
//! typed helpers and data builders over the api-types DTOs, a real SMTP sink.
//! Without the default `app` feature only the fresh databases, the clock and
//! the sink: what persistence's tests use.
// Test helpers fail the test loudly; that is their job.
#![allow(clippy::expect_used)]

#[cfg(feature = "app")]
mod admin;
#[cfg(feature = "app")]
mod app;
#[cfg(feature = "app")]
pub mod builders;
mod database;
pub mod multipart;
pub mod proxy;
pub mod smtp;

#[cfg(feature = "app")]
pub use app::{
    expect_json, expect_problem, expect_problem_code, expect_same_problem, if_match, TestApp,
    PUBLIC_URL,
};
pub use database::{fresh_database, fresh_database_url, fresh_database_with_url};
use std::sync::Arc;

/// A clock the test moves by hand (lockouts, expiries).
#[derive(Debug)]
pub struct ManualClock(std::sync::Mutex<chrono::DateTime<chrono::Utc>>);

impl ManualClock {
    pub fn starting_now() -> Arc<Self> {
        Arc::new(Self(std::sync::Mutex::new(chrono::Utc::now())))
    }

    /// Sets the time to `at` (a due date a test reads from an answer).
    pub fn set(&self, at: chrono::DateTime<chrono::Utc>) {
        if let Ok(mut now) = self.0.lock() {
            *now = at;
        }
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

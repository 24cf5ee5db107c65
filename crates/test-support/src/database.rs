//! Fresh, empty databases (nothing migrated yet): a temporary SQLite file, or
//! a new PostgreSQL database when `TEST_DATABASE_URL` is set.

use anyhow::Context;
use persistence::Db;

/// A fresh database: a temporary SQLite file, or a new PostgreSQL database.
pub async fn fresh_database() -> anyhow::Result<(Db, Option<tempfile::TempDir>)> {
    let (db, dir, _) = fresh_database_with_url().await?;
    Ok((db, dir))
}

/// [`fresh_database`], with the URL a second connection can use.
pub async fn fresh_database_with_url() -> anyhow::Result<(Db, Option<tempfile::TempDir>, String)> {
    let (url, dir) = fresh_database_url().await?;
    Ok((persistence::connect(&url).await?, dir, url))
}

/// Where a fresh database is, not yet connected to: for a test that
/// connects its own way (e.g. [`persistence::connect_single`]). Keep the
/// directory until the test ends: the SQLite file lives in it.
pub async fn fresh_database_url() -> anyhow::Result<(String, Option<tempfile::TempDir>)> {
    match std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        Some(admin_url) => {
            let name = format!("csportal_test_{}", uuid::Uuid::new_v4().simple());
            let admin = persistence::connect(&admin_url).await?;
            persistence::raw_sql::execute(&admin, &format!("CREATE DATABASE {name}")).await?;
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b.to_owned())
                .context("TEST_DATABASE_URL needs a database path")?;
            Ok((format!("{base}/{name}"), None))
        }
        None => {
            let dir = tempfile::tempdir()?;
            let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
            Ok((url, Some(dir)))
        }
    }
}

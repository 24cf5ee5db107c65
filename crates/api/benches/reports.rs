//! Reports and search at 1,000,000 cases: a grouped report through the
//! API beside the raw GROUP BY; the banner's search beside the raw
//! full-text floor (SQLite's FTS5 trigram table, PostgreSQL's trigram
//! index); and every case exported as xlsx and as CSV, with the server
//! process's memory growth during each.
//!
//!     cargo bench -p api --bench reports                      (SQLite)
//!     TEST_DATABASE_URL=postgres://... cargo bench -p api --bench reports
//!
//! BENCH_CASES overrides the 1,000,000; BENCH_PARTS (any of `grouped`,
//! `search`, `exports`, comma-separated) times only those.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use api_types::{ReportQueryDto, ReportRowsResponse};
use domain::search::SearchTerm;
use futures_util::StreamExt;
use persistence::raw_sql;
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::search::CASE_HAYSTACK;
use persistence::Backend;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use test_support::TestApp;

fn main() {
    common::run_on_two_workers(run());
}

async fn run() {
    let cases = common::env_u64("BENCH_CASES", 1_000_000);
    let app = TestApp::spawn().await.unwrap();
    let backend = app.db.backend();
    let total = common::seed_cases(&app, cases).await;
    let service = app.tokens_for("service").await.access_token;
    let parts = std::env::var("BENCH_PARTS").unwrap_or_default();
    // A before/after of one part need not wait for the others.
    let wanted = |part: &str| parts.is_empty() || parts.split(',').any(|p| p.trim() == part);
    if wanted("grouped") {
        grouped(&app, &service).await;
    }
    if wanted("search") {
        search(&app, &service, backend).await;
    }
    if wanted("exports") {
        exports(&app, &service, total).await;
    }
}

/// The cases report grouped by priority (its count, first page and groups)
/// beside the GROUP BY alone.
async fn grouped(app: &TestApp, token: &str) {
    let query = ReportQueryDto {
        group_by: Some("priority".into()),
        ..ReportQueryDto::default()
    };
    let raw = raw_sql::plain(
        &app.db,
        "SELECT priority, COUNT(*) AS n FROM cases GROUP BY priority ORDER BY priority",
    );
    let runs = common::env_u64("BENCH_REQUESTS", 20) as u32;
    let api = timed(runs, || async {
        let response = app
            .post_json("/api/v1/reports/cases/rows?page_size=50", token, &query)
            .await;
        assert_eq!(response.status(), 200);
        let answer: ReportRowsResponse = response.json().await.unwrap();
        assert_eq!(answer.groups.len(), 5);
    })
    .await;
    let floor = timed(runs, || async {
        raw_sql::run(&app.db, &raw).await.unwrap();
    })
    .await;
    println!(
        "\ngrouped cases report (service, all cases): API {:.1} ms, raw GROUP BY {:.1} ms: {:.2}x",
        ms(api),
        ms(floor),
        floor.as_secs_f64() / api.as_secs_f64()
    );
}

/// The search through the API beside the same statements raw, and beside
/// the bare full-text lookup of its first word in the cases alone.
async fn search(app: &TestApp, token: &str, backend: Backend) {
    let floor = |part: &str| match backend {
        Backend::Sqlite => {
            format!("SELECT case_id FROM case_search WHERE case_search MATCH '\"{part}\"' LIMIT 20")
        }
        Backend::Postgres => {
            format!("SELECT id FROM cases WHERE {CASE_HAYSTACK} LIKE '%{part}%' LIMIT 20")
        }
    };
    let queries = [
        ("a whole case number", "cs-s-00777777"),
        ("part of a case number", "0077777"),
        // What the type-ahead asks while a number is typed: a prefix that
        // every case number shares.
        ("a case number's first digits", "cs-s-00"),
        ("two words", "pacs exporting"),
    ];
    let path = |q: &str| format!("/api/v1/search?q={}", q.replace(' ', "%20"));
    let mut same = Vec::new();
    for (name, q) in queries {
        let term = SearchTerm::parse(q).unwrap();
        let raw = raw_sql::search(&app.db, AccountVisibility::All, &term, 20)
            .await
            .unwrap();
        same.push(common::Scenario {
            name,
            path: path(q),
            raw,
        });
    }
    println!("\nsearch: the API beside the statements it runs");
    common::compare(app, token, &same).await;
    let fts = queries.map(|(name, q)| common::Scenario {
        name,
        path: path(q),
        raw: vec![raw_sql::plain(
            &app.db,
            &floor(q.split(' ').next().unwrap()),
        )],
    });
    println!("\nsearch: the API beside one full-text lookup in the cases");
    common::compare(app, token, &fts).await;
}

/// Every case as xlsx and as CSV: rows per second, and how much the
/// process's resident memory grew at most while each was made.
async fn exports(app: &TestApp, token: &str, rows: u64) {
    println!(
        "\n{:<8} {:>10} {:>12} {:>14}",
        "export", "seconds", "rows/s", "RSS growth"
    );
    let mut rates = Vec::new();
    for format in ["csv", "xlsx"] {
        let before = common::rss_kib();
        let peak = Arc::new(AtomicU64::new(before));
        let done = Arc::new(AtomicBool::new(false));
        let sampler = {
            let (peak, done) = (peak.clone(), done.clone());
            tokio::spawn(async move {
                while !done.load(Ordering::Relaxed) {
                    peak.fetch_max(common::rss_kib(), Ordering::Relaxed);
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            })
        };
        let started = Instant::now();
        let response = app
            .post_json(
                &format!("/api/v1/reports/cases/export?format={format}"),
                token,
                &ReportQueryDto::default(),
            )
            .await;
        assert_eq!(response.status(), 200);
        let mut body = response.bytes_stream();
        let mut bytes = 0u64;
        while let Some(chunk) = body.next().await {
            bytes += chunk.unwrap().len() as u64;
        }
        let elapsed = started.elapsed();
        done.store(true, Ordering::Relaxed);
        sampler.await.unwrap();
        let growth = peak.load(Ordering::Relaxed).saturating_sub(before);
        let rate = rows as f64 / elapsed.as_secs_f64();
        rates.push(rate);
        println!(
            "{format:<8} {:>10.1} {:>12.0} {:>11.1} MB   ({:.1} MB file)",
            elapsed.as_secs_f64(),
            rate,
            growth as f64 / 1024.0,
            bytes as f64 / 1_048_576.0
        );
    }
    println!("xlsx rows/s as a ratio to CSV: {:.2}x", rates[1] / rates[0]);
}

async fn timed<F, Fut>(runs: u32, mut once: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    once().await;
    let started = Instant::now();
    for _ in 0..runs {
        once().await;
    }
    started.elapsed() / runs
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

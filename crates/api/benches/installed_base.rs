//! The installed base at 100,000 products: list pages (first, deep, filtered)
//! and the dashboard through the whole API (HTTP, auth, JSON), each beside the
//! same SQL run raw on the same connection pool in the same process.
//!
//!     cargo bench -p api --bench installed_base                      (SQLite)
//!     TEST_DATABASE_URL=postgres://... cargo bench -p api --bench installed_base
//!
//! BENCH_PRODUCTS overrides the 100,000.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use chrono::Utc;
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::contracts::expiry_select;
use persistence::repositories::installed_products::{
    count_statement, list_selects, state_count_select, PageRequest, ProductFilter, ProductSort,
};
use persistence::{ConnectionTrait, DatabaseConnection};
use sea_orm::{QueryTrait, Statement};
use std::time::{Duration, Instant};
use test_support::TestApp;

/// Timed requests per scenario (BENCH_REQUESTS overrides).
fn requests() -> usize {
    std::env::var("BENCH_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100)
}
const WARM_UP: usize = 10;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(run());
}

struct Scenario {
    name: &'static str,
    path: String,
    raw: Vec<Statement>,
}

async fn run() {
    let products: u64 = std::env::var("BENCH_PRODUCTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let app = TestApp::spawn().await.unwrap();
    let backend = app.db.get_database_backend();
    let started = Instant::now();
    let total = persistence::seed::scale(&app.db, products).await.unwrap();
    println!(
        "{backend:?}: {total} installed products seeded in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let token = app.tokens_for("nl.manager").await.access_token;
    let visibility = AccountVisibility::ParentAccount(app.demo.dutch.parent.id);
    let today = Utc::now().date_naive();

    let list_raw = |filter: ProductFilter, page: u32| {
        let (query, page_query) = list_selects(
            visibility,
            &filter,
            today,
            ProductSort::Number,
            false,
            PageRequest {
                page,
                page_size: 50,
            },
        );
        vec![count_statement(&query, backend), page_query.build(backend)]
    };
    let filtered = ProductFilter {
        modality: Some(domain::Modality::Ct),
        operational_state: Some(domain::OperationalState::Down),
        ..ProductFilter::default()
    };
    let dashboard_raw = vec![
        state_count_select(visibility).build(backend),
        expiry_select(visibility, today).build(backend),
    ];
    let scenarios = [
        Scenario {
            name: "list, first page",
            path: "/api/v1/installed-products?page_size=50".into(),
            raw: list_raw(ProductFilter::default(), 1),
        },
        Scenario {
            name: "list, page 1000 (offset 49,950)",
            path: "/api/v1/installed-products?page_size=50&page=1000".into(),
            raw: list_raw(ProductFilter::default(), 1000),
        },
        Scenario {
            name: "list, CT and down",
            path: "/api/v1/installed-products?page_size=50&modality=ct&operational_state=down"
                .into(),
            raw: list_raw(filtered, 1),
        },
        Scenario {
            name: "dashboard",
            path: "/api/v1/dashboard".into(),
            raw: dashboard_raw,
        },
    ];

    println!(
        "\n{:<34} {:>10} {:>10} {:>8} {:>10} {:>10}",
        "sequential, one client", "API req/s", "raw req/s", "ratio", "API p50", "API p99"
    );
    for scenario in &scenarios {
        let api = measure(|| async {
            let response = app.get(&scenario.path, &token).await;
            assert_eq!(response.status(), 200, "{}", scenario.path);
            response.bytes().await.unwrap();
        })
        .await;
        let raw = measure(|| run_raw(&app.db, &scenario.raw)).await;
        let rps =
            |times: &[Duration]| times.len() as f64 / times.iter().sum::<Duration>().as_secs_f64();
        println!(
            "{:<34} {:>10.1} {:>10.1} {:>7.2}x {:>8.1}ms {:>8.1}ms",
            scenario.name,
            rps(&api),
            rps(&raw),
            rps(&api) / rps(&raw),
            percentile(&api, 50.0),
            percentile(&api, 99.0),
        );
    }
}

async fn run_raw(db: &DatabaseConnection, statements: &[Statement]) {
    for statement in statements {
        db.query_all(statement.clone()).await.unwrap();
    }
}

async fn measure<F, Fut>(mut once: F) -> Vec<Duration>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for _ in 0..WARM_UP {
        once().await;
    }
    let mut times = Vec::with_capacity(requests());
    for _ in 0..requests() {
        let started = Instant::now();
        once().await;
        times.push(started.elapsed());
    }
    times
}

fn percentile(times: &[Duration], p: f64) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort();
    let index = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

//! The installed base at 100,000 products: list pages (first, deep, filtered)
//! and the dashboard through the whole API (HTTP, auth, JSON), each beside the
//! same SQL run raw on the same connection pool in the same process.
//!
//!     cargo bench -p api --bench installed_base                      (SQLite)
//!     TEST_DATABASE_URL=postgres://... cargo bench -p api --bench installed_base
//!
//! BENCH_PRODUCTS overrides the 100,000.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use chrono::Utc;
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::contracts::expiry_select;
use persistence::repositories::installed_products::{
    count_statement, list_selects, state_count_select, PageRequest, ProductFilter, ProductSort,
};
use persistence::ConnectionTrait;
use sea_orm::QueryTrait;
use std::time::Instant;
use test_support::TestApp;

fn main() {
    common::run_on_two_workers(run());
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
        common::Scenario {
            name: "list, first page",
            path: "/api/v1/installed-products?page_size=50".into(),
            raw: list_raw(ProductFilter::default(), 1),
        },
        common::Scenario {
            name: "list, page 1000 (offset 49,950)",
            path: "/api/v1/installed-products?page_size=50&page=1000".into(),
            raw: list_raw(ProductFilter::default(), 1000),
        },
        common::Scenario {
            name: "list, CT and down",
            path: "/api/v1/installed-products?page_size=50&modality=ct&operational_state=down"
                .into(),
            raw: list_raw(filtered, 1),
        },
        common::Scenario {
            name: "dashboard",
            path: "/api/v1/dashboard".into(),
            raw: dashboard_raw,
        },
    ];

    common::compare(&app, &token, &scenarios).await;
}

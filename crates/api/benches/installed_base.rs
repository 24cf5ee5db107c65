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
use persistence::raw_sql;
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::installed_products::{
    PageRequest, ProductFilter, ProductListing, ProductSort,
};
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
    let backend = app.db.backend();
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
        let listing = ProductListing {
            visibility,
            filter,
            today,
            sort: ProductSort::Number,
            descending: false,
            page: PageRequest {
                page,
                page_size: 50,
            },
        };
        raw_sql::product_list(&app.db, &listing)
    };
    let filtered = ProductFilter {
        modality: Some(domain::Modality::Ct),
        operational_state: Some(domain::OperationalState::Down),
        ..ProductFilter::default()
    };
    let dashboard_raw = raw_sql::dashboard(&app.db, visibility, today);
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
            // Every row's number, serial, description and custom name are
            // looked at: the search's worst case.
            name: "search, no match",
            path: "/api/v1/installed-products?page_size=50&q=zzqq".into(),
            raw: list_raw(
                ProductFilter {
                    text: Some("zzqq".into()),
                    ..ProductFilter::default()
                },
                1,
            ),
        },
        common::Scenario {
            name: "dashboard",
            path: "/api/v1/dashboard".into(),
            raw: dashboard_raw,
        },
    ];

    common::compare(&app, &token, &scenarios).await;
}

//! Importing 100,000 installed products from CSV, beside a raw bulk insert
//! of the same rows (1,000 a statement, one transaction) into the same
//! database in the same run; and the process's resident memory growth
//! while the import runs (the file is streamed, never held).
//!
//!     cargo bench -p api --bench imports                      (SQLite)
//!     TEST_DATABASE_URL=postgres://... cargo bench -p api --bench imports
//!
//! BENCH_IMPORT_ROWS overrides the 100,000.
#![allow(clippy::expect_used, clippy::unwrap_used)]

// Only the runtime and the settings of the shared module; its table is for lists.
#[allow(dead_code)]
mod common;

use domain::product_import::PRODUCT_COLUMNS;
use domain::{AccountId, Modality, ProductKind, ProductStatus};
use persistence::raw_sql;
use persistence::repositories::imports::ProductRecord;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use test_support::TestApp;

fn main() {
    common::run_on_two_workers(run());
}

async fn run() {
    let rows = common::env_u64("BENCH_IMPORT_ROWS", 100_000);
    let app = TestApp::spawn().await.unwrap();
    let backend = app.db.backend();
    let site = app.demo.dutch.accounts[1].id;

    // The floor: the same kind of rows inserted raw.
    let records: Vec<ProductRecord> = (0..rows).map(|n| record(n, "IP-8", site)).collect();
    let started = Instant::now();
    raw_sql::bulk_insert_products(&app.db, &records, chrono::Utc::now())
        .await
        .unwrap();
    let raw = started.elapsed();
    drop(records);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("products.csv");
    {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        writeln!(file, "{}", PRODUCT_COLUMNS.join(",")).unwrap();
        for n in 0..rows {
            writeln!(
                file,
                "LUMC-1000,IP-9{n:07},Imported scanner {n},SN-9{n:07},,,CT,Incisive,hardware,Radiology,2022-05-01,active,LUMC-1001,LUMC-1001,false,2032-12-31,"
            )
            .unwrap();
        }
    }
    let megabytes = std::fs::metadata(&path).unwrap().len() as f64 / 1e6;

    let rss_before = common::rss_kib();
    let peak = Arc::new(AtomicU64::new(rss_before));
    let sampling = Arc::new(AtomicBool::new(true));
    let sampler = {
        let (peak, sampling) = (peak.clone(), sampling.clone());
        tokio::spawn(async move {
            while sampling.load(Ordering::Relaxed) {
                peak.fetch_max(common::rss_kib(), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    let started = Instant::now();
    let input = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
    let report = api::imports::import_products(&app.state, None, input, false)
        .await
        .unwrap();
    let import = started.elapsed();
    sampling.store(false, Ordering::Relaxed);
    sampler.await.unwrap();
    assert!(
        report.applied,
        "{:?}",
        &report.problems[..report.problems.len().min(3)]
    );
    assert_eq!(report.created, rows);

    let per_second = |d: Duration| rows as f64 / d.as_secs_f64();
    println!("\n{backend:?}: {rows} installed products ({megabytes:.1} MB of CSV)");
    println!(
        "{:<44} {:>12} {:>12} {:>8}",
        "", "import rows/s", "raw rows/s", "ratio"
    );
    println!(
        "{:<44} {:>12.0} {:>12.0} {:>7.2}x",
        "checked, upserted, audited vs bulk insert",
        per_second(import),
        per_second(raw),
        per_second(import) / per_second(raw)
    );
    let growth = peak.load(Ordering::Relaxed).saturating_sub(rss_before);
    println!(
        "resident memory growth during the import: {:.1} MB (aim < 64 MB)",
        growth as f64 / 1024.0
    );
}

fn record(n: u64, prefix: &str, site: AccountId) -> ProductRecord {
    ProductRecord {
        number: format!("{prefix}{n:07}"),
        description: format!("Imported scanner {n}"),
        serial_number: format!("S{prefix}{n:07}"),
        udi: None,
        technical_id: None,
        modality: Modality::Ct,
        product_family: "Incisive".into(),
        kind: ProductKind::Hardware,
        functional_location: Some("Radiology".into()),
        install_date: chrono::NaiveDate::from_ymd_opt(2022, 5, 1),
        status: ProductStatus::Active,
        owner_account: site,
        location_account: site,
        strategic_item: false,
        end_of_life_date: chrono::NaiveDate::from_ymd_opt(2032, 12, 31),
        end_of_service_date: None,
    }
}

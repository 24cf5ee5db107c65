//! A zip of 1 GB of documents, streamed: its speed against reading the same
//! files straight from the disk, and the process's resident memory growth
//! while it is sent (the aim is under 32 MB: the zip is written into the
//! response as it goes, never whole in memory).
//!
//!     cargo bench -p api --bench documents
//!
//! BENCH_ZIP_MB overrides the 1,024 MB (in 64 MB documents).
#![allow(clippy::expect_used, clippy::unwrap_used)]

// The list benchmarks' timing loop is not used here, only the runtime and RSS.
#[allow(dead_code)]
mod common;

use domain::document::{Document, DocumentKind};
use domain::AttachmentType;
use futures_util::StreamExt;
use persistence::repositories::documents;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use test_support::TestApp;
use tokio::io::AsyncReadExt;

const DOCUMENT_MB: u64 = 64;

fn main() {
    common::run_on_two_workers(run());
}

async fn run() {
    let total_mb = common::env_u64("BENCH_ZIP_MB", 1024).max(DOCUMENT_MB);
    let app = TestApp::spawn().await.unwrap();
    let product = app.demo.product("IP-40010001").id;
    let count = total_mb / DOCUMENT_MB;
    let mut ids = Vec::new();
    let mut keys = Vec::new();
    let block = {
        let mut b = b"%PDF-1.7\n".to_vec();
        b.resize(1024 * 1024, b'x');
        b
    };
    for i in 0..count {
        let mut blob = app.state.blobs.begin().await.unwrap();
        for _ in 0..DOCUMENT_MB {
            blob.write(&block).await.unwrap();
        }
        let stored = blob.finish(&app.state.blobs).await.unwrap();
        let id = uuid::Uuid::now_v7();
        keys.push(stored.key.clone());
        documents::insert(
            &app.db,
            &Document {
                id,
                kind: DocumentKind::ProductDocumentation,
                installed_product_id: product,
                case_id: None,
                planned_event_id: None,
                file: stored.into_file(
                    format!("manual-{i}.pdf"),
                    AttachmentType::Pdf,
                    None,
                    "Service".into(),
                    chrono::Utc::now(),
                ),
            },
        )
        .await
        .unwrap();
        ids.push(id.to_string());
    }
    let token = app.tokens_for("nl.user").await.access_token;

    // The floor: the same files read from the disk (warm, like the zip's).
    let floor_started = Instant::now();
    let mut floor_bytes = 0u64;
    for key in &keys {
        let mut file = app.state.blobs.open_blob(key).await.unwrap();
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = file.read(&mut buf).await.unwrap();
            if n == 0 {
                break;
            }
            floor_bytes += n as u64;
        }
    }
    let floor = floor_started.elapsed();

    let rss_before = common::rss_kib();
    let peak = Arc::new(AtomicU64::new(rss_before));
    let sampler = {
        let peak = peak.clone();
        tokio::spawn(async move {
            loop {
                peak.fetch_max(common::rss_kib(), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    let started = Instant::now();
    let response = app
        .get(
            &format!("/api/v1/documents.zip?ids={}", ids.join(",")),
            &token,
        )
        .await;
    assert_eq!(response.status(), 200);
    let mut zipped = 0u64;
    let mut body = response.bytes_stream();
    while let Some(chunk) = body.next().await {
        zipped += chunk.unwrap().len() as u64;
    }
    let elapsed = started.elapsed();
    sampler.abort();
    assert!(zipped >= floor_bytes, "the zip holds every byte");
    let growth = peak.load(Ordering::Relaxed).saturating_sub(rss_before);
    let mb = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    println!(
        "\n{count} documents, {:.0} MB: zip through the API {:.0} MB/s, reading the files {:.0} MB/s: {:.2}x",
        mb(floor_bytes),
        mb(zipped) / elapsed.as_secs_f64(),
        mb(floor_bytes) / floor.as_secs_f64(),
        floor.as_secs_f64() / elapsed.as_secs_f64()
    );
    println!(
        "resident memory growth while the zip was sent (client and server in one process): {:.1} MB",
        growth as f64 / 1024.0
    );
}

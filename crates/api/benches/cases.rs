//! Service cases at 1,000,000: list pages (first, deep, "my cases", a
//! filtered one, the historical switch) through the whole API (HTTP, auth,
//! JSON), each beside the same SQL run raw on the same pool in the same
//! process; and a 100 MB upload: the server's memory growth and its
//! throughput beside a plain file copy on the same disk.
//!
//!     cargo bench -p api --bench cases                      (SQLite)
//!     TEST_DATABASE_URL=postgres://... cargo bench -p api --bench cases
//!
//! BENCH_CASES overrides the 1,000,000; BENCH_UPLOAD_MB the 100.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use futures_util::StreamExt;
use persistence::raw_sql;
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::cases::{CaseFilter, CaseSort, History};
use persistence::repositories::installed_products::PageRequest;
use std::io::Write;
use std::time::{Duration, Instant};
use test_support::TestApp;

fn main() {
    common::run_on_two_workers(run());
}

async fn run() {
    let cases = common::env_u64("BENCH_CASES", 1_000_000);
    // Room for the upload scenario's file.
    let app = TestApp::spawn_with(|c| c.max_attachment_bytes = 1 << 30)
        .await
        .unwrap();
    common::seed_cases(&app, cases).await;
    let token = app.tokens_for("nl.manager").await.access_token;
    let visibility = AccountVisibility::ParentAccount(app.demo.dutch.parent.id);
    let cutovers: Vec<_> = app
        .state
        .config
        .markets
        .cutovers()
        .map(|(c, d)| (c.to_owned(), d))
        .collect();
    let raw = |filter: CaseFilter, sort: CaseSort, descending: bool, page: u32| {
        raw_sql::case_list(
            &app.db,
            visibility,
            &filter,
            sort,
            descending,
            PageRequest {
                page,
                page_size: 50,
            },
        )
    };
    let generic = || CaseFilter {
        history: History::Exclude(cutovers.clone()),
        ..CaseFilter::default()
    };
    let scenarios = [
        common::Scenario {
            name: "list, first page (newest)",
            path: "/api/v1/cases?page_size=50".into(),
            raw: raw(generic(), CaseSort::CreatedAt, true, 1),
        },
        common::Scenario {
            name: "list, page 200 (offset 9,950)",
            path: "/api/v1/cases?page_size=50&page=200".into(),
            raw: raw(generic(), CaseSort::CreatedAt, true, 200),
        },
        common::Scenario {
            name: "list, open priority 2",
            path: "/api/v1/cases?page_size=50&open=true&priority=2".into(),
            raw: raw(
                CaseFilter {
                    open: Some(true),
                    priority: domain::Priority::new(2).ok(),
                    ..generic()
                },
                CaseSort::CreatedAt,
                true,
                1,
            ),
        },
        common::Scenario {
            name: "list, historical",
            path: "/api/v1/cases?page_size=50&historical=true".into(),
            raw: raw(
                CaseFilter {
                    history: History::Only(cutovers.clone()),
                    ..CaseFilter::default()
                },
                CaseSort::CreatedAt,
                true,
                1,
            ),
        },
    ];
    common::compare(&app, &token, &scenarios).await;
    // The service desk's queue: every customer's open cases, in its order.
    let service = app.tokens_for("service").await.access_token;
    let queue = CaseFilter {
        open: Some(true),
        history: History::Include,
        ..CaseFilter::default()
    };
    let queue_raw = |filter: CaseFilter| {
        let page = PageRequest {
            page: 1,
            page_size: 50,
        };
        raw_sql::case_list(
            &app.db,
            AccountVisibility::All,
            &filter,
            CaseSort::Queue,
            false,
            page,
        )
    };
    let engineer = persistence::seed::SCALE_ENGINEER;
    let queue_scenarios = [
        common::Scenario {
            name: "service queue, first page",
            path: "/api/v1/service/queue?page_size=50".into(),
            raw: queue_raw(queue.clone()),
        },
        common::Scenario {
            name: "service queue, one engineer's",
            path: format!("/api/v1/service/queue?page_size=50&assignee={engineer}"),
            raw: queue_raw(CaseFilter {
                assignee: Some(persistence::repositories::cases::Assignee::Engineer(
                    domain::UserId::from_uuid(engineer),
                )),
                ..queue
            }),
        },
    ];
    common::compare(&app, &service, &queue_scenarios).await;
    upload(&app, &token).await;
}

/// One big PDF through the API, against copying the same bytes to the same disk.
async fn upload(app: &TestApp, token: &str) {
    let megabytes = common::env_u64("BENCH_UPLOAD_MB", 100);
    let size = megabytes * 1024 * 1024;
    let dir = tempfile::tempdir_in(app.blobs_dir.path()).unwrap();
    let source = dir.path().join("source.pdf");
    {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&source).unwrap());
        file.write_all(b"%PDF-1.7\n").unwrap();
        let block = vec![b'x'; 1024 * 1024];
        let mut written = 9u64;
        while written < size {
            let n = (size - written).min(block.len() as u64) as usize;
            file.write_all(&block[..n]).unwrap();
            written += n as u64;
        }
    }
    let copy_started = Instant::now();
    std::fs::copy(&source, dir.path().join("copy.pdf")).unwrap();
    std::fs::File::open(dir.path().join("copy.pdf"))
        .unwrap()
        .sync_all()
        .unwrap();
    let copy = copy_started.elapsed();

    let case = app
        .client
        .post(app.url("/api/v1/cases"))
        .bearer_auth(token)
        .json(&serde_json::json!({
            "installed_product_id": app.demo.product("IP-40010002").id.to_string(),
            "priority": 4,
            "description": "Service manual scan",
        }))
        .send()
        .await
        .unwrap()
        .json::<api_types::CaseDetail>()
        .await
        .unwrap();
    let rss_before = common::rss_kib();
    let boundary = "bench-boundary";
    let head = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"manual.pdf\"\r\n\r\n");
    let tail = format!("\r\n--{boundary}--\r\n");
    let file = tokio::fs::File::open(&source).await.unwrap();
    let body_stream =
        futures_util::stream::iter([Ok::<_, std::io::Error>(actix_web::web::Bytes::from(head))])
            .chain(tokio_util_stream(file))
            .chain(futures_util::stream::iter([Ok(
                actix_web::web::Bytes::from(tail),
            )]));
    let started = Instant::now();
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(rss_before));
    let sampler = {
        let peak = peak.clone();
        tokio::spawn(async move {
            loop {
                peak.fetch_max(common::rss_kib(), std::sync::atomic::Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    let response = app
        .client
        .post(app.url(&format!("/api/v1/cases/{}/attachments", case.summary.id)))
        .bearer_auth(token)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(reqwest::Body::wrap_stream(body_stream))
        .send()
        .await
        .unwrap();
    let elapsed = started.elapsed();
    sampler.abort();
    assert_eq!(response.status(), 201);
    let growth = peak
        .load(std::sync::atomic::Ordering::Relaxed)
        .saturating_sub(rss_before);
    println!(
        "\n{megabytes} MB upload: {:.0} MB/s through the API, {:.0} MB/s plain copy on the same disk: {:.2}x",
        megabytes as f64 / elapsed.as_secs_f64(),
        megabytes as f64 / copy.as_secs_f64(),
        copy.as_secs_f64() / elapsed.as_secs_f64()
    );
    println!(
        "resident memory growth during the upload (client and server in one process): {:.1} MB",
        growth as f64 / 1024.0
    );
}

fn tokio_util_stream(
    file: tokio::fs::File,
) -> impl futures_util::Stream<Item = Result<actix_web::web::Bytes, std::io::Error>> {
    futures_util::stream::unfold(file, |mut file| async move {
        use tokio::io::AsyncReadExt;
        let mut buf = vec![0u8; 256 * 1024];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(actix_web::web::Bytes::from(buf)), file))
            }
            Err(e) => Some((Err(e), file)),
        }
    })
}

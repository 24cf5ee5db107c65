//! Start-up time, idle memory and request throughput of the real `csportal`
//! binary, each printed beside a baseline measured in the same run: absolute
//! times on a shared machine are noisy, ratios much less so.
//!
//!     cargo bench -p server --bench serve
#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "../tests/common/server_process.rs"]
mod server_process;

use actix_web::{web, App, HttpResponse, HttpServer};
use server_process::{csportal, ServerProcess};
use std::future::Future;
use std::net::TcpListener;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const START_RUNS: usize = 7;
const LOAD_TIME: Duration = Duration::from_secs(5);
const CLIENTS: usize = 8;
const DEMO_LOGIN: &str = r#"{"username":"nl.manager","password":"Welcome-2026"}"#;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(run());
}

async fn run() {
    let http = reqwest::Client::new();
    let scratch = tempfile::tempdir().unwrap();

    println!("start-up, median of {START_RUNS} runs");
    let process_floor = median_ms(START_RUNS, || {
        let started = Instant::now();
        let out = csportal(scratch.path()).arg("--version").output().unwrap();
        assert!(out.status.success());
        async move { started.elapsed() }
    })
    .await;
    let empty = median_ms(START_RUNS, || {
        let data = tempfile::tempdir().unwrap();
        let http = http.clone();
        async move { time_to_ready(&http, csportal(data.path())).await }
    })
    .await;
    let demo_dir = tempfile::tempdir().unwrap();
    seed_demo(demo_dir.path());
    let demo = median_ms(START_RUNS, || {
        let http = http.clone();
        let command = csportal(demo_dir.path());
        async move { time_to_ready(&http, command).await }
    })
    .await;
    row(
        "process start (`csportal --version`), baseline",
        process_floor,
        process_floor,
    );
    row(
        "`serve` on an empty database to a ready /readyz",
        empty,
        process_floor,
    );
    row(
        "`serve` on the demo database to a ready /readyz",
        demo,
        process_floor,
    );

    let server = ServerProcess::start(csportal(demo_dir.path()));
    wait_ready(&http, &server.base_url).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let idle_rss = server.rss_kib().unwrap_or_default();
    println!(
        "\nidle resident memory after start on the demo database: {:.1} MiB",
        mib(idle_rss)
    );

    let token = access_token(&http, &server.base_url).await;
    let accounts_body = http
        .get(format!("{}/api/v1/accounts", server.base_url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let bare = bare_actix(accounts_body.to_vec());

    println!(
        "\nthroughput, {CLIENTS} concurrent clients for {} s each (requests per second)",
        LOAD_TIME.as_secs()
    );
    let bare_accounts = load(|| http.get(format!("{bare}/accounts")).send()).await;
    let accounts = load(|| {
        http.get(format!("{}/api/v1/accounts", server.base_url))
            .bearer_auth(&token)
            .send()
    })
    .await;
    ratio_row(
        "GET accounts (authenticated, tenancy-scoped query)",
        accounts,
        bare_accounts,
    );

    let bare_login = load(|| post_json(&http, format!("{bare}/login"), DEMO_LOGIN)).await;
    let login = load(|| {
        post_json(
            &http,
            format!("{}/api/v1/auth/login", server.base_url),
            DEMO_LOGIN,
        )
    })
    .await;
    ratio_row("POST login against a bare actix handler", login, bare_login);
    let argon2_floor = argon2_hashes_per_second(2);
    ratio_row(
        "POST login against argon2id alone on 2 threads",
        login,
        argon2_floor,
    );

    println!(
        "\nresident memory after the load: {:.1} MiB (idle was {:.1} MiB)",
        mib(server.rss_kib().unwrap_or_default()),
        mib(idle_rss)
    );
}

fn seed_demo(data_dir: &Path) {
    let out = csportal(data_dir)
        .args(["seed", "--demo"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// From spawning `csportal serve` to its first 200 on /readyz.
async fn time_to_ready(http: &reqwest::Client, command: std::process::Command) -> Duration {
    let started = Instant::now();
    let mut server = ServerProcess::start(command);
    wait_ready(http, &server.base_url).await;
    let elapsed = started.elapsed();
    assert!(server
        .terminate(Duration::from_secs(30))
        .is_some_and(|s| s.success()));
    elapsed
}

async fn wait_ready(http: &reqwest::Client, base_url: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let ready = http.get(format!("{base_url}/readyz")).send().await;
        if ready.is_ok_and(|r| r.status().is_success()) {
            return;
        }
        assert!(Instant::now() < deadline, "not ready within 60 s");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

async fn access_token(http: &reqwest::Client, base_url: &str) -> String {
    let tokens: serde_json::Value =
        post_json(http, format!("{base_url}/api/v1/auth/login"), DEMO_LOGIN)
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    tokens["access_token"].as_str().unwrap().to_owned()
}

fn post_json(
    http: &reqwest::Client,
    url: String,
    body: &'static str,
) -> impl Future<Output = reqwest::Result<reqwest::Response>> {
    http.post(url)
        .header("content-type", "application/json")
        .body(body)
        .send()
}

/// A bare actix-web server with the same worker count, answering the same
/// bodies without auth, database or middleware: the framework's floor.
fn bare_actix(accounts_body: Vec<u8>) -> String {
    #[derive(serde::Deserialize)]
    struct Credentials {
        username: String,
        password: String,
    }
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let accounts_body = web::Bytes::from(accounts_body);
            HttpServer::new(move || {
                let accounts_body = accounts_body.clone();
                App::new()
                    .route(
                        "/accounts",
                        web::get().to(move || {
                            let body = accounts_body.clone();
                            async move {
                                HttpResponse::Ok()
                                    .content_type("application/json")
                                    .body(body)
                            }
                        }),
                    )
                    .route(
                        "/login",
                        web::post().to(|credentials: web::Json<Credentials>| async move {
                            let known = !credentials.username.is_empty()
                                && !credentials.password.is_empty();
                            HttpResponse::Ok().json(serde_json::json!({
                                "access_token": if known { "x".repeat(400) } else { String::new() },
                                "refresh_token": "y".repeat(43),
                                "token_type": "Bearer",
                                "expires_in": 900
                            }))
                        }),
                    )
            })
            .workers(2)
            .listen(listener)
            .unwrap()
            .run()
            .await
            .unwrap();
        });
    });
    format!("http://{address}")
}

/// Requests per second that `CLIENTS` concurrent clients complete in `LOAD_TIME`;
/// any answer other than 200 stops the benchmark.
async fn load<F, Fut>(request: F) -> f64
where
    F: Fn() -> Fut,
    Fut: Future<Output = reqwest::Result<reqwest::Response>> + Send + 'static,
{
    let done = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + LOAD_TIME;
    let mut in_flight = tokio::task::JoinSet::new();
    let spawn_one = |in_flight: &mut tokio::task::JoinSet<()>| {
        let fut = request();
        let done = Arc::clone(&done);
        in_flight.spawn(async move {
            let response = fut.await.unwrap();
            let status = response.status();
            let _ = response.bytes().await;
            assert_eq!(status, 200, "the benchmark got {status}");
            done.fetch_add(1, Ordering::Relaxed);
        });
    };
    for _ in 0..CLIENTS {
        spawn_one(&mut in_flight);
    }
    while let Some(finished) = in_flight.join_next().await {
        finished.unwrap();
        if Instant::now() < deadline {
            spawn_one(&mut in_flight);
        }
    }
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

fn argon2_hashes_per_second(threads: usize) -> f64 {
    let started = Instant::now();
    let deadline = started + LOAD_TIME;
    let total: u64 = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut n = 0u64;
                    while Instant::now() < deadline {
                        api::auth::password::hash_blocking("Welcome-2026").unwrap();
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    });
    total as f64 / started.elapsed().as_secs_f64()
}

async fn median_ms<F, Fut>(runs: usize, mut measure: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Duration>,
{
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        times.push(measure().await);
    }
    times.sort();
    times[runs / 2]
}

fn row(what: &str, time: Duration, baseline: Duration) {
    println!(
        "  {what:<52} {:>8.1} ms  {:>6.1}x baseline",
        time.as_secs_f64() * 1000.0,
        time.as_secs_f64() / baseline.as_secs_f64()
    );
}

fn ratio_row(what: &str, measured: f64, baseline: f64) {
    println!(
        "  {what:<52} {measured:>9.0}/s vs {baseline:>9.0}/s = {:.3}x",
        measured / baseline
    );
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

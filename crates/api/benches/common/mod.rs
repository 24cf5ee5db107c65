//! What the benchmarks share: a two-worker runtime, the timing loop, and the
//! API-beside-raw-SQL table every list benchmark prints.

use persistence::raw_sql::{self, Statement};
use persistence::Db;
use std::time::{Duration, Instant};
use test_support::TestApp;

const WARM_UP: usize = 10;

/// Timed requests per scenario (BENCH_REQUESTS overrides).
fn requests() -> usize {
    env_u64("BENCH_REQUESTS", 100) as usize
}

pub fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs `benchmark` on the two worker threads these machines have.
pub fn run_on_two_workers(benchmark: impl std::future::Future<Output = ()>) {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(benchmark);
}

/// One request through the API, and the statements it runs, raw.
pub struct Scenario {
    pub name: &'static str,
    pub path: String,
    pub raw: Vec<Statement>,
}

/// Times each scenario through the API (one client, one request after the
/// other) and its statements raw on the same pool; prints the table.
pub async fn compare(app: &TestApp, token: &str, scenarios: &[Scenario]) {
    println!(
        "\n{:<34} {:>10} {:>10} {:>8} {:>10} {:>10}",
        "sequential, one client", "API req/s", "raw req/s", "ratio", "API p50", "API p99"
    );
    for scenario in scenarios {
        let api = measure(|| async {
            let response = app.get(&scenario.path, token).await;
            assert_eq!(response.status(), 200, "{}", scenario.path);
            response.bytes().await.unwrap();
        })
        .await;
        let raw = measure(|| run_raw(&app.db, &scenario.raw)).await;
        let rps = |t: &[Duration]| t.len() as f64 / t.iter().sum::<Duration>().as_secs_f64();
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

async fn run_raw(db: &Db, statements: &[Statement]) {
    for statement in statements {
        raw_sql::run(db, statement).await.unwrap();
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

/// This process's resident memory, in KiB (Linux).
// Not every benchmark samples memory (each compiles this module apart).
#[allow(dead_code)]
pub fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// 20,000 more products and `cases` cases on them, timed and told.
// Not every benchmark seeds cases (each compiles this module apart).
#[allow(dead_code)]
pub async fn seed_cases(app: &TestApp, cases: u64) -> u64 {
    let started = Instant::now();
    persistence::seed::scale(&app.db, 20_000).await.unwrap();
    let total = persistence::seed::scale_cases(&app.db, cases)
        .await
        .unwrap();
    if app.db.backend() == persistence::Backend::Postgres {
        // What autovacuum does a little later: without the statistics, the
        // first figures measured plans made for empty tables.
        persistence::raw_sql::execute(&app.db, "ANALYZE")
            .await
            .unwrap();
    }
    println!(
        "{:?}: {total} cases over 20,000 more products seeded in {:.1} s",
        app.db.backend(),
        started.elapsed().as_secs_f64()
    );
    total
}

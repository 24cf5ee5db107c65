//! Prometheus metrics at `/metrics`: requests by route and status with
//! their latency, the database pool, the email outbox, logins, lockouts
//! and upload bytes. Only with the operator's token
//! (`CSPORTAL_METRICS_TOKEN`); without one the route does not exist, so
//! nothing about the installation is public by default.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGaugeVec, Opts, Registry,
    TextEncoder,
};
use sha2::{Digest, Sha256};

/// The counters and histograms of one server process.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    logins: IntCounterVec,
    lockouts: IntCounter,
    upload_bytes: IntCounter,
    pool: IntGaugeVec,
    outbox: IntGaugeVec,
}

/// How a login ended, as the `outcome` label says it.
#[derive(Debug, Clone, Copy)]
pub enum LoginOutcome {
    Succeeded,
    Failed,
}

impl Metrics {
    pub fn new() -> Self {
        let requests = IntCounterVec::new(
            Opts::new("csportal_http_requests_total", "HTTP requests answered"),
            &["route", "method", "status"],
        )
        .unwrap_or_else(|e| unreachable!("static metric definition: {e}"));
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "csportal_http_request_duration_seconds",
                "Time to answer an HTTP request",
            )
            .buckets(vec![
                0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ]),
            &["route", "method"],
        )
        .unwrap_or_else(|e| unreachable!("static metric definition: {e}"));
        let logins = IntCounterVec::new(
            Opts::new("csportal_logins_total", "Logins by outcome"),
            &["outcome"],
        )
        .unwrap_or_else(|e| unreachable!("static metric definition: {e}"));
        let lockouts = IntCounter::new(
            "csportal_account_lockouts_total",
            "Accounts locked after repeated failed logins",
        )
        .unwrap_or_else(|e| unreachable!("static metric definition: {e}"));
        let upload_bytes =
            IntCounter::new("csportal_upload_bytes_total", "Bytes of attachments stored")
                .unwrap_or_else(|e| unreachable!("static metric definition: {e}"));
        let pool = IntGaugeVec::new(
            Opts::new(
                "csportal_db_pool_connections",
                "Database pool connections by state",
            ),
            &["state"],
        )
        .unwrap_or_else(|e| unreachable!("static metric definition: {e}"));
        let outbox = IntGaugeVec::new(
            Opts::new("csportal_outbox_emails", "Emails in the outbox by state"),
            &["state"],
        )
        .unwrap_or_else(|e| unreachable!("static metric definition: {e}"));
        let registry = Registry::new();
        for collector in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(latency.clone()),
            Box::new(logins.clone()),
            Box::new(lockouts.clone()),
            Box::new(upload_bytes.clone()),
            Box::new(pool.clone()),
            Box::new(outbox.clone()),
        ] {
            registry
                .register(collector)
                .unwrap_or_else(|e| unreachable!("each metric is registered once: {e}"));
        }
        Self {
            registry,
            requests,
            latency,
            logins,
            lockouts,
            upload_bytes,
            pool,
            outbox,
        }
    }

    /// One answered request. `route` is the matched pattern
    /// (`/api/v1/cases/{id}`), never the path: ids would make a series each.
    pub fn observe_request(&self, route: &str, method: &str, status: u16, seconds: f64) {
        self.requests
            .with_label_values(&[route, method, &status.to_string()])
            .inc();
        self.latency
            .with_label_values(&[route, method])
            .observe(seconds);
    }

    pub fn login(&self, outcome: LoginOutcome) {
        let label = match outcome {
            LoginOutcome::Succeeded => "succeeded",
            LoginOutcome::Failed => "failed",
        };
        self.logins.with_label_values(&[label]).inc();
    }

    pub fn lockout(&self) {
        self.lockouts.inc();
    }

    pub fn uploaded(&self, bytes: u64) {
        self.upload_bytes.inc_by(bytes);
    }

    /// The text exposition, with the gauges read now.
    async fn render(&self, state: &AppState) -> Result<String, ApiError> {
        let (in_use, idle) = state.db.pool_connections();
        self.pool.with_label_values(&["in_use"]).set(in_use);
        self.pool.with_label_values(&["idle"]).set(idle);
        let backlog = persistence::repositories::outbox::backlog(&state.db).await?;
        self.outbox
            .with_label_values(&["pending"])
            .set(i64::try_from(backlog.pending).unwrap_or(i64::MAX));
        self.outbox
            .with_label_values(&["failed"])
            .set(i64::try_from(backlog.failed).unwrap_or(i64::MAX));
        let mut out = Vec::new();
        TextEncoder::new()
            .encode(&self.registry.gather(), &mut out)
            .map_err(ApiError::internal)?;
        String::from_utf8(out).map_err(ApiError::internal)
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether `given` is `expected`, without telling how much of it matched.
fn same_token(given: &str, expected: &str) -> bool {
    Sha256::digest(given.as_bytes()) == Sha256::digest(expected.as_bytes())
}

/// `GET /metrics` with `Authorization: Bearer <CSPORTAL_METRICS_TOKEN>`.
pub async fn metrics(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let Some(expected) = state.config.metrics_token.as_deref() else {
        return Err(ApiError::RouteNotFound);
    };
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(ApiError::Unauthenticated)?;
    if !same_token(given.trim(), expected) {
        return Err(ApiError::InvalidToken);
    }
    let text = state.metrics.render(&state).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(text))
}

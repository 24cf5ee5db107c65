//! Per-request context: a request id (in logs, the `X-Request-Id` header and
//! problem documents), one log line per request, and the security headers.

use crate::error::{ApiError, REQUEST_ID};
use crate::state::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::Payload;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, ResponseError};
use futures_util::StreamExt;
use std::time::Duration;
use std::time::Instant;
use tracing::Instrument;

const REQUEST_ID_HEADER: &str = "x-request-id";

/// Accept a caller's request id when it is short and plain; otherwise make one.
fn request_id_of(req: &ServiceRequest) -> String {
    req.headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
}

fn content_security_policy(path: &str, script_hashes: &[String]) -> String {
    if path.starts_with("/api/docs") {
        // Swagger UI sets inline styles and data: images.
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
            .to_owned();
    }
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}{}; style-src 'self'; \
img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
frame-ancestors 'none'; form-action 'self'",
        if script_hashes.is_empty() { "" } else { " " },
        script_hashes.join(" ")
    )
}

fn set_if_absent(res: &mut ServiceResponse<BoxBody>, name: HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        if !res.headers().contains_key(&name) {
            res.headers_mut().insert(name, value);
        }
    }
}

fn is_problem(res: &ServiceResponse<BoxBody>) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/problem+json"))
}

/// The request body, given up when the client sends nothing for `idle`: a
/// slow trickle must not hold a connection and a worker's buffers open.
/// Readers see an I/O error (a 400 problem for a JSON body).
fn with_idle_timeout(payload: Payload, idle: Duration) -> Payload {
    let stream = futures_util::stream::unfold(Some(payload), move |state| async move {
        let mut payload = state?;
        match tokio::time::timeout(idle, payload.next()).await {
            Ok(Some(chunk)) => Some((chunk, Some(payload))),
            Ok(None) => None,
            Err(_) => {
                let stalled = std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!("nothing of the body arrived for {} seconds", idle.as_secs()),
                );
                Some((Err(PayloadError::Io(stalled)), None))
            }
        }
    });
    let boxed: std::pin::Pin<
        Box<dyn futures_util::Stream<Item = Result<web::Bytes, PayloadError>>>,
    > = Box::pin(stream.fuse()); // readers may poll again after the end
    Payload::from(boxed)
}

pub async fn request_context(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let request_id = request_id_of(&req);
    let method = req.method().to_string();
    // The path only: query strings may carry tokens and never reach the log.
    let path = req.path().to_owned();
    let state = req.app_data::<web::Data<AppState>>().cloned();
    if let Some(idle) = state.as_ref().map(|s| s.config.body_idle_timeout) {
        let body = req.take_payload();
        req.set_payload(with_idle_timeout(body, idle));
    }
    let span =
        tracing::info_span!("request", request_id = %request_id, method = %method, path = %path);
    let started = Instant::now();

    let res = REQUEST_ID
        .scope(request_id.clone(), next.call(req))
        .instrument(span.clone())
        .await?;
    let mut res = res.map_into_boxed_body();

    if res.status() == StatusCode::METHOD_NOT_ALLOWED && !is_problem(&res) {
        let problem = REQUEST_ID.sync_scope(request_id.clone(), || {
            ApiError::MethodNotAllowed {
                method: method.clone(),
                allow: None,
            }
            .error_response()
        });
        res = res.into_response(problem);
    }

    let hashes = state
        .as_ref()
        .map(|s| s.spa.script_hashes.clone())
        .unwrap_or_default();
    set_if_absent(
        &mut res,
        HeaderName::from_static(REQUEST_ID_HEADER),
        &request_id,
    );
    set_if_absent(
        &mut res,
        header::CONTENT_SECURITY_POLICY,
        &content_security_policy(&path, &hashes),
    );
    set_if_absent(&mut res, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set_if_absent(&mut res, header::REFERRER_POLICY, "no-referrer");
    set_if_absent(&mut res, header::X_FRAME_OPTIONS, "DENY");
    set_if_absent(
        &mut res,
        HeaderName::from_static("permissions-policy"),
        "camera=(self), microphone=(), geolocation=()",
    );
    if path.starts_with("/api/") {
        // Personal data: no cache may keep it.
        set_if_absent(&mut res, header::CACHE_CONTROL, "no-store");
    }
    if state.as_ref().is_some_and(|s| s.config.hsts) {
        set_if_absent(
            &mut res,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }

    let status = res.status().as_u16();
    let elapsed = started.elapsed().as_secs_f64();
    if let Some(state) = &state {
        let route = res.request().match_pattern();
        let route = route.as_deref().unwrap_or("unmatched");
        state
            .metrics
            .observe_request(route, &method, status, elapsed);
    }
    let elapsed_ms = elapsed * 1000.0;
    span.in_scope(|| tracing::info!(status, elapsed_ms, "request completed"));
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_policy_allows_wasm_and_only_the_hashed_inline_script() {
        let csp = content_security_policy("/", &["'sha256-abc'".to_owned()]);
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc';"),
            "{csp}"
        );
        assert!(csp.contains("object-src 'none'"));
        assert!(!csp.contains("unsafe-inline"));
    }
}

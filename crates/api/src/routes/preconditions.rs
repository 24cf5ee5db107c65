//! Optimistic concurrency: versions sent as strong ETags (`"v<n>"`) and
//! required back as `If-Match` on updates.

use crate::error::ApiError;
use actix_web::http::header;
use actix_web::HttpRequest;

/// A row's version as a strong ETag.
pub fn etag(version: i32) -> String {
    format!("\"v{version}\"")
}

/// The version named by `If-Match: "v<version>"`: 428 without the header;
/// any other value matches nothing, so the update answers 412.
pub fn expected_version(req: &HttpRequest) -> Result<i32, ApiError> {
    let raw = req
        .headers()
        .get(header::IF_MATCH)
        .ok_or(ApiError::PreconditionRequired)?
        .to_str()
        .unwrap_or_default()
        .trim();
    Ok(raw
        .strip_prefix("\"v")
        .and_then(|r| r.strip_suffix('"'))
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1))
}

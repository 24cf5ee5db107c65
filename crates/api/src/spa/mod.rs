//! Serving the built browser app from memory, compressed, with an SPA
//! fallback to `index.html` for the app's own routes.

mod assets;

use actix_web::http::header;
use actix_web::{guard, web, HttpRequest, HttpResponse};
use assets::{Asset, AssetTable};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The app's files and the CSP hashes of any inline scripts in its
/// `index.html` (the CSP allows exactly those).
#[derive(Debug, Default)]
pub struct SpaAssets {
    files: Option<AssetTable>,
    pub script_hashes: Vec<String>,
}

impl SpaAssets {
    pub fn load(dir: Option<&Path>) -> Self {
        let Some(dir) = dir else {
            return Self::default();
        };
        let loaded = AssetTable::read(dir).and_then(|files| {
            let index = files.get("index.html").ok_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::NotFound, "no index.html")
            })?;
            let script_hashes = inline_script_hashes(&String::from_utf8_lossy(&index.bytes));
            Ok((files, script_hashes))
        });
        match loaded {
            Ok((files, script_hashes)) => {
                files.compress_in_background();
                Self {
                    files: Some(files),
                    script_hashes,
                }
            }
            Err(err) => {
                tracing::warn!(dir = %dir.display(), error = %err, "browser app not found; serving the API only");
                Self::default()
            }
        }
    }
}

/// `'sha256-…'` sources for every inline `<script>` body.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start..];
        let Some(tag_end) = rest.find('>') else { break };
        let opening = &rest[..tag_end];
        let body_and_more = &rest[tag_end + 1..];
        let Some(close) = body_and_more.find("</script>") else {
            break;
        };
        let body = &body_and_more[..close];
        if !opening.contains(" src=") && !body.trim().is_empty() {
            let digest = Sha256::digest(body.as_bytes());
            hashes.push(format!("'sha256-{}'", STANDARD.encode(digest)));
        }
        rest = &body_and_more[close..];
    }
    hashes
}

/// Whether the client's `Accept-Encoding` takes `coding` (a q of 0 refuses it).
fn accepts(req: &HttpRequest, coding: &str) -> bool {
    let Some(value) = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    value.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let refused = parts.any(|p| {
            p.strip_prefix("q=")
                .and_then(|q| q.parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        name.eq_ignore_ascii_case(coding) && !refused
    })
}

fn not_modified(req: &HttpRequest, etag: &str) -> bool {
    let bare = etag.trim_matches('"');
    req.headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| {
            tags.split(',').any(|tag| {
                let tag = tag.trim().trim_start_matches("W/").trim_matches('"');
                tag == "*" || tag.split('-').next() == Some(bare)
            })
        })
}

fn respond(req: &HttpRequest, asset: &Asset) -> HttpResponse {
    let (encoding, body) = match (asset.brotli.get(), asset.gzip.get()) {
        (Some(br), _) if accepts(req, "br") => (Some("br"), br.clone()),
        (_, Some(gz)) if accepts(req, "gzip") => (Some("gzip"), gz.clone()),
        _ => (None, asset.bytes.clone()),
    };
    // Each encoding is its own representation, so its own strong ETag.
    let etag = match encoding {
        Some(coding) => format!("\"{}-{coding}\"", asset.etag.trim_matches('"')),
        None => asset.etag.clone(),
    };
    let cache = if asset.immutable {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let unchanged = not_modified(req, &asset.etag);
    let mut response = if unchanged {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, cache))
        .insert_header((header::VARY, "Accept-Encoding"));
    if unchanged {
        return response.finish();
    }
    response.insert_header((header::CONTENT_TYPE, asset.content_type.as_str()));
    if let Some(coding) = encoding {
        response.insert_header((header::CONTENT_ENCODING, coding));
    }
    response.body(body)
}

/// A file of the app; `index.html` for the app's own routes (deep links);
/// 404 for a missing file, so a stale bundle name fails loudly.
async fn serve_app(req: HttpRequest, state: web::Data<crate::AppState>) -> HttpResponse {
    let Some(files) = &state.spa.files else {
        return HttpResponse::ServiceUnavailable()
            .insert_header((header::CONTENT_TYPE, "text/plain; charset=utf-8"))
            .body(
                "The csportal browser app is not built. Run ./scripts/run (or `trunk build --release`) \
and set CSPORTAL_STATIC_DIR to frontend/dist. The API is at /api/v1, its documentation at /api/docs.",
            );
    };
    let path = req.path().trim_start_matches('/');
    if let Some(asset) = files.get(path).filter(|_| !path.is_empty()) {
        return respond(&req, asset);
    }
    let last_segment = path.rsplit('/').next().unwrap_or_default();
    match files.get("index.html") {
        Some(index) if !last_segment.contains('.') => respond(&req, index),
        _ => HttpResponse::NotFound()
            .insert_header((header::CONTENT_TYPE, "text/plain; charset=utf-8"))
            .body("Not found"),
    }
}

/// Every GET or HEAD outside the API goes to the app.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/{tail:.*}")
            .guard(guard::Any(guard::Get()).or(guard::Head()))
            .to(serve_app),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_and_skips_external_ones() {
        let html = r#"<script src="/app.js"></script><script type="module">init()</script>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = STANDARD.encode(Sha256::digest(b"init()"));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
    }
}

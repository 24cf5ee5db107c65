//! Serving the built browser app, with an SPA fallback to `index.html`.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The app's files and the CSP hashes of the inline scripts in its `index.html`
/// (Trunk writes a small inline loader; the CSP allows exactly that one).
#[derive(Debug, Clone, Default)]
pub struct SpaAssets {
    pub dir: Option<PathBuf>,
    pub index_html: Option<String>,
    pub script_hashes: Vec<String>,
}

impl SpaAssets {
    pub fn load(dir: Option<&Path>) -> Self {
        let Some(dir) = dir else {
            return Self::default();
        };
        match std::fs::read_to_string(dir.join("index.html")) {
            Ok(index_html) => Self {
                dir: Some(dir.to_owned()),
                script_hashes: inline_script_hashes(&index_html),
                index_html: Some(index_html),
            },
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

async fn index(assets: web::Data<crate::AppState>) -> HttpResponse {
    match &assets.spa.index_html {
        Some(html) => HttpResponse::Ok()
            .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
            .insert_header((header::CACHE_CONTROL, "no-cache"))
            .body(html.clone()),
        None => HttpResponse::ServiceUnavailable()
            .insert_header((header::CONTENT_TYPE, "text/plain; charset=utf-8"))
            .body(
                "The csportal browser app is not built. Run ./scripts/run (or `trunk build --release`) \
and set CSPORTAL_STATIC_DIR to frontend/dist. The API is at /api/v1, its documentation at /api/docs.",
            ),
    }
}

/// Static files when the app is built; `index.html` for every other GET, so deep links work.
pub fn configure(cfg: &mut web::ServiceConfig, assets: &SpaAssets) {
    match &assets.dir {
        Some(dir) => {
            cfg.service(
                actix_files::Files::new("/", dir)
                    .index_file("index.html")
                    .default_handler(web::to(index)),
            );
        }
        None => {
            cfg.service(web::resource("/{tail:.*}").route(web::get().to(index)));
        }
    }
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

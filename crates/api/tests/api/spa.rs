//! The browser app as the server sends it: compressed, cached by content
//! hash, deep links answered with the app, missing files with 404.

use std::time::{Duration, Instant};
use test_support::TestApp;

const BUNDLE: &str = "frontend-0123456789abcdef.js";

struct BuiltApp {
    _dir: tempfile::TempDir,
    app: TestApp,
    bundle: String,
}

async fn app_with_a_built_frontend() -> BuiltApp {
    let dir = tempfile::tempdir().unwrap();
    let bundle: String = (0..2000)
        .map(|i| format!("export function f{i}() {{ return {i}; }}\n"))
        .collect();
    std::fs::write(
        dir.path().join("index.html"),
        format!(r#"<!DOCTYPE html><html><head><script type="module" src="/boot.js" data-js="/{BUNDLE}"></script></head><body></body></html>"#),
    )
    .unwrap();
    std::fs::write(dir.path().join("boot.js"), "import('/x.js');").unwrap();
    std::fs::write(dir.path().join(BUNDLE), &bundle).unwrap();
    let static_dir = dir.path().to_owned();
    let app = TestApp::spawn_with(|config| config.static_dir = Some(static_dir))
        .await
        .unwrap();
    BuiltApp {
        _dir: dir,
        app,
        bundle,
    }
}

/// GETs `url` with `headers`, decoding nothing (reqwest here has no
/// brotli/gzip features): the bytes are the wire's.
async fn fetch(url: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    headers
        .iter()
        .fold(reqwest::Client::new().get(url), |request, (name, value)| {
            request.header(*name, *value)
        })
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_bundle_goes_out_brotli_compressed_and_cached_for_a_year() {
    let built = app_with_a_built_frontend().await;
    let url = built.app.url(&format!("/{BUNDLE}"));
    // Compression runs in the background after start; it takes milliseconds here.
    let deadline = Instant::now() + Duration::from_secs(20);
    let response = loop {
        let response = fetch(&url, &[("accept-encoding", "gzip, deflate, br")]).await;
        if response.headers().get("content-encoding").is_some() || Instant::now() > deadline {
            break response;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-encoding"], "br");
    assert_eq!(headers["vary"], "Accept-Encoding");
    assert_eq!(
        headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .contains("javascript"));
    let compressed = response.bytes().await.unwrap();
    assert!(
        compressed.len() * 5 < built.bundle.len(),
        "{} of {}",
        compressed.len(),
        built.bundle.len()
    );

    // A client that takes only gzip gets gzip; one that takes nothing gets the file.
    let gzip = fetch(&url, &[("accept-encoding", "gzip")]).await;
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    let plain = fetch(&url, &[("accept-encoding", "identity")]).await;
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.text().await.unwrap(), built.bundle);

    // Revalidation with the ETag costs no body.
    let etag = headers["etag"].to_str().unwrap().to_owned();
    let again = fetch(
        &url,
        &[("accept-encoding", "br"), ("if-none-match", etag.as_str())],
    )
    .await;
    assert_eq!(again.status(), 304);
}

#[tokio::test]
async fn deep_links_get_the_app_and_missing_files_a_404() {
    let built = app_with_a_built_frontend().await;
    for path in ["/", "/login", "/installed-products/IP-1"] {
        let response = fetch(&built.app.url(path), &[]).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert!(response.text().await.unwrap().contains(BUNDLE), "{path}");
    }
    let stale = fetch(&built.app.url("/frontend-ffffffffffffffff.js"), &[]).await;
    assert_eq!(stale.status(), 404);
}

#[tokio::test]
async fn api_responses_are_compressed_for_clients_that_ask() {
    let app = TestApp::spawn().await.unwrap();
    let response = fetch(
        &app.url("/api/openapi.json"),
        &[("accept-encoding", "gzip")],
    )
    .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-encoding"], "gzip");
}

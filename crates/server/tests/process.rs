//! The `csportal` binary as an operator runs it: start on an empty folder,
//! refuse bad settings with a message, stop cleanly on SIGTERM.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::server_process::{csportal, ServerProcess};
use std::time::Duration;

/// `/readyz` on `server` answers 200: migrated and serving.
async fn assert_ready(http: &reqwest::Client, server: &ServerProcess) {
    let ready = http
        .get(server.url("/readyz"))
        .send()
        .await
        .expect("readyz");
    assert_eq!(ready.status(), 200);
}

/// `POST /api/v1/auth/login` on `server`.
async fn log_in(
    http: &reqwest::Client,
    server: &ServerProcess,
    username: &str,
    password: &str,
) -> reqwest::Response {
    http.post(server.url("/api/v1/auth/login"))
        .json(&serde_json::json!({ "username": username, "password": password }))
        .send()
        .await
        .expect("login")
}

#[tokio::test]
async fn serve_demo_on_an_empty_folder_migrates_seeds_and_stops_on_sigterm() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut server = ServerProcess::start_with(csportal(data.path()), &["serve", "--demo"]);
    let http = reqwest::Client::new();

    assert_ready(&http, &server).await;
    assert!(
        data.path().join("csportal.db").is_file(),
        "no SQLite file under the data folder"
    );

    // The demo data was seeded into the empty database: a demo login works.
    let login = log_in(&http, &server, "nl.manager", "Welcome-2026").await;
    assert_eq!(login.status(), 200);
    let request_id = login
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .expect("x-request-id header")
        .to_owned();

    let exit = server
        .terminate(Duration::from_secs(30))
        .expect("csportal stops within 30 s of SIGTERM");
    assert!(exit.success(), "exit status {exit:?}\n{}", server.output());
    let output = server.output();
    assert!(output.contains("csportal stopped"), "{output}");
    // Logs are JSON lines, and the request's line carries the id the client saw.
    let request_line = output
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|entry| entry.to_string().contains(&request_id));
    assert!(
        request_line.is_some(),
        "no JSON log line with request id {request_id}:\n{output}"
    );
}

#[test]
fn a_bad_setting_stops_the_start_with_a_message_naming_it() {
    let data = tempfile::tempdir().expect("tempdir");
    for (name, value) in [
        ("CSPORTAL_JWT_SECRET", "too-short"),
        // 41 bytes, but a phrase a person chose: guessable offline from any token.
        (
            "CSPORTAL_JWT_SECRET",
            "correct horse battery staple on the roof",
        ),
        ("CSPORTAL_SESSION_HOURS", "half a day"),
        ("CSPORTAL_SECURE_COOKIES", "perhaps"),
        ("CSPORTAL_ACCESS_TOKEN_TTL_SECONDS", "fifteen minutes"),
    ] {
        let out = csportal(data.path())
            .env(name, value)
            .arg("serve")
            .output()
            .expect("csportal runs");
        assert!(!out.status.success(), "{name}={value} was accepted");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(name),
            "the message does not name {name}: {stderr}"
        );
    }
}

#[tokio::test]
async fn serve_without_demo_creates_nothing_but_the_schema() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut server = ServerProcess::start(csportal(data.path()));
    let http = reqwest::Client::new();
    assert_ready(&http, &server).await;
    for demo_user in ["nl.manager", "admin", "service"] {
        let login = log_in(&http, &server, demo_user, "Welcome-2026").await;
        assert_eq!(login.status(), 401, "{demo_user} exists without --demo");
    }
    let exit = server
        .terminate(Duration::from_secs(30))
        .expect("csportal stops within 30 s of SIGTERM");
    assert!(exit.success(), "exit status {exit:?}\n{}", server.output());
    assert!(
        !server.output().contains("demo data loaded"),
        "{}",
        server.output()
    );
}

#[tokio::test]
async fn serve_names_the_countries_whose_products_have_no_contact_centre() {
    let data = tempfile::tempdir().expect("tempdir");
    let seeded = csportal(data.path())
        .args(["seed", "--demo"])
        .output()
        .expect("seed runs");
    assert!(seeded.status.success());
    // Demo data, but started as a real installation: no invented numbers.
    let mut server = ServerProcess::start(csportal(data.path()));
    let warned = server
        .output()
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|entry| entry["fields"]["event"] == "no_contact_centre")
        .unwrap_or_else(|| panic!("no warning:\n{}", server.output()));
    let countries = warned["fields"]["countries"].as_str().unwrap_or_default();
    assert!(
        countries.contains("NL") && countries.contains("DK"),
        "{countries}"
    );
    server
        .terminate(Duration::from_secs(30))
        .expect("csportal stops");

    // With --demo the demo's numbers are used, and nothing is missing.
    let mut demo = ServerProcess::start_with(csportal(data.path()), &["serve", "--demo"]);
    assert!(
        !demo.output().contains("no_contact_centre"),
        "{}",
        demo.output()
    );
    demo.terminate(Duration::from_secs(30))
        .expect("csportal stops");
}

#[tokio::test]
async fn admin_create_starts_a_real_installation_with_a_single_use_link() {
    let data = tempfile::tempdir().expect("tempdir");
    let create = |username: &str, email: &str| {
        csportal(data.path())
            .env("CSPORTAL_PUBLIC_URL", "https://portal.example")
            .args([
                "admin",
                "create",
                "--username",
                username,
                "--name",
                "First Admin",
            ])
            .args(["--email", email])
            .output()
            .expect("csportal runs")
    };
    let bad = create("first.admin", "not-an-address");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--email"));

    let created = create("first.admin", "first.admin@hospital.example");
    let stdout = String::from_utf8_lossy(&created.stdout).into_owned();
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let token = stdout
        .split("https://portal.example/activate#token=")
        .nth(1)
        .map(str::trim)
        .unwrap_or_else(|| panic!("no link in {stdout}"))
        .to_owned();
    let taken = create("first.admin", "other@hospital.example");
    assert!(String::from_utf8_lossy(&taken.stderr).contains("taken"));

    let mut server = ServerProcess::start(csportal(data.path()));
    let http = reqwest::Client::new();
    let set = |token: String| {
        http.post(server.url("/api/v1/auth/links/set-password"))
            .json(&serde_json::json!({"token": token, "new_password": "Tulip-Harbour-2026!"}))
            .send()
    };
    assert_eq!(set(token.clone()).await.expect("set").status(), 204);
    assert_eq!(
        set(token).await.expect("set").status(),
        410,
        "the link works once"
    );
    let login = log_in(&http, &server, "first.admin", "Tulip-Harbour-2026!").await;
    // Outside demo mode staff enrol a second factor before their first session.
    assert_eq!(login.status(), 403);
    let problem: serde_json::Value = login.json().await.expect("problem");
    assert_eq!(problem["code"], "mfa_enrollment_required", "{problem}");
    assert!(problem["restricted_token"].is_string(), "{problem}");
    server.terminate(Duration::from_secs(30)).expect("stops");
}

#[tokio::test]
async fn a_public_https_address_turns_hsts_on() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut behind_tls = csportal(data.path());
    behind_tls.env("CSPORTAL_PUBLIC_URL", "https://portal.example");
    let mut server = ServerProcess::start(behind_tls);
    let answer = reqwest::get(server.url("/readyz")).await.expect("readyz");
    let hsts = answer
        .headers()
        .get("strict-transport-security")
        .map(|v| v.to_str().unwrap_or_default().to_owned());
    assert!(
        hsts.as_deref().is_some_and(|v| v.contains("max-age=")),
        "{hsts:?}"
    );
    server.terminate(Duration::from_secs(30)).expect("stops");

    // Plain http (a laptop, the demo) does not pin browsers to https.
    let data = tempfile::tempdir().expect("tempdir");
    let mut server = ServerProcess::start(csportal(data.path()));
    let answer = reqwest::get(server.url("/readyz")).await.expect("readyz");
    assert!(answer.headers().get("strict-transport-security").is_none());
    server.terminate(Duration::from_secs(30)).expect("stops");
}

#[test]
fn seed_demo_fills_an_empty_database_only() {
    let data = tempfile::tempdir().expect("tempdir");
    let first = csportal(data.path())
        .args(["seed", "--demo"])
        .output()
        .expect("seed runs");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stdout).contains("nl.manager"));

    let second = csportal(data.path())
        .args(["seed", "--demo"])
        .output()
        .expect("seed runs");
    assert!(!second.status.success(), "demo data was loaded twice");
    assert!(String::from_utf8_lossy(&second.stderr).contains("already holds accounts"));
}

#[test]
fn an_unreachable_database_is_reported_without_its_password() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = csportal(data.path())
        .env(
            "DATABASE_URL",
            "postgres://portal:s3cret-pw@127.0.0.1:1/csportal",
        )
        .arg("migrate")
        .output()
        .expect("csportal runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot open the database"), "{stderr}");
    assert!(
        !stderr.contains("s3cret-pw"),
        "the password leaked: {stderr}"
    );
}

#[tokio::test]
async fn generated_keys_go_to_the_keys_folder_apart_from_the_data() {
    let data = tempfile::tempdir().expect("tempdir");
    let keys = tempfile::tempdir().expect("tempdir");
    let mut command = csportal(data.path());
    command.env("CSPORTAL_KEYS_DIR", keys.path());
    let mut server = ServerProcess::start(command);
    let ready = reqwest::get(server.url("/readyz")).await.expect("readyz");
    assert_eq!(ready.status(), 200);
    server.terminate(Duration::from_secs(30)).expect("stops");
    for key in ["jwt-secret", "data-key"] {
        assert!(
            keys.path().join(key).is_file(),
            "{key} not in the keys folder"
        );
        assert!(!data.path().join(key).exists(), "{key} beside the database");
    }
}

#[test]
fn the_import_command_checks_an_accounts_file_and_names_a_broken_workbook() {
    let data = tempfile::tempdir().expect("tempdir");
    let file = data.path().join("accounts.csv");
    std::fs::write(
        &file,
        "parent_account,source_id,parent,name,kind,country,city,address,market\n\
         ZZH-1000,ZZH-1001,ZZH-1000,ZZH Lelystad,site,NL,Lelystad,,\n\
         ZZH-1000,ZZH-1000,,Zuiderzee Ziekenhuis,hospital_group,NL,,,\n",
    )
    .expect("file written");
    let checked = csportal(data.path())
        .args(["import", "accounts", "--dry-run"])
        .arg(&file)
        .output()
        .expect("import runs");
    let out = String::from_utf8_lossy(&checked.stdout);
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    assert!(
        out.contains("2 rows: would import (nothing stored): 2 created"),
        "{out}"
    );

    // A zip file that is no workbook is named as such, not read as CSV.
    let broken = data.path().join("accounts.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not a workbook").expect("file written");
    let refused = csportal(data.path())
        .args(["import", "accounts"])
        .arg(&broken)
        .output()
        .expect("import runs");
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("not a readable xlsx workbook"), "{err}");
}

use api_types::{
    AttachmentTypeDto, CaseDetail, CaseKindDto, CaseStatusDto, ProblemCode, ProblemDetails,
};
use chrono::{Datelike, Timelike};
use persistence::repositories::{attachments, audit};
use std::io::{Read, Write};
use test_support::multipart::{self, BOUNDARY};
use test_support::{expect_json, expect_problem_code, TestApp};

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
const PDF: &[u8] =
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const HEIC: &[u8] = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
/// The browser sends a file's part without knowing its type.
fn multipart(files: &[(&str, &[u8])]) -> Vec<u8> {
    multipart::files(files, "application/octet-stream")
}

async fn new_case(app: &TestApp, token: &str) -> CaseDetail {
    app.case("IP-40010002")
        .kind(CaseKindDto::PartIdRequest)
        .description("Part ID request: which cable is this?")
        .create(token)
        .await
}

/// An app configured by `configure`, nl.user's token and a new case of theirs.
async fn user_with_case(
    configure: impl FnOnce(&mut api::ApiConfig),
) -> (TestApp, String, CaseDetail) {
    let app = TestApp::spawn_with(configure).await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let case = new_case(&app, &token).await;
    (app, token, case)
}

async fn upload(
    app: &TestApp,
    token: &str,
    case: &CaseDetail,
    files: &[(&str, &[u8])],
) -> reqwest::Response {
    upload_body(app, token, case, multipart(files)).await
}

/// POSTs `body` as it is to `case`'s attachments, declared as multipart.
async fn upload_body(
    app: &TestApp,
    token: &str,
    case: &CaseDetail,
    body: Vec<u8>,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/cases/{}/attachments", case.summary.id)))
        .bearer_auth(token)
        .header("content-type", multipart::content_type())
        .body(body)
        .send()
        .await
        .unwrap()
}

/// Uploads `files` to `case`; fails the test unless they are refused with
/// `status` and the problem `code`.
async fn upload_refused(
    app: &TestApp,
    token: &str,
    case: &CaseDetail,
    files: &[(&str, &[u8])],
    status: u16,
    code: ProblemCode,
) -> ProblemDetails {
    expect_problem_code(upload(app, token, case, files).await, status, code).await
}

/// The address of all of `case`'s attachments as one zip.
fn zip_path(case: &CaseDetail) -> String {
    format!("/api/v1/cases/{}/attachments.zip", case.summary.id)
}

/// Uploads `files` to `case`; fails the test unless they are stored (201).
async fn uploaded(
    app: &TestApp,
    token: &str,
    case: &CaseDetail,
    files: &[(&str, &[u8])],
) -> CaseDetail {
    expect_json(upload(app, token, case, files).await, 201).await
}

/// The value of the header `name` in `response`.
fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response.headers()[name].to_str().unwrap()
}

fn files_kept(app: &TestApp) -> usize {
    app.blob_files().len()
}

async fn assert_nothing_stored(app: &TestApp, case: &CaseDetail) {
    assert_eq!(app.blob_files(), Vec::<std::path::PathBuf>::new());
    let rows = attachments::of_case(&app.db, domain::CaseId::from_uuid(case.summary.id))
        .await
        .unwrap();
    assert!(rows.is_empty());
}

#[tokio::test]
async fn photos_and_pdfs_are_stored_listed_and_downloaded_safely() {
    let (app, token, case) = user_with_case(|_| {}).await;
    let files = [
        ("connector.png", PNG),
        ("../../scans/form.pdf", PDF),
        ("IMG_1.HEIC", HEIC),
    ];
    let updated = uploaded(&app, &token, &case, &files).await;
    assert_eq!(updated.version, case.version + 1);
    let names: Vec<&str> = updated
        .attachments
        .iter()
        .map(|a| a.file_name.as_str())
        .collect();
    assert_eq!(names, ["connector.png", "form.pdf", "IMG_1.HEIC"]);
    let png = &updated.attachments[0];
    assert_eq!(png.file_type, AttachmentTypeDto::Png);
    assert_eq!(png.size_bytes, PNG.len() as u64);
    assert_eq!(png.uploaded_by, "Bram Jansen");
    assert!(
        updated.attachments[2].preview_url.is_none(),
        "browsers cannot show HEIC"
    );

    let download = app.get(&png.download_url, &token).await;
    assert_eq!(download.status(), 200);
    assert_eq!(header(&download, "content-type"), "image/png");
    assert_eq!(header(&download, "x-content-type-options"), "nosniff");
    assert!(header(&download, "content-disposition").starts_with("attachment;"));
    assert!(header(&download, "content-security-policy").contains("sandbox"));
    assert_eq!(download.bytes().await.unwrap().as_ref(), PNG);

    let preview = app.get(png.preview_url.as_deref().unwrap(), &token).await;
    assert!(header(&preview, "content-disposition").starts_with("inline"));
    let heic = &updated.attachments[2].download_url;
    let heic_inline = app.get(&format!("{heic}?disposition=inline"), &token).await;
    assert!(header(&heic_inline, "content-disposition").starts_with("attachment"));

    let entries = audit::for_entity(&app.db, "case", &case.summary.id.to_string())
        .await
        .unwrap();
    assert_eq!(
        entries
            .iter()
            .filter(|e| e.action == "case.attachment.add")
            .count(),
        3
    );
}

#[tokio::test]
async fn the_whole_case_downloads_as_one_zip() {
    let (app, token, case) = user_with_case(|_| {}).await;
    let files = [("a.png", PNG), ("a.png", PNG), ("b.pdf", PDF)];
    let updated = uploaded(&app, &token, &case, &files).await;
    let zip_url = zip_path(&case);
    let response = app.get(&zip_url, &token).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/zip");
    let disposition = header(&response, "content-disposition").to_owned();
    assert!(disposition.contains(&case.summary.number), "{disposition}");
    let bytes = response.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, ["01-a.png", "02-a.png", "03-b.pdf"]);
    let mut pdf = Vec::new();
    archive
        .by_name("03-b.pdf")
        .unwrap()
        .read_to_end(&mut pdf)
        .unwrap();
    assert_eq!(pdf, PDF);
    // Zip times carry no zone: they are the downloader's wall clock.
    let uploaded_at = updated.attachments[2].uploaded_at.with_timezone(
        &domain::TimeZoneName::parse("Europe/Amsterdam")
            .unwrap()
            .tz(),
    );
    let stamped = archive
        .by_name("03-b.pdf")
        .unwrap()
        .last_modified()
        .unwrap();
    assert_eq!(
        (stamped.day(), stamped.hour(), stamped.minute()),
        (
            uploaded_at.day() as u8,
            uploaded_at.hour() as u8,
            uploaded_at.minute() as u8
        )
    );

    let one = format!("{zip_url}?ids={}", updated.attachments[2].id);
    let bytes = app.get(&one, &token).await.bytes().await.unwrap();
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(archive.len(), 1);
    let foreign = format!("{zip_url}?ids={}", uuid::Uuid::new_v4());
    assert_eq!(app.get(&foreign, &token).await.status(), 404);
    let garbage = format!("{zip_url}?ids=../etc");
    assert_eq!(app.get(&garbage, &token).await.status(), 400);
}

#[tokio::test]
async fn a_file_that_is_not_a_photo_or_pdf_is_refused_by_its_content() {
    let (app, token, case) = user_with_case(|_| {}).await;
    let html = b"<html><body><script>alert(document.cookie)</script></body></html>".as_slice();
    let unsupported = ProblemCode::UnsupportedFileType;
    let p = upload_refused(
        &app,
        &token,
        &case,
        &[("photo.jpg", html)],
        415,
        unsupported,
    )
    .await;
    assert!(p.detail.contains("photo.jpg"));
    // A good file beside a bad one: neither is kept.
    let exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff".as_slice();
    let files = [("ok.png", PNG), ("x.pdf", exe)];
    upload_refused(&app, &token, &case, &files, 415, unsupported).await;
    assert_nothing_stored(&app, &case).await;
}

#[tokio::test]
async fn empty_and_oversized_files_are_refused_and_nothing_is_kept() {
    let (app, token, case) = user_with_case(|c| c.max_attachment_bytes = 1024).await;
    let mut big = PDF.to_vec();
    big.resize(4096, b' ');
    for (name, content, status, code) in [
        ("empty.pdf", b"".as_slice(), 422, ProblemCode::EmptyFile),
        ("big.pdf", &big, 413, ProblemCode::PayloadTooLarge),
    ] {
        upload_refused(&app, &token, &case, &[(name, content)], status, code).await;
    }

    // A declared length far beyond the limit is refused before the body is read.
    let response = upload_body(&app, &token, &case, vec![b'x'; 200_000]).await;
    assert_eq!(response.status(), 413);

    upload_refused(&app, &token, &case, &[], 422, ProblemCode::ValidationFailed).await;
    assert_nothing_stored(&app, &case).await;
}

#[tokio::test]
async fn a_client_that_disconnects_mid_upload_leaves_nothing() {
    let (app, token, case) = user_with_case(|_| {}).await;
    let mut body = multipart(&[("scan.pdf", &[PDF, &vec![b' '; 200_000]].concat())]);
    let total = body.len();
    body.truncate(total / 2);
    let address = app.address.trim_start_matches("http://").to_owned();
    let path = format!("/api/v1/cases/{}/attachments", case.summary.id);
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {total}\r\n\r\n"
    );
    tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(&body).unwrap();
        stream.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        // Gone without the rest of the body.
    })
    .await
    .unwrap();
    // The server notices the broken connection and cleans up.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !app.blob_files().is_empty() && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_nothing_stored(&app, &case).await;
    let detail: CaseDetail = app
        .get_json(&format!("/api/v1/cases/{}", case.summary.id), &token)
        .await;
    assert_eq!(detail.version, case.version, "the case did not change");
}

#[tokio::test]
async fn viewers_closed_cases_and_other_parents_are_refused() {
    let (app, user, case) = user_with_case(|_| {}).await;
    let stored = uploaded(&app, &user, &case, &[("a.png", PNG)]).await;
    let attachment = &stored.attachments[0];

    // Viewers may look but add nothing; another parent account does neither.
    let viewer = app.tokens_for("nl.viewer").await.access_token;
    let danish = app.tokens_for("dk.manager").await.access_token;
    for (token, refused, code, download, why) in [
        (
            &viewer,
            403,
            ProblemCode::Forbidden,
            200,
            "viewers may look",
        ),
        (
            &danish,
            404,
            ProblemCode::NotFound,
            404,
            "nor may other parents",
        ),
    ] {
        upload_refused(&app, token, &case, &[("b.png", PNG)], refused, code).await;
        let looked = app.get(&attachment.download_url, token).await;
        assert_eq!(looked.status(), download, "{why}");
    }
    assert_eq!(app.get(&zip_path(&case), &danish).await.status(), 404);
    // An attachment id under another case's address is missing too.
    let other = new_case(&app, &user).await;
    let crossed = format!(
        "/api/v1/cases/{}/attachments/{}",
        other.summary.id, attachment.id
    );
    assert_eq!(app.get(&crossed, &user).await.status(), 404);

    let service = app.tokens_for("service").await.access_token;
    let response = app
        .move_case_status(&service, &stored, CaseStatusDto::Closed)
        .await;
    assert_eq!(response.status(), 200);
    let closed = ProblemCode::CaseClosed;
    upload_refused(&app, &user, &case, &[("late.png", PNG)], 409, closed).await;
}

#[tokio::test]
async fn housekeeping_removes_orphaned_files_and_keeps_named_ones() {
    let (app, token, case) = user_with_case(|_| {}).await;
    let stored = uploaded(&app, &token, &case, &[("a.png", PNG)]).await;
    // A blob whose row never came (a crash between the rename and the commit).
    let store = persistence::BlobStore::open(app.blobs_dir.path()).unwrap();
    let mut orphan = store.begin().await.unwrap();
    orphan.write(PDF).await.unwrap();
    orphan.finish(&store).await.unwrap();
    assert_eq!(files_kept(&app), 2);

    let known = attachments::all_storage_keys(&app.db).await.unwrap();
    assert_eq!(store.sweep(&known, std::time::Duration::ZERO).unwrap(), 1);
    assert_eq!(files_kept(&app), 1);
    let download = app.get(&stored.attachments[0].download_url, &token).await;
    assert_eq!(download.bytes().await.unwrap().as_ref(), PNG);
}

#[tokio::test]
async fn a_bench_repair_case_offers_its_form_filled_in() {
    let (app, token) = TestApp::spawn_signed_in("nl.user").await.unwrap();
    let case = app
        .case("IP-40010002")
        .description("ECG trigger unit gives no signal")
        .bench_repair("ECG trigger unit", "ECG-55102")
        .create(&token)
        .await;
    let form_url = format!("/api/v1/cases/{}/bench-repair-form.pdf", case.summary.id);
    let response = app.get(&form_url, &token).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let pdf = response.bytes().await.unwrap();
    let text = pdf_text(&pdf);
    for expected in [
        case.summary.number.as_str(),
        "IP-40010002",
        "SN40010002",
        "ECG-55102",
        case.summary.account.name.as_str(),
    ] {
        assert!(text.contains(expected), "{expected} is not on the form");
    }
    // nl.user reads Dutch.
    assert!(text.contains("Handtekening"));

    // Signed and scanned, it goes back as an attachment.
    let back = upload(&app, &token, &case, &[("signed-form.pdf", &pdf)]).await;
    assert_eq!(back.status(), 201);

    let other = new_case(&app, &token).await;
    let url = format!("/api/v1/cases/{}/bench-repair-form.pdf", other.summary.id);
    assert_eq!(
        app.get(&url, &token).await.status(),
        404,
        "not a bench repair"
    );
    let danish = app.tokens_for("dk.manager").await.access_token;
    assert_eq!(app.get(&form_url, &danish).await.status(), 404);
}

/// The text of a PDF's strings: literal `(...)` ones as they are, hex
/// `<...>` ones decoded (WinAnsi as Latin-1, enough for these checks).
fn pdf_text(pdf: &[u8]) -> String {
    let raw = String::from_utf8_lossy(pdf);
    let mut text = raw.to_string();
    for hex in raw
        .split('<')
        .skip(1)
        .filter_map(|s| s.split_once('>').map(|(h, _)| h))
    {
        if hex.len() % 2 == 0 && !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let decoded: String = (0..hex.len())
                .step_by(2)
                .filter_map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok())
                .map(char::from)
                .collect();
            text.push('\n');
            text.push_str(&decoded);
        }
    }
    text
}

#[tokio::test]
async fn parts_not_named_file_are_ignored_up_to_64_kib_and_refused_beyond() {
    let (app, token, case) = user_with_case(|_| {}).await;
    let with_extra = |extra: usize| {
        let mut body = format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n{}\r\n",
            "x".repeat(extra)
        )
        .into_bytes();
        body.extend(multipart(&[("connector.png", PNG)]));
        body
    };
    let small = upload_body(&app, &token, &case, with_extra(1000)).await;
    let stored: CaseDetail = expect_json(small, 201).await;
    assert_eq!(stored.attachments.len(), 1);
    let large = upload_body(&app, &token, &case, with_extra(1024 * 1024)).await;
    expect_problem_code(large, 400, ProblemCode::InvalidUpload).await;
    assert_eq!(files_kept(&app), 1, "nothing more is kept");
}

#[tokio::test]
async fn a_case_and_a_customer_hold_attachments_up_to_their_quota_also_under_concurrent_uploads() {
    let png = PNG.len() as u64;
    let (app, token, case) = user_with_case(|c| {
        c.case_attachment_quota_bytes = 3 * png;
        c.parent_attachment_quota_bytes = 5 * png;
    })
    .await;
    // Eight at once for room of three: exactly three fit.
    let answers = futures_util::future::join_all(
        (0..8).map(|_| upload(&app, &token, &case, &[("p.png", PNG)])),
    )
    .await;
    let stored = answers.iter().filter(|a| a.status() == 201).count();
    assert_eq!(
        stored,
        3,
        "{:?}",
        answers.iter().map(|a| a.status()).collect::<Vec<_>>()
    );
    for answer in answers.into_iter().filter(|a| a.status() != 201) {
        expect_problem_code(answer, 413, ProblemCode::AttachmentQuotaExceeded).await;
    }
    // The customer's room (five) runs out on another case.
    let other = new_case(&app, &token).await;
    uploaded(&app, &token, &other, &[("a.png", PNG), ("b.png", PNG)]).await;
    let over = upload(&app, &token, &other, &[("c.png", PNG)]).await;
    expect_problem_code(over, 413, ProblemCode::AttachmentQuotaExceeded).await;
    assert_eq!(files_kept(&app), 5, "refused files are not kept");
}

#[tokio::test]
async fn zips_beyond_the_concurrent_limit_wait_with_a_503_and_retry_after() {
    let (app, token, case) = user_with_case(|c| c.max_concurrent_zips = 1).await;
    uploaded(&app, &token, &case, &[("p.png", PNG)]).await;
    let zip_url = zip_path(&case);
    // Another download holds the one slot.
    let busy = app.state.zip_slots.clone().try_acquire_owned().unwrap();
    let refused = app.get(&zip_url, &token).await;
    assert!(refused.headers().get("retry-after").is_some());
    expect_problem_code(refused, 503, ProblemCode::ServiceUnavailable).await;
    drop(busy);
    assert_eq!(app.get(&zip_url, &token).await.status(), 200);
}

#[tokio::test]
async fn a_zip_is_written_while_it_is_sent_and_holds_its_slot_until_the_end() {
    let (app, token, case) = user_with_case(|c| c.max_concurrent_zips = 1).await;
    // More than the pipe and the sockets hold, so the writer must wait for the reader.
    let mut big = PDF.to_vec();
    big.resize(20 * 1024 * 1024, b' ');
    uploaded(&app, &token, &case, &[("scan.pdf", &big)]).await;
    let zip_url = zip_path(&case);

    let sending = app.get(&zip_url, &token).await;
    assert_eq!(sending.status(), 200);
    assert!(
        sending.headers().get("content-length").is_none(),
        "the length is not known before the zip is written"
    );
    // Unread, the first download is still being written: it keeps the slot.
    let refused = app.get(&zip_url, &token).await;
    expect_problem_code(refused, 503, ProblemCode::ServiceUnavailable).await;

    let bytes = sending.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut scan = Vec::new();
    archive
        .by_name("01-scan.pdf")
        .unwrap()
        .read_to_end(&mut scan)
        .unwrap();
    assert!(scan == big, "the file comes out as it went in");
    // The body ends only after the writer has let go of the slot.
    assert_eq!(app.get(&zip_url, &token).await.status(), 200);
}

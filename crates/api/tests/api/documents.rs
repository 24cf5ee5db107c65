//! Customer facing documents: published by the service side on a case, a
//! visit or a product; read by whoever sees the product, performance
//! reports only while a contract entitles it; several as one zip.

use api_types::{DocumentDto, DocumentKindDto, DocumentPage, ProblemCode, UploadedDocuments};
use sha2::{Digest, Sha256};
use std::io::Read;
use test_support::multipart;
use test_support::{expect_json, expect_problem_code, TestApp};

fn pdf(title: &str) -> Vec<u8> {
    persistence::seed::simple_pdf(&[title])
}

fn multipart(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    multipart::files(files, "application/pdf")
}

/// POSTs `files` to `/documents?{query}` as `token`.
async fn publish_as(
    app: &TestApp,
    token: &str,
    query: &str,
    files: &[(&str, Vec<u8>)],
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/documents?{query}")))
        .bearer_auth(token)
        .header("content-type", multipart::content_type())
        .body(multipart(files))
        .send()
        .await
        .unwrap()
}

/// Publishes `files` of `kind` on demo product `number` as the service side.
async fn on_product(
    app: &TestApp,
    kind: &str,
    number: &str,
    files: &[(&str, Vec<u8>)],
) -> Vec<DocumentDto> {
    let service = app.tokens_for("service").await.access_token;
    let query = format!(
        "kind={kind}&installed_product_id={}",
        app.demo.product(number).id.as_uuid()
    );
    let stored: UploadedDocuments =
        expect_json(publish_as(app, &service, &query, files).await, 201).await;
    stored.items
}

async fn listed(app: &TestApp, token: &str, query: &str) -> Vec<DocumentDto> {
    let page: DocumentPage = app
        .get_json(&format!("/api/v1/documents?{query}"), token)
        .await;
    page.items
}

#[tokio::test]
async fn a_service_report_on_a_case_is_listed_previewed_and_downloaded_by_the_customer() {
    let (app, sink) = TestApp::spawn_with_mail().await.unwrap();
    let user = app.tokens_for("nl.user").await.access_token;
    let case = app
        .case("IP-40010002")
        .description("Table does not move")
        .create(&user)
        .await;
    // The case's own emails first, to tell them apart.
    let before = app.deliver_mail(&sink, 1).await.len();
    let service = app.tokens_for("service").await.access_token;
    let bytes = pdf("Customer Service Receipt");
    let query = format!("kind=service_receipt&case_id={}", case.summary.id);
    let stored: UploadedDocuments = expect_json(
        publish_as(&app, &service, &query, &[("CSR 1.pdf", bytes.clone())]).await,
        201,
    )
    .await;
    let document = &stored.items[0];
    assert_eq!(document.kind, DocumentKindDto::ServiceReceipt);
    assert_eq!(
        document.case_number.as_deref(),
        Some(case.summary.number.as_str())
    );
    assert_eq!(document.sha256, hex(&Sha256::digest(&bytes)));

    let mine = listed(&app, &user, &format!("case={}", case.summary.id)).await;
    assert_eq!(mine.len(), 1);
    let preview = app
        .get(mine[0].preview_url.as_deref().unwrap(), &user)
        .await;
    assert_eq!(preview.status(), 200);
    assert_eq!(preview.headers()["content-type"], "application/pdf");
    assert!(preview.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("inline"));
    let download = app.get(&mine[0].download_url, &user).await;
    assert!(download.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(download.bytes().await.unwrap().as_ref(), bytes.as_slice());

    // The customers who see the product (manager, user, viewer) hear of
    // it, each once, in their language (Dutch).
    let mails = app.deliver_mail(&sink, before + 3).await;
    let news: Vec<_> = mails
        .iter()
        .filter(|m| m.subject().starts_with("Nieuw document voor IP-40010002"))
        .collect();
    let mut to: Vec<String> = news.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    to.dedup();
    assert_eq!(to.len(), news.len(), "nobody twice: {to:?}");
    let subjects: Vec<String> = mails.iter().map(|m| m.subject()).collect();
    assert!(
        to.len() >= 3,
        "the manager, user and viewer: {to:?} of {subjects:?}"
    );
    assert!(news
        .iter()
        .all(|m| m.body().contains("/documents?installed_product=")));
    let audit =
        persistence::repositories::audit::for_entity(&app.db, "document", &document.id.to_string())
            .await
            .unwrap();
    assert_eq!(audit.len(), 1, "the upload is audited");
}

#[tokio::test]
async fn a_performance_report_shows_only_where_a_contract_entitles_the_product() {
    let app = TestApp::spawn().await.unwrap();
    let user = app.tokens_for("nl.user").await.access_token;
    // The premium MR line includes the reports; the CT lease does not.
    let entitled = on_product(
        &app,
        "performance_report",
        "IP-40010001",
        &[("mr-q3.pdf", pdf("MR Q3"))],
    )
    .await;
    let not_entitled = on_product(
        &app,
        "performance_report",
        "IP-40010004",
        &[("ct-q3.pdf", pdf("CT Q3"))],
    )
    .await;
    let seen = listed(&app, &user, "kind=performance_report").await;
    assert_eq!(
        seen.iter().map(|d| d.id).collect::<Vec<_>>(),
        vec![entitled[0].id]
    );
    let hidden = format!("/api/v1/documents/{}", not_entitled[0].id);
    assert_eq!(app.get(&hidden, &user).await.status(), 404);
    assert_eq!(
        app.get(&format!("{hidden}/file"), &user).await.status(),
        404
    );
    // The service side sees both.
    let service = app.tokens_for("service").await.access_token;
    assert_eq!(
        listed(&app, &service, "kind=performance_report")
            .await
            .len(),
        2
    );
    // Once the lease's line includes the reports, the customer sees it too.
    persistence::raw_sql::execute(
        &app.db,
        "UPDATE contract_lines SET performance_reports = true WHERE description = 'Leased CT, Lindenhaven'",
    )
    .await
    .unwrap();
    assert_eq!(app.get(&hidden, &user).await.status(), 200);
}

#[tokio::test]
async fn another_customers_document_answers_404_everywhere() {
    let app = TestApp::spawn().await.unwrap();
    let dutch = on_product(
        &app,
        "product_documentation",
        "IP-40010001",
        &[("manual.pdf", pdf("Manual"))],
    )
    .await;
    let danish = app.tokens_for("dk.user").await.access_token;
    let path = format!("/api/v1/documents/{}", dutch[0].id);
    assert_eq!(app.get(&path, &danish).await.status(), 404);
    assert_eq!(
        app.get(&format!("{path}/file"), &danish).await.status(),
        404
    );
    let zip = format!("/api/v1/documents.zip?ids={}", dutch[0].id);
    assert_eq!(app.get(&zip, &danish).await.status(), 404);
    assert!(listed(&app, &danish, "").await.is_empty());
    // Nor may a customer publish, even on their own product.
    let dk_product = app.demo.product("IP-40020002").id.as_uuid();
    let refused = publish_as(
        &app,
        &danish,
        &format!("kind=product_documentation&installed_product_id={dk_product}"),
        &[("mine.pdf", pdf("Mine"))],
    )
    .await;
    assert_eq!(refused.status(), 403);
}

#[tokio::test]
async fn several_documents_download_as_one_zip_with_a_sha256_manifest() {
    let app = TestApp::spawn().await.unwrap();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("manual.pdf", pdf("Operator manual")),
        ("manual.pdf", pdf("Service manual")),
        ("planning.pdf", pdf("Site planning")),
    ];
    let stored = on_product(&app, "product_documentation", "IP-40010001", &files).await;
    let user = app.tokens_for("nl.user").await.access_token;
    let ids: Vec<String> = stored.iter().map(|d| d.id.to_string()).collect();
    let answer = app
        .get(
            &format!("/api/v1/documents.zip?ids={}", ids.join(",")),
            &user,
        )
        .await;
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["content-type"], "application/zip");
    assert!(
        answer.headers().get("content-length").is_none(),
        "streamed, not built whole first"
    );
    let bytes = answer.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    assert_eq!(
        names,
        [
            "SHA256SUMS.txt",
            "01-manual.pdf",
            "02-manual.pdf",
            "03-planning.pdf"
        ]
    );
    let mut manifest = String::new();
    archive
        .by_name("SHA256SUMS.txt")
        .unwrap()
        .read_to_string(&mut manifest)
        .unwrap();
    let lines: Vec<&str> = manifest.lines().collect();
    assert_eq!(lines.len(), 3);
    for (line, (_, content)) in lines.iter().zip(&files) {
        let (sum, name) = line.split_once("  ").unwrap();
        let mut entry = Vec::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_end(&mut entry)
            .unwrap();
        assert_eq!(&entry, content, "{name} holds the file as uploaded");
        assert_eq!(sum, hex(&Sha256::digest(&entry)), "{name}'s sum checks out");
    }
    // Bad lists are named, not half-answered.
    for bad in ["", "not-an-id", &format!("{},x", ids[0])] {
        let response = app
            .get(&format!("/api/v1/documents.zip?ids={bad}"), &user)
            .await;
        expect_problem_code(response, 400, ProblemCode::InvalidQuery).await;
    }
}

#[tokio::test]
async fn a_document_goes_only_where_its_kind_belongs() {
    let app = TestApp::spawn().await.unwrap();
    let service = app.tokens_for("service").await.access_token;
    let product = app.demo.product("IP-40010001").id.as_uuid();
    let receipt_on_product = publish_as(
        &app,
        &service,
        &format!("kind=service_receipt&installed_product_id={product}"),
        &[("csr.pdf", pdf("CSR"))],
    )
    .await;
    expect_problem_code(receipt_on_product, 422, ProblemCode::ValidationFailed).await;
    let nowhere = publish_as(&app, &service, "kind=product_documentation", &[]).await;
    expect_problem_code(nowhere, 400, ProblemCode::InvalidQuery).await;
    let unknown_product = publish_as(
        &app,
        &service,
        &format!(
            "kind=product_documentation&installed_product_id={}",
            uuid::Uuid::new_v4()
        ),
        &[("x.pdf", pdf("X"))],
    )
    .await;
    assert_eq!(unknown_product.status(), 404);
    let not_a_pdf = publish_as(
        &app,
        &service,
        &format!("kind=product_documentation&installed_product_id={product}"),
        &[("x.pdf", b"plain text".to_vec())],
    )
    .await;
    assert_eq!(not_a_pdf.status(), 415);
    assert!(
        listed(&app, &service, "").await.is_empty(),
        "nothing was kept"
    );
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

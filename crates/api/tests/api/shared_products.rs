//! A product owned by one customer and located at another (a leased CT
//! scanner): each parent account keeps its own custom details of it.

use api_types::{
    CaseDetail, InstalledProductDetail, InstalledProductPage, UpdateCustomDetailsRequest,
};
use reqwest::Method;
use test_support::{expect_json, TestApp};

/// Owned by MedLease (the leasing company), located at Lindenhaven.
const LEASED_CT: &str = "IP-40010004";

async fn rename(
    app: &TestApp,
    token: &str,
    product: &InstalledProductDetail,
    name: &str,
) -> InstalledProductDetail {
    let body = UpdateCustomDetailsRequest {
        custom_name: Some(name.to_owned()),
        customer_reference: Some(format!("REF {name}")),
        ..Default::default()
    };
    let path = format!("/api/v1/installed-products/{}/custom-details", product.id);
    let response = app
        .json_request(Method::PUT, &path, Some(token), &body)
        .header("If-Match", format!("\"v{}\"", product.version))
        .send()
        .await
        .unwrap();
    expect_json(response, 200).await
}

async fn detail(app: &TestApp, token: &str) -> InstalledProductDetail {
    let id = app.demo.product(LEASED_CT).id;
    app.get_json(&format!("/api/v1/installed-products/{id}"), token)
        .await
}

async fn names_found(app: &TestApp, token: &str, query: &str) -> Vec<Option<String>> {
    let page: InstalledProductPage = app
        .get_json(&format!("/api/v1/installed-products?{query}"), token)
        .await;
    page.items
        .into_iter()
        .filter(|p| p.number == LEASED_CT)
        .map(|p| p.custom_name)
        .collect()
}

#[tokio::test]
async fn each_parent_account_names_a_shared_product_for_itself_and_sees_only_its_own_name() {
    let app = TestApp::spawn().await.unwrap();
    let hospital = app.tokens_for("nl.manager").await.access_token;
    let lessor = app.tokens_for("lease.manager").await.access_token;

    let renamed = rename(
        &app,
        &hospital,
        &detail(&app, &hospital).await,
        "CT Cardio 2",
    )
    .await;
    assert_eq!(
        renamed.custom_details.custom_name.as_deref(),
        Some("CT Cardio 2")
    );
    let theirs = detail(&app, &lessor).await;
    assert_eq!(
        theirs.custom_details.custom_name, None,
        "not the hospital's name"
    );
    assert_eq!(theirs.custom_details.customer_reference, None);

    let theirs = rename(&app, &lessor, &theirs, "Lease unit 44").await;
    assert_eq!(
        theirs.custom_details.custom_name.as_deref(),
        Some("Lease unit 44")
    );
    let ours = detail(&app, &hospital).await;
    assert_eq!(
        ours.custom_details.custom_name.as_deref(),
        Some("CT Cardio 2")
    );
    assert_eq!(
        ours.custom_details.customer_reference.as_deref(),
        Some("REF CT Cardio 2")
    );

    // Lists, searches and sorting use the caller's own name only.
    assert_eq!(
        names_found(&app, &hospital, "q=cardio").await,
        [Some("CT Cardio 2".to_owned())]
    );
    assert!(names_found(&app, &lessor, "q=cardio").await.is_empty());
    assert_eq!(
        names_found(&app, &lessor, "q=lease%20unit").await,
        [Some("Lease unit 44".to_owned())]
    );
    assert!(names_found(&app, &hospital, "q=lease%20unit")
        .await
        .is_empty());
    assert_eq!(
        names_found(&app, &lessor, "sort=custom_name").await,
        [Some("Lease unit 44".to_owned())]
    );

    // A case on it shows the hospital its own name.
    let user = app.tokens_for("nl.user").await.access_token;
    let case: CaseDetail = app.case(LEASED_CT).create(&user).await;
    assert_eq!(
        case.summary.installed_product.custom_name.as_deref(),
        Some("CT Cardio 2")
    );
    let seen_by_lessor: CaseDetail = app
        .get_json(&format!("/api/v1/cases/{}", case.summary.id), &lessor)
        .await;
    assert_eq!(
        seen_by_lessor
            .summary
            .installed_product
            .custom_name
            .as_deref(),
        Some("Lease unit 44")
    );
}

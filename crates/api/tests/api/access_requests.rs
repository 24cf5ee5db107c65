//! Request access: the public form, and approval by the matched parent
//! account's Manager or an Admin.

use api_types::{
    AccessRequestDto, AccessRequestPage, AccessRequestStatusDto, ProblemDetails, UserDetail,
    UserStatusDto,
};
use serde_json::json;
use test_support::smtp::SmtpSink;
use test_support::TestApp;

fn request(email: &str, identifier: &str) -> serde_json::Value {
    json!({
        "name": "Eva Jansen", "organisation": "Lindenhaven UMC", "email": email,
        "phone": "+31 24 361 1111", "country": "NL", "language": "nl",
        "facilities": [{"name": "Radiology", "identifiers": [{"kind": "installed_product_number", "value": identifier}]}],
        "remarks": "I plan MR service for radiology."
    })
}

async fn submit(app: &TestApp, body: serde_json::Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/access-requests"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn post_as(
    app: &TestApp,
    token: &str,
    path: &str,
    body: serde_json::Value,
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn app_with_mail() -> (TestApp, SmtpSink) {
    let sink = SmtpSink::start().await.unwrap();
    let url = sink.url();
    let app = TestApp::spawn_with(move |c| c.smtp_url = Some(url))
        .await
        .unwrap();
    (app, sink)
}

#[tokio::test]
async fn the_matched_hospitals_manager_approves_a_request_which_creates_the_user() {
    let (app, sink) = app_with_mail().await;
    assert_eq!(
        submit(&app, request("eva@lindenhaven.example", "IP-40010001"))
            .await
            .status(),
        202
    );
    api::mail::deliver_due(&app.state).await.unwrap();
    let confirmation = sink.wait_for(1, std::time::Duration::from_secs(5)).await;
    assert_eq!(confirmation[0].to, ["eva@lindenhaven.example"]);
    assert!(
        confirmation[0].subject().contains("aanvraag"),
        "in Dutch: {}",
        confirmation[0].subject()
    );

    let manager = app.tokens_for("nl.manager").await;
    let page: AccessRequestPage = app
        .get_json(
            "/api/v1/access-requests?status=pending",
            &manager.access_token,
        )
        .await;
    assert_eq!(page.total, 1);
    let pending = &page.items[0];
    assert_eq!(
        pending.parent_account_name.as_deref(),
        Some("Lindenhaven University Medical Centre")
    );
    assert_eq!(pending.facilities[0].identifiers[0].value, "IP-40010001");

    // Another hospital's Manager and a User do not see it.
    let danish = app.tokens_for("dk.manager").await;
    let theirs: AccessRequestPage = app
        .get_json("/api/v1/access-requests", &danish.access_token)
        .await;
    assert_eq!(theirs.total, 0);
    let path = format!("/api/v1/access-requests/{}", pending.id);
    assert_eq!(app.get(&path, &danish.access_token).await.status(), 404);
    let user = app.tokens_for("nl.user").await;
    assert_eq!(
        app.get("/api/v1/access-requests", &user.access_token)
            .await
            .status(),
        403
    );
    assert_eq!(
        post_as(
            &app,
            &danish.access_token,
            &format!("{path}/approve"),
            json!({"username": "eva.jansen", "role": "user"})
        )
        .await
        .status(),
        404
    );

    let approved = post_as(&app, &manager.access_token, &format!("{path}/approve"), json!({
        "username": "eva.jansen", "role": "user", "account_ids": [app.demo.dutch.accounts[1].id.as_uuid()]
    })).await;
    assert_eq!(approved.status(), 201);
    let created: UserDetail = approved.json().await.unwrap();
    assert_eq!(created.summary.status, UserStatusDto::PendingActivation);
    assert_eq!(
        (
            created.summary.email.as_str(),
            created.summary.display_name.as_str()
        ),
        ("eva@lindenhaven.example", "Eva Jansen")
    );
    assert_eq!(
        created.summary.parent_account_id,
        Some(app.demo.dutch.parent.id.as_uuid())
    );
    api::mail::deliver_due(&app.state).await.unwrap();
    let mails = sink.wait_for(2, std::time::Duration::from_secs(5)).await;
    assert!(
        mails[1].body().contains("/activate#token="),
        "activation email"
    );

    let decided: AccessRequestDto = app.get_json(&path, &manager.access_token).await;
    assert_eq!(decided.status, AccessRequestStatusDto::Approved);
    assert_eq!(
        (decided.decided_by.as_deref(), decided.user_id),
        (Some("nl.manager"), Some(created.summary.id))
    );
    let again = post_as(
        &app,
        &manager.access_token,
        &format!("{path}/approve"),
        json!({"username": "eva.two", "role": "user"}),
    )
    .await;
    assert_eq!(again.status(), 409);
}

#[tokio::test]
async fn an_unmatched_request_waits_for_an_admin_who_may_reject_it_with_a_reason() {
    let (app, sink) = app_with_mail().await;
    assert_eq!(
        submit(&app, request("who@elsewhere.example", "NOT-A-PRODUCT"))
            .await
            .status(),
        202
    );
    let manager = app.tokens_for("nl.manager").await;
    let none: AccessRequestPage = app
        .get_json("/api/v1/access-requests", &manager.access_token)
        .await;
    assert_eq!(none.total, 0, "no hospital matched: Managers do not see it");
    let admin = app.tokens_for("admin").await;
    let all: AccessRequestPage = app
        .get_json("/api/v1/access-requests", &admin.access_token)
        .await;
    assert_eq!(all.total, 1);
    let path = format!("/api/v1/access-requests/{}", all.items[0].id);
    let no_parent: ProblemDetails = post_as(
        &app,
        &admin.access_token,
        &format!("{path}/approve"),
        json!({"username": "who", "role": "user"}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(no_parent.errors[0].code, "parent_account_mismatch");
    assert_eq!(
        post_as(
            &app,
            &admin.access_token,
            &format!("{path}/reject"),
            json!({"reason": " "})
        )
        .await
        .status(),
        422
    );
    let rejected = post_as(
        &app,
        &admin.access_token,
        &format!("{path}/reject"),
        json!({"reason": "We could not find your hospital; ask your Manager."}),
    )
    .await;
    assert_eq!(rejected.status(), 200);
    assert_eq!(
        post_as(
            &app,
            &admin.access_token,
            &format!("{path}/reject"),
            json!({"reason": "again"})
        )
        .await
        .status(),
        409
    );
    api::mail::deliver_due(&app.state).await.unwrap();
    let mails = sink.wait_for(2, std::time::Duration::from_secs(5)).await;
    assert!(
        mails[1].body().contains("We could not find your hospital"),
        "{}",
        mails[1].body()
    );
}

#[tokio::test]
async fn a_request_names_each_missing_field_and_one_address_cannot_flood() {
    let app = TestApp::spawn().await.unwrap();
    let bad: ProblemDetails = submit(&app, json!({
        "name": "", "organisation": "X", "email": "nope", "phone": "call me", "country": "NL",
        "facilities": [{"name": "Radiology", "identifiers": [{"kind": "asset_id", "value": " "}]}]
    })).await.json().await.unwrap();
    let codes: Vec<(&str, &str)> = bad
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("name", "required"),
            ("email", "invalid_email"),
            ("phone", "invalid_phone"),
            ("facilities[0].identifiers", "identifier_required")
        ]
    );
    for n in 0..5 {
        assert_eq!(
            submit(&app, request(&format!("p{n}@x.example"), "IP-40010001"))
                .await
                .status(),
            202
        );
    }
    let flooded = submit(&app, request("p6@x.example", "IP-40010001")).await;
    assert_eq!(flooded.status(), 429);
}

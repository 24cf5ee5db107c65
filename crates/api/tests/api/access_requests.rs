//! Request access: the public form, and approval by the matched parent
//! account's Manager or an Admin.

use api_types::{
    AccessRequestDto, AccessRequestPage, AccessRequestStatusDto, ApproveAccessRequest,
    CreateAccessRequest, FacilityDto, FacilityIdentifier, IdentifierKindDto, ProblemDetails,
    RejectAccessRequest, RoleDto, UserDetail, UserStatusDto,
};
use test_support::{expect_problem, TestApp};

fn facility(kind: IdentifierKindDto, value: &str) -> FacilityDto {
    FacilityDto {
        name: "Radiology".to_owned(),
        identifiers: vec![FacilityIdentifier {
            kind,
            value: value.to_owned(),
        }],
    }
}

fn request(email: &str, identifier: &str) -> CreateAccessRequest {
    CreateAccessRequest {
        name: "Eva Jansen".to_owned(),
        organisation: "Lindenhaven UMC".to_owned(),
        email: email.to_owned(),
        phone: "+31 24 361 1111".to_owned(),
        country: "NL".to_owned(),
        language: Some("nl".to_owned()),
        facilities: vec![facility(
            IdentifierKindDto::InstalledProductNumber,
            identifier,
        )],
        remarks: Some("I plan MR service for radiology.".to_owned()),
    }
}

async fn submit(app: &TestApp, body: &CreateAccessRequest) -> reqwest::Response {
    app.post_json_anonymous("/api/v1/access-requests", body)
        .await
}

/// Submits the request of `email` naming `identifier`; fails the test
/// unless it is accepted (202).
async fn submit_accepted(app: &TestApp, email: &str, identifier: &str) {
    let response = submit(app, &request(email, identifier)).await;
    assert_eq!(response.status(), 202, "request of {email}");
}

/// Approval of the request as a User named `username`.
fn approval(username: &str, account_ids: Vec<uuid::Uuid>) -> ApproveAccessRequest {
    ApproveAccessRequest {
        username: username.to_owned(),
        role: RoleDto::User,
        account_ids,
        parent_account_id: None,
    }
}

fn rejection(reason: &str) -> RejectAccessRequest {
    RejectAccessRequest {
        reason: reason.to_owned(),
    }
}

#[tokio::test]
async fn the_matched_hospitals_manager_approves_a_request_which_creates_the_user() {
    let (app, sink) = TestApp::spawn_with_mail().await.unwrap();
    submit_accepted(&app, "eva@lindenhaven.example", "IP-40010001").await;
    let confirmation = app.deliver_mail(&sink, 1).await;
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
    assert_eq!(page.paging.total, 1);
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
    assert_eq!(theirs.paging.total, 0);
    let path = format!("/api/v1/access-requests/{}", pending.id);
    assert_eq!(app.get(&path, &danish.access_token).await.status(), 404);
    let user = app.tokens_for("nl.user").await.access_token;
    let refused = app.get("/api/v1/access-requests", &user).await;
    assert_eq!(refused.status(), 403);
    let approve = format!("{path}/approve");
    assert_eq!(
        app.post_json(
            &approve,
            &danish.access_token,
            &approval("eva.jansen", Vec::new())
        )
        .await
        .status(),
        404
    );

    let site = app.demo.dutch.accounts[1].id.as_uuid();
    let approved = app
        .post_json(
            &approve,
            &manager.access_token,
            &approval("eva.jansen", vec![site]),
        )
        .await;
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
    let mails = app.deliver_mail(&sink, 2).await;
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
    let again = app
        .post_json(
            &approve,
            &manager.access_token,
            &approval("eva.two", Vec::new()),
        )
        .await;
    assert_eq!(again.status(), 409);
}

#[tokio::test]
async fn an_unmatched_request_waits_for_an_admin_who_may_reject_it_with_a_reason() {
    let (app, sink) = TestApp::spawn_with_mail().await.unwrap();
    submit_accepted(&app, "who@elsewhere.example", "NOT-A-PRODUCT").await;
    let manager = app.tokens_for("nl.manager").await;
    let none: AccessRequestPage = app
        .get_json("/api/v1/access-requests", &manager.access_token)
        .await;
    assert_eq!(
        none.paging.total, 0,
        "no hospital matched: Managers do not see it"
    );
    let admin = app.tokens_for("admin").await;
    let all: AccessRequestPage = app
        .get_json("/api/v1/access-requests", &admin.access_token)
        .await;
    assert_eq!(all.paging.total, 1);
    let path = format!("/api/v1/access-requests/{}", all.items[0].id);
    let no_parent: ProblemDetails = app
        .post_json(
            &format!("{path}/approve"),
            &admin.access_token,
            &approval("who", Vec::new()),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        no_parent.errors[0].code,
        api_types::FieldErrorCode::ParentAccountMismatch
    );
    let reject_path = format!("{path}/reject");
    let reject = async |reason: &str| {
        app.post_json(&reject_path, &admin.access_token, &rejection(reason))
            .await
    };
    assert_eq!(reject(" ").await.status(), 422);
    let rejected = reject("We could not find your hospital; ask your Manager.").await;
    assert_eq!(rejected.status(), 200);
    assert_eq!(reject("again").await.status(), 409);
    let mails = app.deliver_mail(&sink, 2).await;
    assert!(
        mails[1].body().contains("We could not find your hospital"),
        "{}",
        mails[1].body()
    );
}

#[tokio::test]
async fn a_request_names_each_missing_field_and_one_address_cannot_flood() {
    let app = TestApp::spawn().await.unwrap();
    let bad = CreateAccessRequest {
        name: String::new(),
        organisation: "X".to_owned(),
        email: "nope".to_owned(),
        phone: "call me".to_owned(),
        country: "NL".to_owned(),
        facilities: vec![facility(IdentifierKindDto::AssetId, " ")],
        remarks: None,
        language: None,
    };
    let bad = expect_problem(submit(&app, &bad).await, 422).await;
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
        submit_accepted(&app, &format!("p{n}@x.example"), "IP-40010001").await;
    }
    let flooded = submit(&app, &request("p6@x.example", "IP-40010001")).await;
    assert_eq!(flooded.status(), 429);
}

#[tokio::test]
async fn the_confirmation_repeats_nothing_from_the_form_and_goes_once_an_hour_at_most() {
    let (app, sink) = TestApp::spawn_with_mail().await.unwrap();
    let mut lure = request("victim@elsewhere.example", "IP-40010001");
    lure.name = "Win a prize at https://evil.example".to_owned();
    // A burst at one address, as a spammer would send it (the per-address
    // request limit of the form is five).
    let sent = futures_util::future::join_all((0..5).map(|_| submit(&app, &lure))).await;
    assert!(sent.iter().all(|r| r.status() == 202));
    // Delivery sends everything queued before it answers.
    let mails = app.deliver_mail(&sink, 1).await;
    assert_eq!(mails.len(), 1, "one confirmation for the burst");
    assert_eq!(mails[0].to, ["victim@elsewhere.example"]);
    let body = mails[0].body();
    assert!(
        !body.contains("evil.example") && !body.contains("prize"),
        "{body}"
    );
}

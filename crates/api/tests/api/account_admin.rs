use api_types::{
    AccountFieldsDto, AccountKindDto, AccountMoveDto, AccountResponse, CreateAccountRequest,
    FieldErrorCode, InstalledProductPage, MoveAccountRequest, ProblemCode,
};
use persistence::repositories::audit;
use test_support::{expect_json, expect_problem_code, TestApp};

fn fields(name: &str, source_id: Option<&str>) -> AccountFieldsDto {
    AccountFieldsDto {
        name: name.into(),
        kind: AccountKindDto::Site,
        country: "nl".into(),
        city: Some("Leiden".into()),
        address: Some("Albinusdreef 2, 2333 ZA".into()),
        market: Some("Benelux".into()),
        source_id: source_id.map(Into::into),
    }
}

async fn admin(app: &TestApp) -> String {
    app.tokens_for("admin").await.access_token
}

async fn move_to(
    app: &TestApp,
    token: &str,
    account: impl std::fmt::Display,
    parent: uuid::Uuid,
    dry_run: bool,
) -> reqwest::Response {
    let path = format!("/api/v1/accounts/{account}/move?dry_run={dry_run}");
    app.post_json(&path, token, &MoveAccountRequest { parent_id: parent })
        .await
}

async fn products_at(app: &TestApp, username: &str, account: impl std::fmt::Display) -> u64 {
    let token = app.tokens_for(username).await.access_token;
    let path = format!("/api/v1/installed-products?location_account={account}");
    let page: InstalledProductPage = app.get_json(&path, &token).await;
    page.paging.total
}

#[tokio::test]
async fn an_admin_creates_a_child_account_that_the_customers_manager_then_sees() {
    let app = TestApp::spawn().await.unwrap();
    let token = admin(&app).await;
    let parent = app.demo.dutch.parent.id.as_uuid();
    let request = CreateAccountRequest {
        parent_id: Some(parent),
        account: fields("  Lindenhaven Leiden Clinic ", Some("LUMC-2000")),
    };
    let response = app.post_json("/api/v1/accounts", &token, &request).await;
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let created: AccountResponse = expect_json(response, 201).await;
    assert_eq!(location, format!("/api/v1/accounts/{}", created.id));
    assert_eq!(created.name, "Lindenhaven Leiden Clinic", "trimmed");
    assert_eq!(created.country, "NL");
    assert_eq!(created.parent_id, Some(parent));
    assert_eq!(created.parent_account_id, Some(parent));
    assert_eq!(created.market.as_deref(), Some("Benelux"));
    assert_eq!(created.source_id.as_deref(), Some("LUMC-2000"));

    let manager = app.tokens_for("nl.manager").await.access_token;
    let seen: AccountResponse = app.get_json(&location, &manager).await;
    assert_eq!(seen.address.as_deref(), Some("Albinusdreef 2, 2333 ZA"));
    // Another customer does not learn it exists.
    let dane = app.tokens_for("dk.manager").await.access_token;
    let response = app.get(&location, &dane).await;
    expect_problem_code(response, 404, ProblemCode::NotFound).await;

    let history = audit::for_entity(&app.db, "account", &created.id.to_string())
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].action, "account.create");
    assert_eq!(
        history[0].parent_account.map(|p| p.as_uuid()),
        Some(parent),
        "filed under the customer"
    );
    assert_eq!(
        history[0].new_value.as_ref().unwrap()["source_id"],
        "LUMC-2000"
    );
}

#[tokio::test]
async fn an_account_without_a_parent_is_a_new_customers_parent_account() {
    let app = TestApp::spawn().await.unwrap();
    let token = admin(&app).await;
    let request = CreateAccountRequest {
        parent_id: None,
        account: AccountFieldsDto {
            kind: AccountKindDto::HospitalGroup,
            ..fields("Zuiderzee Ziekenhuis", Some("ZZH-1000"))
        },
    };
    let created: AccountResponse = expect_json(
        app.post_json("/api/v1/accounts", &token, &request).await,
        201,
    )
    .await;
    assert_eq!(created.parent_id, None);
    assert_eq!(created.parent_account_id, Some(created.id));
    // Nobody of the existing customers sees it.
    let manager = app.tokens_for("nl.manager").await.access_token;
    let response = app
        .get(&format!("/api/v1/accounts/{}", created.id), &manager)
        .await;
    expect_problem_code(response, 404, ProblemCode::NotFound).await;
}

#[tokio::test]
async fn bad_fields_a_taken_source_id_and_an_unknown_parent_are_refused_and_nothing_is_stored() {
    let app = TestApp::spawn().await.unwrap();
    let token = admin(&app).await;
    let bad = CreateAccountRequest {
        parent_id: None,
        account: AccountFieldsDto {
            name: " ".into(),
            country: "Netherlands".into(),
            market: Some("m".repeat(61)),
            ..fields("x", None)
        },
    };
    let problem = expect_problem_code(
        app.post_json("/api/v1/accounts", &token, &bad).await,
        422,
        ProblemCode::ValidationFailed,
    )
    .await;
    let named: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(named, ["name", "country", "market"]);

    // The demo's first Dutch site is LUMC-1001 already.
    let taken = CreateAccountRequest {
        parent_id: Some(app.demo.dutch.parent.id.as_uuid()),
        account: fields("Copy", Some("LUMC-1001")),
    };
    let response = app.post_json("/api/v1/accounts", &token, &taken).await;
    expect_problem_code(response, 409, ProblemCode::Conflict).await;

    let orphan = CreateAccountRequest {
        parent_id: Some(uuid::Uuid::new_v4()),
        account: fields("Orphan", None),
    };
    let response = app.post_json("/api/v1/accounts", &token, &orphan).await;
    expect_problem_code(response, 404, ProblemCode::NotFound).await;

    let all: api_types::AccountListResponse = app.get_json("/api/v1/accounts", &token).await;
    assert!(!all
        .items
        .iter()
        .any(|a| a.name == "Copy" || a.name == "Orphan"));
}

#[tokio::test]
async fn only_portal_support_keeps_the_account_tree() {
    let app = TestApp::spawn().await.unwrap();
    let site = app.demo.dutch.accounts[1].id;
    for who in ["nl.manager", "service"] {
        let token = app.tokens_for(who).await.access_token;
        let create = CreateAccountRequest {
            parent_id: Some(app.demo.dutch.parent.id.as_uuid()),
            account: fields("Not theirs", None),
        };
        let response = app.post_json("/api/v1/accounts", &token, &create).await;
        expect_problem_code(response, 403, ProblemCode::Forbidden).await;
        let path = format!("/api/v1/accounts/{site}");
        let response = app.put_json(&path, &token, &fields("Renamed", None)).await;
        expect_problem_code(response, 403, ProblemCode::Forbidden).await;
        let danish = app.demo.danish.parent.id.as_uuid();
        let response = move_to(&app, &token, site, danish, true).await;
        expect_problem_code(response, 403, ProblemCode::Forbidden).await;
    }
}

#[tokio::test]
async fn an_edit_is_audited_from_old_to_new_and_a_save_that_changes_nothing_is_not() {
    let app = TestApp::spawn().await.unwrap();
    let token = admin(&app).await;
    let site = &app.demo.dutch.accounts[1];
    let path = format!("/api/v1/accounts/{}", site.id);
    let renamed = AccountFieldsDto {
        source_id: Some("LUMC-1001".into()),
        ..fields("Lindenhaven UMC - Hoofdlocatie", None)
    };
    let answer: AccountResponse =
        expect_json(app.put_json(&path, &token, &renamed).await, 200).await;
    assert_eq!(answer.name, "Lindenhaven UMC - Hoofdlocatie");
    assert_eq!(answer.city.as_deref(), Some("Leiden"));
    let again = app.put_json(&path, &token, &renamed).await;
    assert_eq!(again.status(), 200);

    let history = audit::for_entity(&app.db, "account", &site.id.to_string())
        .await
        .unwrap();
    assert_eq!(history.len(), 1, "the second save changed nothing");
    assert_eq!(history[0].action, "account.update");
    assert_eq!(history[0].old_value.as_ref().unwrap()["name"], site.name);
    assert_eq!(
        history[0].new_value.as_ref().unwrap()["name"],
        "Lindenhaven UMC - Hoofdlocatie"
    );

    let user = app.tokens_for("nl.user").await.access_token;
    let seen: AccountResponse = app.get_json(&path, &user).await;
    assert_eq!(seen.name, "Lindenhaven UMC - Hoofdlocatie");
}

#[tokio::test]
async fn a_dry_run_shows_what_a_move_to_another_customer_takes_and_changes_nothing() {
    let app = TestApp::spawn().await.unwrap();
    let token = admin(&app).await;
    // The children's hospital: assigned to the Dutch User and Viewer.
    let children = &app.demo.dutch.accounts[2];
    let danish = app.demo.danish.parent.id.as_uuid();
    let products = products_at(&app, "nl.manager", children.id).await;
    assert!(products > 0, "the demo has products there");

    let preview: AccountMoveDto =
        expect_json(move_to(&app, &token, children.id, danish, true).await, 200).await;
    assert!(!preview.applied);
    assert!(preview.changes_customer);
    assert_eq!(preview.from_parent.id, app.demo.dutch.parent.id.as_uuid());
    assert_eq!(preview.to_parent.id, danish);
    let moving: Vec<&str> = preview.accounts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(moving, [children.name]);
    assert_eq!(preview.products, products);
    let ending: Vec<&str> = preview
        .ending_assignments
        .iter()
        .map(|e| e.username.as_str())
        .collect();
    assert_eq!(ending, ["nl.user", "nl.viewer"]);

    assert_eq!(products_at(&app, "nl.user", children.id).await, products);
    assert_eq!(products_at(&app, "dk.manager", children.id).await, 0);
    let history = audit::for_entity(&app.db, "account", &children.id.to_string())
        .await
        .unwrap();
    assert!(history.is_empty());
}

#[tokio::test]
async fn a_moved_account_takes_its_products_to_the_new_customer_and_ends_the_old_assignments() {
    let app = TestApp::spawn().await.unwrap();
    let token = admin(&app).await;
    let children = &app.demo.dutch.accounts[2];
    let danish = app.demo.danish.parent.id.as_uuid();
    let products = products_at(&app, "nl.manager", children.id).await;

    let done: AccountMoveDto =
        expect_json(move_to(&app, &token, children.id, danish, false).await, 200).await;
    assert!(done.applied);
    assert_eq!(done.products, products);

    let path = format!("/api/v1/accounts/{}", children.id);
    for gone in ["nl.user", "nl.manager"] {
        let t = app.tokens_for(gone).await.access_token;
        expect_problem_code(app.get(&path, &t).await, 404, ProblemCode::NotFound).await;
        assert_eq!(products_at(&app, gone, children.id).await, 0, "{gone}");
    }
    let dane = app.tokens_for("dk.manager").await.access_token;
    let seen: AccountResponse = app.get_json(&path, &dane).await;
    assert_eq!(seen.parent_id, Some(danish));
    assert_eq!(seen.parent_account_id, Some(danish));
    assert_eq!(products_at(&app, "dk.manager", children.id).await, products);

    let history = audit::for_entity(&app.db, "account", &children.id.to_string())
        .await
        .unwrap();
    let customers: Vec<_> = history
        .iter()
        .map(|e| (e.action.as_str(), e.parent_account.map(|p| p.as_uuid())))
        .collect();
    assert_eq!(
        customers,
        [
            ("account.move", Some(danish)),
            ("account.move", Some(app.demo.dutch.parent.id.as_uuid()))
        ],
        "both customers see the move"
    );
    let nl_user = app.user_named(&token, "nl.user").await.id.to_string();
    let unassigned = audit::for_entity(&app.db, "user", &nl_user).await.unwrap();
    assert!(unassigned.iter().any(|e| e.action == "account.unassign"));
}

#[tokio::test]
async fn a_parent_account_or_a_place_below_the_account_itself_is_refused() {
    let app = TestApp::spawn().await.unwrap();
    let token = admin(&app).await;
    let dutch = &app.demo.dutch;
    let danish = app.demo.danish.parent.id.as_uuid();
    let cases = [
        (
            dutch.parent.id,
            danish,
            FieldErrorCode::ParentAccountDoesNotMove,
        ),
        (
            dutch.accounts[1].id,
            dutch.accounts[1].id.as_uuid(),
            FieldErrorCode::MoveIntoItself,
        ),
        (
            dutch.accounts[1].id,
            dutch.parent.id.as_uuid(),
            FieldErrorCode::AlreadyThere,
        ),
        (
            dutch.accounts[1].id,
            uuid::Uuid::new_v4(),
            FieldErrorCode::UnknownAccount,
        ),
    ];
    for (account, to, code) in cases {
        let response = move_to(&app, &token, account, to, false).await;
        let problem = expect_problem_code(response, 422, ProblemCode::ValidationFailed).await;
        assert_eq!(problem.errors[0].field, "parent_id");
        assert_eq!(problem.errors[0].code, code);
    }
    let response = move_to(&app, &token, uuid::Uuid::new_v4(), danish, true).await;
    expect_problem_code(response, 404, ProblemCode::NotFound).await;
}

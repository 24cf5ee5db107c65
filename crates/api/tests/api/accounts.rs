use api_types::{AccountListResponse, ProblemDetails};
use test_support::TestApp;

fn names(list: &AccountListResponse) -> Vec<&str> {
    list.items.iter().map(|a| a.name.as_str()).collect()
}

#[tokio::test]
async fn a_manager_sees_every_account_of_their_parent_account_and_nothing_else() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.manager").await.access_token;
    let list: AccountListResponse = app
        .get("/api/v1/accounts", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list.total, app.demo.dutch.accounts.len() as u64);
    for a in &app.demo.dutch.accounts {
        assert!(names(&list).contains(&a.name), "{} missing", a.name);
    }
    for a in app
        .demo
        .danish
        .accounts
        .iter()
        .chain(&app.demo.leasing.accounts)
    {
        assert!(!names(&list).contains(&a.name), "{} leaked", a.name);
    }
}

#[tokio::test]
async fn a_user_sees_only_the_accounts_assigned_to_them() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    let list: AccountListResponse = app
        .get("/api/v1/accounts", &token)
        .await
        .json()
        .await
        .unwrap();
    let mut expected: Vec<&str> = app.demo.dutch.assigned.iter().map(|a| a.name).collect();
    expected.sort();
    let mut got = names(&list);
    got.sort();
    assert_eq!(got, expected);
    assert!(!got.contains(&"Lindenhaven Eye Clinic Amersfoort"));
}

#[tokio::test]
async fn another_parent_accounts_account_answers_404_exactly_like_a_missing_one() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("dk.manager").await.access_token;
    let foreign = app.demo.dutch.parent.id;
    let foreign = app
        .get(&format!("/api/v1/accounts/{foreign}"), &token)
        .await;
    let missing = app
        .get(
            &format!("/api/v1/accounts/{}", uuid::Uuid::new_v4()),
            &token,
        )
        .await;
    assert_eq!(
        (foreign.status().as_u16(), missing.status().as_u16()),
        (404, 404)
    );
    let (foreign, missing): (ProblemDetails, ProblemDetails) =
        (foreign.json().await.unwrap(), missing.json().await.unwrap());
    assert_eq!(
        (foreign.code, foreign.detail),
        (missing.code, missing.detail)
    );
}

#[tokio::test]
async fn an_unassigned_account_of_the_own_parent_is_404_for_a_viewer() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.viewer").await.access_token;
    let eye_clinic = app
        .demo
        .dutch
        .accounts
        .iter()
        .find(|a| a.name.contains("Eye"))
        .unwrap()
        .id;
    assert_eq!(
        app.get(&format!("/api/v1/accounts/{eye_clinic}"), &token)
            .await
            .status(),
        404
    );
    let own = app.demo.dutch.assigned[0].id;
    assert_eq!(
        app.get(&format!("/api/v1/accounts/{own}"), &token)
            .await
            .status(),
        200
    );
}

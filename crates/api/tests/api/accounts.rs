use api_types::{AccountListResponse, VisibilityReasonDto};
use test_support::{expect_same_problem, TestApp};

fn names(list: &AccountListResponse) -> Vec<&str> {
    list.items.iter().map(|a| a.name.as_str()).collect()
}

fn named<'a>(list: &'a AccountListResponse, name: &str) -> &'a api_types::AccountResponse {
    list.items.iter().find(|a| a.name == name).unwrap()
}

fn reasons<'a>(list: &'a AccountListResponse, name: &str) -> Option<&'a [VisibilityReasonDto]> {
    list.items
        .iter()
        .find(|a| a.name == name)
        .map(|a| a.visible_because.as_slice())
}

#[tokio::test]
async fn a_manager_is_assigned_every_account_of_their_parent_account_and_sees_why_others_show() {
    let (app, token) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let list: AccountListResponse = app.get_json("/api/v1/accounts", &token).await;
    for a in &app.demo.dutch.accounts {
        let why = reasons(&list, a.name).unwrap_or_else(|| panic!("{} missing", a.name));
        assert!(
            why.contains(&VisibilityReasonDto::Assigned),
            "{}: {why:?}",
            a.name
        );
    }
    // The leasing company owns two of their scanners and holds a contract on one:
    // shown by name, with why, and never as assigned.
    assert_eq!(
        reasons(&list, "MedLease Europe B.V."),
        Some(
            &[
                VisibilityReasonDto::OwnerOfVisibleProduct,
                VisibilityReasonDto::ContractHolder
            ][..]
        )
    );
    for a in &app.demo.danish.accounts {
        assert!(reasons(&list, a.name).is_none(), "{} leaked", a.name);
    }
}

#[tokio::test]
async fn a_user_is_assigned_only_their_accounts() {
    let (app, token) = TestApp::spawn_signed_in("nl.user").await.unwrap();
    let list: AccountListResponse = app.get_json("/api/v1/accounts", &token).await;
    let mut expected: Vec<&str> = app.demo.dutch.assigned.iter().map(|a| a.name).collect();
    expected.sort();
    let mut assigned: Vec<&str> = list
        .items
        .iter()
        .filter(|a| a.visible_because.contains(&VisibilityReasonDto::Assigned))
        .map(|a| a.name.as_str())
        .collect();
    assigned.sort();
    assert_eq!(assigned, expected);
    assert!(!names(&list).contains(&"Lindenhaven Eye Clinic Amersfoort"));
    // The group holds a contract on their scanners; that is all they see of it.
    assert_eq!(
        reasons(&list, "Lindenhaven University Medical Centre"),
        Some(&[VisibilityReasonDto::ContractHolder][..])
    );
}

#[tokio::test]
async fn another_parent_accounts_account_answers_404_exactly_like_a_missing_one() {
    let (app, token) = TestApp::spawn_signed_in("dk.manager").await.unwrap();
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
    expect_same_problem(foreign, missing, 404).await;
}

#[tokio::test]
async fn an_unassigned_account_of_the_own_parent_is_404_for_a_viewer() {
    let (app, token) = TestApp::spawn_signed_in("nl.viewer").await.unwrap();
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

#[tokio::test]
async fn an_account_of_another_parent_account_shows_its_name_type_and_country_only() {
    let (app, token) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let list: AccountListResponse = app.get_json("/api/v1/accounts", &token).await;
    let lease = named(&list, "MedLease Europe B.V.");
    assert_eq!(
        (
            lease.city.as_deref(),
            lease.parent_id,
            lease.parent_account_id
        ),
        (None, None, None)
    );
    assert!(!lease.country.is_empty());
    let one: api_types::AccountResponse = app
        .get_json(&format!("/api/v1/accounts/{}", lease.id), &token)
        .await;
    assert_eq!(&one, lease);
    // Their own accounts keep where they are and whose they are.
    let own = list
        .items
        .iter()
        .find(|a| a.visible_because.contains(&VisibilityReasonDto::Assigned))
        .unwrap();
    assert!(own.parent_account_id.is_some());
    // The leasing company's own Manager sees all of it.
    let theirs = app.tokens_for("lease.manager").await.access_token;
    let list: AccountListResponse = app.get_json("/api/v1/accounts", &theirs).await;
    assert!(named(&list, "MedLease Europe B.V.")
        .parent_account_id
        .is_some());
}

#[tokio::test]
async fn an_accounts_contracts_warranties_and_users_with_access_are_listed_by_its_id() {
    let (app, token) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let dutch = &app.demo.dutch;
    let users_of = |account: domain::AccountId, token: String| {
        let app = &app;
        async move {
            let path = format!("/api/v1/users?account={account}");
            let page: api_types::UserPage = app.get_json(&path, &token).await;
            let mut names: Vec<String> = page.items.into_iter().map(|u| u.username).collect();
            names.sort();
            names
        }
    };
    // The main hospital is assigned to the User and the Viewer; the eye
    // clinic to nobody, so only the Manager reaches it.
    assert_eq!(
        users_of(dutch.accounts[1].id, token.clone()).await,
        ["nl.manager", "nl.user", "nl.viewer"]
    );
    assert_eq!(
        users_of(dutch.accounts[3].id, token.clone()).await,
        ["nl.manager"]
    );
    // Another customer's Manager learns nothing of these accounts' users.
    let dane = app.tokens_for("dk.manager").await.access_token;
    assert!(users_of(dutch.accounts[1].id, dane).await.is_empty());

    let all: api_types::ContractPage = app.get_json("/api/v1/contracts", &token).await;
    let main = dutch.accounts[1].id;
    let held: api_types::ContractPage = app
        .get_json(&format!("/api/v1/contracts?account={main}"), &token)
        .await;
    assert!(held.items.iter().all(|c| c.ship_to.id == main.as_uuid()));
    let expected = all
        .items
        .iter()
        .filter(|c| c.ship_to.id == main.as_uuid())
        .count();
    assert_eq!(held.items.len(), expected);

    let products: api_types::InstalledProductPage = app
        .get_json(
            &format!("/api/v1/installed-products?location_account={main}&page_size=100"),
            &token,
        )
        .await;
    let warranties: api_types::WarrantyPage = app
        .get_json(&format!("/api/v1/warranties?account={main}"), &token)
        .await;
    let here: Vec<uuid::Uuid> = products.items.iter().map(|p| p.id).collect();
    assert!(warranties
        .items
        .iter()
        .all(|w| here.contains(&w.product.id)));
}

//! End-of-life notices: subscriptions by modality or product, the page of
//! dates, and one email per date even when two server processes look.

use api_types::{
    EolNoticePage, EolProductPage, EolSubscriptionDto, EolSubscriptionList, MilestoneDto,
    ModalityDto, NewEolSubscription,
};
use test_support::{expect_json, TestApp};

fn modality(m: ModalityDto) -> NewEolSubscription {
    NewEolSubscription {
        modality: Some(m),
        installed_product_id: None,
    }
}

async fn subscribe(app: &TestApp, token: &str, body: &NewEolSubscription) -> reqwest::Response {
    app.post_json("/api/v1/end-of-life/subscriptions", token, body)
        .await
}

#[tokio::test]
async fn my_products_with_dates_come_nearest_first() {
    let app = TestApp::spawn().await.unwrap();
    let user = app.tokens_for("nl.user").await.access_token;
    persistence::raw_sql::execute(
        &app.db,
        "UPDATE installed_products SET end_of_service_date = '2027-01-15' WHERE number = 'IP-40010002'",
    )
    .await
    .unwrap();
    let page: EolProductPage = app.get_json("/api/v1/end-of-life/products", &user).await;
    let dates: Vec<_> = page.items.iter().map(|p| p.nearest_date).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(page.items.len() >= 2);
    assert!(page
        .items
        .iter()
        .any(|p| p.installed_product.number == "IP-40010002"));
    // Another customer's products are not theirs to see.
    let danish = app.tokens_for("dk.user").await.access_token;
    let theirs: EolProductPage = app.get_json("/api/v1/end-of-life/products", &danish).await;
    assert!(theirs
        .items
        .iter()
        .all(|p| !p.installed_product.number.starts_with("IP-4001")));
}

#[tokio::test]
async fn a_subscriber_to_ct_is_told_once_in_the_portal_and_by_email() {
    let (app, sink) = TestApp::spawn_with_mail().await.unwrap();
    let user = app.tokens_for("nl.user").await.access_token;
    // The demo's Brilliance CT reaches its end of life within months.
    let made: EolSubscriptionDto = expect_json(
        subscribe(&app, &user, &modality(ModalityDto::Ct)).await,
        201,
    )
    .await;
    assert_eq!(made.modality, Some(ModalityDto::Ct));
    let again = subscribe(&app, &user, &modality(ModalityDto::Ct)).await;
    assert_eq!(again.status(), 200, "subscribing twice keeps the first");
    let list: EolSubscriptionList = app
        .get_json("/api/v1/end-of-life/subscriptions", &user)
        .await;
    assert_eq!(list.items.len(), 1);

    let notices: EolNoticePage = app.get_json("/api/v1/end-of-life/notices", &user).await;
    assert_eq!(notices.unread, 1);
    assert_eq!(notices.items[0].installed_product.number, "IP-40010004");
    assert_eq!(notices.items[0].milestone, MilestoneDto::EndOfLife);
    let mails = app.deliver_mail(&sink, 1).await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].body().contains("IP-40010004"));
    // Looking again finds nothing new to tell.
    assert_eq!(api::end_of_life::notify_due(&app.state).await.unwrap(), 0);
    api::mail::deliver_due(&app.state).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(sink.received().len(), 1);

    let read = app.post("/api/v1/end-of-life/notices/read", &user).await;
    assert_eq!(read.status(), 204);
    let notices: EolNoticePage = app.get_json("/api/v1/end-of-life/notices", &user).await;
    assert_eq!(notices.unread, 0);
    let gone = app
        .client
        .delete(app.url(&format!("/api/v1/end-of-life/subscriptions/{}", made.id)))
        .bearer_auth(&user)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 204);
}

#[tokio::test]
async fn a_date_further_than_twelve_months_is_told_when_it_comes_within_them() {
    let (app, sink, clock) = TestApp::spawn_with_mail_on_manual_clock().await.unwrap();
    let user = app.tokens_for("nl.user").await.access_token;
    let mr = app.demo.product("IP-40010001").id.as_uuid();
    let far = (domain::Clock::now(&*clock) + chrono::Duration::days(500)).date_naive();
    persistence::raw_sql::execute(
        &app.db,
        &format!(
            "UPDATE installed_products SET end_of_life_date = '{far}' WHERE number = 'IP-40010001'"
        ),
    )
    .await
    .unwrap();
    let body = NewEolSubscription {
        modality: None,
        installed_product_id: Some(mr),
    };
    expect_json::<EolSubscriptionDto>(subscribe(&app, &user, &body).await, 201).await;
    let notices: EolNoticePage = app.get_json("/api/v1/end-of-life/notices", &user).await;
    assert_eq!(notices.paging.total, 0, "500 days away is not news yet");
    clock.advance(chrono::Duration::days(140));
    assert_eq!(api::end_of_life::notify_due(&app.state).await.unwrap(), 1);
    let mails = app.deliver_mail(&sink, 1).await;
    assert!(mails[0].body().contains("IP-40010001"));
}

#[tokio::test]
async fn two_server_processes_send_a_due_notice_once() {
    let (first, sink, clock) = TestApp::spawn_with_mail_on_manual_clock().await.unwrap();
    let second = first.spawn_beside(clock.clone()).await.unwrap();
    let manager = first.tokens_for("nl.manager").await.access_token;
    let user = first.tokens_for("nl.user").await.access_token;
    for token in [&manager, &user] {
        expect_json::<EolSubscriptionDto>(
            subscribe(&first, token, &modality(ModalityDto::Mr)).await,
            201,
        )
        .await;
    }
    // A new date falls due; both processes look at once, again and again.
    let soon = (domain::Clock::now(&*clock) + chrono::Duration::days(90)).date_naive();
    persistence::raw_sql::execute(
        &first.db,
        &format!("UPDATE installed_products SET end_of_service_date = '{soon}' WHERE number = 'IP-40010001'"),
    )
    .await
    .unwrap();
    let mut told = 0;
    for _ in 0..3 {
        let (a, b) = tokio::join!(
            api::end_of_life::notify_due(&first.state),
            api::end_of_life::notify_due(&second.state)
        );
        told += a.unwrap() + b.unwrap();
    }
    assert_eq!(told, 2, "the manager and the user, each by one process");
    let (a, b) = tokio::join!(
        api::mail::deliver_due(&first.state),
        api::mail::deliver_due(&second.state)
    );
    a.unwrap();
    b.unwrap();
    let mails = sink.wait_for(2, std::time::Duration::from_secs(5)).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let about: Vec<_> = sink
        .received()
        .into_iter()
        .filter(|m| m.body().contains("IP-40010001"))
        .collect();
    assert_eq!(about.len(), 2, "one email each: {mails:?}");
}

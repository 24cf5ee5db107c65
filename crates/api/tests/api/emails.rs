use api_types::{ActivityKindDto, CaseContactDto, CaseDetail, CaseStatusDto};
use persistence::repositories::outbox;
use std::time::Duration;
use test_support::builders::{activity, CaseBuilder};
use test_support::{TestApp, PUBLIC_URL};

fn slow_reconstruction(app: &TestApp) -> CaseBuilder<'_> {
    app.case("IP-40010002")
        .priority(3)
        .description("Reconstruction takes minutes instead of seconds")
}

#[tokio::test]
async fn the_creator_and_a_colleague_as_contact_are_emailed_in_the_creators_language_and_zone() {
    let (app, sink) = TestApp::spawn_with_mail().await.unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    // A colleague's address: the portal knows whose it is.
    let case = slow_reconstruction(&app)
        .contact(CaseContactDto {
            name: Some("Sanne".into()),
            email: Some("NL.Viewer@demo.csportal.example".into()),
            phone: None,
        })
        .create(&token)
        .await;

    assert_eq!(api::mail::deliver_due(&app.state).await.unwrap(), 2);
    let mails = sink.wait_for(2, Duration::from_secs(5)).await;
    let mut to: Vec<String> = mails.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to.len(), 2);
    assert!(to.contains(&"NL.Viewer@demo.csportal.example".to_owned()));
    let mail = &mails[0];
    assert!(
        mail.subject().contains(&case.summary.number),
        "{}",
        mail.subject()
    );
    let body = mail.body();
    // nl.user reads Dutch, in Europe/Amsterdam, day-month-year.
    assert!(body.contains("Uw servicecase is aangemaakt"), "{body}");
    let local = case
        .summary
        .created_at
        .with_timezone(
            &domain::TimeZoneName::parse("Europe/Amsterdam")
                .unwrap()
                .tz(),
        )
        .format("%d-%m-%Y %H:%M (Europe/Amsterdam)")
        .to_string();
    assert!(body.contains(&local), "{local} not in {body}");
    assert!(body.contains(&format!("{PUBLIC_URL}/cases/{}", case.summary.id)));

    // Sent once: another round sends nothing.
    assert_eq!(api::mail::deliver_due(&app.state).await.unwrap(), 0);
    assert_eq!(sink.received().len(), 2);
}

#[tokio::test]
async fn status_changes_and_service_updates_are_emailed_but_customer_notes_are_not() {
    let (app, sink) = TestApp::spawn_with_mail().await.unwrap();
    let user = app.tokens_for("dk.user").await.access_token;
    let service = app.tokens_for("service").await.access_token;
    let case = app
        .case("IP-40020001")
        .description("Monitor flickers again")
        .create(&user)
        .await;
    let comment = activity(
        ActivityKindDto::CustomerComment,
        "Also on the second screen",
    );
    let commented = app.add_activity(&user, &case, &comment).await;
    assert_eq!(commented.status(), 201);
    let remark = activity(
        ActivityKindDto::ExternalRemark,
        "An engineer visits on Thursday",
    );
    let remarked = app.add_activity(&service, &case, &remark).await;
    assert_eq!(remarked.status(), 201);
    let remarked: CaseDetail = remarked.json().await.unwrap();
    let moved = app
        .move_case_status(&service, &remarked, CaseStatusDto::InProcess)
        .await;
    assert_eq!(moved.status(), 200);

    let mails = app.deliver_mail(&sink, 3).await;
    let subjects: Vec<String> = mails.iter().map(|m| m.subject()).collect();
    assert_eq!(subjects.len(), 3, "{subjects:?}");
    // dk.user reads English.
    assert!(
        subjects[1].contains("an update from service"),
        "{subjects:?}"
    );
    assert!(mails[1].body().contains("An engineer visits on Thursday"));
    assert!(subjects[2].contains("is now in process"), "{subjects:?}");
    assert!(mails[2].body().contains("Europe/Copenhagen"));
}

#[tokio::test]
async fn a_down_smtp_server_loses_nothing() {
    // Nothing listens on this port: every attempt fails.
    let app = TestApp::spawn_with(|c| c.smtp_url = Some("smtp://127.0.0.1:9".into()))
        .await
        .unwrap();
    let token = app.tokens_for("nl.user").await.access_token;
    slow_reconstruction(&app).create(&token).await;
    assert_eq!(api::mail::deliver_due(&app.state).await.unwrap(), 0);
    let queued = outbox::all(&app.db).await.unwrap();
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].attempts, 1);
    assert!(queued[0].sent_at.is_none() && queued[0].failed_at.is_none());
    assert!(queued[0].last_error.is_some());
    assert!(
        queued[0].send_after > queued[0].created_at,
        "retried later, not at once"
    );
}

#[tokio::test]
async fn a_contact_who_is_nobodys_account_confirms_once_before_getting_case_emails() {
    let (app, sink) = TestApp::spawn_with_mail().await.unwrap();
    let user = app.tokens_for("nl.user").await.access_token;
    let contact = CaseContactDto {
        name: Some("Ilse".into()),
        email: Some("ilse@elsewhere.example".into()),
        phone: None,
    };
    let first = slow_reconstruction(&app)
        .contact(contact.clone())
        .create(&user)
        .await;
    slow_reconstruction(&app)
        .contact(contact)
        .create(&user)
        .await;
    // The two case emails to the creator, one request to confirm.
    let mails = app.deliver_mail(&sink, 3).await;
    assert_eq!(mails.len(), 3);
    let asked: Vec<_> = mails
        .iter()
        .filter(|m| m.to == ["ilse@elsewhere.example"])
        .collect();
    assert_eq!(asked.len(), 1, "one request for both cases");
    let body = asked[0].body();
    assert!(body.contains(&first.summary.number), "{body}");
    assert!(
        !body.contains("Reconstruction"),
        "nothing of the case: {body}"
    );
    assert!(body.contains(&format!("{PUBLIC_URL}/confirm-contact#token=")));

    let confirm = |token: String| {
        let body = api_types::LinkTokenRequest { token };
        let app = &app;
        async move {
            app.post_json_anonymous("/api/v1/contact-confirmations", &body)
                .await
                .status()
        }
    };
    let token = asked[0].link_token();
    assert_eq!(confirm("not-a-token".into()).await, 404);
    assert_eq!(confirm(token.clone()).await, 204);
    assert_eq!(confirm(token).await, 204, "confirming again does no harm");

    // From now on the case's emails reach her.
    let service = app.tokens_for("service").await.access_token;
    let moved = app
        .move_case_status(&service, &first, CaseStatusDto::InProcess)
        .await;
    assert_eq!(moved.status(), 200);
    let mails = app.deliver_mail(&sink, 5).await;
    let to_her = mails
        .iter()
        .filter(|m| m.to == ["ilse@elsewhere.example"])
        .count();
    assert_eq!(to_her, 2, "the request, then the status change");
}

#[tokio::test]
async fn two_server_processes_send_each_queued_email_once() {
    let (first, sink) = TestApp::spawn_with_mail().await.unwrap();
    let second = first
        .spawn_beside(std::sync::Arc::new(api::clock::SystemClock))
        .await
        .unwrap();
    let token = first.tokens_for("nl.user").await.access_token;
    // Three cases, each emailed to its creator: three emails queued.
    for _ in 0..3 {
        slow_reconstruction(&first).create(&token).await;
    }
    let (a, b) = tokio::join!(
        api::mail::deliver_due(&first.state),
        api::mail::deliver_due(&second.state)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 3);
    sink.wait_for(3, Duration::from_secs(5)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.received().len(), 3, "each email once");
}

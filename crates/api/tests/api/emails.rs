use api_types::CaseDetail;
use persistence::repositories::outbox;
use serde_json::json;
use std::time::Duration;
use test_support::smtp::SmtpSink;
use test_support::TestApp;

async fn app_with_mail() -> (TestApp, SmtpSink) {
    let sink = SmtpSink::start().await.unwrap();
    let url = sink.url();
    let app = TestApp::spawn_with(move |c| {
        c.smtp_url = Some(url);
        c.public_url = "https://portal.example".into();
    })
    .await
    .unwrap();
    (app, sink)
}

async fn create_case(app: &TestApp, token: &str, contact: Option<&str>) -> CaseDetail {
    let mut body = json!({
        "installed_product_id": app.demo.product("IP-40010002").id.to_string(),
        "priority": 3,
        "description": "Reconstruction takes minutes instead of seconds",
    });
    if let Some(email) = contact {
        body["contact"] = json!({"name": "Ilse", "email": email});
    }
    let response = app
        .client
        .post(app.url("/api/v1/cases"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}

#[tokio::test]
async fn the_creator_and_the_contact_are_emailed_in_the_creators_language_and_zone() {
    let (app, sink) = app_with_mail().await;
    let token = app.tokens_for("nl.user").await.access_token;
    let case = create_case(&app, &token, Some("ilse@lindenhaven.example")).await;

    assert_eq!(api::mail::deliver_due(&app.state).await.unwrap(), 2);
    let mails = sink.wait_for(2, Duration::from_secs(5)).await;
    let mut to: Vec<String> = mails.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to.len(), 2);
    assert!(to.contains(&"ilse@lindenhaven.example".to_owned()));
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
    assert!(body.contains(&format!("https://portal.example/cases/{}", case.summary.id)));

    // Sent once: another round sends nothing.
    assert_eq!(api::mail::deliver_due(&app.state).await.unwrap(), 0);
    assert_eq!(sink.received().len(), 2);
}

#[tokio::test]
async fn status_changes_and_service_updates_are_emailed_but_customer_notes_are_not() {
    let (app, sink) = app_with_mail().await;
    let user = app.tokens_for("dk.user").await.access_token;
    let service = app.tokens_for("service").await.access_token;
    let response = app
        .client
        .post(app.url("/api/v1/cases"))
        .bearer_auth(&user)
        .json(&json!({
            "installed_product_id": app.demo.product("IP-40020001").id.to_string(),
            "priority": 4,
            "description": "Monitor flickers again",
        }))
        .send()
        .await
        .unwrap();
    let case: CaseDetail = response.json().await.unwrap();
    let activities = app.url(&format!("/api/v1/cases/{}/activities", case.summary.id));
    let comment = app
        .client
        .post(&activities)
        .bearer_auth(&user)
        .json(&json!({"kind": "customer_comment", "text": "Also on the second screen"}))
        .send()
        .await
        .unwrap();
    assert_eq!(comment.status(), 201);
    let remark = app
        .client
        .post(&activities)
        .bearer_auth(&service)
        .json(&json!({"kind": "external_remark", "text": "An engineer visits on Thursday"}))
        .send()
        .await
        .unwrap();
    assert_eq!(remark.status(), 201);
    let remarked: CaseDetail = remark.json().await.unwrap();
    let moved = app
        .client
        .post(app.url(&format!("/api/v1/cases/{}/status", case.summary.id)))
        .bearer_auth(&service)
        .header("If-Match", format!("\"v{}\"", remarked.version))
        .json(&json!({"status": "in_process"}))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 200);

    api::mail::deliver_due(&app.state).await.unwrap();
    let mails = sink.wait_for(3, Duration::from_secs(5)).await;
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
    create_case(&app, &token, None).await;
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

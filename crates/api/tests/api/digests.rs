//! Digests of saved views: subscribing, the email with its workbook, what
//! the workbook holds (only what the subscriber sees), the end of a digest
//! when the view is no longer theirs, and one email across two processes.

use api_types::{
    DigestCadenceDto, NewReportView, ReportDigestChange, ReportDigestDto, ReportKindDto,
    ReportQueryDto, ReportRowsResponse, ReportViewChange, ReportViewDto,
};
use calamine::{Data, Reader, Xlsx};
use chrono::{Datelike, Timelike, Weekday};
use reqwest::Method;
use test_support::smtp::ReceivedMail;
use test_support::{expect_json, expect_problem, TestApp};

fn open_cases_by_number() -> ReportQueryDto {
    ReportQueryDto {
        columns: vec!["number".into(), "priority".into()],
        sort: vec![api_types::ReportSortDto {
            column: "number".into(),
            order: api_types::SortOrder::Asc,
        }],
        ..ReportQueryDto::default()
    }
}

async fn save_shared_view(app: &TestApp, manager: &str) -> ReportViewDto {
    let body = NewReportView {
        report: ReportKindDto::Cases,
        name: "Cases by number".into(),
        query: open_cases_by_number(),
        shared: true,
    };
    expect_json(
        app.post_json("/api/v1/report-views", manager, &body).await,
        201,
    )
    .await
}

fn digest_path(view: &ReportViewDto) -> String {
    format!("/api/v1/report-views/{}/digest", view.id)
}

async fn subscribe(app: &TestApp, token: &str, view: &ReportViewDto) -> ReportDigestDto {
    let weekly = ReportDigestChange {
        cadence: DigestCadenceDto::Weekly,
    };
    expect_json(app.put_json(&digest_path(view), token, &weekly).await, 200).await
}

/// The case numbers `token` sees in the view's report, in order.
async fn numbers_seen(app: &TestApp, token: &str) -> Vec<String> {
    let answer: ReportRowsResponse = expect_json(
        app.post_json(
            "/api/v1/reports/cases/rows?page_size=200",
            token,
            &open_cases_by_number(),
        )
        .await,
        200,
    )
    .await;
    answer
        .rows
        .iter()
        .map(|row| match &row[0] {
            Some(api_types::ReportCellDto::Text(t)) => t.clone(),
            other => panic!("a case number is text: {other:?}"),
        })
        .collect()
}

/// The first column of the attached workbook's sheet, below its heading.
fn numbers_in_workbook(mail: &ReceivedMail) -> Vec<String> {
    let (name, bytes) = mail.attachment().expect("a workbook is attached");
    assert!(
        name.starts_with("Cases by number ") && name.ends_with(".xlsx"),
        "{name}"
    );
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    sheet
        .rows()
        .skip(1)
        .map(|row| match &row[0] {
            Data::String(s) => s.clone(),
            other => panic!("a case number is text: {other:?}"),
        })
        .collect()
}

#[tokio::test]
async fn a_weekly_digest_mails_monday_morning_what_the_subscriber_sees_as_a_workbook() {
    let (app, sink, clock) = TestApp::spawn_with_mail_on_manual_clock().await.unwrap();
    let manager = app.tokens_for("nl.manager").await.access_token;
    let user = app.tokens_for("nl.user").await.access_token;
    let view = save_shared_view(&app, &manager).await;
    let digest = subscribe(&app, &user, &view).await;

    let local = digest
        .next_send_at
        .with_timezone(&chrono_tz::Europe::Amsterdam);
    assert_eq!(
        (local.weekday(), local.hour(), local.minute()),
        (Weekday::Mon, 7, 0)
    );
    let now = domain::Clock::now(&*clock);
    assert!(digest.next_send_at > now && digest.next_send_at <= now + chrono::Duration::days(7));
    let seen: ReportViewDto = app
        .get_json(&format!("/api/v1/report-views/{}", view.id), &user)
        .await;
    assert_eq!(
        seen.digest,
        Some(digest.clone()),
        "the view tells its reader's digest"
    );
    let theirs: ReportViewDto = app
        .get_json(&format!("/api/v1/report-views/{}", view.id), &manager)
        .await;
    assert_eq!(theirs.digest, None, "the manager did not subscribe");

    // A case at the Eye Clinic, which is not assigned to nl.user.
    let hidden = app.case("IP-40010009").create(&manager).await;
    let users_numbers = numbers_seen(&app, &user).await;
    let managers_numbers = numbers_seen(&app, &manager).await;
    assert!(
        managers_numbers.contains(&hidden.summary.number)
            && !users_numbers.contains(&hidden.summary.number)
    );
    // The new case's own email goes first, so the digest is the only one after.
    app.deliver_mail(&sink, 1).await;

    assert_eq!(
        api::digests::send_due(&app.state).await.unwrap(),
        0,
        "not yet due"
    );
    clock.set(digest.next_send_at);
    assert_eq!(api::digests::send_due(&app.state).await.unwrap(), 1);
    assert_eq!(
        api::digests::send_due(&app.state).await.unwrap(),
        0,
        "sent once"
    );
    let mails = app.deliver_mail(&sink, 2).await;
    assert_eq!(mails.len(), 2);
    let mail = &mails[1];
    assert_eq!(mail.to, ["nl.user@demo.csportal.example"]);
    assert!(
        mail.subject().contains("Wekelijks rapport"),
        "{}",
        mail.subject()
    );
    assert!(
        mail.body().contains(&format!("/reports?view={}", view.id)),
        "the email links the view"
    );
    assert_eq!(
        numbers_in_workbook(mail),
        users_numbers,
        "the subscriber's rows, not the view owner's"
    );
}

#[tokio::test]
async fn a_digest_ends_when_its_subscriber_no_longer_sees_the_view() {
    let (app, sink, clock) = TestApp::spawn_with_mail_on_manual_clock().await.unwrap();
    let manager = app.tokens_for("nl.manager").await.access_token;
    let user = app.tokens_for("nl.user").await.access_token;
    let view = save_shared_view(&app, &manager).await;
    let digest = subscribe(&app, &user, &view).await;
    let private = ReportViewChange {
        name: view.name.clone(),
        query: view.query.clone(),
        shared: false,
    };
    expect_json::<ReportViewDto>(
        app.put_json(
            &format!("/api/v1/report-views/{}", view.id),
            &manager,
            &private,
        )
        .await,
        200,
    )
    .await;

    clock.set(digest.next_send_at);
    assert_eq!(api::digests::send_due(&app.state).await.unwrap(), 0);
    assert!(
        app.deliver_mail(&sink, 1).await.is_empty(),
        "no digest of a view they lost"
    );

    // Shared again, the view comes back without the old subscription.
    let manager = app.tokens_for("nl.manager").await.access_token;
    let user = app.tokens_for("nl.user").await.access_token;
    let shared = ReportViewChange {
        shared: true,
        ..private
    };
    expect_json::<ReportViewDto>(
        app.put_json(
            &format!("/api/v1/report-views/{}", view.id),
            &manager,
            &shared,
        )
        .await,
        200,
    )
    .await;
    let seen: ReportViewDto = app
        .get_json(&format!("/api/v1/report-views/{}", view.id), &user)
        .await;
    assert_eq!(seen.digest, None);
}

#[tokio::test]
async fn ending_a_digest_stops_it_and_both_changes_are_in_the_audit_log() {
    let (app, sink, clock) = TestApp::spawn_with_mail_on_manual_clock().await.unwrap();
    let manager = app.tokens_for("nl.manager").await.access_token;
    let view = save_shared_view(&app, &manager).await;
    let digest = subscribe(&app, &manager, &view).await;
    let response = app
        .send(Method::DELETE, &digest_path(&view), &manager)
        .await;
    assert_eq!(response.status(), 204);
    let again = app
        .send(Method::DELETE, &digest_path(&view), &manager)
        .await;
    assert_eq!(again.status(), 204, "ending what is not there is fine");

    clock.set(digest.next_send_at);
    assert_eq!(api::digests::send_due(&app.state).await.unwrap(), 0);
    assert!(app.deliver_mail(&sink, 1).await.is_empty());

    let actions: Vec<String> =
        persistence::repositories::audit::for_entity(&app.db, "report_view", &view.id.to_string())
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
    assert!(
        actions.contains(&"report_digest.set".to_owned()),
        "{actions:?}"
    );
    assert!(
        actions.contains(&"report_digest.end".to_owned()),
        "{actions:?}"
    );
}

#[tokio::test]
async fn nobody_subscribes_to_a_view_they_do_not_see_or_at_an_unknown_cadence() {
    let app = TestApp::spawn().await.unwrap();
    let manager = app.tokens_for("nl.manager").await.access_token;
    let dane = app.tokens_for("dk.manager").await.access_token;
    let view = save_shared_view(&app, &manager).await;
    let weekly = ReportDigestChange {
        cadence: DigestCadenceDto::Weekly,
    };
    expect_problem(app.put_json(&digest_path(&view), &dane, &weekly).await, 404).await;
    let daily = serde_json::json!({ "cadence": "daily" });
    expect_problem(
        app.put_json(&digest_path(&view), &manager, &daily).await,
        400,
    )
    .await;
}

#[tokio::test]
async fn two_server_processes_send_a_due_digest_once() {
    let (first, sink, clock) = TestApp::spawn_with_mail_on_manual_clock().await.unwrap();
    let second = first.spawn_beside(clock.clone()).await.unwrap();
    let manager = first.tokens_for("nl.manager").await.access_token;
    let view = save_shared_view(&first, &manager).await;
    let digest = subscribe(&first, &manager, &view).await;
    clock.set(digest.next_send_at);
    let mut queued = 0;
    for _ in 0..3 {
        let (a, b) = tokio::join!(
            api::digests::send_due(&first.state),
            api::digests::send_due(&second.state)
        );
        queued += a.unwrap() + b.unwrap();
    }
    assert_eq!(queued, 1);
    let mails = first.deliver_mail(&sink, 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(sink.received().len(), 1, "{mails:?}");
}

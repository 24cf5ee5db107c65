//! Changes to how a person signs in, made by a Manager or by themselves:
//! who may make them, who is told, and which sessions end.

use api_types::{
    FieldErrorCode, PasswordConfirmation, PasswordResetRequest, ProblemCode, RoleDto,
    SetPasswordRequest, UpdateUserRequest,
};
use test_support::smtp::SmtpSink;
use test_support::{expect_json, expect_problem, expect_problem_code, TestApp};

const DEMO_PASSWORD: &str = persistence::seed::DEMO_PASSWORD;

async fn app_with_mail() -> (TestApp, SmtpSink) {
    let (app, sink, _clock) = TestApp::spawn_with_mail_on_manual_clock().await.unwrap();
    (app, sink)
}

fn new_email(address: &str) -> UpdateUserRequest {
    UpdateUserRequest {
        email: Some(address.to_owned()),
        ..Default::default()
    }
}

async fn still_signed_in(app: &TestApp, token: &str) -> bool {
    app.get("/api/v1/me", token).await.status() == 200
}

fn codes(problem: &api_types::ProblemDetails) -> Vec<(String, FieldErrorCode)> {
    problem
        .errors
        .iter()
        .map(|e| (e.field.clone(), e.code))
        .collect()
}

#[tokio::test]
async fn a_manager_cannot_reset_their_own_second_factor() {
    let app = TestApp::spawn().await.unwrap();
    let manager = app.tokens_for("nl.manager").await;
    let me = app.user_named(&manager.access_token, "nl.manager").await;
    let reset = UpdateUserRequest {
        reset_mfa: Some(true),
        ..Default::default()
    };
    let refused = expect_problem(
        app.patch_user(&manager.access_token, &me, &reset).await,
        422,
    )
    .await;
    assert_eq!(
        codes(&refused),
        [("reset_mfa".to_owned(), FieldErrorCode::CannotResetOwnFactor)]
    );
}

#[tokio::test]
async fn changing_ones_own_email_needs_the_password_and_tells_the_old_address() {
    let (app, sink) = app_with_mail().await;
    let laptop = app.tokens_for("nl.manager").await;
    let phone = app.tokens_for("nl.manager").await;
    let token = &laptop.access_token;
    let me = app.user_named(token, "nl.manager").await;

    // A stolen access token alone does not redirect password resets.
    let bare = expect_problem(
        app.patch_user(token, &me, &new_email("thief@evil.example"))
            .await,
        422,
    )
    .await;
    assert_eq!(
        codes(&bare),
        [("confirmation".to_owned(), FieldErrorCode::Required)]
    );
    let wrong = UpdateUserRequest {
        confirmation: Some(PasswordConfirmation {
            password: "Wrong-2026!".to_owned(),
            code: None,
        }),
        ..new_email("thief@evil.example")
    };
    let wrong = expect_problem(app.patch_user(token, &me, &wrong).await, 422).await;
    assert_eq!(
        codes(&wrong),
        [("password".to_owned(), FieldErrorCode::WrongPassword)]
    );

    let confirmed = UpdateUserRequest {
        confirmation: Some(PasswordConfirmation {
            password: DEMO_PASSWORD.to_owned(),
            code: None,
        }),
        ..new_email("anne.manager@lindenhaven.example")
    };
    let saved: api_types::UserDetail =
        expect_json(app.patch_user(token, &me, &confirmed).await, 200).await;
    assert_eq!(saved.summary.email, "anne.manager@lindenhaven.example");
    assert!(still_signed_in(&app, token).await, "the session that asked");
    assert!(
        !still_signed_in(&app, &phone.access_token).await,
        "the others end"
    );

    let mails = app.deliver_mail(&sink, 1).await;
    let told = &mails[0];
    assert_eq!(told.to, ["nl.manager@demo.csportal.example"]);
    assert!(
        told.body().contains("anne.manager@lindenhaven.example"),
        "{}",
        told.body()
    );
}

#[tokio::test]
async fn a_managers_change_of_someones_email_tells_the_old_address_and_ends_their_sessions() {
    let (app, sink) = app_with_mail().await;
    let user = app.tokens_for("nl.user").await;
    let manager = app.tokens_for("nl.manager").await;
    let target = app.user_named(&manager.access_token, "nl.user").await;
    let changed = app
        .patch_user(
            &manager.access_token,
            &target,
            &new_email("someone.else@lindenhaven.example"),
        )
        .await;
    assert_eq!(changed.status(), 200);
    assert!(!still_signed_in(&app, &user.access_token).await);
    assert_eq!(app.refresh(user.refresh_token.clone()).await.status(), 401);
    assert!(still_signed_in(&app, &manager.access_token).await);

    let mails = app.deliver_mail(&sink, 1).await;
    assert_eq!(mails[0].to, ["nl.user@demo.csportal.example"]);
    let body = mails[0].body();
    assert!(body.contains("someone.else@lindenhaven.example"), "{body}");
    assert!(
        body.contains("Anna de Vries"),
        "names who changed it: {body}"
    );

    let query = format!("event=email_changed&user={}", target.id);
    let log = app.security_log(&manager.access_token, &query).await;
    assert_eq!(log.items.len(), 1);
}

#[tokio::test]
async fn a_second_factor_reset_tells_its_owner_and_ends_their_sessions() {
    let (app, sink, clock) = TestApp::spawn_with_mail_on_manual_clock().await.unwrap();
    let user = app.tokens_for("nl.user").await;
    crate::mfa::enrol(&app, &clock, &user.access_token).await;
    let manager = app.tokens_for("nl.manager").await;
    let target = app.user_named(&manager.access_token, "nl.user").await;
    assert!(target.mfa_enabled);
    let reset = UpdateUserRequest {
        reset_mfa: Some(true),
        ..Default::default()
    };
    let response = app.patch_user(&manager.access_token, &target, &reset).await;
    assert_eq!(response.status(), 200);
    assert!(!still_signed_in(&app, &user.access_token).await);
    let mails = app.deliver_mail(&sink, 1).await;
    assert_eq!(mails[0].to, ["nl.user@demo.csportal.example"]);
}

#[tokio::test]
async fn a_role_change_ends_the_users_sessions() {
    let app = TestApp::spawn().await.unwrap();
    let viewer = app.tokens_for("nl.viewer").await;
    let manager = app.tokens_for("nl.manager").await;
    let target = app.user_named(&manager.access_token, "nl.viewer").await;
    let promote = UpdateUserRequest {
        role: Some(RoleDto::User),
        ..Default::default()
    };
    let response = app
        .patch_user(&manager.access_token, &target, &promote)
        .await;
    assert_eq!(response.status(), 200);
    assert!(!still_signed_in(&app, &viewer.access_token).await);
}

#[tokio::test]
async fn a_password_reset_by_link_ends_every_session() {
    let (app, sink) = app_with_mail().await;
    let session = app.tokens_for("dk.user").await;
    let ask = PasswordResetRequest {
        email: "dk.user@demo.csportal.example".to_owned(),
    };
    let asked = app
        .post_json_anonymous("/api/v1/auth/password-reset", &ask)
        .await;
    assert_eq!(asked.status(), 202);
    let token = app.deliver_mail(&sink, 1).await[0].link_token();
    let set = SetPasswordRequest {
        token,
        new_password: "Lighthouse-Keeper-77".to_owned(),
    };
    let set = app
        .post_json_anonymous("/api/v1/auth/links/set-password", &set)
        .await;
    assert_eq!(set.status(), 204);
    assert!(!still_signed_in(&app, &session.access_token).await);
    let refreshed = app.refresh(session.refresh_token.clone()).await;
    expect_problem_code(refreshed, 401, ProblemCode::InvalidToken).await;
}

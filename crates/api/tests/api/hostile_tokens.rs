//! Tokens an attacker might try instead of a real access token: each one
//! must answer 401 at an authenticated route.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::json;
use test_support::{expect_json, TestApp};

const SECRET: &[u8] = b"test-secret-test-secret-test-secret!";

/// JWT claims, not a request body: `json!` so a test can drop or bend any
/// claim, which no typed claims struct would let it.
fn claims(app_user: uuid::Uuid, session: uuid::Uuid) -> serde_json::Value {
    let now = chrono::Utc::now().timestamp();
    json!({"sub": app_user, "sid": session, "iss": "csportal", "aud": "csportal-api", "iat": now, "exp": now + 600})
}

fn sign(header: Header, claims: &serde_json::Value) -> String {
    encode(&header, claims, &EncodingKey::from_secret(SECRET)).unwrap()
}

/// The subject and session of a real login, to forge around.
async fn real_session(app: &TestApp) -> (String, serde_json::Value) {
    let tokens = app.tokens_for("nl.user").await;
    let payload = tokens.access_token.split('.').nth(1).unwrap().to_owned();
    let real: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    (tokens.access_token, real)
}

async fn status_with(app: &TestApp, token: &str) -> u16 {
    app.get("/api/v1/me", token).await.status().as_u16()
}

/// One change to otherwise valid claims.
type Bend = fn(&mut serde_json::Value);

#[tokio::test]
async fn forged_expired_and_misaddressed_tokens_are_refused() {
    let app = TestApp::spawn().await.unwrap();
    let (genuine, real) = real_session(&app).await;
    assert_eq!(
        status_with(&app, &genuine).await,
        200,
        "the genuine token works"
    );
    let sub: uuid::Uuid = serde_json::from_value(real["sub"].clone()).unwrap();
    let sid: uuid::Uuid = serde_json::from_value(real["sid"].clone()).unwrap();
    let good = claims(sub, sid);
    // Signed with the real secret and the right claims: accepted (the
    // forgeries below differ in one thing each).
    assert_eq!(
        status_with(&app, &sign(Header::new(Algorithm::HS256), &good)).await,
        200
    );

    let body = URL_SAFE_NO_PAD.encode(good.to_string());
    let none = format!(
        "{}.{body}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#)
    );
    assert_eq!(status_with(&app, &none).await, 401, "alg none");

    // HS/RS confusion: an RS256 header with an HMAC signature over the same input.
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","typ":"JWT"}"#);
    let mac = {
        use hmac::{Hmac, Mac};
        let mut m = Hmac::<sha2::Sha256>::new_from_slice(SECRET).unwrap();
        m.update(format!("{header}.{body}").as_bytes());
        URL_SAFE_NO_PAD.encode(m.finalize().into_bytes())
    };
    assert_eq!(
        status_with(&app, &format!("{header}.{body}.{mac}")).await,
        401,
        "RS256 header"
    );
    assert_eq!(
        status_with(&app, &sign(Header::new(Algorithm::HS512), &good)).await,
        401,
        "HS512"
    );

    // The right signature over claims bent in one way each.
    let bends: [(&str, Bend); 4] = [
        ("expired", |c| {
            c["exp"] = json!(chrono::Utc::now().timestamp() - 1);
        }),
        ("issuer", |c| c["iss"] = json!("someone-else")),
        ("audience", |c| {
            c["aud"] = json!("csportal-api/password-change")
        }),
        ("no exp", |c| {
            c.as_object_mut().unwrap().remove("exp");
        }),
    ];
    for (what, bend) in bends {
        let mut bent = good.clone();
        bend(&mut bent);
        assert_eq!(
            status_with(&app, &sign(Header::new(Algorithm::HS256), &bent)).await,
            401,
            "{what}"
        );
    }
    let other_key = encode(
        &Header::new(Algorithm::HS256),
        &good,
        &EncodingKey::from_secret(b"another-secret-another-secret-another"),
    )
    .unwrap();
    assert_eq!(status_with(&app, &other_key).await, 401, "another key");
}

#[tokio::test]
async fn refresh_reset_and_password_change_tokens_are_not_access_tokens() {
    let (app, sink, clock) = TestApp::spawn_with_mail_on_manual_clock().await.unwrap();
    let tokens = app.tokens_for("nl.user").await;
    assert_eq!(
        status_with(&app, tokens.refresh_token.as_deref().unwrap_or_default()).await,
        401,
        "refresh token"
    );

    let ask = api_types::PasswordResetRequest {
        email: "nl.viewer@demo.csportal.example".to_owned(),
    };
    app.post_json_anonymous("/api/v1/auth/password-reset", &ask)
        .await;
    let reset = app.deliver_mail(&sink, 1).await.pop().unwrap().link_token();
    assert_eq!(status_with(&app, &reset).await, 401, "reset link token");

    clock.advance(chrono::Duration::days(91));
    let expired: api_types::ProblemDetails =
        expect_json(app.login("nl.viewer", "Welcome-2026").await, 403).await;
    let change = expired.restricted_token.unwrap();
    assert_eq!(
        status_with(&app, &change).await,
        401,
        "password-change token"
    );
}

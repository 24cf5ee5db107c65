//! The one API client: [`Api`], reached from the auth context with
//! `auth.api()`. Every request goes through here: the bearer token is added
//! in one place ([`Call::fetch`]), a token refused as expired or invalid is
//! refreshed once and the request retried ([`Api::with_token`]), and the
//! answer is decoded as the JSON of a 2xx or as a problem document. Same
//! origin, so the refresh cookie (HttpOnly, path `/api/v1/auth`) travels with
//! the auth calls by itself. The endpoints are `impl Api` blocks, one file a
//! resource.

use super::{Answer, ApiError};
use crate::query::query_string;
use crate::state::auth::Auth;
use api_types::{ProblemCode, ProblemDetails};
use gloo_net::http::{Method, RequestBuilder, Response};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;
use web_sys::Blob;

/// Where the REST API lives, relative to the app's origin.
pub const API_BASE: &str = "/api/v1";

/// The full URL of an API path such as `/accounts`.
pub fn url(path: &str) -> String {
    format!("{API_BASE}{path}")
}

/// `Authorization` header value for an access token.
fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// The empty JSON object the endpoints without a body take.
const EMPTY_JSON: &str = "{}";

/// The API client: cheap to copy, from [`Auth::api`].
#[derive(Clone, Copy)]
pub struct Api {
    auth: Auth,
    /// A restricted token (of a `password_expired` or
    /// `mfa_enrollment_required` login) to send instead of the session's
    /// while the slot holds one.
    restricted: Option<StoredValue<Option<String>>>,
}

impl Api {
    pub(crate) fn new(auth: Auth) -> Self {
        Self {
            auth,
            restricted: None,
        }
    }

    /// The same client, sending the token in `slot` while there is one (no
    /// refresh for it), else the session's.
    pub(crate) fn or_restricted(self, slot: StoredValue<Option<String>>) -> Self {
        Self {
            restricted: Some(slot),
            ..self
        }
    }

    /// Runs `request` with the access token. When the token was refused as
    /// expired, refreshes once and retries; when that fails too, the session
    /// is over and the app goes back to the login page. For `api/` only:
    /// files need the token for requests of their own.
    pub(super) async fn with_token<T, F, Fut>(self, request: F) -> Answer<T>
    where
        F: Fn(String) -> Fut,
        Fut: Future<Output = Answer<T>>,
    {
        if let Some(restricted) = self.restricted.and_then(|slot| slot.get_value()) {
            return request(restricted).await;
        }
        let auth = self.auth;
        let Some(token) = auth.access_token() else {
            auth.sign_out_locally();
            return Err(not_signed_in());
        };
        match request(token.clone()).await {
            Err(err) if err.is_invalid_token() => {
                // Another call may have refreshed while this one was on its way.
                let fresh = match auth.access_token() {
                    Some(current) if current != token => current,
                    _ => match auth.refresh_shared().await {
                        Ok(fresh) => fresh,
                        Err(refresh_err) => {
                            auth.sign_out_locally();
                            return Err(refresh_err);
                        }
                    },
                };
                let result = request(fresh).await;
                if matches!(&result, Err(err) if err.is_invalid_token()) {
                    auth.sign_out_locally();
                }
                result
            }
            other => other,
        }
    }

    /// Sends `call` with the token: the 2xx response, or the problem.
    pub(super) async fn send(self, call: &Call) -> Answer<Response> {
        self.with_token(|token| async move { ok_or_problem(call.fetch(Some(&token)).await?).await })
            .await
    }

    /// `call` with the token, its 2xx body decoded as `T`.
    pub(super) async fn json<T: DeserializeOwned>(self, call: Call) -> Answer<T> {
        decode(self.send(&call).await?).await
    }

    /// `call` with the token, its 2xx body decoded as `T` with its `ETag`.
    pub(super) async fn tagged<T: DeserializeOwned>(self, call: Call) -> Answer<Tagged<T>> {
        let response = self.send(&call).await?;
        let etag = response.headers().get("ETag");
        decode(response).await.map(|value| Tagged { value, etag })
    }

    /// `call` with the token, for a 2xx without a body we care about (204, 202).
    pub(super) async fn no_content(self, call: Call) -> Answer<()> {
        self.send(&call).await.map(drop)
    }

    /// `GET path` with the token.
    pub(super) async fn get<T: DeserializeOwned>(self, path: &str) -> Answer<T> {
        self.json(Call::get(path)).await
    }

    /// `GET path` of a list, with its query's parameters (`pairs`).
    pub(super) async fn get_list<T: DeserializeOwned>(
        self,
        path: &str,
        pairs: &[(&'static str, String)],
    ) -> Answer<T> {
        self.get(&format!("{path}{}", query_string(pairs))).await
    }

    /// `POST path` with the token and a JSON body.
    pub(super) async fn post<B: Serialize, T: DeserializeOwned>(
        self,
        path: &str,
        body: &B,
    ) -> Answer<T> {
        self.json(Call::post(path, body)?).await
    }

    /// `call` without a token (the endpoints before sign-in).
    pub(super) async fn public<T: DeserializeOwned>(call: Call) -> Answer<T> {
        Self::once(&call, None).await
    }

    /// `call` once, with `token` as it is (no refresh), its 2xx body decoded.
    pub(super) async fn once<T: DeserializeOwned>(call: &Call, token: Option<&str>) -> Answer<T> {
        decode(ok_or_problem(call.fetch(token).await?).await?).await
    }

    /// `call` without a token, for a 2xx without a body we care about.
    pub(super) async fn public_no_content(call: Call) -> Answer<()> {
        ok_or_problem(call.fetch(None).await?).await.map(drop)
    }

    /// `call` without a token, keeping the `Retry-After` of a refusal (the
    /// rate-limited endpoints: login, requests for access).
    pub(super) async fn public_limited(call: Call) -> Result<Response, LoginRefused> {
        let response = call.fetch(None).await?;
        let retry_after_secs = response
            .headers()
            .get("Retry-After")
            .and_then(|value| retry_after_secs(&value));
        ok_or_problem(response).await.map_err(|error| LoginRefused {
            error,
            retry_after_secs,
        })
    }
}

/// One request: method, URL, extra headers and the body.
pub(super) struct Call {
    method: Method,
    url: String,
    headers: Vec<(&'static str, String)>,
    body: Option<Body>,
}

/// What a request sends.
enum Body {
    Json(String),
    /// A file's bytes as they are (an import's CSV), of this media type.
    File(Blob, &'static str),
}

// The app's error carries the whole problem document (152 bytes on a 64-bit
// host, under the lint's limit on wasm32, where the app runs); it is made
// once per failed request, so boxing it would buy nothing.
#[allow(clippy::result_large_err)]
impl Call {
    fn new(method: Method, path: &str, json: Option<String>) -> Self {
        Self {
            method,
            url: url(path),
            headers: Vec::new(),
            body: json.map(Body::Json),
        }
    }

    fn with_json<B: Serialize>(method: Method, path: &str, body: &B) -> Answer<Self> {
        let json = serde_json::to_string(body).map_err(gloo_net::Error::from)?;
        Ok(Self::new(method, path, Some(json)))
    }

    pub(super) fn get(path: &str) -> Self {
        Self::new(Method::GET, path, None)
    }

    /// A `GET` of a whole API URL (a link the server or [`url`] made).
    pub(super) fn get_url(href: &str) -> Self {
        Self {
            url: href.to_owned(),
            ..Self::get("")
        }
    }

    pub(super) fn post<B: Serialize>(path: &str, body: &B) -> Answer<Self> {
        Self::with_json(Method::POST, path, body)
    }

    /// A `POST` with the empty JSON object.
    pub(super) fn post_empty(path: &str) -> Self {
        Self::new(Method::POST, path, Some(EMPTY_JSON.to_owned()))
    }

    /// A `POST` of a file's bytes as the body, sent as `media_type`
    /// (the browser reads the file while sending; a retry sends it again).
    pub(super) fn post_file(path: &str, file: &Blob, media_type: &'static str) -> Self {
        Self {
            body: Some(Body::File(file.clone(), media_type)),
            ..Self::new(Method::POST, path, None)
        }
    }

    pub(super) fn put<B: Serialize>(path: &str, body: &B) -> Answer<Self> {
        Self::with_json(Method::PUT, path, body)
    }

    pub(super) fn patch<B: Serialize>(path: &str, body: &B) -> Answer<Self> {
        Self::with_json(Method::PATCH, path, body)
    }

    pub(super) fn delete(path: &str) -> Self {
        Self::new(Method::DELETE, path, None)
    }

    /// Adds a header (`If-Match`, `Idempotency-Key`), if there is a value.
    pub(super) fn header(mut self, name: &'static str, value: Option<&str>) -> Self {
        if let Some(value) = value {
            self.headers.push((name, value.to_owned()));
        }
        self
    }

    /// Adds `If-Match` with the `ETag` of a record's `version`: the server
    /// answers 412 when the record changed since.
    pub(super) fn if_version(self, version: i32) -> Self {
        self.header("If-Match", Some(&version_tag(version)))
    }

    /// Sends the request, with the bearer token if any: the only place the
    /// `Authorization` header is written (but for an upload's, see
    /// [`authorization`]).
    async fn fetch(&self, token: Option<&str>) -> Answer<Response> {
        let mut builder = RequestBuilder::new(&self.url).method(self.method.clone());
        if let Some(token) = token {
            builder = builder.header("Authorization", &bearer(token));
        }
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        let response = match &self.body {
            Some(Body::Json(json)) => {
                builder
                    .header("Content-Type", "application/json")
                    .body(json.as_str())?
                    .send()
                    .await?
            }
            Some(Body::File(file, media_type)) => {
                builder
                    .header("Content-Type", media_type)
                    .body(file.clone())?
                    .send()
                    .await?
            }
            None => builder.send().await?,
        };
        Ok(response)
    }
}

/// The `Authorization` header of an upload, which goes through
/// `XMLHttpRequest` for its progress events rather than `fetch`.
pub(super) fn authorization(token: &str) -> (&'static str, String) {
    ("Authorization", bearer(token))
}

/// A 2xx response as it is, any other as its problem document.
async fn ok_or_problem(response: Response) -> Answer<Response> {
    if response.ok() {
        Ok(response)
    } else {
        Err(problem(response).await)
    }
}

/// Decodes a 2xx body as `T`.
pub(super) async fn decode<T: DeserializeOwned>(response: Response) -> Answer<T> {
    let status = response.status();
    response
        .json::<T>()
        .await
        .map_err(|e| ApiError::Unexpected {
            status,
            reason: e.to_string(),
        })
}

async fn problem(response: Response) -> ApiError {
    let status = response.status();
    match response.text().await {
        Ok(body) => problem_from_body(status, &body),
        Err(e) => ApiError::Unexpected {
            status,
            reason: e.to_string(),
        },
    }
}

/// A non-2xx body: a problem document if it parses as one.
pub fn problem_from_body(status: u16, body: &str) -> ApiError {
    match serde_json::from_str::<ProblemDetails>(body) {
        Ok(p) => ApiError::Problem(p),
        Err(e) => ApiError::Unexpected {
            status,
            reason: e.to_string(),
        },
    }
}

/// A representation and the `ETag` that names its version, to send back as
/// `If-Match` when changing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged<T> {
    pub value: T,
    pub etag: Option<String>,
}

/// A refused login (or request for access): why, and after a 429 how many
/// seconds the server asks to wait (its `Retry-After` header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginRefused {
    pub error: ApiError,
    pub retry_after_secs: Option<u64>,
}

impl From<ApiError> for LoginRefused {
    fn from(error: ApiError) -> Self {
        Self {
            error,
            retry_after_secs: None,
        }
    }
}

/// A `Retry-After` in seconds (the HTTP-date form is not used by the server).
pub fn retry_after_secs(header: &str) -> Option<u64> {
    header.trim().parse().ok()
}

/// The error of a call made while nobody is signed in.
fn not_signed_in() -> ApiError {
    ApiError::Problem(ProblemDetails {
        type_uri: "about:blank".to_owned(),
        title: "Unauthorized".to_owned(),
        status: 401,
        detail: "Not signed in.".to_owned(),
        code: ProblemCode::Unauthenticated,
        request_id: None,
        errors: Vec::new(),
        restricted_token: None,
    })
}

/// The `ETag` of a record's `version`, sent back as `If-Match`.
pub fn version_tag(version: i32) -> String {
    format!("\"v{version}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_is_sent_back_as_the_etag_the_server_wrote() {
        assert_eq!(version_tag(7), "\"v7\"");
    }

    #[test]
    fn urls_are_under_the_versioned_base() {
        assert_eq!(url("/auth/login"), "/api/v1/auth/login");
        assert_eq!(url("/accounts"), "/api/v1/accounts");
    }

    #[test]
    fn retry_after_is_read_as_seconds() {
        assert_eq!(retry_after_secs(" 120 "), Some(120));
        assert_eq!(retry_after_secs("Wed, 21 Oct 2026 07:28:00 GMT"), None);
    }

    #[test]
    fn bearer_header_has_the_scheme() {
        assert_eq!(bearer("abc"), "Bearer abc");
        assert_eq!(
            authorization("abc"),
            ("Authorization", "Bearer abc".to_owned())
        );
    }

    #[test]
    fn headers_are_added_only_with_a_value() {
        let call = Call::get("/x")
            .header("If-Match", Some("\"v1\""))
            .header("Idempotency-Key", None);
        assert_eq!(call.headers, [("If-Match", "\"v1\"".to_owned())]);
        assert!(matches!(Call::post_empty("/x").body, Some(Body::Json(json)) if json == "{}"));
        assert_eq!(Call::get("/me").url, "/api/v1/me");
        assert_eq!(Call::get_url("/api/v1/f.zip").url, "/api/v1/f.zip");
    }

    #[test]
    fn problem_bodies_decode_into_problem_details() {
        let body = r#"{"type":"https://csportal.example/problems/invalid_credentials","title":"Unauthorized",
            "status":401,"detail":"wrong","code":"invalid_credentials","request_id":"r-42"}"#;
        let err = problem_from_body(401, body);
        assert_eq!(err.code(), Some(ProblemCode::InvalidCredentials));
        assert_eq!(err.request_id(), Some("r-42"));
    }

    #[test]
    fn other_bodies_are_unexpected_with_their_status() {
        match problem_from_body(502, "<html>Bad gateway</html>") {
            ApiError::Unexpected { status, .. } => assert_eq!(status, 502),
            other => panic!("expected Unexpected, got {other:?}"),
        }
    }
}

//! One async function per endpoint. Same origin, so the refresh cookie
//! (HttpOnly, path `/api/v1/auth`) travels with the auth calls by itself.

use super::ApiError;
use crate::query::{
    access_request_query_pairs, case_query_pairs, contract_query_pairs, product_query_pairs,
    query_string, security_log_query_pairs, user_query_pairs,
};
use api_types::{
    AccessRequestDto, AccessRequestPage, AccessRequestQuery, AccountListResponse, AccountResponse,
    ApproveAccessRequest, CaseDetail, CasePage, CaseQuery, ChangePasswordRequest, ContactCentreDto,
    ContractDetail, ContractPage, ContractQuery, CreateAccessRequest, CreateActivityRequest,
    CreateCaseRequest, CreateUserRequest, DashboardResponse, InstalledProductDetail,
    InstalledProductPage, InstalledProductQuery, LinkInfo, LinkTokenRequest, LoginRequest,
    MeResponse, MfaCodeRequest, MfaEnabledResponse, MfaPolicy, MfaSetupResponse,
    PasswordConfirmation, PasswordResetRequest, ProblemDetails, RecoveryCodesResponse,
    RejectAccessRequest, SecurityLogPage, SecurityLogQuery, SetPasswordRequest, TokenResponse,
    UpdateCustomDetailsRequest, UpdateSettingsRequest, UpdateUserRequest, UserDetail, UserPage,
    UserQuery, WarrantyPage,
};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use std::fmt::Display;

/// Where the REST API lives, relative to the app's origin.
pub const API_BASE: &str = "/api/v1";

/// The full URL of an API path such as `/accounts`.
pub fn url(path: &str) -> String {
    format!("{API_BASE}{path}")
}

/// `Authorization` header value for an access token.
pub(super) fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// The empty JSON object the auth endpoints take when the cookie carries the token.
const EMPTY_JSON: &str = "{}";

fn post_empty(path: &str) -> RequestBuilder {
    Request::post(&url(path)).header("Content-Type", "application/json")
}

/// Decodes a 2xx body as `T`, any other status as a problem document.
async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    if response.ok() {
        response
            .json::<T>()
            .await
            .map_err(|e| ApiError::Unexpected {
                status,
                reason: e.to_string(),
            })
    } else {
        Err(problem(response).await)
    }
}

/// A 2xx with no body we care about (204).
async fn expect_success(response: Response) -> Result<(), ApiError> {
    if response.ok() {
        Ok(())
    } else {
        Err(problem(response).await)
    }
}

pub(super) async fn problem(response: Response) -> ApiError {
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

/// `POST /auth/login`: tokens, and the refresh cookie. After a right
/// password: 401 `mfa_required` until `mfa_code` is sent (401
/// `invalid_mfa_code` when it is wrong); 403 `password_expired` or
/// `mfa_enrollment_required`, each with a `restricted_token`.
pub async fn login(request: &LoginRequest) -> Result<TokenResponse, LoginRefused> {
    let response = Request::post(&url("/auth/login"))
        .json(request)
        .map_err(ApiError::from)?
        .send()
        .await
        .map_err(ApiError::from)?;
    let retry_after_secs = response
        .headers()
        .get("Retry-After")
        .and_then(|value| retry_after_secs(&value));
    decode(response).await.map_err(|error| LoginRefused {
        error,
        retry_after_secs,
    })
}

/// A `Retry-After` in seconds (the HTTP-date form is not used by the server).
pub fn retry_after_secs(header: &str) -> Option<u64> {
    header.trim().parse().ok()
}

/// `POST /auth/password-reset`: 202 whether or not an account has the address.
pub async fn request_password_reset(request: &PasswordResetRequest) -> Result<(), ApiError> {
    let response = Request::post(&url("/auth/password-reset"))
        .json(request)?
        .send()
        .await?;
    expect_success(response).await
}

/// `POST /auth/links/check`: what an activation or reset link is for; 410
/// `link_expired` / `link_used`, 404 `link_invalid`.
pub async fn check_link(request: &LinkTokenRequest) -> Result<LinkInfo, ApiError> {
    let response = Request::post(&url("/auth/links/check"))
        .json(request)?
        .send()
        .await?;
    decode(response).await
}

/// `POST /auth/links/set-password`: 204 once the password is set.
pub async fn set_password(request: &SetPasswordRequest) -> Result<(), ApiError> {
    let response = Request::post(&url("/auth/links/set-password"))
        .json(request)?
        .send()
        .await?;
    expect_success(response).await
}

/// `POST /auth/password` with an access token or a `restricted_token`:
/// a new session (every other one ends).
pub async fn change_password(
    token: &str,
    request: &ChangePasswordRequest,
) -> Result<TokenResponse, ApiError> {
    let response = Request::post(&url("/auth/password"))
        .header("Authorization", &bearer(token))
        .json(request)?
        .send()
        .await?;
    decode(response).await
}

/// `POST /auth/refresh` with the cookie: a rotated pair, or 401.
pub async fn refresh() -> Result<TokenResponse, ApiError> {
    let response = post_empty("/auth/refresh").body(EMPTY_JSON)?.send().await?;
    decode(response).await
}

/// `POST /auth/logout`: revokes the refresh token and clears the cookie.
pub async fn logout(token: &str) -> Result<(), ApiError> {
    let response = post_empty("/auth/logout")
        .header("Authorization", &bearer(token))
        .body(EMPTY_JSON)?
        .send()
        .await?;
    expect_success(response).await
}

/// `GET /me`: the signed-in user.
pub async fn me(token: &str) -> Result<MeResponse, ApiError> {
    get_json("/me", token).await
}

/// `PATCH /me/settings`: the user with the new language, zone and formats.
pub async fn update_settings(
    token: &str,
    request: &UpdateSettingsRequest,
) -> Result<MeResponse, ApiError> {
    let response = Request::patch(&url("/me/settings"))
        .header("Authorization", &bearer(token))
        .json(request)?
        .send()
        .await?;
    decode(response).await
}

/// `POST path` with a JSON body and the bearer token.
async fn post_json<B: serde::Serialize>(
    path: &str,
    token: &str,
    body: &B,
) -> Result<Response, ApiError> {
    Ok(Request::post(&url(path))
        .header("Authorization", &bearer(token))
        .json(body)?
        .send()
        .await?)
}

/// `POST /me/mfa/setup` with an access token or the `restricted_token` of an
/// `mfa_enrollment_required` login: a new secret, pending until
/// [`mfa_enable`] confirms it with a code.
pub async fn mfa_setup(token: &str) -> Result<MfaSetupResponse, ApiError> {
    let response = post_empty(MFA_SETUP)
        .header("Authorization", &bearer(token))
        .body(EMPTY_JSON)?
        .send()
        .await?;
    decode(response).await
}

/// `POST /me/mfa/enable`: the ten recovery codes (and a session when enrolled
/// with the restricted token); 422 `invalid_mfa_code` on field `code`, 409
/// when no setup is pending.
pub async fn mfa_enable(
    token: &str,
    request: &MfaCodeRequest,
) -> Result<MfaEnabledResponse, ApiError> {
    decode(post_json(MFA_ENABLE, token, request).await?).await
}

/// `POST /me/mfa/disable`: 204; 422 `wrong_password`, 409 when the parent
/// account requires a second factor.
pub async fn mfa_disable(token: &str, request: &PasswordConfirmation) -> Result<(), ApiError> {
    expect_success(post_json(MFA_DISABLE, token, request).await?).await
}

/// `POST /me/mfa/recovery-codes`: ten new codes (the old ones stop working);
/// 422 `wrong_password`, 409 when no second factor is enrolled.
pub async fn mfa_recovery_codes(
    token: &str,
    request: &PasswordConfirmation,
) -> Result<RecoveryCodesResponse, ApiError> {
    decode(post_json(MFA_RECOVERY_CODES, token, request).await?).await
}

/// `GET /mfa-policy`: a Manager's own parent account; an Admin names one.
pub async fn mfa_policy(token: &str, parent_account: Option<&str>) -> Result<MfaPolicy, ApiError> {
    get_json(&mfa_policy_path(parent_account), token).await
}

/// `PUT /mfa-policy`: the requirement as saved.
pub async fn set_mfa_policy(token: &str, request: &MfaPolicy) -> Result<MfaPolicy, ApiError> {
    let response = Request::put(&url(MFA_POLICY))
        .header("Authorization", &bearer(token))
        .json(request)?
        .send()
        .await?;
    decode(response).await
}

const MFA_SETUP: &str = "/me/mfa/setup";
const MFA_ENABLE: &str = "/me/mfa/enable";
const MFA_DISABLE: &str = "/me/mfa/disable";
const MFA_RECOVERY_CODES: &str = "/me/mfa/recovery-codes";
const MFA_POLICY: &str = "/mfa-policy";

fn mfa_policy_path(parent_account: Option<&str>) -> String {
    let pairs: Vec<(&'static str, String)> = parent_account
        .map(|id| ("parent_account", id.to_owned()))
        .into_iter()
        .collect();
    format!("{MFA_POLICY}{}", query_string(&pairs))
}

/// `GET /users`: one page of the users the caller manages.
pub async fn users(token: &str, query: &UserQuery) -> Result<UserPage, ApiError> {
    let path = format!("/users{}", query_string(&user_query_pairs(query)));
    get_json(&path, token).await
}

/// `POST /users`: 201 with the new user, who gets an activation email.
pub async fn create_user(token: &str, request: &CreateUserRequest) -> Result<UserDetail, ApiError> {
    let response = Request::post(&url("/users"))
        .header("Authorization", &bearer(token))
        .json(request)?
        .send()
        .await?;
    decode(response).await
}

/// `GET /users/{id}`, and its `ETag`.
pub async fn user(token: &str, id: impl Display) -> Result<Tagged<UserDetail>, ApiError> {
    let response = Request::get(&url(&user_path(id)))
        .header("Authorization", &bearer(token))
        .send()
        .await?;
    decode_tagged(response).await
}

/// `PATCH /users/{id}` with `If-Match`: 412 when the user changed meanwhile.
pub async fn update_user(
    token: &str,
    id: impl Display,
    etag: &str,
    request: &UpdateUserRequest,
) -> Result<Tagged<UserDetail>, ApiError> {
    let response = Request::patch(&url(&user_path(id)))
        .header("Authorization", &bearer(token))
        .header("If-Match", etag)
        .json(request)?
        .send()
        .await?;
    decode_tagged(response).await
}

/// `POST /users/{id}/activation-email`: 202, a new activation link is on its way.
pub async fn send_activation_email(token: &str, id: impl Display) -> Result<(), ApiError> {
    let response = post_empty(&format!("{}/activation-email", user_path(id)))
        .header("Authorization", &bearer(token))
        .body(EMPTY_JSON)?
        .send()
        .await?;
    expect_success(response).await
}

fn user_path(id: impl Display) -> String {
    format!("/users/{id}")
}

/// `POST /access-requests` (no login): 202 whether or not the identifiers
/// matched anything; the requester gets a confirmation email.
pub async fn create_access_request(request: &CreateAccessRequest) -> Result<(), LoginRefused> {
    let response = Request::post(&url(ACCESS_REQUESTS))
        .json(request)
        .map_err(ApiError::from)?
        .send()
        .await
        .map_err(ApiError::from)?;
    let retry_after_secs = response
        .headers()
        .get("Retry-After")
        .and_then(|value| retry_after_secs(&value));
    expect_success(response)
        .await
        .map_err(|error| LoginRefused {
            error,
            retry_after_secs,
        })
}

/// `GET /access-requests`: one page of the requests the caller may decide, newest first.
pub async fn access_requests(
    token: &str,
    query: &AccessRequestQuery,
) -> Result<AccessRequestPage, ApiError> {
    let path = format!(
        "{ACCESS_REQUESTS}{}",
        query_string(&access_request_query_pairs(query))
    );
    get_json(&path, token).await
}

/// `GET /access-requests/{id}`: 404 when the caller may not see it.
pub async fn access_request(token: &str, id: impl Display) -> Result<AccessRequestDto, ApiError> {
    get_json(&access_request_path(id), token).await
}

/// `POST /access-requests/{id}/approve`: 201 with the new user, who gets an
/// activation email; 409 when the request was already decided.
pub async fn approve_access_request(
    token: &str,
    id: impl Display,
    request: &ApproveAccessRequest,
) -> Result<UserDetail, ApiError> {
    let response = Request::post(&url(&format!("{}/approve", access_request_path(id))))
        .header("Authorization", &bearer(token))
        .json(request)?
        .send()
        .await?;
    decode(response).await
}

/// `POST /access-requests/{id}/reject`: the request as decided; the
/// requester is emailed the reason.
pub async fn reject_access_request(
    token: &str,
    id: impl Display,
    request: &RejectAccessRequest,
) -> Result<AccessRequestDto, ApiError> {
    let response = Request::post(&url(&format!("{}/reject", access_request_path(id))))
        .header("Authorization", &bearer(token))
        .json(request)?
        .send()
        .await?;
    decode(response).await
}

const ACCESS_REQUESTS: &str = "/access-requests";

fn access_request_path(id: impl Display) -> String {
    format!("{ACCESS_REQUESTS}/{id}")
}

/// `GET /security-log`: one page of security events, newest first.
pub async fn security_log(
    token: &str,
    query: &SecurityLogQuery,
) -> Result<SecurityLogPage, ApiError> {
    let path = format!(
        "/security-log{}",
        query_string(&security_log_query_pairs(query))
    );
    get_json(&path, token).await
}

/// `GET /accounts`: the accounts the caller may see.
pub async fn accounts(token: &str) -> Result<AccountListResponse, ApiError> {
    get_json("/accounts", token).await
}

/// `GET /accounts/{id}`: one account, or 404 when it is outside the caller's scope.
#[allow(dead_code)] // the account page is the next screen to use it
pub async fn account(token: &str, id: impl Display) -> Result<AccountResponse, ApiError> {
    get_json(&account_path(id), token).await
}

fn account_path(id: impl Display) -> String {
    format!("/accounts/{id}")
}

/// `GET /dashboard`: the home page's counts.
pub async fn dashboard(token: &str) -> Result<DashboardResponse, ApiError> {
    get_json("/dashboard", token).await
}

/// `GET /installed-products`: one page of the visible installed products.
pub async fn installed_products(
    token: &str,
    query: &InstalledProductQuery,
) -> Result<InstalledProductPage, ApiError> {
    let path = format!(
        "/installed-products{}",
        query_string(&product_query_pairs(query))
    );
    get_json(&path, token).await
}

/// A representation and the `ETag` that names its version, to send back as
/// `If-Match` when changing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged<T> {
    pub value: T,
    pub etag: Option<String>,
}

async fn decode_tagged<T: DeserializeOwned>(response: Response) -> Result<Tagged<T>, ApiError> {
    let etag = response.headers().get("ETag");
    decode(response).await.map(|value| Tagged { value, etag })
}

/// `GET /installed-products/{id}`: everything about one product, and its `ETag`.
pub async fn installed_product(
    token: &str,
    id: impl Display,
) -> Result<Tagged<InstalledProductDetail>, ApiError> {
    let response = Request::get(&url(&installed_product_path(id)))
        .header("Authorization", &bearer(token))
        .send()
        .await?;
    decode_tagged(response).await
}

/// `PUT /installed-products/{id}/custom-details` with `If-Match`: 412 when
/// someone else changed the product since `etag` was read.
pub async fn update_custom_details(
    token: &str,
    id: impl Display,
    etag: Option<&str>,
    request: &UpdateCustomDetailsRequest,
) -> Result<Tagged<InstalledProductDetail>, ApiError> {
    let mut builder =
        Request::put(&url(&custom_details_path(id))).header("Authorization", &bearer(token));
    if let Some(etag) = etag {
        builder = builder.header("If-Match", etag);
    }
    let response = builder.json(request)?.send().await?;
    decode_tagged(response).await
}

fn installed_product_path(id: impl Display) -> String {
    format!("/installed-products/{id}")
}

fn custom_details_path(id: impl Display) -> String {
    format!("/installed-products/{id}/custom-details")
}

fn contract_path(id: impl Display) -> String {
    format!("/contracts/{id}")
}

/// `GET /contracts`: one page of the contracts covering visible products.
pub async fn contracts(token: &str, query: &ContractQuery) -> Result<ContractPage, ApiError> {
    let path = format!("/contracts{}", query_string(&contract_query_pairs(query)));
    get_json(&path, token).await
}

/// `GET /contracts/{id}`: a contract with its line items.
pub async fn contract(token: &str, id: impl Display) -> Result<ContractDetail, ApiError> {
    get_json(&contract_path(id), token).await
}

/// `GET /warranties`: one page of the warranties of visible products.
pub async fn warranties(token: &str, query: &ContractQuery) -> Result<WarrantyPage, ApiError> {
    let path = format!("/warranties{}", query_string(&contract_query_pairs(query)));
    get_json(&path, token).await
}

/// `GET /cases`: one page of the visible cases.
pub async fn cases(token: &str, query: &CaseQuery) -> Result<CasePage, ApiError> {
    let path = format!("/cases{}", query_string(&case_query_pairs(query)));
    get_json(&path, token).await
}

/// `GET /cases/{id}`: a case with its timeline; 404 when it is not visible.
pub async fn case(token: &str, id: impl Display) -> Result<CaseDetail, ApiError> {
    get_json(&case_path(id), token).await
}

/// `POST /cases` with an `Idempotency-Key`: a retry with the same key and
/// body answers the first response instead of making a second case.
pub async fn create_case(
    token: &str,
    idempotency_key: &str,
    request: &CreateCaseRequest,
) -> Result<CaseDetail, ApiError> {
    let response = Request::post(&url("/cases"))
        .header("Authorization", &bearer(token))
        .header("Idempotency-Key", idempotency_key)
        .json(request)?
        .send()
        .await?;
    decode(response).await
}

/// `POST /cases/{id}/activities`: the case as it is after the new entry.
pub async fn add_case_activity(
    token: &str,
    id: impl Display,
    request: &CreateActivityRequest,
) -> Result<CaseDetail, ApiError> {
    let response = Request::post(&url(&case_activities_path(id)))
        .header("Authorization", &bearer(token))
        .json(request)?
        .send()
        .await?;
    decode(response).await
}

/// `GET /installed-products/{id}/contact-centre`: where to phone a critical case.
pub async fn contact_centre(
    token: &str,
    installed_product: impl Display,
) -> Result<ContactCentreDto, ApiError> {
    let path = format!(
        "{}/contact-centre",
        installed_product_path(installed_product)
    );
    get_json(&path, token).await
}

fn case_path(id: impl Display) -> String {
    format!("/cases/{id}")
}

fn case_activities_path(id: impl Display) -> String {
    format!("/cases/{id}/activities")
}

/// `POST` here: one or more files as `multipart/form-data`.
pub fn case_attachments_url(id: impl Display) -> String {
    url(&format!("/cases/{id}/attachments"))
}

/// All of a case's attachments as one zip file.
pub fn attachments_zip_url(id: impl Display) -> String {
    url(&format!("/cases/{id}/attachments.zip"))
}

/// The pre-filled bench repair form of a bench repair case.
pub fn bench_repair_form_url(id: impl Display) -> String {
    url(&format!("/cases/{id}/bench-repair-form.pdf"))
}

async fn get_json<T: DeserializeOwned>(path: &str, token: &str) -> Result<T, ApiError> {
    let response = Request::get(&url(path))
        .header("Authorization", &bearer(token))
        .send()
        .await?;
    decode(response).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use api_types::ProblemCode;

    #[test]
    fn urls_are_under_the_versioned_base() {
        assert_eq!(url("/auth/login"), "/api/v1/auth/login");
        assert_eq!(url("/accounts"), "/api/v1/accounts");
    }

    #[test]
    fn account_path_embeds_the_id() {
        assert_eq!(url(&account_path("7d9c")), "/api/v1/accounts/7d9c");
    }

    #[test]
    fn installed_product_paths_embed_the_id() {
        assert_eq!(
            url(&installed_product_path("ab12")),
            "/api/v1/installed-products/ab12"
        );
        assert_eq!(
            url(&custom_details_path("ab12")),
            "/api/v1/installed-products/ab12/custom-details"
        );
        assert_eq!(url(&contract_path("c9")), "/api/v1/contracts/c9");
    }

    #[test]
    fn case_paths_embed_the_id() {
        assert_eq!(url(&case_path("k1")), "/api/v1/cases/k1");
        assert_eq!(
            url(&case_activities_path("k1")),
            "/api/v1/cases/k1/activities"
        );
        assert_eq!(case_attachments_url("k1"), "/api/v1/cases/k1/attachments");
        assert_eq!(
            attachments_zip_url("k1"),
            "/api/v1/cases/k1/attachments.zip"
        );
        assert_eq!(
            bench_repair_form_url("k1"),
            "/api/v1/cases/k1/bench-repair-form.pdf"
        );
    }

    #[test]
    fn user_paths_embed_the_id() {
        assert_eq!(url(&user_path("u1")), "/api/v1/users/u1");
    }

    #[test]
    fn second_factor_paths() {
        assert_eq!(url(MFA_SETUP), "/api/v1/me/mfa/setup");
        assert_eq!(url(MFA_ENABLE), "/api/v1/me/mfa/enable");
        assert_eq!(url(MFA_DISABLE), "/api/v1/me/mfa/disable");
        assert_eq!(url(MFA_RECOVERY_CODES), "/api/v1/me/mfa/recovery-codes");
        assert_eq!(url(&mfa_policy_path(None)), "/api/v1/mfa-policy");
        assert_eq!(
            url(&mfa_policy_path(Some("p-1"))),
            "/api/v1/mfa-policy?parent_account=p-1"
        );
    }

    #[test]
    fn access_request_paths_embed_the_id() {
        assert_eq!(url(ACCESS_REQUESTS), "/api/v1/access-requests");
        assert_eq!(
            url(&access_request_path("r1")),
            "/api/v1/access-requests/r1"
        );
    }

    #[test]
    fn retry_after_is_read_as_seconds() {
        assert_eq!(retry_after_secs(" 120 "), Some(120));
        assert_eq!(retry_after_secs("Wed, 21 Oct 2026 07:28:00 GMT"), None);
    }

    #[test]
    fn bearer_header_has_the_scheme() {
        assert_eq!(bearer("abc"), "Bearer abc");
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

//! The signed-in user's second factor, and a parent account's MFA policy.

use crate::auth::service;
use crate::auth::{AuthUser, MfaEnroller};
use crate::error::ApiError;
use crate::identity::client::ClientAddress;
use crate::identity::mfa;
use crate::state::AppState;
use actix_web::{get, post, put, web, HttpResponse};
use api_types::{
    MfaCodeRequest, MfaEnabledResponse, MfaPolicy, MfaSetupResponse, PasswordConfirmation,
    ProblemDetails, RecoveryCodesResponse,
};
use domain::AccountId;

/// Starts enrolling a second factor: a new secret and its QR code. Works
/// with an access token or the `restricted_token` of an
/// `mfa_enrollment_required` login answer.
#[utoipa::path(
    tag = "auth",
    security(("bearer_jwt" = [])),
    responses(
        (status = 200, body = MfaSetupResponse),
        (status = 401, description = "No valid token", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/me/mfa/setup")]
pub async fn mfa_setup(
    state: web::Data<AppState>,
    caller: MfaEnroller,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(mfa::setup(&state, &caller.user).await?))
}

/// Confirms enrolment with a code from the app; answers ten recovery codes
/// (and a session when enrolling with the restricted token).
#[utoipa::path(
    tag = "auth",
    security(("bearer_jwt" = [])),
    request_body = MfaCodeRequest,
    responses(
        (status = 200, body = MfaEnabledResponse),
        (status = 409, description = "No enrolment started", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "The code does not match", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/me/mfa/enable")]
pub async fn mfa_enable(
    state: web::Data<AppState>,
    caller: MfaEnroller,
    client: ClientAddress,
    body: web::Json<MfaCodeRequest>,
) -> Result<HttpResponse, ApiError> {
    let recovery_codes = mfa::enable(&state, &caller.user, &body.code, &client).await?;
    if !caller.restricted {
        return Ok(HttpResponse::Ok().json(MfaEnabledResponse {
            recovery_codes,
            session: None,
        }));
    }
    let tokens = service::open_session(&state, &caller.user, &client).await?;
    Ok(HttpResponse::Ok()
        .cookie(super::session_cookie(&state, &tokens))
        .json(MfaEnabledResponse {
            recovery_codes,
            session: Some(super::token_body(tokens)),
        }))
}

/// Turns the second factor off (not when the parent account requires it).
#[utoipa::path(
    tag = "auth",
    security(("bearer_jwt" = [])),
    request_body = PasswordConfirmation,
    responses(
        (status = 204, description = "Turned off"),
        (status = 409, description = "The parent account requires a second factor", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "The password is wrong", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/me/mfa/disable")]
pub async fn mfa_disable(
    state: web::Data<AppState>,
    auth: AuthUser,
    client: ClientAddress,
    body: web::Json<PasswordConfirmation>,
) -> Result<HttpResponse, ApiError> {
    mfa::disable(&state, &auth.user, &body.password, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Ten new recovery codes; the earlier ones stop working.
#[utoipa::path(
    tag = "auth",
    security(("bearer_jwt" = [])),
    request_body = PasswordConfirmation,
    responses(
        (status = 200, body = RecoveryCodesResponse),
        (status = 409, description = "No second factor enrolled", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "The password is wrong", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/me/mfa/recovery-codes")]
pub async fn mfa_recovery_codes(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: web::Json<PasswordConfirmation>,
) -> Result<HttpResponse, ApiError> {
    let recovery_codes = mfa::new_codes(&state, &auth.user, &body.password).await?;
    Ok(HttpResponse::Ok().json(RecoveryCodesResponse { recovery_codes }))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PolicyQuery {
    /// Admins: the parent account.
    pub parent_account: Option<uuid::Uuid>,
}

/// Whether the parent account requires a second factor of every user
/// (Managers: their own; Admins: `parent_account`).
#[utoipa::path(
    tag = "users",
    security(("bearer_jwt" = [])),
    params(PolicyQuery),
    responses(
        (status = 200, body = MfaPolicy),
        (status = 403, description = "Only Managers and Admins", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "An Admin named no parent account that exists", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "An Admin must name the parent account (`parent_account_id` required)", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[get("/mfa-policy")]
pub async fn get_mfa_policy(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<PolicyQuery>,
) -> Result<HttpResponse, ApiError> {
    let (parent, required) = mfa::policy(
        &state,
        &auth.user,
        query.parent_account.map(AccountId::from_uuid),
    )
    .await?;
    Ok(HttpResponse::Ok().json(MfaPolicy {
        required,
        parent_account_id: Some(parent.as_uuid()),
    }))
}

/// Requires (or stops requiring) a second factor of every user of the
/// parent account; users without one enrol at their next login.
#[utoipa::path(
    tag = "users",
    security(("bearer_jwt" = [])),
    request_body = MfaPolicy,
    responses(
        (status = 200, body = MfaPolicy),
        (status = 403, description = "Only Managers and Admins", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "An Admin named no parent account that exists", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "An Admin must name the parent account (`parent_account_id` required)", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[put("/mfa-policy")]
pub async fn put_mfa_policy(
    state: web::Data<AppState>,
    auth: AuthUser,
    client: ClientAddress,
    body: web::Json<MfaPolicy>,
) -> Result<HttpResponse, ApiError> {
    let (parent, required) = mfa::set_policy(
        &state,
        &auth.user,
        body.parent_account_id.map(AccountId::from_uuid),
        body.required,
        &client,
    )
    .await?;
    Ok(HttpResponse::Ok().json(MfaPolicy {
        required,
        parent_account_id: Some(parent.as_uuid()),
    }))
}

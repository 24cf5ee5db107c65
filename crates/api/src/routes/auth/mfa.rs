//! The signed-in user's second factor, and a parent account's MFA policy.

use crate::routes::answers;

use crate::auth::service;
use crate::auth::{AuthUser, MfaEnroller};
use crate::identity::client::ClientAddress;
use crate::identity::mfa;
use crate::routes::{AppData, Reply};
use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use api_types::{
    MfaCodeRequest, MfaEnabledResponse, MfaPolicy, MfaSetupResponse, PasswordConfirmation,
    RecoveryCodesResponse,
};
use domain::AccountId;

/// Starts enrolling, or replacing, a second factor: a new secret and its QR
/// code. With an access token the body confirms the current password (and,
/// when a factor is on, a current code); with the `restricted_token` of an
/// `mfa_enrollment_required` login, whose password was just checked, no body
/// is needed.
#[utoipa::path(
    request_body(content = PasswordConfirmation, description = "Ignored with the restricted token"),
    responses(
        (status = 200, body = MfaSetupResponse),
        answers::OwnerNotConfirmed,
    )
)]
#[post("/me/mfa/setup")]
pub async fn mfa_setup(
    state: AppData,
    caller: MfaEnroller,
    client: ClientAddress,
    body: Option<web::Json<PasswordConfirmation>>,
) -> Reply {
    let confirmation = match (&body, caller.restricted) {
        (_, true) => None,
        (Some(body), false) => Some(&**body),
        (None, false) => return Err(password_required()),
    };
    let setup = mfa::setup(&state, &caller.user, confirmation, &client).await?;
    Ok(HttpResponse::Ok().json(setup))
}

/// A signed-in caller sent no confirmation at all.
fn password_required() -> crate::error::ApiError {
    crate::error::ApiError::Validation(vec![crate::identity::passwords::field_error(
        "password",
        api_types::FieldErrorCode::Required,
        "Confirm with your current password.",
    )])
}

/// Confirms enrolment with a code from the app; answers ten recovery codes
/// (and a session when enrolling with the restricted token).
#[utoipa::path(
    request_body = MfaCodeRequest,
    responses(
        (status = 200, body = MfaEnabledResponse),
        (status = 409, description = "No enrolment started"),
        (status = 422, description = "The code does not match"),
    )
)]
#[post("/me/mfa/enable")]
pub async fn mfa_enable(
    state: AppData,
    req: HttpRequest,
    caller: MfaEnroller,
    client: ClientAddress,
    body: web::Json<MfaCodeRequest>,
) -> Reply {
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
            session: Some(super::token_body(&req, tokens)),
        }))
}

/// Turns the second factor off (not when the parent account requires it).
#[utoipa::path(
    request_body = PasswordConfirmation,
    responses(
        (status = 204, description = "Turned off"),
        (status = 409, description = "The parent account requires a second factor"),
        answers::OwnerNotConfirmed,
    )
)]
#[post("/me/mfa/disable")]
pub async fn mfa_disable(
    state: AppData,
    auth: AuthUser,
    client: ClientAddress,
    body: web::Json<PasswordConfirmation>,
) -> Reply {
    mfa::disable(&state, &auth.user, &body, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Ten new recovery codes; the earlier ones stop working.
#[utoipa::path(
    request_body = PasswordConfirmation,
    responses(
        (status = 200, body = RecoveryCodesResponse),
        (status = 409, description = "No second factor enrolled"),
        answers::OwnerNotConfirmed,
    )
)]
#[post("/me/mfa/recovery-codes")]
pub async fn mfa_recovery_codes(
    state: AppData,
    auth: AuthUser,
    client: ClientAddress,
    body: web::Json<PasswordConfirmation>,
) -> Reply {
    let recovery_codes = mfa::new_codes(&state, &auth.user, &body, &client).await?;
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
    params(PolicyQuery),
    responses(
        (status = 200, body = MfaPolicy),
        answers::ManagersAndAdminsOnly,
        answers::ParentAccountRequired,
    )
)]
#[get("/mfa-policy")]
pub async fn get_mfa_policy(
    state: AppData,
    auth: AuthUser,
    query: web::Query<PolicyQuery>,
) -> Reply {
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
    request_body = MfaPolicy,
    responses(
        (status = 200, body = MfaPolicy),
        answers::ManagersAndAdminsOnly,
        answers::ParentAccountRequired,
    )
)]
#[put("/mfa-policy")]
pub async fn put_mfa_policy(
    state: AppData,
    auth: AuthUser,
    client: ClientAddress,
    body: web::Json<MfaPolicy>,
) -> Reply {
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

use actix_web::{get, HttpResponse};
use api_types::PasswordPolicyResponse;
use domain::account_security::{PASSWORD_HISTORY, PASSWORD_MAX_AGE_DAYS};
use domain::{PasswordPolicy, PasswordRule};

/// The password rules, in the order to show them.
#[utoipa::path(security(()), responses((status = 200, body = PasswordPolicyResponse)))]
#[get("/auth/password-policy")]
pub async fn password_policy() -> HttpResponse {
    let rules = PasswordPolicy::specification();
    let length = |pick: fn(PasswordRule) -> Option<usize>| {
        rules.rules().iter().copied().find_map(pick).unwrap_or(0) as u32
    };
    HttpResponse::Ok().json(PasswordPolicyResponse {
        rules: rules.rules().iter().map(|r| r.code().to_owned()).collect(),
        min_length: length(|r| match r {
            PasswordRule::MinLength { min } => Some(min),
            _ => None,
        }),
        max_length: length(|r| match r {
            PasswordRule::MaxLength { max } => Some(max),
            _ => None,
        }),
        history: PASSWORD_HISTORY as u32,
        max_age_days: PASSWORD_MAX_AGE_DAYS as u32,
    })
}

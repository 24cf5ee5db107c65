pub mod change_password;
pub mod links;
pub mod login;
pub mod logout;
pub mod logout_everywhere;
pub mod me;
pub mod mfa;
pub mod password_policy;
pub mod password_reset;
pub mod refresh;
pub mod settings;

use crate::auth::service::IssuedTokens;
use crate::state::AppState;
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::{HttpRequest, HttpResponse};
use api_types::TokenResponse;

crate::routes::handlers! {
    login::login,
    refresh::refresh,
    logout::logout,
    logout_everywhere::logout_everywhere,
    me::me,
    settings::update_settings,
    change_password::change_password,
    password_reset::request_password_reset,
    links::check_link,
    links::set_password_with_link,
    password_policy::password_policy,
    mfa::mfa_setup,
    mfa::mfa_enable,
    mfa::mfa_disable,
    mfa::mfa_recovery_codes,
    mfa::get_mfa_policy,
    mfa::put_mfa_policy,
}

/// The browser keeps the refresh token only in this cookie: HttpOnly (no script
/// reads it), SameSite=Strict and scoped to the auth routes.
pub const REFRESH_COOKIE: &str = "csportal_refresh";
const REFRESH_COOKIE_PATH: &str = "/api/v1/auth";

fn refresh_cookie(state: &AppState, value: String, max_age_seconds: i64) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, value)
        .path(REFRESH_COOKIE_PATH)
        .http_only(true)
        .secure(state.config.secure_cookies)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::seconds(max_age_seconds))
        .finish()
}

/// The refresh cookie of a new session.
pub(crate) fn session_cookie(state: &AppState, tokens: &IssuedTokens) -> Cookie<'static> {
    let max_age = state
        .config
        .refresh_token_ttl
        .min(state.config.session_max_age)
        .as_secs() as i64;
    refresh_cookie(state, tokens.refresh_token.clone(), max_age)
}

/// Whether the caller is a browser: browsers send `Sec-Fetch-Mode` with
/// every request, and no script can set or remove it. A browser keeps its
/// refresh token in the HttpOnly cookie only, out of reach of any script
/// that gets into the page.
fn from_browser(req: &HttpRequest) -> bool {
    req.headers().contains_key("sec-fetch-mode")
}

/// The JSON answer of a new token pair: the refresh token in it for
/// integrators, not for browsers (they have the cookie).
pub(crate) fn token_body(req: &HttpRequest, tokens: IssuedTokens) -> TokenResponse {
    TokenResponse {
        access_token: tokens.access_token,
        token_type: "Bearer".into(),
        expires_in: tokens.expires_in,
        refresh_token: (!from_browser(req)).then_some(tokens.refresh_token),
    }
}

pub(crate) fn tokens_response(
    state: &AppState,
    req: &HttpRequest,
    tokens: IssuedTokens,
) -> HttpResponse {
    HttpResponse::Ok()
        .cookie(session_cookie(state, &tokens))
        .json(token_body(req, tokens))
}

pub(crate) fn clear_refresh_cookie(state: &AppState) -> Cookie<'static> {
    refresh_cookie(state, String::new(), 0)
}

use super::REFRESH_COOKIE;
use crate::auth::service;
use crate::error::ApiError;
use crate::routes::{AppData, Reply};
use actix_web::{post, web, HttpRequest};
use api_types::{RefreshRequest, TokenResponse};

/// Exchange a refresh token for a new token pair.
///
/// The token comes from the body (integrators) or the `csportal_refresh` cookie
/// (browsers; send `{}`). Each refresh token works once; using a spent one again
/// ends the whole session.
#[utoipa::path(
    security(()),
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens", body = TokenResponse),
        (status = 401, description = "Missing, expired, revoked or reused refresh token"),
        (status = "5XX", description = "Server error"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(state: AppData, req: HttpRequest, body: web::Json<RefreshRequest>) -> Reply {
    let token = body
        .into_inner()
        .refresh_token
        .or_else(|| req.cookie(REFRESH_COOKIE).map(|c| c.value().to_owned()))
        .filter(|t| !t.is_empty())
        .ok_or(ApiError::InvalidToken)?;
    let tokens = service::refresh(&state, &token).await?;
    Ok(super::tokens_response(&state, &req, tokens))
}

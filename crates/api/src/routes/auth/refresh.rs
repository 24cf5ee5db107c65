use super::REFRESH_COOKIE;
use crate::auth::service;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpRequest, HttpResponse};
use api_types::{ProblemDetails, RefreshRequest, TokenResponse};

/// Exchange a refresh token for a new token pair.
///
/// The token comes from the body (integrators) or the `csportal_refresh` cookie
/// (browsers; send `{}`). Each refresh token works once; using a spent one again
/// ends the whole session.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens", body = TokenResponse),
        (status = 401, description = "Missing, expired, revoked or reused refresh token", body = ProblemDetails, content_type = "application/problem+json"),
        (status = "5XX", description = "Server error", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let token = body
        .into_inner()
        .refresh_token
        .or_else(|| req.cookie(REFRESH_COOKIE).map(|c| c.value().to_owned()))
        .filter(|t| !t.is_empty())
        .ok_or(ApiError::InvalidToken)?;
    let tokens = service::refresh(&state, &token).await?;
    Ok(super::tokens_response(&state, tokens))
}

use crate::auth::{service, AuthUser};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};

/// Log out: revokes this session's refresh tokens; its access tokens stop working at once.
#[utoipa::path(
    tag = "auth",
    security(("bearer_jwt" = [])),
    responses(
        (status = 204, description = "Logged out; the refresh cookie is cleared"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, auth: AuthUser) -> Result<HttpResponse, ApiError> {
    service::logout(&state, auth.session_id).await?;
    Ok(HttpResponse::NoContent()
        .cookie(super::clear_refresh_cookie(&state))
        .finish())
}

use crate::auth::service::{self, Logout};
use crate::auth::AuthUser;
use crate::identity::client::ClientAddress;
use crate::routes::{AppData, Reply};
use actix_web::{post, HttpResponse};

/// Log out: revokes this session's refresh tokens; its access tokens stop working at once.
#[utoipa::path(
    responses((status = 204, description = "Logged out; the refresh cookie is cleared"))
)]
#[post("/auth/logout")]
pub async fn logout(state: AppData, auth: AuthUser, client: ClientAddress) -> Reply {
    service::logout(
        &state,
        &auth.user,
        Logout::ThisSession(auth.session_id),
        &client,
    )
    .await?;
    Ok(HttpResponse::NoContent()
        .cookie(super::clear_refresh_cookie(&state))
        .finish())
}

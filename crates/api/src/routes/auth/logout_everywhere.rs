use crate::auth::service::{self, Logout};
use crate::auth::AuthUser;
use crate::identity::client::ClientAddress;
use crate::routes::{AppData, Reply};
use actix_web::{post, HttpResponse};

/// Sign out everywhere: every session of the caller ends, this one
/// included; their access tokens stop working at once.
#[utoipa::path(
    responses((status = 204, description = "Every session ended; the refresh cookie is cleared"))
)]
#[post("/auth/logout-everywhere")]
pub async fn logout_everywhere(state: AppData, auth: AuthUser, client: ClientAddress) -> Reply {
    service::logout(&state, &auth.user, Logout::Everywhere, &client).await?;
    Ok(HttpResponse::NoContent()
        .cookie(super::clear_refresh_cookie(&state))
        .finish())
}

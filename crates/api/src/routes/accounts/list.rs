use crate::auth::AuthUser;
use crate::routes::{AppData, Reply};
use actix_web::{get, HttpResponse};
use api_types::AccountListResponse;
use persistence::repositories::accounts::{self, AccountVisibility};

/// The accounts visible to the caller, sorted by name, each with why: those
/// assigned to them (a Manager: every account of their parent account), and
/// the owner, location and contract-holder accounts of what they see.
#[utoipa::path(
    responses((status = 200, body = AccountListResponse))
)]
#[get("/accounts")]
pub async fn list_accounts(state: AppData, auth: AuthUser) -> Reply {
    let items = accounts::list_with_reasons(&state.db, AccountVisibility::of(&auth.user)).await?;
    Ok(HttpResponse::Ok().json(AccountListResponse {
        total: items.len() as u64,
        items: items
            .into_iter()
            .map(|a| super::account_response(&auth.user, a))
            .collect(),
    }))
}

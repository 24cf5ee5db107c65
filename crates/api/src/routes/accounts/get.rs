use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{AppData, Reply};
use actix_web::{get, web, HttpResponse};
use api_types::AccountResponse;
use domain::AccountId;
use persistence::repositories::accounts::{self, AccountVisibility};
use uuid::Uuid;

/// One account. An account the caller may not see answers 404, exactly like a missing one.
#[utoipa::path(
    params(("id" = Uuid, Path, description = "Account id")),
    responses((status = 200, body = AccountResponse))
)]
#[get("/accounts/{id}")]
pub async fn get_account(state: AppData, auth: AuthUser, id: web::Path<Uuid>) -> Reply {
    let id = AccountId::from_uuid(id.into_inner());
    let account = accounts::find_visible(&state.db, AccountVisibility::of(&auth.user), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(super::account_response(&auth.user, account)))
}

use crate::auth::AuthUser;
use crate::routes::{answers, AppData, IdPath, Reply};
use actix_web::{put, web, HttpResponse};
use api_types::{AccountFieldsDto, AccountResponse};
use domain::AccountId;

/// Replaces an account's name, type, country, city, address, market and
/// source id (portal support only). Where it sits in the tree changes by a
/// move.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Account id")),
    request_body = AccountFieldsDto,
    responses(
        (status = 200, body = AccountResponse),
        answers::AdminsOnly,
        (status = 404, description = "No such account"),
        (status = 409, description = "Another account has the `source_id` (`conflict`)"),
        (status = 422, description = "Invalid fields (each in `errors`)"),
    )
)]
#[put("/accounts/{id}")]
pub async fn update_account(
    state: AppData,
    auth: AuthUser,
    id: IdPath,
    body: web::Json<AccountFieldsDto>,
) -> Reply {
    super::administer(&state, &auth).await?;
    let fields = crate::account_admin::checked(&body)?;
    let id = AccountId::from_uuid(id.into_inner());
    let updated = crate::account_admin::update(&state, &auth.user, id, fields).await?;
    Ok(HttpResponse::Ok().json(super::own_account(&auth, updated)))
}

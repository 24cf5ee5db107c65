use crate::auth::AuthUser;
use crate::routes::{answers, AppData, Reply};
use actix_web::http::header;
use actix_web::{post, web, HttpResponse};
use api_types::{AccountResponse, CreateAccountRequest};
use domain::AccountId;

/// Creates an account (portal support only): under `parent_id`, in that
/// account's customer, or without it as a new customer's parent account.
#[utoipa::path(
    request_body = CreateAccountRequest,
    responses(
        (status = 201, body = AccountResponse, headers(("Location" = String))),
        answers::AdminsOnly,
        (status = 404, description = "No account has the `parent_id`"),
        (status = 409, description = "Another account has the `source_id` (`conflict`)"),
        (status = 422, description = "Invalid fields (each in `errors`)"),
    )
)]
#[post("/accounts")]
pub async fn create_account(
    state: AppData,
    auth: AuthUser,
    body: web::Json<CreateAccountRequest>,
) -> Reply {
    super::administer(&state, &auth).await?;
    let fields = crate::account_admin::checked(&body.account)?;
    let parent = body.parent_id.map(AccountId::from_uuid);
    let created = crate::account_admin::create(&state, &auth.user, parent, fields).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/accounts/{}", created.id)))
        .json(super::own_account(&auth, created)))
}

use crate::auth::AuthUser;
use crate::routes::{answers, AppData, IdPath, Reply};
use actix_web::{post, web, HttpResponse};
use api_types::{AccountMoveDto, DryRunQuery, MoveAccountRequest};
use domain::AccountId;

/// Moves a child account, with every account below it, under `parent_id`
/// (portal support only): within its customer, or to another customer,
/// whose users then see its installed products, contracts and cases. Users
/// of the customer it leaves lose their assignments to it. Ask with
/// `dry_run=true` first: the answer says what moves and which assignments
/// end, and nothing changes.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Account id"), DryRunQuery),
    request_body = MoveAccountRequest,
    responses(
        (status = 200, body = AccountMoveDto),
        answers::AdminsOnly,
        (status = 404, description = "No such account"),
        (status = 422, description = "`parent_id` names no account (`unknown_account`), the account is a parent account (`parent_account_does_not_move`), the new place is the account or below it (`move_into_itself`), or it is there already (`already_there`)"),
    )
)]
#[post("/accounts/{id}/move")]
pub async fn move_account(
    state: AppData,
    auth: AuthUser,
    id: IdPath,
    query: web::Query<DryRunQuery>,
    body: web::Json<MoveAccountRequest>,
) -> Reply {
    super::administer(&state, &auth).await?;
    let id = AccountId::from_uuid(id.into_inner());
    let answer =
        crate::account_admin::move_account(&state, &auth.user, id, &body, query.dry_run).await?;
    Ok(HttpResponse::Ok().json(answer))
}

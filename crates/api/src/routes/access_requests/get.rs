use crate::auth::AuthUser;
use crate::identity::access;
use crate::routes::answers;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{get, HttpResponse};
use api_types::AccessRequestDto;

/// One request for access.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Request id")),
    responses(
        (status = 200, body = AccessRequestDto),
        answers::ManagersAndAdminsOnly,
    )
)]
#[get("/access-requests/{id}")]
pub async fn get_access_request(state: AppData, auth: AuthUser, id: IdPath) -> Reply {
    Ok(HttpResponse::Ok().json(access::get(&state, &auth, id.into_inner()).await?))
}

use crate::auth::AuthUser;
use crate::identity::admin;
use crate::routes::answers;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{get, HttpResponse};
use api_types::UserDetail;
use domain::UserId;

/// One user, with an `ETag` to send back as `If-Match` when changing them.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "User id")),
    responses(
        (status = 200, body = UserDetail, headers(("ETag" = String, description = "The user's version"))),
        answers::ManagersAndAdminsOnly,
        (status = 404, description = "No such user in the caller's parent account"),
    )
)]
#[get("/users/{id}")]
pub async fn get_user(state: AppData, auth: AuthUser, id: IdPath) -> Reply {
    let user = admin::find(&state, &auth, UserId::from_uuid(id.into_inner())).await?;
    Ok(super::user_response(
        HttpResponse::Ok(),
        &user,
        state.clock.now(),
    ))
}

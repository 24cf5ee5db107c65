use crate::auth::AuthUser;
use crate::identity::admin;
use crate::identity::client::ClientAddress;
use crate::routes::answers;
use crate::routes::preconditions;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{patch, web, HttpResponse};
use api_types::{UpdateUserRequest, UserDetail};
use domain::UserId;

/// Changes a user's name, email, role or accounts, or disables or
/// reactivates them. A role change or disabling ends their sessions.
#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "User id"),
        preconditions::IfMatch,
    ),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, body = UserDetail, headers(("ETag" = String, description = "The new version"))),
        answers::ManagersAndAdminsOnly,
        (status = 404, description = "No such user or account in the caller's parent account"),
        (status = 422, description = "Invalid fields"),
    )
)]
#[patch("/users/{id}")]
pub async fn update_user(
    state: AppData,
    auth: AuthUser,
    client: ClientAddress,
    if_match: preconditions::IfMatch,
    id: IdPath,
    body: web::Json<UpdateUserRequest>,
) -> Reply {
    let id = UserId::from_uuid(id.into_inner());
    // Not found before precondition: a foreign id stays a 404 without If-Match too.
    admin::find(&state, &auth, id).await?;
    let expected = if_match.expected_version()?;
    let user = admin::update(&state, &auth, id, expected, &body, &client).await?;
    Ok(super::user_response(
        HttpResponse::Ok(),
        &user,
        state.clock.now(),
    ))
}

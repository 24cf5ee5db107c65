use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::identity::access;
use crate::identity::client::ClientAddress;
use crate::routes::answers;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{post, web, HttpResponse};
use api_types::{ApproveAccessRequest, UserDetail};
use persistence::repositories::users;

/// Approves a request: creates the user in the matched parent account (an
/// Admin may name another) with an activation email.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Request id")),
    request_body = ApproveAccessRequest,
    responses(
        (status = 201, body = UserDetail),
        answers::ManagersAndAdminsOnly,
        (status = 404, description = "No such request, or an account outside the parent account"),
        (status = 409, description = "Decided already (`conflict`) or the user name is taken (`username_taken`)"),
        (status = 422, description = "Invalid fields"),
    )
)]
#[post("/access-requests/{id}/approve")]
pub async fn approve_access_request(
    state: AppData,
    auth: AuthUser,
    client: ClientAddress,
    id: IdPath,
    body: web::Json<ApproveAccessRequest>,
) -> Reply {
    let user_id = access::approve(&state, &auth, id.into_inner(), &body, &client).await?;
    let user = users::find_admin(&state.db, user_id, None)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut builder = HttpResponse::Created();
    builder.insert_header((
        actix_web::http::header::LOCATION,
        format!("/api/v1/users/{user_id}"),
    ));
    Ok(crate::routes::users::user_response(
        builder,
        &user,
        state.clock.now(),
    ))
}

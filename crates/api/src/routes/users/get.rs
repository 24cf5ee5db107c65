use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::identity::admin;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use api_types::{ProblemDetails, UserDetail};
use domain::UserId;

/// One user, with an `ETag` to send back as `If-Match` when changing them.
#[utoipa::path(
    tag = "users",
    security(("bearer_jwt" = [])),
    params(("id" = uuid::Uuid, Path, description = "User id")),
    responses(
        (status = 200, body = UserDetail, headers(("ETag" = String, description = "The user's version"))),
        (status = 403, description = "Only Managers and Admins administer users", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such user in the caller's parent account", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[get("/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let user = admin::find(&state, &auth, UserId::from_uuid(id.into_inner())).await?;
    Ok(super::user_response(
        HttpResponse::Ok(),
        &user,
        state.clock.now(),
    ))
}

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::identity::admin;
use crate::identity::client::ClientAddress;
use crate::routes::preconditions;
use crate::state::AppState;
use actix_web::{patch, web, HttpRequest, HttpResponse};
use api_types::{ProblemDetails, UpdateUserRequest, UserDetail};
use domain::UserId;

/// Changes a user's name, email, role or accounts, or disables or
/// reactivates them. A role change or disabling ends their sessions.
#[utoipa::path(
    tag = "users",
    security(("bearer_jwt" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "User id"),
        ("If-Match" = String, Header, description = "The ETag of the user as last read"),
    ),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, body = UserDetail, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only Managers and Admins administer users", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such user or account in the caller's parent account", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 412, description = "The user changed since it was read", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[patch("/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    auth: AuthUser,
    client: ClientAddress,
    req: HttpRequest,
    id: web::Path<uuid::Uuid>,
    body: web::Json<UpdateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = UserId::from_uuid(id.into_inner());
    // Not found before precondition: a foreign id stays a 404 without If-Match too.
    admin::find(&state, &auth, id).await?;
    let expected = preconditions::expected_version(&req)?;
    let user = admin::update(&state, &auth, id, expected, &body, &client).await?;
    Ok(super::user_response(
        HttpResponse::Ok(),
        &user,
        state.clock.now(),
    ))
}

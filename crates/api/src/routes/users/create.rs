use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::identity::admin;
use crate::identity::client::ClientAddress;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use api_types::{CreateUserRequest, ProblemDetails, UserDetail};

/// Creates a user in the caller's parent account. They get the creator's
/// language, time zone and formats, and an activation email with a link
/// valid for 24 hours.
#[utoipa::path(
    tag = "users",
    security(("bearer_jwt" = [])),
    request_body = CreateUserRequest,
    responses(
        (status = 201, body = UserDetail, headers(("ETag" = String, description = "The user's version"))),
        (status = 403, description = "Only Managers and Admins administer users", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "An account that is not of the caller's parent account", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "The user name is taken (`username_taken`)", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a role the caller may not give", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    auth: AuthUser,
    client: ClientAddress,
    body: web::Json<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let user = admin::create(&state, &auth, &body, &client).await?;
    let mut builder = HttpResponse::Created();
    builder.insert_header((
        actix_web::http::header::LOCATION,
        format!("/api/v1/users/{}", user.user.id),
    ));
    Ok(super::user_response(builder, &user, state.clock.now()))
}

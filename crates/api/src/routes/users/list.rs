use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::identity::admin;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use api_types::{ProblemDetails, UserPage, UserQuery};

/// The users of the caller's parent account (Admins: of all, or of `parent_account`).
#[utoipa::path(
    tag = "users",
    security(("bearer_jwt" = [])),
    params(UserQuery),
    responses(
        (status = 200, body = UserPage),
        (status = 403, description = "Only Managers and Admins administer users", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<UserQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(admin::list(&state, &auth, &query).await?))
}

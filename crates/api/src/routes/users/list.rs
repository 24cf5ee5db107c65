use crate::auth::AuthUser;
use crate::identity::admin;
use crate::routes::answers;
use crate::routes::{AppData, Reply};
use actix_web::{get, web, HttpResponse};
use api_types::{UserPage, UserQuery};

/// The users of the caller's parent account (Admins: of all, or of `parent_account`).
#[utoipa::path(
    params(UserQuery),
    responses(
        (status = 200, body = UserPage),
        answers::ManagersAndAdminsOnly,
    )
)]
#[get("/users")]
pub async fn list_users(state: AppData, auth: AuthUser, query: web::Query<UserQuery>) -> Reply {
    Ok(HttpResponse::Ok().json(admin::list(&state, &auth, &query).await?))
}

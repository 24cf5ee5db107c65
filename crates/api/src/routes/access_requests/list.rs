use crate::auth::AuthUser;
use crate::identity::access;
use crate::routes::answers;
use crate::routes::{AppData, Reply};
use actix_web::{get, web, HttpResponse};
use api_types::{AccessRequestPage, AccessRequestQuery};

/// Requests for access, newest first: all for Admins, those matched to
/// their parent account for Managers.
#[utoipa::path(
    params(AccessRequestQuery),
    responses(
        (status = 200, body = AccessRequestPage),
        answers::ManagersAndAdminsOnly,
    )
)]
#[get("/access-requests")]
pub async fn list_access_requests(
    state: AppData,
    auth: AuthUser,
    query: web::Query<AccessRequestQuery>,
) -> Reply {
    Ok(HttpResponse::Ok().json(access::list(&state, &auth, &query).await?))
}

use crate::auth::AuthUser;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{get, HttpResponse};
use api_types::CaseDetail;
use domain::CaseId;

/// One case with its timeline. Another parent account's case answers 404,
/// exactly like a missing one.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    responses((status = 200, body = CaseDetail, headers(("ETag" = String, description = "The case's version"))))
)]
#[get("/cases/{id}")]
pub async fn get_case(state: AppData, auth: AuthUser, id: IdPath) -> Reply {
    let id = CaseId::from_uuid(id.into_inner());
    super::detail_answer(&state, &auth, id, HttpResponse::Ok()).await
}

use crate::auth::AuthUser;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{get, HttpResponse};
use api_types::DocumentDto;

/// One document, if the caller sees it.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Document id")),
    responses(
        (status = 200, body = DocumentDto),
        (status = 404, description = "No such document for this caller"),
    )
)]
#[get("/documents/{id}")]
pub async fn get_document(state: AppData, auth: AuthUser, id: IdPath) -> Reply {
    let record = crate::documents::published::find(&state, &auth, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(crate::documents::published::dto(record)))
}

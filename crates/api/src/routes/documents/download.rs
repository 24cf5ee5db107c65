use crate::auth::AuthUser;
use crate::routes::files::{send_stored, DownloadQuery};
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{get, web};

/// A document's file, streamed. Saved as a download unless
/// `disposition=inline` asks to show a JPEG, PNG or PDF (the preview).
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Document id"), DownloadQuery),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream"),
        (status = 404, description = "No such document for this caller"),
    )
)]
#[get("/documents/{id}/file")]
pub async fn download_document(
    state: AppData,
    auth: AuthUser,
    id: IdPath,
    query: web::Query<DownloadQuery>,
) -> Reply {
    let id = id.into_inner();
    let record = crate::documents::published::find(&state, &auth, id).await?;
    send_stored(&state, &record.document.file, &query).await
}

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::cases::download_attachment::DownloadQuery;
use crate::routes::files::{file_response, Disposition};
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
    let d = crate::documents::published::find(&state, &auth, id)
        .await?
        .document;
    let disposition = match query.disposition.as_deref() {
        Some("inline") if d.file_type.previewable() => Disposition::Inline,
        _ => Disposition::Attachment,
    };
    let file = state
        .blobs
        .open_blob(&d.storage_key)
        .await
        .map_err(|err| ApiError::internal(anyhow::anyhow!("document {id} file: {err}")))?;
    Ok(file_response(
        file,
        d.size_bytes,
        d.file_type.mime(),
        &d.file_name,
        disposition,
    ))
}

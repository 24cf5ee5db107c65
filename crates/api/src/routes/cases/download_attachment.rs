use super::download_zip::case_attachment;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::files::{file_response, Disposition};
use crate::routes::{AppData, Reply};
use actix_web::{get, web};
use domain::{Action, CaseId};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DownloadQuery {
    /// `inline` shows an image or PDF in the browser; anything is saved otherwise.
    pub disposition: Option<String>,
}

/// One attachment of a case, streamed. Saved as a download unless
/// `disposition=inline` asks to show a JPEG, PNG or PDF.
#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("attachment_id" = uuid::Uuid, Path, description = "Attachment id"),
        DownloadQuery,
    ),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream"),
        (status = 404, description = "No such case or attachment for this caller"),
    )
)]
#[get("/cases/{id}/attachments/{attachment_id}")]
pub async fn download_attachment(
    state: AppData,
    auth: AuthUser,
    path: web::Path<(uuid::Uuid, uuid::Uuid)>,
    query: web::Query<DownloadQuery>,
) -> Reply {
    let (case_id, attachment_id) = path.into_inner();
    let case_id = CaseId::from_uuid(case_id);
    crate::cases::authorized_case(&state, &auth, case_id, Action::ViewCustomerData).await?;
    let attachment = case_attachment(&state, case_id, attachment_id).await?;
    let file_type = attachment.file_type;
    let disposition = match query.disposition.as_deref() {
        Some("inline") if file_type.previewable() => Disposition::Inline,
        _ => Disposition::Attachment,
    };
    let file = state
        .blobs
        .open_blob(&attachment.storage_key)
        .await
        .map_err(|err| {
            ApiError::internal(anyhow::anyhow!("attachment {attachment_id} file: {err}"))
        })?;
    Ok(file_response(
        file,
        attachment.size_bytes,
        file_type.mime(),
        &attachment.file_name,
        disposition,
    ))
}

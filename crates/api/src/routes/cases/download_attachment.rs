use super::download_zip::case_attachment;
use crate::auth::AuthUser;
use crate::routes::files::{send_stored, DownloadQuery};
use crate::routes::{AppData, Reply};
use actix_web::{get, web};
use domain::{Action, CaseId};

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
    send_stored(&state, &attachment.file, &query).await
}

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::answers;
use crate::routes::uploads;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{post, web, HttpRequest, HttpResponse};
use api_types::CaseDetail;
use domain::{Action, CaseId};

/// The multipart form of an upload, for the OpenAPI document only: the
/// handler reads the parts as a stream instead of deserialising this.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct AttachmentUpload {
    /// 1 to 10 files, each a JPEG, PNG, HEIC or PDF of at most the server's
    /// limit (`CSPORTAL_MAX_ATTACHMENT_BYTES`, 25 MB by default) and not
    /// empty. Parts with other names are ignored (64 KiB of them at most).
    #[schema(value_type = Vec<String>, format = Binary, min_items = 1, max_items = 10)]
    file: Vec<Vec<u8>>,
}

/// Adds photos (JPEG, PNG, HEIC) and PDF files to a case, as
/// `multipart/form-data` parts named `file` (up to 10). The type is told by
/// the content, not the name. Each file is streamed to disk and made durable
/// before its row is written; if any file is refused, none is kept.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body(content = AttachmentUpload, content_type = "multipart/form-data", description = "One or more parts named `file`"),
    responses(
        (status = 201, body = CaseDetail, headers(("ETag" = String))),
        (status = 403, description = "Viewers cannot add attachments"),
        answers::CaseClosed,
        (status = 400, description = "The body is not a readable multipart form (`invalid_upload`)"),
        (status = 413, description = "A file is larger than the limit (`payload_too_large`), or the case or its customer holds as many attachment bytes as the installation allows (`attachment_quota_exceeded`)"),
        (status = 415, description = "A file is not JPEG, PNG, HEIC or PDF (`unsupported_file_type`)"),
        (status = 422, description = "A file is empty (`empty_file`), or no file was sent"),
    )
)]
#[post("/cases/{id}/attachments")]
pub async fn upload_attachments(
    state: AppData,
    auth: AuthUser,
    req: HttpRequest,
    id: IdPath,
    payload: web::Payload,
) -> Reply {
    let id = CaseId::from_uuid(id.into_inner());
    let row = crate::cases::authorized_case(&state, &auth, id, Action::AddAttachment).await?;
    // Like comments: until the case is Closed.
    if !row.case.status.is_open() {
        return Err(ApiError::CaseClosed);
    }
    let limit = state.config.max_attachment_bytes;
    uploads::refuse_oversized_request(&req, limit)?;

    let received = match uploads::receive(&state, &req, payload, limit).await {
        Ok(received) => received,
        Err((err, finished)) => {
            uploads::discard(&state, &finished).await;
            return Err(err);
        }
    };
    if let Err(err) = crate::cases::attach(&state, &auth.user, id, &received).await {
        uploads::discard(&state, &received).await;
        return Err(err);
    }
    super::detail_answer(&state, &auth, id, HttpResponse::Created()).await
}

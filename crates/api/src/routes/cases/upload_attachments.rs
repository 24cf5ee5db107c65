use crate::auth::AuthUser;
use crate::cases::ReceivedFile;
use crate::error::ApiError;
use crate::routes::answers;
use crate::routes::{AppData, IdPath, Reply};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use api_types::CaseDetail;
use domain::{display_file_name, Action, AttachmentType, CaseId};
use futures_util::StreamExt;
use persistence::IncomingBlob;

/// Files one request may carry.
const MAX_FILES: u64 = 10;
/// Room for the multipart headers around the files.
const ENVELOPE_BYTES: u64 = 64 * 1024;
/// What parts other than `file` may hold in all: they are read and thrown
/// away, and must not be a way to stream gigabytes through a worker.
const IGNORED_PART_BYTES: u64 = 64 * 1024;

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
    refuse_oversized_request(&req, limit)?;

    let received = match receive(&state, &req, payload, limit).await {
        Ok(received) => received,
        Err((err, finished)) => {
            discard(&state, &finished).await;
            return Err(err);
        }
    };
    if let Err(err) = crate::cases::attach(&state, &auth.user, id, &received).await {
        discard(&state, &received).await;
        return Err(err);
    }
    super::detail_answer(&state, &auth, id, HttpResponse::Created()).await
}

/// 413 at once when the declared length cannot fit, before reading anything.
fn refuse_oversized_request(req: &HttpRequest, limit: u64) -> Result<(), ApiError> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(length) if length > limit.saturating_mul(MAX_FILES) + ENVELOPE_BYTES => {
            Err(too_large(limit))
        }
        _ => Ok(()),
    }
}

fn too_large(limit: u64) -> ApiError {
    ApiError::PayloadTooLarge {
        limit: usize::try_from(limit).unwrap_or(usize::MAX),
    }
}

/// Streams every `file` part into the blob store. On failure, returns the
/// files already finished so the caller can remove them; the one being
/// written removes itself when dropped.
async fn receive(
    state: &AppState,
    req: &HttpRequest,
    payload: web::Payload,
    limit: u64,
) -> Result<Vec<ReceivedFile>, (ApiError, Vec<ReceivedFile>)> {
    let mut multipart = Multipart::new(req.headers(), payload);
    let mut received: Vec<ReceivedFile> = Vec::new();
    let mut ignored: u64 = 0;
    loop {
        // A stalled body ends here too: the request context gives it up.
        let Some(field) = multipart.next().await else {
            break;
        };
        let mut field = match field {
            Ok(field) => field,
            Err(err) => {
                return Err((
                    ApiError::InvalidUpload(format!("malformed multipart body: {err}")),
                    received,
                ))
            }
        };
        if field.name() != Some("file") {
            loop {
                match field.next().await {
                    Some(Ok(chunk)) => ignored += chunk.len() as u64,
                    Some(Err(err)) => {
                        let err = ApiError::InvalidUpload(format!("the upload broke off: {err}"));
                        return Err((err, received));
                    }
                    None => break,
                }
                if ignored > IGNORED_PART_BYTES {
                    let err = ApiError::InvalidUpload(format!(
                        "parts not named `file` may hold {} KiB in all",
                        IGNORED_PART_BYTES / 1024
                    ));
                    return Err((err, received));
                }
            }
            continue;
        }
        if received.len() as u64 >= MAX_FILES {
            let err = ApiError::Validation(vec![api_types::FieldError {
                field: "file".into(),
                code: api_types::FieldErrorCode::TooManyFiles,
                message: format!("at most {MAX_FILES} files per request"),
            }]);
            return Err((err, received));
        }
        let client_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(str::to_owned);
        let shown_name = client_name.clone().unwrap_or_else(|| "file".to_owned());
        let mut blob: IncomingBlob = match state.blobs.begin().await {
            Ok(blob) => blob,
            Err(err) => return Err((ApiError::internal(err), received)),
        };
        let mut file_type = None;
        loop {
            let chunk = match field.next().await {
                Some(Ok(chunk)) => chunk,
                None => break,
                // The client went away or sent garbage: the blob drops itself.
                Some(Err(err)) => {
                    return Err((
                        ApiError::InvalidUpload(format!("the upload broke off: {err}")),
                        received,
                    ))
                }
            };
            if blob.size() + chunk.len() as u64 > limit {
                return Err((too_large(limit), received));
            }
            if let Err(err) = blob.write(&chunk).await {
                return Err((ApiError::internal(err), received));
            }
            if file_type.is_none() && blob.head().len() >= AttachmentType::SNIFF_BYTES {
                file_type = AttachmentType::sniff(blob.head());
                if file_type.is_none() {
                    return Err((
                        ApiError::UnsupportedFileType {
                            file_name: shown_name,
                        },
                        received,
                    ));
                }
            }
        }
        if blob.size() == 0 {
            return Err((
                ApiError::EmptyFile {
                    file_name: shown_name,
                },
                received,
            ));
        }
        // Files shorter than the sniff window are told by what there is.
        let Some(file_type) = file_type.or_else(|| AttachmentType::sniff(blob.head())) else {
            return Err((
                ApiError::UnsupportedFileType {
                    file_name: shown_name,
                },
                received,
            ));
        };
        match blob.finish(&state.blobs).await {
            Ok(stored) => {
                state.metrics.uploaded(stored.size);
                received.push(ReceivedFile {
                    blob: stored,
                    file_name: display_file_name(client_name.as_deref(), file_type),
                    file_type,
                });
            }
            Err(err) => return Err((ApiError::internal(err), received)),
        }
    }
    if received.is_empty() {
        return Err((
            ApiError::Validation(vec![api_types::FieldError {
                field: "file".into(),
                code: api_types::FieldErrorCode::Required,
                message: "send at least one multipart part named `file`".into(),
            }]),
            received,
        ));
    }
    Ok(received)
}

/// Removes stored files whose rows will not come (the sweep catches misses).
async fn discard(state: &AppState, received: &[ReceivedFile]) {
    for r in received {
        if let Err(err) = state.blobs.delete(&r.blob.key).await {
            tracing::warn!(key = %r.blob.key, error = %err, "could not remove a refused attachment");
        }
    }
}

use crate::auth::AuthUser;
use crate::error::{current_request_id, ApiError};
use crate::routes::preconditions;
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use api_types::{CaseDetail, ProblemDetails};
use domain::{display_file_name, Action, AttachmentType, CaseId};
use futures_util::StreamExt;
use persistence::repositories::attachments::{self, NewAttachment};
use persistence::repositories::audit::{self, AuditEntry};
use persistence::repositories::cases;
use persistence::{IncomingBlob, StoredBlob, TransactionTrait};

/// Files one request may carry.
const MAX_FILES: u64 = 10;
/// Room for the multipart headers around the files.
const ENVELOPE_BYTES: u64 = 64 * 1024;

/// A file written to the blob store, waiting for its row.
struct Received {
    blob: StoredBlob,
    file_name: String,
    file_type: AttachmentType,
}

/// Adds photos (JPEG, PNG, HEIC) and PDF files to a case, as
/// `multipart/form-data` parts named `file` (up to 10). The type is told by
/// the content, not the name. Each file is streamed to disk and made durable
/// before its row is written; if any file is refused, none is kept.
#[utoipa::path(
    tag = "cases",
    security(("bearer_jwt" = [])),
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body(content_type = "multipart/form-data", description = "One or more parts named `file`"),
    responses(
        (status = 201, body = CaseDetail, headers(("ETag" = String))),
        (status = 403, description = "Viewers cannot add attachments", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such case for this caller", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "The case is closed (`case_closed`)", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 413, description = "A file is larger than the limit", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 415, description = "A file is not JPEG, PNG, HEIC or PDF (`unsupported_file_type`)", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "A file is empty (`empty_file`), or no file was sent", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/cases/{id}/attachments")]
pub async fn upload_attachments(
    state: web::Data<AppState>,
    auth: AuthUser,
    req: HttpRequest,
    id: web::Path<uuid::Uuid>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let id = CaseId::from_uuid(id.into_inner());
    let row = super::authorized_case(&state, &auth, id, Action::AddAttachment).await?;
    // Like comments: until the case is Closed.
    if !row.status()?.is_open() {
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
    if let Err(err) = record(&state, &auth, id, &received).await {
        discard(&state, &received).await;
        return Err(err);
    }
    let detail = super::load_detail(&state, &auth, id).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::ETAG, preconditions::etag(detail.version)))
        .json(detail))
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
) -> Result<Vec<Received>, (ApiError, Vec<Received>)> {
    let mut multipart = Multipart::new(req.headers(), payload);
    let mut received: Vec<Received> = Vec::new();
    while let Some(field) = multipart.next().await {
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
            continue;
        }
        if received.len() as u64 >= MAX_FILES {
            let err = ApiError::Validation(vec![api_types::FieldError {
                field: "file".into(),
                code: "too_many_files".into(),
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
        while let Some(chunk) = field.next().await {
            let chunk = match chunk {
                Ok(chunk) => chunk,
                // The client went away or sent garbage: the blob drops itself.
                Err(err) => {
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
            Ok(stored) => received.push(Received {
                blob: stored,
                file_name: display_file_name(client_name.as_deref(), file_type),
                file_type,
            }),
            Err(err) => return Err((ApiError::internal(err), received)),
        }
    }
    if received.is_empty() {
        return Err((
            ApiError::Validation(vec![api_types::FieldError {
                field: "file".into(),
                code: "required".into(),
                message: "send at least one multipart part named `file`".into(),
            }]),
            received,
        ));
    }
    Ok(received)
}

/// The rows, the case's new version and the audit entries, in one transaction.
async fn record(
    state: &AppState,
    auth: &AuthUser,
    id: CaseId,
    received: &[Received],
) -> Result<(), ApiError> {
    let now = state.clock.now();
    let tx = state
        .db
        .begin()
        .await
        .map_err(persistence::StoreError::from)?;
    for r in received {
        let attachment = NewAttachment {
            // Time-ordered, so files sent together keep their order.
            id: uuid::Uuid::now_v7(),
            case: id,
            file_name: r.file_name.clone(),
            file_type: r.file_type,
            size_bytes: r.blob.size,
            sha256: r.blob.sha256.clone(),
            storage_key: r.blob.key.clone(),
            uploaded_by: Some(auth.user.id),
            uploaded_by_name: auth.user.display_name.clone(),
            uploaded_at: now,
        };
        attachments::insert(&tx, &attachment).await?;
        audit::append(
            &tx,
            &AuditEntry {
                occurred_at: now,
                actor: Some(auth.user.id),
                parent_account: auth.user.parent_account_id,
                action: "case.attachment.add".to_owned(),
                entity_type: "case".to_owned(),
                entity_id: id.to_string(),
                old_value: None,
                new_value: Some(serde_json::json!({
                    "attachment": attachment.id,
                    "file_name": attachment.file_name,
                    "file_type": attachment.file_type.as_str(),
                    "size_bytes": attachment.size_bytes,
                    "sha256": attachment.sha256,
                })),
                request_id: current_request_id(),
            },
        )
        .await?;
    }
    cases::touch(&tx, id, now).await?;
    tx.commit().await.map_err(persistence::StoreError::from)?;
    Ok(())
}

/// Removes stored files whose rows will not come (the sweep catches misses).
async fn discard(state: &AppState, received: &[Received]) {
    for r in received {
        if let Err(err) = state.blobs.delete(&r.blob.key).await {
            tracing::warn!(key = %r.blob.key, error = %err, "could not remove a refused attachment");
        }
    }
}

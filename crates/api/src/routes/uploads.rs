//! Receiving uploaded files (case attachments, documents): multipart parts
//! named `file`, each streamed into the blob store and typed by its content.

use crate::cases::ReceivedFile;
use crate::error::ApiError;
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{web, HttpRequest};
use domain::{display_file_name, AttachmentType};
use futures_util::StreamExt;
use persistence::IncomingBlob;

/// Files one request may carry.
pub(crate) const MAX_FILES: u64 = 10;
/// Room for the multipart headers around the files.
const ENVELOPE_BYTES: u64 = 64 * 1024;
/// What parts other than `file` may hold in all: they are read and thrown
/// away, and must not be a way to stream gigabytes through a worker.
const IGNORED_PART_BYTES: u64 = 64 * 1024;

/// 413 at once when the declared length cannot fit, before reading anything.
pub(crate) fn refuse_oversized_request(req: &HttpRequest, limit: u64) -> Result<(), ApiError> {
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
pub(crate) async fn receive(
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
pub(crate) async fn discard(state: &AppState, received: &[ReceivedFile]) {
    for r in received {
        if let Err(err) = state.blobs.delete(&r.blob.key).await {
            tracing::warn!(key = %r.blob.key, error = %err, "could not remove a refused attachment");
        }
    }
}

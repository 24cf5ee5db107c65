//! Receiving an import file: the body is stored as it arrives (never held
//! in memory), up to the installation's limit, an xlsx workbook is turned
//! into CSV, and a run is started on it.

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::imports::ImportKind;
use crate::routes::Reply;
use crate::spreadsheet::{xlsx_to_csv, XLSX, ZIP_MAGIC};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use api_types::ImportQuery;
use futures_util::StreamExt;
use persistence::repositories::import_runs;
use tokio::io::AsyncWriteExt;

/// Starts a run of `kind` on the uploaded file: 202 with the run to follow.
pub(super) async fn start(
    state: &AppState,
    auth: &AuthUser,
    (req, query): (&HttpRequest, &ImportQuery),
    mut payload: web::Payload,
    kind: ImportKind,
) -> Reply {
    super::may_import(state, auth).await?;
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // Generated clients send a file's bytes as octet-stream; people, text/csv
    // or a spreadsheet.
    let content_type = content_type.trim().to_ascii_lowercase();
    if !["text/csv", "application/octet-stream", XLSX]
        .iter()
        .any(|accepted| content_type.starts_with(accepted))
    {
        return Err(ApiError::UnsupportedMediaType(
            "text/csv, application/octet-stream or an xlsx workbook",
        ));
    }
    let limit = state.config.max_import_bytes;
    let id = uuid::Uuid::new_v4();
    let incoming = state.blobs.root().join(".incoming");
    let upload = incoming.join(format!("import-{id}.upload"));
    let path = incoming.join(format!("import-{id}.csv"));
    let lines = match receive(&mut payload, &upload, limit).await {
        Ok((_, true)) => {
            // A workbook (whatever it was sent as) becomes the CSV the run reads.
            let (from, to) = (upload.clone(), path.clone());
            let converted = web::block(move || xlsx_to_csv(&from, &to)).await;
            let _ = tokio::fs::remove_file(&upload).await;
            match converted.map_err(ApiError::internal)? {
                Ok(lines) => lines,
                Err(why) => {
                    let _ = tokio::fs::remove_file(&path).await;
                    return Err(ApiError::InvalidUpload(format!("the file is {why}")));
                }
            }
        }
        Ok((lines, false)) => {
            tokio::fs::rename(&upload, &path)
                .await
                .map_err(ApiError::internal)?;
            lines
        }
        Err(err) => {
            let _ = tokio::fs::remove_file(&upload).await;
            return Err(err);
        }
    };
    let now = state.clock.now();
    let rows_total = lines.saturating_sub(1);
    let (user, dry_run) = (auth.user.id, query.dry_run);
    import_runs::start(&state.db, id, kind.as_str(), dry_run, user, rows_total, now).await?;
    crate::imports::spawn_run(state.clone(), auth.user.clone(), id, (kind, path), dry_run);
    let run = super::find_run(state, id).await?;
    Ok(HttpResponse::Accepted()
        .insert_header((header::LOCATION, format!("/api/v1/imports/{id}")))
        .json(super::run_dto(state, run, auth)))
}

/// Writes the body to `path`, at most `limit` bytes; answers its lines
/// (a last line without its newline counts) and whether it is a workbook
/// (an xlsx file is a zip file).
async fn receive(
    payload: &mut web::Payload,
    path: &std::path::Path,
    limit: u64,
) -> Result<(u64, bool), ApiError> {
    let mut file = tokio::fs::File::create(path)
        .await
        .map_err(ApiError::internal)?;
    let (mut size, mut lines, mut ends_in_newline) = (0u64, 0u64, true);
    let mut start = Vec::with_capacity(ZIP_MAGIC.len());
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|err| ApiError::InvalidUpload(format!("the upload broke off: {err}")))?;
        size += chunk.len() as u64;
        if size > limit {
            return Err(ApiError::PayloadTooLarge {
                limit: usize::try_from(limit).unwrap_or(usize::MAX),
            });
        }
        let wanted = ZIP_MAGIC.len().saturating_sub(start.len()).min(chunk.len());
        start.extend_from_slice(&chunk[..wanted]);
        lines += chunk.iter().filter(|b| **b == b'\n').count() as u64;
        if let Some(last) = chunk.last() {
            ends_in_newline = *last == b'\n';
        }
        file.write_all(&chunk).await.map_err(ApiError::internal)?;
    }
    file.flush().await.map_err(ApiError::internal)?;
    if size == 0 {
        return Err(ApiError::EmptyFile {
            file_name: "the import".into(),
        });
    }
    Ok((lines + u64::from(!ends_in_newline), start == ZIP_MAGIC))
}

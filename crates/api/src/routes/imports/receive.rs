//! Receiving an import file: the body is stored as it arrives (never held
//! in memory), up to the installation's limit, and a run is started on it.

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::imports::ImportKind;
use crate::routes::Reply;
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
    // Generated clients send a file's bytes as octet-stream; people, text/csv.
    let content_type = content_type.trim().to_ascii_lowercase();
    if !["text/csv", "application/octet-stream"]
        .iter()
        .any(|accepted| content_type.starts_with(accepted))
    {
        return Err(ApiError::UnsupportedMediaType);
    }
    let limit = state.config.max_import_bytes;
    let id = uuid::Uuid::new_v4();
    let path = state
        .blobs
        .root()
        .join(".incoming")
        .join(format!("import-{id}.csv"));
    let received = receive(&mut payload, &path, limit).await;
    let lines = match received {
        Ok(lines) => lines,
        Err(err) => {
            let _ = tokio::fs::remove_file(&path).await;
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
/// (a last line without its newline counts).
async fn receive(
    payload: &mut web::Payload,
    path: &std::path::Path,
    limit: u64,
) -> Result<u64, ApiError> {
    let mut file = tokio::fs::File::create(path)
        .await
        .map_err(ApiError::internal)?;
    let (mut size, mut lines, mut ends_in_newline) = (0u64, 0u64, true);
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|err| ApiError::InvalidUpload(format!("the upload broke off: {err}")))?;
        size += chunk.len() as u64;
        if size > limit {
            return Err(ApiError::PayloadTooLarge {
                limit: usize::try_from(limit).unwrap_or(usize::MAX),
            });
        }
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
    Ok(lines + u64::from(!ends_in_newline))
}

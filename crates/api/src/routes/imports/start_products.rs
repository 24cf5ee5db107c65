use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{AppData, Reply};
use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use api_types::{ImportQuery, ImportRunDto};
use futures_util::StreamExt;
use persistence::repositories::import_runs;
use tokio::io::AsyncWriteExt;

/// Starts importing installed products from a CSV file: the body is the
/// file's bytes, sent as `application/octet-stream` or `text/csv` (see the
/// template for the columns). Every row is checked
/// first; the file is applied whole or not at all, and with `dry_run`
/// nothing is stored. Rows are keyed by the product number, accounts named
/// by their source system's ids within the row's `parent_account`, so
/// importing a file again changes nothing. The run goes on in the
/// background: follow it at the `Location` answered.
#[utoipa::path(
    params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The CSV file (UTF-8): a header row naming the columns, then one installed product a line. `text/csv` is accepted as well."),
    responses(
        (status = 202, body = ImportRunDto, headers(("Location" = String, description = "The run, to follow"))),
        (status = 403, description = "Only the service organisation and portal support import (`forbidden`)"),
        (status = 413, description = "The file is larger than the import limit (`payload_too_large`)"),
        (status = 415, description = "The body is neither `application/octet-stream` nor `text/csv` (`unsupported_media_type`)"),
        (status = 422, description = "The file is empty (`empty_file`)"),
    )
)]
#[post("/imports/installed-products")]
pub async fn import_installed_products(
    state: AppData,
    auth: AuthUser,
    req: HttpRequest,
    query: web::Query<ImportQuery>,
    mut payload: web::Payload,
) -> Reply {
    super::may_import(&state, &auth).await?;
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
    let kind = "installed_products";
    let dry_run = query.dry_run;
    let rows_total = lines.saturating_sub(1);
    import_runs::start(&state.db, id, kind, dry_run, auth.user.id, rows_total, now).await?;
    crate::imports::spawn_products_run(
        state.get_ref().clone(),
        auth.user.clone(),
        id,
        path,
        dry_run,
    );
    let run = super::find_run(&state, id).await?;
    Ok(HttpResponse::Accepted()
        .insert_header((header::LOCATION, format!("/api/v1/imports/{id}")))
        .json(super::run_dto(&state, run, &auth)))
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

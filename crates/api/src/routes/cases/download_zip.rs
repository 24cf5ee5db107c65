use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::files::{file_response, Disposition};
use crate::routes::{AppData, IdPath, Reply};
use crate::state::AppState;
use actix_web::{get, web};
use domain::{Action, Attachment, CaseId};
use persistence::repositories::attachments;
use serde::Deserialize;
use std::io::{Seek, Write};
use std::path::PathBuf;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ZipQuery {
    /// Comma-separated attachment ids; all of the case's when absent.
    pub ids: Option<String>,
}

/// One attachment of a case, or 404 (also when it belongs to another case).
pub(crate) async fn case_attachment(
    state: &AppState,
    case: CaseId,
    attachment_id: uuid::Uuid,
) -> Result<Attachment, ApiError> {
    attachments::of_case(&state.db, case)
        .await?
        .into_iter()
        .find(|a| a.id == attachment_id)
        .ok_or(ApiError::NotFound)
}

/// Several attachments of a case (or all) as one zip file, numbered so that
/// equal names stay apart. The zip is built in an unnamed temporary file and
/// streamed, so neither it nor the files are held in memory.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Case id"), ZipQuery),
    responses(
        (status = 200, description = "A zip file", content_type = "application/zip"),
        (status = 400, description = "`ids` holds something that is not an id"),
        (status = 404, description = "No such case, or an id that is not one of its attachments"),
        (status = 503, description = "Other zip files are being built; try again after `Retry-After` seconds"),
    )
)]
#[get("/cases/{id}/attachments.zip")]
pub async fn download_attachments_zip(
    state: AppData,
    auth: AuthUser,
    id: IdPath,
    query: web::Query<ZipQuery>,
) -> Reply {
    let case_id = CaseId::from_uuid(id.into_inner());
    let case =
        crate::cases::authorized_case(&state, &auth, case_id, Action::ViewCustomerData).await?;
    let all = attachments::of_case(&state.db, case_id).await?;
    let chosen: Vec<Attachment> = match query.ids.as_deref() {
        None => all,
        Some(ids) => {
            let mut chosen = Vec::new();
            for raw in ids.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let wanted = uuid::Uuid::try_parse(raw)
                    .map_err(|_| ApiError::InvalidQuery(format!("ids: {raw:?} is not an id")))?;
                let found = all
                    .iter()
                    .find(|a| a.id == wanted)
                    .ok_or(ApiError::NotFound)?;
                chosen.push(found.clone());
            }
            chosen
        }
    };
    let mut entries: Vec<(String, PathBuf)> = Vec::with_capacity(chosen.len());
    for (i, a) in chosen.iter().enumerate() {
        let path = state
            .blobs
            .blob_path(&a.storage_key)
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("attachment {}: key", a.id)))?;
        entries.push((format!("{:02}-{}", i + 1, a.file_name), path));
    }
    // Building one reads every file of a case: a few at a time per process.
    let _slot = state
        .zip_slots
        .clone()
        .try_acquire_owned()
        .map_err(|_| ApiError::Busy("zip downloads"))?;
    let temp_dir = state.blobs.root().join(".incoming");
    let (file, len) = tokio::task::spawn_blocking(move || write_zip(&temp_dir, &entries))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    Ok(file_response(
        tokio::fs::File::from_std(file),
        len,
        "application/zip",
        &format!("{}-attachments.zip", case.case.number),
        Disposition::Attachment,
    ))
}

/// Writes the zip to an unlinked temporary file (gone when closed) and
/// returns it rewound, with its length.
fn write_zip(
    temp_dir: &std::path::Path,
    entries: &[(String, PathBuf)],
) -> anyhow::Result<(std::fs::File, u64)> {
    let file = tempfile::tempfile_in(temp_dir)?;
    let mut zip = zip::ZipWriter::new(file);
    // Photos and PDFs are compressed already: store them as they are.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    for (name, path) in entries {
        zip.start_file(name.as_str(), options)?;
        let mut source = std::fs::File::open(path)?;
        std::io::copy(&mut source, &mut zip)?;
    }
    let mut file = zip.finish()?;
    file.flush()?;
    let len = file.stream_position()?;
    file.rewind()?;
    Ok((file, len))
}

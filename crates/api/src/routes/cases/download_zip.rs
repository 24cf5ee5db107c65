use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::files::{streamed_response, Disposition};
use crate::routes::{AppData, IdPath, Reply};
use crate::state::AppState;
use actix_web::{get, web};
use async_zip::base::write::ZipFileWriter;
use async_zip::{Compression, ZipDateTime, ZipDateTimeBuilder, ZipEntryBuilder};
use chrono::{Datelike, Timelike};
use domain::{Action, Attachment, CaseId};
use futures_util::AsyncWriteExt;
use persistence::repositories::attachments;
use serde::Deserialize;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncReadExt, DuplexStream, ReadBuf};

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
/// equal names stay apart. The zip is written into the response while it is
/// sent: neither it nor the files are held in memory or copied on disk.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Case id"), ZipQuery),
    responses(
        (status = 200, description = "A zip file, sent chunked as it is written (no `Content-Length`)", content_type = "application/zip"),
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
    // Sending one reads every file of a case: a few at a time per process,
    // each slot held until the last byte has gone.
    let slot = state
        .zip_slots
        .clone()
        .try_acquire_owned()
        .map_err(|_| ApiError::Busy("zip downloads"))?;
    // Every file is opened before the answer starts, so a missing one is a
    // clear error rather than a zip cut short.
    let zone = auth.user.settings.time_zone.tz();
    let mut sources = Vec::with_capacity(chosen.len());
    for (i, a) in chosen.iter().enumerate() {
        let path = state
            .blobs
            .blob_path(&a.storage_key)
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("attachment {}: key", a.id)))?;
        let file = tokio::fs::File::open(&path)
            .await
            .map_err(ApiError::internal)?;
        sources.push(ZipSource {
            name: format!("{:02}-{}", i + 1, a.file_name),
            // Zip times carry no zone: the reader's own wall clock.
            modified: a.uploaded_at.with_timezone(&zone).naive_local(),
            file,
        });
    }
    let (pipe_in, pipe_out) = tokio::io::duplex(PIPE_BYTES);
    let written = Arc::new(AtomicBool::new(false));
    let done = written.clone();
    let case_number = case.case.number.clone();
    actix_web::rt::spawn(async move {
        let _slot = slot;
        match write_zip(pipe_in, sources).await {
            Ok(()) => done.store(true, Ordering::Release),
            // A client that went away closes the pipe; nothing to report.
            Err(err) => tracing::info!(case = %case_number, "zip download ended early: {err}"),
        }
    });
    Ok(streamed_response(
        WholeOrError {
            pipe: pipe_out,
            written,
        },
        "application/zip",
        &format!("{}-attachments.zip", case.case.number),
        Disposition::Attachment,
    ))
}

/// Bytes in flight between the zip writer and the response.
const PIPE_BYTES: usize = 64 * 1024;

struct ZipSource {
    name: String,
    modified: chrono::NaiveDateTime,
    file: tokio::fs::File,
}

/// Writes stored entries (photos and PDFs are compressed already), each
/// followed by its data descriptor, so nothing is seeked back over.
async fn write_zip(out: DuplexStream, sources: Vec<ZipSource>) -> anyhow::Result<()> {
    let mut zip = ZipFileWriter::with_tokio(out);
    let mut buf = vec![0u8; PIPE_BYTES];
    for mut source in sources {
        let entry = ZipEntryBuilder::new(source.name.into(), Compression::Stored)
            .last_modification_date(zip_time(source.modified));
        let mut entry = zip.write_entry_stream(entry).await?;
        loop {
            let n = source.file.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            entry.write_all(&buf[..n]).await?;
        }
        entry.close().await?;
    }
    zip.close().await?;
    Ok(())
}

fn zip_time(t: chrono::NaiveDateTime) -> ZipDateTime {
    ZipDateTimeBuilder::new()
        .year(t.year())
        .month(t.month())
        .day(t.day())
        .hour(t.hour())
        .minute(t.minute())
        .second(t.second())
        .build()
}

/// The response side of the pipe. The pipe ends the same way whether the
/// zip was finished or its writer failed; only a finished one may end the
/// body cleanly, otherwise the client must see a broken download.
struct WholeOrError {
    pipe: DuplexStream,
    written: Arc<AtomicBool>,
}

impl AsyncRead for WholeOrError {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.pipe).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = polled {
            if buf.filled().len() == before && !self.written.load(Ordering::Acquire) {
                return Poll::Ready(Err(std::io::Error::other("the zip could not be finished")));
            }
        }
        polled
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt as _;

    async fn read_all(pipe: DuplexStream, written: bool) -> std::io::Result<Vec<u8>> {
        let mut reader = WholeOrError {
            pipe,
            written: Arc::new(AtomicBool::new(written)),
        };
        let mut out = Vec::new();
        reader.read_to_end(&mut out).await.map(|_| out)
    }

    #[tokio::test]
    async fn a_zip_whose_writer_gave_up_ends_in_an_error_not_a_short_file() {
        let (mut writer, reader) = tokio::io::duplex(64);
        writer.write_all(b"PK").await.unwrap();
        drop(writer);
        assert!(read_all(reader, false).await.is_err());
    }

    #[tokio::test]
    async fn a_finished_zip_ends_cleanly() {
        let (mut writer, reader) = tokio::io::duplex(64);
        writer.write_all(b"PK").await.unwrap();
        drop(writer);
        assert_eq!(read_all(reader, true).await.unwrap(), b"PK");
    }
}

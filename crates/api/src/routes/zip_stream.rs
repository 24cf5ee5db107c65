//! Zip files written into the response while it is sent: neither the zip
//! nor its files are held in memory or copied on disk.

use crate::error::ApiError;
use crate::routes::files::{streamed_response, Disposition};
use crate::state::AppState;
use actix_web::HttpResponse;
use async_zip::base::write::ZipFileWriter;
use async_zip::{Compression, ZipDateTime, ZipDateTimeBuilder, ZipEntryBuilder};
use chrono::{Datelike, Timelike};
use domain::StoredFile;
use futures_util::AsyncWriteExt;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncReadExt, DuplexStream, ReadBuf};
use tokio::sync::OwnedSemaphorePermit;

/// Bytes in flight between the zip writer and the response.
const PIPE_BYTES: usize = 64 * 1024;

/// A stored file to put in a zip, opened before the answer starts so that
/// a missing one is a clear error rather than a zip cut short.
pub(crate) struct ZipSource {
    pub name: String,
    /// Zip times carry no zone: the reader's own wall clock.
    pub modified: chrono::NaiveDateTime,
    pub file: tokio::fs::File,
}

/// A small entry made in memory (a manifest), written before the files.
pub(crate) struct ZipNote {
    pub name: String,
    pub modified: chrono::NaiveDateTime,
    pub text: String,
}

/// One of the few costly downloads (zips, report exports) a process sends
/// at once, or 503 naming `what` to come back later.
pub(crate) fn slot(state: &AppState, what: &'static str) -> Result<OwnedSemaphorePermit, ApiError> {
    state
        .zip_slots
        .clone()
        .try_acquire_owned()
        .map_err(|_| ApiError::Busy(what))
}

/// The ids of a comma-separated `ids` query value.
pub(crate) fn parse_ids(raw: &str) -> Result<Vec<uuid::Uuid>, ApiError> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            uuid::Uuid::try_parse(s)
                .map_err(|_| ApiError::InvalidQuery(format!("ids: {s:?} is not an id")))
        })
        .collect()
}

/// Opens the files, named `01-…`, `02-…` so that equal names stay apart,
/// with their times in `zone`.
pub(crate) async fn open_numbered(
    state: &AppState,
    files: impl IntoIterator<Item = &StoredFile>,
    zone: chrono_tz::Tz,
) -> Result<Vec<ZipSource>, ApiError> {
    let mut sources = Vec::new();
    for (i, f) in files.into_iter().enumerate() {
        let file = state.blobs.open_blob(&f.storage_key).await.map_err(|err| {
            ApiError::internal(anyhow::anyhow!("stored file {}: {err}", f.storage_key))
        })?;
        sources.push(ZipSource {
            name: numbered(i, &f.file_name),
            modified: f.uploaded_at.with_timezone(&zone).naive_local(),
            file,
        });
    }
    Ok(sources)
}

/// The name of the `i`th (0-based) file in a zip.
pub(crate) fn numbered(i: usize, file_name: &str) -> String {
    format!("{:02}-{file_name}", i + 1)
}

/// The zip of `note` and `sources` as a chunked response. `slot` (one of a
/// few per process) is held until the last byte has gone.
pub(crate) fn response(
    slot: OwnedSemaphorePermit,
    sources: Vec<ZipSource>,
    note: Option<ZipNote>,
    file_name: &str,
) -> HttpResponse {
    let (pipe_in, pipe_out) = tokio::io::duplex(PIPE_BYTES);
    let written = Arc::new(AtomicBool::new(false));
    let done = written.clone();
    let label = file_name.to_owned();
    actix_web::rt::spawn(async move {
        let _slot = slot;
        match write_zip(pipe_in, note, sources).await {
            Ok(()) => done.store(true, Ordering::Release),
            // A client that went away closes the pipe; nothing to report.
            Err(err) => tracing::info!(zip = %label, "zip download ended early: {err}"),
        }
    });
    streamed_response(
        WholeOrError {
            pipe: pipe_out,
            written,
        },
        "application/zip",
        file_name,
        Disposition::Attachment,
    )
}

/// Writes stored entries (photos and PDFs are compressed already), each
/// followed by its data descriptor, so nothing is seeked back over.
async fn write_zip(
    out: DuplexStream,
    note: Option<ZipNote>,
    sources: Vec<ZipSource>,
) -> anyhow::Result<()> {
    let mut zip = ZipFileWriter::with_tokio(out);
    if let Some(note) = note {
        let entry = ZipEntryBuilder::new(note.name.into(), Compression::Stored)
            .last_modification_date(zip_time(note.modified));
        zip.write_entry_whole(entry, note.text.as_bytes()).await?;
    }
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

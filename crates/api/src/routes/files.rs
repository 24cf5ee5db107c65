//! Sending stored files: streamed in chunks (never whole in memory), with
//! the headers that keep a browser from running or sniffing them.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::body::SizedStream;
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::web::Bytes;
use actix_web::HttpResponse;
use domain::StoredFile;
use serde::Deserialize;
use tokio::io::{AsyncRead, AsyncReadExt};

const CHUNK_BYTES: usize = 64 * 1024;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DownloadQuery {
    /// `inline` shows an image or PDF in the browser; anything is saved otherwise.
    pub disposition: Option<String>,
}

/// A stored file (an attachment, a document), streamed: shown where the
/// query asks for it and the type can be previewed, saved otherwise.
pub async fn send_stored(
    state: &AppState,
    file: &StoredFile,
    query: &DownloadQuery,
) -> Result<HttpResponse, ApiError> {
    let disposition = match query.disposition.as_deref() {
        Some("inline") if file.file_type.previewable() => Disposition::Inline,
        _ => Disposition::Attachment,
    };
    let opened = state
        .blobs
        .open_blob(&file.storage_key)
        .await
        .map_err(|err| {
            ApiError::internal(anyhow::anyhow!("stored file {}: {err}", file.storage_key))
        })?;
    Ok(file_response(
        opened,
        file.size_bytes,
        file.file_type.mime(),
        &file.file_name,
        disposition,
    ))
}

/// How the browser should treat a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Save it (the default for anything served).
    Attachment,
    /// Show it (images and PDFs in the preview).
    Inline,
}

/// A response that streams `file` (`len` bytes) as `content_type`, offered
/// under `file_name` (RFC 6266: an ASCII fallback and the UTF-8 name).
pub fn file_response(
    file: tokio::fs::File,
    len: u64,
    content_type: &str,
    file_name: &str,
    disposition: Disposition,
) -> HttpResponse {
    file_headers(content_type, file_name, disposition).body(SizedStream::new(len, chunks(file)))
}

/// Like [`file_response`] for bytes made while they are sent (a zip of
/// several files): no length is known, so the body goes out chunked.
pub fn streamed_response(
    reader: impl AsyncRead + Unpin + 'static,
    content_type: &str,
    file_name: &str,
    disposition: Disposition,
) -> HttpResponse {
    file_headers(content_type, file_name, disposition).streaming(chunks(reader))
}

fn chunks(
    reader: impl AsyncRead + Unpin + 'static,
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> {
    futures_util::stream::unfold(Some(reader), |reader| async move {
        let mut reader = reader?;
        let mut buf = vec![0u8; CHUNK_BYTES];
        match reader.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(Bytes::from(buf)), Some(reader)))
            }
            Err(err) => Some((Err(err), None)),
        }
    })
}

pub(crate) fn file_headers(
    content_type: &str,
    file_name: &str,
    disposition: Disposition,
) -> actix_web::HttpResponseBuilder {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut parameters = vec![DispositionParam::Filename(ascii)];
    if !file_name.is_ascii() {
        parameters.push(DispositionParam::FilenameExt(header::ExtendedValue {
            charset: header::Charset::Ext("UTF-8".into()),
            language_tag: None,
            value: file_name.as_bytes().to_vec(),
        }));
    }
    let disposition = ContentDisposition {
        disposition: match disposition {
            Disposition::Attachment => DispositionType::Attachment,
            Disposition::Inline => DispositionType::Inline,
        },
        parameters,
    };
    // Even a file that fooled the type check may not run anything here.
    // Chromium refuses to render a PDF under `sandbox`, so an inline PDF
    // gets the strict policy without it (its viewer runs no page script).
    let policy = if disposition.disposition == DispositionType::Inline
        && content_type == "application/pdf"
    {
        "default-src 'none'"
    } else {
        "default-src 'none'; img-src 'self'; sandbox"
    };
    let mut response = HttpResponse::Ok();
    response
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header(disposition)
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CONTENT_SECURITY_POLICY, policy))
        .insert_header((header::CACHE_CONTROL, "private, no-store"));
    response
}

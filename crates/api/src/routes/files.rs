//! Sending stored files: streamed in chunks (never whole in memory), with
//! the headers that keep a browser from running or sniffing them.

use actix_web::body::SizedStream;
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::web::Bytes;
use actix_web::HttpResponse;
use tokio::io::AsyncReadExt;

const CHUNK_BYTES: usize = 64 * 1024;

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
    let stream = futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let mut buf = vec![0u8; CHUNK_BYTES];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok::<_, std::io::Error>(Bytes::from(buf)), Some(file)))
            }
            Err(err) => Some((Err(err), None)),
        }
    });
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
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header(disposition)
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CONTENT_SECURITY_POLICY, policy))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(SizedStream::new(len, stream))
}

//! Files behind the bearer token: a plain link cannot send it, so downloads
//! are fetched into a `Blob`, and uploads go through `XMLHttpRequest`, whose
//! upload events report progress (fetch has none). Both take the token from
//! [`Api::with_token`], so a refused one is refreshed like any call's.

use super::cases::case_attachments_url;
use super::http::{authorization, problem_from_body, Api, Call};
use super::{Answer, ApiError};
use api_types::CaseDetail;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Display;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, File, FormData, ProgressEvent, XmlHttpRequest, XmlHttpRequestEventTarget,
    XmlHttpRequestResponseType,
};

/// A downloaded file and the name the server offers it under.
pub struct FetchedFile {
    pub blob: Blob,
    pub file_name: Option<String>,
}

impl Api {
    /// `GET href` (an API URL) into a `Blob`, without copying it through wasm.
    pub async fn fetch_file(self, href: &str) -> Answer<FetchedFile> {
        let response = self.send(&Call::get_url(href)).await?;
        let file_name = response
            .headers()
            .get("Content-Disposition")
            .and_then(|value| disposition_file_name(&value));
        let raw: web_sys::Response = response.into();
        let promise = raw.blob().map_err(js_error)?;
        let blob = JsFuture::from(promise)
            .await
            .map_err(js_error)?
            .dyn_into::<Blob>()
            .map_err(js_error)?;
        Ok(FetchedFile { blob, file_name })
    }

    /// `POST /cases/{id}/attachments` with one file; `progress` gets the
    /// percent sent so far whenever the browser reports it.
    pub async fn upload_attachment(
        self,
        case_id: impl Display,
        file: &File,
        progress: impl Fn(u8) + Clone + 'static,
    ) -> Answer<CaseDetail> {
        let href = case_attachments_url(case_id);
        self.upload_files(&href, std::slice::from_ref(file), progress)
            .await
    }

    /// `POST href` (an API URL) with `files` as the parts named `file` of
    /// one `multipart/form-data` body, its 2xx answer decoded as `T`;
    /// `progress` as for [`Api::upload_attachment`].
    pub(super) async fn upload_files<T: DeserializeOwned>(
        self,
        href: &str,
        files: &[File],
        progress: impl Fn(u8) + Clone + 'static,
    ) -> Answer<T> {
        self.with_token(|token| upload(href, token, files, progress.clone()))
            .await
    }
}

impl Api {
    /// `POST href` (an API URL) with `body` as JSON, its answer a file made
    /// while it is sent (a report's export); `progress` gets the bytes
    /// received so far (the length is not known ahead).
    pub async fn post_for_file<B: Serialize>(
        self,
        href: &str,
        body: &B,
        progress: impl Fn(f64) + Clone + 'static,
    ) -> Answer<FetchedFile> {
        let json = serde_json::to_string(body).map_err(|e| ApiError::Network(e.to_string()))?;
        self.with_token(|token| download(href, token, json.clone(), progress.clone()))
            .await
    }
}

/// One try of a `POST` of `json` to `href` with `token`, read into a `Blob`
/// through `XMLHttpRequest` for its progress events.
async fn download(
    href: &str,
    token: String,
    json: String,
    progress: impl Fn(f64) + 'static,
) -> Answer<FetchedFile> {
    let xhr = authorized_post(href, &token).map_err(js_error)?;
    xhr.set_request_header("Content-Type", "application/json")
        .map_err(js_error)?;
    xhr.set_response_type(XmlHttpRequestResponseType::Blob);
    let status = status_after(
        &xhr,
        &xhr,
        move |ev| progress(ev.loaded()),
        |xhr| xhr.send_with_opt_str(Some(&json)),
    )
    .await?;
    let blob = xhr
        .response()
        .map_err(js_error)?
        .dyn_into::<Blob>()
        .map_err(js_error);
    match status {
        0 => Err(unreached("download")),
        200..=299 => Ok(FetchedFile {
            blob: blob?,
            file_name: xhr
                .get_response_header("Content-Disposition")
                .ok()
                .flatten()
                .and_then(|value| disposition_file_name(&value)),
        }),
        _ => {
            let text = JsFuture::from(blob?.text()).await.map_err(js_error)?;
            Err(problem_from_body(
                status,
                &text.as_string().unwrap_or_default(),
            ))
        }
    }
}

/// The file name of a `Content-Disposition` header: its UTF-8 `filename*`
/// (RFC 6266; a report's Dutch title has accents) if any, else `filename`.
pub fn disposition_file_name(header: &str) -> Option<String> {
    let parts = || header.split(';').map(str::trim);
    let extended = parts().find_map(|part| {
        let value = part.strip_prefix("filename*=")?;
        let encoded = value
            .strip_prefix("UTF-8''")
            .or_else(|| value.strip_prefix("utf-8''"))?;
        percent_decoded(encoded)
    });
    extended.or_else(|| {
        parts().find_map(|part| {
            let name = part.strip_prefix("filename=")?.trim_matches('"');
            (!name.is_empty()).then(|| name.to_owned())
        })
    })
}

/// `%C3%AF` and the like as the UTF-8 text they encode.
fn percent_decoded(raw: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(raw.len());
    let mut rest = raw.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    String::from_utf8(bytes)
        .ok()
        .filter(|name| !name.is_empty())
}

/// One try of an upload of `files` to `href`, with `token`.
async fn upload<T: DeserializeOwned>(
    href: &str,
    token: String,
    files: &[File],
    progress: impl Fn(u8) + 'static,
) -> Answer<T> {
    let xhr = authorized_post(href, &token).map_err(js_error)?;
    let form = FormData::new().map_err(js_error)?;
    for file in files {
        form.append_with_blob_and_filename("file", file, &file.name())
            .map_err(js_error)?;
    }
    let upload = xhr.upload().map_err(js_error)?;
    let on_progress = move |ev: ProgressEvent| {
        if ev.length_computable() && ev.total() > 0.0 {
            progress(percent(ev.loaded(), ev.total()));
        }
    };
    let status = status_after(&xhr, &upload, on_progress, |xhr| {
        xhr.send_with_opt_form_data(Some(&form))
    })
    .await?;
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    match status {
        0 => Err(unreached("upload")),
        200..=299 => serde_json::from_str(&body).map_err(|e| ApiError::Unexpected {
            status,
            reason: e.to_string(),
        }),
        _ => Err(problem_from_body(status, &body)),
    }
}

/// A `POST` to `href` with `token`, opened and not yet sent.
fn authorized_post(href: &str, token: &str) -> Result<XmlHttpRequest, JsValue> {
    let xhr = XmlHttpRequest::new()?;
    xhr.open("POST", href)?;
    let (name, value) = authorization(token);
    xhr.set_request_header(name, &value)?;
    Ok(xhr)
}

/// Status 0: the request ended before any answer came.
fn unreached(what: &str) -> ApiError {
    ApiError::Network(format!("the {what} did not reach the server"))
}

/// Sends `xhr` (by `send`) with `on_progress` heard on `events` (the
/// request's own, or its upload's), and answers its status once it ended.
async fn status_after(
    xhr: &XmlHttpRequest,
    events: &XmlHttpRequestEventTarget,
    on_progress: impl Fn(ProgressEvent) + 'static,
    send: impl FnOnce(&XmlHttpRequest) -> Result<(), JsValue>,
) -> Answer<u16> {
    let on_progress = Closure::<dyn Fn(ProgressEvent)>::new(on_progress);
    events.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    // `loadend` follows success, error and abort alike: the answer is read after.
    let finished = js_sys::Promise::new(&mut |resolve, _reject| xhr.set_onloadend(Some(&resolve)));
    send(xhr).map_err(js_error)?;
    let ended = JsFuture::from(finished).await;
    // No more events can come: the closure may go.
    events.set_onprogress(None);
    drop(on_progress);
    ended.map_err(js_error)?;
    xhr.status().map_err(js_error)
}

/// `part` of `whole` in whole percent, 0 to 100.
pub fn percent(part: f64, whole: f64) -> u8 {
    // Clamped to 0..=100 first, so the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = (part * 100.0 / whole).round().clamp(0.0, 100.0) as u8;
    n
}

fn js_error(err: JsValue) -> ApiError {
    ApiError::Network(format!("{err:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_a_whole_percent() {
        for (sent, whole) in [(0.0, 0), (101.0, 51), (200.0, 100), (300.0, 100)] {
            assert_eq!(percent(sent, 200.0), whole, "{sent} of 200");
        }
    }

    #[test]
    fn file_names_come_from_the_disposition_header() {
        assert_eq!(
            disposition_file_name(r#"attachment; filename="CS-2026-000042-attachments.zip""#)
                .as_deref(),
            Some("CS-2026-000042-attachments.zip")
        );
        assert_eq!(
            disposition_file_name("inline; filename=form.pdf").as_deref(),
            Some("form.pdf")
        );
        assert_eq!(disposition_file_name("attachment"), None);
        assert_eq!(
            disposition_file_name(
                "attachment; filename=\"Ge_nstalleerde producten 2026-12-07.xlsx\"; filename*=UTF-8''Ge%C3%AFnstalleerde%20producten%202026-12-07.xlsx"
            )
            .as_deref(),
            Some("Geïnstalleerde producten 2026-12-07.xlsx")
        );
        assert_eq!(disposition_file_name(r#"attachment; filename="""#), None);
    }
}

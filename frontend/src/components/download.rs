//! Files the app hands to the browser to save: a fetched attachment, a text
//! made here (the recovery codes).

use crate::api::{Api, ApiError};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

/// How long a saved file's blob URL lives: the browser reads it after the click.
const SAVE_GRACE: Duration = Duration::from_secs(60);

/// A `blob:` URL, revoked when dropped (with the page that made it).
pub struct ObjectUrl(pub String);

impl ObjectUrl {
    pub fn new(blob: &Blob) -> Option<Self> {
        web_sys::Url::create_object_url_with_blob(blob)
            .ok()
            .map(Self)
    }
}

impl Drop for ObjectUrl {
    fn drop(&mut self) {
        // Revoking an unknown URL is a no-op.
        let _ = web_sys::Url::revoke_object_url(&self.0);
    }
}

/// Saves a blob through a temporary `<a download>`.
pub fn save_blob(blob: &Blob, name: &str) -> Option<()> {
    let url = ObjectUrl::new(blob)?;
    let link = document()
        .create_element("a")
        .ok()?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    link.set_href(&url.0);
    link.set_download(name);
    document().body()?.append_child(&link).ok()?;
    link.click();
    link.remove();
    set_timeout(move || drop(url), SAVE_GRACE);
    Some(())
}

/// Saves `text` as a UTF-8 text file called `name`.
pub fn save_text(text: &str, name: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    save_blob(&blob, name)
}

/// Fetches `href` (an API URL, with the token) and saves it under the
/// server's name for it, else `name`.
pub async fn fetch_and_save(api: Api, href: &str, name: &str) -> Result<(), ApiError> {
    let fetched = api.fetch_file(href).await?;
    let name = fetched.file_name.as_deref().unwrap_or(name);
    save_blob(&fetched.blob, name).ok_or_else(blob_error)
}

/// The browser would not make a blob URL or a link: nothing the user can fix.
pub fn blob_error() -> ApiError {
    ApiError::Unexpected {
        status: 0,
        reason: "the browser refused the file".to_owned(),
    }
}

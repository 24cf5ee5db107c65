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

/// A button that runs `fetch` (a file to save or show), disabled and saying
/// `busy_text` meanwhile; a click while it runs does nothing.
pub fn fetch_button<Fut>(
    class: String,
    aria_label: Option<String>,
    (text, busy_text): (&'static str, &'static str),
    fetch: impl Fn() -> Fut + 'static,
) -> impl IntoView
where
    Fut: std::future::Future<Output = ()> + 'static,
{
    let busy = RwSignal::new(false);
    let on_click = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let fetched = fetch();
        leptos::task::spawn_local(async move {
            fetched.await;
            busy.try_set(false);
        });
    };
    view! {
        <button
            type="button"
            class=class
            aria-label=aria_label
            disabled=move || busy.get()
            on:click=on_click
        >
            {move || if busy.get() { busy_text } else { text }}
        </button>
    }
}

/// Why the last fetch failed (`error`; empty: none), read out when it happens.
pub fn fetch_error_view(error: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="form-live" aria-live="polite">
            {move || error.with(|e| (!e.is_empty()).then(|| view! {
                <p class="form-error" role="alert">{e.clone()}</p>
            }))}
        </div>
    }
}

/// A fetched photo shown in a `<dialog>`: the preview of a case's attachment
/// or of a document.
#[derive(Clone, Copy)]
pub struct PhotoPreview {
    /// The dialog's element id.
    id: &'static str,
    name: RwSignal<String>,
    /// The photo's blob URL, while it is shown.
    url: RwSignal<Option<String>>,
}

impl PhotoPreview {
    pub fn new(id: &'static str) -> Self {
        Self {
            id,
            name: RwSignal::new(String::new()),
            url: RwSignal::new(None),
        }
    }

    /// Shows the photo at the blob `url`, named `name`.
    pub fn open(self, name: String, url: String) {
        self.name.set(name);
        self.url.set(Some(url));
        if let Some(dialog) = self.dialog() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    }

    fn dialog(self) -> Option<web_sys::HtmlDialogElement> {
        document().get_element_by_id(self.id)?.dyn_into().ok()
    }

    /// The dialog, titled by the photo's name (the heading `title_id`), and
    /// its button that closes it (`close`).
    pub fn view(self, title_id: &'static str, close: impl IntoView + 'static) -> impl IntoView {
        let (name, url) = (self.name, self.url);
        view! {
            <dialog
                id=self.id
                class="preview-dialog"
                aria-labelledby=title_id
                on:close=move |_| url.set(None)
            >
                <h2 id=title_id class="preview-title">{name}</h2>
                <img class="preview-image" src=url alt=name/>
                <button
                    type="button"
                    class="button-secondary preview-close"
                    on:click=move |_| {
                        if let Some(dialog) = self.dialog() {
                            dialog.close();
                        }
                    }
                >
                    {close}
                </button>
            </dialog>
        }
    }
}

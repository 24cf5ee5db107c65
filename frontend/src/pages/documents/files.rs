//! A document's file buttons, as the case attachments' (pages/cases/
//! attachments.rs): preview (a photo in a dialog, a PDF in a new tab) and
//! download, each fetched with the token into a blob URL, since a plain link
//! could not send it; and the button that saves a selection as one zip.

use crate::api::documents::documents_zip_url;
use crate::api::ApiError;
use crate::components::download::{
    blob_error, fetch_and_save, fetch_button, fetch_error_view, ObjectUrl, PhotoPreview,
};
use crate::i18n::document_texts::DOCUMENT_TEXTS;
use crate::i18n::{error_message, fill, Texts};
use crate::state::auth::Auth;
use api_types::{AttachmentTypeDto, DocumentDto};
use leptos::prelude::*;

const DIALOG_ID: &str = "document-preview";

/// What the file buttons of a page share.
#[derive(Clone, Copy)]
pub struct Files {
    auth: Auth,
    /// Previews fetched, by URL, kept until the page goes: a PDF viewer
    /// may read its blob again.
    cache: StoredValue<Vec<(String, ObjectUrl)>>,
    /// Why the last fetch failed, in the reader's words; empty after one
    /// that worked.
    pub error: RwSignal<String>,
    /// The photo in the dialog.
    preview: PhotoPreview,
}

/// What a file button does.
#[derive(Clone)]
enum Job {
    /// Save `href` as `name` (unless the server names it).
    Save(String, String),
    /// Show the preview at `href` of the file `name`: a PDF in a new tab.
    Show {
        href: String,
        name: String,
        pdf: bool,
    },
}

impl Files {
    pub fn new(auth: Auth) -> Self {
        Self {
            auth,
            cache: StoredValue::new(Vec::new()),
            error: RwSignal::new(String::new()),
            preview: PhotoPreview::new(DIALOG_ID),
        }
    }

    /// The blob URL of a file, fetched once.
    async fn url_for(self, href: String) -> Result<String, ApiError> {
        let cached = self
            .cache
            .try_with_value(|c| c.iter().find(|(k, _)| *k == href).map(|(_, u)| u.0.clone()))
            .flatten();
        if let Some(url) = cached {
            return Ok(url);
        }
        let fetched = self.auth.api().fetch_file(&href).await?;
        let url = ObjectUrl::new(&fetched.blob).ok_or_else(blob_error)?;
        let shown = url.0.clone();
        self.cache.try_update_value(|c| c.push((href, url)));
        Ok(shown)
    }

    async fn run(self, t: &'static Texts, job: Job) {
        let outcome = match job {
            Job::Save(href, name) => fetch_and_save(self.auth.api(), &href, &name).await,
            Job::Show { href, name, pdf } => self.show(href, name, pdf).await,
        };
        let text = outcome
            .err()
            .map(|err| error_message(t, &err))
            .unwrap_or_default();
        self.error.try_set(text);
    }

    /// A photo in the dialog; a PDF in a new tab, opened at once (a tab
    /// opened after the download would be taken for a pop-up).
    async fn show(self, href: String, name: String, pdf: bool) -> Result<(), ApiError> {
        if !pdf {
            return self
                .url_for(href)
                .await
                .map(|url| self.preview.open(name, url));
        }
        let Some(tab) = window()
            .open_with_url_and_target("", "_blank")
            .ok()
            .flatten()
        else {
            // Pop-ups refused: the file is saved instead.
            return fetch_and_save(self.auth.api(), &href, &name).await;
        };
        // The tab shows only our own blob; it needs no way back.
        let _ = tab.set_opener(&wasm_bindgen::JsValue::NULL);
        let shown = self.url_for(href).await.map(|url| {
            let _ = tab.location().set_href(&url);
        });
        if shown.is_err() {
            let _ = tab.close();
        }
        shown
    }

    /// The preview and download buttons of a document.
    pub fn buttons(self, t: &'static Texts, d: &DocumentDto) -> impl IntoView {
        let texts = DOCUMENT_TEXTS.of(t);
        let name = d.file_name.as_str();
        let preview = d.preview_url.clone().map(|href| {
            let job = Job::Show {
                href,
                name: name.to_owned(),
                pdf: d.file_type == AttachmentTypeDto::Pdf,
            };
            let label = fill(texts.preview_named, &[("name", name)]);
            self.button(
                t,
                "button-secondary document-preview",
                texts.preview,
                label,
                job,
            )
        });
        let label = fill(texts.download_named, &[("name", name)]);
        let job = Job::Save(d.download_url.clone(), name.to_owned());
        let download = self.button(
            t,
            "button-secondary document-download",
            texts.download,
            label,
            job,
        );
        view! { <div class="attachment-actions document-actions">{preview} {download}</div> }
    }

    /// The button that saves the documents `ids` as one zip (disabled while
    /// none are chosen or too many).
    pub fn zip_button(self, t: &'static Texts, ids: Signal<Vec<String>>) -> impl IntoView {
        let texts = DOCUMENT_TEXTS.of(t);
        let busy = RwSignal::new(false);
        let too_many = move || ids.with(|ids| ids.len() > crate::api::documents::MOST_IN_A_ZIP);
        let on_click = move |_| {
            let chosen = ids.get_untracked();
            if busy.get_untracked() || chosen.is_empty() || too_many() {
                return;
            }
            busy.set(true);
            let job = Job::Save(documents_zip_url(&chosen), "documents.zip".to_owned());
            leptos::task::spawn_local(async move {
                self.run(t, job).await;
                busy.try_set(false);
            });
        };
        view! {
            <button
                type="button"
                class="button-primary button-inline download-zip"
                disabled=move || busy.get() || too_many() || ids.with(Vec::is_empty)
                on:click=on_click
            >
                {move || if busy.get() { texts.zip_loading } else { texts.download_zip }}
            </button>
        }
    }

    /// A button that runs `job`, disabled (and saying so) meanwhile;
    /// `label` names it with its file for screen readers.
    fn button(
        self,
        t: &'static Texts,
        class: &'static str,
        text: &'static str,
        label: String,
        job: Job,
    ) -> impl IntoView {
        let texts = (text, DOCUMENT_TEXTS.of(t).file_loading);
        fetch_button(class.to_owned(), Some(label), texts, move || {
            self.run(t, job.clone())
        })
    }

    /// Why the last fetch failed, read out when it happens.
    pub fn error_view(self) -> impl IntoView {
        fetch_error_view(self.error)
    }

    /// The dialog that shows a photo.
    pub fn dialog(self, t: Signal<&'static Texts>) -> impl IntoView {
        let close = move || DOCUMENT_TEXTS.of(t.get()).close_preview;
        self.preview.view("document-preview-title", close)
    }
}

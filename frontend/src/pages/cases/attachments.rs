//! The case page's attachments: each file with a thumbnail (photos), preview
//! and download, the zip of all, the bench repair form, and (while the case
//! is open, for those who may) the form that adds more. Every file is
//! fetched with the token into a blob URL: a plain link could not send it.

use super::case_page::{Dates, Loaded};
use super::upload::{file_inputs, UploadQueue};
use crate::api::cases::{attachments_zip_url, bench_repair_form_url};
use crate::api::files::FetchedFile;
use crate::api::ApiError;
use crate::components::download::{
    blob_error, fetch_and_save, fetch_button, fetch_error_view, ObjectUrl, PhotoPreview,
};
use crate::format::{format_date_time, format_size};
use crate::i18n::case_texts::CASE_TEXTS;
use crate::i18n::{attachment_type_name, error_message, fill, Texts};
use crate::state::auth::{use_auth, Auth};
use api_types::{AttachmentDto, AttachmentTypeDto, CaseDetail, CaseKindDto};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry};

/// Larger photos get no thumbnail: it would download the whole file.
const THUMB_MAX_BYTES: u64 = 10 * 1024 * 1024;
/// Thumbnails still to fetch: the URL waits in `data-src`.
const UNLOADED_THUMBS: &str = "img[data-src]:not([src])";

type Watcher = (
    IntersectionObserver,
    Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>,
);

/// What the section's parts share.
#[derive(Clone, Copy)]
struct Files {
    auth: Auth,
    t: &'static Texts,
    /// Fetched files by download URL (thumbnails, previews), kept until the
    /// page goes: a PDF viewer may read its blob again.
    cache: StoredValue<Vec<(String, ObjectUrl)>>,
    /// Starts a thumbnail's download once it scrolls into view.
    watcher: StoredValue<Option<Watcher>, LocalStorage>,
    /// Why the last download failed; empty after one that worked.
    error: RwSignal<String>,
    /// The photo in the dialog.
    preview: PhotoPreview,
}

impl Files {
    /// The section's share for `t`; the observer goes with the section.
    fn new(auth: Auth, t: &'static Texts) -> Self {
        let files = Self {
            auth,
            t,
            cache: StoredValue::new(Vec::new()),
            watcher: StoredValue::new_local(None),
            error: RwSignal::new(String::new()),
            preview: PhotoPreview::new(DIALOG_ID),
        };
        on_cleanup(move || {
            // Before the callback goes: the observer must not call it after.
            if let Some(Some((observer, _))) = files.watcher.try_update_value(Option::take) {
                observer.disconnect();
            }
        });
        files
    }

    fn cached(self, href: &str) -> Option<String> {
        self.cache
            .try_with_value(|c| c.iter().find(|(k, _)| k == href).map(|(_, u)| u.0.clone()))
            .flatten()
    }

    /// The blob URL of an attachment, fetched once.
    async fn url_for(self, href: String) -> Result<String, ApiError> {
        if let Some(url) = self.cached(&href) {
            return Ok(url);
        }
        let fetched = self.fetch(&href).await?;
        let url = ObjectUrl::new(&fetched.blob).ok_or_else(blob_error)?;
        let shown = url.0.clone();
        self.cache.try_update_value(|c| c.push((href, url)));
        Ok(shown)
    }

    async fn fetch(self, href: &str) -> Result<FetchedFile, ApiError> {
        self.auth.api().fetch_file(href).await
    }

    /// Fetches `href` and saves it as `name` (or the server's name for it).
    async fn save(self, href: String, name: String) {
        self.report(fetch_and_save(self.auth.api(), &href, &name).await);
    }

    /// A photo in the dialog; a PDF in a new tab, opened at once (a tab
    /// opened after the download would be taken for a pop-up).
    async fn show(self, a: AttachmentDto) {
        if a.file_type != AttachmentTypeDto::Pdf {
            let shown = self.url_for(a.download_url).await;
            return self.report(shown.map(|url| self.preview.open(a.file_name, url)));
        }
        let Some(tab) = window()
            .open_with_url_and_target("", "_blank")
            .ok()
            .flatten()
        else {
            // Pop-ups refused: the file is saved instead.
            return self.save(a.download_url, a.file_name).await;
        };
        // The tab shows only our own blob; it needs no way back.
        let _ = tab.set_opener(&wasm_bindgen::JsValue::NULL);
        let shown = self.url_for(a.download_url).await.map(|url| {
            let _ = tab.location().set_href(&url);
        });
        if shown.is_err() {
            let _ = tab.close();
        }
        self.report(shown);
    }

    fn report(self, outcome: Result<(), ApiError>) {
        let text = outcome
            .err()
            .map(|err| error_message(self.t, &err))
            .unwrap_or_default();
        self.error.try_set(text);
    }

    /// Watches the thumbnails under `root` not fetched yet; fetches them at
    /// once where the browser cannot tell what is in view.
    fn watch_thumbnails(self, root: &Element) {
        let Ok(waiting) = root.query_selector_all(UNLOADED_THUMBS) else {
            return;
        };
        let observer = self.observer();
        for img in (0..waiting.length()).filter_map(|i| waiting.item(i)) {
            let Ok(img) = img.dyn_into::<Element>() else {
                continue;
            };
            match &observer {
                Some(observer) => observer.observe(&img),
                None => self.load_thumbnail(img),
            }
        }
    }

    /// The section's one observer, made on first use.
    fn observer(self) -> Option<IntersectionObserver> {
        if let Some(Some(observer)) = self
            .watcher
            .try_with_value(|w| w.as_ref().map(|(o, _)| o.clone()))
        {
            return Some(observer);
        }
        let callback = Closure::<dyn FnMut(js_sys::Array, IntersectionObserver)>::new(
            move |entries: js_sys::Array, observer: IntersectionObserver| {
                for entry in entries.iter() {
                    let Ok(entry) = entry.dyn_into::<IntersectionObserverEntry>() else {
                        continue;
                    };
                    if entry.is_intersecting() {
                        let img = entry.target();
                        observer.unobserve(&img);
                        self.load_thumbnail(img);
                    }
                }
            },
        );
        let observer = IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        self.watcher
            .try_set_value(Some((observer.clone(), callback)));
        Some(observer)
    }

    fn load_thumbnail(self, img: Element) {
        let Some(href) = img.get_attribute("data-src") else {
            return;
        };
        leptos::task::spawn_local(async move {
            match self.url_for(href).await {
                Ok(url) => {
                    let _ = img.set_attribute("src", &url);
                }
                // The row still names the file and offers it.
                Err(err) => leptos::logging::warn!("thumbnail: {err}"),
            }
        });
    }
}

const SECTION_ID: &str = "attachments";
const DIALOG_ID: &str = "attachment-preview";

/// What a file button does.
#[derive(Clone)]
enum Job {
    /// Save `href` as `name` (unless the server names it).
    Save(String, String),
    Show(Box<AttachmentDto>),
}

/// A button that fetches a file, disabled (and saying so) meanwhile.
fn file_button(
    files: Files,
    class: &'static str,
    label: &'static str,
    aria_label: Option<String>,
    job: Job,
) -> impl IntoView {
    let texts = (label, CASE_TEXTS.of(files.t).file_loading);
    fetch_button(class.to_owned(), aria_label, texts, move || {
        let job = job.clone();
        async move {
            match job {
                Job::Save(href, name) => files.save(href, name).await,
                Job::Show(a) => files.show(*a).await,
            }
        }
    })
}

/// The section; `open`: customers may still add to the case.
pub fn attachments_section(
    t: &'static Texts,
    detail: Memo<Option<CaseDetail>>,
    case: LocalResource<Loaded>,
    case_id: String,
    open: Memo<bool>,
) -> impl IntoView {
    let auth = use_auth();
    let files = Files::new(auth, t);
    let (number, bench) = detail.with_untracked(|d| {
        d.as_ref().map_or((String::new(), false), |d| {
            (
                d.summary.number.clone(),
                d.summary.kind == CaseKindDto::BenchRepair,
            )
        })
    });
    let dates: Dates = (auth.date_format(), auth.time_format(), auth.time_zone());
    let case_key = StoredValue::new(case_id);
    let zip = Job::Save(
        attachments_zip_url(case_key.get_value()),
        format!("{number}-attachments.zip"),
    );

    view! {
        <section id=SECTION_ID class="panel attachments" aria-labelledby="attachments-heading">
            <h2 id="attachments-heading">{CASE_TEXTS.of(t).attachments_heading}</h2>
            {bench.then(|| bench_form(files, case_key, &number))}
            {attachment_list(files, detail, dates, zip)}
            {fetch_error_view(files.error)}
            {add_form(files, case, case_key, open)}
            {files.preview.view("preview-title", CASE_TEXTS.of(t).close_preview)}
        </section>
    }
}

/// A bench repair's form to print and send with the part (case `number`).
fn bench_form(files: Files, case_key: StoredValue<String>, number: &str) -> impl IntoView {
    let t = files.t;
    let job = Job::Save(
        bench_repair_form_url(case_key.get_value()),
        format!("bench-repair-form-{number}.pdf"),
    );
    view! {
        <div class="bench-form">
            <p class="hint">{CASE_TEXTS.of(t).bench_form_hint}</p>
            {file_button(files, "button-secondary bench-form-download", CASE_TEXTS.of(t).bench_form_button, None, job)}
        </div>
    }
}

/// The case's files and the button for the `zip` of all, or a line that
/// there are none; drawn anew as the case changes.
fn attachment_list(
    files: Files,
    detail: Memo<Option<CaseDetail>>,
    dates: Dates,
    zip: Job,
) -> impl IntoView {
    let t = files.t;
    move || {
        let items = detail.with(|d| {
            d.as_ref()
                .map(|d| d.attachments.clone())
                .unwrap_or_default()
        });
        if items.is_empty() {
            return view! { <p class="muted">{CASE_TEXTS.of(t).attachments_empty}</p> }.into_any();
        }
        // Once drawn, the new thumbnails wait to be seen.
        request_animation_frame(move || {
            if let Some(section) = document().get_element_by_id(SECTION_ID) {
                files.watch_thumbnails(&section);
            }
        });
        view! {
            <ul class="attachment-list">
                {items.into_iter().map(|a| attachment_item(files, &dates, a)).collect_view()}
            </ul>
            {file_button(files, "button-secondary download-all", CASE_TEXTS.of(t).download_all, None, zip.clone())}
        }
        .into_any()
    }
}

/// While the case is `open`, for those who may: the form that adds files,
/// sent one by one; the case as the server answers shows the new ones.
fn add_form(
    files: Files,
    case: LocalResource<Loaded>,
    case_key: StoredValue<String>,
    open: Memo<bool>,
) -> impl IntoView {
    let Files { auth, t, .. } = files;
    move || {
        (open.get() && auth.may(domain::Action::AddAttachment)).then(|| {
            let queue = UploadQueue::new();
            let chosen = move |picked: Vec<web_sys::File>| {
                queue.add(t, picked);
                let id = case_key.get_value();
                let shown = id.clone();
                let send = queue.send(
                    auth,
                    t,
                    id,
                    Box::new(move |updated| case.set(Some((shown.clone(), Ok(updated))))),
                );
                leptos::task::spawn_local(async move {
                    send.await;
                });
            };
            view! {
                <form class="add-attachments" aria-labelledby="add-attachments-heading" on:submit=|ev| ev.prevent_default()>
                    <h3 id="add-attachments-heading">{CASE_TEXTS.of(t).add_attachments_heading}</h3>
                    {file_inputs(t, "attachment-files", "attachment-camera", CASE_TEXTS.of(t).attachment_files_help, chosen)}
                    {queue.view(t)}
                </form>
            }
        })
    }
}

fn attachment_item(files: Files, dates: &Dates, a: AttachmentDto) -> impl IntoView {
    let t = files.t;
    let photo = matches!(
        a.file_type,
        AttachmentTypeDto::Jpeg | AttachmentTypeDto::Png
    );
    // Fetched when in view (see `watch_thumbnails`), or at once from the cache.
    let thumb = (photo && a.size_bytes <= THUMB_MAX_BYTES).then(|| {
        let cached = files.cached(&a.download_url);
        view! { <img class="attachment-thumb" alt="" data-src=a.download_url.clone() src=cached/> }
    });
    let facts = format!(
        "{} · {}",
        attachment_type_name(t, a.file_type),
        format_size(a.size_bytes, CASE_TEXTS.of(t).decimal_separator)
    );
    let when = format_date_time(a.uploaded_at, &dates.2, dates.0, dates.1);
    let added = fill(
        t.attachment_added_by,
        &[("name", &a.uploaded_by), ("time", &when)],
    );
    let heic = a.file_type == AttachmentTypeDto::Heic;
    let preview = a.preview_url.is_some().then(|| {
        let label = format!("{} {}", CASE_TEXTS.of(t).preview_button, a.file_name);
        let job = Job::Show(Box::new(a.clone()));
        file_button(
            files,
            "button-secondary attachment-preview",
            CASE_TEXTS.of(t).preview_button,
            Some(label),
            job,
        )
    });
    let download_label = format!("{} {}", CASE_TEXTS.of(t).download_button, a.file_name);
    let job = Job::Save(a.download_url, a.file_name.clone());
    let download = file_button(
        files,
        "button-secondary attachment-download",
        CASE_TEXTS.of(t).download_button,
        Some(download_label),
        job,
    );
    view! {
        <li class="attachment">
            {thumb}
            <div class="attachment-body">
                <span class="attachment-name">{a.file_name}</span>
                <span class="secondary attachment-facts">{facts}</span>
                <span class="secondary attachment-added">{added}</span>
                {heic.then(|| view! { <span class="secondary">{CASE_TEXTS.of(t).heic_no_preview}</span> })}
                <div class="attachment-actions">{preview} {download}</div>
            </div>
        </li>
    }
}

//! Choosing files for a case and sending them, one request per file so each
//! has its own progress bar: at once on the case page, once the case exists
//! on the create form.

use crate::api::ApiError;
use crate::i18n::case_texts::CASE_TEXTS;
use crate::i18n::{error_message, fill, problem_text, Texts};
use crate::state::auth::Auth;
use api_types::{CaseDetail, ProblemCode};
use leptos::prelude::*;
use web_sys::{File, HtmlInputElement};

/// The server's default limit: a larger file would only come back as 413
/// after the whole upload.
pub const MAX_FILE_BYTES: f64 = 25.0 * 1024.0 * 1024.0;
/// Guides the picker; the server decides the type by the content.
pub const ACCEPT: &str = "image/jpeg,image/png,image/heic,.heic,application/pdf";

#[derive(Debug, Clone, PartialEq)]
pub enum UploadState {
    Waiting,
    /// With the percent sent.
    Sending(u8),
    Done,
    /// Why, in the user's words.
    Failed(String),
}

/// One chosen file and how far it got.
#[derive(Clone)]
struct Upload {
    /// Tells the rows apart (ids of their elements).
    key: usize,
    name: String,
    file: File,
    state: RwSignal<UploadState>,
}

/// The files chosen so far, in order, and what to announce about them.
#[derive(Clone, Copy)]
pub struct UploadQueue {
    /// Local: a `File` stays on the browser's thread.
    rows: RwSignal<Vec<Upload>, LocalStorage>,
    live: RwSignal<String>,
    running: StoredValue<bool>,
}

/// What the app refuses before sending, as the server would.
pub fn precheck(size: f64) -> Option<ProblemCode> {
    if size > MAX_FILE_BYTES {
        Some(ProblemCode::PayloadTooLarge)
    } else if size <= 0.0 {
        Some(ProblemCode::EmptyFile)
    } else {
        None
    }
}

impl UploadQueue {
    pub fn new() -> Self {
        Self {
            rows: RwSignal::new_local(Vec::new()),
            live: RwSignal::new(String::new()),
            running: StoredValue::new(false),
        }
    }

    /// Rows for the chosen files: waiting, or refused at once when too large
    /// or empty.
    pub fn add(self, t: &'static Texts, chosen: Vec<File>) {
        let mut refused = Vec::new();
        self.rows.update(|rows| {
            let first = rows.last().map_or(0, |u| u.key + 1);
            for (key, file) in (first..).zip(chosen) {
                let name = file.name();
                let state = match precheck(file.size()) {
                    Some(code) => {
                        let why = problem_text(t, code).unwrap_or(t.errors.generic);
                        refused.push(failed_text(t, &name, why));
                        UploadState::Failed(why.to_owned())
                    }
                    None => UploadState::Waiting,
                };
                rows.push(Upload {
                    key,
                    name,
                    file,
                    state: RwSignal::new(state),
                });
            }
        });
        if !refused.is_empty() {
            self.live.set(refused.join(" "));
        }
    }

    pub fn has_waiting(self) -> bool {
        self.count(|s| *s == UploadState::Waiting) > 0
    }

    pub fn failed(self) -> usize {
        self.count(|s| matches!(s, UploadState::Failed(_)))
    }

    fn count(self, which: impl Fn(&UploadState) -> bool) -> usize {
        self.rows
            .try_with_untracked(|rows| {
                rows.iter()
                    .filter(|u| u.state.with_untracked(&which))
                    .count()
            })
            .unwrap_or_default()
    }

    /// Sends the waiting files one after the other (also those chosen
    /// meanwhile); `added` gets the case after each, and the last is
    /// returned. A second call while one runs leaves the work to the first.
    pub async fn send(
        self,
        auth: Auth,
        t: &'static Texts,
        case_id: String,
        // Boxed: one copy of this future for both forms.
        added: Box<dyn Fn(CaseDetail)>,
    ) -> Option<CaseDetail> {
        if self.running.try_get_value() != Some(false) {
            return None;
        }
        self.running.set_value(true);
        let mut latest = None;
        while let Some(next) = self.next_waiting() {
            let state = next.state;
            state.try_set(UploadState::Sending(0));
            let result: Result<CaseDetail, ApiError> = auth
                .api()
                .upload_attachment(&case_id, &next.file, move |percent| {
                    state.try_set(UploadState::Sending(percent));
                })
                .await;
            let message = match result {
                Ok(case) => {
                    state.try_set(UploadState::Done);
                    added(case.clone());
                    latest = Some(case);
                    fill(t.upload_added_live, &[("name", &next.name)])
                }
                Err(err) => {
                    let why = error_message(t, &err);
                    let message = failed_text(t, &next.name, &why);
                    state.try_set(UploadState::Failed(why));
                    message
                }
            };
            self.live.try_set(message);
        }
        self.running.try_set_value(false);
        latest
    }

    fn next_waiting(self) -> Option<Upload> {
        self.rows
            .try_with_untracked(|rows| {
                rows.iter()
                    .find(|u| u.state.with_untracked(|s| *s == UploadState::Waiting))
                    .cloned()
            })
            .flatten()
    }

    /// A row per file (its name, progress bar and state in words), and the
    /// aria-live region that reads out each result (the rows show them).
    pub fn view(self, t: &'static Texts) -> impl IntoView {
        let (rows, live) = (self.rows, self.live);
        view! {
            {move || {
                let list = rows.get();
                (!list.is_empty()).then(|| view! {
                    <ul class="uploads">
                        {list.into_iter().map(|u| upload_row(t, rows, u)).collect_view()}
                    </ul>
                })
            }}
            <div class="visually-hidden upload-live" aria-live="polite">
                <p role="status">{live}</p>
            </div>
        }
    }
}

fn failed_text(t: &Texts, name: &str, why: &str) -> String {
    fill(t.upload_failed_live, &[("name", name), ("error", why)])
}

fn upload_row(
    t: &'static Texts,
    rows: RwSignal<Vec<Upload>, LocalStorage>,
    u: Upload,
) -> impl IntoView {
    let Upload {
        key, name, state, ..
    } = u;
    let remove_label = format!("{} {name}", CASE_TEXTS.of(t).upload_remove);
    view! {
        <li class=move || state.with(|s| match s {
            UploadState::Done => "upload done",
            UploadState::Failed(_) => "upload failed",
            _ => "upload",
        })>
            // The label names the bar.
            <label class="upload-name">
                {name}
                <progress
                    class="upload-progress"
                    max="100"
                    value=move || state.with(|s| match s {
                        UploadState::Sending(percent) => *percent,
                        UploadState::Done => 100,
                        _ => 0,
                    })
                ></progress>
            </label>
            {move || {
                let (text, removable) = match state.get() {
                    UploadState::Waiting => (CASE_TEXTS.of(t).upload_waiting.to_owned(), true),
                    UploadState::Sending(percent) => {
                        (fill(t.upload_sending, &[("n", &percent.to_string())]), false)
                    }
                    UploadState::Done => (CASE_TEXTS.of(t).upload_done.to_owned(), false),
                    // Not sent or refused: the user may drop it from the list.
                    UploadState::Failed(why) => (why, true),
                };
                let label = remove_label.clone();
                view! {
                    <span class="upload-status">{text}</span>
                    {removable.then(|| view! {
                        <button
                            type="button"
                            class="button-secondary upload-remove"
                            aria-label=label
                            on:click=move |_| rows.update(|list| list.retain(|r| r.key != key))
                        >
                            {CASE_TEXTS.of(t).upload_remove}
                        </button>
                    })}
                }
            }}
        </li>
    }
}

/// The files picked in the file input of `ev`, which is emptied: choosing
/// the same file again is a change too.
pub fn take_files(ev: &leptos::ev::Event) -> Vec<File> {
    let input: HtmlInputElement = event_target(ev);
    let picked = input
        .files()
        .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default();
    input.set_value("");
    picked
}

/// The file picker, the camera (on phones), and the patient-data notice.
/// `chosen` gets the files picked with either.
pub fn file_inputs(
    t: &'static Texts,
    files_id: &'static str,
    camera_id: &'static str,
    help: &'static str,
    chosen: impl Fn(Vec<File>) + Clone + 'static,
) -> impl IntoView {
    let help_id = format!("{files_id}-help");
    let phi_id = format!("{files_id}-phi");
    let on_change = move |ev: leptos::ev::Event| {
        let picked = take_files(&ev);
        if !picked.is_empty() {
            chosen(picked);
        }
    };
    view! {
        <div class="attachment-inputs">
            <div class="field">
                <label for=files_id>{CASE_TEXTS.of(t).choose_files_label}</label>
                <input
                    type="file"
                    id=files_id
                    multiple
                    accept=ACCEPT
                    aria-describedby=format!("{help_id} {phi_id}")
                    on:change=on_change.clone()
                />
                <p id=help_id class="field-help">{help}</p>
            </div>
            <div class="field camera-field">
                <label for=camera_id>{CASE_TEXTS.of(t).take_photo_label}</label>
                <input
                    type="file"
                    id=camera_id
                    accept="image/*"
                    capture="environment"
                    aria-describedby=phi_id.clone()
                    on:change=on_change
                />
            </div>
            <p id=phi_id class="phi-notice">{CASE_TEXTS.of(t).attachment_phi_notice}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_large_and_empty_files_are_refused_before_sending() {
        assert_eq!(
            precheck(MAX_FILE_BYTES + 1.0),
            Some(ProblemCode::PayloadTooLarge)
        );
        assert_eq!(precheck(0.0), Some(ProblemCode::EmptyFile));
        assert_eq!(precheck(MAX_FILE_BYTES), None);
        assert_eq!(precheck(68.0), None);
    }
}

//! Exporting the customised report, every row: an Excel workbook or CSV,
//! with what has been received so far while the server writes it.

use super::ReportList;
use crate::api::reports::{export_url, ExportFormat};
use crate::components::download::{blob_error, save_blob};
use crate::format::format_size;
use crate::i18n::report_texts::REPORT_TEXTS;
use crate::i18n::{error_message, fill};
use crate::state::auth::use_auth;
use leptos::prelude::*;

/// How an export is going.
#[derive(Debug, Clone, PartialEq)]
enum Progress {
    Idle,
    /// Bytes received so far.
    Running(f64),
    Done(String),
    Failed(String),
}

#[component]
pub fn ExportButtons(list: ReportList) -> impl IntoView {
    let auth = use_auth();
    let progress = RwSignal::new(Progress::Idle);
    let texts = move || REPORT_TEXTS.of(list.t.get());
    let start = move |format: ExportFormat| {
        if matches!(progress.get_untracked(), Progress::Running(_)) {
            return;
        }
        progress.set(Progress::Running(0.0));
        let view = list.current.get_untracked();
        let href = export_url(view.report, format);
        let fallback = match format {
            ExportFormat::Xlsx => "report.xlsx",
            ExportFormat::CsvForExcel => "report.csv",
        };
        leptos::task::spawn_local(async move {
            let on_bytes = move |bytes: f64| {
                progress.try_set(Progress::Running(bytes));
            };
            let fetched = auth
                .api()
                .post_for_file(&href, &super::known_query(&view), on_bytes)
                .await;
            let failed = |err| Progress::Failed(error_message(list.t.get_untracked(), &err));
            progress.try_set(match fetched {
                Ok(file) => {
                    let name = file.file_name.unwrap_or_else(|| fallback.to_owned());
                    match save_blob(&file.blob, &name) {
                        Some(()) => Progress::Done(name),
                        None => failed(blob_error()),
                    }
                }
                Err(err) => failed(err),
            });
        });
    };
    let running = move || matches!(progress.get(), Progress::Running(_));
    let status = move || {
        let texts = texts();
        let decimal = if auth.language() == domain::Language::Nl {
            ","
        } else {
            "."
        };
        match progress.get() {
            Progress::Idle => ().into_any(),
            Progress::Running(bytes) => {
                // The server sends no length ahead: the bytes so far, and a
                // bar that says it is busy.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let size = format_size(bytes as u64, decimal);
                view! {
                    <p class="export-progress">
                        <progress aria-label=texts.exporting></progress>
                        " " {fill(texts.export_received, &[("size", &size)])}
                    </p>
                }
                .into_any()
            }
            Progress::Done(name) => view! {
                <p class="export-done">{fill(texts.export_done, &[("name", &name)])}</p>
            }
            .into_any(),
            Progress::Failed(why) => {
                view! { <p class="form-error" role="alert">{why}</p> }.into_any()
            }
        }
    };
    view! {
        <section class="report-export" aria-labelledby="export-heading">
            <h2 id="export-heading" class="visually-hidden">{move || texts().export_heading}</h2>
            <div class="button-row">
                <button type="button" class="button-secondary export-xlsx" disabled=running
                    on:click=move |_| start(ExportFormat::Xlsx)>{move || texts().export_xlsx}</button>
                <button type="button" class="button-secondary export-csv" disabled=running
                    on:click=move |_| start(ExportFormat::CsvForExcel)>{move || texts().export_csv}</button>
            </div>
            <div class="form-live" aria-live="polite" role="status">{status}</div>
        </section>
    }
}

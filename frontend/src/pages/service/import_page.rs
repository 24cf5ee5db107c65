//! `/imports`: importing a customer's installed products from their source
//! system's CSV file (Service and Admin). Choose the file and check it (a
//! dry run: every row checked, nothing stored), read the counts and the
//! problems, fix the file and check it again; only a clean check of the
//! file chosen offers the import itself. A run goes on on the server
//! whatever the browser does: the page asks how far it got every second,
//! and keeps its id in the URL (`?run=`), so a reload finds it again.

use crate::api::imports::{
    import_problems_url, kind_name, kind_named, template_url, IMPORT_KINDS, XLSX,
};
use crate::api::{Api, ApiError};
use crate::components::document::use_title;
use crate::components::download::{fetch_and_save, fetch_button};
use crate::components::forms::{focus_later, required_marker, SubmitButton};
use crate::components::list::heads;
use crate::components::list::{cards, column_heads, fact, list_body, prose, table};
use crate::components::viewport::use_narrow;
use crate::format::format_date_time;
use crate::i18n::import_texts::{ImportTexts, IMPORT_TEXTS};
use crate::i18n::{count_text, error_message, fill, TextFn, Texts};
use crate::routes::Page;
use crate::state::auth::{use_auth, use_texts};
use api_types::{
    ImportKindDto, ImportProblemDto, ImportReportDto, ImportRunDto, ImportStatusDto, ProblemCode,
};
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::rc::Rc;
use std::time::Duration;
use web_sys::File;

/// How often the page asks how far a run got.
const POLL_EVERY: Duration = Duration::from_secs(1);
const FILE_INPUT: &str = "import-file";
const RUN_HEADING: &str = "import-run-heading";

/// The run on screen, and the file it ran on: its name and which choice
/// of a file it was (none for a run reached by its URL).
#[derive(Clone)]
struct Shown {
    run: ImportRunDto,
    name: Option<String>,
    choice: Option<u32>,
}

/// The page's state; cheap to copy.
#[derive(Clone, Copy)]
struct Import {
    api: Api,
    /// What the file holds.
    kind: RwSignal<ImportKindDto>,
    input: NodeRef<html::Input>,
    /// How many times a file was chosen: a check is of one choice, and a
    /// new choice makes it stale.
    choice: RwSignal<u32>,
    /// The file of the last check, which a clean check lets import.
    checked: StoredValue<Option<File>, LocalStorage>,
    shown: RwSignal<Option<Shown>>,
    /// Sending a file (the run starts once it is there).
    sending: RwSignal<bool>,
    /// Loading the run named in the URL.
    loading: RwSignal<bool>,
    /// "Check" was pressed without a file.
    file_missing: RwSignal<bool>,
    /// The last request that failed (starting, following, a download).
    failure: RwSignal<Option<ApiError>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    navigate: StoredValue<Navigate, LocalStorage>,
}

/// Goes to a URL of the app in place of the current one.
type Navigate = Rc<dyn Fn(&str)>;

impl Import {
    fn new() -> Self {
        let navigate = use_navigate();
        let navigate: Navigate = Rc::new(move |href: &str| {
            let options = NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            };
            navigate(href, options);
        });
        let this = Self {
            api: use_auth().api(),
            kind: RwSignal::new(ImportKindDto::InstalledProducts),
            input: NodeRef::new(),
            choice: RwSignal::new(0),
            checked: StoredValue::new_local(None),
            shown: RwSignal::new(None),
            sending: RwSignal::new(false),
            loading: RwSignal::new(false),
            file_missing: RwSignal::new(false),
            failure: RwSignal::new(None),
            timer: StoredValue::new(None),
            navigate: StoredValue::new_local(navigate),
        };
        on_cleanup(move || this.stop_following());
        this
    }

    /// A file was chosen: what was shown was about another one.
    fn chose(self) {
        self.stop_following();
        self.choice.update(|n| *n += 1);
        self.file_missing.set(false);
        self.failure.set(None);
        self.shown.set(None);
        self.keep_in_url(None);
    }

    /// "Check file": a dry run of the file chosen, or says to choose one.
    fn check(self) {
        let file = self
            .input
            .get_untracked()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let Some(file) = file else {
            self.file_missing.set(true);
            focus_later(FILE_INPUT);
            return;
        };
        self.file_missing.set(false);
        self.checked.set_value(Some(file.clone()));
        self.start(file, true);
    }

    /// "Import file": the real run of the file whose check was clean.
    fn import(self) {
        if let Some(file) = self.checked.get_value() {
            self.start(file, false);
        }
    }

    fn start(self, file: File, dry_run: bool) {
        self.stop_following();
        let (name, choice) = (file.name(), self.choice.get_untracked());
        self.shown.set(None);
        self.failure.set(None);
        self.sending.set(true);
        leptos::task::spawn_local(async move {
            let kind = self.kind.get_untracked();
            let started = self.api.import_file(kind, (&file, &name), dry_run).await;
            self.sending.try_set(false);
            match started {
                Ok(run) => {
                    self.show(run, Some(name), Some(choice));
                    focus_later(RUN_HEADING);
                }
                Err(err) => {
                    self.failure.try_set(Some(err));
                }
            }
        });
    }

    /// The run of `?run=`, on arrival.
    fn resume(self, id: String) {
        self.loading.set(true);
        leptos::task::spawn_local(async move {
            let found = self.api.import_run(&id).await;
            self.loading.try_set(false);
            match found {
                Ok(run) => self.show(run, None, None),
                Err(err) => {
                    self.failure.try_set(Some(err));
                }
            }
        });
    }

    fn show(self, run: ImportRunDto, name: Option<String>, choice: Option<u32>) {
        let id = run.id.to_string();
        let running = run.status == ImportStatusDto::Running;
        self.keep_in_url(Some(&id));
        self.shown.try_set(Some(Shown { run, name, choice }));
        if running {
            self.follow(id);
        }
    }

    /// Asks again in a second, and so on while the run runs.
    fn follow(self, id: String) {
        let tick = move || {
            let id = id.clone();
            leptos::task::spawn_local(async move {
                let answer = self.api.import_run(&id).await;
                // Another run (or none) may be on screen by now.
                let still_shown = self
                    .shown
                    .try_with_untracked(|s| s.as_ref().map(|s| s.run.id.to_string()))
                    .flatten();
                if still_shown.as_deref() != Some(id.as_str()) {
                    return;
                }
                match answer {
                    Ok(run) => {
                        let running = run.status == ImportStatusDto::Running;
                        self.shown.try_update(|s| {
                            if let Some(s) = s {
                                s.run = run;
                            }
                        });
                        if running {
                            self.follow(id);
                        }
                    }
                    // The run goes on; a reload follows it again.
                    Err(err) => {
                        self.failure.try_set(Some(err));
                    }
                }
            });
        };
        let handle = set_timeout_with_handle(tick, POLL_EVERY).ok();
        self.timer.try_set_value(handle);
    }

    fn stop_following(self) {
        if let Some(Some(handle)) = self.timer.try_get_value() {
            handle.clear();
        }
    }

    /// The run shown, in the URL (none: the page's own).
    fn keep_in_url(self, run: Option<&str>) {
        let path = Page::Imports.path();
        let href = run.map_or_else(|| path.to_owned(), |id| format!("{path}?run={id}"));
        if let Some(navigate) = self.navigate.try_get_value() {
            navigate(&href);
        }
    }

    /// The import may follow: the run shown is a clean check of the file
    /// chosen now, with rows to import.
    fn may_import(self, shown: &Shown) -> bool {
        let clean = shown.run.report.as_ref().is_some_and(|r| {
            shown.run.dry_run && r.problems.is_empty() && !r.more_problems && r.rows > 0
        });
        clean && shown.choice == Some(self.choice.get()) && self.checked.with_value(Option::is_some)
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let (auth, t) = (use_auth(), use_texts());
    use_title(move |t| IMPORT_TEXTS.of(t).import_title);
    let allowed = Memo::new(move |_| auth.may(domain::Action::ImportData));
    let imp = Import::new();
    if let Some(id) = use_query_map().with_untracked(|q| q.get("run")) {
        if allowed.get_untracked() {
            imp.resume(id);
        }
    }
    // The texts are read once per render: the language changes only in the settings.
    view! {
        {move || {
            let t = t.get();
            let texts = IMPORT_TEXTS.of(t);
            let body = if allowed.get() {
                import_view(imp, t).into_any()
            } else {
                view! { <p class="page-error" role="alert">{t.errors.forbidden}</p> }.into_any()
            };
            view! {
                <h1>{texts.import_title}</h1>
                <p class="hint import-intro">{texts.import_intro}</p>
                {body}
            }
        }}
    }
}

/// The file form, then what the requests and the run came to.
fn import_view(imp: Import, t: &'static Texts) -> impl IntoView {
    let texts = IMPORT_TEXTS.of(t);
    let run_section = run_section(imp, t);
    let status = move || {
        if imp.sending.get() {
            return texts.sending_file.to_owned();
        }
        imp.shown
            .with(|s| s.as_ref().map(|s| outcome_text(texts, &s.run)))
            .unwrap_or_default()
    };

    view! {
        {file_section(imp, t)}
        <div class="form-live" aria-live="polite">
            {move || imp.failure.get().map(|err| view! {
                <p class="form-error" role="alert">{failure_text(t, &err)}</p>
            })}
        </div>
        {move || imp.loading.get().then(|| view! {
            <p class="loading">
                <span class="spinner" aria-hidden="true"></span>
                {texts.loading_run}
            </p>
        })}
        // What the run came to, read out as it changes (the panel shows it).
        <div class="visually-hidden" aria-live="polite">
            <p role="status" class="import-status">{status}</p>
        </div>
        {run_section}
    }
}

/// The section of the run shown: it stays while the run does (its heading
/// keeps the focus); only what it says changes.
fn run_section(imp: Import, t: &'static Texts) -> impl IntoView {
    let texts = IMPORT_TEXTS.of(t);
    let run_key = Memo::new(move |_| {
        imp.shown
            .with(|s| s.as_ref().map(|s| (s.run.id, s.run.dry_run)))
    });
    move || {
        let (_, dry_run) = run_key.get()?;
        let heading = if dry_run {
            texts.check_heading
        } else {
            texts.import_heading
        };
        let running = move || {
            imp.shown
                .with(|s| s.as_ref().map(|s| s.run.status) == Some(ImportStatusDto::Running))
        };
        Some(view! {
            <section class="panel import-run" aria-labelledby=RUN_HEADING aria-busy=move || running().to_string()>
                <h2 id=RUN_HEADING tabindex="-1">{heading}</h2>
                {move || imp.shown.get().map(|shown| run_view(imp, t, shown))}
            </section>
        })
    }
}

/// The template to download, and the form that checks a file of a kind.
fn file_section(imp: Import, t: &'static Texts) -> impl IntoView {
    let texts = IMPORT_TEXTS.of(t);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !imp.sending.get_untracked() {
            imp.check();
        }
    };
    view! {
        <section class="panel import-file" aria-labelledby="import-file-heading">
            <h2 id="import-file-heading">{texts.file_heading}</h2>
            <p class="hint">{texts.template_hint}</p>
            {move || download_button(imp, t, "download-template", texts.download_template, template_url(imp.kind.get()))}
            <form class="import-form" novalidate on:submit=on_submit>
                {kind_field(imp, texts)}
                {file_field(imp, t)}
                <SubmitButton class="button-primary button-inline check-file" pending=imp.sending busy=texts.sending_file idle=texts.check_file/>
            </form>
        </section>
    }
}

/// The select of what the file holds; a new kind makes a check stale.
fn kind_field(imp: Import, texts: &'static ImportTexts) -> impl IntoView {
    view! {
        <div class="field">
            <label for="import-kind">{texts.kind_label}</label>
            <select
                id="import-kind"
                name="kind"
                on:change=move |ev| {
                    if let Some(kind) = kind_named(&event_target_value(&ev)) {
                        imp.kind.set(kind);
                    }
                    // A check was of the other kind.
                    imp.chose();
                }
            >
                {IMPORT_KINDS
                    .map(|kind| {
                        view! {
                            <option value=kind_name(kind) selected=kind == ImportKindDto::InstalledProducts>
                                {kind_label(texts, kind)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="field-help">{texts.kind_help}</p>
        </div>
    }
}

/// A kind's name in the select.
fn kind_label(texts: &'static ImportTexts, kind: ImportKindDto) -> &'static str {
    match kind {
        ImportKindDto::InstalledProducts => texts.kind_products,
        ImportKindDto::Accounts => texts.kind_accounts,
        ImportKindDto::Users => texts.kind_users,
        ImportKindDto::Contracts => texts.kind_contracts,
        ImportKindDto::Warranties => texts.kind_warranties,
        ImportKindDto::PlannedEvents => texts.kind_events,
    }
}

/// The file input, with its help and the error when none was chosen.
fn file_field(imp: Import, t: &'static Texts) -> impl IntoView {
    let texts = IMPORT_TEXTS.of(t);
    let described = move || {
        if imp.file_missing.get() {
            "import-file-help import-file-error"
        } else {
            "import-file-help"
        }
    };
    view! {
        <div class="field">
            <label for=FILE_INPUT>{texts.file_label} {required_marker(t)}</label>
            <input
                type="file"
                id=FILE_INPUT
                name="file"
                accept=format!(".csv,text/csv,.xlsx,{XLSX}")
                required
                node_ref=imp.input
                aria-invalid=move || imp.file_missing.get().then_some("true")
                aria-describedby=described
                on:change=move |_| imp.chose()
            />
            <p id="import-file-help" class="field-help">{texts.file_help}</p>
            {move || imp.file_missing.get().then(|| view! {
                <p id="import-file-error" class="field-error">{texts.file_missing}</p>
            })}
        </div>
    }
}

/// What a failed request means here: the import's own limits, else the
/// app's sentence for the problem.
fn failure_text(t: &'static Texts, err: &ApiError) -> String {
    let texts = IMPORT_TEXTS.of(t);
    match err.code() {
        Some(ProblemCode::PayloadTooLarge) => texts.file_too_large.to_owned(),
        Some(ProblemCode::UnsupportedMediaType) => texts.not_csv.to_owned(),
        _ => error_message(t, err),
    }
}

/// Where a run stands, in a sentence: running, stopped, or what it found.
pub fn outcome_text(texts: &ImportTexts, run: &ImportRunDto) -> String {
    match (run.status, &run.report) {
        (ImportStatusDto::Running, _) if run.dry_run => texts.checking.to_owned(),
        (ImportStatusDto::Running, _) => texts.importing.to_owned(),
        (ImportStatusDto::Failed, _) | (ImportStatusDto::Done, None) => {
            let failure = run.failure.as_deref().unwrap_or_default();
            fill(texts.run_failed, &[("failure", failure)])
        }
        (ImportStatusDto::Done, Some(report)) => report_text(texts, run.dry_run, report),
    }
}

fn report_text(texts: &ImportTexts, dry_run: bool, report: &ImportReportDto) -> String {
    let problems = report.problems.len() as u64;
    if problems > 0 || report.more_problems {
        let found = count_text(texts.problem_one, texts.problems_many, problems);
        if dry_run {
            found
        } else {
            format!("{} {found}", texts.import_refused)
        }
    } else if report.applied {
        texts.imported.to_owned()
    } else if report.rows == 0 {
        texts.no_rows.to_owned()
    } else {
        texts.check_clean.to_owned()
    }
}

/// The run's facts, then its progress, its failure or its report.
fn run_view(imp: Import, t: &'static Texts, shown: Shown) -> AnyView {
    let texts = IMPORT_TEXTS.of(t);
    let dates = use_auth().dates();
    let may_import = imp.may_import(&shown);
    let Shown { run, name, .. } = shown;
    let when = |at| format_date_time(at, &dates.2, dates.0, dates.1);
    let facts = view! {
        <dl class="facts facts-wide import-facts">
            {name.map(|name| fact(texts.file_name_label, view! { <span class="import-file-name">{name}</span> }))}
            {fact(texts.started_label, view! { <span class="date">{when(run.started_at)}</span> })}
            {run.finished_at.map(|at| fact(texts.finished_label, view! { <span class="date">{when(at)}</span> }))}
        </dl>
    };
    let outcome = outcome_text(texts, &run);
    let body = match (run.status, run.report) {
        (ImportStatusDto::Running, _) => {
            let (done, total) = (run.rows_done, run.rows_total);
            let rows = fill(
                texts.rows_progress,
                &[("done", &done.to_string()), ("total", &total.to_string())],
            );
            view! {
                <p class="loading">
                    <span class="spinner" aria-hidden="true"></span>
                    {outcome}
                </p>
                <label class="import-progress" for="import-progress-bar">{rows}</label>
                <progress id="import-progress-bar" class="upload-progress" max=total.max(1) value=done></progress>
            }
            .into_any()
        }
        (ImportStatusDto::Done, Some(report)) => report_view(
            imp,
            t,
            (run.id.to_string(), run.dry_run),
            report,
            may_import,
        ),
        _ => view! { <p class="form-error">{outcome}</p> }.into_any(),
    };
    view! { {facts} {body} }.into_any()
}

/// A finished run: its counts, and the problems or the way on.
fn report_view(
    imp: Import,
    t: &'static Texts,
    (id, dry_run): (String, bool),
    report: ImportReportDto,
    may_import: bool,
) -> AnyView {
    let texts = IMPORT_TEXTS.of(t);
    let outcome = report_text(texts, dry_run, &report);
    let (created, updated) = if report.applied {
        (texts.created_label, texts.updated_label)
    } else {
        (texts.would_create, texts.would_update)
    };
    let counts = view! {
        <dl class="facts facts-wide import-counts">
            {fact(texts.rows_label, report.rows)}
            {fact(created, report.created)}
            {fact(updated, report.updated)}
            {fact(texts.unchanged_label, report.unchanged)}
        </dl>
    };
    let next = if !report.problems.is_empty() || report.more_problems {
        let problems = problems_view(t, report.problems);
        view! {
            <p class="form-error import-outcome">{outcome}</p>
            {report.more_problems.then(|| view! { <p class="hint">{texts.more_problems}</p> })}
            <h3>{texts.problems_heading}</h3>
            {problems}
            {download_button(imp, t, "download-problems", texts.download_problems, import_problems_url(&id))}
        }
        .into_any()
    } else if report.applied || may_import {
        let import = may_import.then(|| view! {
            <button type="button" class="button-primary button-inline import-button" on:click=move |_| imp.import()>
                {texts.import_file}
            </button>
        });
        view! {
            <p class="form-success import-outcome">{outcome}</p>
            {import}
        }
        .into_any()
    } else {
        view! { <p class="import-outcome">{outcome}</p> }.into_any()
    };
    view! { {counts} {next} }.into_any()
}

const COLUMNS: [TextFn; 4] = heads! {
    IMPORT_TEXTS.col_line, IMPORT_TEXTS.col_column, IMPORT_TEXTS.col_value,
    IMPORT_TEXTS.col_reason
};

/// The refused values: a table, or cards on a phone.
fn problems_view(t: &'static Texts, problems: Vec<ImportProblemDto>) -> impl IntoView {
    let (narrow, problems) = (use_narrow(), StoredValue::new(problems));
    move || {
        list_body(
            problems.get_value(),
            "",
            narrow.get(),
            |items| cards(items, |p| problem_card(t, p)),
            |items| {
                let heads = column_heads(t, &COLUMNS);
                table("data-table import-problems", heads, items, |p| {
                    problem_row(t, p)
                })
            },
        )
    }
}

/// A value as the file has it; "(empty)" for none.
fn value_view(t: &'static Texts, value: &str) -> AnyView {
    if value.is_empty() {
        let empty = IMPORT_TEXTS.of(t).empty_value;
        view! { <span class="muted">{empty}</span> }.into_any()
    } else {
        prose(value)
    }
}

fn problem_row(t: &'static Texts, p: ImportProblemDto) -> impl IntoView {
    view! {
        <tr class="problem-row">
            <td class="ident problem-line">{p.line}</td>
            <td class="ident problem-column">{p.column}</td>
            <td class="problem-value">{value_view(t, &p.value)}</td>
            <td class="problem-reason">{p.reason}</td>
        </tr>
    }
}

fn problem_card(t: &'static Texts, p: ImportProblemDto) -> impl IntoView {
    let texts = IMPORT_TEXTS.of(t);
    view! {
        <li class="card problem-card">
            <dl class="facts">
                {fact(texts.col_line, view! { <span class="ident problem-line">{p.line}</span> })}
                {fact(texts.col_column, view! { <span class="ident problem-column">{p.column}</span> })}
                {fact(texts.col_value, value_view(t, &p.value))}
                {fact(texts.col_reason, p.reason)}
            </dl>
        </li>
    }
}

/// A button that fetches `href` with the token and saves the file,
/// disabled (and saying so) meanwhile; a failure shows at the top.
fn download_button(
    imp: Import,
    t: &'static Texts,
    class: &'static str,
    label: &'static str,
    href: String,
) -> impl IntoView {
    let texts = (label, IMPORT_TEXTS.of(t).downloading);
    fetch_button(
        format!("button-secondary {class}"),
        None,
        texts,
        move || {
            imp.failure.set(None);
            let href = href.clone();
            async move {
                if let Err(err) = fetch_and_save(imp.api, &href, "import.csv").await {
                    imp.failure.try_set(Some(err));
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(status: &str, dry_run: bool, report: Option<serde_json::Value>) -> ImportRunDto {
        serde_json::from_value(serde_json::json!({
            "id": "7d9c3a52-0000-4000-8000-000000000001",
            "kind": "installed_products",
            "dry_run": dry_run,
            "status": status,
            "rows_total": 20,
            "rows_done": 7,
            "started_at": "2026-12-06T08:00:00Z",
            "finished_at": null,
            "report": report,
            "failure": (status == "failed").then_some("the server stopped"),
        }))
        .unwrap()
    }

    fn report(problems: usize, applied: bool) -> serde_json::Value {
        let problem = serde_json::json!({
            "line": 9, "column": "install_date", "value": "01-05-2022",
            "code": "bad_date", "reason": "Not a date (YYYY-MM-DD)."
        });
        serde_json::json!({
            "rows": 20, "created": 18, "updated": 0, "unchanged": 0,
            "problems": vec![problem; problems],
            "more_problems": false,
            "applied": applied,
        })
    }

    #[test]
    fn the_outcome_says_where_a_run_stands() {
        let en = &IMPORT_TEXTS.en;
        assert_eq!(outcome_text(en, &run("running", true, None)), en.checking);
        assert_eq!(outcome_text(en, &run("running", false, None)), en.importing);
        assert_eq!(
            outcome_text(en, &run("failed", false, None)),
            "The import stopped: the server stopped"
        );
        let found = outcome_text(en, &run("done", true, Some(report(2, false))));
        assert!(found.starts_with("2 problems: "), "{found}");
        let refused = outcome_text(en, &run("done", false, Some(report(1, false))));
        assert!(refused.starts_with("Nothing was stored") && refused.contains("1 problem:"));
        assert_eq!(
            outcome_text(en, &run("done", true, Some(report(0, false)))),
            en.check_clean
        );
        assert_eq!(
            outcome_text(en, &run("done", false, Some(report(0, true)))),
            en.imported
        );
        let nl = outcome_text(&IMPORT_TEXTS.nl, &run("done", true, Some(report(2, false))));
        assert!(nl.starts_with("2 problemen: "), "{nl}");
    }

    #[test]
    fn progress_and_failures_fill_their_placeholders() {
        for texts in [&IMPORT_TEXTS.en, &IMPORT_TEXTS.nl] {
            assert!(
                texts.rows_progress.contains("{done}") && texts.rows_progress.contains("{total}")
            );
            assert!(texts.problems_many.contains("{n}"));
            assert!(texts.run_failed.contains("{failure}"));
        }
    }
}

//! The service side's form that publishes documents: their kind, where they
//! go (a case or visit the page was opened for, `?case=` or
//! `?planned_event=`; otherwise an installed product, and for a report one
//! of its cases) and the files, sent together in one multipart request
//! (the way pages/cases/upload.rs sends a case's attachments), so either
//! all of them are published or none.

use crate::api::documents::{DocumentTarget, MOST_IN_AN_UPLOAD};
use crate::api::ApiError;
use crate::components::forms::{
    codes_for, field_error, field_errors_view, field_of, invalid_summary, required_marker,
    show_failure, show_invalid, Failure, FieldRef,
};
use crate::components::list::ListPage;
use crate::i18n::document_texts::{document_kind_name, is_report, DOCUMENT_KINDS, DOCUMENT_TEXTS};
use crate::i18n::{count_text, error_message, field_error_text, fill, problem_text, Texts};
use crate::pages::cases::product_picker::{PickedProduct, PickerWords, ProductPicker, SEARCH_ID};
use crate::pages::cases::upload::{precheck, take_files, ACCEPT};
use crate::pages::installed_products_page::display_name;
use crate::query::{from_wire, wire_name, DocumentListView};
use crate::routes::{case_path, Page};
use crate::state::auth::Auth;
use api_types::{
    CaseQuery, CaseSort, DocumentKindDto, DocumentPage, FieldError, FieldErrorCode, ProblemCode,
    ProductRef, SortOrder,
};
use leptos::prelude::*;
use leptos_router::components::A;
use web_sys::File;

const SUMMARY_ID: &str = "upload-documents-errors";
const KIND_ID: &str = "upload-kind";
const CASE_ID: &str = "upload-case";
const FILES_ID: &str = "upload-files";
/// The cases of a product the form offers a report for, newest first.
const CASES_OFFERED: u32 = 50;

/// The fields the summary links to (the product's is the picker's search).
const FIELDS: [FieldRef; 4] = [
    FieldRef::new("kind", KIND_ID, |t| DOCUMENT_TEXTS.of(t).upload_kind_label),
    FieldRef::new("installed_product", SEARCH_ID, |t| {
        DOCUMENT_TEXTS.of(t).col_product
    }),
    FieldRef::new("case", CASE_ID, |t| DOCUMENT_TEXTS.of(t).case_label),
    FieldRef::new("file", FILES_ID, |t| DOCUMENT_TEXTS.of(t).files_label),
];

/// What the page was opened for, from its URL.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    Case(String),
    Visit(String),
    /// Neither: the form asks for a product.
    Free,
}

/// The case or visit the page was opened for, as the server knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Holder {
    /// What the reports go on, and how the form names it.
    target: DocumentTarget,
    label: String,
    /// The page of the case or visit.
    link: Option<String>,
    product: ProductRef,
}

/// The form, for those who publish documents (the service side).
pub fn upload_form(list: ListPage<DocumentListView, DocumentPage>, auth: Auth) -> impl IntoView {
    move || {
        let t = list.t.get();
        auth.may(domain::Action::PublishDocuments)
            .then(|| form(t, list, auth))
    }
}

/// What the form holds: the choices, the files and how the upload went.
#[derive(Clone, Copy)]
struct UploadState {
    kind: RwSignal<Option<DocumentKindDto>>,
    product: RwSignal<Option<PickedProduct>>,
    case_choice: RwSignal<String>,
    /// Local: a `File` stays on the browser's thread.
    files: RwSignal<Vec<File>, LocalStorage>,
    refused: RwSignal<Vec<String>>,
    progress: RwSignal<Option<u8>>,
    failure: RwSignal<Option<Failure>>,
    done: RwSignal<Option<(usize, String)>>,
}

impl UploadState {
    fn new() -> Self {
        Self {
            kind: RwSignal::new(None),
            product: RwSignal::new(None),
            case_choice: RwSignal::new(String::new()),
            files: RwSignal::new_local(Vec::new()),
            refused: RwSignal::new(Vec::new()),
            progress: RwSignal::new(None),
            failure: RwSignal::new(None),
            done: RwSignal::new(None),
        }
    }
}

/// The case or visit the page was opened for, once the server has answered.
type HolderResource = LocalResource<Result<Option<Holder>, ApiError>>;
/// The chosen product's cases, asked for only when a report needs one.
type CasesResource = LocalResource<Option<Result<api_types::CasePage, ApiError>>>;
/// What the form sends: the kind, where the documents go, and the files.
type Upload = (DocumentKindDto, DocumentTarget, Vec<File>);

/// The upload form: kind, where the documents go, files, progress and outcome.
fn form(
    t: &'static Texts,
    list: ListPage<DocumentListView, DocumentPage>,
    auth: Auth,
) -> impl IntoView {
    let texts = DOCUMENT_TEXTS.of(t);
    let current = list.current;
    let place = Memo::new(move |_| {
        current.with(|v| match (v.query.case, v.query.planned_event) {
            (Some(case), _) => Place::Case(case.to_string()),
            (None, Some(visit)) => Place::Visit(visit.to_string()),
            _ => Place::Free,
        })
    });
    let holder = LocalResource::new(move || {
        let place = place.get();
        async move { find_holder(auth, place).await }
    });
    let state = UploadState::new();
    preset_product(auth, current, state.product);
    // A report without a case or visit in the URL goes on one of the
    // product's cases.
    let needs_case =
        Memo::new(move |_| place.get() == Place::Free && state.kind.get().is_some_and(is_report));
    let cases = product_cases(auth, state.product, needs_case);
    // Another product's cases: the chosen one is gone.
    Effect::new(move |_| {
        state.product.track();
        state.case_choice.set(String::new());
    });
    let on_submit = submit_upload(auth, list, state, place, holder);
    let busy = move || state.progress.get().is_some();

    view! {
        <details class="panel upload-documents" open=move || place.get() != Place::Free>
            <summary class="upload-summary">{texts.upload_heading}</summary>
            <p class="hint">{texts.upload_hint}</p>
            <div id=SUMMARY_ID tabindex="-1">{upload_summary(t, state.failure)}</div>
            <form class="add-attachments upload-documents-form" novalidate on:submit=on_submit>
                {kind_field(t, state.kind, state.failure)}
                {target_view(t, place, holder, state, needs_case, cases)}
                {files_field(t, state)}
                {chosen_files(t, state.files)}
                {upload_progress(t, state.progress)}
                <button type="submit" class="button-primary upload-documents-button" disabled=busy>
                    {texts.upload_button}
                </button>
            </form>
            {upload_done(t, state.done)}
        </details>
    }
}

/// Opened for one product (an email's link): it is already picked.
fn preset_product(
    auth: Auth,
    current: Memo<DocumentListView>,
    product: RwSignal<Option<PickedProduct>>,
) {
    let preset = Memo::new(move |_| current.with(|v| v.query.installed_product));
    Effect::new(move |_| {
        let Some(id) = preset.get() else { return };
        if product.with_untracked(Option::is_some) {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(found) = auth.api().installed_product(id).await {
                product.try_set(Some(PickedProduct::from_detail(&found.value)));
            }
        });
    });
}

/// The chosen product's newest cases, while a report needs one of them.
fn product_cases(
    auth: Auth,
    product: RwSignal<Option<PickedProduct>>,
    needs_case: Memo<bool>,
) -> CasesResource {
    LocalResource::new(move || {
        let chosen = product.with(|p| p.as_ref().map(|p| p.id.clone()));
        let wanted = needs_case.get();
        async move {
            let id = chosen.filter(|_| wanted)?;
            let query = CaseQuery {
                installed_product: from_wire(&id),
                sort: Some(CaseSort::CreatedAt),
                order: Some(SortOrder::Desc),
                page_size: Some(CASES_OFFERED),
                ..CaseQuery::default()
            };
            Some(auth.api().cases(query).await)
        }
    })
}

/// The server's codes for one field, from the last failure.
fn codes_of(failure: RwSignal<Option<Failure>>, field: &'static str) -> Vec<FieldErrorCode> {
    codes_for(&Failure::field_errors(&failure.get()), field)
}

/// A field's error codes in the form's words.
fn field_says(
    t: &'static Texts,
    field: &'static str,
) -> impl Fn(FieldErrorCode) -> String + Send + Sync + 'static {
    move |code| field_text(t, field, code).to_owned()
}

/// The upload as the form has it, or what is missing or wrong.
fn check(
    state: UploadState,
    place: Memo<Place>,
    holder: HolderResource,
) -> Result<Upload, Vec<FieldError>> {
    let mut invalid = Vec::new();
    let kind = state.kind.get_untracked();
    if kind.is_none() {
        invalid.push(field_error("kind", FieldErrorCode::Required));
    }
    let report = kind.is_some_and(is_report);
    let target = match place.get_untracked() {
        Place::Free => match state.product.get_untracked() {
            None => {
                invalid.push(field_error("installed_product", FieldErrorCode::Required));
                None
            }
            Some(_) if report => {
                let case = state.case_choice.get_untracked();
                if case.is_empty() {
                    invalid.push(field_error("case", FieldErrorCode::Required));
                    None
                } else {
                    Some(DocumentTarget::Case(case))
                }
            }
            Some(p) => Some(DocumentTarget::Product(p.id)),
        },
        // Not known yet (or not found): the server says why.
        _ => holder
            .get_untracked()
            .and_then(|h| h.ok())
            .flatten()
            .map(|h| {
                if report {
                    h.target
                } else {
                    DocumentTarget::Product(h.product.id.to_string())
                }
            }),
    };
    let chosen = state.files.get_untracked();
    if chosen.is_empty() {
        invalid.push(field_error("file", FieldErrorCode::Required));
    } else if chosen.len() > MOST_IN_AN_UPLOAD {
        invalid.push(field_error("file", FieldErrorCode::TooManyFiles));
    }
    match (kind, target) {
        (Some(kind), Some(target)) if invalid.is_empty() => Ok((kind, target, chosen)),
        _ if invalid.is_empty() => Err(vec![field_error("kind", FieldErrorCode::NotAllowed)]),
        _ => Err(invalid),
    }
}

/// Sends a complete form's files, with progress; else shows what is wrong.
fn submit_upload(
    auth: Auth,
    list: ListPage<DocumentListView, DocumentPage>,
    state: UploadState,
    place: Memo<Place>,
    holder: HolderResource,
) -> impl Fn(leptos::ev::SubmitEvent) + 'static {
    let UploadState {
        files,
        progress,
        failure,
        done,
        ..
    } = state;
    move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if progress.get_untracked().is_some() {
            return;
        }
        done.set(None);
        match check(state, place, holder) {
            Err(invalid) => show_invalid(failure, invalid, SUMMARY_ID),
            Ok((kind, target, chosen)) => {
                failure.set(None);
                progress.set(Some(0));
                leptos::task::spawn_local(async move {
                    let sent = auth
                        .api()
                        .upload_documents(kind, &target, &chosen, move |percent| {
                            progress.try_set(Some(percent));
                        })
                        .await;
                    progress.try_set(None);
                    match sent {
                        Ok(uploaded) => {
                            files.try_set(Vec::new());
                            let product = uploaded
                                .items
                                .first()
                                .map(|d| d.installed_product.id.to_string())
                                .unwrap_or_default();
                            done.try_set(Some((uploaded.items.len(), product)));
                            list.answer.refetch();
                        }
                        Err(err) => show_failure(failure, err, SUMMARY_ID),
                    }
                });
            }
        }
    }
}

/// The form's error summary: why the upload failed, or links to the fields.
fn upload_summary(t: &'static Texts, failure: RwSignal<Option<Failure>>) -> impl IntoView {
    move || {
        failure.get().map(|f| match f {
            Failure::Failed(err) => {
                view! { <p class="form-error" role="alert">{upload_error(t, &err)}</p> }.into_any()
            }
            Failure::Invalid(errors) => {
                let field = field_of(t, &FIELDS);
                invalid_summary(t, &errors, |e| {
                    let (label, id) = field(&e.field)?;
                    let field = FIELDS.iter().find(|f| f.id == id)?.field;
                    Some((id, format!("{label}: {}", field_text(t, field, e.code))))
                })
            }
        })
    }
}

/// The document kind's select, with its errors.
fn kind_field(
    t: &'static Texts,
    kind: RwSignal<Option<DocumentKindDto>>,
    failure: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let texts = DOCUMENT_TEXTS.of(t);
    let kinds = DOCUMENT_KINDS.map(|k| {
        view! { <option value=wire_name(&k)>{document_kind_name(t, k)}</option> }
    });
    let on_kind = move |ev: leptos::ev::Event| kind.set(from_wire(&event_target_value(&ev)));
    view! {
        <div class="field">
            <label for=KIND_ID>{texts.upload_kind_label} {required_marker(t)}</label>
            <select
                id=KIND_ID
                name="kind"
                aria-invalid=move || (!codes_of(failure, "kind").is_empty()).then_some("true")
                aria-describedby=format!("{KIND_ID}-error")
                on:change=on_kind
            >
                <option value="">{texts.choose_kind}</option>
                {kinds}
            </select>
            {field_errors_view(format!("{KIND_ID}-error"), move || codes_of(failure, "kind"), field_says(t, "kind"))}
        </div>
    }
}

/// Where the documents go: a product to pick (and a report's case), or the
/// case or visit the page was opened for.
fn target_view(
    t: &'static Texts,
    place: Memo<Place>,
    holder: HolderResource,
    state: UploadState,
    needs_case: Memo<bool>,
    cases: CasesResource,
) -> impl IntoView {
    let texts = DOCUMENT_TEXTS.of(t);
    let UploadState {
        kind,
        product,
        case_choice,
        failure,
        ..
    } = state;
    let product_error = Signal::derive(move || {
        codes_of(failure, "installed_product")
            .first()
            .map(|_| texts.error_product_required.to_owned())
    });
    move || match place.get() {
        Place::Free => view! {
            <ProductPicker t words=PickerWords::for_cases(t) selected=product error=product_error/>
            {move || needs_case.get().then(|| {
                let codes = Signal::derive(move || codes_of(failure, "case"));
                case_field(t, cases, case_choice, codes, field_says(t, "case"))
            })}
        }
        .into_any(),
        _ => holder_view(t, holder, kind).into_any(),
    }
}

/// The file input with its help and errors, and the files refused at once.
fn files_field(t: &'static Texts, state: UploadState) -> impl IntoView {
    let texts = DOCUMENT_TEXTS.of(t);
    let UploadState {
        files,
        refused,
        failure,
        ..
    } = state;
    let on_files = move |ev: leptos::ev::Event| {
        let picked = take_files(&ev);
        let mut why = Vec::new();
        let accepted: Vec<File> = picked
            .into_iter()
            .filter(|file| match precheck(file.size()) {
                Some(code) => {
                    let reason = problem_text(t, code).unwrap_or(t.errors.generic);
                    why.push(format!("{}: {reason}", file.name()));
                    false
                }
                None => true,
            })
            .collect();
        refused.set(why);
        files.update(|list| list.extend(accepted));
    };
    view! {
        <div class="field">
            <label for=FILES_ID>{texts.files_label} {required_marker(t)}</label>
            <input
                type="file"
                id=FILES_ID
                multiple
                accept=ACCEPT
                aria-describedby=format!("{FILES_ID}-help {FILES_ID}-error")
                aria-invalid=move || (!codes_of(failure, "file").is_empty()).then_some("true")
                on:change=on_files
            />
            <p id=format!("{FILES_ID}-help") class="field-help">{texts.files_help}</p>
            {field_errors_view(format!("{FILES_ID}-error"), move || codes_of(failure, "file"), field_says(t, "file"))}
            {move || refused.with(|why| (!why.is_empty()).then(|| view! {
                <ul class="field-error refused-files">
                    {why.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}
                </ul>
            }))}
        </div>
    }
}

/// The files chosen so far, each with its remove button.
fn chosen_files(t: &'static Texts, files: RwSignal<Vec<File>, LocalStorage>) -> impl IntoView {
    move || {
        let chosen = files.get();
        (!chosen.is_empty()).then(|| view! {
            <ul class="uploads chosen-files">
                {chosen.into_iter().enumerate().map(|(i, file)| chosen_file(t, files, i, &file)).collect_view()}
            </ul>
        })
    }
}

/// The upload's progress bar, while it is sending.
fn upload_progress(t: &'static Texts, progress: RwSignal<Option<u8>>) -> impl IntoView {
    let texts = DOCUMENT_TEXTS.of(t);
    move || {
        progress.get().map(|percent| {
            view! {
                <label class="upload-name upload-progress-label">
                    {fill(texts.uploading, &[("n", &percent.to_string())])}
                    <progress class="upload-progress" max="100" value=percent></progress>
                </label>
            }
        })
    }
}

/// How many documents went up, with a link to the product's documents.
fn upload_done(t: &'static Texts, done: RwSignal<Option<(usize, String)>>) -> impl IntoView {
    let texts = DOCUMENT_TEXTS.of(t);
    view! {
        <div class="form-live" aria-live="polite">
            {move || done.get().map(|(n, product)| {
                let href = format!("{}?installed_product={product}", Page::Documents.path());
                view! {
                    <p class="form-success upload-done">
                        {count_text(texts.uploaded_one, texts.uploaded_many, n as u64)}
                        " "
                        <A href=href>{texts.show_uploaded}</A>
                    </p>
                }
            })}
        </div>
    }
}

/// One chosen file, with the button that drops it.
fn chosen_file(
    t: &'static Texts,
    files: RwSignal<Vec<File>, LocalStorage>,
    index: usize,
    file: &File,
) -> impl IntoView {
    let texts = DOCUMENT_TEXTS.of(t);
    let name = file.name();
    let label = fill(texts.remove_file_named, &[("name", &name)]);
    view! {
        <li class="upload">
            <span class="upload-name file-name">{name}</span>
            <button
                type="button"
                class="button-secondary upload-remove"
                aria-label=label
                on:click=move |_| files.update(|list| {
                    if index < list.len() {
                        list.remove(index);
                    }
                })
            >
                {texts.remove_file}
            </button>
        </li>
    }
}

/// The product's cases to put a report on.
fn case_field(
    t: &'static Texts,
    cases: LocalResource<Option<Result<api_types::CasePage, ApiError>>>,
    choice: RwSignal<String>,
    codes: Signal<Vec<FieldErrorCode>>,
    text: impl Fn(FieldErrorCode) -> String + Send + Sync + 'static,
) -> impl IntoView {
    let texts = DOCUMENT_TEXTS.of(t);
    let error_id = format!("{CASE_ID}-error");
    let options = move || match cases.get().flatten() {
        None => view! { <p class="loading" role="status">{texts.cases_loading}</p> }.into_any(),
        Some(Err(err)) => {
            view! { <p class="form-error" role="alert">{error_message(t, &err)}</p> }.into_any()
        }
        Some(Ok(page)) if page.items.is_empty() => {
            view! { <p class="empty-state">{texts.no_cases}</p> }.into_any()
        }
        Some(Ok(page)) => {
            let error_id = error_id.clone();
            view! {
                <select
                    id=CASE_ID
                    name="case"
                    aria-invalid=move || (!codes.get().is_empty()).then_some("true")
                    aria-describedby=error_id
                    on:change=move |ev| choice.set(event_target_value(&ev))
                >
                    <option value="">{texts.choose_case}</option>
                    {page.items.into_iter().map(|c| {
                        let id = c.id.to_string();
                        let selected = {
                            let id = id.clone();
                            move || choice.with(|chosen| *chosen == id)
                        };
                        view! { <option value=id prop:selected=selected>{format!("{} · {}", c.number, c.title)}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
    };
    view! {
        <div class="field">
            <label for=CASE_ID>{texts.case_label} {required_marker(t)}</label>
            {options}
            {field_errors_view(format!("{CASE_ID}-error"), move || codes.get(), text)}
        </div>
    }
}

/// Where the documents go when the page was opened for a case or a visit:
/// a report goes on it, a product's paper on its product.
fn holder_view(
    t: &'static Texts,
    holder: LocalResource<Result<Option<Holder>, ApiError>>,
    kind: RwSignal<Option<DocumentKindDto>>,
) -> impl IntoView {
    let texts = DOCUMENT_TEXTS.of(t);
    move || match holder.get() {
        None => view! { <p class="loading" role="status">{t.product_loading}</p> }.into_any(),
        Some(Err(err)) => {
            view! { <p class="form-error" role="alert">{upload_error(t, &err)}</p> }.into_any()
        }
        Some(Ok(None)) => ().into_any(),
        Some(Ok(Some(h))) => {
            let p = &h.product;
            let product = format!(
                "{} {}",
                p.number,
                display_name(p.custom_name.as_deref(), &p.description)
            );
            // Before a kind is chosen, the report's place is shown.
            if kind.get().is_some_and(|k| !is_report(k)) {
                let line = fill(texts.target_product, &[("product", &product)]);
                return view! { <p class="upload-target">{line}</p> }.into_any();
            }
            let line = match &h.target {
                DocumentTarget::Visit(_) => fill(texts.target_visit, &[("when", &h.label)]),
                _ => fill(texts.target_case, &[("case", &h.label)]),
            };
            view! {
                <p class="upload-target">
                    {match h.link.clone() {
                        Some(href) => view! { <A href=href>{line}</A> }.into_any(),
                        None => line.into_any(),
                    }}
                    <span class="secondary">{product}</span>
                </p>
            }
            .into_any()
        }
    }
}

/// The case or visit of `place`, as the server has it.
async fn find_holder(auth: Auth, place: Place) -> Result<Option<Holder>, ApiError> {
    let api = auth.api();
    Ok(Some(match place {
        Place::Free => return Ok(None),
        Place::Case(id) => {
            let case = api.case(&id).await?.summary;
            Holder {
                link: Some(case_path(&id)),
                target: DocumentTarget::Case(id),
                label: case.number,
                product: case.installed_product,
            }
        }
        Place::Visit(id) => {
            let visit = api.planned_event(&id).await?;
            Holder {
                link: Some(format!("{}/{id}", Page::Calendar.path())),
                target: DocumentTarget::Visit(id),
                label: visit.when,
                product: visit.installed_product,
            }
        }
    }))
}

/// What is wrong with a field, in the form's words.
fn field_text(t: &'static Texts, field: &str, code: FieldErrorCode) -> &'static str {
    let texts = DOCUMENT_TEXTS.of(t);
    match (field, code) {
        ("kind", FieldErrorCode::Required) => texts.error_kind_required,
        ("kind", _) => texts.error_kind_place,
        ("installed_product", _) => texts.error_product_required,
        ("case", _) => texts.error_case_required,
        ("file", FieldErrorCode::TooManyFiles) => texts.error_too_many_files,
        ("file", FieldErrorCode::Required) => texts.error_files_required,
        _ => field_error_text(t, code),
    }
}

/// Why an upload failed: the form's own words for where the documents go
/// (400, 404), the app's for the rest (403, 413, 415, an empty file).
fn upload_error(t: &'static Texts, err: &ApiError) -> String {
    let texts = DOCUMENT_TEXTS.of(t);
    match err.code() {
        Some(ProblemCode::InvalidQuery) => texts.error_target.to_owned(),
        Some(ProblemCode::NotFound) => texts.error_not_found.to_owned(),
        _ => error_message(t, err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::problem;
    use crate::i18n::texts;
    use domain::Language;

    #[test]
    fn the_servers_refusals_read_as_the_forms_sentences() {
        let t = texts(Language::En);
        let texts = DOCUMENT_TEXTS.of(t);
        for (code, sentence) in [
            (ProblemCode::InvalidQuery, texts.error_target),
            (ProblemCode::NotFound, texts.error_not_found),
            (ProblemCode::Forbidden, t.errors.forbidden),
            (ProblemCode::PayloadTooLarge, t.errors.payload_too_large),
            (
                ProblemCode::UnsupportedFileType,
                t.errors.unsupported_file_type,
            ),
        ] {
            assert_eq!(upload_error(t, &problem(code, None)), sentence, "{code:?}");
        }
        use FieldErrorCode::{NotAllowed, Required, TooManyFiles};
        for (field, code, sentence) in [
            ("kind", NotAllowed, texts.error_kind_place),
            ("file", Required, texts.error_files_required),
            ("file", TooManyFiles, texts.error_too_many_files),
        ] {
            assert_eq!(field_text(t, field, code), sentence, "{field}");
        }
    }
}

//! `/cases/new` (`?installed_product=<id>` picks the product): the create
//! form. A priority-1 case shows the contact centre's number before submit;
//! a retry of the same content reuses its `Idempotency-Key`.

use super::case_request::{
    create_request, CaseFormValues, CONTACT_EMAIL, CONTACT_NAME, CONTACT_PHONE, DESCRIPTION,
    FIELDS, PART_DESCRIPTION, PART_SERIAL, PRIORITY, PRODUCT, REFERENCE, RETURN_ADDRESS,
};
use super::fields::{
    error_for, errors_of, focus_later, outcome_summary, patient_data_confirm, required_marker,
    text_field,
};
use super::product_picker::{PickedProduct, ProductPicker};
use super::submit::{new_idempotency_key, outcome_of, IdempotencyKeys, Outcome};
use super::upload::{file_inputs, UploadQueue};
use super::{critical_notice, JustCreated};
use crate::api::ApiError;
use crate::components::document::set_title;
use crate::i18n::case_texts::CASE_TEXTS;
use crate::i18n::{case_kind_name, fill, priority_text, Texts, CASE_KINDS, PRIORITIES};
use crate::query::{from_wire, wire_name};
use crate::routes::{case_path, Page};
use crate::state::auth::{use_auth, use_texts};
use api_types::{CaseKindDto, ContactCentreDto, CreateCaseRequest, ProblemCode};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

#[component]
pub fn NewCasePage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    Effect::new(move |_| set_title(t.get().create_case, t.get().product_name));
    // `?installed_product=<id>`: the form opens with that product chosen.
    let preselect = use_query_map().with_untracked(|q| q.get("installed_product"));
    let wanted = preselect.is_some();
    // Some(answer) once asked; the answer is None for an unknown product.
    let preselected = RwSignal::new(None::<Option<PickedProduct>>);
    if let Some(id) = preselect {
        leptos::task::spawn_local(async move {
            let result = auth.api().installed_product(&id).await;
            let picked = result
                .ok()
                .map(|detail| PickedProduct::from_detail(&detail.value));
            preselected.try_set(Some(picked));
        });
    }

    view! {
        <p class="back-link">
            <A href=Page::Cases.path()>{move || CASE_TEXTS.of(t.get()).back_to_cases}</A>
        </p>
        <h1>{move || t.get().create_case}</h1>
        // The texts are read once per render: the language only changes at sign-in.
        {move || {
            let t = t.get();
            if !auth.may(domain::Action::CreateCase) {
                return view! { <p class="page-error" role="alert">{CASE_TEXTS.of(t).create_case_forbidden}</p> }
                    .into_any();
            }
            match (wanted, preselected.get()) {
                (true, None) => view! {
                    <p class="loading" role="status">
                        <span class="spinner" aria-hidden="true"></span>
                        {t.product_loading}
                    </p>
                }
                .into_any(),
                // An unknown or invisible product: the form opens without one.
                (_, initial) => view! { <CaseForm t initial=initial.flatten()/> }.into_any(),
            }
        }}
    }
}

const ERRORS_ID: &str = "case-form-errors";
const FAILED_ID: &str = "case-upload-failed";

#[component]
fn CaseForm(t: &'static Texts, initial: Option<PickedProduct>) -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    let just_created = JustCreated::get();

    let product = RwSignal::new(initial);
    let priority = RwSignal::new(None::<u8>);
    let kind = RwSignal::new(CaseKindDto::default());
    let [description, part_description, part_serial, return_address, reference, contact_name, contact_email, contact_phone] =
        std::array::from_fn(|_| RwSignal::new(String::new()));
    let needs_confirm = RwSignal::new(false);
    let confirm = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let errors = Memo::new(move |_| outcome.with(errors_of));
    let keys = StoredValue::new(IdempotencyKeys::default());
    // Files chosen with the form go up once the case exists; meanwhile the
    // form shows the new number and the uploads' progress.
    let queue = UploadQueue::new();
    let created = RwSignal::new(None::<(String, String)>);
    let upload_failed = RwSignal::new(false);
    let after = move || created.with(Option::is_some);

    // The contact centre of the chosen product, asked for as soon as a
    // product is chosen: priority 1 then shows its number without a wait.
    let critical = Memo::new(move |_| priority.get() == Some(1));
    let contact = RwSignal::new(None::<(String, Result<ContactCentreDto, ApiError>)>);
    let chosen_id = move || product.with(|p| p.as_ref().map(|p| p.id.clone()));
    Effect::new(move |_| {
        let Some(id) = chosen_id() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = auth.api().contact_centre(&id).await;
            // The answer for a product chosen meanwhile is dropped.
            let current = product.try_with_untracked(|p| p.as_ref().map(|p| p.id == id));
            if current == Some(Some(true)) {
                contact.try_set(Some((id, result)));
            }
        });
    });
    // Without a product: the notice asks for one. With one: the notice waits
    // for the contact centre's answer (a moment), then names the number.
    let notice = move || {
        if !critical.get() {
            return None;
        }
        let chosen = chosen_id();
        let has_product = chosen.is_some();
        let answer = match chosen {
            None => Some(None),
            Some(chosen) => match contact.get() {
                Some((id, result)) if id == chosen => Some(result.ok()),
                _ => None,
            },
        };
        answer.map(|contact| critical_notice(t, contact, !has_product, true))
    };

    let submit = Action::new_local(move |(key, request): &(String, CreateCaseRequest)| {
        let (key, request) = (key.clone(), request.clone());
        let navigate = navigate.clone();
        async move {
            let result = auth.api().create_case(&key, &request).await;
            match result {
                Ok(case) if queue.has_waiting() => {
                    let path = case_path(case.summary.id);
                    let id = case.summary.id.to_string();
                    created.set(Some((case.summary.number.clone(), path.clone())));
                    let latest = queue.send(auth, t, id, Box::new(|_| ())).await;
                    // Gone meanwhile: the user went elsewhere.
                    if created.try_get_untracked().is_none() {
                        return;
                    }
                    if queue.failed() > 0 {
                        upload_failed.set(true);
                        focus_later(FAILED_ID);
                    } else {
                        just_created.set(latest.unwrap_or(case));
                        navigate(&path, NavigateOptions::default());
                    }
                }
                Ok(case) => {
                    let path = case_path(case.summary.id);
                    just_created.set(case);
                    navigate(&path, NavigateOptions::default());
                }
                Err(err) => {
                    if err.code() == Some(ProblemCode::IdempotencyKeyReused) {
                        keys.update_value(IdempotencyKeys::forget);
                    }
                    let next = outcome_of(err);
                    if next == Outcome::NeedsConfirm {
                        needs_confirm.set(true);
                    }
                    outcome.set(Some(next));
                    focus_later(ERRORS_ID);
                }
            }
        }
    });
    let pending = submit.pending();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let values = CaseFormValues {
            product: product.with_untracked(|p| p.as_ref().map(|p| p.id.clone())),
            priority: priority.get_untracked(),
            kind: kind.get_untracked(),
            description: description.get_untracked(),
            part_description: part_description.get_untracked(),
            part_serial: part_serial.get_untracked(),
            return_address: return_address.get_untracked(),
            reference: reference.get_untracked(),
            contact_name: contact_name.get_untracked(),
            contact_email: contact_email.get_untracked(),
            contact_phone: contact_phone.get_untracked(),
            confirm_no_patient_data: needs_confirm.get_untracked() && confirm.get_untracked(),
        };
        match create_request(&values) {
            Err(invalid) => {
                outcome.set(Some(Outcome::Invalid(invalid)));
                focus_later(ERRORS_ID);
            }
            Ok(request) => {
                let body = serde_json::to_string(&request).unwrap_or_default();
                let key = keys
                    .try_update_value(|k| k.key_for(&body, new_idempotency_key))
                    .unwrap_or_else(new_idempotency_key);
                outcome.set(None);
                submit.dispatch((key, request));
            }
        }
    };

    let product_error = Signal::derive(move || {
        errors.with(|e| error_for(e, PRODUCT.field).map(|_| t.field_required.to_owned()))
    });
    let priority_error = move || errors.with(|e| error_for(e, PRIORITY.field).is_some());
    let bench = Memo::new(move |_| kind.get() == CaseKindDto::BenchRepair);

    // "Case {number} created", the number marked as on the case page; then
    // the uploads, or where to retry those that failed.
    let created_view = move || {
        created.get().map(|(number, path)| {
            let (before, after) = t
                .case_created
                .split_once("{number}")
                .unwrap_or((t.case_created, ""));
            let next = if upload_failed.get() {
                let link = fill(t.open_case_link, &[("number", &number)]);
                view! {
                    <div id=FAILED_ID class="form-error" role="alert" tabindex="-1">
                        <p>{CASE_TEXTS.of(t).case_upload_failed}</p>
                        <A href=path attr:class="open-case">{link}</A>
                    </div>
                }
                .into_any()
            } else {
                view! { <p class="hint">{CASE_TEXTS.of(t).case_uploading}</p> }.into_any()
            };
            view! {
                <p class="form-success" role="status">
                    {before}<span class="case-number">{number}</span>{after}
                </p>
                {next}
            }
        })
    };

    view! {
        <form class="case-form" on:submit=on_submit novalidate>
            <div class="form-live" aria-live="polite">{created_view}</div>
            <div class="case-form-fields" hidden=after>
                <p class="hint">{CASE_TEXTS.of(t).new_case_intro}</p>
                <div id=ERRORS_ID tabindex="-1">
                    {move || outcome.with(|o| o.as_ref().map(|o| outcome_summary(t, o, &FIELDS)))}
                </div>
                <ProductPicker t selected=product error=product_error/>
                <fieldset
                    class="priority-group"
                    aria-describedby=move || {
                        if priority_error() { "priority-help priority-error" } else { "priority-help" }
                    }
                >
                    <legend>{CASE_TEXTS.of(t).col_priority} {required_marker(t)}</legend>
                    <p id="priority-help" class="field-help">{CASE_TEXTS.of(t).priority_help}</p>
                    <div class="choices">
                        {PRIORITIES
                            .into_iter()
                            .map(|p| {
                                let id = format!("priority-{p}");
                                view! {
                                    <div class="choice">
                                        <input
                                            type="radio"
                                            name="priority"
                                            id=id.clone()
                                            value=p.to_string()
                                            on:change=move |_| priority.set(Some(p))
                                        />
                                        <label for=id>{priority_text(t, p)}</label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                    {move || priority_error().then(|| view! {
                        <p id="priority-error" class="field-error">{t.field_required}</p>
                    })}
                </fieldset>
                {notice}
                <div class="field">
                    <label for="case-kind">{CASE_TEXTS.of(t).case_kind_label}</label>
                    <select
                        id="case-kind"
                        name="kind"
                        on:change=move |ev| kind.set(from_wire(&event_target_value(&ev)).unwrap_or_default())
                    >
                        {CASE_KINDS
                            .into_iter()
                            .map(|k| view! { <option value=wire_name(&k)>{case_kind_name(t, k)}</option> })
                            .collect_view()}
                    </select>
                </div>
                {move || bench.get().then(|| view! {
                    <fieldset class="bench-repair">
                        <legend>{CASE_TEXTS.of(t).bench_heading}</legend>
                        {text_field(t, &PART_DESCRIPTION, part_description, errors)}
                        {text_field(t, &PART_SERIAL, part_serial, errors)}
                        {text_field(t, &RETURN_ADDRESS, return_address, errors)}
                    </fieldset>
                })}
                {text_field(t, &DESCRIPTION, description, errors)}
                {text_field(t, &REFERENCE, reference, errors)}
                <fieldset class="contact-group" aria-describedby="case-contact-help">
                    <legend>{CASE_TEXTS.of(t).contact_heading}</legend>
                    <p id="case-contact-help" class="field-help">{CASE_TEXTS.of(t).contact_help}</p>
                    {text_field(t, &CONTACT_NAME, contact_name, errors)}
                    {text_field(t, &CONTACT_EMAIL, contact_email, errors)}
                    {text_field(t, &CONTACT_PHONE, contact_phone, errors)}
                </fieldset>
            </div>
            <fieldset class="attachments-group">
                <legend>{CASE_TEXTS.of(t).attachments_group_legend}</legend>
                <div hidden=after>
                    {file_inputs(
                        t,
                        "case-attachment-files",
                        "case-attachment-camera",
                        CASE_TEXTS.of(t).case_attachment_files_help,
                        move |picked| queue.add(t, picked),
                    )}
                </div>
                {queue.view(t)}
            </fieldset>
            <div hidden=after>
                {move || needs_confirm.get().then(|| patient_data_confirm(t, "confirm-no-patient-data", confirm))}
                <button type="submit" class="button-primary button-inline" disabled=move || pending.get()>
                    {move || if pending.get() { CASE_TEXTS.of(t).creating_case } else { CASE_TEXTS.of(t).submit_case }}
                </button>
            </div>
        </form>
    }
}

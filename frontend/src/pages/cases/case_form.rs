//! The create form of `/cases/new`, in its parts: what is typed, the
//! priority-1 notice, the send, and the fields.

use super::case_request::{
    contact_specs, create_request, CaseFormValues, CONTACT_EMAIL, DESCRIPTION, FIELDS,
    PART_DESCRIPTION, PART_SERIAL, PRIORITY, PRODUCT, REFERENCE, RETURN_ADDRESS,
};
use super::fields::{
    error_for, errors_of, focus_later, outcome_summary, patient_data_confirm, required_marker,
    text_field,
};
use super::product_picker::{PickedProduct, PickerWords, ProductPicker};
use super::submit::{new_idempotency_key, show_refusal, IdempotencyKeys, Outcome};
use super::upload::{file_inputs, UploadQueue};
use super::{critical_notice, JustCreated};
use crate::api::ApiError;
use crate::components::forms::{select_field, submit_once, RadioInput, SubmitButton};
use crate::i18n::case_texts::CASE_TEXTS;
use crate::i18n::{case_kind_name, fill, priority_text, Texts, CASE_KINDS, PRIORITIES};
use crate::query::{from_wire, wire_name};
use crate::routes::case_path;
use crate::state::auth::{use_auth, Auth};
use api_types::{CaseKindDto, ContactCentreDto, CreateCaseRequest, ProblemCode};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

const ERRORS_ID: &str = "case-form-errors";
const FAILED_ID: &str = "case-upload-failed";

/// What is typed into the form.
#[derive(Clone, Copy)]
struct Typed {
    product: RwSignal<Option<PickedProduct>>,
    priority: RwSignal<Option<u8>>,
    kind: RwSignal<CaseKindDto>,
    description: RwSignal<String>,
    part_description: RwSignal<String>,
    part_serial: RwSignal<String>,
    return_address: RwSignal<String>,
    reference: RwSignal<String>,
    contact_name: RwSignal<String>,
    contact_email: RwSignal<String>,
    contact_phone: RwSignal<String>,
    /// Logged by the service desk for a caller.
    phoned_in: bool,
}

impl Typed {
    fn new(initial: Option<PickedProduct>, phoned_in: bool) -> Self {
        let text = || RwSignal::new(String::new());
        Self {
            product: RwSignal::new(initial),
            priority: RwSignal::new(None),
            kind: RwSignal::new(CaseKindDto::default()),
            description: text(),
            part_description: text(),
            part_serial: text(),
            return_address: text(),
            reference: text(),
            contact_name: text(),
            contact_email: text(),
            contact_phone: text(),
            phoned_in,
        }
    }

    fn chosen_id(self) -> Option<String> {
        self.product.with(|p| p.as_ref().map(|p| p.id.clone()))
    }

    fn values(self, confirm_no_patient_data: bool) -> CaseFormValues {
        CaseFormValues {
            product: self.chosen_id_untracked(),
            priority: self.priority.get_untracked(),
            kind: self.kind.get_untracked(),
            description: self.description.get_untracked(),
            part_description: self.part_description.get_untracked(),
            part_serial: self.part_serial.get_untracked(),
            return_address: self.return_address.get_untracked(),
            reference: self.reference.get_untracked(),
            contact_name: self.contact_name.get_untracked(),
            contact_email: self.contact_email.get_untracked(),
            contact_phone: self.contact_phone.get_untracked(),
            confirm_no_patient_data,
            phoned_in: self.phoned_in,
        }
    }

    fn chosen_id_untracked(self) -> Option<String> {
        self.product
            .with_untracked(|p| p.as_ref().map(|p| p.id.clone()))
    }
}

/// The state of a send: the outcome, the patient-data confirmation and,
/// once the case exists, its number and page while the files go up.
#[derive(Clone, Copy)]
struct Sending {
    outcome: RwSignal<Option<Outcome>>,
    needs_confirm: RwSignal<bool>,
    confirm: RwSignal<bool>,
    keys: StoredValue<IdempotencyKeys>,
    queue: UploadQueue,
    created: RwSignal<Option<(String, String)>>,
    upload_failed: RwSignal<bool>,
}

#[component]
pub fn CaseForm(
    t: &'static Texts,
    initial: Option<PickedProduct>,
    /// The service desk logs a case a customer phoned in: the caller is the
    /// contact, with name and phone required.
    #[prop(optional)]
    phoned_in: bool,
) -> impl IntoView {
    let auth = use_auth();
    let typed = Typed::new(initial, phoned_in);
    let intro = if phoned_in {
        CASE_TEXTS.of(t).phone_case_intro
    } else {
        CASE_TEXTS.of(t).new_case_intro
    };
    // Files chosen with the form go up once the case exists; meanwhile the
    // form shows the new number and the uploads' progress.
    let sending = Sending {
        outcome: RwSignal::new(None),
        needs_confirm: RwSignal::new(false),
        confirm: RwSignal::new(false),
        keys: StoredValue::new(IdempotencyKeys::default()),
        queue: UploadQueue::new(),
        created: RwSignal::new(None),
        upload_failed: RwSignal::new(false),
    };
    let errors = Memo::new(move |_| sending.outcome.with(errors_of));
    let after = move || sending.created.with(Option::is_some);
    let submit = create_action(auth, t, sending);
    let on_submit = submit_once(submit.pending(), move || send(typed, sending, submit));

    view! {
        <form class="case-form" on:submit=on_submit novalidate>
            <div class="form-live" aria-live="polite">{created_view(t, sending)}</div>
            <div class="case-form-fields" hidden=after>
                <p class="hint case-form-intro">{intro}</p>
                <div id=ERRORS_ID tabindex="-1">
                    {move || sending.outcome.with(|o| o.as_ref().map(|o| outcome_summary(t, o, &FIELDS)))}
                </div>
                <ProductPicker t words=PickerWords::for_cases(t) selected=typed.product error=product_error(t, errors)/>
                {priority_choices(t, typed.priority, errors)}
                {priority_one_notice(t, auth, typed)}
                {kind_select(t, typed.kind)}
                {detail_fields(t, typed, errors)}
            </div>
            <fieldset class="attachments-group">
                <legend>{CASE_TEXTS.of(t).attachments_group_legend}</legend>
                <div hidden=after>
                    {file_inputs(
                        t,
                        "case-attachment-files",
                        "case-attachment-camera",
                        CASE_TEXTS.of(t).case_attachment_files_help,
                        move |picked| sending.queue.add(t, picked),
                    )}
                </div>
                {sending.queue.view(t)}
            </fieldset>
            <div hidden=after>
                {move || sending.needs_confirm.get().then(|| patient_data_confirm(t, "confirm-no-patient-data", sending.confirm))}
                <SubmitButton class="button-primary button-inline" pending=submit.pending() busy=CASE_TEXTS.of(t).creating_case idle=CASE_TEXTS.of(t).submit_case/>
            </div>
        </form>
    }
}

/// Checks the form, then sends it; a retry of the same content keeps its
/// idempotency key.
fn send(typed: Typed, sending: Sending, submit: Action<(String, CreateCaseRequest), ()>) {
    let confirmed = sending.needs_confirm.get_untracked() && sending.confirm.get_untracked();
    match create_request(&typed.values(confirmed)) {
        Err(invalid) => {
            sending.outcome.set(Some(Outcome::Invalid(invalid)));
            focus_later(ERRORS_ID);
        }
        Ok(request) => {
            let body = serde_json::to_string(&request).unwrap_or_default();
            let key = sending
                .keys
                .try_update_value(|k| k.key_for(&body, new_idempotency_key))
                .unwrap_or_else(new_idempotency_key);
            sending.outcome.set(None);
            submit.dispatch((key, request));
        }
    }
}

/// Creates the case, sends the chosen files, then opens the case page (or,
/// when a file failed, says so and links to the case).
fn create_action(
    auth: Auth,
    t: &'static Texts,
    sending: Sending,
) -> Action<(String, CreateCaseRequest), ()> {
    let navigate = use_navigate();
    let just_created = JustCreated::get();
    let Sending {
        outcome,
        needs_confirm,
        keys,
        queue,
        created,
        upload_failed,
        ..
    } = sending;
    Action::new_local(move |(key, request): &(String, CreateCaseRequest)| {
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
                    show_refusal(err, outcome, needs_confirm);
                    focus_later(ERRORS_ID);
                }
            }
        }
    })
}

/// "Case {number} created", the number marked as on the case page; then
/// the uploads, or where to retry those that failed.
fn created_view(t: &'static Texts, sending: Sending) -> impl IntoView {
    move || {
        sending.created.get().map(|(number, path)| {
            let (before, after) = t
                .case_created
                .split_once("{number}")
                .unwrap_or((t.case_created, ""));
            let next = if sending.upload_failed.get() {
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
    }
}

fn product_error(
    t: &'static Texts,
    errors: Memo<Vec<api_types::FieldError>>,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|e| error_for(e, PRODUCT.field).map(|_| t.field_required.to_owned()))
    })
}

/// The contact centre's number once priority 1 is chosen. It is asked for
/// as soon as a product is chosen, so the notice needs no wait. Without a
/// product the notice asks for one.
fn priority_one_notice(t: &'static Texts, auth: Auth, typed: Typed) -> impl IntoView {
    let critical = Memo::new(move |_| typed.priority.get() == Some(1));
    let contact = RwSignal::new(None::<(String, Result<ContactCentreDto, ApiError>)>);
    Effect::new(move |_| {
        let Some(id) = typed.chosen_id() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = auth.api().contact_centre(&id).await;
            // The answer for a product chosen meanwhile is dropped.
            let current = typed
                .product
                .try_with_untracked(|p| p.as_ref().map(|p| p.id == id));
            if current == Some(Some(true)) {
                contact.try_set(Some((id, result)));
            }
        });
    });
    move || {
        if !critical.get() {
            return None;
        }
        let chosen = typed.chosen_id();
        let has_product = chosen.is_some();
        let answer = match chosen {
            None => Some(None),
            Some(chosen) => match contact.get() {
                Some((id, result)) if id == chosen => Some(result.ok()),
                _ => None,
            },
        };
        answer.map(|contact| critical_notice(t, contact, !has_product, true))
    }
}

fn priority_choices(
    t: &'static Texts,
    priority: RwSignal<Option<u8>>,
    errors: Memo<Vec<api_types::FieldError>>,
) -> impl IntoView {
    let priority_error = move || errors.with(|e| error_for(e, PRIORITY.field).is_some());
    view! {
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
                                <RadioInput name="priority" id=id.clone() value=p.to_string() choice=Some(p) chosen=priority/>
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
    }
}

fn kind_select(t: &'static Texts, kind: RwSignal<CaseKindDto>) -> impl IntoView {
    let options = CASE_KINDS
        .into_iter()
        .map(|k| view! { <option value=wire_name(&k)>{case_kind_name(t, k)}</option> })
        .collect_view();
    select_field(
        "case-kind",
        "kind",
        CASE_TEXTS.of(t).case_kind_label,
        options,
        move |value| kind.set(from_wire(&value).unwrap_or_default()),
    )
}

/// The bench repair details (for a bench repair only), the description,
/// the reference and the contact.
fn detail_fields(
    t: &'static Texts,
    typed: Typed,
    errors: Memo<Vec<api_types::FieldError>>,
) -> impl IntoView {
    let bench = Memo::new(move |_| typed.kind.get() == CaseKindDto::BenchRepair);
    let (name, phone) = contact_specs(typed.phoned_in);
    let contact_help = if typed.phoned_in {
        CASE_TEXTS.of(t).phone_contact_help
    } else {
        CASE_TEXTS.of(t).contact_help
    };
    view! {
        {move || bench.get().then(|| view! {
            <fieldset class="bench-repair">
                <legend>{CASE_TEXTS.of(t).bench_heading}</legend>
                {text_field(t, &PART_DESCRIPTION, typed.part_description, errors)}
                {text_field(t, &PART_SERIAL, typed.part_serial, errors)}
                {text_field(t, &RETURN_ADDRESS, typed.return_address, errors)}
            </fieldset>
        })}
        {text_field(t, &DESCRIPTION, typed.description, errors)}
        {text_field(t, &REFERENCE, typed.reference, errors)}
        <fieldset class="contact-group" aria-describedby="case-contact-help">
            <legend>{CASE_TEXTS.of(t).contact_heading}</legend>
            <p id="case-contact-help" class="field-help">{contact_help}</p>
            {text_field(t, name, typed.contact_name, errors)}
            {text_field(t, &CONTACT_EMAIL, typed.contact_email, errors)}
            {text_field(t, phone, typed.contact_phone, errors)}
        </fieldset>
    }
}

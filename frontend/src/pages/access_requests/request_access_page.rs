//! `/request-access` (no login): anyone asks for an account, naming each
//! facility they work for by at least one identifier, so the request reaches
//! the right hospital's Manager. The answer is the same whether or not the
//! identifiers matched anything.

use crate::components::document::use_title;
use crate::components::forms::{
    failure_summary_by, field_error, field_errors_view, focus_later, required_marker, show_failure,
    show_invalid, submit_once, Failure, SubmitButton, TextInput,
};
use crate::components::public_card::{public_card, SentTexts};
use crate::i18n::public_texts::PUBLIC_TEXTS;
use crate::i18n::{
    access_error_text, country_choices, fill, identifier_kind_name, retry_message, Texts,
    IDENTIFIER_KINDS,
};
use crate::query::{from_wire, wire_name};
use crate::state::auth::{use_auth, Auth};
use api_types::{
    CreateAccessRequest, FacilityDto, FacilityIdentifier, FieldError, FieldErrorCode,
    IdentifierKindDto, ProblemCode,
};
use domain::access_request::{AccessRequestForm, Facility, IdentifierKind};
use leptos::prelude::*;

const ERRORS_ID: &str = "request-errors";
const TITLE_ID: &str = "request-title";
const ADD_FACILITY_ID: &str = "add-facility";
/// The most facilities one request names (the server's limit).
const MAX_FACILITIES: usize = 20;

/// The request's fields, as the server's errors name them; a facility's
/// are `facilities[<index>].name` and `facilities[<index>].identifiers`.
const NAME: &str = "name";
const ORGANISATION: &str = "organisation";
const EMAIL: &str = "email";
const PHONE: &str = "phone";
const COUNTRY: &str = "country";
const FACILITIES: &str = "facilities";
const REMARKS: &str = "remarks";

/// One identifier row of a facility; `key` stays while rows come and go.
#[derive(Clone, Copy)]
struct IdentifierRow {
    key: usize,
    kind: RwSignal<IdentifierKindDto>,
    value: RwSignal<String>,
}

/// One facility of the form, with its identifier rows.
#[derive(Clone, Copy)]
struct FacilityRow {
    key: usize,
    name: RwSignal<String>,
    identifiers: RwSignal<Vec<IdentifierRow>>,
}

/// Everything typed, and which facility each index of the last errors meant.
#[derive(Clone, Copy)]
struct RequestForm {
    name: RwSignal<String>,
    organisation: RwSignal<String>,
    email: RwSignal<String>,
    phone: RwSignal<String>,
    country: RwSignal<String>,
    remarks: RwSignal<String>,
    facilities: RwSignal<Vec<FacilityRow>>,
    next_key: StoredValue<usize>,
    failure: RwSignal<Option<Failure>>,
    /// The facilities' keys in the order they were checked or sent: the
    /// errors name facilities by that index.
    checked_keys: RwSignal<Vec<usize>>,
}

impl RequestForm {
    fn new() -> Self {
        let form = Self {
            name: RwSignal::new(String::new()),
            organisation: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
            country: RwSignal::new(String::new()),
            remarks: RwSignal::new(String::new()),
            facilities: RwSignal::new(Vec::new()),
            next_key: StoredValue::new(0),
            failure: RwSignal::new(None),
            checked_keys: RwSignal::new(Vec::new()),
        };
        form.add_facility();
        form
    }

    fn key(self) -> usize {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        key
    }

    fn new_identifier(self) -> IdentifierRow {
        IdentifierRow {
            key: self.key(),
            kind: RwSignal::new(IdentifierKindDto::InstalledProductNumber),
            value: RwSignal::new(String::new()),
        }
    }

    /// Adds an empty facility with one identifier row; its key.
    fn add_facility(self) -> usize {
        let row = FacilityRow {
            key: self.key(),
            name: RwSignal::new(String::new()),
            identifiers: RwSignal::new(vec![self.new_identifier()]),
        };
        self.facilities.update(|f| f.push(row));
        row.key
    }

    /// Adds an identifier row to a facility; its key.
    fn add_identifier(self, facility: FacilityRow) -> usize {
        let row = self.new_identifier();
        facility.identifiers.update(|ids| ids.push(row));
        row.key
    }

    /// 1-based place of a facility on the form now.
    fn facility_number(self, key: usize) -> usize {
        self.facilities
            .with(|f| f.iter().position(|row| row.key == key))
            .unwrap_or_default()
            + 1
    }

    /// The wire name of a facility's field in the last errors.
    fn facility_field(self, key: usize, part: &str) -> Option<String> {
        self.checked_keys
            .with(|keys| keys.iter().position(|k| *k == key))
            .map(|index| format!("{FACILITIES}[{index}].{part}"))
    }

    /// The error codes of the field with this wire name (exactly: the
    /// facilities' `name` is not the requester's).
    fn codes(self, field: &str) -> Vec<FieldErrorCode> {
        self.failure
            .with(|f| codes_exact(&Failure::field_errors(f), field))
    }

    fn facility_codes(self, key: usize, part: &'static str) -> Vec<FieldErrorCode> {
        self.facility_field(key, part)
            .map(|field| self.codes(&field))
            .unwrap_or_default()
    }

    /// The form as the domain checks it.
    fn values(self) -> AccessRequestForm {
        AccessRequestForm {
            name: self.name.get_untracked(),
            organisation: self.organisation.get_untracked(),
            email: self.email.get_untracked(),
            phone: self.phone.get_untracked(),
            country: self.country.get_untracked(),
            facilities: self.facilities.with_untracked(|rows| {
                rows.iter()
                    .map(|row| Facility {
                        name: row.name.get_untracked(),
                        identifiers: row.identifiers.with_untracked(|ids| {
                            ids.iter()
                                .map(|id| {
                                    (
                                        domain_kind(id.kind.get_untracked()),
                                        id.value.get_untracked(),
                                    )
                                })
                                .collect()
                        }),
                    })
                    .collect()
            }),
            remarks: Some(self.remarks.get_untracked()),
        }
    }

    /// The request to send: trimmed, without empty identifier rows.
    fn request(self, language: &str) -> CreateAccessRequest {
        let trimmed = |s: RwSignal<String>| s.get_untracked().trim().to_owned();
        CreateAccessRequest {
            name: trimmed(self.name),
            organisation: trimmed(self.organisation),
            email: trimmed(self.email),
            phone: trimmed(self.phone),
            country: trimmed(self.country).to_ascii_uppercase(),
            facilities: self.facilities.with_untracked(|rows| {
                rows.iter()
                    .map(|row| FacilityDto {
                        name: trimmed(row.name),
                        identifiers: row.identifiers.with_untracked(|ids| {
                            ids.iter()
                                .map(|id| FacilityIdentifier {
                                    kind: id.kind.get_untracked(),
                                    value: trimmed(id.value),
                                })
                                .filter(|id| !id.value.is_empty())
                                .collect()
                        }),
                    })
                    .collect()
            }),
            remarks: Some(trimmed(self.remarks)).filter(|r| !r.is_empty()),
            language: Some(language.to_owned()),
        }
    }
}

fn domain_kind(kind: IdentifierKindDto) -> IdentifierKind {
    match kind {
        IdentifierKindDto::InstalledProductNumber => IdentifierKind::InstalledProductNumber,
        IdentifierKindDto::AssetId => IdentifierKind::AssetId,
        IdentifierKindDto::LocationId => IdentifierKind::LocationId,
        IdentifierKindDto::TechnicalId => IdentifierKind::TechnicalId,
    }
}

/// The domain's checks before sending (the server makes them again); an
/// empty address, phone or country is "required" rather than "invalid".
pub fn request_errors(form: &AccessRequestForm) -> Vec<FieldError> {
    let Err(errors) = form.validate() else {
        return Vec::new();
    };
    errors
        .into_iter()
        .map(|e| {
            let typed = match e.field.as_str() {
                EMAIL => Some(&form.email),
                PHONE => Some(&form.phone),
                COUNTRY => Some(&form.country),
                _ => None,
            };
            let code = if typed.is_some_and(|v| v.trim().is_empty()) {
                FieldErrorCode::Required
            } else {
                FieldErrorCode::from_code(e.code)
            };
            field_error(&e.field, code)
        })
        .collect()
}

/// A field's error codes by its whole wire name (`/email` as `email`).
fn codes_exact(errors: &[FieldError], field: &str) -> Vec<FieldErrorCode> {
    errors
        .iter()
        .filter(|e| e.field.trim_start_matches('/') == field)
        .map(|e| e.code)
        .collect()
}

/// `facilities[2].name` as (2, "name").
fn facility_part(field: &str) -> Option<(usize, &str)> {
    let rest = field.trim_start_matches('/').strip_prefix("facilities[")?;
    let (index, part) = rest.split_once("].")?;
    Some((index.parse().ok()?, part))
}

fn described_by(ids: &[(bool, String)]) -> Option<String> {
    let ids: Vec<&str> = ids
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, id)| id.as_str())
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

#[component]
pub fn RequestAccessPage() -> impl IntoView {
    let auth = use_auth();
    let form = RequestForm::new();
    let sent = RwSignal::new(false);
    let retry_after = RwSignal::new(None::<u64>);
    use_title(move |t| request_title(t, sent.get()));

    let send = send_action(auth, form, sent, retry_after);
    let pending = send.pending();
    let on_submit = submit_once(pending, move || {
        form.checked_keys.set(
            form.facilities
                .with_untracked(|f| f.iter().map(|row| row.key).collect()),
        );
        let invalid = request_errors(&form.values());
        if !invalid.is_empty() {
            show_invalid(form.failure, invalid, ERRORS_ID);
            return;
        }
        form.failure.set(None);
        retry_after.set(None);
        send.dispatch(form.request(auth.language().as_str()));
    });

    let done = SentTexts {
        class: "form-success request-sent",
        text: |t| PUBLIC_TEXTS.of(t).request_sent,
        hint: |t| PUBLIC_TEXTS.of(t).request_sent_hint,
    };
    public_card(
        "login-card request-card",
        Some(TITLE_ID),
        request_title,
        sent,
        done,
        move |t| request_body(t, form, retry_after, pending, on_submit),
    )
}

/// The page's title (and the document's): asking, or once `sent`, sent.
fn request_title(t: &'static Texts, sent: bool) -> &'static str {
    if sent {
        PUBLIC_TEXTS.of(t).request_sent_title
    } else {
        PUBLIC_TEXTS.of(t).request_access_title
    }
}

/// Sends the request; refused, the form says why (and, when asked too often,
/// after how long to try again).
fn send_action(
    auth: Auth,
    form: RequestForm,
    sent: RwSignal<bool>,
    retry_after: RwSignal<Option<u64>>,
) -> Action<CreateAccessRequest, ()> {
    Action::new_local(move |request: &CreateAccessRequest| {
        let request = request.clone();
        async move {
            match auth.api().create_access_request(&request).await {
                Ok(()) => {
                    sent.set(true);
                    focus_later(TITLE_ID);
                }
                Err(refused) => {
                    retry_after.set(refused.retry_after_secs);
                    show_failure(form.failure, refused.error, ERRORS_ID);
                }
            }
        }
    })
}

/// The card's body until the request is sent: the intro, the errors and the
/// form.
fn request_body(
    t: &'static Texts,
    form: RequestForm,
    retry_after: RwSignal<Option<u64>>,
    pending: Memo<bool>,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + 'static,
) -> AnyView {
    view! {
        <p class="login-intro">{PUBLIC_TEXTS.of(t).request_access_intro}</p>
        <div id=ERRORS_ID tabindex="-1">
            {request_summary(t, form, retry_after)}
        </div>
        <form class="request-form" on:submit=on_submit novalidate>
            {text_input(t, form, TextInput::new(NAME, "requester-name", PUBLIC_TEXTS.of(t).requester_name_label, None, "text", "name"), form.name)}
            {text_input(t, form, TextInput::new(ORGANISATION, "organisation", t.organisation_label, Some(PUBLIC_TEXTS.of(t).organisation_help), "text", "organization"), form.organisation)}
            {text_input(t, form, TextInput::new(EMAIL, "email", t.email_label, Some(PUBLIC_TEXTS.of(t).request_email_help), "email", "email"), form.email)}
            {text_input(t, form, TextInput::new(PHONE, "phone", t.phone_label, Some(PUBLIC_TEXTS.of(t).phone_help), "tel", "tel"), form.phone)}
            {country_select(t, form)}
            {facilities_fieldset(t, form)}
            {remarks_field(t, form)}
            <SubmitButton class="button-primary" pending busy=t.sending idle=PUBLIC_TEXTS.of(t).send_request/>
        </form>
    }
    .into_any()
}

/// What is wrong: when asked too often, when to try again; else the fields
/// to fix, or why the request failed.
fn request_summary(
    t: &'static Texts,
    form: RequestForm,
    retry_after: RwSignal<Option<u64>>,
) -> impl IntoView {
    move || {
        form.failure
            .get()
            .map(|failure| match (&failure, retry_after.get()) {
                (Failure::Failed(err), Some(secs))
                    if err.code() == Some(ProblemCode::TooManyRequests) =>
                {
                    view! { <p class="form-error" role="alert">{retry_message(t, secs)}</p> }
                        .into_any()
                }
                _ => failure_summary_by(
                    t,
                    &failure,
                    |field| summary_target(t, form, field),
                    |field, code| access_error_text(t, field, code),
                )
                .into_any(),
            })
    }
}

/// Where the summary's line for `field` links, and its label.
fn summary_target(t: &'static Texts, form: RequestForm, field: &str) -> Option<(String, String)> {
    let top = |label: &str, id: &str| Some((label.to_owned(), id.to_owned()));
    match field.trim_start_matches('/') {
        NAME => top(PUBLIC_TEXTS.of(t).requester_name_label, "requester-name"),
        ORGANISATION => top(t.organisation_label, "organisation"),
        EMAIL => top(t.email_label, "email"),
        PHONE => top(t.phone_label, "phone"),
        COUNTRY => top(t.countries.label, "country"),
        REMARKS => top(t.remarks_label, "remarks"),
        FACILITIES => top(t.facilities_heading, ADD_FACILITY_ID),
        other => {
            let (index, part) = facility_part(other)?;
            let key = form.checked_keys.with_untracked(|k| k.get(index).copied());
            let row = key.and_then(|key| {
                form.facilities
                    .with_untracked(|f| f.iter().position(|r| r.key == key).map(|i| (i, f[i])))
            });
            let number = row.map_or(index, |(i, _)| i) + 1;
            let facility = fill(t.facility_n, &[("n", &number.to_string())]);
            let (label, id) = match part {
                "name" => (
                    PUBLIC_TEXTS.of(t).facility_name_label,
                    row.map(|(_, r)| format!("facility-{}-name", r.key)),
                ),
                "identifiers" => (
                    PUBLIC_TEXTS.of(t).identifiers_label,
                    row.and_then(|(_, r)| {
                        r.identifiers
                            .with_untracked(|ids| ids.first().map(|id| id_value_id(r.key, id.key)))
                    }),
                ),
                _ => return None,
            };
            Some((
                format!("{facility}, {}", label.to_lowercase()),
                id.unwrap_or_else(|| ADD_FACILITY_ID.to_owned()),
            ))
        }
    }
}

fn id_value_id(facility: usize, identifier: usize) -> String {
    format!("facility-{facility}-identifier-{identifier}-value")
}

/// A labelled, required input with its help and errors.
fn text_input(
    t: &'static Texts,
    form: RequestForm,
    input: TextInput,
    value: RwSignal<String>,
) -> impl IntoView {
    let field = input.field;
    let codes = move || form.codes(field);
    input.view(t, value, codes, move |c| access_error_text(t, field, c))
}

fn country_select(t: &'static Texts, form: RequestForm) -> impl IntoView {
    let codes = move || form.codes(COUNTRY);
    let country = form.country;
    view! {
        <div class="field">
            <label for="country">{t.countries.label} {required_marker(t)}</label>
            <select
                id="country"
                name=COUNTRY
                autocomplete="country"
                required
                aria-invalid=move || (!codes().is_empty()).then_some("true")
                aria-describedby=move || (!codes().is_empty()).then_some("country-error")
                on:change=move |ev| country.set(event_target_value(&ev))
            >
                <option value="" selected=move || country.with(String::is_empty)>{PUBLIC_TEXTS.of(t).choose_country}</option>
                {country_choices(t)
                    .into_iter()
                    .map(|(code, name)| view! {
                        <option value=code selected=move || country.with(|c| c == code)>{name}</option>
                    })
                    .collect_view()}
            </select>
            {field_errors_view("country-error".to_owned(), codes, move |c| access_error_text(t, COUNTRY, c))}
        </div>
    }
}

fn remarks_field(t: &'static Texts, form: RequestForm) -> impl IntoView {
    let codes = move || form.codes(REMARKS);
    let remarks = form.remarks;
    view! {
        <div class="field">
            <label for="remarks">{t.remarks_label}</label>
            <textarea
                id="remarks"
                name=REMARKS
                rows="4"
                aria-invalid=move || (!codes().is_empty()).then_some("true")
                aria-describedby=move || described_by(&[(true, "remarks-help".to_owned()), (!codes().is_empty(), "remarks-error".to_owned())])
                prop:value=remarks
                on:input=move |ev| remarks.set(event_target_value(&ev))
            ></textarea>
            <p id="remarks-help" class="field-help">{PUBLIC_TEXTS.of(t).remarks_help}</p>
            {field_errors_view("remarks-error".to_owned(), codes, move |c| access_error_text(t, REMARKS, c))}
        </div>
    }
}

/// The facilities, each with its identifiers, and the buttons that add and
/// remove them.
fn facilities_fieldset(t: &'static Texts, form: RequestForm) -> impl IntoView {
    let codes = move || form.codes(FACILITIES);
    view! {
        <fieldset
            class="facilities"
            aria-describedby=move || described_by(&[(true, "facilities-help".to_owned()), (!codes().is_empty(), "facilities-error".to_owned())])
        >
            <legend>{t.facilities_heading} {required_marker(t)}</legend>
            <p id="facilities-help" class="field-help">{PUBLIC_TEXTS.of(t).facilities_help}</p>
            <For
                each=move || form.facilities.get()
                key=|row| row.key
                children=move |row| facility_fieldset(t, form, row)
            />
            {field_errors_view("facilities-error".to_owned(), codes, move |c| access_error_text(t, FACILITIES, c))}
            <button
                type="button"
                id=ADD_FACILITY_ID
                class="button-secondary add-facility"
                disabled=move || form.facilities.with(|f| f.len() >= MAX_FACILITIES)
                on:click=move |_| {
                    let key = form.add_facility();
                    focus_later(format!("facility-{key}-name"));
                }
            >
                {PUBLIC_TEXTS.of(t).add_facility}
            </button>
        </fieldset>
    }
}

fn facility_fieldset(t: &'static Texts, form: RequestForm, row: FacilityRow) -> impl IntoView {
    let key = row.key;
    let number = move || form.facility_number(key).to_string();
    let name_id = format!("facility-{key}-name");
    let name_error = format!("facility-{key}-name-error");
    let ids_help = format!("facility-{key}-identifiers-help");
    let ids_error = format!("facility-{key}-identifiers-error");
    let add_id = add_identifier_id(key);
    let name_codes = move || form.facility_codes(key, "name");
    let id_codes = move || form.facility_codes(key, "identifiers");
    let several = move || form.facilities.with(|f| f.len() > 1);
    let name = row.name;
    let field_of = move |part: &str| form.facility_field(key, part).unwrap_or_default();
    view! {
        <fieldset class="facility" id=format!("facility-{key}")>
            <legend>{move || fill(t.facility_n, &[("n", &number())])}</legend>
            <div class="field">
                <label for=name_id.clone()>{PUBLIC_TEXTS.of(t).facility_name_label} {required_marker(t)}</label>
                <input
                    id=name_id.clone()
                    type="text"
                    autocomplete="off"
                    required
                    aria-invalid=move || (!name_codes().is_empty()).then_some("true")
                    aria-describedby={
                        let (help, error) = (format!("{name_id}-help"), name_error.clone());
                        move || described_by(&[(true, help.clone()), (!name_codes().is_empty(), error.clone())])
                    }
                    prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <p id=format!("{name_id}-help") class="field-help">{PUBLIC_TEXTS.of(t).facility_name_help}</p>
                {field_errors_view(name_error.clone(), name_codes, move |c| access_error_text(t, &field_of("name"), c))}
            </div>
            <fieldset
                class="identifiers"
                aria-describedby={
                    let (help, error) = (ids_help.clone(), ids_error.clone());
                    move || described_by(&[(true, help.clone()), (!id_codes().is_empty(), error.clone())])
                }
            >
                <legend>{PUBLIC_TEXTS.of(t).identifiers_label} {required_marker(t)}</legend>
                <p id=ids_help.clone() class="field-help">{PUBLIC_TEXTS.of(t).identifiers_help}</p>
                <For
                    each=move || row.identifiers.get()
                    key=|id| id.key
                    children=move |id| identifier_row(t, form, row, id)
                />
                {field_errors_view(ids_error.clone(), id_codes, move |c| access_error_text(t, &field_of("identifiers"), c))}
                <button
                    type="button"
                    id=add_id.clone()
                    class="button-secondary add-identifier"
                    aria-label=move || fill(t.add_identifier_to, &[("n", &number())])
                    on:click=move |_| {
                        let added = form.add_identifier(row);
                        focus_later(format!("facility-{key}-identifier-{added}-kind"));
                    }
                >
                    {t.add_identifier}
                </button>
            </fieldset>
            {move || several().then(|| view! {
                <button
                    type="button"
                    class="button-secondary remove-facility"
                    on:click=move |_| {
                        form.facilities.update(|f| f.retain(|r| r.key != key));
                        focus_later(ADD_FACILITY_ID);
                    }
                >
                    {move || fill(t.remove_facility, &[("n", &number())])}
                </button>
            })}
        </fieldset>
    }
}

/// The id of a facility's "Add identifier" button.
fn add_identifier_id(facility: usize) -> String {
    format!("facility-{facility}-add-identifier")
}

/// One identifier of a facility: its kind, its value, and (when the
/// facility has several) the button that removes it.
fn identifier_row(
    t: &'static Texts,
    form: RequestForm,
    facility: FacilityRow,
    id: IdentifierRow,
) -> impl IntoView {
    let (fkey, ikey) = (facility.key, id.key);
    let kind_id = format!("facility-{fkey}-identifier-{ikey}-kind");
    let value_id = id_value_id(fkey, ikey);
    let error_id = format!("facility-{fkey}-identifiers-error");
    let invalid = move || identifier_invalid(form, fkey, id.value);
    let value = id.value;
    view! {
        <div
            class="identifier-row"
            role="group"
            aria-label=move || fill(t.identifier_n, &[("n", &identifier_number(facility, ikey).to_string())])
        >
            {identifier_kind(t, kind_id, id.kind)}
            <div class="field identifier-value">
                <label for=value_id.clone()>{PUBLIC_TEXTS.of(t).identifier_value_label}</label>
                <input
                    id=value_id
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    aria-invalid=move || invalid().then_some("true")
                    aria-describedby=move || invalid().then(|| error_id.clone())
                    prop:value=value
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </div>
            {remove_identifier(t, form, facility, ikey)}
        </div>
    }
}

/// 1-based place of identifier `ikey` in its facility now.
fn identifier_number(facility: FacilityRow, ikey: usize) -> usize {
    facility
        .identifiers
        .with(|ids| ids.iter().position(|r| r.key == ikey))
        .unwrap_or_default()
        + 1
}

/// Whether the last errors of facility `fkey`'s identifiers are about this
/// `value`: empty where one is required, or too long.
fn identifier_invalid(form: RequestForm, fkey: usize, value: RwSignal<String>) -> bool {
    let codes = form.facility_codes(fkey, "identifiers");
    let empty = value.with(|v| v.trim().is_empty());
    let long = value.with(|v| v.trim().chars().count() > crate::i18n::MAX_IDENTIFIER);
    (codes.contains(&FieldErrorCode::IdentifierRequired) && empty)
        || (codes.contains(&FieldErrorCode::TooLong) && long)
}

/// The select of an identifier's kind (its element's id `kind_id`).
fn identifier_kind(
    t: &'static Texts,
    kind_id: String,
    kind: RwSignal<IdentifierKindDto>,
) -> impl IntoView {
    view! {
        <div class="field identifier-kind">
            <label for=kind_id.clone()>{PUBLIC_TEXTS.of(t).identifier_kind_label}</label>
            <select
                id=kind_id
                on:change=move |ev| {
                    if let Some(k) = from_wire(&event_target_value(&ev)) {
                        kind.set(k);
                    }
                }
            >
                // `selected` on the options: a select's value set before
                // its options exist would not stick.
                {IDENTIFIER_KINDS
                    .into_iter()
                    .map(|k| view! {
                        <option value=wire_name(&k) selected=move || kind.get() == k>
                            {identifier_kind_name(t, k)}
                        </option>
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The button that removes identifier `ikey`, while its facility has
/// several; the focus goes to the facility's "Add identifier".
fn remove_identifier(
    t: &'static Texts,
    form: RequestForm,
    facility: FacilityRow,
    ikey: usize,
) -> impl IntoView {
    let fkey = facility.key;
    let add_button = add_identifier_id(fkey);
    let number = move || identifier_number(facility, ikey);
    let facility_number = move || form.facility_number(fkey);
    let several = move || facility.identifiers.with(|ids| ids.len() > 1);
    move || {
        several().then(|| {
            let add_button = add_button.clone();
            view! {
                <button
                    type="button"
                    class="button-secondary remove-identifier"
                    aria-label=move || fill(
                        t.remove_identifier_of,
                        &[("i", &number().to_string()), ("n", &facility_number().to_string())],
                    )
                    on:click=move |_| {
                        facility.identifiers.update(|ids| ids.retain(|r| r.key != ikey));
                        focus_later(add_button.clone());
                    }
                >
                    {t.remove}
                </button>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> AccessRequestForm {
        AccessRequestForm {
            name: "Eva Jansen".into(),
            organisation: "Lindenhaven UMC".into(),
            email: "eva@lindenhaven.example".into(),
            phone: "+31 24 361 1111".into(),
            country: "NL".into(),
            facilities: vec![Facility {
                name: "Radiology".into(),
                identifiers: vec![(IdentifierKind::InstalledProductNumber, "IP-1".into())],
            }],
            remarks: None,
        }
    }

    fn codes(errors: Vec<FieldError>) -> Vec<(String, FieldErrorCode)> {
        errors.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_complete_request_passes_and_empty_fields_are_required() {
        assert!(request_errors(&form()).is_empty());
        let empty = AccessRequestForm {
            email: " ".into(),
            phone: String::new(),
            country: String::new(),
            ..form()
        };
        assert_eq!(
            codes(request_errors(&empty)),
            [
                ("email".to_owned(), FieldErrorCode::Required),
                ("phone".to_owned(), FieldErrorCode::Required),
                ("country".to_owned(), FieldErrorCode::Required),
            ]
        );
        let wrong = AccessRequestForm {
            email: "eva".into(),
            ..form()
        };
        assert_eq!(
            codes(request_errors(&wrong)),
            [("email".to_owned(), FieldErrorCode::InvalidEmail)]
        );
    }

    #[test]
    fn every_facility_needs_an_identifier_value() {
        let mut f = form();
        f.facilities.push(Facility {
            name: "Cardiology".into(),
            identifiers: vec![(IdentifierKind::AssetId, "  ".into())],
        });
        assert_eq!(
            codes(request_errors(&f)),
            [(
                "facilities[1].identifiers".to_owned(),
                FieldErrorCode::IdentifierRequired
            )]
        );
    }

    #[test]
    fn facility_fields_are_told_from_the_requesters_own() {
        let errors = vec![
            field_error("facilities[0].name", FieldErrorCode::Required),
            field_error("name", FieldErrorCode::TooLong),
        ];
        assert_eq!(codes_exact(&errors, "name"), [FieldErrorCode::TooLong]);
        assert_eq!(
            codes_exact(&errors, "facilities[0].name"),
            [FieldErrorCode::Required]
        );
        assert_eq!(
            facility_part("facilities[12].identifiers"),
            Some((12, "identifiers"))
        );
        assert_eq!(facility_part("/facilities[0].name"), Some((0, "name")));
        assert_eq!(facility_part("facilities"), None);
    }
}

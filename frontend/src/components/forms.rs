//! What the account and user forms share: field errors by name, the error
//! summary, focus after a failed send.

use crate::api::ApiError;
use crate::i18n::{error_message, Texts};
use api_types::{FieldError, FieldErrorCode, ProblemCode};
use leptos::prelude::*;

/// What a form shows after a failed send.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// Caught before sending, or a 422 (or 409) naming the fields.
    Invalid(Vec<FieldError>),
    Failed(ApiError),
}

impl Failure {
    /// A 422 with field errors names the fields; anything else is a sentence.
    pub fn of(err: ApiError) -> Self {
        match &err {
            ApiError::Problem(p)
                if p.code == ProblemCode::ValidationFailed && !p.errors.is_empty() =>
            {
                Failure::Invalid(p.errors.clone())
            }
            _ => Failure::Failed(err),
        }
    }

    pub fn field_errors(failure: &Option<Self>) -> Vec<FieldError> {
        match failure {
            Some(Failure::Invalid(errors)) => errors.clone(),
            _ => Vec::new(),
        }
    }
}

pub fn field_error(field: &str, code: FieldErrorCode) -> FieldError {
    FieldError {
        field: field.to_owned(),
        code,
        message: String::new(),
    }
}

/// The last part of a field name (`/new_password` or `settings.time_zone`).
pub fn field_key(name: &str) -> &str {
    name.rsplit(['.', '/']).next().unwrap_or(name)
}

/// The error codes the server (or the check before sending) gave `field`.
pub fn codes_for(errors: &[FieldError], field: &str) -> Vec<FieldErrorCode> {
    errors
        .iter()
        .filter(|e| field_key(&e.field) == field_key(field))
        .map(|e| e.code)
        .collect()
}

/// One form field the summary can link to: request name, input id, label.
#[derive(Clone, Copy)]
pub struct FieldRef {
    pub field: &'static str,
    pub id: &'static str,
    pub label: crate::i18n::TextFn,
}

impl FieldRef {
    pub const fn new(field: &'static str, id: &'static str, label: crate::i18n::TextFn) -> Self {
        Self { field, id, label }
    }
}

/// The box at the top of a form after a failed send: the sentence, or for
/// invalid fields a link to each with what is wrong (`text(code)`).
pub fn failure_summary(
    t: &'static Texts,
    failure: &Failure,
    fields: &[FieldRef],
    text: impl Fn(FieldErrorCode) -> String,
) -> impl IntoView {
    failure_summary_by(t, failure, field_of(t, fields), |_, code| text(code))
}

/// The label and input id of the field a server error names, among `fields`.
pub fn field_of<'a>(
    t: &'static Texts,
    fields: &'a [FieldRef],
) -> impl Fn(&str) -> Option<(String, String)> + 'a {
    move |name| {
        fields
            .iter()
            .find(|f| field_key(f.field) == field_key(name))
            .map(|f| ((f.label)(t).to_owned(), f.id.to_owned()))
    }
}

/// The summary of a form whose fields come and go (`facilities[2].name`):
/// `field(name)` gives the label and input id of a field the server or the
/// check before sending named, `text(name, code)` what is wrong with it.
pub fn failure_summary_by(
    t: &'static Texts,
    failure: &Failure,
    field: impl Fn(&str) -> Option<(String, String)>,
    text: impl Fn(&str, FieldErrorCode) -> String,
) -> AnyView {
    match failure {
        Failure::Failed(err) => {
            view! { <p class="form-error" role="alert">{error_message(t, err)}</p> }.into_any()
        }
        Failure::Invalid(errors) => invalid_summary(t, errors, |e| {
            field(&e.field).map(|(label, id)| (id, format!("{label}: {}", text(&e.field, e.code))))
        }),
    }
}

/// The list of what is wrong, each line linking to its field: `line(error)`
/// gives the input id and the sentence of a field the form shows.
pub fn invalid_summary(
    t: &'static Texts,
    errors: &[FieldError],
    line: impl Fn(&FieldError) -> Option<(String, String)>,
) -> AnyView {
    let items = errors
        .iter()
        .map(|e| match line(e) {
            Some((id, text)) => view! {
                <li>
                    <a href=format!("#{id}") rel="external">{text}</a>
                </li>
            }
            .into_any(),
            // A field the form does not show: the server's own words.
            None => view! { <li>{format!("{}: {}", e.field, e.message)}</li> }.into_any(),
        })
        .collect_view();
    view! {
        <div class="form-error" role="alert">
            <p>{t.form_errors_summary}</p>
            <ul>{items}</ul>
        </div>
    }
    .into_any()
}

/// The errors of one field, next to it, with the id its input points to.
pub fn field_errors_view(
    error_id: String,
    codes: impl Fn() -> Vec<FieldErrorCode> + Send + Sync + 'static,
    text: impl Fn(FieldErrorCode) -> String + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        let codes = codes();
        (!codes.is_empty()).then(|| {
            let lines = codes
                .iter()
                .map(|code| text(*code))
                .collect::<Vec<_>>()
                .join(" ");
            view! { <p id=error_id.clone() class="field-error">{lines}</p> }
        })
    }
}

/// A form's submit handler: the page stays (no reload), and a second press
/// while the first send is on its way does nothing.
pub fn submit_once(
    pending: Memo<bool>,
    send: impl Fn() + Copy + 'static,
) -> impl Fn(leptos::ev::SubmitEvent) + Copy + 'static {
    move |ev| {
        ev.prevent_default();
        if !pending.get_untracked() {
            send();
        }
    }
}

/// Shows what a send failed on and moves the focus to the summary `id`.
pub fn show_failure(failure: RwSignal<Option<Failure>>, err: ApiError, id: &str) {
    failure.set(Some(Failure::of(err)));
    focus_later(id);
}

/// Shows the fields a check before sending found wrong, focus on `id`.
pub fn show_invalid(failure: RwSignal<Option<Failure>>, invalid: Vec<FieldError>, id: &str) {
    failure.set(Some(Failure::Invalid(invalid)));
    focus_later(id);
}

/// A form's submit button: disabled, with `busy` on it, while sending.
#[component]
pub fn SubmitButton(
    class: &'static str,
    #[prop(into)] pending: Signal<bool>,
    busy: &'static str,
    idle: &'static str,
) -> impl IntoView {
    view! {
        <button type="submit" class=class disabled=move || pending.get()>
            {move || if pending.get() { busy } else { idle }}
        </button>
    }
}

/// Someone else changed the record meanwhile (412): what happened, and a
/// button that loads the latest.
pub fn conflict_notice(
    text: &'static str,
    reload_label: &'static str,
    busy: impl Fn() -> bool + Send + Sync + 'static,
    reload: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <div class="form-error" role="alert">
            <p>{text}</p>
            <button type="button" class="button-secondary" disabled=busy on:click=move |_| reload()>
                {reload_label}
            </button>
        </div>
    }
}

/// A labelled text input, required unless made [`TextInput::optional`],
/// with its help and errors.
#[derive(Clone, Copy)]
pub struct TextInput {
    /// The request name, as the server's errors name it.
    pub field: &'static str,
    pub id: &'static str,
    pub label: &'static str,
    pub help: Option<&'static str>,
    /// `type`: text, email, tel.
    pub kind: &'static str,
    pub autocomplete: &'static str,
    /// No capitals or spelling fixes (addresses, user names).
    pub plain: bool,
    /// Marked "(required)"; true unless made optional.
    pub required: bool,
}

impl TextInput {
    /// A field whose text is plain unless it is of `type` text.
    pub fn new(
        field: &'static str,
        id: &'static str,
        label: &'static str,
        help: Option<&'static str>,
        kind: &'static str,
        autocomplete: &'static str,
    ) -> Self {
        Self {
            field,
            id,
            label,
            help,
            kind,
            autocomplete,
            plain: kind != "text",
            required: true,
        }
    }

    /// The same field, which may stay empty.
    pub fn optional(self) -> Self {
        Self {
            required: false,
            ..self
        }
    }

    /// The field, `codes()` its errors and `text(code)` their sentences.
    pub fn view(
        self,
        t: &'static Texts,
        value: RwSignal<String>,
        codes: impl Fn() -> Vec<FieldErrorCode> + Copy + Send + Sync + 'static,
        text: impl Fn(FieldErrorCode) -> String + Send + Sync + 'static,
    ) -> impl IntoView {
        let help_id = format!("{}-help", self.id);
        let error_id = format!("{}-error", self.id);
        let described = {
            let (help_id, error_id) = (help_id.clone(), error_id.clone());
            move || {
                let mut ids = Vec::new();
                if self.help.is_some() {
                    ids.push(help_id.clone());
                }
                if !codes().is_empty() {
                    ids.push(error_id.clone());
                }
                Some(ids.join(" ")).filter(|ids| !ids.is_empty())
            }
        };
        view! {
            <div class="field">
                <label for=self.id>{self.label} {self.required.then(|| required_marker(t))}</label>
                <input
                    id=self.id
                    name=self.field
                    type=self.kind
                    autocomplete=self.autocomplete
                    autocapitalize=self.plain.then_some("none")
                    spellcheck=self.plain.then_some("false")
                    required=self.required
                    aria-invalid=move || (!codes().is_empty()).then_some("true")
                    aria-describedby=described
                    prop:value=value
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                {self.help.map(|help| view! { <p id=help_id class="field-help">{help}</p> })}
                {field_errors_view(error_id, codes, text)}
            </div>
        }
    }
}

/// One radio of a group: checked while `chosen` holds `choice`, choosing it
/// sets it.
#[component]
pub fn RadioInput<T>(
    name: &'static str,
    id: String,
    value: String,
    choice: T,
    chosen: RwSignal<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <input
            type="radio"
            name=name
            id=id
            value=value
            prop:checked=move || chosen.get() == choice
            on:change=move |_| chosen.set(choice)
        />
    }
}

/// A labelled select of choices that need no check; `chosen(value)` on
/// each change.
pub fn select_field(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    options: impl IntoView,
    chosen: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name on:change=move |ev| chosen(event_target_value(&ev))>
                {options}
            </select>
        </div>
    }
}

/// A labelled, required select whose choice the server checks: `help`
/// under it, and its errors (`codes()`, in `text`'s words) next to it;
/// `chosen(value)` on each change.
pub struct CheckedSelect {
    /// The request name, as the server's errors name it.
    pub field: &'static str,
    pub id: &'static str,
    pub label: &'static str,
    pub help: Option<&'static str>,
}

impl CheckedSelect {
    pub fn view(
        self,
        t: &'static Texts,
        codes: impl Fn() -> Vec<FieldErrorCode> + Copy + Send + Sync + 'static,
        text: impl Fn(FieldErrorCode) -> String + Send + Sync + 'static,
        options: impl IntoView,
        chosen: impl Fn(String) + 'static,
    ) -> impl IntoView {
        let Self {
            field,
            id,
            label,
            help,
        } = self;
        let (help_id, error_id) = (format!("{id}-help"), format!("{id}-error"));
        let described = described_by(help.map(|_| help_id.clone()), error_id.clone(), codes);
        view! {
            <div class="field">
                <label for=id>{label} {required_marker(t)}</label>
                <select
                    id=id
                    name=field
                    required
                    aria-invalid=move || (!codes().is_empty()).then_some("true")
                    aria-describedby=described
                    on:change=move |ev| chosen(event_target_value(&ev))
                >
                    {options}
                </select>
                {help.map(|help| view! { <p id=help_id class="field-help">{help}</p> })}
                {field_errors_view(error_id, codes, text)}
            </div>
        }
    }
}

/// A field's `aria-describedby`: its help's id (if any), and its error
/// line's (`error_id`) while it has errors (`codes()`).
fn described_by(
    help: Option<String>,
    error_id: String,
    codes: impl Fn() -> Vec<FieldErrorCode> + Send + Sync + 'static,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let error = (!codes().is_empty()).then_some(error_id.as_str());
        let ids: Vec<&str> = help.as_deref().into_iter().chain(error).collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A select's options: `first` (none chosen: the empty value), then each
/// `(value, label)`, selected while `chosen` holds its value.
pub fn chosen_options(
    chosen: RwSignal<String>,
    first: &'static str,
    choices: Vec<(String, String)>,
) -> impl IntoView {
    let choices = choices
        .into_iter()
        .map(|(value, label)| {
            let this = value.clone();
            view! { <option value=value selected=move || chosen.with(|c| *c == this)>{label}</option> }
        })
        .collect_view();
    view! {
        <option value="" selected=move || chosen.with(String::is_empty)>{first}</option>
        {choices}
    }
}

/// "(required)" after a label.
pub fn required_marker(t: &'static Texts) -> impl IntoView {
    view! { <span class="required">" " {t.required_marker}</span> }
}

/// False until the browser has drawn the page once: a live region must be
/// on the page before its text, or screen readers do not announce it.
pub fn drawn() -> RwSignal<bool> {
    let drawn = RwSignal::new(false);
    request_animation_frame(move || {
        let _ = drawn.try_set(true);
    });
    drawn
}

/// Moves the keyboard focus to the element with this id (an error summary
/// after a failed send, a row just added), once the browser has drawn it.
pub fn focus_later(id: impl Into<String>) {
    let id: String = id.into();
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            // Focus cannot fail on an element in the document.
            let _ = el.focus();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_on_the_last_part_of_the_field_name() {
        let errors = vec![
            field_error("/new_password", FieldErrorCode::PasswordNeedsDigit),
            field_error("new_password", FieldErrorCode::PasswordTooCommon),
            field_error("current_password", FieldErrorCode::WrongPassword),
        ];
        assert_eq!(
            codes_for(&errors, "new_password"),
            vec![
                FieldErrorCode::PasswordNeedsDigit,
                FieldErrorCode::PasswordTooCommon
            ]
        );
        assert!(codes_for(&errors, "email").is_empty());
    }
}

/// Drops the errors of one field (the user is changing it).
pub fn forget_errors_of(failure: RwSignal<Option<Failure>>, field: &'static str) {
    let has = failure.with_untracked(|f| !codes_for(&Failure::field_errors(f), field).is_empty());
    if has {
        failure.update(|f| {
            if let Some(Failure::Invalid(errors)) = f {
                errors.retain(|e| codes_for(std::slice::from_ref(e), field).is_empty());
                if errors.is_empty() {
                    *f = None;
                }
            }
        });
    }
}

/// How a [`checked_input`] shows what is typed.
#[derive(Clone, Copy)]
pub enum Typing {
    /// A password, hidden.
    Secret,
    /// A password the user may show; shown, it is text.
    Revealable(RwSignal<bool>),
    /// A code: the number pad when `numeric` (recovery codes have letters).
    Code { numeric: bool },
}

/// What a [`checked_input`] is: request name, input id, label, browser
/// autofill, and the help that describes it (an element elsewhere, or a
/// line below the input when `help_text` is given).
pub struct CheckedInput {
    pub id: &'static str,
    pub field: &'static str,
    pub label: &'static str,
    pub autocomplete: &'static str,
    pub typing: Typing,
    pub help: Option<&'static str>,
    pub help_text: Option<&'static str>,
}

/// A required input for a password or a code, described by its help and
/// its errors (in `error_text`'s words); typing drops its errors. Whatever
/// shows as text turns off capitals and spelling fixes.
pub fn checked_input(
    t: &'static Texts,
    input: CheckedInput,
    value: RwSignal<String>,
    failure: RwSignal<Option<Failure>>,
    error_text: impl Fn(FieldErrorCode) -> String + Send + Sync + 'static,
) -> impl IntoView {
    let CheckedInput {
        id,
        field,
        label,
        autocomplete,
        typing,
        help,
        help_text,
    } = input;
    let codes = move || failure.with(|f| codes_for(&Failure::field_errors(f), field));
    let error_id = format!("{id}-error");
    let described = described_by(help.map(str::to_owned), error_id.clone(), codes);
    let input_type = move || match typing {
        Typing::Secret => "password",
        Typing::Revealable(shown) if !shown.get() => "password",
        _ => "text",
    };
    let plain = (!matches!(typing, Typing::Secret)).then_some(());
    let numeric = matches!(typing, Typing::Code { numeric: true }).then_some("numeric");
    view! {
        <div class="field">
            <label for=id>{label} {required_marker(t)}</label>
            <input
                id=id
                name=field
                type=input_type
                inputmode=numeric
                autocomplete=autocomplete
                autocapitalize=plain.map(|()| "none")
                spellcheck=plain.map(|()| "false")
                required
                aria-invalid=move || (!codes().is_empty()).then_some("true")
                aria-describedby=described
                prop:value=value
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    forget_errors_of(failure, field);
                }
            />
            {help_text.map(|text| view! { <p id=help class="field-help">{text}</p> })}
            {field_errors_view(error_id, codes, error_text)}
        </div>
    }
}

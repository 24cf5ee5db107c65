//! The case forms' fields: a table entry per field (its request name, id,
//! label, checks), one view for text fields, the error summary, the
//! patient-data notice and its confirmation.

use super::submit::Outcome;
// The server may write a nested field as `bench_repair.part_description`
// or `/bench_repair/part_description`: `field_key` matches on the last part.
use crate::components::forms::invalid_summary;
pub use crate::components::forms::{field_error, field_key, focus_later, required_marker};
use crate::i18n::case_texts::CASE_TEXTS;
use crate::i18n::{error_message, field_error_text, fill, TextFn, Texts};
use api_types::{FieldError, FieldErrorCode};
use leptos::prelude::*;

/// The most characters of a case's long texts (description, comment) and of
/// the short ones: the domain's `CaseText::DESCRIPTION_MAX` and `SHORT_MAX`.
pub const LONG_MAX: usize = 4000;
pub const SHORT_MAX: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Text,
    Email,
    Tel,
    TextArea,
    /// Drawn by the form itself (product picker, radio group, select).
    Custom,
}

/// One field of a form.
pub struct FieldSpec {
    /// The request's name for it, as the server's field errors give it.
    pub field: &'static str,
    pub id: &'static str,
    pub label: TextFn,
    pub help: Option<TextFn>,
    pub control: Control,
    pub required: bool,
    pub max: usize,
    /// May hold patient data: shows the "no patient data" notice.
    pub phi: bool,
    pub autocomplete: &'static str,
}

impl FieldSpec {
    /// A text field with no help, not required, of the short length.
    pub const fn text(field: &'static str, id: &'static str, label: TextFn) -> Self {
        Self {
            field,
            id,
            label,
            help: None,
            control: Control::Text,
            required: false,
            max: SHORT_MAX,
            phi: false,
            autocomplete: "off",
        }
    }

    /// What is wrong with `value`, caught before sending.
    pub fn check(&self, value: &str) -> Option<FieldError> {
        let value = value.trim();
        let code = if self.required && value.is_empty() {
            FieldErrorCode::Required
        } else if value.chars().count() > self.max {
            FieldErrorCode::TooLong
        } else {
            return None;
        };
        Some(field_error(self.field, code))
    }

    fn help_id(&self) -> String {
        format!("{}-help", self.id)
    }

    fn phi_id(&self) -> String {
        format!("{}-phi", self.id)
    }

    pub fn error_id(&self) -> String {
        format!("{}-error", self.id)
    }
}

/// The error of a field, matched on the last part of the names.
pub fn error_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a FieldError> {
    errors
        .iter()
        .find(|e| field_key(&e.field) == field_key(field))
}

/// The sentence shown for a field error.
pub fn error_text(t: &Texts, spec: &FieldSpec, error: &FieldError) -> String {
    match error.code {
        FieldErrorCode::TooLong => fill(t.field_too_long_n, &[("n", &spec.max.to_string())]),
        code => field_error_text(t, code).to_owned(),
    }
}

/// The field errors of the outcome, if it is one of those.
pub fn errors_of(outcome: &Option<Outcome>) -> Vec<FieldError> {
    match outcome {
        Some(Outcome::Invalid(errors)) => errors.clone(),
        _ => Vec::new(),
    }
}

/// A field's own error, next to it; `None` when it has none.
pub fn field_error_view(
    t: &'static Texts,
    spec: &'static FieldSpec,
    errors: Memo<Vec<FieldError>>,
) -> impl IntoView {
    move || {
        errors.with(|errors| {
            error_for(errors, spec.field).map(|e| {
                view! { <p id=spec.error_id() class="field-error">{error_text(t, spec, e)}</p> }
            })
        })
    }
}

/// A labelled text input or textarea with its help, the patient-data notice
/// when it may hold some, and its error; the value lives in `value`.
pub fn text_field(
    t: &'static Texts,
    spec: &'static FieldSpec,
    value: RwSignal<String>,
    errors: Memo<Vec<FieldError>>,
) -> impl IntoView {
    let has_error = move || errors.with(|e| error_for(e, spec.field).is_some());
    let described = move || {
        let mut ids = Vec::new();
        if spec.help.is_some() {
            ids.push(spec.help_id());
        }
        if spec.phi {
            ids.push(spec.phi_id());
        }
        if has_error() {
            ids.push(spec.error_id());
        }
        Some(ids.join(" ")).filter(|ids| !ids.is_empty())
    };
    let invalid = move || has_error().then_some("true");
    let on_input = move |ev: leptos::ev::Event| value.set(event_target_value(&ev));
    let control = if spec.control == Control::TextArea {
        view! {
            <textarea
                id=spec.id
                name=spec.field
                rows="6"
                required=spec.required
                aria-invalid=invalid
                aria-describedby=described
                prop:value=value
                on:input=on_input
            ></textarea>
        }
        .into_any()
    } else {
        let kind = match spec.control {
            Control::Email => "email",
            Control::Tel => "tel",
            _ => "text",
        };
        view! {
            <input
                id=spec.id
                name=spec.field
                type=kind
                autocomplete=spec.autocomplete
                required=spec.required
                aria-invalid=invalid
                aria-describedby=described
                prop:value=value
                on:input=on_input
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=spec.id>
                {(spec.label)(t)}
                {spec.required.then(|| required_marker(t))}
            </label>
            {control}
            {spec.help.map(|help| view! { <p id=spec.help_id() class="field-help">{help(t)}</p> })}
            {spec.phi.then(|| view! { <p id=spec.phi_id() class="phi-notice">{CASE_TEXTS.of(t).phi_notice}</p> })}
            {field_error_view(t, spec, errors)}
        </div>
    }
}

/// The message at the top of a form after a failed send: what went wrong,
/// and for invalid fields a link to each.
pub fn outcome_summary(
    t: &'static Texts,
    outcome: &Outcome,
    specs: &[&'static FieldSpec],
) -> impl IntoView {
    match outcome {
        Outcome::Failed(err) => {
            view! { <p class="form-error" role="alert">{error_message(t, err)}</p> }.into_any()
        }
        Outcome::NeedsConfirm => {
            view! { <p class="form-error" role="alert">{t.errors.possible_patient_data}</p> }
                .into_any()
        }
        Outcome::Invalid(errors) => invalid_summary(t, errors, |e| {
            let key = field_key(&e.field);
            let spec = specs.iter().find(|s| field_key(s.field) == key)?;
            let text = format!("{}: {}", (spec.label)(t), error_text(t, spec, e));
            Some((spec.id.to_owned(), text))
        }),
    }
}

/// After `possible_patient_data`: why, and the box to tick when the text
/// holds none. `id` is the checkbox's.
pub fn patient_data_confirm(
    t: &'static Texts,
    id: &'static str,
    confirm: RwSignal<bool>,
) -> impl IntoView {
    let help = format!("{id}-help");
    view! {
        <div class="phi-confirm">
            <p id=help.clone() class="phi-notice">{CASE_TEXTS.of(t).patient_data_warning}</p>
            <div class="choice">
                <input
                    type="checkbox"
                    id=id
                    name="confirm_no_patient_data"
                    aria-describedby=help
                    prop:checked=confirm
                    on:change=move |ev| confirm.set(event_target_checked(&ev))
                />
                <label for=id>{CASE_TEXTS.of(t).confirm_no_patient_data}</label>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::texts;
    use domain::Language;

    const REQUIRED: FieldSpec = FieldSpec {
        required: true,
        max: 5,
        ..FieldSpec::text("bench_repair.part_description", "part", |t| {
            CASE_TEXTS.of(t).comment_label
        })
    };

    #[test]
    fn checks_catch_blank_required_and_long_values() {
        assert_eq!(
            REQUIRED.check("  ").map(|e| e.code),
            Some(FieldErrorCode::Required)
        );
        assert_eq!(
            REQUIRED.check("123456").map(|e| e.code),
            Some(FieldErrorCode::TooLong)
        );
        assert_eq!(REQUIRED.check(" 12345 "), None);
        let optional = FieldSpec::text("x", "x", |t| CASE_TEXTS.of(t).comment_label);
        assert_eq!(optional.check(""), None);
    }

    #[test]
    fn server_field_names_match_on_their_last_part() {
        assert_eq!(
            field_key("bench_repair.part_description"),
            "part_description"
        );
        assert_eq!(field_key("/contact/email"), "email");
        assert_eq!(field_key("description"), "description");
        let errors = vec![field_error(
            "/bench_repair/part_description",
            FieldErrorCode::Required,
        )];
        assert!(error_for(&errors, REQUIRED.field).is_some());
        assert!(error_for(&errors, "description").is_none());
    }

    #[test]
    fn too_long_names_the_fields_own_limit() {
        let t = texts(Language::En);
        let error = field_error("part_description", FieldErrorCode::TooLong);
        assert_eq!(
            error_text(t, &REQUIRED, &error),
            "Use at most 5 characters."
        );
        let error = field_error("part_description", FieldErrorCode::Required);
        assert_eq!(error_text(t, &REQUIRED, &error), t.field_required);
    }
}

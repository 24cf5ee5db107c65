//! The case page's forms: a comment, and a shipment's tracking number (the
//! customer's); a safety question, a T2 activity and a remark for the
//! customer (the service side's). Each shows the case as the server answers
//! it after the new entry.

use super::case_page::Loaded;
use super::fields::{
    errors_of, outcome_summary, patient_data_confirm, text_field, Control, FieldSpec, LONG_MAX,
};
use super::submit::{optional, show_refusal, Outcome};
use crate::components::forms::{submit_once, SubmitButton};
use crate::i18n::case_texts::CASE_TEXTS;
use crate::i18n::{TextFn, Texts};
use crate::state::auth::use_auth;
use api_types::{ActivityKindDto, CreateActivityRequest, FieldError};
use leptos::prelude::*;

/// One of the forms.
pub struct ActivityFormSpec {
    pub kind: ActivityKindDto,
    pub class: &'static str,
    pub heading: TextFn,
    pub button: TextFn,
    pub done: TextFn,
    /// One or two fields: the comment, or the carrier and the number.
    pub fields: &'static [&'static FieldSpec],
    /// The id of the "no patient data" checkbox.
    pub confirm_id: &'static str,
}

const COMMENT_TEXT: FieldSpec = FieldSpec {
    control: Control::TextArea,
    required: true,
    max: LONG_MAX,
    phi: true,
    ..FieldSpec::text("text", "comment-text", |t| CASE_TEXTS.of(t).comment_label)
};
const CARRIER: FieldSpec = FieldSpec {
    help: Some(|t| CASE_TEXTS.of(t).carrier_help),
    required: true,
    ..FieldSpec::text("carrier", "tracking-carrier", |t| {
        CASE_TEXTS.of(t).carrier_label
    })
};
const TRACKING_NUMBER: FieldSpec = FieldSpec {
    required: true,
    ..FieldSpec::text("tracking_number", "tracking-number", |t| {
        CASE_TEXTS.of(t).tracking_number_label
    })
};

pub static COMMENT: ActivityFormSpec = ActivityFormSpec {
    kind: ActivityKindDto::CustomerComment,
    class: "add-comment",
    heading: |t| CASE_TEXTS.of(t).add_comment_heading,
    button: |t| CASE_TEXTS.of(t).add_comment_button,
    done: |t| CASE_TEXTS.of(t).comment_added,
    fields: &[&COMMENT_TEXT],
    confirm_id: "confirm-no-patient-data",
};

pub static TRACKING: ActivityFormSpec = ActivityFormSpec {
    kind: ActivityKindDto::ShipmentTracking,
    class: "add-tracking",
    heading: |t| CASE_TEXTS.of(t).add_tracking_heading,
    button: |t| CASE_TEXTS.of(t).add_tracking_button,
    done: |t| CASE_TEXTS.of(t).tracking_added,
    fields: &[&CARRIER, &TRACKING_NUMBER],
    confirm_id: "tracking-confirm-no-patient-data",
};

/// The text of one of the service side's entries (`id`: its textarea's).
const fn service_text(id: &'static str, label: TextFn) -> FieldSpec {
    FieldSpec {
        control: Control::TextArea,
        required: true,
        max: LONG_MAX,
        phi: true,
        ..FieldSpec::text("text", id, label)
    }
}

const SAFETY_QUESTION_TEXT: FieldSpec = service_text("safety-question-text", |t| {
    CASE_TEXTS.of(t).safety_question_label
});
const T2_ACTIVITY_TEXT: FieldSpec =
    service_text("t2-activity-text", |t| CASE_TEXTS.of(t).t2_activity_label);
const EXTERNAL_REMARK_TEXT: FieldSpec = service_text("external-remark-text", |t| {
    CASE_TEXTS.of(t).external_remark_label
});

/// The service side's entries, in the order the case page shows them.
pub static SERVICE_ENTRIES: [ActivityFormSpec; 3] = [
    ActivityFormSpec {
        kind: ActivityKindDto::ExternalRemark,
        class: "add-external-remark",
        heading: |t| CASE_TEXTS.of(t).external_remark_heading,
        button: |t| CASE_TEXTS.of(t).external_remark_button,
        done: |t| CASE_TEXTS.of(t).external_remark_added,
        fields: &[&EXTERNAL_REMARK_TEXT],
        confirm_id: "external-remark-confirm-no-patient-data",
    },
    ActivityFormSpec {
        kind: ActivityKindDto::SafetyQuestion,
        class: "add-safety-question",
        heading: |t| CASE_TEXTS.of(t).safety_question_heading,
        button: |t| CASE_TEXTS.of(t).safety_question_button,
        done: |t| CASE_TEXTS.of(t).safety_question_added,
        fields: &[&SAFETY_QUESTION_TEXT],
        confirm_id: "safety-question-confirm-no-patient-data",
    },
    ActivityFormSpec {
        kind: ActivityKindDto::T2Activity,
        class: "add-t2-activity",
        heading: |t| CASE_TEXTS.of(t).t2_activity_heading,
        button: |t| CASE_TEXTS.of(t).t2_activity_button,
        done: |t| CASE_TEXTS.of(t).t2_activity_added,
        fields: &[&T2_ACTIVITY_TEXT],
        confirm_id: "t2-activity-confirm-no-patient-data",
    },
];

/// The request for a form's values (in the order of its fields), or what
/// to fix first.
pub fn activity_request(
    spec: &ActivityFormSpec,
    values: &[String],
    confirm_no_patient_data: bool,
) -> Result<CreateActivityRequest, Vec<FieldError>> {
    let errors: Vec<FieldError> = spec
        .fields
        .iter()
        .zip(values)
        .filter_map(|(field, value)| field.check(value))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let value = |i: usize| values.get(i).and_then(|v| optional(v));
    let mut request = CreateActivityRequest {
        kind: spec.kind,
        text: None,
        carrier: None,
        tracking_number: None,
        confirm_no_patient_data,
    };
    if spec.kind == ActivityKindDto::ShipmentTracking {
        request.carrier = value(0);
        request.tracking_number = value(1);
    } else {
        request.text = value(0);
    }
    Ok(request)
}

#[component]
pub fn ActivityForm(
    t: &'static Texts,
    spec: &'static ActivityFormSpec,
    case: LocalResource<Loaded>,
    case_id: String,
) -> impl IntoView {
    let auth = use_auth();
    let values: [RwSignal<String>; 2] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let outcome = RwSignal::new(None::<Outcome>);
    let errors = Memo::new(move |_| outcome.with(errors_of));
    let needs_confirm = RwSignal::new(false);
    let confirm = RwSignal::new(false);
    let done = RwSignal::new(false);
    let case_id = StoredValue::new(case_id);

    let add = Action::new_local(move |request: &CreateActivityRequest| {
        let request = request.clone();
        let id = case_id.get_value();
        async move {
            let result = auth.api().add_case_activity(&id, &request).await;
            match result {
                Ok(updated) => {
                    for value in values {
                        value.set(String::new());
                    }
                    needs_confirm.set(false);
                    confirm.set(false);
                    done.set(true);
                    case.set(Some((id, Ok(updated))));
                }
                Err(err) => show_refusal(err, outcome, needs_confirm),
            }
        }
    });
    let pending = add.pending();

    let on_submit = submit_once(pending, move || {
        done.set(false);
        let typed = values.map(|v| v.get_untracked());
        let confirmed = needs_confirm.get_untracked() && confirm.get_untracked();
        match activity_request(spec, &typed, confirmed) {
            Err(invalid) => outcome.set(Some(Outcome::Invalid(invalid))),
            Ok(request) => {
                outcome.set(None);
                add.dispatch(request);
            }
        }
    });
    let heading_id = format!("{}-heading", spec.class);

    view! {
        <section class="panel" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{(spec.heading)(t)}</h2>
            <form class=spec.class on:submit=on_submit novalidate>
                {move || outcome.with(|o| o.as_ref().map(|o| outcome_summary(t, o, spec.fields)))}
                <div class="form-live" aria-live="polite">
                    {move || done.get().then(|| view! { <p class="form-success" role="status">{(spec.done)(t)}</p> })}
                </div>
                {spec
                    .fields
                    .iter()
                    .zip(values)
                    .map(|(field, value)| text_field(t, field, value, errors))
                    .collect_view()}
                {move || needs_confirm.get().then(|| patient_data_confirm(t, spec.confirm_id, confirm))}
                <SubmitButton class="button-primary button-inline" pending busy=CASE_TEXTS.of(t).adding idle=(spec.button)(t)/>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| (*v).to_owned()).collect()
    }

    #[test]
    fn a_comment_sends_its_trimmed_text() {
        let request = activity_request(&COMMENT, &strings(&["  Still noisy "]), false).unwrap();
        assert_eq!(request.kind, ActivityKindDto::CustomerComment);
        assert_eq!(request.text.as_deref(), Some("Still noisy"));
        assert_eq!((request.carrier, request.tracking_number), (None, None));
        let errors = activity_request(&COMMENT, &strings(&[" "]), false).unwrap_err();
        assert_eq!(errors[0].field, "text");
    }

    #[test]
    fn a_tracking_number_needs_carrier_and_number() {
        let request = activity_request(&TRACKING, &strings(&["DHL", " JD0146 "]), true).unwrap();
        assert_eq!(request.kind, ActivityKindDto::ShipmentTracking);
        assert_eq!(request.carrier.as_deref(), Some("DHL"));
        assert_eq!(request.tracking_number.as_deref(), Some("JD0146"));
        assert_eq!(request.text, None);
        assert!(request.confirm_no_patient_data);
        let errors = activity_request(&TRACKING, &strings(&["", ""]), false).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["carrier", "tracking_number"]);
    }

    #[test]
    fn the_service_entries_send_their_kind_and_text_with_ids_of_their_own() {
        let kinds: Vec<_> = SERVICE_ENTRIES.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                ActivityKindDto::ExternalRemark,
                ActivityKindDto::SafetyQuestion,
                ActivityKindDto::T2Activity
            ]
        );
        let mut ids = vec![COMMENT_TEXT.id, COMMENT.confirm_id, TRACKING.confirm_id];
        for spec in &SERVICE_ENTRIES {
            let request = activity_request(spec, &strings(&[" Checked the coil "]), false).unwrap();
            assert_eq!(request.kind, spec.kind);
            assert_eq!(request.text.as_deref(), Some("Checked the coil"));
            assert!(activity_request(spec, &strings(&[""]), false).is_err());
            ids.extend([spec.fields[0].id, spec.confirm_id]);
        }
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
    }
}

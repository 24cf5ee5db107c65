//! What the case forms share besides their fields: idempotency keys, the
//! answers they act on.

use crate::api::ApiError;
use api_types::{FieldError, ProblemCode};
use leptos::prelude::*;

/// The `Idempotency-Key` of the create form: one per content. Resending the
/// same body (after a network error, say) reuses the key, so the server
/// answers the first attempt's result and never makes a second case; a
/// changed body gets a new key, since the server refuses a key reused with
/// another body.
#[derive(Debug, Default)]
pub struct IdempotencyKeys {
    /// The last body sent and its key.
    last: Option<(String, String)>,
}

impl IdempotencyKeys {
    pub fn key_for(&mut self, body: &str, fresh: impl FnOnce() -> String) -> String {
        match &self.last {
            Some((sent, key)) if sent == body => key.clone(),
            _ => {
                let key = fresh();
                self.last = Some((body.to_owned(), key.clone()));
                key
            }
        }
    }

    /// After `idempotency_key_reused`: the next attempt starts afresh.
    pub fn forget(&mut self) {
        self.last = None;
    }
}

/// A random (version 4) UUID: the browser's `crypto.randomUUID()`, which
/// needs a secure context, else one from `Math.random`.
pub fn new_idempotency_key() -> String {
    browser_uuid().unwrap_or_else(|| {
        // Truncation is the point: a random byte from [0, 256).
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let bytes = std::array::from_fn(|_| (js_sys::Math::random() * 256.0) as u8);
        uuid_v4(bytes)
    })
}

fn browser_uuid() -> Option<String> {
    use js_sys::{Function, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    let crypto = Reflect::get(&js_sys::global(), &JsValue::from_str("crypto")).ok()?;
    let random_uuid: Function = Reflect::get(&crypto, &JsValue::from_str("randomUUID"))
        .ok()?
        .dyn_into()
        .ok()?;
    random_uuid.call0(&crypto).ok()?.as_string()
}

/// Random bytes written as a version 4 UUID (RFC 9562).
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// What a form shows after a failed send.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// 422 `possible_patient_data`: the user checks the text and confirms.
    NeedsConfirm,
    /// Caught before sending, or a 422 naming the fields.
    Invalid(Vec<FieldError>),
    Failed(ApiError),
}

pub fn outcome_of(err: ApiError) -> Outcome {
    match &err {
        ApiError::Problem(p) if p.code == ProblemCode::PossiblePatientData => Outcome::NeedsConfirm,
        ApiError::Problem(p) if p.code == ProblemCode::ValidationFailed && !p.errors.is_empty() => {
            Outcome::Invalid(p.errors.clone())
        }
        _ => Outcome::Failed(err),
    }
}

/// Shows why a send was refused; after `possible_patient_data` the form
/// asks for the confirmation from then on.
pub fn show_refusal(
    err: ApiError,
    outcome: RwSignal<Option<Outcome>>,
    needs_confirm: RwSignal<bool>,
) {
    let next = outcome_of(err);
    if next == Outcome::NeedsConfirm {
        needs_confirm.set(true);
    }
    outcome.set(Some(next));
}

/// The trimmed text, or None when blank.
pub fn optional(raw: &str) -> Option<String> {
    Some(raw.trim().to_owned()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::problem_with as problem;

    #[test]
    fn the_same_body_reuses_its_key_and_a_changed_one_gets_a_new_key() {
        let mut keys = IdempotencyKeys::default();
        let mut n = 0;
        let mut fresh = || {
            n += 1;
            format!("key-{n}")
        };
        let first = keys.key_for(r#"{"description":"noise"}"#, &mut fresh);
        // A network error, then the same content again: the same key.
        assert_eq!(
            keys.key_for(r#"{"description":"noise"}"#, &mut fresh),
            first
        );
        // Confirmed "no patient data": another body, another key.
        let confirmed = keys.key_for(
            r#"{"description":"noise","confirm_no_patient_data":true}"#,
            &mut fresh,
        );
        assert_ne!(confirmed, first);
        assert_eq!(
            keys.key_for(
                r#"{"description":"noise","confirm_no_patient_data":true}"#,
                &mut fresh
            ),
            confirmed
        );
        keys.forget();
        assert_eq!(
            keys.key_for(
                r#"{"description":"noise","confirm_no_patient_data":true}"#,
                &mut fresh
            ),
            "key-3"
        );
    }

    #[test]
    fn uuids_are_version_4_in_the_usual_shape() {
        let id = uuid_v4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let id = uuid_v4([0; 16]);
        assert_eq!(id, "00000000-0000-4000-8000-000000000000");
        assert_eq!(id.len(), 36);
    }

    #[test]
    fn answers_map_onto_what_the_forms_show() {
        assert_eq!(
            outcome_of(problem(ProblemCode::PossiblePatientData, Vec::new())),
            Outcome::NeedsConfirm
        );
        let field = FieldError {
            field: "description".into(),
            code: api_types::FieldErrorCode::Required,
            message: "m".into(),
        };
        assert_eq!(
            outcome_of(problem(ProblemCode::ValidationFailed, vec![field.clone()])),
            Outcome::Invalid(vec![field])
        );
        assert!(matches!(
            outcome_of(problem(ProblemCode::ValidationFailed, Vec::new())),
            Outcome::Failed(_)
        ));
        assert!(matches!(
            outcome_of(problem(ProblemCode::CaseClosed, Vec::new())),
            Outcome::Failed(_)
        ));
    }

    #[test]
    fn optional_texts_are_trimmed_or_none() {
        assert_eq!(optional("  DHL "), Some("DHL".to_owned()));
        assert_eq!(optional("   "), None);
    }
}

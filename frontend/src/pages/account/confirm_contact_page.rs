//! `/confirm-contact` (no login): the link emailed to a case's contact
//! address that is no colleague's account. Its owner usually has no account,
//! so the page only sends the fragment's token (see `set_password_page`) and
//! says what came of it.

use super::set_password_page::fragment_token;
use crate::api::ApiError;
use crate::components::document::use_title;
use crate::components::public_card::{public_card, SentTexts};
use crate::i18n::public_texts::PUBLIC_TEXTS;
use crate::i18n::{error_message, Texts};
use crate::state::auth::use_auth;
use api_types::{LinkTokenRequest, ProblemCode};
use leptos::prelude::*;

/// What came of the link.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Confirmed,
    Expired,
    /// Unknown, cut short, or no token at all.
    Invalid,
    /// The call itself failed (network, server).
    Failed(ApiError),
}

impl Outcome {
    fn of(answer: Result<(), ApiError>) -> Self {
        match answer {
            Ok(()) => Outcome::Confirmed,
            Err(err) => match err.code() {
                Some(ProblemCode::LinkExpired) => Outcome::Expired,
                Some(ProblemCode::LinkInvalid | ProblemCode::NotFound) => Outcome::Invalid,
                _ => Outcome::Failed(err),
            },
        }
    }
}

fn title(t: &Texts, confirmed: bool) -> &'static str {
    if confirmed {
        PUBLIC_TEXTS.of(t).contact_confirmed_title
    } else {
        PUBLIC_TEXTS.of(t).confirm_contact_title
    }
}

/// Why nothing was confirmed; None once it was.
fn refusal_text(t: &Texts, outcome: &Outcome) -> Option<String> {
    match outcome {
        Outcome::Confirmed => None,
        Outcome::Expired => Some(PUBLIC_TEXTS.of(t).contact_link_expired.to_owned()),
        Outcome::Invalid => Some(PUBLIC_TEXTS.of(t).contact_link_invalid.to_owned()),
        Outcome::Failed(err) => Some(error_message(t, err)),
    }
}

#[component]
pub fn ConfirmContactPage() -> impl IntoView {
    let api = use_auth().api();
    // None while the answer is on its way.
    let outcome = RwSignal::new(None::<Outcome>);
    let confirmed = RwSignal::new(false);
    use_title(move |t| title(t, confirmed.get()));
    // Sent once, on load: opening the emailed link is the consent, so there
    // is no button. A reload sends it again, which the server answers 204.
    match fragment_token() {
        Some(token) => leptos::task::spawn_local(async move {
            let result = Outcome::of(api.confirm_contact(&LinkTokenRequest { token }).await);
            confirmed.try_set(result == Outcome::Confirmed);
            outcome.try_set(Some(result));
        }),
        None => outcome.set(Some(Outcome::Invalid)),
    }

    let done = SentTexts {
        class: "form-success contact-confirmed",
        text: |t| PUBLIC_TEXTS.of(t).contact_confirmed,
        hint: |t| PUBLIC_TEXTS.of(t).contact_confirmed_hint,
    };
    public_card("login-card", None, title, confirmed, done, move |t| {
        view! {
            {move || match outcome.get() {
                None => view! {
                    <p class="loading" role="status">
                        <span class="spinner" aria-hidden="true"></span>
                        {PUBLIC_TEXTS.of(t).contact_confirming}
                    </p>
                }
                .into_any(),
                Some(result) => refusal_text(t, &result)
                    .map(|text| view! { <p class="link-problem" role="alert">{text}</p> })
                    .into_any(),
            }}
        }
        .into_any()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::problem;
    use crate::i18n::texts;
    use domain::Language;

    #[test]
    fn the_answers_map_to_what_the_page_says() {
        assert_eq!(Outcome::of(Ok(())), Outcome::Confirmed);
        assert_eq!(
            Outcome::of(Err(problem(ProblemCode::LinkExpired, None))),
            Outcome::Expired
        );
        assert_eq!(
            Outcome::of(Err(problem(ProblemCode::LinkInvalid, None))),
            Outcome::Invalid
        );
        let other = problem(ProblemCode::InternalError, Some("req-1"));
        assert_eq!(Outcome::of(Err(other.clone())), Outcome::Failed(other));
    }

    #[test]
    fn each_refusal_has_its_sentence_in_both_languages() {
        for language in [Language::En, Language::Nl] {
            let t = texts(language);
            assert_eq!(refusal_text(t, &Outcome::Confirmed), None);
            let expired = refusal_text(t, &Outcome::Expired).unwrap_or_default();
            let invalid = refusal_text(t, &Outcome::Invalid).unwrap_or_default();
            assert!(!expired.is_empty() && !invalid.is_empty());
            assert_ne!(expired, invalid);
            let failed = Outcome::Failed(problem(ProblemCode::InternalError, Some("req-1")));
            let generic = refusal_text(t, &failed).unwrap_or_default();
            assert!(generic.starts_with(t.errors.generic), "{generic}");
        }
    }
}

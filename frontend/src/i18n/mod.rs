//! English and Dutch. Every user-visible string lives in [`Texts`]; a string
//! missing from one language is a compile error, not a blank on screen.

mod en;
mod nl;

use crate::api::ApiError;
use api_types::{AccountKindDto, ProblemCode};
use domain::Language;

/// All user-visible text of the app in one language.
pub struct Texts {
    /// `<html lang>` value.
    pub lang_tag: &'static str,
    pub product_name: &'static str,
    pub skip_to_main: &'static str,
    pub main_navigation: &'static str,
    pub nav_home: &'static str,
    pub nav_api_docs: &'static str,
    pub signed_in_as: &'static str,
    pub log_out: &'static str,
    pub checking_session: &'static str,

    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub username_label: &'static str,
    pub password_label: &'static str,
    pub required_marker: &'static str,
    pub login_button: &'static str,
    pub login_busy: &'static str,
    pub login_missing_fields: &'static str,

    pub home_title: &'static str,
    pub welcome: &'static str,
    pub accounts_heading: &'static str,
    pub accounts_loading: &'static str,
    pub accounts_empty: &'static str,
    pub accounts_hint: &'static str,

    pub kind_hospital_group: &'static str,
    pub kind_hospital: &'static str,
    pub kind_site: &'static str,
    pub kind_department: &'static str,
    pub kind_leasing_company: &'static str,
    pub kind_trust: &'static str,
    pub kind_service_organisation: &'static str,

    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub not_found_link: &'static str,

    pub error_invalid_credentials: &'static str,
    pub error_network: &'static str,
    pub error_too_many_requests: &'static str,
    pub error_session_expired: &'static str,
    pub error_service_unavailable: &'static str,
    pub error_generic: &'static str,
    /// Precedes the server's request id: "Reference: 7f3c...".
    pub error_reference: &'static str,
}

/// The texts of a language.
pub fn texts(lang: Language) -> &'static Texts {
    match lang {
        Language::En => &en::EN,
        Language::Nl => &nl::NL,
    }
}

/// The language of a BCP 47 tag such as the browser's `navigator.language`:
/// Dutch for `nl`, `nl-NL`, `nl-BE`; English otherwise.
pub fn language_from_tag(tag: &str) -> Language {
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    if primary.eq_ignore_ascii_case("nl") {
        Language::Nl
    } else {
        Language::En
    }
}

/// The language of a user's `settings.language` ("en" | "nl"); English when unknown.
pub fn language_from_setting(setting: &str) -> Language {
    setting.parse().unwrap_or_default()
}

/// The browser's preferred language, used before anyone has signed in.
pub fn browser_language() -> Language {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|tag| language_from_tag(&tag))
        .unwrap_or_default()
}

/// The translated name of an account kind.
pub fn account_kind(t: &Texts, kind: AccountKindDto) -> &'static str {
    match kind {
        AccountKindDto::HospitalGroup => t.kind_hospital_group,
        AccountKindDto::Hospital => t.kind_hospital,
        AccountKindDto::Site => t.kind_site,
        AccountKindDto::Department => t.kind_department,
        AccountKindDto::LeasingCompany => t.kind_leasing_company,
        AccountKindDto::Trust => t.kind_trust,
        AccountKindDto::ServiceOrganisation => t.kind_service_organisation,
    }
}

/// A country's name in the given language ("NL" -> "Netherlands" / "Nederland")
/// from the browser's `Intl.DisplayNames`; the code itself where that is missing.
pub fn country_name(lang: Language, code: &str) -> String {
    if !is_country_code(code) {
        return code.to_owned();
    }
    intl_region_name(lang.as_str(), code).unwrap_or_else(|| code.to_owned())
}

/// Two ASCII letters: anything else makes `Intl.DisplayNames.of` throw.
fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic())
}

fn intl_region_name(locale: &str, code: &str) -> Option<String> {
    use js_sys::{Array, Intl, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
    if !Reflect::has(&intl, &JsValue::from_str("DisplayNames")).ok()? {
        return None;
    }
    let options = Intl::DisplayNamesOptions::new();
    options.set_type(Intl::DisplayNamesType::Region);
    let locales = Array::new();
    locales.push(&JsValue::from_str(locale));
    let names = Intl::DisplayNames::new(&locales, options.unchecked_ref());
    names.of(&code.to_ascii_uppercase()).map(String::from)
}

/// What to tell the user about a failed call: a translated sentence for the
/// codes a user can act on, the generic one (with the request id to quote to
/// support, when the server sent one) for everything else.
pub fn error_message(t: &Texts, err: &ApiError) -> String {
    let specific = match err {
        ApiError::Network(_) => Some(t.error_network),
        ApiError::Problem(p) => match p.code {
            ProblemCode::InvalidCredentials => Some(t.error_invalid_credentials),
            ProblemCode::TooManyRequests => Some(t.error_too_many_requests),
            ProblemCode::InvalidToken | ProblemCode::Unauthenticated => {
                Some(t.error_session_expired)
            }
            ProblemCode::ServiceUnavailable => Some(t.error_service_unavailable),
            _ => None,
        },
        ApiError::Unexpected { .. } => None,
    };
    match (specific, err.request_id()) {
        (Some(text), _) => text.to_owned(),
        (None, Some(id)) => format!("{} {}: {id}", t.error_generic, t.error_reference),
        (None, None) => t.error_generic.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use api_types::ProblemDetails;

    fn problem(code: ProblemCode, request_id: Option<&str>) -> ApiError {
        ApiError::Problem(ProblemDetails {
            type_uri: "about:blank".into(),
            title: "t".into(),
            status: 400,
            detail: "server detail, not shown".into(),
            code,
            request_id: request_id.map(str::to_owned),
            errors: Vec::new(),
        })
    }

    #[test]
    fn browser_tags_starting_with_nl_choose_dutch() {
        for tag in ["nl", "nl-NL", "nl-BE", "NL-nl", "nl_NL"] {
            assert_eq!(language_from_tag(tag), Language::Nl, "{tag}");
        }
        for tag in ["en", "en-GB", "de-DE", "", "nld", "fr"] {
            assert_eq!(language_from_tag(tag), Language::En, "{tag}");
        }
    }

    #[test]
    fn user_settings_choose_the_language_and_fall_back_to_english() {
        assert_eq!(language_from_setting("nl"), Language::Nl);
        assert_eq!(language_from_setting("en"), Language::En);
        assert_eq!(language_from_setting("xx"), Language::En);
    }

    #[test]
    fn html_lang_tags_match_the_language() {
        assert_eq!(texts(Language::En).lang_tag, "en");
        assert_eq!(texts(Language::Nl).lang_tag, "nl");
    }

    #[test]
    fn wrong_credentials_have_their_own_message_in_both_languages() {
        let err = problem(ProblemCode::InvalidCredentials, Some("r-1"));
        assert_eq!(
            error_message(texts(Language::En), &err),
            "The user name or password is wrong."
        );
        assert_eq!(
            error_message(texts(Language::Nl), &err),
            "De gebruikersnaam of het wachtwoord is onjuist."
        );
    }

    #[test]
    fn network_failures_say_the_portal_cannot_be_reached() {
        let err = ApiError::Network("TypeError: Failed to fetch".into());
        assert_eq!(
            error_message(texts(Language::En), &err),
            "The portal cannot be reached. Check your connection and try again."
        );
        assert_ne!(
            error_message(texts(Language::Nl), &err),
            error_message(texts(Language::En), &err)
        );
    }

    #[test]
    fn other_problems_give_the_generic_message_with_the_request_id() {
        let en = texts(Language::En);
        let msg = error_message(en, &problem(ProblemCode::InternalError, Some("req-7f3c")));
        assert!(msg.starts_with(en.error_generic), "{msg}");
        assert!(msg.ends_with("req-7f3c"), "{msg}");
        assert!(!msg.contains("server detail"), "{msg}");
        assert_eq!(
            error_message(en, &problem(ProblemCode::InternalError, None)),
            en.error_generic
        );
        let unexpected = ApiError::Unexpected {
            status: 502,
            reason: "html".into(),
        };
        assert_eq!(error_message(en, &unexpected), en.error_generic);
    }

    #[test]
    fn only_two_letter_codes_are_looked_up() {
        assert!(is_country_code("NL"));
        assert!(is_country_code("dk"));
        assert!(!is_country_code("NLD"));
        assert!(!is_country_code("N1"));
        assert!(!is_country_code(""));
    }

    #[test]
    fn every_account_kind_is_translated() {
        let kinds = [
            AccountKindDto::HospitalGroup,
            AccountKindDto::Hospital,
            AccountKindDto::Site,
            AccountKindDto::Department,
            AccountKindDto::LeasingCompany,
            AccountKindDto::Trust,
            AccountKindDto::ServiceOrganisation,
        ];
        for lang in Language::ALL {
            let t = texts(lang);
            for kind in kinds {
                assert!(!account_kind(t, kind).is_empty());
            }
        }
        assert_eq!(
            account_kind(texts(Language::Nl), AccountKindDto::Hospital),
            "Ziekenhuis"
        );
    }
}

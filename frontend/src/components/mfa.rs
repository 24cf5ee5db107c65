//! What the second-factor pages share: the key in groups of four, the QR
//! code as an image, the check of a typed code, the recovery codes with
//! copy and download, and the password and current code that confirm a
//! change to the second factor.

use crate::components::download::save_text;
use crate::components::forms::{
    checked_input, failure_summary_by, field_error, field_key, field_of, CheckedInput, Failure,
    FieldRef, Typing,
};
use crate::i18n::{confirm_code_error_text, password_error_text, Texts};
use crate::routes::encode_component;
use api_types::{FieldError, FieldErrorCode, PasswordConfirmation};
use leptos::prelude::*;

/// The name the recovery codes are saved under.
pub const RECOVERY_FILE_NAME: &str = "csportal-recovery-codes.txt";
const CODES_ID: &str = "recovery-codes";

/// The key in groups of four ("JBSW Y3DP EHPK 3PXP"), to type in by hand.
pub fn group_secret(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().filter(|c| !c.is_whitespace()).collect();
    chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The server's QR code (an SVG document) as the source of an `<img>`: a
/// `data:` URL, which the CSP allows for images. As an image, the SVG is
/// drawn only: nothing in it runs, and it needs no inline style.
pub fn svg_data_url(svg: &str) -> String {
    format!("data:image/svg+xml,{}", encode_component(svg))
}

/// The six digits of an authenticator code as typed ("123 456" too).
pub fn six_digits(typed: &str) -> Option<String> {
    let code: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    (code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// The request's names of a confirmation's fields, as the server's errors
/// name them.
pub const CONFIRM_PASSWORD: &str = "password";
pub const CONFIRM_CODE: &str = "code";

/// What confirms a change to the second factor, checked before sending: the
/// password, and the current code when one is asked for (`code` is None
/// when no factor is on). Both are required.
pub fn confirmation(
    password: String,
    code: Option<String>,
) -> Result<PasswordConfirmation, Vec<FieldError>> {
    let mut missing = Vec::new();
    if password.is_empty() {
        missing.push(field_error(CONFIRM_PASSWORD, FieldErrorCode::Required));
    }
    let code = code.map(|c| c.trim().to_owned());
    if code.as_deref().is_some_and(str::is_empty) {
        missing.push(field_error(CONFIRM_CODE, FieldErrorCode::Required));
    }
    if missing.is_empty() {
        Ok(PasswordConfirmation { password, code })
    } else {
        Err(missing)
    }
}

/// The summary above a confirmation's fields (`fields`: the password's and
/// the code's), each error in the words of its field.
pub fn confirmation_summary(
    t: &'static Texts,
    failure: &Failure,
    fields: &'static [FieldRef],
) -> AnyView {
    failure_summary_by(t, failure, field_of(t, fields), |name, code| {
        if field_key(name) == CONFIRM_CODE {
            confirm_code_error_text(t, code)
        } else {
            password_error_text(t, code)
        }
    })
}

/// The current code of the second factor that is on, confirming a change:
/// from the authenticator app or a recovery code. Recovery codes have
/// letters, so the keyboard is the ordinary one; typing drops its errors.
pub fn confirm_code_input(
    t: &'static Texts,
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    failure: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let input = CheckedInput {
        id,
        field: CONFIRM_CODE,
        label,
        autocomplete: "one-time-code",
        typing: Typing::Code { numeric: false },
        help: None,
        help_text: None,
    };
    checked_input(t, input, value, failure, move |c| {
        confirm_code_error_text(t, c)
    })
}

/// The downloaded file: what it holds, whose, how to use it, then one code a line.
pub fn recovery_codes_text(t: &Texts, username: Option<&str>, codes: &[String]) -> String {
    let mut text = format!("{}\n", t.recovery_file_title);
    if let Some(name) = username {
        text.push_str(&format!("{}: {name}\n", t.username_label));
    }
    text.push_str(t.recovery_file_hint);
    text.push_str("\n\n");
    for code in codes {
        text.push_str(code);
        text.push('\n');
    }
    text
}

/// Copies `text` with the Clipboard API; false where there is none (a page
/// not served over HTTPS) or the browser refuses.
pub async fn copy_text(text: &str) -> bool {
    let clipboard = window().navigator().clipboard();
    if clipboard.is_undefined() {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// Selects the text of the element `id`, for the user to copy by hand.
fn select_contents(id: &str) {
    if let (Some(el), Ok(Some(selection))) =
        (document().get_element_by_id(id), window().get_selection())
    {
        let _ = selection.select_all_children(&el);
    }
}

/// The recovery codes, shown only once: the list, and buttons to copy them
/// and to save them as a text file.
#[component]
pub fn RecoveryCodes(
    t: &'static Texts,
    codes: Vec<String>,
    /// Named in the file, when known.
    username: Option<String>,
) -> impl IntoView {
    let file = StoredValue::new(recovery_codes_text(t, username.as_deref(), &codes));
    let plain = StoredValue::new(codes.join("\n"));
    // Some(false): the browser would not copy; the codes are selected instead.
    let copied = RwSignal::new(None::<bool>);
    let copy = Action::new_local(move |_: &()| async move {
        let ok = copy_text(&plain.get_value()).await;
        if !ok {
            select_contents(CODES_ID);
        }
        copied.set(Some(ok));
    });
    view! {
        <p class="recovery-hint">{t.recovery_codes_hint}</p>
        <ul id=CODES_ID class="recovery-codes" aria-label=t.recovery_codes_label>
            {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
        </ul>
        <div class="button-row">
            <button
                type="button"
                class="button-secondary copy-codes"
                on:click=move |_| {
                    copied.set(None);
                    copy.dispatch(());
                }
            >
                {t.copy_codes}
            </button>
            <button
                type="button"
                class="button-secondary download-codes"
                on:click=move |_| {
                    file.with_value(|text| save_text(text, RECOVERY_FILE_NAME));
                }
            >
                {t.download_codes}
            </button>
        </div>
        <div class="form-live" role="status" aria-live="polite">
            {move || copied.get().map(|ok| {
                let (class, text) = if ok { ("form-success", t.codes_copied) } else { ("form-error", t.copy_failed) };
                view! { <p class=class>{text}</p> }
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::texts;
    use domain::Language;

    #[test]
    fn a_confirmation_needs_the_password_and_the_code_asked_for() {
        let codes = |r: Result<PasswordConfirmation, Vec<FieldError>>| {
            r.unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes(confirmation(String::new(), Some(" ".to_owned()))),
            vec![
                (CONFIRM_PASSWORD.to_owned(), FieldErrorCode::Required),
                (CONFIRM_CODE.to_owned(), FieldErrorCode::Required),
            ]
        );
        assert_eq!(
            confirmation("pw".to_owned(), Some(" 123 456 ".to_owned())),
            Ok(PasswordConfirmation {
                password: "pw".to_owned(),
                code: Some("123 456".to_owned()),
            })
        );
        // No factor on: no code asked for, none sent.
        assert_eq!(
            confirmation("pw".to_owned(), None),
            Ok(PasswordConfirmation {
                password: "pw".to_owned(),
                code: None,
            })
        );
    }

    #[test]
    fn the_key_is_shown_in_groups_of_four() {
        assert_eq!(group_secret("JBSWY3DPEHPK3PXP"), "JBSW Y3DP EHPK 3PXP");
        assert_eq!(group_secret("ABCDEF"), "ABCD EF");
        assert_eq!(group_secret(" AB CD\nEF "), "ABCD EF");
        assert_eq!(group_secret(""), "");
    }

    #[test]
    fn the_qr_code_becomes_an_image_url_without_raw_markup() {
        let url = svg_data_url(r##"<svg fill="#fff" d="M0 0h9"/>"##);
        assert_eq!(
            url,
            "data:image/svg+xml,%3Csvg%20fill%3D%22%23fff%22%20d%3D%22M0%200h9%22%2F%3E"
        );
        assert!(!url[5..].contains(['<', '>', '"', '#', ' ']));
    }

    #[test]
    fn only_six_digits_make_a_code() {
        assert_eq!(six_digits(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(six_digits("12345"), None);
        assert_eq!(six_digits("1234567"), None);
        assert_eq!(six_digits("12a456"), None);
        assert_eq!(six_digits("١٢٣٤٥٦"), None);
    }

    #[test]
    fn the_file_says_what_it_holds_then_lists_the_codes() {
        let en = texts(Language::En);
        let codes = vec!["abcde-fghjk".to_owned(), "mnpqr-stuvw".to_owned()];
        assert_eq!(
            recovery_codes_text(en, Some("anna"), &codes),
            "Customer Services Portal: recovery codes\n\
             User name: anna\n\
             Each code works once, in place of the code from your authenticator app.\n\
             \n\
             abcde-fghjk\n\
             mnpqr-stuvw\n"
        );
        let nl = recovery_codes_text(texts(Language::Nl), None, &codes);
        assert!(nl.starts_with("Customer Services Portal: herstelcodes\nElke code"));
        assert!(nl.ends_with("abcde-fghjk\nmnpqr-stuvw\n"));
        assert!(RECOVERY_FILE_NAME.ends_with(".txt"));
    }
}

//! `/activate` and `/reset-password` (no login): the link's token comes in
//! the URL fragment (`#token=...`), which browsers never send to a server,
//! so it lands in no access log. The page checks the link first, explains
//! an expired, used or unknown one, and otherwise sets the password.

use crate::api::ApiError;
use crate::components::document::use_title;
use crate::components::forms::{
    failure_summary, show_failure, show_invalid, submit_once, Failure, SubmitButton,
};
use crate::components::password::{new_password_errors, NewPasswordFields, NEW_PASSWORD_REFS};
use crate::format::{browser_time_zone, format_date_time_zone};
use crate::i18n::public_texts::PUBLIC_TEXTS;
use crate::i18n::{error_message, fill, password_error_text, Texts};
use crate::routes::Page;
use crate::state::auth::{use_auth, use_texts, AuthStatus};
use crate::state::flash::{use_flash, Notice};
use api_types::{LinkInfo, LinkPurposeDto, LinkTokenRequest, ProblemCode, SetPasswordRequest};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// `/activate#token=...`: a new account's first password.
#[component]
pub fn ActivatePage() -> impl IntoView {
    view! { <LinkPasswordPage purpose=LinkPurposeDto::Activation/> }
}

/// `/reset-password#token=...`: a forgotten password.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    view! { <LinkPasswordPage purpose=LinkPurposeDto::Reset/> }
}

/// The token of a `#token=...` fragment (other parameters may follow).
pub fn token_from_fragment(fragment: &str) -> Option<String> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .map(percent_decode)
        .filter(|token| !token.is_empty())
}

/// `%XX` escapes decoded (a mail client may escape `=` or `+`); anything
/// malformed is kept as it is.
fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| raw.to_owned())
}

/// The token of the page's own URL fragment (also `/confirm-contact`'s).
pub fn fragment_token() -> Option<String> {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .and_then(|hash| token_from_fragment(&hash))
}

/// Why a link cannot be used.
#[derive(Debug, Clone, PartialEq)]
enum Unusable {
    Expired,
    Used,
    Invalid,
    /// The check itself failed (network, server): try again.
    Failed(ApiError),
}

impl Unusable {
    fn of(err: ApiError) -> Self {
        match err.code() {
            Some(ProblemCode::LinkExpired) => Unusable::Expired,
            Some(ProblemCode::LinkUsed) => Unusable::Used,
            Some(ProblemCode::LinkInvalid | ProblemCode::NotFound) => Unusable::Invalid,
            _ => Unusable::Failed(err),
        }
    }
}

fn title(t: &Texts, purpose: LinkPurposeDto) -> &'static str {
    match purpose {
        LinkPurposeDto::Activation => PUBLIC_TEXTS.of(t).activate_title,
        LinkPurposeDto::Reset => PUBLIC_TEXTS.of(t).reset_title,
    }
}

#[component]
fn LinkPasswordPage(purpose: LinkPurposeDto) -> impl IntoView {
    let api = use_auth().api();
    let t = use_texts();
    use_title(move |t| title(t, purpose));
    let token = fragment_token();
    // A link that stopped working while the form was open.
    let unusable = RwSignal::new(None::<Unusable>);
    let link: LocalResource<Option<Result<LinkInfo, ApiError>>> = LocalResource::new({
        let token = token.clone();
        move || {
            let token = token.clone();
            async move {
                let token = token?;
                Some(api.check_link(&LinkTokenRequest { token }).await)
            }
        }
    });
    let state = move || match (unusable.get(), link.get()) {
        (Some(why), _) => Some(Err(why)),
        (None, None) => None,
        (None, Some(None)) => Some(Err(Unusable::Invalid)),
        (None, Some(Some(Err(err)))) => Some(Err(Unusable::of(err))),
        (None, Some(Some(Ok(info)))) => Some(Ok(info)),
    };

    view! {
        <main id="main" class="login-main" tabindex="-1">
            <div class="login-card">
                <p class="login-product">{move || t.get().product_name}</p>
                {move || {
                    let t = t.get();
                    match state() {
                        None => view! {
                            <h1>{title(t, purpose)}</h1>
                            <p class="loading" role="status">
                                <span class="spinner" aria-hidden="true"></span>
                                {PUBLIC_TEXTS.of(t).link_checking}
                            </p>
                        }
                        .into_any(),
                        Some(Err(why)) => unusable_view(t, purpose, &why).into_any(),
                        Some(Ok(info)) => view! {
                            <h1>{title(t, info.purpose)}</h1>
                            <SetPasswordForm t info token=token.clone().unwrap_or_default() unusable/>
                        }
                        .into_any(),
                    }
                }}
                <p class="login-links">
                    <A href=Page::Login.path() attr:class="back-to-login">{move || PUBLIC_TEXTS.of(t.get()).back_to_login}</A>
                </p>
            </div>
        </main>
    }
}

/// An expired, used or unknown link: what happened and where to get a new one.
fn unusable_view(t: &'static Texts, purpose: LinkPurposeDto, why: &Unusable) -> impl IntoView {
    let (heading, text) = match why {
        Unusable::Expired => (
            PUBLIC_TEXTS.of(t).link_expired_title,
            PUBLIC_TEXTS.of(t).link_expired_text.to_owned(),
        ),
        Unusable::Used => (
            PUBLIC_TEXTS.of(t).link_used_title,
            PUBLIC_TEXTS.of(t).link_used_text.to_owned(),
        ),
        Unusable::Invalid => (
            PUBLIC_TEXTS.of(t).link_invalid_title,
            PUBLIC_TEXTS.of(t).link_invalid_text.to_owned(),
        ),
        Unusable::Failed(err) => (title(t, purpose), error_message(t, err)),
    };
    let retry = matches!(why, Unusable::Failed(_));
    view! {
        <h1>{heading}</h1>
        <p class="link-problem" role="alert">{text}</p>
        {(!retry).then(|| view! {
            <p>
                <A href=Page::ForgotPassword.path() attr:class="ask-new-link button-link">{PUBLIC_TEXTS.of(t).ask_new_link}</A>
            </p>
        })}
    }
}

const ERRORS_ID: &str = "set-password-errors";

#[component]
fn SetPasswordForm(
    t: &'static Texts,
    info: LinkInfo,
    token: String,
    unusable: RwSignal<Option<Unusable>>,
) -> impl IntoView {
    let auth = use_auth();
    let flash = use_flash();
    let navigate = use_navigate();
    let password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let show = RwSignal::new(false);
    let failure = RwSignal::new(None::<Failure>);

    let save = Action::new_local(move |request: &SetPasswordRequest| {
        let request = request.clone();
        let navigate = navigate.clone();
        async move {
            match auth.api().set_password(&request).await {
                Ok(()) => {
                    flash.show_on(Page::Login.path(), Notice::PasswordSet);
                    navigate(Page::Login.path(), NavigateOptions::default());
                }
                Err(err) => match Unusable::of(err) {
                    Unusable::Failed(err) => show_failure(failure, err, ERRORS_ID),
                    why => unusable.set(Some(why)),
                },
            }
        }
    });
    let pending = save.pending();
    let token = StoredValue::new(token);
    let on_submit = submit_once(pending, move || {
        let new_password = password.get_untracked();
        let errors = new_password_errors(&new_password, &repeat.get_untracked());
        if !errors.is_empty() {
            show_invalid(failure, errors, ERRORS_ID);
            return;
        }
        failure.set(None);
        save.dispatch(SetPasswordRequest {
            token: token.get_value(),
            new_password,
        });
    });

    // Before sign-in the browser's zone; the user's own once signed in.
    let zone = if auth.status() == AuthStatus::SignedIn {
        auth.time_zone()
    } else {
        browser_time_zone()
    };
    let until = format_date_time_zone(
        info.expires_at,
        &zone,
        auth.date_format(),
        auth.time_format(),
    );
    let intro = match info.purpose {
        LinkPurposeDto::Activation => PUBLIC_TEXTS.of(t).activate_intro,
        LinkPurposeDto::Reset => PUBLIC_TEXTS.of(t).reset_intro,
    };
    let button = match info.purpose {
        LinkPurposeDto::Activation => PUBLIC_TEXTS.of(t).activate_button,
        LinkPurposeDto::Reset => PUBLIC_TEXTS.of(t).set_password_button,
    };
    view! {
        <p class="login-intro">{intro}</p>
        <dl class="facts link-facts">
            <div><dt>{t.username_label}</dt><dd class="link-username">{info.username.clone()}</dd></div>
        </dl>
        <p class="hint">{fill(t.link_valid_until, &[("time", &until)])}</p>
        <div id=ERRORS_ID tabindex="-1">
            {move || failure.get().map(|f| failure_summary(t, &f, &NEW_PASSWORD_REFS, |c| password_error_text(t, c)))}
        </div>
        <form class="login-form set-password-form" on:submit=on_submit novalidate>
            // For password managers: the account the new password belongs to.
            <input type="text" name="username" autocomplete="username" value=info.username hidden readonly/>
            <NewPasswordFields t password repeat show failure/>
            <SubmitButton class="button-primary" pending busy=t.saving idle=button/>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_read_from_the_fragment() {
        assert_eq!(
            token_from_fragment("#token=abc_DEF-1").as_deref(),
            Some("abc_DEF-1")
        );
        assert_eq!(
            token_from_fragment("#lang=nl&token=xyz").as_deref(),
            Some("xyz")
        );
        assert_eq!(token_from_fragment("#token="), None);
        assert_eq!(token_from_fragment(""), None);
    }
}

//! `/login`: user name and password.

use crate::api::ApiError;
use crate::components::document::set_title;
use crate::i18n::{error_message, Texts};
use crate::routes::Page;
use crate::state::auth::{use_auth, use_texts, AuthStatus};
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// Why the last attempt failed.
#[derive(Debug, Clone, PartialEq)]
enum LoginFailure {
    MissingFields,
    Api(ApiError),
}

fn failure_message(t: &Texts, failure: &LoginFailure) -> String {
    match failure {
        LoginFailure::MissingFields => t.login_missing_fields.to_owned(),
        LoginFailure::Api(err) => error_message(t, err),
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    Effect::new(move |_| set_title(t.get().login_title, t.get().product_name));

    // Signed in (just now, or by the start-up refresh): go home.
    let navigate = use_navigate();
    Effect::new(move |_| {
        if auth.status() == AuthStatus::SignedIn {
            navigate(
                Page::Home.path(),
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });

    let username_input = NodeRef::<html::Input>::new();
    let password_input = NodeRef::<html::Input>::new();
    let failure = RwSignal::new(None::<LoginFailure>);

    let login = Action::new_local(move |(username, password): &(String, String)| {
        let (username, password) = (username.clone(), password.clone());
        async move {
            if let Err(err) = auth.login(username, password).await {
                failure.set(Some(LoginFailure::Api(err)));
            }
        }
    });
    let submitting = login.pending();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let value = |input: NodeRef<html::Input>| {
            input
                .get_untracked()
                .map(|el| el.value())
                .unwrap_or_default()
        };
        let (username, password) = (
            value(username_input).trim().to_owned(),
            value(password_input),
        );
        if username.is_empty() || password.is_empty() {
            failure.set(Some(LoginFailure::MissingFields));
            return;
        }
        failure.set(None);
        login.dispatch((username, password));
    };

    view! {
        <main id="main" class="login-main" tabindex="-1">
            <div class="login-card">
                <p class="login-product">{move || t.get().product_name}</p>
                <h1>{move || t.get().login_title}</h1>
                <p class="login-intro">{move || t.get().login_intro}</p>
                {move || {
                    failure
                        .get()
                        .map(|failure| {
                            view! {
                                <p id="login-error" class="form-error" role="alert">
                                    {move || failure_message(t.get(), &failure)}
                                </p>
                            }
                        })
                }}
                <form class="login-form" on:submit=on_submit novalidate>
                    <div class="field">
                        <label for="username">
                            {move || t.get().username_label}
                            <span class="required">" " {move || t.get().required_marker}</span>
                        </label>
                        <input
                            node_ref=username_input
                            id="username"
                            name="username"
                            type="text"
                            autocomplete="username"
                            autocapitalize="none"
                            spellcheck="false"
                            required
                            aria-invalid=move || failure.with(Option::is_some).then_some("true")
                            aria-describedby=move || failure.with(Option::is_some).then_some("login-error")
                        />
                    </div>
                    <div class="field">
                        <label for="password">
                            {move || t.get().password_label}
                            <span class="required">" " {move || t.get().required_marker}</span>
                        </label>
                        <input
                            node_ref=password_input
                            id="password"
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            required
                            aria-invalid=move || failure.with(Option::is_some).then_some("true")
                            aria-describedby=move || failure.with(Option::is_some).then_some("login-error")
                        />
                    </div>
                    <button type="submit" class="button-primary" disabled=move || submitting.get()>
                        {move || if submitting.get() { t.get().login_busy } else { t.get().login_button }}
                    </button>
                </form>
            </div>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::texts;
    use domain::Language;

    #[test]
    fn empty_fields_are_caught_before_calling_the_server() {
        let t = texts(Language::En);
        assert_eq!(
            failure_message(t, &LoginFailure::MissingFields),
            t.login_missing_fields
        );
        let network = LoginFailure::Api(ApiError::Network("offline".into()));
        assert_eq!(failure_message(t, &network), t.error_network);
    }
}

//! `/`: the caller's accounts.

use crate::api::client;
use crate::components::document::set_title;
use crate::i18n::{account_kind, country_name, error_message};
use crate::state::auth::{use_auth, use_texts};
use api_types::AccountResponse;
use domain::Language;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    Effect::new(move |_| set_title(t.get().home_title, t.get().product_name));

    let accounts = LocalResource::new(move || {
        auth.call(|token| async move { client::accounts(&token).await })
    });
    let loading = move || accounts.with(Option::is_none);

    view! {
        <h1>{move || t.get().home_title}</h1>
        <p class="welcome">{move || t.get().welcome} ", " {move || auth.display_name()}</p>
        <section class="accounts" aria-labelledby="accounts-heading" aria-busy=move || loading().to_string()>
            <h2 id="accounts-heading">{move || t.get().accounts_heading}</h2>
            <p class="hint">{move || t.get().accounts_hint}</p>
            {move || {
                let t = t.get();
                match accounts.get() {
                    None => {
                        view! {
                            <p class="loading" role="status">
                                <span class="spinner" aria-hidden="true"></span>
                                {t.accounts_loading}
                            </p>
                        }
                            .into_any()
                    }
                    Some(Err(err)) => {
                        view! { <p class="page-error" role="alert">{error_message(t, &err)}</p> }.into_any()
                    }
                    Some(Ok(list)) if list.items.is_empty() => {
                        view! { <p class="empty-state">{t.accounts_empty}</p> }.into_any()
                    }
                    Some(Ok(list)) => {
                        let lang = auth.language();
                        view! {
                            <ul class="account-list">
                                {list
                                    .items
                                    .into_iter()
                                    .map(|account| account_item(account, lang))
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }
            }}
        </section>
    }
}

fn account_item(account: AccountResponse, lang: Language) -> impl IntoView {
    let t = crate::i18n::texts(lang);
    let place = place_line(
        account.city.as_deref(),
        &country_name(lang, &account.country),
    );
    view! {
        <li class="account">
            <span class="account-name">{account.name}</span>
            <span class="account-kind">{account_kind(t, account.kind)}</span>
            <span class="account-place">{place}</span>
        </li>
    }
}

/// "Nijmegen, Netherlands", or just the country when the city is unknown.
fn place_line(city: Option<&str>, country: &str) -> String {
    match city.map(str::trim).filter(|c| !c.is_empty()) {
        Some(city) => format!("{city}, {country}"),
        None => country.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_shows_city_and_country_or_only_the_country() {
        assert_eq!(
            place_line(Some("Nijmegen"), "Netherlands"),
            "Nijmegen, Netherlands"
        );
        assert_eq!(place_line(None, "Denmark"), "Denmark");
        assert_eq!(place_line(Some("  "), "Denmark"), "Denmark");
    }
}

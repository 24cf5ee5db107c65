//! The scaffolding of the list pages: the filter form's buttons, the result
//! summary, the "loading / error / results" switch, the rows (a sentence,
//! cards on a phone or a table) and the pager under them.

use crate::api::ApiError;
use crate::components::pager::{pager, PageState};
use crate::i18n::{error_message, Texts};
use crate::state::auth::use_texts;
use leptos::prelude::*;
use leptos_router::components::A;

/// A list's answer, with what it answers (to tell a stale one).
pub type Loaded<Q, P> = (Q, Result<P, ApiError>);

/// The filter form's buttons: apply, and "clear filters" while filtered.
#[component]
pub fn FilterActions(
    /// The apply button's text.
    #[prop(into)]
    apply: Signal<&'static str>,
    /// Where "clear filters" leads; none while the list is unfiltered.
    #[prop(into)]
    clear_href: Signal<Option<String>>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <div class="filter-actions">
            <button type="submit" class="button-primary">{move || apply.get()}</button>
            {move || clear_href.get().map(|href| view! {
                <A href=href attr:class="clear-filters">{move || t.get().clear_filters}</A>
            })}
        </div>
    }
}

/// The list's status line: loading, loading more (while the last answer
/// stays on screen), nothing after an error (the error says it), or the count
/// `total` makes of the page.
pub fn summary_text<Q, P>(
    t: &'static Texts,
    loading: &'static str,
    loaded: Option<&Loaded<Q, P>>,
    stale: impl FnOnce(&Q) -> bool,
    total: impl FnOnce(&P) -> String,
) -> String {
    match loaded {
        None => loading.to_owned(),
        Some((answered, _)) if stale(answered) => t.loading_more.to_owned(),
        Some((_, Err(_))) => String::new(),
        Some((_, Ok(page))) => total(page),
    }
}

/// The spinner and its text, while a list loads.
fn loading_view(text: &'static str) -> AnyView {
    view! {
        <p class="loading">
            <span class="spinner" aria-hidden="true"></span>
            {text}
        </p>
    }
    .into_any()
}

/// Loading (a spinner), failed (an alert), or `results(answered, page)`.
pub fn load_view<Q, P>(
    t: &'static Texts,
    loading: &'static str,
    loaded: Option<Loaded<Q, P>>,
    results: impl FnOnce(Q, P) -> AnyView,
) -> AnyView {
    match loaded {
        None => loading_view(loading),
        Some((_, Err(err))) => {
            view! { <p class="page-error" role="alert">{error_message(t, &err)}</p> }.into_any()
        }
        Some((answered, Ok(page))) => results(answered, page),
    }
}

/// A sentence when there are no rows (`empty`), cards on a phone, else a table.
pub fn list_body<T>(
    items: Vec<T>,
    empty: &'static str,
    narrow: bool,
    cards: impl FnOnce(Vec<T>) -> AnyView,
    table: impl FnOnce(Vec<T>) -> AnyView,
) -> AnyView {
    if items.is_empty() {
        view! { <p class="empty-state">{empty}</p> }.into_any()
    } else if narrow {
        cards(items)
    } else {
        table(items)
    }
}

/// The cards of a phone: `<ul class="cards">`.
pub fn card_list(cards: AnyView) -> AnyView {
    view! { <ul class="cards">{cards}</ul> }.into_any()
}

/// A list's table (`class`: its classes), scrolled sideways when too wide.
pub fn data_table(class: &'static str, heads: AnyView, rows: AnyView) -> AnyView {
    view! {
        <div class="table-scroll">
            <table class=class>
                <thead>
                    <tr>{heads}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The rows and, once there is something to page through, the pager
/// (`href(page)` is another page's URL); dimmed and busy while `stale`.
pub fn results_view(
    t: &'static Texts,
    stale: bool,
    body: AnyView,
    pages: PageState,
    href: &dyn Fn(u32) -> String,
) -> AnyView {
    let pager_view = (pages.total > 0 || pages.page > 1).then(|| pager(t, pages, href));
    view! {
        <div class="results" class:stale=stale aria-busy=stale.to_string()>
            {body}
            {pager_view}
        </div>
    }
    .into_any()
}

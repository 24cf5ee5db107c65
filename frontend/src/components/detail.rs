//! What the detail pages (`/cases/{id}`, `/users/{id}`, ...) share: the
//! record named in the path, loaded again when the id changes, and the
//! lines shown while it loads or when it failed.

use crate::api::ApiError;
use crate::i18n::{error_message, Texts};
use api_types::ProblemCode;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::future::Future;

/// An answer with the id it answers, to tell a stale one after the id changed.
pub type ForId<T> = (String, Result<T, ApiError>);

/// The `{id}` of the path, and `fetch(id)` run again whenever it changes.
pub fn load_by_id<T, Fut>(
    fetch: impl Fn(String) -> Fut + 'static,
) -> (Memo<String>, LocalResource<ForId<T>>)
where
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let resource = LocalResource::new(move || {
        let id = id.get();
        let answer = fetch(id.clone());
        async move { (id, answer.await) }
    });
    (id, resource)
}

/// The record (through `pick`) and the error of the answer for the current
/// id; both `None` while it loads.
#[allow(clippy::type_complexity)]
pub fn split_answer<T, U>(
    id: Memo<String>,
    resource: LocalResource<ForId<T>>,
    pick: impl Fn(&T) -> U + Send + Sync + 'static,
) -> (Memo<Option<U>>, Memo<Option<ApiError>>)
where
    T: 'static,
    U: Clone + PartialEq + Send + Sync + 'static,
{
    let detail = Memo::new(move |_| {
        resource.with(|loaded| match loaded {
            Some((for_id, Ok(d))) if *for_id == id.get() => Some(pick(d)),
            _ => None,
        })
    });
    let failed = Memo::new(move |_| {
        resource.with(|loaded| match loaded {
            Some((for_id, Err(err))) if *for_id == id.get() => Some(err.clone()),
            _ => None,
        })
    });
    (detail, failed)
}

/// The spinner line while something loads.
pub fn loading(text: &'static str) -> AnyView {
    view! {
        <p class="loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {text}
        </p>
    }
    .into_any()
}

/// The line in place of the page's content when it could not be shown.
pub fn page_error(text: String) -> AnyView {
    view! { <p class="page-error" role="alert">{text}</p> }.into_any()
}

/// A failed load: `not_found` for one of `codes`, else what went wrong.
pub fn load_error(
    t: &'static Texts,
    err: &ApiError,
    codes: &[ProblemCode],
    not_found: &str,
) -> AnyView {
    let text = match err.code() {
        Some(code) if codes.contains(&code) => not_found.to_owned(),
        _ => error_message(t, err),
    };
    page_error(text)
}

/// A list loaded for a form (the accounts to offer): the spinner, the
/// error, or `ready(items)`.
pub fn when_loaded<T: Clone + 'static>(
    t: &'static Texts,
    resource: LocalResource<Result<T, ApiError>>,
    loading_text: &'static str,
    ready: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    move || match resource.get() {
        None => loading(loading_text),
        Some(Err(err)) => page_error(error_message(t, &err)),
        Some(Ok(value)) => ready(value),
    }
}

/// A detail page's list of items (`<li class="item">` each), or `none`
/// when there are none.
pub fn item_list<T, V: IntoView>(
    items: Vec<T>,
    none: &'static str,
    item: impl FnMut(T) -> V,
) -> AnyView {
    if items.is_empty() {
        return view! { <p class="muted">{none}</p> }.into_any();
    }
    view! { <ul class="item-list">{items.into_iter().map(item).collect_view()}</ul> }.into_any()
}

/// A panel of facts, each label with its value.
pub fn facts_panel(
    heading_id: &'static str,
    heading: &'static str,
    facts: Vec<(&'static str, AnyView)>,
) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby=heading_id>
            <h2 id=heading_id>{heading}</h2>
            <dl class="facts facts-wide">
                {facts
                    .into_iter()
                    .map(|(label, value)| view! { <div><dt>{label}</dt><dd>{value}</dd></div> })
                    .collect_view()}
            </dl>
        </section>
    }
}

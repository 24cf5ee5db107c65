//! A form's installed product (a new case, an upload, a planned visit): a
//! search field, the matching products as buttons, and the chosen one
//! shown plainly with a way back.

use super::fields::required_marker;
use crate::api::ApiError;
use crate::i18n::case_texts::CASE_TEXTS;
use crate::i18n::{count_text, error_message, Texts};
use crate::pages::installed_products_page::display_name;
use crate::state::auth::{use_auth, Auth};
use api_types::{
    InstalledProductDetail, InstalledProductPage, InstalledProductQuery, InstalledProductSummary,
};
use leptos::html;
use leptos::prelude::*;
use std::time::Duration;

/// The product a case (or a visit) is for, as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickedProduct {
    /// The product's id as the API writes it.
    pub id: String,
    pub number: String,
    pub name: String,
    pub location: String,
}

impl PickedProduct {
    pub fn from_summary(p: &InstalledProductSummary) -> Self {
        Self {
            id: p.id.to_string(),
            number: p.number.clone(),
            name: display_name(p.custom_name.as_deref(), &p.description).to_owned(),
            location: p.location.name.clone(),
        }
    }

    pub fn from_detail(p: &InstalledProductDetail) -> Self {
        Self {
            id: p.id.to_string(),
            number: p.number.clone(),
            name: display_name(p.custom_details.custom_name.as_deref(), &p.description).to_owned(),
            location: p.location.name.clone(),
        }
    }
}

/// How many matches the picker lists.
const RESULTS: u32 = 10;
/// Typing pauses this long before the search runs.
const DEBOUNCE: Duration = Duration::from_millis(300);
pub const SEARCH_ID: &str = "case-product-search";

/// What a [`ProductPicker`] says, and the id of its search field (its help
/// and its error take that id with `-help` and `-error`).
#[derive(Clone, Copy)]
pub struct PickerWords {
    pub search_id: &'static str,
    pub legend: &'static str,
    pub search_label: &'static str,
    pub search_help: &'static str,
    pub searching: &'static str,
    pub none_found: &'static str,
    pub selected: &'static str,
    pub change: &'static str,
}

impl PickerWords {
    /// The case forms' words (a new case, an upload's product).
    pub fn for_cases(t: &'static Texts) -> Self {
        let c = CASE_TEXTS.of(t);
        Self {
            search_id: SEARCH_ID,
            legend: c.col_installed_product,
            search_label: c.product_search_label,
            search_help: c.product_search_help,
            searching: c.product_searching,
            none_found: c.product_search_none,
            selected: c.selected_product_label,
            change: c.change_product,
        }
    }
}

/// The last search's words and the server's answer to them.
type Answer = Option<(String, Result<InstalledProductPage, ApiError>)>;

/// A search field for the product, its matches, and the chosen one.
#[component]
pub fn ProductPicker(
    t: &'static Texts,
    words: PickerWords,
    selected: RwSignal<Option<PickedProduct>>,
    /// The field's error, if the form found one.
    error: Signal<Option<String>>,
    /// Runs when a product is picked or let go.
    #[prop(optional)]
    on_change: Option<Callback<()>>,
) -> impl IntoView {
    let auth = use_auth();
    let typed = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    // The answer to the last search, with its words. Lists the first
    // products before anything is typed: most customers have few, and can
    // pick one straight away. (A task and a signal, not a resource: smaller
    // in the wasm bundle for a side fetch.)
    let results = RwSignal::new(None);
    search_products(auth, search, selected, results);

    let search_input = NodeRef::<html::Input>::new();
    let change_button = NodeRef::<html::Button>::new();
    let on_input = debounced_input(typed, search);
    // Enter searches at once instead of submitting the form.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            search.set(typed.get_untracked());
        }
    };
    let set = move |product: Option<PickedProduct>| {
        selected.set(product);
        if let Some(on_change) = on_change {
            on_change.run(());
        }
    };
    let pick = move |product: PickedProduct| {
        set(Some(product));
        request_animation_frame(move || {
            if let Some(button) = change_button.get_untracked() {
                let _ = button.focus();
            }
        });
    };
    let change = move |_| {
        set(None);
        request_animation_frame(move || {
            if let Some(input) = search_input.get_untracked() {
                let _ = input.focus();
            }
        });
    };

    // Only the answer to what is in the box: a list that changes under the
    // pointer while typing would be clicked by mistake.
    let fresh = Memo::new(move |_| {
        results.with(|r| matches!(r, Some((q, _)) if typed.with(|typed| typed.trim() == q.trim())))
    });
    let choices = product_choices(t, words, results, fresh, pick);
    let summary = result_summary(t, words, results, fresh);

    view! {
        <fieldset class="product-picker">
            <legend>{words.legend} {required_marker(t)}</legend>
            {move || match selected.get() {
                Some(p) => selected_product(words, p, change_button, change).into_any(),
                None => {
                    view! {
                        {search_field(words, error, typed, search_input, on_input, on_keydown)}
                        <p class="result-summary" role="status">{summary}</p>
                        {choices}
                    }
                        .into_any()
                }
            }}
        </fieldset>
    }
}

/// Asks the server for the products matching each new search, while none
/// is chosen.
fn search_products(
    auth: Auth,
    search: RwSignal<String>,
    selected: RwSignal<Option<PickedProduct>>,
    results: RwSignal<Answer>,
) {
    Effect::new(move |_| {
        let q = search.get();
        if selected.with(Option::is_some) {
            return;
        }
        leptos::task::spawn_local(async move {
            let query = InstalledProductQuery {
                q: Some(q.trim().to_owned()).filter(|q| !q.is_empty()),
                page_size: Some(RESULTS),
                ..InstalledProductQuery::default()
            };
            let result = auth.api().installed_products(&query).await;
            // A slower answer to an older search is dropped.
            if search.try_get_untracked().as_ref() == Some(&q) {
                results.try_set(Some((q, result)));
            }
        });
    });
}

/// Keeps what is typed, and searches for it after a pause in typing.
fn debounced_input(
    typed: RwSignal<String>,
    search: RwSignal<String>,
) -> impl Fn(leptos::ev::Event) + Copy + Send + Sync + 'static {
    let timer = StoredValue::new(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(handle) = timer.try_get_value().flatten() {
            handle.clear();
        }
    });
    move |ev: leptos::ev::Event| {
        typed.set(event_target_value(&ev));
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                if let Some(q) = typed.try_get_untracked() {
                    search.try_set(q);
                }
            },
            DEBOUNCE,
        );
        timer.set_value(handle.ok());
    }
}

/// The chosen product, with the button to choose another.
fn selected_product(
    words: PickerWords,
    p: PickedProduct,
    change_button: NodeRef<html::Button>,
    change: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    view! {
        <div class="selected-product">
            <p>
                <span class="selected-label">{words.selected}</span>
                " "
                <strong class="selected-name">{p.name}</strong>
                " "
                <span class="secondary">
                    <span class="product-number">{p.number}</span>
                    " · "
                    {p.location}
                </span>
            </p>
            <button type="button" class="button-secondary change-product" node_ref=change_button on:click=change>
                {words.change}
            </button>
        </div>
    }
}

/// The search box, with its help and the form's error.
fn search_field(
    words: PickerWords,
    error: Signal<Option<String>>,
    typed: RwSignal<String>,
    search_input: NodeRef<html::Input>,
    on_input: impl Fn(leptos::ev::Event) + 'static,
    on_keydown: impl Fn(leptos::ev::KeyboardEvent) + 'static,
) -> impl IntoView {
    let id = words.search_id;
    let described = move || match error.with(Option::is_some) {
        true => format!("{id}-help {id}-error"),
        false => format!("{id}-help"),
    };
    view! {
        <div class="field">
            <label for=id>{words.search_label}</label>
            <input
                id=id
                type="search"
                autocomplete="off"
                node_ref=search_input
                aria-describedby=described
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                prop:value=typed
                on:input=on_input
                on:keydown=on_keydown
            />
            <p id=format!("{id}-help") class="field-help">{words.search_help}</p>
            {move || error.get().map(|text| view! {
                <p id=format!("{id}-error") class="field-error">{text}</p>
            })}
        </div>
    }
}

/// The matches for what is typed, each a button that picks it.
fn product_choices(
    t: &'static Texts,
    words: PickerWords,
    results: RwSignal<Answer>,
    fresh: Memo<bool>,
    pick: impl Fn(PickedProduct) + Copy + Send + Sync + 'static,
) -> impl Fn() -> Option<AnyView> + Copy + Send + Sync + 'static {
    move || {
        if !fresh.get() {
            return None;
        }
        let (_, result) = results.get()?;
        let view = match result {
            Err(err) => {
                view! { <p class="form-error" role="alert">{error_message(t, &err)}</p> }.into_any()
            }
            Ok(page) if page.items.is_empty() => {
                view! { <p class="empty-state">{words.none_found}</p> }.into_any()
            }
            Ok(page) => {
                view! {
                    <ul class="product-results">
                        {page
                            .items
                            .iter()
                            .map(|p| {
                                let product = PickedProduct::from_summary(p);
                                let serial = p.serial_number.clone();
                                let line = format!("{} · {serial} · {}", product.number, product.location);
                                let name = product.name.clone();
                                view! {
                                    <li class="product-choice">
                                        <button type="button" on:click=move |_| pick(product.clone())>
                                            <span class="choice-name">{name}</span>
                                            <span class="secondary">{line}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }
        };
        Some(view)
    }
}

/// How many products match, or that the search is running.
fn result_summary(
    t: &'static Texts,
    words: PickerWords,
    results: RwSignal<Answer>,
    fresh: Memo<bool>,
) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || {
        if !fresh.get() {
            return words.searching.to_owned();
        }
        match results.get() {
            Some((_, Ok(page))) => {
                count_text(t.products_total_one, t.products_total, page.paging.total)
            }
            _ => String::new(),
        }
    }
}

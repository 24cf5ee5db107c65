//! The banner's search box. Only the box is in the first download; its
//! type-ahead, list of hits, keys and words are a wasm part of their own
//! (components/search_results.rs), fetched when the box is first typed in,
//! so a sign-in does not pay for a search it may not use (ux.md: 250 KB).
//! The box writes what is typed; the part does the rest, the box's
//! combobox attributes too.

use crate::state::auth::use_texts;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use crate::components::search_results::INPUT_ID;

// `fallible`: a part that cannot be fetched is said, not a panic.
#[wasm_split(search_part, wasm_split_path = ::leptos::wasm_split, fallible)]
fn search_part(text: RwSignal<String>) -> Result<AnyView, SplitLoaderError> {
    use crate::components::search_results::SearchResults;
    Ok(view! { <SearchResults text=text/> }.into_any())
}

#[component]
pub fn SearchBox() -> impl IntoView {
    let t = use_texts();
    let text = RwSignal::new(String::new());
    // Fetched once, on the first key.
    let wanted = RwSignal::new(false);
    let part = move || {
        wanted.get().then(|| {
            Suspend::new(async move {
                search_part(text).await.unwrap_or_else(|_| {
                    view! { <p class="search-message" role="status">{move || t.get().page_unavailable_title}</p> }
                        .into_any()
                })
            })
        })
    };
    view! {
        <div class="search-box" role="search">
            <label for=INPUT_ID class="visually-hidden">{move || t.get().search_label}</label>
            <input
                id=INPUT_ID
                type="search"
                class="global-search"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                maxlength="100"
                aria-autocomplete="list"
                aria-expanded="false"
                placeholder=move || t.get().search_placeholder
                on:input=move |ev| {
                    text.set(event_target_value(&ev));
                    // Once: setting it again would draw the part anew.
                    if !wanted.get_untracked() {
                        wanted.set(true);
                    }
                }
            />
            {part}
        </div>
    }
}

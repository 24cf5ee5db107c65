//! Previous / next links with "page X of Y" (the total is in the list's
//! status line above it).

use crate::i18n::{fill, Texts};
use crate::query::page_count;
use leptos::prelude::*;
use leptos_router::components::A;

/// Where the list is and how to move: links, so each page has its own URL.
pub struct PageState {
    pub page: u32,
    pub page_size: u32,
    pub total: u64,
}

/// The pager under a list; `href(page)` is the URL of another page.
pub fn pager(t: &'static Texts, state: PageState, href: &dyn Fn(u32) -> String) -> impl IntoView {
    let pages = page_count(state.total, state.page_size);
    let page = state.page.clamp(1, pages);
    let previous = (page > 1).then(|| href(page - 1));
    let next = (page < pages).then(|| href(page + 1));
    let position = fill(
        t.page_of,
        &[("page", &page.to_string()), ("pages", &pages.to_string())],
    );
    view! {
        <nav class="pager" aria-label=t.pagination_label>
            <div class="pager-controls">
                {match previous {
                    Some(href) => view! { <A href=href attr:class="pager-link" attr:rel="prev">{t.previous_page}</A> }.into_any(),
                    None => view! { <span class="pager-link pager-disabled" aria-hidden="true">{t.previous_page}</span> }.into_any(),
                }}
                <span class="pager-position">{position}</span>
                {match next {
                    Some(href) => view! { <A href=href attr:class="pager-link" attr:rel="next">{t.next_page}</A> }.into_any(),
                    None => view! { <span class="pager-link pager-disabled" aria-hidden="true">{t.next_page}</span> }.into_any(),
                }}
            </div>
        </nav>
    }
}

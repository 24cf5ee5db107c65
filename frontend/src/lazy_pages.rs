//! The pages behind lazily loaded routes. Each group below is cut into a wasm
//! part of its own (scripts/trunk-split-wasm) and fetched on the first visit
//! to any of its pages, so the first download holds only the shell and the
//! login page (ux.md: <= 250 KB brotli). A few groups rather than one per
//! page: every split point multiplies the small shared parts a visit fetches.
//!
//! The groups and their pages are the route table's (routes.rs); each
//! route's [`LazyPage`] here is named after its `Page` variant.
//!
//! On targets other than wasm (unit tests) the groups are plain calls.

use crate::state::auth::use_texts;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use leptos_router::ChooseView;
use std::future::Future;
use std::pin::Pin;

/// The groups of the route table: those before sign-in on their own, the
/// others inside the signed-in layout.
macro_rules! lazy_groups {
    (
        eager { $($eager:tt)* }
        public { $($public_group:ident($public_kind:ident) { $($public:tt)* })* }
        signed_in { $($group:ident($kind:ident) { $($rows:tt)* })* }
        $($nav:tt)*
    ) => {
        $(lazy_pages!($public_group, $public_kind, on_its_own, { $($public)* });)*
        $(lazy_pages!($group, $kind, in_layout, { $($rows)* });)*
    };
}

/// One group: `$group` loads its part and builds the page named by `$which`;
/// each `$route` is a [`LazyPage`] for the router. `$frame` places the notice
/// shown when the part cannot be fetched (inside the signed-in layout, or on
/// its own for the pages before sign-in).
macro_rules! lazy_pages {
    ($group:ident, $which:ident, $frame:expr, {
        $($route:ident => $path:literal ($page:ident in $($module:ident)::+) $(title($title:expr))?),* $(,)?
    }) => {
        #[derive(Clone, Copy)]
        enum $which {
            $($route),*
        }

        // `fallible`: a failed fetch is an `Err` to show, not a panic that
        // would stop the whole app.
        #[wasm_split($group, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $group(which: $which) -> Result<AnyView, SplitLoaderError> {
            Ok(match which {
                $($which::$route => {
                    use crate::pages::$($module)::+::$page;
                    view! { <$page/> }.into_any()
                })*
            })
        }

        $(
            #[allow(non_upper_case_globals)]
            pub const $route: LazyPage = LazyPage {
                load: |which| -> Pin<Box<dyn Future<Output = AnyView>>> {
                    Box::pin(async move {
                        // Not cached on failure: the next visit fetches again.
                        $group(which.into())
                            .await
                            .unwrap_or_else(|_| $frame(page_unavailable()))
                    })
                },
                which: $which::$route as u8,
            };
        )*

        impl From<u8> for $which {
            fn from(which: u8) -> Self {
                const ALL: &[$which] = &[$($which::$route),*];
                ALL[usize::from(which)]
            }
        }
    };
}

/// A lazily loaded page for the router: which page of which group. One type
/// for every route, rather than leptos_router's `Lazy<T>` with a type each:
/// the router's code for a kind of view is copied per type (measured: about
/// 0.5 KB of brotli in the first download for the 36 routes).
#[derive(Clone, Copy)]
pub struct LazyPage {
    /// Fetches the group's part (once) and builds the page.
    load: fn(u8) -> Pin<Box<dyn Future<Output = AnyView>>>,
    which: u8,
}

impl ChooseView for LazyPage {
    fn choose(self) -> impl Future<Output = AnyView> {
        (self.load)(self.which)
    }

    async fn preload(&self) {}
}

crate::routes::route_table!(lazy_groups);

/// These routes sit inside the signed-in layout, which has the main landmark.
fn in_layout(notice: AnyView) -> AnyView {
    notice
}

/// The pages before sign-in have no layout: the notice brings its own card.
fn on_its_own(notice: AnyView) -> AnyView {
    view! {
        <main id="main" class="login-main" tabindex="-1">
            <div class="login-card">{notice}</div>
        </main>
    }
    .into_any()
}

/// What the user sees when a page's part could not be fetched: why, and a
/// way to try again that also picks up a newly deployed version.
fn page_unavailable() -> AnyView {
    let t = use_texts();
    let reload = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    view! {
        <div class="page-unavailable" role="alert">
            <h1>{move || t.get().page_unavailable_title}</h1>
            <p>{move || t.get().page_unavailable_text}</p>
            <button type="button" on:click=reload>{move || t.get().page_unavailable_reload}</button>
        </div>
    }
    .into_any()
}

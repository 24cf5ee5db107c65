//! The root component: contexts, the route table, the document language.

use crate::components::layout::SignedInLayout;
use crate::components::viewport::provide_viewport_context;
use crate::lazy_pages as lazy;
use crate::pages::cases::provide_just_created;
use crate::pages::not_found_page::NotFoundPage;
use crate::state::auth::{provide_auth_context, use_texts};
use crate::state::flash::provide_flash;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let auth = provide_auth_context();
    provide_viewport_context();
    provide_just_created();
    provide_flash();
    // A reload loses the in-memory access token: the refresh cookie brings it back.
    leptos::task::spawn_local(auth.restore());

    let texts = use_texts();
    Effect::new(move |_| crate::components::document::set_lang(texts.get().lang_tag));

    view! {
        <Router>
            {routes()}
        </Router>
    }
}

/// The router's table, from the route table (routes.rs): the pages before
/// sign-in, then those inside the signed-in layout, which guards them.
macro_rules! app_routes {
    (
        eager { $($eager:ident => $eager_path:tt ($eager_page:ident in $($eager_module:ident)::+) $(title($eager_title:expr))?),* $(,)? }
        public { $($public_group:ident($public_kind:ident) {
            $($public:ident => $public_path:tt ($public_page:ident in $($public_module:ident)::+) $(title($public_title:expr))?),* $(,)?
        })* }
        signed_in { $($group:ident($kind:ident) {
            $($route:ident => $path:tt ($page:ident in $($module:ident)::+) $(title($title:expr))?),* $(,)?
        })* }
        $($nav:tt)*
    ) => {
        fn routes() -> impl IntoView {
            $(use crate::pages::$($eager_module)::+::$eager_page;)*
            view! {
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    $(<Route path=path!($eager_path) view=$eager_page/>)*
                    $($(<Route path=path!($public_path) view=lazy::$public/>)*)*
                    <ParentRoute path=path!("") view=SignedInLayout>
                        $($(<Route path=path!($path) view=lazy::$route/>)*)*
                    </ParentRoute>
                </Routes>
            }
        }
    };
}

crate::routes::route_table!(app_routes);

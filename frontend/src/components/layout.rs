//! The frame of every signed-in page: banner, navigation, main content.

use crate::components::icons::{CasesIcon, ContractsIcon, DocsIcon, HomeIcon, ProductsIcon};
use crate::routes::{Page, API_DOCS_PATH};
use crate::state::auth::{use_auth, use_texts, AuthStatus};
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect, A};
use leptos_router::NavigateOptions;

/// Guards the signed-in pages: waits for the start-up session check, sends
/// signed-out visitors to the login page, and frames the page otherwise.
#[component]
pub fn SignedInLayout() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    move || match auth.status() {
        AuthStatus::Unknown => view! {
            <div class="session-check" role="status" aria-busy="true">
                <span class="spinner" aria-hidden="true"></span>
                {move || t.get().checking_session}
            </div>
        }
        .into_any(),
        AuthStatus::SignedOut => {
            let options = NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            };
            view! { <Redirect path=Page::Login.path() options/> }.into_any()
        }
        AuthStatus::SignedIn => view! {
            <Layout>
                <Outlet/>
            </Layout>
        }
        .into_any(),
    }
}

/// Banner with the product name and the user menu, navigation (left on wide
/// screens, a bottom bar on phones), and the main landmark.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    let logout = Action::new_local(move |_: &()| auth.logout());
    let logging_out = logout.pending();

    view! {
        // rel="external": the router leaves the link to the browser, which moves focus to <main>.
        <a class="skip-link" href="#main" rel="external">{move || t.get().skip_to_main}</a>
        <header class="banner">
            <A href=Page::Home.path() attr:class="product-name">{move || t.get().product_name}</A>
            <div class="user-menu">
                <span class="visually-hidden">{move || t.get().signed_in_as}" "</span>
                <span class="user-name">{move || auth.display_name()}</span>
                <button
                    type="button"
                    class="logout"
                    disabled=move || logging_out.get()
                    on:click=move |_| {
                        logout.dispatch(());
                    }
                >
                    {move || t.get().log_out}
                </button>
            </div>
        </header>
        <div class="shell">
            <nav class="main-nav" aria-label=move || t.get().main_navigation>
                <ul>
                    <li>
                        <A href=Page::Home.path()>
                            <HomeIcon/>
                            <span class="nav-label">{move || t.get().nav_home}</span>
                        </A>
                    </li>
                    <li>
                        <A href=Page::InstalledProducts.path()>
                            <ProductsIcon/>
                            <span class="nav-label">{move || t.get().nav_installed_products}</span>
                        </A>
                    </li>
                    <li>
                        <A href=Page::Cases.path() attr:class="nav-cases">
                            <CasesIcon/>
                            <span class="nav-label">{move || t.get().nav_cases}</span>
                        </A>
                    </li>
                    <li>
                        <A href=Page::Contracts.path()>
                            <ContractsIcon/>
                            <span class="nav-label">{move || t.get().nav_contracts}</span>
                        </A>
                    </li>
                    // Not on the phone's bottom bar (style.css): four items keep their labels legible at 360 px.
                    <li class="nav-docs">
                        // Served by the server, not the app: a plain link the router does not take.
                        <a href=API_DOCS_PATH rel="external">
                            <DocsIcon/>
                            <span class="nav-label">{move || t.get().nav_api_docs}</span>
                        </a>
                    </li>
                </ul>
            </nav>
            <main id="main" tabindex="-1">
                {children()}
            </main>
        </div>
    }
}

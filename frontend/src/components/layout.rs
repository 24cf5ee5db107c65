//! The frame of every signed-in page: banner (with the global search,
//! components/search.rs), navigation, main content.

use crate::components::forms::drawn;
use crate::components::icons::{
    AccessRequestsIcon, AccountsIcon, CalendarIcon, CasesIcon, ContractsIcon, DocsIcon,
    DocumentsIcon, EndOfLifeIcon, HomeIcon, ImportIcon, ProductsIcon, QueueIcon, ReportsIcon,
    SecurityLogIcon, UsersIcon,
};
use crate::components::search::SearchBox;
use crate::i18n::{TextFn, Texts};
use crate::routes::{Page, API_DOCS_PATH};
use crate::state::auth::{use_auth, use_texts, Auth, AuthStatus};
use crate::state::flash::{notice_text, use_flash};
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect, A};
use leptos_router::hooks::use_location;
use leptos_router::NavigateOptions;

/// Guards the signed-in pages: waits for the start-up session check, sends
/// signed-out visitors to the login page, and frames the page otherwise.
#[component]
pub fn SignedInLayout() -> impl IntoView {
    view! {
        <SignedIn>
            <Outlet/>
        </SignedIn>
    }
}

/// The guard of [`SignedInLayout`] for a page outside the nested routes
/// (`/change-password`, which also serves a signed-out expired password).
#[component]
pub fn SignedIn(children: ChildrenFn) -> impl IntoView {
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
        AuthStatus::SignedIn => {
            let children = children.clone();
            view! { <Layout>{children()}</Layout> }.into_any()
        }
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
    let may =
        move |action, entries, item_class| nav_items_for(auth, action, entries, t, item_class);

    // A notice handed over by the last page ("User created"), in a live
    // region that is on the page before its text arrives; gone once the
    // user moves on.
    let flash = use_flash();
    let pathname = use_location().pathname;
    let ready = drawn();
    Effect::new(move |_| flash.keep_only_for(&pathname.get()));
    let notice = move || {
        if !ready.get() {
            return None;
        }
        let notice = flash.for_path(&pathname.get())?;
        Some(view! { <p class="form-success flash">{notice_text(t.get(), &notice)}</p> })
    };

    view! {
        // rel="external": the router leaves the link to the browser, which moves focus to <main>.
        <a class="skip-link" href="#main" rel="external">{move || t.get().skip_to_main}</a>
        <header class="banner">
            <A href=Page::Home.path() attr:class="product-name">{move || t.get().product_name}</A>
            <SearchBox/>
            <nav class="user-menu" aria-label=move || t.get().user_menu_label>
                <span class="visually-hidden">{move || t.get().signed_in_as}" "</span>
                <span class="user-name">{move || auth.display_name()}</span>
                <A href=Page::Settings.path() attr:class="settings-link">{move || t.get().nav.settings}</A>
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
            </nav>
        </header>
        <div class="shell">
            <nav class="main-nav" aria-label=move || t.get().main_navigation>
                <ul>
                    // The calendar, the documents and end of life are not on the phone's
                    // bottom bar (style.css): there the home page leads to them.
                    {NAV.iter().map(|entry| nav_item(entry, t, None)).collect_view()}
                    // The Service role: on the phone's bottom bar too (its fifth item).
                    {may(domain::Action::WorkCaseQueue, SERVICE_NAV, None)}
                    // Managers and Admins, the account tree of Admins, and
                    // the imports of Service and Admins. Not on the phone's bottom bar (style.css):
                    // there the Settings page links to them.
                    {may(domain::Action::ManageUsers, MANAGE_USERS_NAV, Some("nav-admin"))}
                    {may(domain::Action::AdministerParentAccounts, ACCOUNT_ADMIN_NAV, Some("nav-admin"))}
                    {may(domain::Action::ImportData, IMPORT_NAV, Some("nav-admin"))}
                    // Not on the phone's bottom bar (style.css): four items (five with the
                    // queue) keep their labels legible at 360 px.
                    <li class="nav-docs">
                        // Served by the server, not the app: a plain link the router does not take.
                        <a href=API_DOCS_PATH rel="external">
                            <DocsIcon/>
                            <span class="nav-label">{move || t.get().nav.api_docs}</span>
                        </a>
                    </li>
                </ul>
            </nav>
            <main id="main" tabindex="-1">
                <div class="flash-region" role="status" aria-live="polite">{notice}</div>
                {children()}
            </main>
        </div>
    }
}

/// An entry of the main navigation: its page, icon, link class and label.
pub struct NavEntry {
    pub page: Page,
    icon: fn() -> AnyView,
    class: &'static str,
    pub label: TextFn,
}

/// The navigation entries of the route table (routes.rs): for everyone, for
/// those who manage users, for those who keep the account tree, for the
/// service desk, and for those who import.
macro_rules! nav_entries {
    (
        eager { $($eager:tt)* }
        public { $($public:tt)* }
        signed_in { $($signed_in:tt)* }
        nav { $($nav:tt)* }
        manage_users_nav { $($admin:tt)* }
        account_admin_nav { $($accounts:tt)* }
        service_nav { $($service:tt)* }
        import_nav { $($import:tt)* }
    ) => {
        const NAV: &[NavEntry] = nav_list!($($nav)*);
        pub const MANAGE_USERS_NAV: &[NavEntry] = nav_list!($($admin)*);
        pub const ACCOUNT_ADMIN_NAV: &[NavEntry] = nav_list!($($accounts)*);
        const SERVICE_NAV: &[NavEntry] = nav_list!($($service)*);
        pub const IMPORT_NAV: &[NavEntry] = nav_list!($($import)*);
    };
}

/// One list of entries: `Variant(Icon, "class", |t| label)`.
macro_rules! nav_list {
    ($($page:ident($icon:ident, $class:literal, $label:expr)),* $(,)?) => {
        &[$(NavEntry {
            page: Page::$page,
            icon: || view! { <$icon/> }.into_any(),
            class: $class,
            label: $label,
        }),*]
    };
}

crate::routes::route_table!(nav_entries);

/// The items of `entries` while the user's role may `action`.
fn nav_items_for(
    auth: Auth,
    action: domain::Action,
    entries: &'static [NavEntry],
    t: Signal<&'static Texts>,
    item_class: Option<&'static str>,
) -> impl IntoView {
    move || {
        auth.may(action).then(|| {
            entries
                .iter()
                .map(|entry| nav_item(entry, t, item_class))
                .collect_view()
        })
    }
}

fn nav_item(
    entry: &'static NavEntry,
    t: Signal<&'static Texts>,
    item_class: Option<&'static str>,
) -> impl IntoView {
    let label = entry.label;
    let class = (!entry.class.is_empty()).then_some(entry.class);
    view! {
        <li class=item_class>
            <A href=entry.page.path() attr:class=class>
                {(entry.icon)()}
                <span class="nav-label">{move || label(t.get())}</span>
            </A>
        </li>
    }
}

/// The sign-in card of a step the sign-in cannot skip (an expired password,
/// a required second factor): the product, the step's title, why, and `body`.
pub fn required_step_card(
    card_class: &'static str,
    title: TextFn,
    notice: TextFn,
    body: AnyView,
) -> AnyView {
    let t = use_texts();
    view! {
        <main id="main" class="login-main" tabindex="-1">
            <div class=card_class>
                <p class="login-product">{move || t.get().product_name}</p>
                <h1>{move || title(t.get())}</h1>
                <p class="expired-notice" role="alert">{move || notice(t.get())}</p>
                {body}
            </div>
        </main>
    }
    .into_any()
}

//! Small line icons, drawn inline (no icon font, nothing fetched). Decorative:
//! hidden from screen readers, since a text label always sits beside them.

use leptos::prelude::*;

#[component]
pub fn HomeIcon() -> impl IntoView {
    view! {
        <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M3 11 12 3.5 21 11"></path>
            <path d="M5.5 9.5V20.5h13V9.5"></path>
            <path d="M10 20.5v-6h4v6"></path>
        </svg>
    }
}

#[component]
pub fn DocsIcon() -> impl IntoView {
    view! {
        <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6 3h8.5L19 7.5V21H6z"></path>
            <path d="M14 3v5h5"></path>
            <path d="M9 13h7M9 17h7"></path>
        </svg>
    }
}

#[component]
pub fn ProductsIcon() -> impl IntoView {
    view! {
        <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <rect x="3" y="4" width="18" height="12" rx="1.5"></rect>
            <path d="M8 20h8M12 16v4"></path>
        </svg>
    }
}

#[component]
pub fn CasesIcon() -> impl IntoView {
    view! {
        <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M9 3.5h6v3H9z"></path>
            <path d="M9 5H5.5v15.5h13V5H15"></path>
            <path d="M9 11.5h6M9 15.5h4"></path>
        </svg>
    }
}

#[component]
pub fn ContractsIcon() -> impl IntoView {
    view! {
        <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M12 3 4.5 6v5.5c0 4.5 3.2 8.2 7.5 9.5 4.3-1.3 7.5-5 7.5-9.5V6z"></path>
            <path d="m8.5 12 2.5 2.5 4.5-5"></path>
        </svg>
    }
}

#[component]
pub fn UsersIcon() -> impl IntoView {
    view! {
        <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <circle cx="9" cy="8" r="3.5"></circle>
            <path d="M2.5 20c.5-3.5 3.2-5.5 6.5-5.5s6 2 6.5 5.5"></path>
            <path d="M15.5 4.8a3.5 3.5 0 0 1 0 6.4M18 14.8c2 .8 3.2 2.6 3.5 5.2"></path>
        </svg>
    }
}

#[component]
pub fn SecurityLogIcon() -> impl IntoView {
    view! {
        <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <rect x="5" y="10.5" width="14" height="10" rx="1.5"></rect>
            <path d="M8.5 10.5V7.5a3.5 3.5 0 0 1 7 0v3"></path>
            <path d="M12 14.5v2.5"></path>
        </svg>
    }
}

#[component]
pub fn AccessRequestsIcon() -> impl IntoView {
    view! {
        <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <circle cx="9" cy="8" r="3.5"></circle>
            <path d="M2.5 20c.5-3.5 3.2-5.5 6.5-5.5s6 2 6.5 5.5"></path>
            <path d="M18.5 7.5v6M15.5 10.5h6"></path>
        </svg>
    }
}

//! Any path the app does not know.

use crate::components::document::use_title;
use crate::routes::Page;
use crate::state::auth::use_texts;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = use_texts();
    use_title(move |t| t.not_found_title);
    view! {
        <main id="main" class="not-found-main" tabindex="-1">
            <div class="login-card">
                <p class="login-product">{move || t.get().product_name}</p>
                <h1>{move || t.get().not_found_title}</h1>
                <p>{move || t.get().not_found_text}</p>
                <p>
                    <A href=Page::Home.path()>{move || t.get().not_found_link}</A>
                </p>
            </div>
        </main>
    }
}

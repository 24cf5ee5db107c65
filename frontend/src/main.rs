//! The csportal browser app: Leptos, client-side rendered, built by Trunk.

mod api;
mod app;
mod components;
mod format;
mod i18n;
mod lazy_pages;
mod pages;
mod query;
mod routes;
mod state;
#[cfg(test)]
mod test_data;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

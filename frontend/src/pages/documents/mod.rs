//! Customer facing documents (`/documents`: the list, preview, download,
//! the zip of a selection, and for the service side the form that
//! publishes more) and end of life (`/end-of-life`: notices, the products'
//! dates, subscriptions). Loaded with the administration pages (routes.rs).

pub mod documents_page;
pub mod end_of_life_page;
mod files;
mod upload_form;

//! The csportal HTTP API: actix-web handlers that translate HTTP, an auth layer,
//! problem+json errors and the OpenAPI document. One app builder serves the
//! binary, the tests and the spec dump.

pub mod account_admin;
mod account_import;
pub mod app;
pub mod audit;
pub mod auth;
pub mod calendar_feed;
pub mod cases;
pub mod clock;
pub mod config;
mod contract_import;
pub mod digests;
pub mod documents;
pub mod end_of_life;
pub mod error;
mod event_import;
pub mod identity;
mod import_names;
mod import_run;
pub mod imports;
pub mod jobs;
pub mod mail;
pub mod metrics;
pub mod middleware;
pub mod notifications;
pub mod openapi;
mod periodic;
pub mod planned_events;
mod qr;
pub mod report_views;
pub mod reports;
pub mod route_table;
pub mod routes;
pub mod spa;
pub mod spreadsheet;
pub mod state;
mod user_import;
mod warranty_import;
pub mod wire;

pub use app::{build_app, run_server};
pub use config::ApiConfig;
pub use error::ApiError;
pub use state::AppState;

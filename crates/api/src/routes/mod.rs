//! `routes/<resource>/<action>.rs`, one handler per file. utoipa-actix-web
//! collects only `.service(...)` registrations, so every handler is one.

pub mod access_requests;
pub mod accounts;
pub(crate) mod answers;
pub mod auth;
pub mod cases;
pub mod contacts;
pub mod contracts;
pub(crate) mod convert;
pub mod dashboard;
pub mod documents;
pub mod end_of_life;
pub(crate) mod files;
pub mod health;
pub mod imports;
pub mod installed_products;
pub mod planned_events;
pub(crate) mod preconditions;
pub mod report_views;
pub mod reports;
pub mod search;
pub mod security_log;
pub mod service;
pub mod uploads;
pub mod users;
pub mod warranties;
pub mod zip_stream;

use utoipa_actix_web::{scope, service_config::ServiceConfig};

/// What a handler answers: its response, or an `ApiError` as problem+json.
pub type Reply = Result<actix_web::HttpResponse, crate::error::ApiError>;
/// The app's shared state as a handler receives it.
pub type AppData = actix_web::web::Data<crate::state::AppState>;
/// The `{id}` of a resource path; a malformed one is a 400 `invalid_path`.
pub type IdPath = actix_web::web::Path<uuid::Uuid>;

/// A resource module's `configure`: its handlers, registered in this order
/// (the OpenAPI document is collected from the same registrations, so an
/// operation is served exactly when it is documented).
macro_rules! handlers {
    ($($handler:path),* $(,)?) => {
        pub fn configure(cfg: &mut ::utoipa_actix_web::service_config::ServiceConfig) {
            $(cfg.service($handler);)*
        }
    };
}
pub(crate) use handlers;

/// Every documented route: health probes and `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::healthz)
        .service(health::readyz)
        .service(
            scope("/api/v1")
                .configure(auth::configure)
                .configure(accounts::configure)
                .configure(installed_products::configure)
                .configure(contracts::configure)
                .configure(warranties::configure)
                .configure(cases::configure)
                .configure(dashboard::configure)
                .configure(users::configure)
                .configure(access_requests::configure)
                .configure(contacts::configure)
                .configure(service::configure)
                .configure(imports::configure)
                .configure(planned_events::configure)
                .configure(documents::configure)
                .configure(end_of_life::configure)
                .configure(reports::configure)
                .configure(report_views::configure)
                .configure(search::configure)
                .service(security_log::list_security_log),
        );
}

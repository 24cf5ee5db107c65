//! Request access (public) and its review by Admins and Managers.

pub mod approve;
pub mod create;
pub mod get;
pub mod list;
pub mod reject;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create::create_access_request)
        .service(list::list_access_requests)
        .service(get::get_access_request)
        .service(approve::approve_access_request)
        .service(reject::reject_access_request);
}

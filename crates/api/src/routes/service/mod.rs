//! The service desk: the queue of cases across parent accounts and the
//! engineers cases are assigned to.

pub mod engineers;
pub mod queue;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(queue::service_queue)
        .service(engineers::list_engineers);
}

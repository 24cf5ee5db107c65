//! The global search of the banner.

pub mod find;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(find::search_everything);
}

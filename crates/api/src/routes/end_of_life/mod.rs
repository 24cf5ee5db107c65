//! End of life: the caller's products with end-of-life or end-of-service
//! dates, their subscriptions to notices, and the notices they were sent.

pub mod notices;
pub mod notices_read;
pub mod products;
pub mod subscribe;
pub mod subscriptions;
pub mod unsubscribe;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(products::list_end_of_life_products)
        .service(subscriptions::list_end_of_life_subscriptions)
        .service(subscribe::subscribe_to_end_of_life)
        .service(unsubscribe::unsubscribe_from_end_of_life)
        .service(notices::list_end_of_life_notices)
        .service(notices_read::mark_end_of_life_notices_read);
}

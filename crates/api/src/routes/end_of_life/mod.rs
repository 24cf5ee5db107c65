//! End of life: the caller's products with end-of-life or end-of-service
//! dates, their subscriptions to notices, and the notices they were sent.

pub mod notices;
pub mod notices_read;
pub mod products;
pub mod subscribe;
pub mod subscriptions;
pub mod unsubscribe;

crate::routes::handlers! {
    products::list_end_of_life_products,
    subscriptions::list_end_of_life_subscriptions,
    subscribe::subscribe_to_end_of_life,
    unsubscribe::unsubscribe_from_end_of_life,
    notices::list_end_of_life_notices,
    notices_read::mark_end_of_life_notices_read,
}

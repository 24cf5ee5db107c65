//! The service desk: the queue of cases across parent accounts and the
//! engineers cases are assigned to.

pub mod engineers;
pub mod queue;

crate::routes::handlers! {
    queue::service_queue,
    engineers::list_engineers,
}

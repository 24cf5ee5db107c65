//! The service desk (the Service role): the queue of every customer's open
//! cases. Acting on one case (assigning, moving its status, waiting for the
//! customer) is on the case's own page. And importing a customer's data
//! (Service and Admin).

pub mod engineers;
pub mod import_page;
pub mod queue_page;

//! The service desk (the Service role): the queue of every customer's open
//! cases. Acting on one case (assigning, moving its status, waiting for the
//! customer) is on the case's own page.

pub mod queue_page;

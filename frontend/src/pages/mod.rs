//! One module per page.

pub mod access_requests;
pub mod account;
pub mod accounts;
pub mod calendar;
pub mod cases;
pub mod contract_page;
pub mod contracts_page;
pub mod documents;
pub mod home_page;
pub mod installed_product_page;
pub mod installed_products_page;
pub mod login_page;
pub mod not_found_page;
pub mod reports;
pub mod service;
pub mod users;

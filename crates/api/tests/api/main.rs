//! The API's one integration-test binary: modules only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access_requests;
mod account_admin;
mod account_changes;
mod account_import;
mod accounts;
mod attachments;
mod auth;
mod cases;
mod contracts;
mod dashboard;
mod emails;
mod errors;
mod hostile_tokens;
mod identity;
mod imports;
mod installed_products;
mod lockout;
mod metrics;
mod mfa;
mod openapi;
mod outage;
mod service_desk;
mod sessions;
mod shared_products;
mod spa;

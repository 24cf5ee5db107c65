//! The API's one integration-test binary: modules only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod auth;
mod errors;
mod migrations;
mod openapi;
mod spa;

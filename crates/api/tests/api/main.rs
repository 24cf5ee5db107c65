//! The API's one integration-test binary: modules only.

mod openapi;

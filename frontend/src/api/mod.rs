//! The typed client of the csportal REST API (`/api/v1`), over the api-types
//! DTOs: one [`Api`] (from `auth.api()`) with a method per endpoint, the
//! endpoints grouped by resource below.

mod access_requests;
mod accounts;
mod auth;
pub mod cases;
mod contracts;
pub mod error;
pub mod files;
pub mod http;
mod installed_products;
mod mfa;
mod users;

pub use error::ApiError;
pub use http::{Api, LoginRefused, Tagged};

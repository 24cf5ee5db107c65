//! The typed client of the csportal REST API (`/api/v1`), over the api-types DTOs.

pub mod client;
pub mod error;
pub mod files;

pub use error::ApiError;

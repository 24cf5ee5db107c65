//! sea-orm entities, one per table; mapping to domain values lives in the repositories.

pub mod account;
pub mod account_assignment;
pub mod audit_log;
pub mod refresh_token;
pub mod user;

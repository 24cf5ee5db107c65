//! App-wide state, provided as contexts at the root.

pub mod auth;
pub mod flash;

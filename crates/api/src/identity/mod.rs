//! The identity lifecycle: activation and reset links, new passwords and
//! their history, user administration, inactivity, and the security log.

pub mod access;
pub mod account_emails;
pub mod admin;
pub mod client;
pub mod inactivity;
pub mod links;
pub mod mfa;
pub mod passwords;
pub mod secret_box;
pub mod security;

//! Authentication: argon2id passwords, JWT access tokens, rotating refresh tokens.

pub mod attempts;
pub mod extractor;
pub mod password;
pub mod service;
pub mod tokens;

pub use extractor::{AuthUser, MfaEnroller, PasswordChanger};

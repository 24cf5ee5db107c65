//! The csportal business model: value types, rules and the authorization policy.
//!
//! No I/O and no framework types: the server and the browser app (wasm32) share it.

pub mod account;
pub mod clock;
pub mod ids;
pub mod password;
pub mod policy;
pub mod user;

pub use account::{Account, AccountKind, AccountName, CountryCode};
pub use clock::Clock;
pub use ids::{AccountId, UserId};
pub use password::{PasswordPolicy, PasswordRule};
pub use policy::{authorize, AccountScope, Action, AuthzError, Principal, Target};
pub use user::{
    DateFormat, Email, Language, Role, TimeFormat, TimeZoneName, User, UserSettings, Username,
};

//! The typed client of the csportal REST API (`/api/v1`), over the api-types
//! DTOs: one [`Api`] (from `auth.api()`) with a method per endpoint, the
//! endpoints grouped by resource below.

/// The `GET` of each list, from one row a list (`name(Query) -> Page =
/// path, pairs`): one page of it, with the query's parameters (`pairs`) in
/// the URL. The query is borrowed or owned, so a list page can hand the
/// method itself to `use_list_page`.
macro_rules! list_endpoints {
    ($($(#[$doc:meta])* $name:ident($query:ty) -> $page:ty = $path:expr, $pairs:path;)*) => {
        impl $crate::api::Api {
            $(
                $(#[$doc])*
                pub async fn $name(
                    self,
                    query: impl ::std::borrow::Borrow<$query>,
                ) -> $crate::api::Answer<$page> {
                    self.get_list($path, &$pairs(query.borrow())).await
                }
            )*
        }
    };
}

mod access_requests;
pub mod accounts;
mod auth;
pub mod cases;
mod contracts;
pub mod documents;
pub mod error;
pub mod files;
pub mod http;
pub mod imports;
mod installed_products;
mod mfa;
pub mod planned_events;
pub mod reports;
pub mod search;
mod service;
mod users;

pub use error::ApiError;
pub use http::{Api, LoginRefused, Tagged};

/// What an API call answers: the decoded body, or why there is none.
pub type Answer<T> = Result<T, ApiError>;

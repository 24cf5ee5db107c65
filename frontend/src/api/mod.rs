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

/// The plain JSON operations, one row each (`verb name(args) -> Answer =
/// path[, body];`), so each resource's file says what it calls and not again
/// how: `get` and `delete` send nothing, `post` and `put` send `body` as
/// JSON, `post_empty` sends nothing; `delete` and `post_no_content` (with
/// or without a body) expect 204. Anything else (an `If-Match`, a file, a
/// public call) is written out beside the rows.
macro_rules! endpoints {
    ($($(#[$doc:meta])* $verb:ident $name:ident($($arg:ident: $ty:ty),*) -> $answer:ty = $path:expr $(, $body:expr)?;)*) => {
        impl $crate::api::Api {
            $(
                $(#[$doc])*
                pub async fn $name(self, $($arg: $ty),*) -> $crate::api::Answer<$answer> {
                    endpoints!(@$verb self, &$path $(, $body)?)
                }
            )*
        }
    };
    (@get $api:ident, $path:expr) => { $api.get($path).await };
    (@post $api:ident, $path:expr, $body:expr) => { $api.post($path, $body).await };
    (@put $api:ident, $path:expr, $body:expr) => {
        $api.json($crate::api::http::Call::put($path, $body)?).await
    };
    (@post_empty $api:ident, $path:expr) => {
        $api.json($crate::api::http::Call::post_empty($path)).await
    };
    (@post_no_content $api:ident, $path:expr) => {
        $api.no_content($crate::api::http::Call::post_empty($path)).await
    };
    (@post_no_content $api:ident, $path:expr, $body:expr) => {
        $api.no_content($crate::api::http::Call::post($path, $body)?).await
    };
    (@delete $api:ident, $path:expr) => {
        $api.no_content($crate::api::http::Call::delete($path)).await
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

//! One module per aggregate. Queries that return customer data take the caller's
//! visibility and filter in SQL.

pub mod accounts;
pub mod audit;
pub mod refresh_tokens;
pub mod users;

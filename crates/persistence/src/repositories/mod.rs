//! One module per aggregate. Queries that return customer data take the caller's
//! visibility and filter in SQL.

pub mod access_requests;
pub mod account_admin;
pub mod accounts;
pub mod address_attempts;
pub mod attachments;
pub mod audit;
pub mod cases;
pub mod contacts;
pub mod contract_import;
pub mod contracts;
pub mod custom_details;
pub mod documents;
pub mod end_of_life;
pub mod idempotency;
pub mod import_runs;
pub mod imports;
pub mod installed_products;
pub mod login_attempts;
pub mod mfa;
pub mod outbox;
pub mod password_history;
pub mod planned_events;
pub mod query;
pub mod refresh_tokens;
pub mod report_digests;
pub mod report_views;
pub mod reports;
pub mod search;
pub mod security_log;
pub mod slcp;
mod stored_file;
pub mod throttle;
pub mod user_tokens;
pub mod users;

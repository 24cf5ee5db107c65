//! sea-orm entities, one per table; mapping to domain values lives in the repositories.

pub mod access_request;
pub mod account;
pub mod account_assignment;
pub mod address_attempt;
pub mod audit_log;
pub mod case;
pub mod case_activity;
pub mod case_attachment;
pub mod case_number;
pub mod contract;
pub mod contract_coverage;
pub mod contract_line;
pub mod email_outbox;
pub mod idempotency_key;
pub mod installed_product;
pub mod mfa_recovery_code;
pub mod password_history;
pub mod product_custom_details;
pub mod refresh_token;
pub mod security_log;
pub mod security_log_head;
pub mod slcp_link;
pub mod throttle_claim;
pub mod user;
pub mod user_token;
pub mod warranty;

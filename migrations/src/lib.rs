//! Schema migrations. Each runs on SQLite and PostgreSQL and has a `down`.
//! SQLite takes one alteration per `ALTER TABLE` (sea-orm issue #1809).

pub use sea_orm_migration::prelude::*;

mod common;
mod m20261123_000001_create_accounts;
mod m20261123_000002_create_users;
mod m20261123_000003_create_account_assignments;
mod m20261123_000004_create_refresh_tokens;
mod m20261123_000005_create_audit_log;
mod m20261124_000006_create_installed_products;
mod m20261124_000007_create_slcp_links;
mod m20261124_000008_create_contracts;
mod m20261124_000009_create_warranties;
mod m20261124_000010_create_cases;
mod m20261124_000011_create_case_attachments;
mod m20261124_000012_create_email_outbox;
mod m20261124_000013_index_cases_newest_first;
mod m20261124_000014_index_open_cases;
mod m20261124_000015_identity_lifecycle;
mod m20261124_000016_create_access_requests;
mod m20261124_000017_mfa;
mod m20261124_000018_widen_mfa_secrets;
mod m20261206_000019_create_address_attempts;
mod m20261206_000020_login_attempts_in_flight;
mod m20261206_000021_custom_details_per_parent_account;
mod m20261206_000022_create_throttle_claims;
mod m20261206_000023_create_contact_confirmations;
mod m20261206_000024_service_desk;
mod m20261206_000025_account_source_ids;
mod m20261206_000026_create_import_runs;
mod m20261207_000027_account_addresses;
mod m20261208_000028_warranty_numbers;
mod m20261209_000029_create_planned_events;
mod m20261210_000030_create_documents;
mod m20261210_000031_create_end_of_life_notices;
mod m20261211_000032_create_report_views;
pub mod m20261212_000033_search_indexes;
pub mod m20261213_000034_create_report_digests;
pub mod m20261214_000035_case_first_response;
pub mod m20261215_000036_search_contracts_and_warranties;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_accounts::Migration),
            Box::new(m20261123_000002_create_users::Migration),
            Box::new(m20261123_000003_create_account_assignments::Migration),
            Box::new(m20261123_000004_create_refresh_tokens::Migration),
            Box::new(m20261123_000005_create_audit_log::Migration),
            Box::new(m20261124_000006_create_installed_products::Migration),
            Box::new(m20261124_000007_create_slcp_links::Migration),
            Box::new(m20261124_000008_create_contracts::Migration),
            Box::new(m20261124_000009_create_warranties::Migration),
            Box::new(m20261124_000010_create_cases::Migration),
            Box::new(m20261124_000011_create_case_attachments::Migration),
            Box::new(m20261124_000012_create_email_outbox::Migration),
            Box::new(m20261124_000013_index_cases_newest_first::Migration),
            Box::new(m20261124_000014_index_open_cases::Migration),
            Box::new(m20261124_000015_identity_lifecycle::Migration),
            Box::new(m20261124_000016_create_access_requests::Migration),
            Box::new(m20261124_000017_mfa::Migration),
            Box::new(m20261124_000018_widen_mfa_secrets::Migration),
            Box::new(m20261206_000019_create_address_attempts::Migration),
            Box::new(m20261206_000020_login_attempts_in_flight::Migration),
            Box::new(m20261206_000021_custom_details_per_parent_account::Migration),
            Box::new(m20261206_000022_create_throttle_claims::Migration),
            Box::new(m20261206_000023_create_contact_confirmations::Migration),
            Box::new(m20261206_000024_service_desk::Migration),
            Box::new(m20261206_000025_account_source_ids::Migration),
            Box::new(m20261206_000026_create_import_runs::Migration),
            Box::new(m20261207_000027_account_addresses::Migration),
            Box::new(m20261208_000028_warranty_numbers::Migration),
            Box::new(m20261209_000029_create_planned_events::Migration),
            Box::new(m20261210_000030_create_documents::Migration),
            Box::new(m20261210_000031_create_end_of_life_notices::Migration),
            Box::new(m20261211_000032_create_report_views::Migration),
            Box::new(m20261212_000033_search_indexes::Migration),
            Box::new(m20261213_000034_create_report_digests::Migration),
            Box::new(m20261214_000035_case_first_response::Migration),
            Box::new(m20261215_000036_search_contracts_and_warranties::Migration),
        ]
    }
}

//! Pieces shared by the pages.

pub mod badges;
pub mod case_filters;
pub mod confirm;
pub mod detail;
pub mod document;
pub mod download;
pub mod forms;
pub mod icons;
pub mod layout;
pub mod list;
pub mod mfa;
pub mod pager;
pub mod password;
pub mod public_card;
pub mod search;
pub mod search_results;
pub mod viewport;

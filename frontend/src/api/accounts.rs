//! The accounts the caller may see (`/accounts`), the home page's counts,
//! and portal support's changes to the account tree.

use api_types::{
    AccountFieldsDto, AccountListResponse, AccountMoveDto, AccountResponse, CreateAccountRequest,
    ExpiryCounts, LocationStateCounts, ModalityStateCounts, MoveAccountRequest, NextVisit,
    StateCounts,
};
use serde::Deserialize;
use std::fmt::Display;

endpoints! {
    /// `GET /accounts`: the accounts the caller may see.
    get accounts() -> AccountListResponse = ACCOUNTS;
    /// `GET /accounts/{id}`: one account, or 404 when it is outside the caller's scope.
    get account(id: impl Display) -> AccountResponse = account_path(id);
    /// `POST /accounts` (Admins): 201 with the new account; 409 when
    /// another account has its source id.
    post create_account(request: &CreateAccountRequest) -> AccountResponse = ACCOUNTS, request;
    /// `PUT /accounts/{id}` (Admins): the account with its new fields.
    put update_account(id: impl Display, fields: &AccountFieldsDto) -> AccountResponse = account_path(id), fields;
    /// `POST /accounts/{id}/move?dry_run=` (Admins): what the move takes
    /// along; with `dry_run`, only what it would, and nothing changes.
    post move_account(id: impl Display, request: &MoveAccountRequest, dry_run: bool) -> AccountMoveDto = move_path(id, dry_run), request;
    /// `GET /dashboard`: the home page's counts.
    get dashboard() -> Dashboard = "/dashboard";
}

/// What the home page reads of `GET /dashboard` (api-types'
/// `DashboardResponse`): all of it but `today`, which it does not show.
/// Decoding that date would take chrono's date parser into the first
/// download (ux.md: 250 KB), about 5 KB of it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Dashboard {
    pub installed_products: StateCounts,
    pub by_modality: Vec<ModalityStateCounts>,
    pub by_location: Vec<LocationStateCounts>,
    pub contracts_by_expiry: ExpiryCounts,
    pub next_visits: Vec<NextVisit>,
}

const ACCOUNTS: &str = "/accounts";

fn account_path(id: impl Display) -> String {
    format!("{ACCOUNTS}/{id}")
}

fn move_path(id: impl Display, dry_run: bool) -> String {
    format!("{ACCOUNTS}/{id}/move?dry_run={dry_run}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::http::url;

    #[test]
    fn account_paths_embed_the_id() {
        assert_eq!(url(&account_path("7d9c")), "/api/v1/accounts/7d9c");
        assert_eq!(
            url(&move_path("7d9c", true)),
            "/api/v1/accounts/7d9c/move?dry_run=true"
        );
    }
}

#[cfg(test)]
mod dashboard_tests {
    use super::*;
    use api_types::{DashboardResponse, ModalityDto};

    #[test]
    fn the_home_page_reads_the_whole_dashboard_but_its_date() {
        let counts = StateCounts {
            up: 3,
            restricted: 2,
            down: 1,
            critical: 0,
        };
        let response = DashboardResponse {
            today: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            installed_products: counts.clone(),
            by_modality: vec![ModalityStateCounts {
                modality: ModalityDto::Ct,
                counts: counts.clone(),
            }],
            by_location: Vec::new(),
            contracts_by_expiry: ExpiryCounts {
                green: 1,
                yellow: 2,
                red: 3,
                expired: 4,
            },
            next_visits: Vec::new(),
        };
        let json = serde_json::to_string(&response).unwrap();
        let read: Dashboard = serde_json::from_str(&json).unwrap();
        assert_eq!(read.installed_products, response.installed_products);
        assert_eq!(read.by_modality, response.by_modality);
        assert_eq!(read.contracts_by_expiry, response.contracts_by_expiry);
    }
}

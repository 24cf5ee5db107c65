//! The accounts the caller may see (`/accounts`) and the home page's counts.

use super::http::Api;
use super::ApiError;
use api_types::{AccountListResponse, AccountResponse, DashboardResponse};
use std::fmt::Display;

impl Api {
    /// `GET /accounts`: the accounts the caller may see.
    pub async fn accounts(self) -> Result<AccountListResponse, ApiError> {
        self.get("/accounts").await
    }

    /// `GET /accounts/{id}`: one account, or 404 when it is outside the caller's scope.
    #[allow(dead_code)] // the account page is the next screen to use it
    pub async fn account(self, id: impl Display) -> Result<AccountResponse, ApiError> {
        self.get(&account_path(id)).await
    }

    /// `GET /dashboard`: the home page's counts.
    pub async fn dashboard(self) -> Result<DashboardResponse, ApiError> {
        self.get("/dashboard").await
    }
}

fn account_path(id: impl Display) -> String {
    format!("/accounts/{id}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::http::url;

    #[test]
    fn account_path_embeds_the_id() {
        assert_eq!(url(&account_path("7d9c")), "/api/v1/accounts/7d9c");
    }
}

//! Contracts and warranties (`/contracts`, `/warranties`).

use super::http::Api;
use super::ApiError;
use crate::query::{contract_query_pairs, query_string};
use api_types::{ContractDetail, ContractPage, ContractQuery, WarrantyPage};
use std::fmt::Display;

impl Api {
    /// `GET /contracts`: one page of the contracts covering visible products.
    pub async fn contracts(self, query: &ContractQuery) -> Result<ContractPage, ApiError> {
        self.get(&listed("/contracts", query)).await
    }

    /// `GET /contracts/{id}`: a contract with its line items.
    pub async fn contract(self, id: impl Display) -> Result<ContractDetail, ApiError> {
        self.get(&contract_path(id)).await
    }

    /// `GET /warranties`: one page of the warranties of visible products.
    pub async fn warranties(self, query: &ContractQuery) -> Result<WarrantyPage, ApiError> {
        self.get(&listed("/warranties", query)).await
    }
}

/// Either list's path with the query's parameters.
fn listed(path: &str, query: &ContractQuery) -> String {
    format!("{path}{}", query_string(&contract_query_pairs(query)))
}

fn contract_path(id: impl Display) -> String {
    format!("/contracts/{id}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::http::url;

    #[test]
    fn contract_paths_embed_the_id() {
        assert_eq!(url(&contract_path("c9")), "/api/v1/contracts/c9");
        let query = ContractQuery {
            q: Some("PO 1".to_owned()),
            ..ContractQuery::default()
        };
        assert_eq!(listed("/warranties", &query), "/warranties?q=PO%201");
    }
}

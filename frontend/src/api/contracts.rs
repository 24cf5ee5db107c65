//! Contracts and warranties (`/contracts`, `/warranties`).

use crate::query::contract_query_pairs;
use api_types::{ContractDetail, ContractPage, ContractQuery, WarrantyPage};
use std::fmt::Display;

list_endpoints! {
    /// `GET /contracts`: one page of the contracts covering visible products.
    contracts(ContractQuery) -> ContractPage = "/contracts", contract_query_pairs;
    /// `GET /warranties`: one page of the warranties of visible products.
    warranties(ContractQuery) -> WarrantyPage = "/warranties", contract_query_pairs;
}

endpoints! {
    /// `GET /contracts/{id}`: a contract with its line items.
    get contract(id: impl Display) -> ContractDetail = contract_path(id);
}

fn contract_path(id: impl Display) -> String {
    format!("/contracts/{id}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::http::url;
    use crate::query::query_string;

    #[test]
    fn contract_paths_embed_the_id() {
        assert_eq!(url(&contract_path("c9")), "/api/v1/contracts/c9");
        let query = ContractQuery {
            q: Some("PO 1".to_owned()),
            ..ContractQuery::default()
        };
        assert_eq!(query_string(&contract_query_pairs(&query)), "?q=PO%201");
    }
}

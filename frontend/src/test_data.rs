//! Data the unit tests of several pages share.

use api_types::{AccountKindDto, AccountResponse};

/// A hospital in the Netherlands for the tests: its id, name, parent and
/// parent account (the top of its tree) by number.
pub fn test_account(
    id: u128,
    name: &str,
    parent: Option<u128>,
    top: Option<u128>,
) -> AccountResponse {
    let uuid = |n: u128| serde_json::from_value(serde_json::json!(format!("{n:032x}"))).unwrap();
    AccountResponse {
        id: uuid(id),
        name: name.to_owned(),
        kind: AccountKindDto::Hospital,
        country: "NL".to_owned(),
        city: None,
        address: None,
        market: None,
        source_id: None,
        parent_id: parent.map(uuid),
        parent_account_id: top.map(uuid),
        visible_because: Vec::new(),
    }
}

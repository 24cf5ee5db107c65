//! The global search of the banner (`GET /search`).

use super::http::Api;
use super::Answer;
use crate::query::query_string;
use api_types::SearchKindDto;
use serde::Deserialize;

impl Api {
    /// `GET /search?q=&limit=`: the best `limit` hits for `q` (2 to 100
    /// characters), best first.
    pub async fn search(self, q: &str, limit: u32) -> Answer<SearchHits> {
        self.get(&search_path(q, limit)).await
    }
}

/// What the banner reads of api-types' `SearchResponse`: its times and
/// dates as the server wrote them. Decoding them into chrono types would
/// take chrono's parser into the first download (ux.md: 250 KB), as the
/// dashboard's date would (accounts.rs).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SearchHits {
    pub items: Vec<SearchHit>,
}

/// One hit of `SearchHitDto`, without its `number_match` (the server has
/// already ranked by it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SearchHit {
    pub kind: SearchKindDto,
    pub id: String,
    pub number: String,
    pub title: String,
    pub detail: Option<String>,
    /// RFC 3339, UTC: when a case was opened or a contract made.
    pub at: Option<String>,
    /// `YYYY-MM-DD`: when a contract or warranty ends.
    pub end_date: Option<String>,
}

fn search_path(q: &str, limit: u32) -> String {
    format!(
        "/search{}",
        query_string(&[("q", q.to_owned()), ("limit", limit.to_string())])
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::http::url;
    use api_types::{NumberMatchDto, SearchHitDto, SearchResponse};

    #[test]
    fn the_query_is_encoded() {
        assert_eq!(
            url(&search_path("SN 4001/1", 8)),
            "/api/v1/search?q=SN%204001%2F1&limit=8"
        );
    }

    #[test]
    fn the_banner_reads_the_servers_hits() {
        let response = SearchResponse {
            items: vec![SearchHitDto {
                kind: SearchKindDto::Contract,
                id: Default::default(),
                number: "CT-1".into(),
                title: "Full service".into(),
                detail: Some("PO-9".into()),
                at: Some(
                    chrono::DateTime::parse_from_rfc3339("2026-12-06T14:05:09Z")
                        .unwrap()
                        .to_utc(),
                ),
                end_date: chrono::NaiveDate::from_ymd_opt(2027, 1, 31),
                number_match: NumberMatchDto::Exact,
            }],
        };
        let hits: SearchHits =
            serde_json::from_str(&serde_json::to_string(&response).unwrap()).unwrap();
        let hit = &hits.items[0];
        assert_eq!(hit.kind, SearchKindDto::Contract);
        assert_eq!(hit.id, "00000000-0000-0000-0000-000000000000");
        assert_eq!(hit.detail.as_deref(), Some("PO-9"));
        assert!(hit
            .at
            .as_deref()
            .unwrap()
            .starts_with("2026-12-06T14:05:09"));
        assert_eq!(hit.end_date.as_deref(), Some("2027-01-31"));
    }
}

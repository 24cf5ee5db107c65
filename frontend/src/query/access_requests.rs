//! The access requests list's URL: the API's `AccessRequestQuery` names, so
//! a view can be bookmarked. Without a status the list shows the requests
//! waiting for a decision; `status=all` shows every request.

use super::{page_number, page_size, parsed, push, push_wire, wire_name, ListView, Pairs};
use crate::routes::Page;
use api_types::{AccessRequestQuery, AccessRequestStatusDto};

/// The URL's (and the status select's) value for "every status".
pub const ALL_STATUSES: &str = "all";

/// `GET /access-requests` parameters, in the DTO's order.
pub fn access_request_query_pairs(q: &AccessRequestQuery) -> Pairs {
    let mut pairs = Pairs::new();
    push_wire(&mut pairs, "status", q.status.as_ref());
    push(&mut pairs, "page", q.page);
    push(&mut pairs, "page_size", q.page_size);
    pairs
}

/// Everything the access requests page keeps in its URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessRequestListView {
    /// `status: None` is every status.
    pub query: AccessRequestQuery,
}

impl Default for AccessRequestListView {
    fn default() -> Self {
        Self {
            query: AccessRequestQuery {
                status: Some(AccessRequestStatusDto::Pending),
                ..AccessRequestQuery::default()
            },
        }
    }
}

impl ListView for AccessRequestListView {
    query_field!(AccessRequestQuery, Page::AccessRequests);

    /// Reads the view from the URL; a missing or unknown status is "pending".
    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let raw = get("status");
        let status = if raw.as_deref().map(str::trim) == Some(ALL_STATUSES) {
            None
        } else {
            Some(parsed(raw).unwrap_or(AccessRequestStatusDto::Pending))
        };
        Self {
            query: AccessRequestQuery {
                status,
                page: page_number(get("page")),
                page_size: page_size(get("page_size")),
            },
        }
    }

    /// The status only when it is not "pending", the default.
    fn pairs(&self) -> Pairs {
        let mut pairs = Pairs::new();
        match self.query.status {
            Some(AccessRequestStatusDto::Pending) => {}
            None => pairs.push(("status", ALL_STATUSES.to_owned())),
            Some(status) => pairs.push(("status", wire_name(&status))),
        }
        push(&mut pairs, "page", self.query.page);
        push(&mut pairs, "page_size", self.query.page_size);
        pairs
    }

    /// Whether the list shows anything but the pending requests.
    fn is_filtered(&self) -> bool {
        self.query.status != Some(AccessRequestStatusDto::Pending)
    }
}

impl AccessRequestListView {
    /// The status select's value: a status's wire name, or `all`.
    pub fn status_choice(&self) -> String {
        self.query
            .status
            .map_or_else(|| ALL_STATUSES.to_owned(), |s| wire_name(&s))
    }

    /// The view for a choice of the status select.
    pub fn with_status_choice(&self, choice: &str) -> Self {
        let mut view = self.with_page(1);
        view.query.status = if choice == ALL_STATUSES {
            None
        } else {
            Some(parsed(Some(choice.to_owned())).unwrap_or(AccessRequestStatusDto::Pending))
        };
        view
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::query_string;
    use crate::query::read_view;

    fn view_of(pairs: &[(&str, &str)]) -> AccessRequestListView {
        read_view(pairs)
    }

    #[test]
    fn the_pending_requests_are_the_default_and_all_is_explicit() {
        let default = view_of(&[]);
        assert_eq!(default, AccessRequestListView::default());
        assert_eq!(default.href(), "/access-requests");
        assert_eq!(
            query_string(&access_request_query_pairs(&default.query)),
            "?status=pending"
        );
        assert!(!default.is_filtered());
        assert_eq!(view_of(&[("status", "nonsense")]), default);

        let all = view_of(&[("status", "all"), ("page", "2")]);
        assert_eq!(all.query.status, None);
        assert_eq!(all.status_choice(), "all");
        assert_eq!(all.href(), "/access-requests?status=all&page=2");
        assert_eq!(
            query_string(&access_request_query_pairs(&all.query)),
            "?page=2"
        );

        let rejected = all.with_status_choice("rejected");
        assert_eq!(rejected.href(), "/access-requests?status=rejected");
        assert!(rejected.is_filtered());
        assert_eq!(
            rejected.with_status_choice("pending").href(),
            "/access-requests"
        );
    }
}

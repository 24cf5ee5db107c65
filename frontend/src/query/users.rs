//! The URLs of the users list and the security log: the API's `UserQuery`
//! and `SecurityLogQuery` names, so a view can be bookmarked and the same
//! pairs go to the server.

use super::{page_number, page_size, parsed, push, push_wire, text, ListView, Pairs};
use crate::routes::Page;
use api_types::{SecurityLogQuery, UserQuery};

/// `GET /users` parameters, in the DTO's order.
pub fn user_query_pairs(q: &UserQuery) -> Pairs {
    let mut pairs = Pairs::new();
    push(&mut pairs, "q", q.q.as_ref());
    push_wire(&mut pairs, "status", q.status.as_ref());
    push(&mut pairs, "parent_account", q.parent_account);
    push(&mut pairs, "page", q.page);
    push(&mut pairs, "page_size", q.page_size);
    pairs
}

/// `GET /security-log` parameters, in the DTO's order.
pub fn security_log_query_pairs(q: &SecurityLogQuery) -> Pairs {
    let mut pairs = Pairs::new();
    push(&mut pairs, "event", q.event.as_ref());
    push(&mut pairs, "user", q.user);
    push(&mut pairs, "parent_account", q.parent_account);
    push(&mut pairs, "page", q.page);
    push(&mut pairs, "page_size", q.page_size);
    pairs
}

/// Everything the users page keeps in its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserListView {
    pub query: UserQuery,
}

impl ListView for UserListView {
    query_field!(UserQuery, Page::Users);

    /// Reads the view from the URL; invalid values are left out.
    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            query: UserQuery {
                q: text(get("q")),
                status: parsed(get("status")),
                parent_account: parsed(get("parent_account")),
                page: page_number(get("page")),
                page_size: page_size(get("page_size")),
            },
        }
    }

    fn pairs(&self) -> Pairs {
        user_query_pairs(&self.query)
    }

    /// Whether any filter narrows the list (the page does not).
    fn is_filtered(&self) -> bool {
        let q = &self.query;
        q.q.is_some() || q.status.is_some() || q.parent_account.is_some()
    }
}

/// Everything the security log page keeps in its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecurityLogView {
    pub query: SecurityLogQuery,
}

impl ListView for SecurityLogView {
    query_field!(SecurityLogQuery, Page::SecurityLog);

    /// Reads the view from the URL; only known event codes are kept.
    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            query: SecurityLogQuery {
                event: text(get("event")).filter(|e| e.parse::<domain::SecurityEvent>().is_ok()),
                user: parsed(get("user")),
                parent_account: parsed(get("parent_account")),
                page: page_number(get("page")),
                page_size: page_size(get("page_size")),
            },
        }
    }

    fn pairs(&self) -> Pairs {
        security_log_query_pairs(&self.query)
    }

    fn is_filtered(&self) -> bool {
        let q = &self.query;
        q.event.is_some() || q.user.is_some() || q.parent_account.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use api_types::UserStatusDto;
    use std::collections::HashMap;

    fn view_of(pairs: &[(&str, &str)]) -> (UserListView, SecurityLogView) {
        let map: HashMap<&str, &str> = pairs.iter().copied().collect();
        let get = |name: &str| map.get(name).map(|v| (*v).to_owned());
        (
            UserListView::from_query(get),
            SecurityLogView::from_query(get),
        )
    }

    #[test]
    fn the_users_view_round_trips_through_its_url() {
        let (users, _) = view_of(&[("q", " anna "), ("status", "locked"), ("page", "3")]);
        assert_eq!(users.query.q.as_deref(), Some("anna"));
        assert_eq!(users.query.status, Some(UserStatusDto::Locked));
        assert_eq!(users.href(), "/users?q=anna&status=locked&page=3");
        assert_eq!(users.with_page(1).href(), "/users?q=anna&status=locked");
        assert!(users.is_filtered());
    }

    #[test]
    fn the_security_log_keeps_known_events_and_valid_ids_only() {
        let (_, log) = view_of(&[
            ("event", "account_locked"),
            ("user", "not-a-uuid"),
            ("page", "2"),
        ]);
        assert_eq!(log.query.event.as_deref(), Some("account_locked"));
        assert_eq!(log.query.user, None);
        assert_eq!(log.href(), "/security-log?event=account_locked&page=2");
        let (_, unknown) = view_of(&[("event", "drop_tables")]);
        assert_eq!(unknown.query.event, None);
        assert!(!unknown.is_filtered());
    }
}

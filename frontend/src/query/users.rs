//! The URLs of the users list and the security log: the API's `UserQuery`
//! and `SecurityLogQuery` names, so a view can be bookmarked and the same
//! pairs go to the server.

use super::{page_number, page_size, parsed, push, push_wire, text, ListView, Pairs, QueryParams};
use crate::routes::Page;
use api_types::{SecurityLogQuery, UserQuery};

query_params!(UserQuery, user_query_pairs {
    q: text => push,
    status: parsed => push_wire,
    parent_account: parsed => push,
    account: parsed => push,
    ;
    page: page_number => push,
    page_size: page_size => push,
});

// Only known event codes are kept.
query_params!(SecurityLogQuery, security_log_query_pairs {
    event: |raw| text(raw).filter(|e| e.parse::<domain::SecurityEvent>().is_ok()) => push,
    user: parsed => push,
    parent_account: parsed => push,
    ;
    page: page_number => push,
    page_size: page_size => push,
});

/// Everything the users page keeps in its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserListView {
    pub query: UserQuery,
}

impl ListView for UserListView {
    query_field!(UserQuery, Page::Users, user_query_pairs);
}

/// Everything the security log page keeps in its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecurityLogView {
    pub query: SecurityLogQuery,
}

impl ListView for SecurityLogView {
    query_field!(
        SecurityLogQuery,
        Page::SecurityLog,
        security_log_query_pairs
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::read_view;
    use api_types::UserStatusDto;

    fn view_of(pairs: &[(&str, &str)]) -> (UserListView, SecurityLogView) {
        (read_view(pairs), read_view(pairs))
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

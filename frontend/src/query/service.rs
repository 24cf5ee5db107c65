//! The service queue's URL: the API's `QueueQuery` names, so a view of the
//! queue can be bookmarked and the same pairs go to `GET /service/queue`.

use super::{
    flag, on, page_number, page_size, parsed, priority, push, push_wire, text, ListView, Pairs,
    QueryParams,
};
use crate::routes::Page;
use api_types::QueueQuery;

query_params!(QueueQuery, queue_query_pairs {
    status: parsed => push_wire,
    priority: priority => push,
    country: country => push,
    modality: parsed => push_wire,
    parent_account: parsed => push,
    assignee: parsed => push,
    unassigned: on => push,
    older_than_hours: hours => push,
    waiting_for_customer: flag => push,
    ;
    page: page_number => push,
    page_size: page_size => push,
});

/// Two letters, upper case (the server's market codes).
fn country(raw: Option<String>) -> Option<String> {
    text(raw)
        .filter(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(|c| c.to_ascii_uppercase())
}

/// Whole hours, up to ten years (the API's limit).
fn hours(raw: Option<String>) -> Option<u32> {
    raw.and_then(|h| h.trim().parse::<u32>().ok())
        .filter(|h| (1..=MAX_HOURS).contains(h))
}

/// The most hours `older_than_hours` takes.
pub const MAX_HOURS: u32 = 87_600;

/// Everything the queue page keeps in its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueListView {
    pub query: QueueQuery,
}

impl ListView for QueueListView {
    query_field!(QueueQuery, Page::ServiceQueue, queue_query_pairs);
}

/// The assignment select's choices: anyone, nobody, the signed-in engineer.
pub const ASSIGNED_TO_ME: &str = "me";
pub const UNASSIGNED: &str = "unassigned";

/// The assignment select's value for the query (`me`: the signed-in user's id).
pub fn assignment_choice(q: &QueueQuery, me: Option<&str>) -> String {
    let assignee = q.assignee.map(|a| a.to_string());
    if q.unassigned == Some(true) {
        UNASSIGNED.to_owned()
    } else if assignee.is_some() && assignee.as_deref() == me {
        ASSIGNED_TO_ME.to_owned()
    } else {
        String::new()
    }
}

/// Sets `unassigned` and `assignee` from the assignment select's value.
pub fn set_assignment_choice(q: &mut QueueQuery, choice: &str, me: Option<&str>) {
    (q.unassigned, q.assignee) = match choice {
        UNASSIGNED => (Some(true), None),
        ASSIGNED_TO_ME => (None, me.and_then(|id| id.parse().ok())),
        _ => (None, None),
    };
}

/// The waiting select's value: `true`, `false` or any.
pub fn waiting_choice(q: &QueueQuery) -> String {
    q.waiting_for_customer
        .map(|w| w.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{assert_round_trips, read_view};
    use api_types::{CaseStatusDto, ModalityDto};

    const ME: &str = "7d9c3a52-0000-4000-8000-000000000003";

    fn full_view() -> QueueListView {
        QueueListView {
            query: QueueQuery {
                status: Some(CaseStatusDto::InProcess),
                priority: Some(2),
                country: Some("NL".to_owned()),
                modality: Some(ModalityDto::Ct),
                parent_account: Some("7d9c3a52-0000-4000-8000-000000000001".parse().unwrap()),
                assignee: Some(ME.parse().unwrap()),
                unassigned: Some(true),
                older_than_hours: Some(24),
                waiting_for_customer: Some(false),
                page: Some(2),
                page_size: Some(20),
            },
        }
    }

    #[test]
    fn queue_view_round_trips_through_the_url() {
        let view = full_view();
        assert_round_trips(&view);
        assert_eq!(QueueListView::default().href(), "/service/queue");
        assert!(view.is_filtered());
        assert!(!QueueListView::default().with_page(3).is_filtered());
    }

    #[test]
    fn the_urls_use_the_api_names() {
        let mut view = QueueListView::default();
        view.query.priority = Some(1);
        view.query.unassigned = Some(true);
        view.query.waiting_for_customer = Some(true);
        view.query.older_than_hours = Some(4);
        assert_eq!(
            view.href(),
            "/service/queue?priority=1&unassigned=true&older_than_hours=4&waiting_for_customer=true"
        );
    }

    #[test]
    fn invalid_and_default_values_are_dropped() {
        let view: QueueListView = read_view(&[
            ("priority", "0"),
            ("country", "NLD"),
            ("unassigned", "false"),
            ("older_than_hours", "-3"),
            ("waiting_for_customer", "maybe"),
            ("assignee", "me"),
            ("page", "1"),
        ]);
        assert_eq!(view, QueueListView::default());
        let lower: QueueListView = read_view(&[("country", "dk")]);
        assert_eq!(lower.query.country.as_deref(), Some("DK"));
    }

    #[test]
    fn the_assignment_choice_maps_onto_unassigned_and_assignee() {
        for choice in ["", UNASSIGNED, ASSIGNED_TO_ME] {
            let mut q = QueueQuery::default();
            set_assignment_choice(&mut q, choice, Some(ME));
            assert_eq!(assignment_choice(&q, Some(ME)), choice);
        }
        let mut q = QueueQuery::default();
        set_assignment_choice(&mut q, ASSIGNED_TO_ME, Some(ME));
        assert_eq!(
            (q.unassigned, q.assignee),
            (None, Some(ME.parse().unwrap()))
        );
        // Another engineer's cases are not "mine".
        q.assignee = "00000000-0000-4000-8000-000000000000".parse().ok();
        assert_eq!(assignment_choice(&q, Some(ME)), "");
    }
}

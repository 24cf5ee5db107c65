//! The cases list's URL: the API's `CaseQuery` names, so a view can be
//! bookmarked and the same pairs go to `GET /cases`.

use super::{
    flag, on, page_number, page_size, parsed, priority, push, push_wire, text, ListView, Pairs,
    QueryParams,
};
use crate::routes::Page;
use api_types::{CaseQuery, CaseSort, CaseStatusDto, SortOrder};

// `false` for `mine` and `historical` is the default, so it is left out.
query_params!(CaseQuery, case_query_pairs {
    mine: on => push,
    status: parsed => push_wire,
    open: flag => push,
    priority: priority => push,
    origin: parsed => push_wire,
    modality: parsed => push_wire,
    account: parsed => push,
    installed_product: parsed => push,
    created_from: parsed => push,
    created_to: parsed => push,
    q: text => push,
    historical: on => push,
    ;
    sort: parsed => push_wire,
    order: parsed => push_wire,
    page: page_number => push,
    page_size: page_size => push,
});

/// Everything the cases page keeps in its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseListView {
    pub query: CaseQuery,
}

impl ListView for CaseListView {
    query_field!(CaseQuery, Page::Cases, case_query_pairs);
}

impl CaseListView {
    /// After a click on a column header: the sorted column flips its order;
    /// another column starts in its natural order (newest or most urgent
    /// first). Both are written out, since the server's default is its own.
    pub fn sorted_by(&self, column: CaseSort) -> Self {
        let mut view = self.with_page(1);
        let order = match (self.query.sort, self.query.order) {
            (Some(sort), Some(SortOrder::Asc)) if sort == column => SortOrder::Desc,
            (Some(sort), Some(SortOrder::Desc)) if sort == column => SortOrder::Asc,
            _ => natural_order(column),
        };
        view.query.sort = Some(column);
        view.query.order = Some(order);
        view
    }
}

/// Dates newest first; priority 1 and the lowest number or status first.
pub const fn natural_order(column: CaseSort) -> SortOrder {
    match column {
        CaseSort::CreatedAt | CaseSort::UpdatedAt => SortOrder::Desc,
        CaseSort::Priority | CaseSort::Status | CaseSort::Number => SortOrder::Asc,
    }
}

/// The status filter's choice: "open" (any but Closed), a status, or any.
pub const OPEN: &str = "open";

/// The status select's value for the query's `open` and `status`.
pub fn status_choice(q: &CaseQuery) -> String {
    match (q.status, q.open) {
        (Some(status), _) => super::wire_name(&status),
        (None, Some(true)) => OPEN.to_owned(),
        (None, Some(false)) => super::wire_name(&CaseStatusDto::Closed),
        (None, None) => String::new(),
    }
}

/// Sets `open` and `status` from the status select's value.
pub fn set_status_choice(q: &mut CaseQuery, choice: &str) {
    if choice == OPEN {
        q.open = Some(true);
        q.status = None;
    } else {
        q.open = None;
        q.status = super::from_wire(choice);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{assert_round_trips, read_view};
    use api_types::{CaseOriginDto, ModalityDto};
    use chrono::NaiveDate;

    fn full_view() -> CaseListView {
        CaseListView {
            query: CaseQuery {
                mine: Some(true),
                status: Some(CaseStatusDto::InProcess),
                open: Some(true),
                priority: Some(2),
                origin: Some(CaseOriginDto::Web),
                modality: Some(ModalityDto::Mr),
                account: Some("7d9c3a52-0000-4000-8000-000000000001".parse().unwrap()),
                installed_product: Some("7d9c3a52-0000-4000-8000-000000000002".parse().unwrap()),
                created_from: NaiveDate::from_ymd_opt(2026, 1, 1),
                created_to: NaiveDate::from_ymd_opt(2026, 12, 31),
                q: Some("coil & noise".to_owned()),
                historical: Some(true),
                sort: Some(CaseSort::Priority),
                order: Some(SortOrder::Desc),
                page: Some(2),
                page_size: Some(20),
            },
        }
    }

    #[test]
    fn case_view_round_trips_through_the_url() {
        let view = full_view();
        assert_round_trips(&view);
        let empty = CaseListView::default();
        assert_eq!(empty.href(), "/cases");
        assert!(!empty.is_filtered());
        assert!(view.is_filtered());
    }

    #[test]
    fn the_urls_use_the_api_names() {
        let mut view = CaseListView::default();
        view.query.mine = Some(true);
        view.query.historical = Some(true);
        view.query.q = Some("CS-2026".to_owned());
        assert_eq!(view.href(), "/cases?mine=true&q=CS-2026&historical=true");
        view.query.priority = Some(1);
        view.query.status = Some(CaseStatusDto::InProcess);
        assert_eq!(
            view.href(),
            "/cases?mine=true&status=in_process&priority=1&q=CS-2026&historical=true"
        );
    }

    #[test]
    fn invalid_and_default_values_are_dropped() {
        let view: CaseListView = read_view(&[
            ("mine", "false"),
            ("historical", "yes"),
            ("priority", "6"),
            ("status", "open"),
            ("installed_product", "nope"),
            ("created_from", "2026-13-01"),
            ("sort", "title"),
            ("page", "1"),
        ]);
        assert_eq!(view, CaseListView::default());
    }

    #[test]
    fn status_choices_map_onto_open_and_status() {
        for choice in ["", OPEN, "new", "in_process", "fixed", "closed"] {
            let mut q = CaseQuery::default();
            set_status_choice(&mut q, choice);
            assert_eq!(status_choice(&q), choice);
        }
        let mut q = CaseQuery::default();
        set_status_choice(&mut q, OPEN);
        assert_eq!((q.open, q.status), (Some(true), None));
        let closed = CaseQuery {
            open: Some(false),
            ..CaseQuery::default()
        };
        assert_eq!(status_choice(&closed), "closed");
    }

    #[test]
    fn header_clicks_start_in_the_natural_order_then_flip() {
        let view = CaseListView::default().with_page(3);
        let newest = view.sorted_by(CaseSort::CreatedAt);
        assert_eq!(
            (newest.query.sort, newest.query.order, newest.query.page),
            (Some(CaseSort::CreatedAt), Some(SortOrder::Desc), None)
        );
        let oldest = newest.sorted_by(CaseSort::CreatedAt);
        assert_eq!(oldest.query.order, Some(SortOrder::Asc));
        let urgent = oldest.sorted_by(CaseSort::Priority);
        assert_eq!(
            (urgent.query.sort, urgent.query.order),
            (Some(CaseSort::Priority), Some(SortOrder::Asc))
        );
    }
}

//! The URLs of the documents list (`/documents?kind=service_receipt&from=
//! 2026-01-01`) and of the end-of-life page's products
//! (`/end-of-life?modality=ct`): the API's names, but for the documents'
//! `from` and `to`, which the URL keeps as days in the user's zone and the
//! API takes as UTC instants (see [`DocumentListView::api_query`]).

use super::calendar::{parse_day, write_instant};
use super::{page_number, page_size, parsed, push, push_wire, ListView, Pairs, QueryParams};
use crate::format::format_date;
use crate::routes::Page;
use api_types::{DocumentQuery, EolNoticeQuery, EolProductQuery};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use domain::DateFormat;

/// The filters but the range, in the API's order: kind, installed product,
/// case, visit.
fn filter_pairs(q: &DocumentQuery) -> Pairs {
    let mut pairs = Pairs::new();
    push_wire(&mut pairs, "kind", q.kind.as_ref());
    push(
        &mut pairs,
        "installed_product",
        q.installed_product.as_ref(),
    );
    push(&mut pairs, "case", q.case.as_ref());
    push(&mut pairs, "planned_event", q.planned_event.as_ref());
    pairs
}

fn page_pairs(q: &DocumentQuery, pairs: &mut Pairs) {
    push(pairs, "page", q.page.as_ref());
    push(pairs, "page_size", q.page_size.as_ref());
}

/// `GET /documents`'s parameters, the instants in RFC 3339.
pub fn document_query_pairs(q: &DocumentQuery) -> Pairs {
    let mut pairs = filter_pairs(q);
    push(&mut pairs, "from", q.from.map(write_instant));
    push(&mut pairs, "to", q.to.map(write_instant));
    page_pairs(q, &mut pairs);
    pairs
}

/// Everything the documents page keeps in its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentListView {
    /// The API's filters and page; its `from` and `to` stay unset here.
    pub query: DocumentQuery,
    /// Uploaded on or after this day (the user's zone).
    pub from: Option<NaiveDate>,
    /// Uploaded on or before this day (the user's zone).
    pub to: Option<NaiveDate>,
}

impl ListView for DocumentListView {
    // The whole view: the range is asked in the user's zone at fetch time.
    query_field!(Self, Page::Documents);

    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            query: DocumentQuery {
                kind: parsed(get("kind")),
                installed_product: parsed(get("installed_product")),
                case: parsed(get("case")),
                planned_event: parsed(get("planned_event")),
                page: page_number(get("page")),
                page_size: page_size(get("page_size")),
                ..DocumentQuery::default()
            },
            from: get("from").and_then(|d| parse_day(&d)),
            to: get("to").and_then(|d| parse_day(&d)),
        }
    }

    /// The API's names, the range as days.
    fn pairs(&self) -> Pairs {
        let mut pairs = filter_pairs(&self.query);
        push(&mut pairs, "from", self.from.map(write_day));
        push(&mut pairs, "to", self.to.map(write_day));
        page_pairs(&self.query, &mut pairs);
        pairs
    }

    fn is_filtered(&self) -> bool {
        !filter_pairs(&self.query).is_empty() || self.from.is_some() || self.to.is_some()
    }
}

impl DocumentListView {
    /// What the server is asked: the days as the instants they start and
    /// end at in the user's zone, read by `utc` (`to` is inclusive: up to
    /// the start of the next day).
    pub fn api_query(&self, utc: impl Fn(NaiveDateTime) -> Option<DateTime<Utc>>) -> DocumentQuery {
        let start = |day: NaiveDate| {
            let midnight = day.and_hms_opt(0, 0, 0)?;
            // A zone whose clocks skip midnight starts the day an hour later.
            utc(midnight).or_else(|| utc(day.and_hms_opt(1, 0, 0)?))
        };
        DocumentQuery {
            from: self.from.and_then(start),
            to: self.to.and_then(|d| d.succ_opt()).and_then(start),
            ..self.query.clone()
        }
    }
}

fn write_day(day: NaiveDate) -> String {
    format_date(day, DateFormat::Iso)
}

query_params!(EolProductQuery, eol_product_query_pairs {
    modality: parsed => push_wire,
    ;
    page: page_number => push,
    page_size: page_size => push,
});

query_params!(EolNoticeQuery, eol_notice_query_pairs {
    ;
    page: page_number => push,
    page_size: page_size => push,
});

/// What the end-of-life page keeps in its URL: its products' filter and page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EolProductListView {
    pub query: EolProductQuery,
}

impl ListView for EolProductListView {
    query_field!(EolProductQuery, Page::EndOfLife, eol_product_query_pairs);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{assert_round_trips, read_view};
    use api_types::{DocumentKindDto, ModalityDto};

    const PRODUCT: &str = "7d9c3a52-0000-4000-8000-000000000001";

    fn full_view() -> DocumentListView {
        DocumentListView {
            query: DocumentQuery {
                kind: Some(DocumentKindDto::PreventiveServiceReport),
                installed_product: Some(PRODUCT.parse().unwrap()),
                case: Some("7d9c3a52-0000-4000-8000-000000000002".parse().unwrap()),
                planned_event: None,
                from: None,
                to: None,
                page: Some(2),
                page_size: Some(20),
            },
            from: NaiveDate::from_ymd_opt(2026, 1, 1),
            to: NaiveDate::from_ymd_opt(2026, 3, 31),
        }
    }

    #[test]
    fn the_documents_view_round_trips_through_its_url() {
        assert_round_trips(&full_view());
        assert_eq!(
            full_view().href(),
            format!(
                "/documents?kind=preventive_service_report&installed_product={PRODUCT}\
                 &case=7d9c3a52-0000-4000-8000-000000000002&from=2026-01-01&to=2026-03-31\
                 &page=2&page_size=20"
            )
        );
        assert!(full_view().is_filtered());
        assert!(!DocumentListView::default().with_page(3).is_filtered());
    }

    #[test]
    fn the_emails_link_to_one_products_documents() {
        let view: DocumentListView = read_view(&[("installed_product", PRODUCT)]);
        assert_eq!(view.query.installed_product, Some(PRODUCT.parse().unwrap()));
        assert_eq!(
            view.href(),
            format!("/documents?installed_product={PRODUCT}")
        );
    }

    #[test]
    fn invalid_values_are_dropped() {
        let view: DocumentListView = read_view(&[
            ("kind", "invoice"),
            ("installed_product", "IP-40010001"),
            ("from", "2026-02-30"),
            ("to", "tomorrow"),
            ("page", "0"),
        ]);
        assert_eq!(view, DocumentListView::default());
    }

    #[test]
    fn days_are_sent_as_the_instants_they_start_in_the_users_zone() {
        // Amsterdam in winter: an hour ahead of UTC.
        let amsterdam =
            |local: NaiveDateTime| Some((local - chrono::TimeDelta::hours(1)).and_utc());
        let q = full_view().api_query(amsterdam);
        assert_eq!(
            q.from.map(write_instant).as_deref(),
            Some("2025-12-31T23:00:00Z")
        );
        // Up to the end of the last day: the start of the next.
        assert_eq!(
            q.to.map(write_instant).as_deref(),
            Some("2026-03-31T23:00:00Z")
        );
        let pairs = document_query_pairs(&q);
        let names: Vec<&str> = pairs.iter().map(|(name, _)| *name).collect();
        assert_eq!(
            names,
            [
                "kind",
                "installed_product",
                "case",
                "from",
                "to",
                "page",
                "page_size"
            ]
        );
        let open = DocumentListView::default().api_query(amsterdam);
        assert_eq!((open.from, open.to), (None, None));
    }

    #[test]
    fn the_end_of_life_products_keep_their_modality_in_the_url() {
        let view: EolProductListView = read_view(&[("modality", "ct"), ("page", "2")]);
        assert_eq!(view.query.modality, Some(ModalityDto::Ct));
        assert_eq!(view.href(), "/end-of-life?modality=ct&page=2");
        assert_round_trips(&view);
        assert_eq!(
            eol_notice_query_pairs(&EolNoticeQuery::default()),
            Pairs::new()
        );
    }
}

//! Query strings: the lists keep their filters, sort and page in the URL (so a
//! view can be bookmarked, shared and reloaded), and the API takes the same
//! names. Enum values are the DTOs' snake_case serde names.

use crate::routes::{encode_component, Page};
use api_types::{
    ContractQuery, ExpiryStatusDto, InstalledProductQuery, InstalledProductSort, SortOrder,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The [`ListView`] items of a view that keeps the API's query in its field
/// `query`: the query's type, the list's page, and the two accessors. With
/// the query's pairs function, the view is the query and nothing more.
macro_rules! query_field {
    (@paging) => {
        fn page_mut(&mut self) -> &mut Option<u32> {
            &mut self.query.page
        }

        fn page_size_mut(&mut self) -> &mut Option<u32> {
            &mut self.query.page_size
        }
    };
    // The view itself is what the server is asked: it keeps more than the
    // API's query (a tab, a day, a range), an answer to another is stale.
    (Self, $page:expr) => {
        type Query = Self;
        const PAGE: Page = $page;

        fn query(&self) -> &Self {
            self
        }

        query_field!(@paging);
    };
    ($query:ty, $page:expr) => {
        type Query = $query;
        const PAGE: Page = $page;

        fn query(&self) -> &$query {
            &self.query
        }

        query_field!(@paging);
    };
    ($query:ty, $page:expr, $pairs:ident) => {
        query_field!($query, $page);

        fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
            Self {
                query: QueryParams::read(get),
            }
        }

        fn pairs(&self) -> Pairs {
            $pairs(&self.query)
        }

        fn is_filtered(&self) -> bool {
            self.query.is_filtered()
        }
    };
}

/// An API query's parameters, one row a field, in the DTO's order (the
/// URL's and the API's): `name: read => write`. `read` makes the field of
/// the URL's value (invalid values are left out), `write` (`push` or
/// `push_wire`) puts it back. The rows before `;` filter the list; those
/// after it (sort, page) do not. Makes `$pairs(&query)` and [`QueryParams`].
macro_rules! query_params {
    ($query:ident, $pairs:ident {
        $($filter:ident: $filter_read:expr => $filter_write:ident,)*
        ;
        $($other:ident: $other_read:expr => $other_write:ident,)*
    }) => {
        /// The query's parameters, in the DTO's order.
        pub fn $pairs(q: &$query) -> $crate::query::Pairs {
            let mut pairs = $crate::query::Pairs::new();
            $($filter_write(&mut pairs, stringify!($filter), q.$filter.as_ref());)*
            $($other_write(&mut pairs, stringify!($other), q.$other.as_ref());)*
            pairs
        }

        impl $crate::query::QueryParams for $query {
            fn read(get: impl Fn(&str) -> Option<String>) -> Self {
                Self {
                    $($filter: ($filter_read)(get(stringify!($filter))),)*
                    $($other: ($other_read)(get(stringify!($other))),)*
                }
            }

            fn is_filtered(&self) -> bool {
                false $(|| self.$filter.is_some())*
            }
        }
    };
}

/// An API query read from a URL (see `query_params!`).
pub trait QueryParams {
    /// The query of the URL's parameters.
    fn read(get: impl Fn(&str) -> Option<String>) -> Self;

    /// Whether any filter narrows the list (sort and page do not).
    fn is_filtered(&self) -> bool;
}

mod access_requests;
mod calendar;
mod cases;
mod documents;
mod reports;
mod service;
mod users;
pub use access_requests::{access_request_query_pairs, AccessRequestListView, ALL_STATUSES};
pub use calendar::{parse_day, planned_event_query_pairs, CalendarMode, CalendarView};
pub use cases::{case_query_pairs, set_status_choice, status_choice, CaseListView, OPEN};
pub use documents::{
    document_query_pairs, eol_notice_query_pairs, eol_product_query_pairs, DocumentListView,
    EolProductListView,
};
pub use reports::ReportView;
pub use service::{
    assignment_choice, queue_query_pairs, set_assignment_choice, waiting_choice, QueueListView,
    ASSIGNED_TO_ME, MAX_HOURS, UNASSIGNED,
};
pub use users::{security_log_query_pairs, user_query_pairs, SecurityLogView, UserListView};

/// Query parameters in order: name and (unencoded) value.
pub type Pairs = Vec<(&'static str, String)>;

/// What a list page keeps in its URL: the API's filters, sort and page, and
/// what the app adds (a grouping, a tab). `use_list_page` builds the page's
/// scaffolding on it.
pub trait ListView: Clone + Default + PartialEq + Send + Sync + 'static {
    /// What the list asks the server: an answer to another query is stale.
    type Query: Clone + PartialEq + Send + Sync + 'static;

    /// The list's page.
    const PAGE: Page;

    /// Reads the view from the URL's query parameters; unknown or invalid
    /// values are left out rather than failing the page.
    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self;

    /// The URL's parameters for this view.
    fn pairs(&self) -> Pairs;

    /// What the server is asked for this view.
    fn query(&self) -> &Self::Query;

    /// The page number (none: the first).
    fn page_mut(&mut self) -> &mut Option<u32>;

    /// Rows a page (none: the server's default).
    fn page_size_mut(&mut self) -> &mut Option<u32>;

    /// Whether any filter narrows the list (sort, page and grouping do not).
    fn is_filtered(&self) -> bool;

    /// The page's URL for this view.
    fn href(&self) -> String {
        format!("{}{}", Self::PAGE.path(), query_string(&self.pairs()))
    }

    /// The same view on another page (1 is left out of the URL).
    fn with_page(&self, page: u32) -> Self {
        let mut view = self.clone();
        *view.page_mut() = (page > 1).then_some(page);
        view
    }

    /// Where "clear filters" leads.
    fn cleared(&self) -> Self {
        Self::default()
    }

    /// What the server is asked for the first `rows` of this view (a
    /// detail page's short list; the list's page links to the rest).
    fn first(&self, rows: u32) -> Self::Query {
        let mut first = self.with_page(1);
        *first.page_size_mut() = Some(rows);
        first.query().clone()
    }
}

/// `?a=1&b=x%20y`, or nothing when there are no pairs.
pub fn query_string(pairs: &[(&'static str, String)]) -> String {
    let mut out = String::new();
    for (i, (name, value)) in pairs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(name);
        out.push('=');
        out.push_str(&encode_component(value));
    }
    out
}

/// The form value of an optional field (an id, a number): empty for none.
pub fn value_text<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The serde name of a unit enum value (`ModalityDto::Ct` -> `ct`).
pub fn wire_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// The value with this serde name, if any.
pub fn from_wire<T: DeserializeOwned>(raw: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(raw.to_owned())).ok()
}

/// A trimmed, non-empty text value.
fn text(raw: Option<String>) -> Option<String> {
    raw.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn parsed<T: DeserializeOwned>(raw: Option<String>) -> Option<T> {
    raw.as_deref().map(str::trim).and_then(from_wire)
}

fn flag(raw: Option<String>) -> Option<bool> {
    match raw.as_deref().map(str::trim) {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    }
}

/// A flag that is only ever set (`false` is the default, left out).
fn on(raw: Option<String>) -> Option<bool> {
    flag(raw).filter(|b| *b)
}

/// A case priority, 1 (highest) to 5.
fn priority(raw: Option<String>) -> Option<u8> {
    raw.and_then(|p| p.trim().parse::<u8>().ok())
        .filter(|p| (1..=5).contains(p))
}

/// A positive number; page 1 is the default and is left out.
fn page_number(raw: Option<String>) -> Option<u32> {
    raw.and_then(|s| s.trim().parse::<u32>().ok())
        .filter(|&n| n > 1)
}

fn page_size(raw: Option<String>) -> Option<u32> {
    raw.and_then(|s| s.trim().parse::<u32>().ok())
        .filter(|n| (1..=200).contains(n))
}

fn push<T: ToString>(pairs: &mut Pairs, name: &'static str, value: Option<T>) {
    if let Some(value) = value {
        pairs.push((name, value.to_string()));
    }
}

fn push_wire<T: Serialize>(pairs: &mut Pairs, name: &'static str, value: Option<&T>) {
    if let Some(value) = value {
        pairs.push((name, wire_name(value)));
    }
}

query_params!(InstalledProductQuery, product_query_pairs {
    modality: parsed => push_wire,
    owner_account: parsed => push,
    location_account: parsed => push,
    functional_location: text => push,
    covered: flag => push,
    expiry: parsed => push_wire,
    operational_state: parsed => push_wire,
    strategic_item: flag => push,
    q: text => push,
    ;
    sort: parsed => push_wire,
    order: parsed => push_wire,
    page: page_number => push,
    page_size: page_size => push,
});

query_params!(ContractQuery, contract_query_pairs {
    expiry: parsed => push_wire,
    q: text => push,
    account: parsed => push,
    ;
    page: page_number => push,
    page_size: page_size => push,
});

/// How the installed products list groups the rows of the current page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    #[default]
    None,
    Modality,
    Location,
    Coverage,
}

impl Grouping {
    pub const ALL: [Grouping; 4] = [
        Grouping::None,
        Grouping::Modality,
        Grouping::Location,
        Grouping::Coverage,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Grouping::None => "",
            Grouping::Modality => "modality",
            Grouping::Location => "location",
            Grouping::Coverage => "coverage",
        }
    }

    pub fn parse(raw: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|g| g.as_str() == raw.trim())
            .unwrap_or_default()
    }
}

/// Everything the installed products page keeps in its URL: the API's
/// filters, sort and page, and the app's own grouping.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProductListView {
    pub query: InstalledProductQuery,
    pub group: Grouping,
}

impl ListView for ProductListView {
    query_field!(InstalledProductQuery, Page::InstalledProducts);

    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let group = get("group").map(|g| Grouping::parse(&g));
        Self {
            query: QueryParams::read(get),
            group: group.unwrap_or_default(),
        }
    }

    /// The API's parameters, then the grouping.
    fn pairs(&self) -> Pairs {
        let mut pairs = product_query_pairs(&self.query);
        if self.group != Grouping::None {
            pairs.push(("group", self.group.as_str().to_owned()));
        }
        pairs
    }

    fn is_filtered(&self) -> bool {
        self.query.is_filtered()
    }
}

impl ProductListView {
    /// The view after a click on a column header: the same column flips
    /// between ascending and descending, another column starts ascending.
    /// Back to the first page either way.
    pub fn sorted_by(&self, column: InstalledProductSort) -> Self {
        let mut view = self.with_page(1);
        let current = self.query.sort.unwrap_or_default();
        let order = self.query.order.unwrap_or_default();
        view.query.sort = Some(column);
        view.query.order = match (current == column, order) {
            (true, SortOrder::Asc) => Some(SortOrder::Desc),
            _ => None,
        };
        view
    }
}

/// The coverage choice of the filter bar, one select over `covered` and `expiry`.
pub fn coverage_choice(q: &InstalledProductQuery) -> String {
    match (q.expiry, q.covered) {
        (Some(expiry), _) => wire_name(&expiry),
        (None, Some(true)) => COVERED.to_owned(),
        (None, Some(false)) => NOT_COVERED.to_owned(),
        (None, None) => String::new(),
    }
}

/// Sets `covered` and `expiry` from the coverage select's value.
pub fn set_coverage_choice(q: &mut InstalledProductQuery, choice: &str) {
    let (covered, expiry) = match choice {
        COVERED => (Some(true), None),
        NOT_COVERED => (Some(false), None),
        other => (None, from_wire::<ExpiryStatusDto>(other)),
    };
    q.covered = covered;
    q.expiry = expiry;
}

pub const COVERED: &str = "covered";
pub const NOT_COVERED: &str = "not_covered";

/// The two lists of the contracts page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContractTab {
    #[default]
    Contracts,
    Warranties,
}

/// Everything the contracts page keeps in its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContractListView {
    pub tab: ContractTab,
    pub query: ContractQuery,
}

impl ListView for ContractListView {
    // The tab too: either list's answer is stale on the other tab.
    query_field!(Self, Page::Contracts);

    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            tab: match get("tab").as_deref().map(str::trim) {
                Some("warranties") => ContractTab::Warranties,
                _ => ContractTab::Contracts,
            },
            query: QueryParams::read(get),
        }
    }

    fn pairs(&self) -> Pairs {
        let mut pairs = Pairs::new();
        if self.tab == ContractTab::Warranties {
            pairs.push(("tab", "warranties".to_owned()));
        }
        pairs.extend(contract_query_pairs(&self.query));
        pairs
    }

    fn is_filtered(&self) -> bool {
        self.query.is_filtered()
    }

    /// The same tab, unfiltered.
    fn cleared(&self) -> Self {
        Self::default().on_tab(self.tab)
    }
}

impl ContractListView {
    /// The other tab, keeping the filters, from its first page.
    pub fn on_tab(&self, tab: ContractTab) -> Self {
        let mut view = self.with_page(1);
        view.tab = tab;
        view
    }
}

/// The view of a URL with these parameters, decoded as the router hands
/// them over.
#[cfg(test)]
fn read_view<V: ListView>(pairs: &[(&str, &str)]) -> V {
    V::from_query(|name| {
        let value = pairs.iter().find(|(key, _)| *key == name);
        value.map(|(_, value)| (*value).to_owned())
    })
}

/// `view`, and the view of a bare URL (no parameters), are read back from
/// their own URLs unchanged.
#[cfg(test)]
fn assert_round_trips<V: ListView + std::fmt::Debug>(view: &V) {
    assert!(V::default().pairs().is_empty());
    for view in [view.clone(), V::default()] {
        let pairs = view.pairs();
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(read_view::<V>(&pairs), view);
    }
}

/// Pages needed for `total` items (at least one, so "page 1 of 1" when empty).
pub fn page_count(total: u64, page_size: u32) -> u32 {
    let size = u64::from(page_size.max(1));
    u32::try_from(total.div_ceil(size))
        .unwrap_or(u32::MAX)
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use api_types::{ModalityDto, OperationalStateDto};

    fn full_view() -> ProductListView {
        ProductListView {
            query: InstalledProductQuery {
                modality: Some(ModalityDto::Ct),
                owner_account: Some("7d9c3a52-0000-4000-8000-000000000001".parse().unwrap()),
                location_account: Some("7d9c3a52-0000-4000-8000-000000000002".parse().unwrap()),
                functional_location: Some("Radiology, room 2".to_owned()),
                covered: Some(true),
                expiry: Some(ExpiryStatusDto::Red),
                operational_state: Some(OperationalStateDto::Down),
                strategic_item: Some(false),
                q: Some("Ingenia 1.5T & co".to_owned()),
                sort: Some(InstalledProductSort::CoverageEnd),
                order: Some(SortOrder::Desc),
                page: Some(3),
                page_size: Some(25),
            },
            group: Grouping::Location,
        }
    }

    #[test]
    fn enum_values_use_the_serde_names() {
        assert_eq!(wire_name(&ModalityDto::Ixr), "ixr");
        assert_eq!(
            wire_name(&InstalledProductSort::CoverageEnd),
            "coverage_end"
        );
        assert_eq!(wire_name(&OperationalStateDto::Critical), "critical");
        assert_eq!(from_wire::<SortOrder>("desc"), Some(SortOrder::Desc));
        assert_eq!(from_wire::<ModalityDto>("CT"), None);
    }

    #[test]
    fn components_are_percent_encoded() {
        assert_eq!(encode_component("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(encode_component("x y&z=1"), "x%20y%26z%3D1");
        assert_eq!(encode_component("é"), "%C3%A9");
        assert_eq!(query_string(&[]), "");
        assert_eq!(
            query_string(&[("q", "a b".to_owned()), ("page", "2".to_owned())]),
            "?q=a%20b&page=2"
        );
    }

    #[test]
    fn product_view_round_trips_through_the_url() {
        assert_round_trips(&full_view());
    }

    #[test]
    fn dashboard_links_are_the_documented_urls() {
        let mut view = ProductListView::default();
        view.query.modality = Some(ModalityDto::Ct);
        view.query.operational_state = Some(OperationalStateDto::Down);
        assert_eq!(
            view.href(),
            "/installed-products?modality=ct&operational_state=down"
        );
        let mut contracts = ContractListView::default();
        contracts.query.expiry = Some(ExpiryStatusDto::Red);
        assert_eq!(contracts.href(), "/contracts?expiry=red");
    }

    #[test]
    fn the_api_gets_no_app_only_parameters() {
        let view = full_view();
        let api = product_query_pairs(&view.query);
        assert!(api.iter().all(|(name, _)| *name != "group"));
        assert_eq!(api.len(), view.pairs().len() - 1);
    }

    #[test]
    fn invalid_values_are_dropped_not_fatal() {
        let view: ProductListView = read_view(&[
            ("modality", "xray"),
            ("owner_account", "not-a-uuid"),
            ("covered", "yes"),
            ("q", "   "),
            ("page", "0"),
            ("page_size", "5000"),
            ("sort", "price"),
            ("group", "colour"),
        ]);
        assert_eq!(view, ProductListView::default());
        let page_one: ProductListView = read_view(&[("page", "1")]);
        assert_eq!(page_one.query.page, None);
    }

    #[test]
    fn header_clicks_toggle_the_order_and_reset_the_page() {
        let view = ProductListView::default().with_page(4);
        let by_number = view.sorted_by(InstalledProductSort::Number);
        assert_eq!(by_number.query.sort, Some(InstalledProductSort::Number));
        assert_eq!(
            by_number.query.order,
            Some(SortOrder::Desc),
            "number is the default, ascending"
        );
        assert_eq!(by_number.query.page, None);
        let back = by_number.sorted_by(InstalledProductSort::Number);
        assert_eq!(back.query.order, None);
        let other = by_number.sorted_by(InstalledProductSort::Location);
        assert_eq!(other.query.sort, Some(InstalledProductSort::Location));
        assert_eq!(other.query.order, None);
    }

    #[test]
    fn coverage_choice_maps_onto_covered_and_expiry() {
        for choice in [
            "",
            COVERED,
            NOT_COVERED,
            "green",
            "yellow",
            "red",
            "expired",
        ] {
            let mut q = InstalledProductQuery::default();
            set_coverage_choice(&mut q, choice);
            assert_eq!(coverage_choice(&q), choice);
        }
        let mut q = InstalledProductQuery::default();
        set_coverage_choice(&mut q, "red");
        assert_eq!((q.covered, q.expiry), (None, Some(ExpiryStatusDto::Red)));
    }

    #[test]
    fn contract_view_round_trips_through_the_url() {
        let view = ContractListView {
            tab: ContractTab::Warranties,
            query: ContractQuery {
                expiry: Some(ExpiryStatusDto::Yellow),
                q: Some("PO 4711".to_owned()),
                account: Some("7d9c3a52-0000-4000-8000-000000000003".parse().unwrap()),
                page: Some(2),
                page_size: None,
            },
        };
        assert_round_trips(&view);
        assert_eq!(
            view.href(),
            "/contracts?tab=warranties&expiry=yellow&q=PO%204711\
             &account=7d9c3a52-0000-4000-8000-000000000003&page=2"
        );
        let contracts = view.on_tab(ContractTab::Contracts);
        assert_eq!(contracts.query.page, None);
        assert_eq!(contracts.query.expiry, Some(ExpiryStatusDto::Yellow));
        assert_eq!(contract_query_pairs(&contracts.query).len(), 3);
    }

    #[test]
    fn every_list_pages_and_clears_the_same_way() {
        let mut contracts = ContractListView::default().on_tab(ContractTab::Warranties);
        contracts.query.q = Some("PO".to_owned());
        let third = contracts.with_page(3);
        assert_eq!(third.href(), "/contracts?tab=warranties&q=PO&page=3");
        assert_eq!(third.with_page(1).query.page, None);
        assert!(third.is_filtered());
        assert_eq!(third.cleared().href(), "/contracts?tab=warranties");
        assert_eq!(*third.query(), third, "the tab is part of what is asked");

        let first = third.first(5);
        assert_eq!((first.query.page, first.query.page_size), (None, Some(5)));
        assert_eq!(first.query.q.as_deref(), Some("PO"));

        let mut products = ProductListView::default().with_page(2);
        products.group = Grouping::Modality;
        assert!(!products.is_filtered(), "grouping and page do not filter");
        assert_eq!(products.cleared().href(), "/installed-products");
        assert_eq!(products.query().page, Some(2));
    }

    #[test]
    fn page_count_rounds_up_and_is_at_least_one() {
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(50, 50), 1);
        assert_eq!(page_count(51, 50), 2);
        assert_eq!(page_count(7, 0), 7);
    }
}

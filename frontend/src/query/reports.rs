//! The URL of the reports page: which report, its chosen columns, filters,
//! sort, grouping and page, and the saved view it started from. Readable
//! so a customised report can be bookmarked and sent on:
//! `/reports?report=cases&columns=number,title&f1=status:one_of:new|fixed&sort=-created_at&group=status`.
//!
//! A filter is `column:op:argument`: the text for `contains` and `equals`,
//! values split by `|` for `one_of` (a `|` or `\` inside one escaped by
//! `\`), `low..high` for `between` and `within_days` (either side may be
//! empty).

use super::{page_number, text, wire_name, ListView, Pairs};
use crate::routes::Page;
use api_types::{
    ReportFilterDto, ReportFilterOp, ReportKindDto, ReportQueryDto, ReportSortDto, SortOrder,
};
use domain::report::MAX_FILTERS;

/// Everything the reports page keeps in its URL.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportView {
    pub report: ReportKindDto,
    /// The saved view this one was opened from, if any.
    pub view: Option<String>,
    pub query: ReportQueryDto,
    pub page: Option<u32>,
    /// Rows a page; none: the server's 50.
    pub page_size: Option<u32>,
}

impl Default for ReportView {
    fn default() -> Self {
        Self {
            report: ReportKindDto::Cases,
            view: None,
            query: ReportQueryDto::default(),
            page: None,
            page_size: None,
        }
    }
}

impl ReportView {
    /// A saved view's URL: its id alone; the page reads the rest from it.
    pub fn of_saved(id: impl ToString) -> Self {
        Self {
            view: Some(id.to_string()),
            ..Self::default()
        }
    }

    /// The view's URL names only the saved view, whose query is not read yet.
    pub fn is_bare_saved(&self) -> bool {
        self.view.is_some() && *self == Self::of_saved(self.view.clone().unwrap_or_default())
    }

    /// Another report, with its own default columns and sort.
    pub fn other_report(report: ReportKindDto) -> Self {
        Self {
            report,
            ..Self::default()
        }
    }

    /// The saved view `id` of `report` with its `query`, on its first page.
    pub fn saved(id: impl ToString, report: ReportKindDto, query: ReportQueryDto) -> Self {
        Self {
            report,
            view: Some(id.to_string()),
            query,
            ..Self::default()
        }
    }

    /// The same view changed by `change`, back on its first page.
    pub fn changed(&self, change: impl FnOnce(&mut ReportQueryDto)) -> Self {
        let mut next = self.clone();
        change(&mut next.query);
        next.page = None;
        next
    }
}

impl ListView for ReportView {
    type Query = Self;
    const PAGE: Page = Page::Reports;

    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let report = get("report")
            .as_deref()
            .and_then(|r| super::from_wire(r.trim()));
        let columns = text(get("columns"))
            .map(|c| c.split(',').map(|k| k.trim().to_owned()).collect())
            .unwrap_or_default();
        let filters = (1..=MAX_FILTERS)
            .filter_map(|n| get(&format!("f{n}")).and_then(|f| read_filter(&f)))
            .collect();
        let sort = text(get("sort"))
            .map(|s| s.split(',').filter_map(read_sort).collect())
            .unwrap_or_default();
        Self {
            report: report.unwrap_or(ReportKindDto::Cases),
            view: text(get("view")),
            query: ReportQueryDto {
                columns,
                filters,
                sort,
                group_by: text(get("group")),
            },
            page: page_number(get("page")),
            page_size: super::page_size(get("page_size")),
        }
    }

    fn pairs(&self) -> Pairs {
        let mut pairs = Pairs::new();
        if let Some(view) = &self.view {
            pairs.push(("view", view.clone()));
        }
        // A saved view's own URL needs no more: the page reads the rest.
        if self.is_bare_saved() {
            return pairs;
        }
        let q = &self.query;
        pairs.push(("report", wire_name(&self.report)));
        if !q.columns.is_empty() {
            pairs.push(("columns", q.columns.join(",")));
        }
        for (n, filter) in FILTER_NAMES.iter().zip(&q.filters) {
            pairs.push((n, write_filter(filter)));
        }
        if !q.sort.is_empty() {
            let keys: Vec<String> = q.sort.iter().map(write_sort).collect();
            pairs.push(("sort", keys.join(",")));
        }
        if let Some(group) = &q.group_by {
            pairs.push(("group", group.clone()));
        }
        if let Some(page) = self.page {
            pairs.push(("page", page.to_string()));
        }
        if let Some(size) = self.page_size {
            pairs.push(("page_size", size.to_string()));
        }
        pairs
    }

    fn query(&self) -> &Self {
        self
    }

    fn page_mut(&mut self) -> &mut Option<u32> {
        &mut self.page
    }

    fn page_size_mut(&mut self) -> &mut Option<u32> {
        &mut self.page_size
    }

    fn is_filtered(&self) -> bool {
        !self.query.filters.is_empty()
    }

    /// Without filters, keeping the report, columns, sort and grouping.
    fn cleared(&self) -> Self {
        self.changed(|q| q.filters.clear())
    }
}

/// The URL's names of the filters, in order (`f1` to `f20`).
const FILTER_NAMES: [&str; MAX_FILTERS] = [
    "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12", "f13", "f14", "f15",
    "f16", "f17", "f18", "f19", "f20",
];

fn write_sort(sort: &ReportSortDto) -> String {
    match sort.order {
        SortOrder::Asc => sort.column.clone(),
        SortOrder::Desc => format!("-{}", sort.column),
    }
}

fn read_sort(raw: &str) -> Option<ReportSortDto> {
    let raw = raw.trim();
    let (column, order) = match raw.strip_prefix('-') {
        Some(column) => (column, SortOrder::Desc),
        None => (raw, SortOrder::Asc),
    };
    (!column.is_empty()).then(|| ReportSortDto {
        column: column.to_owned(),
        order,
    })
}

fn write_filter(f: &ReportFilterDto) -> String {
    let op = f.op.map(|op| wire_name(&op)).unwrap_or_default();
    let range = |low: Option<String>, high: Option<String>| {
        format!("{}..{}", low.unwrap_or_default(), high.unwrap_or_default())
    };
    let argument = match f.op {
        Some(ReportFilterOp::OneOf) => f
            .values
            .iter()
            .map(|v| v.replace('\\', "\\\\").replace('|', "\\|"))
            .collect::<Vec<_>>()
            .join("|"),
        Some(ReportFilterOp::Between) if f.from.is_some() || f.to.is_some() => {
            range(f.from.map(|d| d.to_string()), f.to.map(|d| d.to_string()))
        }
        Some(ReportFilterOp::Between) => {
            range(f.min.map(|n| n.to_string()), f.max.map(|n| n.to_string()))
        }
        Some(ReportFilterOp::WithinDays) => range(
            f.from_days.map(|n| n.to_string()),
            f.to_days.map(|n| n.to_string()),
        ),
        _ => f.value.clone().unwrap_or_default(),
    };
    format!("{}:{op}:{argument}", f.column)
}

fn read_filter(raw: &str) -> Option<ReportFilterDto> {
    let mut parts = raw.splitn(3, ':');
    let column = parts.next()?.trim();
    let op: ReportFilterOp = super::from_wire(parts.next()?.trim())?;
    let argument = parts.next().unwrap_or_default();
    let mut filter = ReportFilterDto {
        column: column.to_owned(),
        op: Some(op),
        ..ReportFilterDto::default()
    };
    let (low, high) = argument.split_once("..").unwrap_or((argument, ""));
    let (low, high) = (low.trim(), high.trim());
    let number = |s: &str| s.parse::<f64>().ok().filter(|n| n.is_finite());
    match op {
        ReportFilterOp::Contains | ReportFilterOp::Equals => {
            filter.value = Some(argument.to_owned());
        }
        ReportFilterOp::OneOf => filter.values = split_values(argument),
        ReportFilterOp::Between if is_date(low) || is_date(high) => {
            filter.from = low.parse().ok();
            filter.to = high.parse().ok();
        }
        ReportFilterOp::Between => {
            filter.min = number(low);
            filter.max = number(high);
        }
        ReportFilterOp::WithinDays => {
            filter.from_days = low.parse().ok();
            filter.to_days = high.parse().ok();
        }
    }
    Some(filter)
}

fn is_date(raw: &str) -> bool {
    raw.parse::<chrono::NaiveDate>().is_ok()
}

/// `a|b\|c` -> `["a", "b|c"]`.
fn split_values(raw: &str) -> Vec<String> {
    let (mut values, mut value, mut escaped) = (Vec::new(), String::new(), false);
    for c in raw.chars() {
        match (escaped, c) {
            (false, '\\') => escaped = true,
            (false, '|') => values.push(std::mem::take(&mut value)),
            (_, c) => {
                value.push(c);
                escaped = false;
            }
        }
    }
    values.push(value);
    values.retain(|v| !v.is_empty());
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::read_view;
    use chrono::NaiveDate;

    #[test]
    fn a_customised_report_round_trips_through_its_readable_url() {
        let view: ReportView = read_view(&[
            ("report", "cases"),
            ("columns", "number,title,priority"),
            ("f1", "status:one_of:new|in_process"),
            ("f2", "title:contains:coil: MR"),
            ("f3", "priority:between:1..2"),
            ("f4", "created_at:within_days:-30..0"),
            ("f5", "closed_at:between:2026-01-01..2026-02-01"),
            ("sort", "-created_at,number"),
            ("group", "status"),
            ("page", "2"),
        ]);
        let q = &view.query;
        assert_eq!(q.columns, ["number", "title", "priority"]);
        assert_eq!(q.filters[0].values, ["new", "in_process"]);
        assert_eq!(q.filters[1].value.as_deref(), Some("coil: MR"));
        assert_eq!((q.filters[2].min, q.filters[2].max), (Some(1.0), Some(2.0)));
        assert_eq!(
            (q.filters[3].from_days, q.filters[3].to_days),
            (Some(-30), Some(0))
        );
        assert_eq!(q.filters[4].from, NaiveDate::from_ymd_opt(2026, 1, 1));
        assert_eq!(q.sort[0].order, SortOrder::Desc);
        assert_eq!(q.group_by.as_deref(), Some("status"));
        assert_eq!(view.page, Some(2));
        let again: ReportView = crate::query::read_view(
            &view
                .pairs()
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        );
        assert_eq!(again, view);
    }

    #[test]
    fn one_of_values_keep_their_bars_and_backslashes() {
        let filter = ReportFilterDto {
            column: "location".into(),
            op: Some(ReportFilterOp::OneOf),
            values: vec!["A|B".into(), "C\\D".into()],
            ..ReportFilterDto::default()
        };
        assert_eq!(read_filter(&write_filter(&filter)), Some(filter));
    }

    #[test]
    fn a_saved_views_own_url_names_only_the_view() {
        let saved = ReportView::of_saved("v1");
        assert_eq!(saved.href(), "/reports?view=v1");
        assert!(saved.is_bare_saved());
        let opened = ReportView::saved("v1", ReportKindDto::Contracts, ReportQueryDto::default());
        assert!(!opened.is_bare_saved());
        assert_eq!(opened.href(), "/reports?view=v1&report=contracts");
    }

    #[test]
    fn unknown_filters_and_reports_are_left_out_and_clearing_keeps_the_columns() {
        let view: ReportView = read_view(&[
            ("report", "secrets"),
            ("columns", "number"),
            ("f1", "status:like:x"),
            ("f2", "status:equals:new"),
        ]);
        assert_eq!(view.report, ReportKindDto::Cases);
        assert_eq!(view.query.filters.len(), 1);
        assert!(view.is_filtered());
        assert_eq!(
            view.cleared().href(),
            "/reports?report=cases&columns=number"
        );
    }
}

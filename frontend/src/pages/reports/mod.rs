//! `/reports`: the predefined reports a user customises (columns, filters,
//! sort, grouping), saves as views, exports, and sees as charts.

pub mod charts;
mod columns;
mod digest;
mod export;
mod filters;
mod order;
pub mod reports_page;
mod table;
mod views;

use crate::components::list::ListPage;
use crate::query::{wire_name, ReportView};
use api_types::{ReportKindDto, ReportQueryDto, ReportRowsResponse};
use domain::report::{Column, Report, ReportKind};

/// The page's list: its view (the URL's) and the rows the server answered.
pub type ReportList = ListPage<ReportView, ReportRowsResponse>;

/// The definition of `report` (the domain's, shared with the server).
pub fn definition(report: ReportKindDto) -> &'static Report {
    let kind = wire_name(&report)
        .parse::<ReportKind>()
        .unwrap_or(ReportKind::Cases);
    domain::report::report(kind)
}

/// The columns `view` shows, in order: its own, else its report's defaults.
pub fn shown_columns(view: &ReportView) -> Vec<&'static Column> {
    let report = definition(view.report);
    let keys: Vec<&str> = if view.query.columns.is_empty() {
        report.default_columns.to_vec()
    } else {
        view.query.columns.iter().map(String::as_str).collect()
    };
    keys.into_iter().filter_map(|k| report.column(k)).collect()
}

/// `view` with its columns written out (so they can be reordered), changed
/// by `change`.
pub fn with_columns(view: &ReportView, change: impl FnOnce(&mut Vec<String>)) -> ReportView {
    let mut keys: Vec<String> = shown_columns(view)
        .iter()
        .map(|c| c.key.to_owned())
        .collect();
    change(&mut keys);
    view.changed(|q| q.columns = keys)
}

/// The query of `view` without the columns its report does not have (a
/// link written by hand, or saved before a column was renamed): the page
/// shows the rest rather than the server's refusal of the whole.
pub fn known_query(view: &ReportView) -> ReportQueryDto {
    let report = definition(view.report);
    let known = |key: &str| report.column(key).is_some();
    let mut query = view.query.clone();
    query.columns.retain(|k| known(k));
    query.filters.retain(|f| known(&f.column));
    query.sort.retain(|s| known(&s.column));
    query.group_by = query.group_by.filter(|g| known(g));
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_the_report_does_not_have_are_left_out_of_the_request() {
        let view = ReportView::default().changed(|q| {
            q.columns = vec!["number".into(), "password_hash".into()];
            q.sort = vec![api_types::ReportSortDto {
                column: "salary".into(),
                order: api_types::SortOrder::Asc,
            }];
            q.group_by = Some("nothing".into());
        });
        let query = known_query(&view);
        assert_eq!(query.columns, ["number"]);
        assert!(query.sort.is_empty() && query.group_by.is_none());
    }

    #[test]
    fn a_view_without_columns_shows_its_reports_defaults_and_can_reorder_them() {
        let view = ReportView::other_report(ReportKindDto::Contracts);
        let keys: Vec<_> = shown_columns(&view).iter().map(|c| c.key).collect();
        assert_eq!(keys, definition(ReportKindDto::Contracts).default_columns);
        let moved = with_columns(&view, |keys| keys.swap(0, 1));
        assert_eq!(moved.query.columns[..2], ["service_type", "number"]);
    }

    #[test]
    fn every_report_of_the_wire_has_its_definition() {
        for report in [
            ReportKindDto::Cases,
            ReportKindDto::InstalledProducts,
            ReportKindDto::Contracts,
            ReportKindDto::PlannedEvents,
        ] {
            assert_eq!(wire_name(&report), definition(report).kind.as_str());
        }
    }
}

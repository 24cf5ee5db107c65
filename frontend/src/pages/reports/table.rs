//! The rows: a table whose headings sort, with a heading row where each
//! group starts, or a card a row on a phone; the groups' counts above.

use super::definition;
use super::order::{first_sort, sorted_by};
use crate::components::list::{card_list, data_table, fact, results_view, sort_header, Shown};
use crate::format::{format_date, format_date_time, Dates};
use crate::i18n::fill;
use crate::i18n::report_texts::{ReportTexts, REPORT_TEXTS};
use crate::query::{ListView, ReportView};
use crate::state::auth::use_auth;
use api_types::{ReportCellDto, ReportColumnDto, ReportGroupDto, ReportRowsResponse};
use chrono::{DateTime, NaiveDate, Utc};
use domain::report::{choice_label, ColumnType, Report};
use domain::Language;
use leptos::prelude::*;

/// Columns whose values are identifiers: kept on one line.
const IDENTS: &[&str] = &["number", "serial_number", "product_number", "po_number"];

/// A cell as the reader writes it: dates and times in their format and
/// zone, choices in words, numbers with their decimal sign.
pub fn cell_text(
    kind: ColumnType,
    cell: Option<&ReportCellDto>,
    language: Language,
    dates: &Dates,
) -> String {
    let Some(cell) = cell else {
        return String::new();
    };
    match (kind, cell) {
        (ColumnType::Number, ReportCellDto::Number(n)) => {
            let text = format!("{:.1}", n.as_f64().unwrap_or_default());
            match language {
                Language::Nl => text.replace('.', ","),
                _ => text,
            }
        }
        (_, ReportCellDto::Number(n)) => n.to_string(),
        (ColumnType::Date, ReportCellDto::Text(s)) => s
            .parse::<NaiveDate>()
            .map_or_else(|_| s.clone(), |d| format_date(d, dates.0)),
        (ColumnType::DateTime, ReportCellDto::Text(s)) => s.parse::<DateTime<Utc>>().map_or_else(
            |_| s.clone(),
            |at| format_date_time(at, &dates.2, dates.0, dates.1),
        ),
        (ColumnType::Choice(_), ReportCellDto::Text(s)) => choice_label(s, language).to_owned(),
        (_, ReportCellDto::Text(s)) => s.clone(),
    }
}

fn cell_class(key: &str, kind: ColumnType) -> Option<&'static str> {
    match kind {
        ColumnType::Date | ColumnType::DateTime => Some("date"),
        ColumnType::Integer | ColumnType::Number => Some("numeric"),
        _ => IDENTS.contains(&key).then_some("ident"),
    }
}

/// The groups' counts (with `group_by`), the rows, and the pager.
pub fn results(shown: Shown<ReportView, ReportRowsResponse>) -> AnyView {
    let auth = use_auth();
    let (t, language, dates) = (shown.t, auth.language(), shown.dates.clone());
    let texts = REPORT_TEXTS.of(t);
    let write = Writer {
        texts,
        language,
        dates: &dates,
    };
    let report = definition(shown.view.report);
    let columns = columns_of(report, &shown.page.columns, language);
    let group_key = shown.view.query.group_by.clone();
    let group_kind = group_key
        .as_deref()
        .and_then(|k| report.column(k))
        .map(|c| (c.label(language), c.kind));
    let groups = shown.page.groups.clone();
    let empty = shown.empty_text(texts.rows_none, texts.rows_empty);
    let (view, stale, narrow) = (shown.view.clone(), shown.stale, shown.narrow);
    let (rows, pages) = crate::components::list::Paged::into_parts(shown.page);

    let groups_view = group_kind.map(|(label, kind)| groups_table(write, label, kind, &groups));
    let body = if rows.is_empty() {
        view! { <p class="empty-state">{empty}</p> }.into_any()
    } else if narrow {
        report_cards(write, &columns, rows)
    } else {
        report_table(write, &view, &columns, rows, group_key, &groups)
    };
    view! {
        {groups_view}
        {results_view(t, stale, body, pages, &|n| view.with_page(n).href())}
    }
    .into_any()
}

/// A column as the rows show it: its key, type and label.
type Column = (String, ColumnType, &'static str);

/// A row of cells, a value per column.
type Row = Vec<Option<ReportCellDto>>;

/// What writing a cell takes: the reader's language and formats, and the
/// report's texts (for a blank group).
#[derive(Clone, Copy)]
struct Writer<'a> {
    texts: &'static ReportTexts,
    language: Language,
    dates: &'a Dates,
}

impl Writer<'_> {
    /// A cell as the reader writes it ([`cell_text`]).
    fn cell(self, kind: ColumnType, cell: Option<&ReportCellDto>) -> String {
        cell_text(kind, cell, self.language, self.dates)
    }

    /// A group's value, or "no value" for the group of blanks.
    fn group_value(self, kind: ColumnType, value: Option<&ReportCellDto>) -> String {
        let value = self.cell(kind, value);
        if value.is_empty() {
            self.texts.no_value.to_owned()
        } else {
            value
        }
    }
}

/// The answer's columns, with types and labels from the shared definitions,
/// as the server has them.
fn columns_of(report: &Report, columns: &[ReportColumnDto], language: Language) -> Vec<Column> {
    columns
        .iter()
        .map(|c| {
            let (kind, label) = report
                .column(&c.key)
                .map_or((ColumnType::Text, ""), |d| (d.kind, d.label(language)));
            (c.key.clone(), kind, label)
        })
        .collect()
}

/// The groups' counts, in a table of their own above the rows.
fn groups_table(
    write: Writer,
    label: &'static str,
    kind: ColumnType,
    groups: &[ReportGroupDto],
) -> impl IntoView {
    let texts = write.texts;
    let items = groups
        .iter()
        .map(|g| {
            let value = write.group_value(kind, g.value.as_ref());
            view! { <tr><th scope="row">{value}</th><td class="numeric">{g.count}</td></tr> }
        })
        .collect_view();
    view! {
        <table class="report-groups">
            <caption>{fill(texts.groups_caption, &[("column", label)])}</caption>
            <thead><tr><th scope="col">{label}</th><th scope="col">{texts.group_count}</th></tr></thead>
            <tbody>{items}</tbody>
        </table>
    }
}

/// The rows on a phone: a card a row, a fact a column.
fn report_cards(write: Writer, columns: &[Column], rows: Vec<Row>) -> AnyView {
    let cards = rows
        .into_iter()
        .map(|row| {
            let facts = columns
                .iter()
                .zip(row)
                .map(|((_, kind, label), cell)| fact(label, write.cell(*kind, cell.as_ref())))
                .collect_view();
            view! { <li class="card report-card"><dl class="facts">{facts}</dl></li> }
        })
        .collect_view();
    card_list(cards.into_any())
}

/// The rows in a table whose headings sort, with a heading row where each
/// group (`group_key`'s value) starts.
fn report_table(
    write: Writer,
    view: &ReportView,
    columns: &[Column],
    rows: Vec<Row>,
    group_key: Option<String>,
    groups: &[ReportGroupDto],
) -> AnyView {
    let (sorted, order) = first_sort(view);
    let heads = columns
        .iter()
        .map(|(key, _, label)| {
            let order = (*key == sorted).then_some(order);
            sort_header(sorted_by(view, key).href(), label, order)
        })
        .collect_view()
        .into_any();
    let group_at = group_key.and_then(|g| columns.iter().position(|(k, _, _)| *k == g));
    let mut last_group: Option<Option<ReportCellDto>> = None;
    let width = columns.len();
    let body = rows
        .into_iter()
        .map(|row| {
            let starts = group_at.and_then(|at| {
                let value = row.get(at).cloned().flatten();
                (last_group.as_ref() != Some(&value)).then(|| {
                    last_group = Some(value.clone());
                    group_row(write, &columns[at], value, groups, width)
                })
            });
            let cells = columns
                .iter()
                .zip(row)
                .map(|((key, kind, _), cell)| {
                    let text = write.cell(*kind, cell.as_ref());
                    view! { <td class=cell_class(key, *kind)>{text}</td> }
                })
                .collect_view();
            view! { {starts} <tr>{cells}</tr> }
        })
        .collect_view()
        .into_any();
    data_table("data-table report-table", heads, body)
}

/// The heading row where a group starts: its column, value and count.
fn group_row(
    write: Writer,
    column: &Column,
    value: Option<ReportCellDto>,
    groups: &[ReportGroupDto],
    width: usize,
) -> impl IntoView {
    let (_, kind, label) = column;
    let count = groups
        .iter()
        .find(|g| g.value == value)
        .map_or(0, |g| g.count);
    let text = write.group_value(*kind, value.as_ref());
    let heading = fill(
        write.texts.group_heading,
        &[
            ("column", label),
            ("value", &text),
            ("n", &count.to_string()),
        ],
    );
    view! { <tr class="group-row"><th scope="colgroup" colspan=width>{heading}</th></tr> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_in_the_readers_format_and_language() {
        let dates: Dates = (
            domain::DateFormat::DayMonthYear,
            domain::TimeFormat::H24,
            "UTC".into(),
        );
        let text = |s: &str| ReportCellDto::Text(s.into());
        // Instants go through the browser's Intl (not on the host); a text
        // that is no instant stays as it is.
        let odd = text("soon");
        assert_eq!(
            cell_text(ColumnType::DateTime, Some(&odd), Language::En, &dates),
            "soon"
        );
        let day = text("2027-01-31");
        assert_eq!(
            cell_text(ColumnType::Date, Some(&day), Language::En, &dates),
            "31-01-2027"
        );
        let status = text("in_process");
        assert_eq!(
            cell_text(
                ColumnType::Choice(&["in_process"]),
                Some(&status),
                Language::Nl,
                &dates
            ),
            "In behandeling"
        );
        let hours = ReportCellDto::Number(serde_json::Number::from_f64(2.26).unwrap());
        assert_eq!(
            cell_text(ColumnType::Number, Some(&hours), Language::Nl, &dates),
            "2,3"
        );
        assert_eq!(cell_text(ColumnType::Text, None, Language::En, &dates), "");
    }
}

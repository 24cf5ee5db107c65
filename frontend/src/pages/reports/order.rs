//! Which report, and how its rows are grouped and sorted.

use super::{definition, ReportList};
use crate::i18n::report_texts::REPORT_TEXTS;
use crate::query::{from_wire, wire_name, ReportView};
use crate::state::auth::use_auth;
use api_types::{ReportKindDto, ReportSortDto, SortOrder};
use domain::report::{Direction, REPORTS};
use leptos::ev::Event;
use leptos::prelude::*;

/// The reports to choose from.
#[component]
pub fn ReportPicker(list: ReportList) -> impl IntoView {
    let auth = use_auth();
    let current = list.current;
    let on_change = move |ev: Event| {
        if let Some(report) = from_wire::<ReportKindDto>(&event_target_value(&ev)) {
            list.go(&ReportView::other_report(report));
        }
    };
    view! {
        <div class="report-picker field">
            <label for="report-choice">{move || REPORT_TEXTS.of(list.t.get()).report_label}</label>
            <select id="report-choice" on:change=on_change>
                {move || {
                    let language = auth.language();
                    REPORTS.iter().map(|report| {
                        let value = report.kind.as_str();
                        let selected = move || current.with(|v| wire_name(&v.report) == value);
                        view! { <option value=value prop:selected=selected>{report.title(language)}</option> }
                    }).collect_view()
                }}
            </select>
        </div>
    }
}

/// The column to group by, and the first sort.
#[component]
pub fn GroupAndSort(list: ReportList) -> impl IntoView {
    let auth = use_auth();
    let current = list.current;
    let on_group = move |ev: Event| {
        let key = event_target_value(&ev);
        let view = current.get_untracked();
        list.go(&view.changed(|q| q.group_by = (!key.is_empty()).then_some(key)));
    };
    let on_sort = move |ev: Event| {
        let key = event_target_value(&ev);
        let view = current.get_untracked();
        let order = first_sort(&view).1;
        list.go(&view.changed(|q| q.sort = vec![ReportSortDto { column: key, order }]));
    };
    let on_order = move |ev: Event| {
        let order = from_wire::<SortOrder>(&event_target_value(&ev)).unwrap_or_default();
        let view = current.get_untracked();
        let column = first_sort(&view).0;
        list.go(&view.changed(|q| q.sort = vec![ReportSortDto { column, order }]));
    };
    // The options follow the report and the language; which is chosen, the view.
    let column_options = move |chosen: fn(&ReportView) -> Option<String>| {
        let language = auth.language();
        let view = current.get();
        let picked = chosen(&view);
        definition(view.report)
            .columns
            .iter()
            .map(|c| {
                let selected = picked.as_deref() == Some(c.key);
                view! { <option value=c.key selected=selected>{c.label(language)}</option> }
            })
            .collect_view()
    };
    view! {
        {move || {
            let texts = REPORT_TEXTS.of(list.t.get());
            let view = current.get();
            let order = first_sort(&view).1;
            view! {
                <div class="report-order">
                    <div class="field">
                        <label for="report-group">{texts.group_label}</label>
                        <select id="report-group" on:change=on_group>
                            <option value="" selected=view.query.group_by.is_none()>{texts.no_grouping}</option>
                            {column_options(|v| v.query.group_by.clone())}
                        </select>
                    </div>
                    <div class="field">
                        <label for="report-sort">{texts.sort_label}</label>
                        <select id="report-sort" on:change=on_sort>
                            {column_options(|v| Some(first_sort(v).0))}
                        </select>
                    </div>
                    <div class="field">
                        <label for="report-order">{texts.order_label}</label>
                        <select id="report-order" on:change=on_order>
                            <option value="asc" selected=order == SortOrder::Asc>{texts.ascending}</option>
                            <option value="desc" selected=order == SortOrder::Desc>{texts.descending}</option>
                        </select>
                    </div>
                </div>
            }
        }}
    }
}

/// The column and order the rows are sorted by first: the view's, else its
/// report's.
pub fn first_sort(view: &ReportView) -> (String, SortOrder) {
    match view.query.sort.first() {
        Some(sort) => (sort.column.clone(), sort.order),
        None => {
            let (key, direction) = definition(view.report).default_sort;
            let order = match direction {
                Direction::Asc => SortOrder::Asc,
                Direction::Desc => SortOrder::Desc,
            };
            (key.to_owned(), order)
        }
    }
}

/// The view sorted by `key`: the other way round when it is sorted so
/// already, else ascending (a column heading's link).
pub fn sorted_by(view: &ReportView, key: &str) -> ReportView {
    let (column, order) = first_sort(view);
    let order = if column == key && order == SortOrder::Asc {
        SortOrder::Desc
    } else {
        SortOrder::Asc
    };
    view.changed(|q| {
        q.sort = vec![ReportSortDto {
            column: key.to_owned(),
            order,
        }];
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_sorts_ascending_then_the_other_way_round() {
        let view = ReportView::default();
        assert_eq!(
            first_sort(&view),
            ("created_at".to_owned(), SortOrder::Desc)
        );
        let by_number = sorted_by(&view, "number");
        assert_eq!(
            first_sort(&by_number),
            ("number".to_owned(), SortOrder::Asc)
        );
        let again = sorted_by(&by_number, "number");
        assert_eq!(first_sort(&again), ("number".to_owned(), SortOrder::Desc));
    }
}

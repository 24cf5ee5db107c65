//! The filters: a chip each (saying what it keeps, with a button to remove
//! it), and the form that adds one, whose fields follow the column's type.

use super::{definition, ReportList};
use crate::format::{format_date, Dates};
use crate::i18n::fill;
use crate::i18n::report_texts::{ReportTexts, REPORT_TEXTS};
use crate::query::from_wire;
use crate::state::auth::use_auth;
use api_types::{ReportFilterDto, ReportFilterOp};
use chrono::NaiveDate;
use domain::report::{choice_label, Column, ColumnType, FilterOp};
use domain::Language;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// What the add-filter form's fields hold, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FilterInputs {
    pub value: String,
    pub values: Vec<String>,
    pub low: String,
    pub high: String,
    /// Within days: the coming days rather than the past ones.
    pub ahead: bool,
}

/// Why the form's fields make no filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputProblem {
    Missing,
    NotANumber,
    Backwards,
}

/// The filter `op` on `column` that `inputs` ask for.
pub fn build_filter(
    column: &Column,
    op: FilterOp,
    inputs: &FilterInputs,
) -> Result<ReportFilterDto, InputProblem> {
    let mut filter = ReportFilterDto {
        column: column.key.to_owned(),
        op: from_wire::<ReportFilterOp>(op.as_str()),
        ..ReportFilterDto::default()
    };
    let (low, high) = (inputs.low.trim(), inputs.high.trim());
    let number = |s: &str| -> Result<Option<f64>, InputProblem> {
        if s.is_empty() {
            return Ok(None);
        }
        s.replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(Some)
            .ok_or(InputProblem::NotANumber)
    };
    let date = |s: &str| {
        (!s.is_empty())
            .then(|| s.parse::<NaiveDate>().ok())
            .flatten()
    };
    match (op, column.kind) {
        (FilterOp::OneOf, ColumnType::Choice(_)) => filter.values = inputs.values.clone(),
        (FilterOp::OneOf, _) => {
            filter.values = inputs
                .value
                .split(',')
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .collect();
        }
        (FilterOp::Between, ColumnType::Date | ColumnType::DateTime) => {
            (filter.from, filter.to) = (date(low), date(high));
            if matches!((filter.from, filter.to), (Some(f), Some(t)) if f > t) {
                return Err(InputProblem::Backwards);
            }
        }
        (FilterOp::Between, _) => {
            (filter.min, filter.max) = (number(low)?, number(high)?);
            if matches!((filter.min, filter.max), (Some(l), Some(h)) if l > h) {
                return Err(InputProblem::Backwards);
            }
        }
        (FilterOp::WithinDays, _) => {
            if low.is_empty() {
                return Err(InputProblem::Missing);
            }
            let days = i32::from(low.parse::<u16>().map_err(|_| InputProblem::NotANumber)?);
            (filter.from_days, filter.to_days) = if inputs.ahead {
                (Some(0), Some(days))
            } else {
                (Some(-days), Some(0))
            };
        }
        _ => filter.value = Some(inputs.value.trim().to_owned()).filter(|v| !v.is_empty()),
    }
    let empty = filter.value.is_none()
        && filter.values.is_empty()
        && filter.min.is_none()
        && filter.max.is_none()
        && filter.from.is_none()
        && filter.to.is_none()
        && filter.from_days.is_none();
    if empty {
        Err(InputProblem::Missing)
    } else {
        Ok(filter)
    }
}

/// What a filter keeps, in words: "Status is one of New, Fixed".
pub fn describe(
    t: &ReportTexts,
    column: Option<&Column>,
    filter: &ReportFilterDto,
    language: Language,
    dates: &Dates,
) -> String {
    let label = column.map_or(filter.column.as_str(), |c| c.label(language));
    let is_choice = matches!(column.map(|c| c.kind), Some(ColumnType::Choice(_)));
    let word = |v: &str| {
        if is_choice {
            choice_label(v, language).to_owned()
        } else {
            format!("“{v}”")
        }
    };
    let day = |d: Option<NaiveDate>| d.map(|d| format_date(d, dates.0));
    let number = |n: Option<f64>| n.map(|n| n.to_string());
    let range = |low: Option<String>, high: Option<String>| match (low, high) {
        (Some(l), Some(h)) => fill(t.chip_between, &[("low", &l), ("high", &h)]),
        (Some(l), None) => fill(t.chip_at_least, &[("low", &l)]),
        (None, Some(h)) => fill(t.chip_at_most, &[("high", &h)]),
        (None, None) => String::new(),
    };
    let what = match filter.op {
        Some(ReportFilterOp::Contains) => fill(
            t.chip_contains,
            &[("value", &word(filter.value.as_deref().unwrap_or_default()))],
        ),
        Some(ReportFilterOp::Equals) => fill(
            t.chip_equals,
            &[("value", &word(filter.value.as_deref().unwrap_or_default()))],
        ),
        Some(ReportFilterOp::OneOf) => {
            let values: Vec<String> = filter.values.iter().map(|v| word(v)).collect();
            fill(t.chip_one_of, &[("values", &values.join(", "))])
        }
        Some(ReportFilterOp::Between) if filter.from.is_some() || filter.to.is_some() => {
            range(day(filter.from), day(filter.to))
        }
        Some(ReportFilterOp::Between) => range(number(filter.min), number(filter.max)),
        Some(ReportFilterOp::WithinDays) => match (filter.from_days, filter.to_days) {
            (Some(from), Some(0)) if from <= 0 => {
                fill(t.chip_last_days, &[("n", &(-from).to_string())])
            }
            (Some(0), Some(to)) => fill(t.chip_next_days, &[("n", &to.to_string())]),
            (from, to) => fill(
                t.chip_days_between,
                &[
                    ("low", &from.unwrap_or_default().to_string()),
                    ("high", &to.unwrap_or_default().to_string()),
                ],
            ),
        },
        None => String::new(),
    };
    format!("{label} {what}")
}

#[component]
pub fn FilterBar(list: ReportList) -> impl IntoView {
    let auth = use_auth();
    let current = list.current;
    let chips = move || {
        let texts = REPORT_TEXTS.of(list.t.get());
        let (language, dates) = (auth.language(), auth.dates());
        let view = current.get();
        let report = definition(view.report);
        view.query
            .filters
            .iter()
            .enumerate()
            .map(|(i, filter)| {
                let text = describe(texts, report.column(&filter.column), filter, language, &dates);
                let label = fill(texts.remove_filter, &[("filter", &text)]);
                let remove = move |_| {
                    let view = current.get_untracked();
                    list.go(&view.changed(|q| {
                        q.filters.remove(i);
                    }));
                };
                view! {
                    <li class="chip">
                        <span>{text}</span>
                        <button type="button" class="chip-remove" aria-label=label on:click=remove>"×"</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="report-filters">
            <h3>{move || REPORT_TEXTS.of(list.t.get()).filters_heading}</h3>
            {move || current.with(|v| v.query.filters.is_empty()).then(|| view! {
                <p class="field-help">{REPORT_TEXTS.of(list.t.get()).no_filters}</p>
            })}
            <ul class="filter-chips" aria-live="polite">{chips}</ul>
            <AddFilter list=list/>
        </div>
    }
}

/// The form that adds a filter.
#[component]
fn AddFilter(list: ReportList) -> impl IntoView {
    let auth = use_auth();
    let current = list.current;
    let column_key = RwSignal::new(String::new());
    let op = RwSignal::new(String::new());
    let inputs = RwSignal::new(FilterInputs::default());
    let problem = RwSignal::new(None::<InputProblem>);
    // The chosen column of the current report (its first until one is chosen).
    let column = Memo::new(move |_| {
        let report = definition(current.with(|v| v.report));
        column_key
            .with(|k| report.column(k))
            .unwrap_or(&report.columns[0])
    });
    let chosen_op = Memo::new(move |_| {
        let ops = column.get().kind.filter_ops();
        op.with(|o| ops.iter().copied().find(|f| f.as_str() == o))
            .unwrap_or(ops[0])
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match build_filter(
            column.get_untracked(),
            chosen_op.get_untracked(),
            &inputs.get_untracked(),
        ) {
            Ok(filter) => {
                problem.set(None);
                inputs.set(FilterInputs::default());
                let view = current.get_untracked();
                list.go(&view.changed(|q| q.filters.push(filter)));
            }
            Err(why) => problem.set(Some(why)),
        }
    };
    let texts = move || REPORT_TEXTS.of(list.t.get());
    view! {
        <form class="add-filter" on:submit=on_submit aria-labelledby="add-filter-heading" novalidate>
            <h4 id="add-filter-heading" class="visually-hidden">{move || texts().add_filter}</h4>
            <div class="field">
                <label for="filter-column">{move || texts().filter_column}</label>
                <select id="filter-column" on:change=move |ev| {
                    column_key.set(event_target_value(&ev));
                    op.set(String::new());
                    inputs.set(FilterInputs::default());
                }>
                    {move || {
                        let language = auth.language();
                        let chosen = column.get().key;
                        definition(current.with(|v| v.report)).columns.iter().map(|c| view! {
                            <option value=c.key selected=c.key == chosen>{c.label(language)}</option>
                        }).collect_view()
                    }}
                </select>
            </div>
            <div class="field">
                <label for="filter-op">{move || texts().filter_condition}</label>
                <select id="filter-op" on:change=move |ev| op.set(event_target_value(&ev))>
                    {move || {
                        let (texts, chosen) = (texts(), chosen_op.get());
                        column.get().kind.filter_ops().iter().map(|o| view! {
                            <option value=o.as_str() selected=*o == chosen>{op_name(texts, *o)}</option>
                        }).collect_view()
                    }}
                </select>
            </div>
            {move || value_fields(texts(), auth.language(), column.get(), chosen_op.get(), inputs)}
            <button type="submit" class="button-primary">{move || texts().add_filter}</button>
            <div class="form-live" aria-live="polite">
                {move || problem.get().map(|why| view! {
                    <p class="form-error" role="alert">{problem_text(texts(), why)}</p>
                })}
            </div>
        </form>
    }
}

fn op_name(t: &'static ReportTexts, op: FilterOp) -> &'static str {
    match op {
        FilterOp::Contains => t.op_contains,
        FilterOp::Equals => t.op_equals,
        FilterOp::OneOf => t.op_one_of,
        FilterOp::Between => t.op_between,
        FilterOp::WithinDays => t.op_within_days,
    }
}

fn problem_text(t: &'static ReportTexts, why: InputProblem) -> &'static str {
    match why {
        InputProblem::Missing => t.filter_missing,
        InputProblem::NotANumber => t.filter_not_a_number,
        InputProblem::Backwards => t.filter_backwards,
    }
}

/// The fields of a filter's value, as its column's type and the filter want.
fn value_fields(
    t: &'static ReportTexts,
    language: Language,
    column: &'static Column,
    op: FilterOp,
    inputs: RwSignal<FilterInputs>,
) -> AnyView {
    let is_date = matches!(column.kind, ColumnType::Date | ColumnType::DateTime);
    match (op, column.kind) {
        (FilterOp::OneOf | FilterOp::Equals, ColumnType::Choice(choices)) => {
            choice_fields(t, language, choices, op == FilterOp::OneOf, inputs)
        }
        (FilterOp::Between, _) if is_date => view! {
            {text_field(inputs, "filter-from", t.filter_from_date, "date", |i| &mut i.low)}
            {text_field(inputs, "filter-to", t.filter_to_date, "date", |i| &mut i.high)}
        }
        .into_any(),
        (FilterOp::Between, _) => view! {
            {text_field(inputs, "filter-min", t.filter_min, "number", |i| &mut i.low)}
            {text_field(inputs, "filter-max", t.filter_max, "number", |i| &mut i.high)}
        }
        .into_any(),
        (FilterOp::WithinDays, _) => within_days_fields(t, inputs),
        (FilterOp::Equals, ColumnType::Integer | ColumnType::Number) => {
            text_field(inputs, "filter-value", t.filter_value, "number", |i| {
                &mut i.value
            })
        }
        (FilterOp::OneOf, _) => view! {
            {text_field(inputs, "filter-value", t.filter_values_text, "text", |i| &mut i.value)}
        }
        .into_any(),
        _ => text_field(inputs, "filter-value", t.filter_value, "text", |i| {
            &mut i.value
        }),
    }
}

/// A labelled input (`kind`, element id `id`) for one of the typed values,
/// which `field` picks.
fn text_field(
    inputs: RwSignal<FilterInputs>,
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    field: fn(&mut FilterInputs) -> &mut String,
) -> AnyView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type=kind
                prop:value=move || inputs.with(|i| field(&mut i.clone()).clone())
                on:input=move |ev| inputs.update(|i| *field(i) = event_target_value(&ev))/>
        </div>
    }
    .into_any()
}

/// A box for each of a choice column's `choices`: checkboxes for `many`
/// (one of), else radios (equals).
fn choice_fields(
    t: &'static ReportTexts,
    language: Language,
    choices: &'static [&'static str],
    many: bool,
    inputs: RwSignal<FilterInputs>,
) -> AnyView {
    let boxes = choices
        .iter()
        .map(|choice| {
            let value = (*choice).to_owned();
            let checked = {
                let value = value.clone();
                move || inputs.with(|i| i.values.contains(&value) || i.value == value)
            };
            let on_change = move |_| {
                inputs.update(|i| {
                    if many {
                        if let Some(at) = i.values.iter().position(|v| *v == value) {
                            i.values.remove(at);
                        } else {
                            i.values.push(value.clone());
                        }
                    } else {
                        i.value = value.clone();
                    }
                })
            };
            let kind = if many { "checkbox" } else { "radio" };
            view! {
                <label class="choice">
                    <input type=kind name="filter-choice" prop:checked=checked on:change=on_change/>
                    {choice_label(choice, language).to_owned()}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="filter-choices">
            <legend>{t.filter_values}</legend>
            {boxes}
        </fieldset>
    }
    .into_any()
}

/// Within days: the last or the next, and how many.
fn within_days_fields(t: &'static ReportTexts, inputs: RwSignal<FilterInputs>) -> AnyView {
    let ahead = move |ev: leptos::ev::Event| {
        inputs.update(|i| i.ahead = event_target_value(&ev) == "next");
    };
    view! {
        <div class="field">
            <label for="filter-when">{t.filter_when}</label>
            <select id="filter-when" on:change=ahead>
                <option value="last" selected=move || !inputs.with(|i| i.ahead)>{t.filter_last}</option>
                <option value="next" selected=move || inputs.with(|i| i.ahead)>{t.filter_next}</option>
            </select>
        </div>
        {text_field(inputs, "filter-days", t.filter_days, "number", |i| &mut i.low)}
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::report::{report, ReportKind};

    fn cases_column(key: &str) -> &'static Column {
        report(ReportKind::Cases).column(key).unwrap()
    }

    fn inputs(value: &str, low: &str, high: &str) -> FilterInputs {
        FilterInputs {
            value: value.into(),
            low: low.into(),
            high: high.into(),
            ..FilterInputs::default()
        }
    }

    #[test]
    fn the_forms_fields_make_the_filter_the_api_takes() {
        let title = build_filter(
            cases_column("title"),
            FilterOp::Contains,
            &inputs(" coil ", "", ""),
        )
        .unwrap();
        assert_eq!(title.value.as_deref(), Some("coil"));
        let priority = build_filter(
            cases_column("priority"),
            FilterOp::Between,
            &inputs("", "1", ""),
        )
        .unwrap();
        assert_eq!((priority.min, priority.max), (Some(1.0), None));
        let hours = build_filter(
            cases_column("hours_to_fix"),
            FilterOp::Between,
            &inputs("", "", "2,5"),
        )
        .unwrap();
        assert_eq!(hours.max, Some(2.5));
        let last = build_filter(
            cases_column("created_at"),
            FilterOp::WithinDays,
            &inputs("", "30", ""),
        )
        .unwrap();
        assert_eq!((last.from_days, last.to_days), (Some(-30), Some(0)));
        let opened = build_filter(
            cases_column("created_at"),
            FilterOp::Between,
            &inputs("", "2026-01-01", ""),
        )
        .unwrap();
        assert_eq!(opened.from, NaiveDate::from_ymd_opt(2026, 1, 1));
    }

    #[test]
    fn empty_backwards_or_wordy_numbers_are_refused_before_asking_the_server() {
        use FilterOp::{Between, Contains, OneOf, WithinDays};
        use InputProblem::{Backwards, Missing, NotANumber};
        for (key, op, i, problem) in [
            ("title", Contains, inputs("  ", "", ""), Missing),
            ("priority", Between, inputs("", "3", "1"), Backwards),
            ("priority", Between, inputs("", "high", ""), NotANumber),
            ("status", OneOf, inputs("", "", ""), Missing),
            ("created_at", WithinDays, inputs("", "", ""), Missing),
        ] {
            let refused = build_filter(cases_column(key), op, &i).unwrap_err();
            assert_eq!(refused, problem, "{key} {op:?}");
        }
    }

    #[test]
    fn a_chip_says_what_its_filter_keeps_in_the_readers_words() {
        let t = crate::i18n::report_texts::REPORT_TEXTS.of(crate::i18n::texts(Language::En));
        let dates: Dates = (
            domain::DateFormat::DayMonthYear,
            domain::TimeFormat::H24,
            "UTC".into(),
        );
        let status = ReportFilterDto {
            column: "status".into(),
            op: Some(ReportFilterOp::OneOf),
            values: vec!["new".into(), "in_process".into()],
            ..ReportFilterDto::default()
        };
        let chip = |key, filter: &ReportFilterDto| {
            describe(t, Some(cases_column(key)), filter, Language::En, &dates)
        };
        assert_eq!(chip("status", &status), "Status is one of New, In process");
        let opened = build_filter(
            cases_column("created_at"),
            FilterOp::Between,
            &inputs("", "2026-01-31", ""),
        )
        .unwrap();
        assert_eq!(chip("created_at", &opened), "Opened from 31-01-2026");
    }
}

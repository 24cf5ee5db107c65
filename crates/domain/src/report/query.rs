//! A customised report as asked for, and the checked form the server runs:
//! every column known, every filter fitting its column's type, relative
//! dates resolved against the reader's today and zone.

use super::{Column, ColumnType, Report};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// More filters or sorts than this is not a report anyone reads.
pub const MAX_FILTERS: usize = 20;
pub const MAX_SORTS: usize = 5;
/// How far a relative date may reach (about a century).
const MAX_DAYS: i32 = 36_600;
const MAX_VALUES: usize = 50;
const MAX_TEXT: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Asc,
    Desc,
}

crate::text_enum! {
    /// How a filter compares; which ones a column takes depends on its type.
    pub enum FilterOp / UnknownFilterOp {
        /// Text: the value appears anywhere, any case.
        Contains = "contains",
        /// Text, choice and numbers: exactly the value.
        Equals = "equals",
        /// Text and choice: any of the values.
        OneOf = "one_of",
        /// Numbers (`min`, `max`) and dates (`from`, `to`), bounds included.
        Between = "between",
        /// Dates: from `from_days` to `to_days` days from today, bounds included.
        WithinDays = "within_days",
    }
}

/// One filter as asked for; which fields count depends on `op`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FilterInput {
    pub column: String,
    pub op: Option<FilterOp>,
    pub value: Option<String>,
    pub values: Vec<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub from_days: Option<i32>,
    pub to_days: Option<i32>,
}

/// A customised report as asked for. No columns means the report's own.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueryInput {
    pub columns: Vec<String>,
    pub filters: Vec<FilterInput>,
    pub sort: Vec<(String, Direction)>,
    pub group_by: Option<String>,
}

/// A filter in the form the SQL takes. Text comparisons ignore case.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    Contains(String),
    Equals(String),
    OneOf(Vec<String>),
    IntegersBetween(Option<i64>, Option<i64>),
    NumbersBetween(Option<f64>, Option<f64>),
    /// Both bounds included.
    DatesBetween(Option<NaiveDate>, Option<NaiveDate>),
    /// From the first instant (included) to the second (excluded).
    InstantsBetween(Option<DateTime<Utc>>, Option<DateTime<Utc>>),
}

/// A query every part of which the report knows.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidQuery {
    pub report: &'static Report,
    pub columns: Vec<&'static Column>,
    pub filters: Vec<(&'static Column, Condition)>,
    /// Never empty: the report's own sort when none was asked for.
    pub sort: Vec<(&'static Column, Direction)>,
    pub group_by: Option<&'static Column>,
}

/// Why a part of a query is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    UnknownColumn,
    /// The column is named twice where once is all it can be.
    Repeated,
    /// The filter does not apply to the column's type.
    FilterNotForColumn,
    Required,
    /// A value the column cannot hold (not a number, not one of its choices).
    InvalidValue,
    /// A lower bound above the upper one, or a bound out of reach.
    OutOfRange,
    TooMany,
}

/// A refused part, named as in the request (`filters[1].value`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryProblem {
    pub field: String,
    pub problem: Problem,
}

impl ValidQuery {
    /// Checks `input` against `report`; relative dates count from `today`
    /// and dates on instant columns are days in `zone`.
    pub fn check(
        report: &'static Report,
        input: &QueryInput,
        today: NaiveDate,
        zone: chrono_tz::Tz,
    ) -> Result<Self, Vec<QueryProblem>> {
        let mut problems = Vec::new();
        let mut fail = |field: String, problem| problems.push(QueryProblem { field, problem });
        let known = |field: String, key: &str, fail: &mut dyn FnMut(String, Problem)| {
            let column = report.column(key);
            if column.is_none() {
                fail(field, Problem::UnknownColumn);
            }
            column
        };

        let mut columns = Vec::new();
        let asked: Vec<&str> = if input.columns.is_empty() {
            report.default_columns.to_vec()
        } else {
            input.columns.iter().map(String::as_str).collect()
        };
        for (i, key) in asked.iter().enumerate() {
            let field = format!("columns[{i}]");
            match known(field.clone(), key, &mut fail) {
                Some(c) if columns.contains(&c) => fail(field, Problem::Repeated),
                Some(c) => columns.push(c),
                None => {}
            }
        }

        if input.filters.len() > MAX_FILTERS {
            fail("filters".into(), Problem::TooMany);
        }
        let mut filters = Vec::new();
        for (i, filter) in input.filters.iter().enumerate().take(MAX_FILTERS) {
            let at = |part: &str| format!("filters[{i}].{part}");
            if let Some(column) = known(at("column"), &filter.column, &mut fail) {
                match condition(column.kind, filter, today, zone) {
                    Ok(c) => filters.push((column, c)),
                    Err((part, problem)) => fail(at(part), problem),
                }
            }
        }

        if input.sort.len() > MAX_SORTS {
            fail("sort".into(), Problem::TooMany);
        }
        let mut sort = Vec::new();
        for (i, (key, direction)) in input.sort.iter().enumerate().take(MAX_SORTS) {
            let field = format!("sort[{i}].column");
            match known(field.clone(), key, &mut fail) {
                Some(c) if sort.iter().any(|(s, _)| *s == c) => fail(field, Problem::Repeated),
                Some(c) => sort.push((c, *direction)),
                None => {}
            }
        }
        if sort.is_empty() {
            let (key, direction) = report.default_sort;
            // A test checks that every default names a column.
            sort.extend(report.column(key).map(|c| (c, direction)));
        }

        let group_by = input
            .group_by
            .as_deref()
            .and_then(|key| known("group_by".into(), key, &mut fail));

        if problems.is_empty() {
            Ok(ValidQuery {
                report,
                columns,
                filters,
                sort,
                group_by,
            })
        } else {
            Err(problems)
        }
    }
}

type Refusal = (&'static str, Problem);

fn condition(
    kind: ColumnType,
    filter: &FilterInput,
    today: NaiveDate,
    zone: chrono_tz::Tz,
) -> Result<Condition, Refusal> {
    use ColumnType::*;
    let op = filter.op.ok_or(("op", Problem::Required))?;
    let not_for_column = Err(("op", Problem::FilterNotForColumn));
    match (op, kind) {
        (FilterOp::Contains, Text) => Ok(Condition::Contains(text(filter)?)),
        (FilterOp::Equals, Text) => Ok(Condition::Equals(text(filter)?)),
        (FilterOp::Equals, Choice(choices)) => {
            let value = text(filter)?;
            check_choice(choices, &value, "value")?;
            Ok(Condition::Equals(value))
        }
        (FilterOp::OneOf, Text | Choice(_)) => {
            if filter.values.is_empty() {
                return Err(("values", Problem::Required));
            }
            if filter.values.len() > MAX_VALUES {
                return Err(("values", Problem::TooMany));
            }
            if let Choice(choices) = kind {
                for value in &filter.values {
                    check_choice(choices, value, "values")?;
                }
            }
            Ok(Condition::OneOf(filter.values.clone()))
        }
        (FilterOp::Equals, Integer) => {
            let n = integer(text(filter)?.parse::<f64>().ok(), "value")?;
            Ok(Condition::IntegersBetween(Some(n), Some(n)))
        }
        (FilterOp::Equals, Number) => {
            let n = text(filter)?
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .ok_or(("value", Problem::InvalidValue))?;
            Ok(Condition::NumbersBetween(Some(n), Some(n)))
        }
        (FilterOp::Between, Integer) => {
            let (min, max) = bounds(filter.min, filter.max, "min")?;
            let min = min.map(|m| integer(Some(m.ceil()), "min")).transpose()?;
            let max = max.map(|m| integer(Some(m.floor()), "max")).transpose()?;
            Ok(Condition::IntegersBetween(min, max))
        }
        (FilterOp::Between, Number) => {
            let (min, max) = bounds(filter.min, filter.max, "min")?;
            Ok(Condition::NumbersBetween(min, max))
        }
        (FilterOp::Between, Date | DateTime) => {
            let (from, to) = bounds(filter.from, filter.to, "from")?;
            Ok(days(kind, from, to, zone))
        }
        (FilterOp::WithinDays, Date | DateTime) => {
            let (from, to) = bounds(filter.from_days, filter.to_days, "from_days")?;
            let shift = |days: Option<i32>, part| {
                days.map(|d| {
                    (d.abs() <= MAX_DAYS)
                        .then(|| today + Duration::days(i64::from(d)))
                        .ok_or((part, Problem::OutOfRange))
                })
                .transpose()
            };
            let from = shift(from, "from_days")?;
            let to = shift(to, "to_days")?;
            Ok(days(kind, from, to, zone))
        }
        _ => not_for_column,
    }
}

fn text(filter: &FilterInput) -> Result<String, Refusal> {
    match filter.value.as_deref().map(str::trim) {
        None | Some("") => Err(("value", Problem::Required)),
        Some(v) if v.chars().count() > MAX_TEXT => Err(("value", Problem::OutOfRange)),
        Some(v) => Ok(v.to_owned()),
    }
}

fn check_choice(choices: &[&str], value: &str, part: &'static str) -> Result<(), Refusal> {
    if choices.contains(&value) {
        Ok(())
    } else {
        Err((part, Problem::InvalidValue))
    }
}

/// A whole number within what the database's integers hold.
fn integer(n: Option<f64>, part: &'static str) -> Result<i64, Refusal> {
    match n {
        Some(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => Ok(n as i64),
        _ => Err((part, Problem::InvalidValue)),
    }
}

/// At least one bound, and the lower not above the upper.
fn bounds<T: PartialOrd + Copy>(
    low: Option<T>,
    high: Option<T>,
    part: &'static str,
) -> Result<(Option<T>, Option<T>), Refusal> {
    match (low, high) {
        (None, None) => Err((part, Problem::Required)),
        (Some(l), Some(h)) if l > h => Err((part, Problem::OutOfRange)),
        // NaN compares false above; refuse it here.
        (Some(l), _) if l.partial_cmp(&l).is_none() => Err((part, Problem::InvalidValue)),
        (_, Some(h)) if h.partial_cmp(&h).is_none() => Err((part, Problem::InvalidValue)),
        bounds => Ok(bounds),
    }
}

/// Whole days, both included: as they are for a date column, as the
/// instants from the first day's start to the day after the last's start
/// in `zone` for an instant column.
fn days(
    kind: ColumnType,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    zone: chrono_tz::Tz,
) -> Condition {
    if kind != ColumnType::DateTime {
        return Condition::DatesBetween(from, to);
    }
    let start = |day: NaiveDate| start_of_day(day, zone);
    Condition::InstantsBetween(from.map(start), to.and_then(|d| d.succ_opt()).map(start))
}

/// The first instant of `day` in `zone` (a day that starts in a
/// daylight-saving gap starts when the gap ends).
pub fn start_of_day(day: NaiveDate, zone: chrono_tz::Tz) -> DateTime<Utc> {
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    (0..4)
        .find_map(|h| {
            zone.from_local_datetime(&(midnight + Duration::hours(h)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| midnight.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{report, ReportKind};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn check(input: QueryInput) -> Result<ValidQuery, Vec<QueryProblem>> {
        let zone: chrono_tz::Tz = "Europe/Amsterdam".parse().unwrap();
        ValidQuery::check(report(ReportKind::Cases), &input, day(2026, 12, 6), zone)
    }

    fn filter(column: &str, op: FilterOp) -> FilterInput {
        FilterInput {
            column: column.into(),
            op: Some(op),
            ..FilterInput::default()
        }
    }

    fn refused(input: QueryInput) -> Vec<(String, Problem)> {
        check(input)
            .unwrap_err()
            .into_iter()
            .map(|p| (p.field, p.problem))
            .collect()
    }

    #[test]
    fn no_choices_give_the_reports_own_columns_and_sort() {
        let query = check(QueryInput::default()).unwrap();
        let keys: Vec<_> = query.columns.iter().map(|c| c.key).collect();
        assert_eq!(keys, report(ReportKind::Cases).default_columns);
        assert_eq!(query.sort[0].0.key, "created_at");
        assert_eq!(query.sort[0].1, Direction::Desc);
    }

    #[test]
    fn unknown_and_repeated_columns_are_named_with_their_place() {
        let input = QueryInput {
            columns: vec!["number".into(), "secret".into(), "number".into()],
            group_by: Some("nope".into()),
            ..QueryInput::default()
        };
        assert_eq!(
            refused(input),
            vec![
                ("columns[1]".into(), Problem::UnknownColumn),
                ("columns[2]".into(), Problem::Repeated),
                ("group_by".into(), Problem::UnknownColumn),
            ]
        );
    }

    #[test]
    fn a_filter_that_does_not_fit_the_columns_type_is_refused() {
        let input = QueryInput {
            filters: vec![
                filter("priority", FilterOp::Contains),
                filter("title", FilterOp::Between),
                filter("created_at", FilterOp::OneOf),
            ],
            ..QueryInput::default()
        };
        assert_eq!(
            refused(input),
            vec![
                ("filters[0].op".into(), Problem::FilterNotForColumn),
                ("filters[1].op".into(), Problem::FilterNotForColumn),
                ("filters[2].op".into(), Problem::FilterNotForColumn),
            ]
        );
    }

    #[test]
    fn the_filters_a_type_offers_are_exactly_those_the_check_takes() {
        for column in report(ReportKind::Cases).columns {
            for op in FilterOp::ALL {
                let refused = check(QueryInput {
                    filters: vec![filter(column.key, *op)],
                    ..QueryInput::default()
                })
                .err()
                .unwrap_or_default()
                .iter()
                .any(|p| p.problem == Problem::FilterNotForColumn);
                let offered = column.kind.filter_ops().contains(op);
                assert_eq!(offered, !refused, "{} {op}", column.key);
            }
        }
    }

    #[test]
    fn choice_filters_take_only_the_columns_values() {
        let mut status = filter("status", FilterOp::OneOf);
        status.values = vec!["new".into(), "lost".into()];
        let mut number = filter("priority", FilterOp::Equals);
        number.value = Some("two".into());
        let input = QueryInput {
            filters: vec![status, number],
            ..QueryInput::default()
        };
        assert_eq!(
            refused(input),
            vec![
                ("filters[0].values".into(), Problem::InvalidValue),
                ("filters[1].value".into(), Problem::InvalidValue),
            ]
        );
    }

    #[test]
    fn a_range_needs_a_bound_and_its_bounds_in_order() {
        let empty = filter("priority", FilterOp::Between);
        let mut upside_down = filter("priority", FilterOp::Between);
        upside_down.min = Some(3.0);
        upside_down.max = Some(1.0);
        let input = QueryInput {
            filters: vec![empty, upside_down],
            ..QueryInput::default()
        };
        assert_eq!(
            refused(input),
            vec![
                ("filters[0].min".into(), Problem::Required),
                ("filters[1].min".into(), Problem::OutOfRange),
            ]
        );
    }

    #[test]
    fn relative_days_on_an_instant_column_are_whole_days_in_the_readers_zone() {
        let mut last_week = filter("created_at", FilterOp::WithinDays);
        last_week.from_days = Some(-7);
        last_week.to_days = Some(0);
        let input = QueryInput {
            filters: vec![last_week],
            ..QueryInput::default()
        };
        let query = check(input).unwrap();
        let utc = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        // Amsterdam is UTC+1 in winter: its days start at 23:00 UTC.
        assert_eq!(
            query.filters[0].1,
            Condition::InstantsBetween(
                Some(utc("2026-11-28T23:00:00Z")),
                Some(utc("2026-12-06T23:00:00Z"))
            )
        );
    }

    #[test]
    fn integer_ranges_round_inwards() {
        let mut range = filter("priority", FilterOp::Between);
        range.min = Some(1.5);
        range.max = Some(3.5);
        let input = QueryInput {
            filters: vec![range],
            ..QueryInput::default()
        };
        let query = check(input).unwrap();
        assert_eq!(
            query.filters[0].1,
            Condition::IntegersBetween(Some(2), Some(3))
        );
    }

    #[test]
    fn a_day_that_starts_in_a_daylight_saving_gap_starts_when_the_gap_ends() {
        // Chile moves from 00:00 to 01:00 on 2026-09-06.
        let santiago: chrono_tz::Tz = "America/Santiago".parse().unwrap();
        let start = start_of_day(day(2026, 9, 6), santiago);
        assert_eq!(
            start,
            "2026-09-06T04:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
    }
}

//! Predefined reports a customer customises: each declares its columns
//! (key, type, labels in English and Dutch). A query picks, filters, sorts
//! and groups those columns only; the server builds its SQL from the
//! definitions here, never from text in the request.

mod catalogue;
pub mod charts;
mod choices;
pub mod digest;
mod query;
pub mod view;

pub use catalogue::{report, REPORTS};
pub use choices::choice_label;
pub use query::{
    start_of_day, Condition, Direction, FilterInput, FilterOp, Problem, QueryInput, QueryProblem,
    ValidQuery, MAX_FILTERS, MAX_SORTS,
};

use chrono::{DateTime, NaiveDate, Utc};

crate::text_enum! {
    /// The reports there are.
    pub enum ReportKind / UnknownReport {
        Cases = "cases",
        InstalledProducts = "installed_products",
        Contracts = "contracts",
        PlannedEvents = "planned_events",
    }
}

/// What a column holds, which decides the filters it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Text,
    /// Whole numbers (a priority).
    Integer,
    /// Numbers with a fraction (hours to fix).
    Number,
    /// A calendar date (an end-of-life date).
    Date,
    /// An instant, shown in the reader's zone.
    DateTime,
    /// One of a fixed set of snake_case values.
    Choice(&'static [&'static str]),
}

impl ColumnType {
    pub const fn name(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Integer => "integer",
            ColumnType::Number => "number",
            ColumnType::Date => "date",
            ColumnType::DateTime => "date_time",
            ColumnType::Choice(_) => "choice",
        }
    }

    /// The filters a column of this type takes, the usual one first.
    pub const fn filter_ops(self) -> &'static [FilterOp] {
        use FilterOp::*;
        match self {
            ColumnType::Text => &[Contains, Equals, OneOf],
            ColumnType::Integer | ColumnType::Number => &[Between, Equals],
            ColumnType::Date | ColumnType::DateTime => &[WithinDays, Between],
            ColumnType::Choice(_) => &[OneOf, Equals],
        }
    }
}

/// One column of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Stable name in queries, saved views and exports' field lists.
    pub key: &'static str,
    pub kind: ColumnType,
    pub en: &'static str,
    pub nl: &'static str,
}

impl Column {
    pub fn label(&self, language: crate::Language) -> &'static str {
        match language {
            crate::Language::Nl => self.nl,
            _ => self.en,
        }
    }
}

/// A report: its columns, those shown until the user chooses, and its
/// first sort.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub kind: ReportKind,
    pub en: &'static str,
    pub nl: &'static str,
    pub columns: &'static [Column],
    pub default_columns: &'static [&'static str],
    pub default_sort: (&'static str, Direction),
}

impl Report {
    pub fn column(&self, key: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.key == key)
    }

    pub fn title(&self, language: crate::Language) -> &'static str {
        match language {
            crate::Language::Nl => self.nl,
            _ => self.en,
        }
    }
}

/// One value of a report row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Integer(i64),
    Number(f64),
    Date(NaiveDate),
    DateTime(DateTime<Utc>),
}

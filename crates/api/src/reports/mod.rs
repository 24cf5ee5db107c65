//! Reports between the wire and the domain: a query DTO checked into a
//! [`ValidQuery`], definitions and cells as the wire shows them, and the
//! exports (CSV, xlsx) of every row.

pub mod csv_export;
pub mod export;
pub mod xlsx_export;

use crate::error::ApiError;
use crate::wire::{ToDomain, ToWire};
use api_types::{
    FieldError, FieldErrorCode, ReportCellDto, ReportColumnDto, ReportColumnType,
    ReportDefinitionDto, ReportQueryDto, ReportSortDto,
};
use chrono::NaiveDate;
use domain::report::{
    self, Cell, Column, ColumnType, FilterInput, Problem, QueryInput, Report, ReportKind,
    ValidQuery,
};
use domain::{Language, UserSettings};
use persistence::repositories::reports;

/// `dto` checked against the report; 422 naming each refused part.
pub fn check(
    kind: ReportKind,
    dto: &ReportQueryDto,
    today: NaiveDate,
    settings: &UserSettings,
) -> Result<ValidQuery, ApiError> {
    let input = QueryInput {
        columns: dto.columns.clone(),
        filters: dto
            .filters
            .iter()
            .map(|f| FilterInput {
                column: f.column.clone(),
                op: f.op.map(ToDomain::to_domain),
                value: f.value.clone(),
                values: f.values.clone(),
                min: f.min,
                max: f.max,
                from: f.from,
                to: f.to,
                from_days: f.from_days,
                to_days: f.to_days,
            })
            .collect(),
        sort: dto
            .sort
            .iter()
            .map(|s| (s.column.clone(), s.order.to_domain()))
            .collect(),
        group_by: dto.group_by.clone(),
    };
    let zone = settings.time_zone.tz();
    ValidQuery::check(report::report(kind), &input, today, zone).map_err(|problems| {
        ApiError::Validation(
            problems
                .into_iter()
                .map(|p| {
                    let (code, message) = match p.problem {
                        Problem::UnknownColumn => (
                            FieldErrorCode::UnknownColumn,
                            "the report has no such column",
                        ),
                        Problem::Repeated => (
                            FieldErrorCode::ColumnRepeated,
                            "the column is named more than once",
                        ),
                        Problem::FilterNotForColumn => (
                            FieldErrorCode::FilterNotForColumn,
                            "this filter does not apply to the column's type",
                        ),
                        Problem::Required => (FieldErrorCode::Required, "missing"),
                        Problem::InvalidValue => (
                            FieldErrorCode::InvalidValue,
                            "not a value the column can hold",
                        ),
                        Problem::OutOfRange => (
                            FieldErrorCode::OutOfRange,
                            "out of range, or the lower bound is above the upper",
                        ),
                        Problem::TooMany => (FieldErrorCode::OutOfRange, "too many"),
                    };
                    FieldError {
                        field: p.field,
                        code,
                        message: message.into(),
                    }
                })
                .collect(),
        )
    })
}

pub fn column_dto(column: &Column, language: Language) -> ReportColumnDto {
    let (column_type, choices) = match column.kind {
        ColumnType::Text => (ReportColumnType::Text, &[][..]),
        ColumnType::Integer => (ReportColumnType::Integer, &[][..]),
        ColumnType::Number => (ReportColumnType::Number, &[][..]),
        ColumnType::Date => (ReportColumnType::Date, &[][..]),
        ColumnType::DateTime => (ReportColumnType::DateTime, &[][..]),
        ColumnType::Choice(choices) => (ReportColumnType::Choice, choices),
    };
    ReportColumnDto {
        key: column.key.into(),
        column_type,
        label: column.label(language).into(),
        choices: choices.iter().map(|c| (*c).to_owned()).collect(),
    }
}

pub fn definition_dto(report: &Report, language: Language) -> ReportDefinitionDto {
    let (sort_key, sort_direction) = report.default_sort;
    ReportDefinitionDto {
        report: report.kind.to_wire(),
        title: report.title(language).into(),
        columns: report
            .columns
            .iter()
            .map(|c| column_dto(c, language))
            .collect(),
        default_columns: report.default_columns.iter().map(|c| (*c).into()).collect(),
        default_sort: ReportSortDto {
            column: sort_key.into(),
            order: sort_direction.to_wire(),
        },
    }
}

/// A cell on the wire: numbers as numbers, dates and instants (UTC) as text.
pub fn cell_dto(cell: Cell) -> Option<ReportCellDto> {
    Some(match cell {
        Cell::Empty => return None,
        Cell::Text(text) => ReportCellDto::Text(text),
        Cell::Integer(n) => ReportCellDto::Number(n.into()),
        Cell::Number(n) => match serde_json::Number::from_f64(n) {
            Some(n) => ReportCellDto::Number(n),
            None => return None,
        },
        Cell::Date(date) => ReportCellDto::Text(date.to_string()),
        Cell::DateTime(instant) => {
            ReportCellDto::Text(instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        }
    })
}

/// What `user`'s report is read against now: their date, the instant, and
/// the service desk's response targets.
pub fn reading(state: &crate::state::AppState, user: &domain::User) -> reports::Reading {
    let now = state.clock.now();
    reports::Reading {
        today: user.settings.time_zone.date_at(now),
        now,
        targets: state.config.response_targets,
    }
}

/// `Cases 2026-12-06.xlsx`: the report's title in the caller's language
/// and their today.
pub fn file_name(report: &Report, language: Language, today: NaiveDate, extension: &str) -> String {
    format!("{} {today}.{extension}", report.title(language))
}

/// A column's heading in an export: its label, and the zone its instants
/// are written in.
pub fn heading(column: &Column, settings: &UserSettings) -> String {
    let label = column.label(settings.language);
    match column.kind {
        ColumnType::DateTime => format!("{label} ({})", settings.time_zone.as_str()),
        _ => label.to_owned(),
    }
}

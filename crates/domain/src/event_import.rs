//! Importing planned service events from the source system (the service
//! organisation's planning): one row an event, keyed by its id there, on an
//! installed product of the row's customer. Times are instants with their
//! offset (RFC 3339), so a file means the same wherever it is read.

use crate::import::{import_file, ImportIssue, RowProblem};
use crate::import_row::RowCheck;
use crate::planned_event::{EventStatus, EventType, VisitType, Window, WindowError};
use chrono::{DateTime, Utc};

import_file! {
    "a planned-events file", EVENT_FILE, EVENT_COLUMNS, EventColumns = [
        "parent_account", "source_id", "installed_product", "event_type", "status",
        "planned_start", "planned_end", "engineer", "service_type", "case_number"
    ] => parse_event => ImportedEvent
}

const ID_MAX: usize = 40;

/// An event as a row of the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedEvent {
    /// The customer's source id: the row's tenancy.
    pub parent_account: String,
    pub source_id: String,
    /// The installed product's number.
    pub installed_product: String,
    pub event_type: EventType,
    pub status: EventStatus,
    pub window: Window,
    /// A Service user's user name; none: not yet known.
    pub engineer: Option<String>,
    pub service_type: VisitType,
    /// A case of the same product, by its number.
    pub case_number: Option<String>,
}

fn instant(v: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(v)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

/// Checks one row (at `line`); every problem at once.
pub fn parse_event(
    columns: &EventColumns,
    fields: &[&str],
    line: u64,
) -> Result<ImportedEvent, Vec<RowProblem>> {
    let mut row = RowCheck::new(columns, &EVENT_COLUMNS, fields, line);
    let parent_account = row.required();
    let source_id = row.text(ID_MAX);
    let installed_product = row.text(ID_MAX);
    let event_type = row.parsed(ImportIssue::UnknownEventType, |v| {
        v.to_ascii_lowercase().parse::<EventType>().ok()
    });
    let status = row.parsed(ImportIssue::UnknownEventStatus, |v| {
        v.to_ascii_lowercase().parse::<EventStatus>().ok()
    });
    let start = row.parsed(ImportIssue::BadDateTime, instant);
    let end_cell = row.next();
    let end = match end_cell.1 {
        "" => {
            row.refuse(end_cell, ImportIssue::Required);
            None
        }
        v => instant(v).or_else(|| {
            row.refuse(end_cell, ImportIssue::BadDateTime);
            None
        }),
    };
    let window = match (start, end) {
        (Some(start), Some(end)) => match Window::new(start, end) {
            Ok(window) => Some(window),
            Err(WindowError::EndsBeforeStart) => {
                row.refuse(end_cell, ImportIssue::EndsBeforeStart);
                None
            }
            Err(WindowError::TooLong) => {
                row.refuse(end_cell, ImportIssue::LastsTooLong);
                None
            }
        },
        _ => None,
    };
    let engineer = row.optional(100);
    let service_type = row.parsed(ImportIssue::UnknownVisitType, |v| {
        v.to_ascii_lowercase().parse::<VisitType>().ok()
    });
    let case_number = row.optional(ID_MAX);
    let event = match (event_type, status, window, service_type) {
        (Some(event_type), Some(status), Some(window), Some(service_type)) => Some(ImportedEvent {
            parent_account,
            source_id,
            installed_product,
            event_type,
            status,
            window,
            engineer,
            service_type,
            case_number,
        }),
        _ => None,
    };
    row.done(event)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::named;
    use chrono::TimeZone;

    const GOOD: [&str; 10] = [
        "LUMC-1000",
        "PLAN-0001",
        "IP-40010001",
        "Preventive_Maintenance",
        "tentative",
        "2027-03-10T09:00:00+01:00",
        "2027-03-10T13:00:00+01:00",
        "",
        "onsite",
        "",
    ];

    #[test]
    fn a_row_with_offsets_becomes_an_event_at_those_instants() {
        let event = EVENT_FILE.check(&GOOD, 2).unwrap();
        assert_eq!(event.event_type, EventType::PreventiveMaintenance);
        let eight_utc = Utc.with_ymd_and_hms(2027, 3, 10, 8, 0, 0).unwrap();
        assert_eq!(event.window.start(), eight_utc);
        assert_eq!(event.engineer, None);
    }

    #[test]
    fn every_bad_value_of_an_event_row_is_named() {
        let mut row = GOOD;
        row[3] = "visit";
        row[5] = "10-03-2027 09:00";
        row[8] = "on site";
        let problems = EVENT_FILE.check(&row, 3).unwrap_err();
        assert_eq!(
            named(&problems),
            [
                (3, "event_type", "visit", ImportIssue::UnknownEventType),
                (
                    3,
                    "planned_start",
                    "10-03-2027 09:00",
                    ImportIssue::BadDateTime
                ),
                (3, "service_type", "on site", ImportIssue::UnknownVisitType),
            ]
        );
        let mut backwards = GOOD;
        backwards[6] = "2027-03-10T08:00:00+01:00";
        let problems = EVENT_FILE.check(&backwards, 4).unwrap_err();
        assert_eq!(problems[0].issue, ImportIssue::EndsBeforeStart);
        let mut long = GOOD;
        long[6] = "2027-05-10T08:00:00+01:00";
        let problems = EVENT_FILE.check(&long, 5).unwrap_err();
        assert_eq!(problems[0].issue, ImportIssue::LastsTooLong);
    }
}

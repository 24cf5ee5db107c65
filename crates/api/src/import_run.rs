//! One run of an import, whatever the file holds: the report of what it
//! found and did, reading a CSV file a row at a time, applying it whole or
//! not at all, and the audit entries of what it changed. Each kind's
//! importer builds on these; `imports` chooses the importer.

use crate::error::ApiError;
use crate::state::AppState;
use domain::import::{FileKind, ImportIssue, RowProblem};
use domain::AccountId;
use domain::User;
use persistence::repositories::audit::{self, AuditEntry};
use persistence::{StoreError, Tx};
use std::sync::atomic::{AtomicU64, Ordering};

/// Problems kept for the report; a file that breaks more is mostly wrong.
pub(crate) const MAX_PROBLEMS: usize = 1000;

/// What a run found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The import's id, named by the audit entries of what it changed.
    pub id: uuid::Uuid,
    /// Data rows read (the header not counted).
    pub rows: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// In file order; at most [`MAX_PROBLEMS`].
    pub problems: Vec<RowProblem>,
    /// More problems than were kept.
    pub more_problems: bool,
    /// Whether the changes were stored: a real run of a file without problems.
    pub applied: bool,
}

impl ImportReport {
    /// Notes a refused value; past [`MAX_PROBLEMS`], only that there are more.
    pub(crate) fn refuse(&mut self, problem: RowProblem) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(problem);
        } else {
            self.more_problems = true;
        }
    }

    /// A report for a new run: its id, and nothing read yet.
    pub(crate) fn new_run() -> Self {
        ImportReport {
            id: uuid::Uuid::new_v4(),
            ..ImportReport::default()
        }
    }
}

pub(crate) enum Stop {
    Failed(ApiError),
    NotApplied(ImportReport),
}

impl From<StoreError> for Stop {
    fn from(err: StoreError) -> Self {
        Stop::Failed(err.into())
    }
}

/// One run of an import: who runs it, how, and where it counts its rows.
#[derive(Clone, Copy)]
pub(crate) struct RunOf<'a> {
    pub state: &'a AppState,
    pub by: Option<&'a User>,
    pub dry_run: bool,
    pub rows_done: &'a AtomicU64,
}

impl RunOf<'_> {
    /// Applies a file in one transaction (`apply` answers the report and the
    /// audit entries of what it changed): kept when a real run found no
    /// problem, rolled back otherwise, so a dry run finds exactly what the
    /// real run would refuse.
    pub(crate) async fn whole(
        self,
        apply: impl AsyncFnOnce(&Tx) -> Result<(ImportReport, Vec<AuditEntry>), Stop>,
    ) -> Result<ImportReport, ApiError> {
        let dry_run = self.dry_run;
        let outcome = self
            .state
            .db
            .transaction(async |tx| {
                let (mut report, entries) = apply(tx).await?;
                // Rows are checked in passes (the file, then the database).
                report.problems.sort_by_key(|p| p.line);
                if dry_run || !report.problems.is_empty() {
                    return Err(Stop::NotApplied(report));
                }
                audit::append_all(tx, &entries).await?;
                report.applied = true;
                Ok(report)
            })
            .await;
        match outcome {
            Ok(report) | Err(Stop::NotApplied(report)) => Ok(report),
            Err(Stop::Failed(err)) => Err(err),
        }
    }

    /// Reads every row of a file of one record a row (all but the installed
    /// base, whose files are large), each checked by `parse`; a row whose
    /// `key` another row has is refused. None: the header lacks columns.
    pub(crate) fn read_rows<const N: usize, T>(
        self,
        report: &mut ImportReport,
        input: impl std::io::Read,
        file: FileKind<N, T>,
        key: impl Fn(&T) -> (&'static str, String),
    ) -> Result<Option<Vec<(u64, T)>>, ApiError> {
        let failed = |stop| match stop {
            Stop::Failed(err) => err,
            Stop::NotApplied(_) => {
                ApiError::internal(anyhow::anyhow!("a file was not applied while read"))
            }
        };
        let find = |header: &[&str]| file.columns_in(header);
        let Some((mut csv, columns)) = CsvRows::open(input, report, find).map_err(failed)? else {
            return Ok(None);
        };
        let mut rows = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while let Some((line, fields)) = csv.next_row(report).map_err(failed)? {
            self.rows_done.store(report.rows, Ordering::Relaxed);
            match (file.parse)(&columns, &fields, line) {
                Ok(row) => {
                    let (column, value) = key(&row);
                    if seen.insert(value.clone()) {
                        rows.push((line, row));
                    } else {
                        let issue = ImportIssue::Duplicate;
                        report.refuse(RowProblem::new(line, column, &value, issue));
                    }
                }
                Err(problems) => problems.into_iter().for_each(|p| report.refuse(p)),
            }
        }
        Ok(Some(rows))
    }

    /// The start of an audit entry of this run.
    pub(crate) fn entry(
        &self,
        (action, entity): (&str, &str),
        id: impl std::fmt::Display,
        parent: Option<AccountId>,
    ) -> AuditEntry {
        AuditEntry::new(action, entity, id, self.state.clock.now())
            .by(self.by.map(|u| u.id), parent)
    }
}

/// The names a file gives (source ids, numbers), each once, to look up.
pub(crate) fn names(given: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut names: Vec<String> = given.into_iter().collect();
    names.sort();
    names.dedup();
    names
}

/// `value` with the import that wrote it, for its audit entry.
pub(crate) fn with_import(
    mut value: serde_json::Value,
    report: &ImportReport,
) -> serde_json::Value {
    value["import"] = serde_json::Value::String(report.id.to_string());
    value
}

/// The records of a CSV file after its header, read one at a time.
pub(crate) struct CsvRows<R> {
    csv: csv::Reader<R>,
    width: usize,
    record: csv::StringRecord,
}

impl<R: std::io::Read> CsvRows<R> {
    /// Opens `input` and finds its columns with `find`; a header without
    /// them is refused in `report` (and there are no rows).
    pub(crate) fn open<C>(
        input: R,
        report: &mut ImportReport,
        find: impl FnOnce(&[&str]) -> Result<C, Vec<RowProblem>>,
    ) -> Result<Option<(Self, C)>, Stop> {
        let mut csv = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(input);
        let header = csv.headers().map_err(unreadable)?.clone();
        let names: Vec<&str> = header.iter().collect();
        match find(&names) {
            Ok(columns) => {
                let record = csv::StringRecord::new();
                let width = header.len();
                Ok(Some((CsvRows { csv, width, record }, columns)))
            }
            Err(problems) => {
                problems.into_iter().for_each(|p| report.refuse(p));
                Ok(None)
            }
        }
    }

    /// The next row and its line, counted in `report`; a row with another
    /// number of fields than the header is refused there and passed over,
    /// and one of empty fields only is passed over.
    pub(crate) fn next_row(
        &mut self,
        report: &mut ImportReport,
    ) -> Result<Option<(u64, Vec<&str>)>, Stop> {
        loop {
            if !self.csv.read_record(&mut self.record).map_err(unreadable)? {
                return Ok(None);
            }
            // A row of empty fields is a blank line of a spreadsheet.
            if self.record.iter().all(str::is_empty) {
                continue;
            }
            let line = self.record.position().map_or(0, |p| p.line());
            report.rows += 1;
            if self.record.len() == self.width {
                return Ok(Some((line, self.record.iter().collect())));
            }
            let issue = ImportIssue::WrongFieldCount;
            report.refuse(RowProblem::new(
                line,
                "",
                &self.record.len().to_string(),
                issue,
            ));
        }
    }
}

fn unreadable(err: csv::Error) -> Stop {
    Stop::Failed(ApiError::InvalidUpload(format!(
        "the file is not readable CSV: {err}"
    )))
}

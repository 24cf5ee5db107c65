//! Import files for the import tests: CSV text from rows, a run of it, and
//! what the run's report says.

use api::imports::{import, ImportKind, ImportReport};
use domain::import::ImportIssue;
use test_support::TestApp;

/// The file a source system would send: a heading of `columns`, then
/// `rows`, quoted where a value needs it.
pub fn csv<S: AsRef<str>>(columns: &[&str], rows: &[impl AsRef<[S]>]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(columns).unwrap();
    for row in rows {
        out.write_record(row.as_ref().iter().map(AsRef::as_ref))
            .unwrap();
    }
    String::from_utf8(out.into_inner().unwrap()).unwrap()
}

/// Imports `file` as `kind`, by no user (the command line's way).
pub async fn run(app: &TestApp, kind: ImportKind, file: &str, dry_run: bool) -> ImportReport {
    import(&app.state, None, (kind, file.as_bytes()), dry_run)
        .await
        .unwrap()
}

/// Files of one kind, with its columns, imported into one app: a test
/// states only the rows.
pub struct Importer<'a> {
    pub app: &'a TestApp,
    pub kind: ImportKind,
    pub columns: &'a [&'a str],
}

impl Importer<'_> {
    /// Imports `rows` for real.
    pub async fn apply<S: AsRef<str>>(&self, rows: &[impl AsRef<[S]>]) -> ImportReport {
        run(self.app, self.kind, &csv(self.columns, rows), false).await
    }

    /// Checks `rows` as a dry run, which changes nothing.
    pub async fn check<S: AsRef<str>>(&self, rows: &[impl AsRef<[S]>]) -> ImportReport {
        run(self.app, self.kind, &csv(self.columns, rows), true).await
    }
}

/// Rows read, created, updated and unchanged.
pub fn counts(r: &ImportReport) -> (u64, u64, u64, u64) {
    (r.rows, r.created, r.updated, r.unchanged)
}

/// Each problem's line, column, value and issue.
pub fn problems(r: &ImportReport) -> Vec<(u64, &str, &str, ImportIssue)> {
    r.problems
        .iter()
        .map(|p| (p.line, p.column.as_str(), p.value.as_str(), p.issue))
        .collect()
}

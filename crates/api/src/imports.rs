//! Importing a hospital's installed base from its source system's CSV
//! export: every row checked (the domain's rules, then the accounts and
//! products it names), then all of the file applied or none of it. A dry run
//! goes the same way and rolls back, so it finds exactly what the real run
//! would refuse. Rows are read one at a time and stored in chunks, so a
//! large file is never held in memory.

use crate::error::ApiError;
pub use crate::import_run::ImportReport;
use crate::import_run::{with_import, CsvRows, RunOf, Stop};
use crate::state::AppState;
use chrono::{DateTime, Utc};
pub use domain::import::ImportKind;
use domain::import::{ImportIssue, RowProblem};
use domain::product_import::{parse_product, ImportedProduct, PRODUCT_FILE};
use domain::{AccountId, InstalledProductId, User};
use persistence::repositories::accounts;
use persistence::repositories::audit::{self, AuditEntry};
use persistence::repositories::import_runs;
use persistence::repositories::imports::{self, ProductRecord};
use persistence::Tx;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Rows checked and stored together.
const CHUNK: usize = 500;

/// Imports installed products from CSV (`input`), as `by` (none: the
/// command line). With `dry_run`, or when any row is refused, nothing is
/// stored and the counts say what would have been.
pub async fn import_products(
    state: &AppState,
    by: Option<&User>,
    input: impl std::io::Read,
    dry_run: bool,
) -> Result<ImportReport, ApiError> {
    import(state, by, (ImportKind::InstalledProducts, input), dry_run).await
}

/// Imports a file of `kind` from CSV (`input`), as `by` (none: the command
/// line). With `dry_run`, or when any row is refused, nothing is stored and
/// the counts say what would have been.
pub async fn import(
    state: &AppState,
    by: Option<&User>,
    (kind, input): (ImportKind, impl std::io::Read),
    dry_run: bool,
) -> Result<ImportReport, ApiError> {
    import_counted(state, by, (kind, input), dry_run, &AtomicU64::new(0)).await
}

/// [`import`], counting the rows read in `rows_done`.
async fn import_counted(
    state: &AppState,
    by: Option<&User>,
    (kind, input): (ImportKind, impl std::io::Read),
    dry_run: bool,
    rows_done: &AtomicU64,
) -> Result<ImportReport, ApiError> {
    let run = RunOf {
        state,
        by,
        dry_run,
        rows_done,
    };
    match kind {
        ImportKind::InstalledProducts => {
            run.whole(async |tx| {
                let mut run = Run::new(state.clock.now(), by, rows_done);
                run.read(tx, input).await?;
                Ok((run.report, Vec::new()))
            })
            .await
        }
        ImportKind::Accounts => crate::account_import::import_accounts(run, input).await,
        ImportKind::Users => crate::user_import::import_users(run, input).await,
        ImportKind::Contracts => crate::contract_import::import_contracts(run, input).await,
        ImportKind::Warranties => crate::warranty_import::import_warranties(run, input).await,
        ImportKind::PlannedEvents => crate::event_import::import_events(run, input).await,
    }
}

/// The accounts of one parent account, by source id.
type Tenancy = Option<(AccountId, HashMap<String, AccountId>)>;

struct Run<'a> {
    now: DateTime<Utc>,
    by: Option<&'a User>,
    rows_done: &'a AtomicU64,
    report: ImportReport,
    tenancies: HashMap<String, Tenancy>,
    /// Number and serial number -> the line that had it first.
    numbers: HashMap<String, u64>,
    serials: HashMap<String, u64>,
}

impl<'a> Run<'a> {
    fn new(now: DateTime<Utc>, by: Option<&'a User>, rows_done: &'a AtomicU64) -> Self {
        Run {
            now,
            by,
            rows_done,
            report: ImportReport::new_run(),
            tenancies: HashMap::new(),
            numbers: HashMap::new(),
            serials: HashMap::new(),
        }
    }

    fn refuse(&mut self, problem: RowProblem) {
        self.report.refuse(problem);
    }

    async fn read(&mut self, tx: &Tx, input: impl std::io::Read) -> Result<(), Stop> {
        let found = CsvRows::open(input, &mut self.report, |header: &[&str]| {
            PRODUCT_FILE.columns_in(header)
        })?;
        let Some((mut rows, columns)) = found else {
            return Ok(());
        };
        let mut chunk: Vec<(u64, ImportedProduct)> = Vec::with_capacity(CHUNK);
        while let Some((line, fields)) = rows.next_row(&mut self.report)? {
            match parse_product(&columns, &fields, line) {
                Ok(product) => {
                    if self.unique_in_file(line, &product) {
                        chunk.push((line, product));
                    }
                }
                Err(problems) => problems.into_iter().for_each(|p| self.refuse(p)),
            }
            if chunk.len() == CHUNK {
                self.store(tx, std::mem::take(&mut chunk)).await?;
                self.rows_done.store(self.report.rows, Ordering::Relaxed);
            }
        }
        self.store(tx, chunk).await?;
        self.rows_done.store(self.report.rows, Ordering::Relaxed);
        Ok(())
    }

    /// A number or serial number a second time in the file is refused.
    fn unique_in_file(&mut self, line: u64, p: &ImportedProduct) -> bool {
        let p = &p.product;
        let number_seen = self.numbers.insert(p.number.clone(), line).is_some();
        let serial_seen = self.serials.insert(p.serial_number.clone(), line).is_some();
        for (seen, column, value) in [
            (number_seen, "number", &p.number),
            (serial_seen, "serial_number", &p.serial_number),
        ] {
            if seen {
                self.refuse(RowProblem::new(line, column, value, ImportIssue::Duplicate));
            }
        }
        !number_seen && !serial_seen
    }

    async fn tenancy(&mut self, tx: &Tx, parent_source: &str) -> Result<Tenancy, Stop> {
        if let Some(known) = self.tenancies.get(parent_source) {
            return Ok(known.clone());
        }
        let found = accounts::by_source_id_under(tx, parent_source).await?;
        self.tenancies
            .insert(parent_source.to_owned(), found.clone());
        Ok(found)
    }

    /// Checks a chunk against what is stored and, while the file has no
    /// problems, stores it.
    async fn store(&mut self, tx: &Tx, chunk: Vec<(u64, ImportedProduct)>) -> Result<(), Stop> {
        if chunk.is_empty() {
            return Ok(());
        }
        let numbers: Vec<String> = chunk
            .iter()
            .map(|(_, p)| p.product.number.clone())
            .collect();
        let serials: Vec<String> = chunk
            .iter()
            .map(|(_, p)| p.product.serial_number.clone())
            .collect();
        let stored = imports::products_by_number(tx, &numbers).await?;
        let holders = imports::serial_holders(tx, &serials).await?;
        let mut created = Vec::new();
        let mut entries = Vec::new();
        for (line, p) in chunk {
            let Some(record) = self.resolve(tx, line, &p).await? else {
                continue;
            };
            let existing = stored.get(&p.product.number);
            let parent = self.tenancy(tx, &p.parent_account).await?.map(|(id, _)| id);
            if let Some(existing) = existing {
                if Some(existing.parent_account) != parent {
                    let issue = ImportIssue::OtherCustomer;
                    self.refuse(RowProblem::new(line, "number", &p.product.number, issue));
                    continue;
                }
            }
            let serial = &p.product.serial_number;
            if holders
                .get(serial)
                .is_some_and(|holder| *holder != p.product.number)
            {
                let issue = ImportIssue::SerialTaken;
                self.refuse(RowProblem::new(line, "serial_number", serial, issue));
                continue;
            }
            match existing {
                Some(existing) if existing.record == record => self.report.unchanged += 1,
                Some(existing) => {
                    self.report.updated += 1;
                    if self.report.problems.is_empty() {
                        imports::update_product(tx, existing.id, &record, self.now).await?;
                        let entry = self
                            .audit("installed_product.import.update", existing.id, parent)
                            .old_value(serde_json::to_value(&existing.record).ok())
                            .new_value(self.with_import(&record));
                        entries.push(entry);
                    }
                }
                None => {
                    self.report.created += 1;
                    if self.report.problems.is_empty() {
                        let id = InstalledProductId::from_uuid(uuid::Uuid::new_v4());
                        let entry = self
                            .audit("installed_product.import.create", id, parent)
                            .new_value(self.with_import(&record));
                        entries.push(entry);
                        created.push((id, record));
                    }
                }
            }
        }
        // New products go in several a statement, then every entry of the chunk.
        if self.report.problems.is_empty() {
            imports::insert_products(tx, &created, self.now).await?;
            audit::append_all(tx, &entries).await?;
        }
        Ok(())
    }

    /// The row with its accounts found in its parent account, or its problems noted.
    async fn resolve(
        &mut self,
        tx: &Tx,
        line: u64,
        p: &ImportedProduct,
    ) -> Result<Option<ProductRecord>, Stop> {
        let Some((_, accounts)) = self.tenancy(tx, &p.parent_account).await? else {
            let issue = ImportIssue::UnknownAccount;
            self.refuse(RowProblem::new(
                line,
                "parent_account",
                &p.parent_account,
                issue,
            ));
            return Ok(None);
        };
        let account = |column: &str, source: &str| {
            let found = accounts.get(source).copied();
            (
                found,
                RowProblem::new(line, column, source, ImportIssue::UnknownAccount),
            )
        };
        let (owner, owner_problem) = account("owner_account", &p.product.owner_account);
        let (location, location_problem) = account("location_account", &p.product.location_account);
        let (Some(owner_account), Some(location_account)) = (owner, location) else {
            if owner.is_none() {
                self.refuse(owner_problem);
            }
            if location.is_none() {
                self.refuse(location_problem);
            }
            return Ok(None);
        };
        Ok(Some(
            p.product
                .clone()
                .with_accounts(owner_account, location_account),
        ))
    }

    fn audit(
        &self,
        action: &str,
        id: domain::InstalledProductId,
        parent: Option<AccountId>,
    ) -> AuditEntry {
        AuditEntry::new(action, "installed_product", id, self.now).by(self.by.map(|u| u.id), parent)
    }

    fn with_import(&self, record: &ProductRecord) -> Option<serde_json::Value> {
        Some(with_import(
            serde_json::to_value(record).ok()?,
            &self.report,
        ))
    }
}

/// The imports running in this process: rows done of each.
#[derive(Default)]
pub struct Running(Mutex<HashMap<uuid::Uuid, Arc<AtomicU64>>>);

impl Running {
    fn ids(&self) -> Vec<uuid::Uuid> {
        self.0
            .lock()
            .map(|r| r.keys().copied().collect())
            .unwrap_or_default()
    }

    /// Rows done of run `id`, if it runs here.
    pub fn rows_done(&self, id: uuid::Uuid) -> Option<u64> {
        let running = self.0.lock().ok()?;
        running.get(&id).map(|rows| rows.load(Ordering::Relaxed))
    }

    fn start(&self, id: uuid::Uuid) -> Arc<AtomicU64> {
        let rows = Arc::new(AtomicU64::new(0));
        if let Ok(mut running) = self.0.lock() {
            running.insert(id, rows.clone());
        }
        rows
    }

    fn end(&self, id: uuid::Uuid) {
        if let Ok(mut running) = self.0.lock() {
            running.remove(&id);
        }
    }
}

/// How often a run's progress reaches the database (PostgreSQL: other
/// server processes read it; SQLite has one process and one writer).
const HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(2);
/// A run without a heartbeat for this long was left by a stopped server.
pub const ABANDONED_AFTER: chrono::Duration = chrono::Duration::minutes(2);

/// Fails the runs a stopped server left: on SQLite (one process) every run
/// not running here; on PostgreSQL those whose heartbeat stopped.
pub async fn fail_abandoned(state: &AppState) -> Result<u64, ApiError> {
    let now = state.clock.now();
    let stale_before = match state.db.backend() {
        persistence::Backend::Sqlite => None,
        persistence::Backend::Postgres => Some(now - ABANDONED_AFTER),
    };
    let why = "the server stopped during the import; start it again";
    let alive = state.imports.ids();
    Ok(import_runs::fail_abandoned(&state.db, why, stale_before, &alive, now).await?)
}

/// Runs an uploaded file of `kind` (`path`) as import run `id` in the
/// background: it goes on when the browser that started it closes. The
/// file is removed at the end.
pub fn spawn_run(
    state: AppState,
    by: User,
    id: uuid::Uuid,
    (kind, path): (ImportKind, std::path::PathBuf),
    dry_run: bool,
) {
    let rows_done = state.imports.start(id);
    let beating = Arc::new(std::sync::atomic::AtomicBool::new(true));
    if state.db.backend() == persistence::Backend::Postgres {
        let (state, rows_done, beating) = (state.clone(), rows_done.clone(), beating.clone());
        actix_web::rt::spawn(async move {
            while beating.load(Ordering::Relaxed) {
                tokio::time::sleep(HEARTBEAT).await;
                let done = rows_done.load(Ordering::Relaxed);
                let now = state.clock.now();
                if let Err(err) = import_runs::progress(&state.db, id, done, now).await {
                    tracing::warn!(error = %err, "import progress not stored");
                }
            }
        });
    }
    actix_web::rt::spawn(async move {
        let outcome = match std::fs::File::open(&path) {
            Ok(file) => {
                let input = std::io::BufReader::new(file);
                import_counted(&state, Some(&by), (kind, input), dry_run, &rows_done).await
            }
            Err(err) => Err(ApiError::internal(err)),
        };
        beating.store(false, Ordering::Relaxed);
        let now = state.clock.now();
        let (status, report) = match outcome {
            Ok(report) => (import_runs::DONE, stored_report(&report)),
            Err(err) => {
                tracing::warn!(run = %id, error = %err, "import failed");
                (
                    import_runs::FAILED,
                    "the file could not be imported".to_owned(),
                )
            }
        };
        if let Err(err) = import_runs::finish(&state.db, id, status, &report, now).await {
            tracing::error!(run = %id, error = %err, "import result not stored");
        }
        state.imports.end(id);
        let _ = std::fs::remove_file(&path);
    });
}

/// The report as the run row keeps it (problems by code; the words are
/// the reader's, added when it is read).
fn stored_report(report: &ImportReport) -> String {
    let problems: Vec<serde_json::Value> = report
        .problems
        .iter()
        .map(|p| {
            serde_json::json!({
                "line": p.line,
                "column": p.column,
                "value": p.value,
                "code": p.issue.code(),
                "max": match p.issue { ImportIssue::TooLong { max } => Some(max), _ => None },
            })
        })
        .collect();
    serde_json::json!({
        "import": report.id,
        "rows": report.rows,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "problems": problems,
        "more_problems": report.more_problems,
        "applied": report.applied,
    })
    .to_string()
}

/// A stored report for a reader of `language`; none when it is not one.
pub fn report_dto(stored: &str, language: domain::Language) -> Option<api_types::ImportReportDto> {
    let v: serde_json::Value = serde_json::from_str(stored).ok()?;
    let count = |key: &str| v[key].as_u64().unwrap_or(0);
    let problems = v["problems"]
        .as_array()?
        .iter()
        .map(|p| {
            let code = p["code"].as_str().unwrap_or_default().to_owned();
            let max = usize::try_from(p["max"].as_u64().unwrap_or(0)).unwrap_or(usize::MAX);
            api_types::ImportProblemDto {
                line: p["line"].as_u64().unwrap_or(0),
                column: p["column"].as_str().unwrap_or_default().to_owned(),
                value: p["value"].as_str().unwrap_or_default().to_owned(),
                reason: ImportIssue::from_code(&code, max)
                    .map_or_else(|| code.clone(), |issue| issue.describe(language)),
                code,
            }
        })
        .collect();
    Some(api_types::ImportReportDto {
        rows: count("rows"),
        created: count("created"),
        updated: count("updated"),
        unchanged: count("unchanged"),
        problems,
        more_problems: v["more_problems"].as_bool().unwrap_or(false),
        applied: v["applied"].as_bool().unwrap_or(false),
    })
}

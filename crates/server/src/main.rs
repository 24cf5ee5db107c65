//! `csportal`: the Customer Services Portal server.

mod config;
mod logging;

use anyhow::Context;
use api::clock::SystemClock;
use clap::{Parser, Subcommand};
use config::Settings;
use std::net::TcpListener;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "csportal",
    version,
    about = "Customer Services Portal for medical-equipment service"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate and serve the API and the app. A new database gets nothing
    /// but its schema: see `csportal seed --demo`, or `serve --demo`.
    Serve {
        /// Load the demo customers, accounts and users (README) into an
        /// empty database first. Never for a real installation: the demo
        /// users share one published password.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load data into the database.
    Seed {
        /// The demo customers, accounts, users and installed base listed in the README.
        #[arg(long)]
        demo: bool,
        /// N more installed products (with contracts and warranties) spread over
        /// the existing accounts, for benchmarks.
        #[arg(long, value_name = "N")]
        scale: Option<u64>,
        /// N more service cases over the existing installed products, for benchmarks.
        #[arg(long, value_name = "N")]
        scale_cases: Option<u64>,
    },
    /// Print the OpenAPI document (as checked in at api-spec/openapi.json).
    Openapi,
    /// Portal-support users, for starting a real installation.
    Admin {
        #[command(subcommand)]
        action: AdminCommand,
    },
    /// The security log.
    Audit {
        #[command(subcommand)]
        action: AuditCommand,
    },
    /// Import a customer's data from their source system's export (a CSV
    /// file, or an xlsx workbook's first sheet; a header row names the
    /// columns, as `GET /api/v1/imports/templates/KIND.csv` shows). Rows are
    /// keyed by the source system's ids, so importing a file again changes
    /// nothing. All of the file or nothing.
    Import {
        /// What the file holds.
        kind: ImportKindArg,
        /// The CSV file or xlsx workbook.
        file: std::path::PathBuf,
        /// Check every row and count what would change; store nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// What an import file holds.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ImportKindArg {
    /// Installed products, keyed by their number; accounts named by their
    /// source ids within the row's `parent_account`.
    InstalledProducts,
    /// A customer's account tree, keyed by the accounts' source ids: the
    /// customer (`parent_account`) and the account above (`parent`) named
    /// by theirs.
    Accounts,
    /// A customer's users, keyed by user name, with their role and
    /// accounts; each new user gets an activation email.
    Users,
    /// Contracts, one line a row, keyed by contract and line item number.
    Contracts,
    /// Warranties, keyed by the source system's warranty number.
    Warranties,
    /// Planned service events, keyed by the planning system's ids.
    PlannedEvents,
}

impl From<ImportKindArg> for api::imports::ImportKind {
    fn from(kind: ImportKindArg) -> Self {
        use api::imports::ImportKind as K;
        match kind {
            ImportKindArg::InstalledProducts => K::InstalledProducts,
            ImportKindArg::Accounts => K::Accounts,
            ImportKindArg::Users => K::Users,
            ImportKindArg::Contracts => K::Contracts,
            ImportKindArg::Warranties => K::Warranties,
            ImportKindArg::PlannedEvents => K::PlannedEvents,
        }
    }
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Creates a portal-support user (Admin) and prints their single-use
    /// activation link, valid 24 hours: the first user of a new installation.
    Create {
        /// The user name to log in with, e.g. j.jansen.
        #[arg(long)]
        username: String,
        /// Their name as the portal shows it.
        #[arg(long)]
        name: String,
        /// Their email address (reset links go there).
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Recompute the security log's hash chain; exit 1 at the first entry
    /// that was altered or removed.
    Verify,
}

#[actix_web::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("csportal: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::Openapi = cli.command {
        print!("{}", api::openapi::openapi_json()?);
        return Ok(());
    }
    let settings = Settings::from_env()?;
    logging::init(&settings.log_filter, settings.log_json);
    let db = persistence::connect(&settings.database_url)
        .await
        .with_context(|| {
            format!(
                "cannot open the database at {}",
                settings.database_url_redacted()
            )
        })?;
    match cli.command {
        Command::Migrate => {
            persistence::migrate_up(&db).await?;
            println!("database migrated");
        }
        Command::Seed {
            demo,
            scale,
            scale_cases,
        } => {
            anyhow::ensure!(
                demo || scale.is_some() || scale_cases.is_some(),
                "say what to seed: `csportal seed --demo`, `--scale N` (installed products) and/or `--scale-cases N`"
            );
            persistence::migrate_up(&db).await?;
            if demo {
                anyhow::ensure!(
                    persistence::repositories::accounts::is_empty(&db).await?,
                    "the database already holds accounts; demo data goes into an empty database only"
                );
                seed_demo(&db, &settings).await?;
            }
            if let Some(count) = scale {
                let total = persistence::seed::scale(&db, count).await?;
                println!("added {count} installed products; the database now holds {total}");
            }
            if let Some(count) = scale_cases {
                let total = persistence::seed::scale_cases(&db, count).await?;
                println!("added {count} service cases; the database now holds {total}");
            }
        }
        Command::Serve { demo } => serve(settings, db, demo).await?,
        Command::Admin {
            action:
                AdminCommand::Create {
                    username,
                    name,
                    email,
                },
        } => {
            persistence::migrate_up(&db).await?;
            let state = api::AppState::new(db, settings.api, Arc::new(SystemClock)).await?;
            let link =
                api::identity::admin::create_admin_from_console(&state, &username, &name, &email)
                    .await
                    .map_err(console_error)?;
            println!(
                "{username} (Admin) created. Open this link within 24 hours to choose a password; it works once:\n{link}"
            );
        }
        Command::Audit {
            action: AuditCommand::Verify,
        } => {
            let key = api::identity::security::chain_key(&settings.api.data_key);
            let report = persistence::repositories::security_log::verify(&db, &key).await?;
            match report.first_break {
                None => println!(
                    "security log intact: {} entries, hash chain verified",
                    report.entries
                ),
                Some(broken) => anyhow::bail!(
                    "security log tampered: {broken} ({} entries before it verified)",
                    report.entries
                ),
            }
        }
        Command::Import {
            kind,
            file,
            dry_run,
        } => {
            persistence::migrate_up(&db).await?;
            let state = api::AppState::new(db, settings.api, Arc::new(SystemClock)).await?;
            let (input, _converted) = import_input(&file)?;
            let report = api::imports::import(&state, None, (kind.into(), input), dry_run)
                .await
                .map_err(console_error)?;
            print_import_report(&report);
            anyhow::ensure!(
                report.problems.is_empty(),
                "nothing was imported: {} problem{}{}",
                report.problems.len(),
                if report.problems.len() == 1 { "" } else { "s" },
                if report.more_problems {
                    " (and more)"
                } else {
                    ""
                }
            );
        }
        Command::Openapi => {}
    }
    Ok(())
}

/// The file to import as CSV: an xlsx workbook's first sheet is written to
/// a temporary CSV file first (kept alive by the second value).
fn import_input(
    file: &std::path::Path,
) -> anyhow::Result<(impl std::io::Read, Option<tempfile::TempPath>)> {
    use std::io::Read;
    let mut start = [0u8; 4];
    let mut probe =
        std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let read = probe.read(&mut start)?;
    let converted = if read == 4 && &start == api::spreadsheet::ZIP_MAGIC {
        let csv = tempfile::NamedTempFile::new()?.into_temp_path();
        api::spreadsheet::xlsx_to_csv(file, &csv)
            .map_err(|why| anyhow::anyhow!("{} is {why}", file.display()))?;
        Some(csv)
    } else {
        None
    };
    let path = converted.as_deref().unwrap_or(file);
    let input =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    Ok((std::io::BufReader::new(input), converted))
}

fn print_import_report(report: &api::imports::ImportReport) {
    for p in &report.problems {
        println!(
            "line {}, {}: {:?}: {}",
            p.line,
            if p.column.is_empty() { "-" } else { &p.column },
            p.value,
            p.issue.describe(domain::Language::En)
        );
    }
    let verb = if report.applied {
        "imported"
    } else {
        "would import (nothing stored)"
    };
    println!(
        "{} rows: {verb}: {} created, {} updated, {} unchanged (import {})",
        report.rows, report.created, report.updated, report.unchanged, report.id
    );
}

async fn seed_demo(db: &persistence::Db, settings: &Settings) -> anyhow::Result<()> {
    let hash = |password: &str| api::auth::password::hash_blocking(password).unwrap_or_default();
    let demo = persistence::seed::demo(db, &hash).await?;
    let blobs = persistence::BlobStore::open(&settings.api.attachments_dir).with_context(|| {
        format!(
            "cannot open the attachments folder {}",
            settings.api.attachments_dir.display()
        )
    })?;
    persistence::seed::demo_documents(db, &blobs, &demo).await?;
    println!(
        "demo data loaded: log in as {} / {} / {} (or dk.*, lease.*, service, admin) with password {}",
        demo.dutch.manager,
        demo.dutch.user,
        demo.dutch.viewer,
        persistence::seed::DEMO_PASSWORD
    );
    Ok(())
}

/// A priority-1 case must be phoned in: where no number is configured, users
/// are told to phone their local service organisation, and the operator is
/// told here which countries those are.
async fn warn_of_countries_without_contact_centre(
    settings: &Settings,
    db: &persistence::Db,
) -> anyhow::Result<()> {
    let countries = persistence::repositories::accounts::product_countries(db).await?;
    let missing = settings
        .api
        .markets
        .without_contact_centre(countries.iter().map(String::as_str));
    if !missing.is_empty() {
        tracing::warn!(
            event = "no_contact_centre",
            countries = %missing.join(", "),
            "no contact centre configured (CSPORTAL_CONTACT_CENTRES) for countries with installed products: priority-1 cases there tell users to phone their local service organisation"
        );
    }
    Ok(())
}

/// An API refusal in words for the console: which fields and why.
fn console_error(err: api::error::ApiError) -> anyhow::Error {
    use api::error::ApiError;
    match err {
        ApiError::Validation(errors) => anyhow::anyhow!(
            "{}",
            errors
                .iter()
                .map(|e| {
                    let flag = if e.field == "display_name" {
                        "name"
                    } else {
                        &e.field
                    };
                    format!("--{flag}: {}", e.message)
                })
                .collect::<Vec<_>>()
                .join("; ")
        ),
        ApiError::UsernameTaken(name) => anyhow::anyhow!("the user name {name} is taken"),
        other => anyhow::anyhow!("{other}"),
    }
}

async fn serve(mut settings: Settings, db: persistence::Db, demo: bool) -> anyhow::Result<()> {
    persistence::migrate_up(&db)
        .await
        .context("migrating the database")?;
    if demo {
        if persistence::repositories::accounts::is_empty(&db).await? {
            seed_demo(&db, &settings).await?;
        }
        // Demo staff sign in with a password alone, unless told otherwise.
        if std::env::var_os("CSPORTAL_STAFF_MFA_REQUIRED").is_none() {
            settings.api.staff_mfa_required = false;
        }
        // The demo's invented numbers, unless real ones are configured.
        if !settings.api.markets.has_contact_centres() {
            settings.api.markets = settings
                .api
                .markets
                .clone()
                .with_contact_centres(api::config::DEMO_CONTACT_CENTRES)?;
        }
    }
    warn_of_countries_without_contact_centre(&settings, &db).await?;
    let listener = TcpListener::bind(&settings.bind)
        .with_context(|| format!("cannot listen on {}", settings.bind))?;
    let address = listener.local_addr()?;
    let state = api::AppState::new(db, settings.api.clone(), Arc::new(SystemClock)).await?;
    tracing::info!(%address, "csportal listening");
    println!("csportal is running at http://{address}/ (API docs: http://{address}/api/docs/)");
    api::jobs::spawn_housekeeping(state.clone(), std::time::Duration::from_secs(3600));
    api::mail::spawn_mail_sender(state.clone(), std::time::Duration::from_secs(5));
    api::digests::spawn_digest_sender(state.clone(), std::time::Duration::from_secs(300));
    api::run_server(listener, state, settings.workers)?.await?;
    tracing::info!("csportal stopped");
    Ok(())
}

//! Importing a customer's data from their source system (Service and Admin).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What an import file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ImportKindDto {
    InstalledProducts,
    Accounts,
    Users,
    Contracts,
    Warranties,
    PlannedEvents,
}

/// `POST /imports?kind=accounts&dry_run=true`: what the file holds, and
/// whether to check only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// What the file holds.
    pub kind: ImportKindDto,
    /// Check every row and count what would change; store nothing.
    #[serde(default)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportStatusDto {
    Running,
    Done,
    /// The run stopped (the server stopped, or the file could not be read).
    Failed,
}

/// One refused value of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportProblemDto {
    /// 1-based; the header is line 1.
    pub line: u64,
    pub column: String,
    pub value: String,
    /// `missing_column`, `required`, `too_long`, `bad_date`,
    /// `unknown_modality`, `unknown_status`, `unknown_kind`,
    /// `not_a_boolean`, `unknown_account`, `other_customer`, `duplicate`,
    /// `serial_taken` or `wrong_field_count`.
    pub code: String,
    /// What is wrong, in the caller's language.
    pub reason: String,
}

/// What a finished run found and did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReportDto {
    pub rows: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// In file order; at most 1,000.
    pub problems: Vec<ImportProblemDto>,
    /// More problems than are listed.
    pub more_problems: bool,
    /// The changes were stored (a real run of a file without problems).
    pub applied: bool,
}

/// An import: running (with how far it got) or ended (with its report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRunDto {
    pub id: Uuid,
    /// What the file holds, e.g. `installed_products`.
    pub kind: String,
    pub dry_run: bool,
    pub status: ImportStatusDto,
    /// Data lines of the file.
    pub rows_total: u64,
    pub rows_done: u64,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// Once `done`.
    pub report: Option<ImportReportDto>,
    /// Once `failed`: why.
    pub failure: Option<String>,
}

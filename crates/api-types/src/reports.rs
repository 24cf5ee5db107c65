//! Customisable reports: the catalogue, a customised query, its rows.

use crate::installed_products::SortOrder;
use crate::paging::PageInfo;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportKindDto {
    Cases,
    InstalledProducts,
    Contracts,
    PlannedEvents,
}

/// What a column holds; it decides the filters the column takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportColumnType {
    /// Filters: `contains`, `equals`, `one_of`.
    Text,
    /// Filters: `equals`, `between` (`min`, `max`).
    Integer,
    /// Filters: `equals`, `between` (`min`, `max`); one decimal.
    Number,
    /// `YYYY-MM-DD`. Filters: `between` (`from`, `to`), `within_days`.
    Date,
    /// An RFC 3339 instant in UTC; date filters take whole days in the
    /// caller's time zone. Filters: `between`, `within_days`.
    DateTime,
    /// One of `choices`. Filters: `equals`, `one_of`.
    Choice,
}

/// A column a report offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportColumnDto {
    /// The column's stable name in queries.
    pub key: String,
    #[serde(rename = "type")]
    pub column_type: ReportColumnType,
    /// In the caller's language.
    pub label: String,
    /// The values of a `choice` column; empty for the others.
    pub choices: Vec<String>,
}

/// A report and what can be asked of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportDefinitionDto {
    pub report: ReportKindDto,
    pub title: String,
    pub columns: Vec<ReportColumnDto>,
    /// The columns shown when a query names none.
    pub default_columns: Vec<String>,
    pub default_sort: ReportSortDto,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportFilterOp {
    /// Text: the value anywhere in it, any case.
    Contains,
    /// Text (any case), choice or number: exactly `value`.
    Equals,
    /// Text or choice: any of `values`.
    OneOf,
    /// Numbers from `min` to `max`, dates from `from` to `to`; bounds
    /// included, either may be left out.
    Between,
    /// Dates from `from_days` to `to_days` days after today (negative:
    /// before), bounds included; e.g. -30 and 0 for the last 30 days.
    WithinDays,
}

/// One filter; the fields besides `column` and `op` that count depend on `op`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportFilterDto {
    pub column: String,
    pub op: Option<ReportFilterOp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub values: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = -36600, maximum = 36600))]
    pub from_days: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = -36600, maximum = 36600))]
    pub to_days: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportSortDto {
    pub column: String,
    #[serde(default)]
    pub order: SortOrder,
}

/// A customised report: columns in order, filters (all must match), sort
/// keys in order, and a column to group by. Every part may be left out.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportQueryDto {
    /// Column keys in the order shown; none: the report's default columns.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 40))]
    pub columns: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 20))]
    pub filters: Vec<ReportFilterDto>,
    /// None: the report's default sort.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 5))]
    pub sort: Vec<ReportSortDto>,
    /// Rows come grouped by this column (ahead of the sort), and the answer
    /// counts each group.
    #[serde(default)]
    pub group_by: Option<String>,
}

/// One value: null, a number (integers without a fraction), or text
/// (dates `YYYY-MM-DD`, instants RFC 3339 in UTC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum ReportCellDto {
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    Number(serde_json::Number),
    Text(String),
}

/// A group's value and how many rows (on every page) have it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportGroupDto {
    pub value: Option<ReportCellDto>,
    pub count: u64,
}

/// A page of a customised report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportRowsResponse {
    pub report: ReportKindDto,
    /// The columns of `rows`, in order.
    pub columns: Vec<ReportColumnDto>,
    /// One array per row, a value per column (null where there is none).
    pub rows: Vec<Vec<Option<ReportCellDto>>>,
    /// With `group_by`: every group in order, with its count.
    pub groups: Vec<ReportGroupDto>,
    #[serde(flatten)]
    pub paging: PageInfo,
}

/// A saved view: a customised report under a name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportViewDto {
    pub id: uuid::Uuid,
    pub report: ReportKindDto,
    pub name: String,
    pub query: ReportQueryDto,
    /// Seen by every user of the owner's parent account.
    pub shared: bool,
    pub owner_name: String,
    /// The caller owns it.
    pub mine: bool,
    /// The caller may rename, change or delete it (its owner; for a shared
    /// view also a Manager of its parent account).
    pub can_change: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// The caller's email digest of this view; none when not subscribed.
    #[serde(default)]
    pub digest: Option<ReportDigestDto>,
}

/// How often a digest goes: every Monday, or on the first of the month
/// (at 07:00 in the subscriber's zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DigestCadenceDto {
    Weekly,
    Monthly,
}

/// A subscription to a saved view: its rows emailed as an xlsx.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportDigestDto {
    pub cadence: DigestCadenceDto,
    pub next_send_at: chrono::DateTime<chrono::Utc>,
    pub last_sent_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// How often the caller wants a view's digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportDigestChange {
    pub cadence: DigestCadenceDto,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportViewList {
    pub items: Vec<ReportViewDto>,
}

/// A view to save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewReportView {
    pub report: ReportKindDto,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    pub query: ReportQueryDto,
    /// Share with the parent account (Managers only). Default false.
    #[serde(default)]
    pub shared: bool,
}

/// A view's new name, query and sharing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportViewChange {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    pub query: ReportQueryDto,
    pub shared: bool,
}

/// A copy's name; none: the original's with " (copy)".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DuplicateReportView {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SearchKindDto {
    Case,
    InstalledProduct,
    Contract,
    Warranty,
}

/// How a hit's number (case number, product number or serial, contract
/// number) matches the whole query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NumberMatchDto {
    Exact,
    Prefix,
    Within,
    /// Found by words of its title or description.
    None,
}

/// One thing the search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchHitDto {
    pub kind: SearchKindDto,
    pub id: uuid::Uuid,
    /// Case, product, contract or warranty number (empty for a warranty
    /// without one).
    pub number: String,
    /// A case's title, a product's or warranty's description, a contract's
    /// service type.
    pub title: String,
    /// A case's or warranty's product number, a product's serial number,
    /// a contract's purchase order.
    pub detail: Option<String>,
    /// When a case was opened or a contract made, in UTC (the portal shows
    /// search results' times in GMT).
    pub at: Option<chrono::DateTime<chrono::Utc>>,
    /// When a contract or warranty ends.
    pub end_date: Option<NaiveDate>,
    pub number_match: NumberMatchDto,
}

/// The best hits across kinds, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResponse {
    pub items: Vec<SearchHitDto>,
}

/// Cases opened in one month (in the caller's time zone), by priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CasesInMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Cases of priority 1 to 5, in that order.
    pub by_priority: [u64; 5],
}

/// The share of time a modality's products were without an open priority 2
/// (system down) or 3 (system restricted) case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModalityUptime {
    pub modality: crate::installed_products::ModalityDto,
    pub products: u64,
    /// 0 to 1.
    #[cfg_attr(feature = "openapi", schema(minimum = 0.0, maximum = 1.0))]
    pub uptime: f64,
}

/// The figures of the reports' charts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportChartsResponse {
    /// Oldest month first; the last is the current one.
    pub cases_per_month: Vec<CasesInMonth>,
    /// Over `uptime_from` to `uptime_to`; modalities without products left out.
    pub uptime_by_modality: Vec<ModalityUptime>,
    pub uptime_from: chrono::DateTime<chrono::Utc>,
    pub uptime_to: chrono::DateTime<chrono::Utc>,
    pub contracts_by_expiry: crate::dashboard::ExpiryCounts,
}

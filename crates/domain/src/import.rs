//! Importing a hospital's data from its source system (the ERP): the rules
//! one row must meet, with every broken one named by line, column and value.
//! Rows are keyed by the source system's ids, so importing a file again
//! changes nothing.

use crate::user::Language;
use chrono::NaiveDate;

crate::text_enum! {
    /// What an import file holds; import runs are stored under these codes.
    pub enum ImportKind / UnknownImportKind {
        InstalledProducts = "installed_products",
        Accounts = "accounts",
        Users = "users",
        Contracts = "contracts",
        Warranties = "warranties",
        PlannedEvents = "planned_events",
    }
}

/// A kind of import file from its columns (in the template's order) and
/// its row check, in one place: the list of names `COLUMNS`, the type of
/// where they stand (`Found`), and the [`FileKind`] `FILE`.
/// `import_file!("a contracts file", CONTRACT_FILE, CONTRACT_COLUMNS,
/// ContractColumns = ["parent_account", …] => parse_contract_line -> Line)`.
macro_rules! import_file {
    ($what:literal, $file:ident, $columns:ident, $found:ident = [$($name:literal),* $(,)?] => $parse:path => $row:ty) => {
        #[doc = concat!("The columns of ", $what, ", in the template's order.")]
        pub const $columns: [&str; [$($name),*].len()] = [$($name),*];
        #[doc = concat!("Where the columns of ", $what, " stand.")]
        pub type $found = $crate::import::Columns<{ $columns.len() }>;
        #[doc = concat!("The kind of ", $what, ": its columns and the check of a row.")]
        pub const $file: $crate::import::FileKind<{ $columns.len() }, $row> =
            $crate::import::FileKind { columns: &$columns, parse: $parse };
    };
}
pub(crate) use import_file;

/// Why a value of a row is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportIssue {
    /// The header has no such column.
    MissingColumn,
    Required,
    TooLong {
        max: usize,
    },
    /// Not a `YYYY-MM-DD` date.
    BadDate,
    UnknownModality,
    UnknownStatus,
    UnknownKind,
    /// Not `true`/`false` (or `yes`/`no`, `1`/`0`).
    NotABoolean,
    /// No account with this source id in the row's parent account.
    UnknownAccount,
    /// The value names something of another customer.
    OtherCustomer,
    /// Another row of the file has the same value.
    Duplicate,
    /// Another installed product has this serial number already.
    SerialTaken,
    /// A line with more or fewer fields than the header.
    WrongFieldCount,
    /// Not an account type (hospital, site, ...).
    UnknownAccountKind,
    /// Not a two-letter country code.
    BadCountry,
    /// A value this row may not have (a parent account has no parent).
    NotAllowed,
    /// Not a user name (3 to 100 letters, digits and `. _ - @`).
    BadUsername,
    BadEmail,
    /// Not a customer role: an import makes no staff.
    UnknownRole,
    UnknownLanguage,
    /// An end date before the start date.
    EndsBeforeStart,
    UnknownContractStatus,
    /// No installed product with this number in the row's parent account.
    UnknownProduct,
    /// Another row of the same contract gives its header otherwise.
    Conflicting,
    /// An existing user's address changes in the app, where they are told.
    ChangedInApp,
    /// Not an instant with its offset (RFC 3339).
    BadDateTime,
    /// An event of more than [`crate::planned_event::LONGEST_EVENT_DAYS`].
    LastsTooLong,
    UnknownEventType,
    UnknownEventStatus,
    UnknownVisitType,
    /// No active Service user with this user name.
    UnknownEngineer,
    /// No case with this number on the row's installed product.
    UnknownCase,
}

impl ImportIssue {
    /// Every issue but [`ImportIssue::TooLong`], whose limit varies.
    const FIXED: [ImportIssue; 31] = [
        ImportIssue::MissingColumn,
        ImportIssue::Required,
        ImportIssue::BadDate,
        ImportIssue::UnknownModality,
        ImportIssue::UnknownStatus,
        ImportIssue::UnknownKind,
        ImportIssue::NotABoolean,
        ImportIssue::UnknownAccount,
        ImportIssue::OtherCustomer,
        ImportIssue::Duplicate,
        ImportIssue::SerialTaken,
        ImportIssue::WrongFieldCount,
        ImportIssue::UnknownAccountKind,
        ImportIssue::BadCountry,
        ImportIssue::NotAllowed,
        ImportIssue::BadUsername,
        ImportIssue::BadEmail,
        ImportIssue::UnknownRole,
        ImportIssue::UnknownLanguage,
        ImportIssue::EndsBeforeStart,
        ImportIssue::UnknownContractStatus,
        ImportIssue::UnknownProduct,
        ImportIssue::Conflicting,
        ImportIssue::ChangedInApp,
        ImportIssue::BadDateTime,
        ImportIssue::LastsTooLong,
        ImportIssue::UnknownEventType,
        ImportIssue::UnknownEventStatus,
        ImportIssue::UnknownVisitType,
        ImportIssue::UnknownEngineer,
        ImportIssue::UnknownCase,
    ];

    /// The stable code a client translates.
    pub const fn code(self) -> &'static str {
        match self {
            ImportIssue::MissingColumn => "missing_column",
            ImportIssue::Required => "required",
            ImportIssue::TooLong { .. } => "too_long",
            ImportIssue::BadDate => "bad_date",
            ImportIssue::UnknownModality => "unknown_modality",
            ImportIssue::UnknownStatus => "unknown_status",
            ImportIssue::UnknownKind => "unknown_kind",
            ImportIssue::NotABoolean => "not_a_boolean",
            ImportIssue::UnknownAccount => "unknown_account",
            ImportIssue::OtherCustomer => "other_customer",
            ImportIssue::Duplicate => "duplicate",
            ImportIssue::SerialTaken => "serial_taken",
            ImportIssue::WrongFieldCount => "wrong_field_count",
            ImportIssue::UnknownAccountKind => "unknown_account_kind",
            ImportIssue::BadCountry => "bad_country",
            ImportIssue::NotAllowed => "not_allowed",
            ImportIssue::BadUsername => "bad_username",
            ImportIssue::BadEmail => "bad_email",
            ImportIssue::UnknownRole => "unknown_role",
            ImportIssue::UnknownLanguage => "unknown_language",
            ImportIssue::EndsBeforeStart => "ends_before_start",
            ImportIssue::UnknownContractStatus => "unknown_contract_status",
            ImportIssue::UnknownProduct => "unknown_product",
            ImportIssue::Conflicting => "conflicting",
            ImportIssue::ChangedInApp => "changed_in_app",
            ImportIssue::BadDateTime => "bad_date_time",
            ImportIssue::LastsTooLong => "lasts_too_long",
            ImportIssue::UnknownEventType => "unknown_event_type",
            ImportIssue::UnknownEventStatus => "unknown_event_status",
            ImportIssue::UnknownVisitType => "unknown_visit_type",
            ImportIssue::UnknownEngineer => "unknown_engineer",
            ImportIssue::UnknownCase => "unknown_case",
        }
    }

    /// The issue of a stored `code` (with its limit, for `too_long`).
    pub fn from_code(code: &str, max: usize) -> Option<Self> {
        if code == "too_long" {
            return Some(ImportIssue::TooLong { max });
        }
        Self::FIXED.into_iter().find(|i| i.code() == code)
    }

    /// What is wrong, in `language`: the reports' words and the CLI's.
    pub fn describe(self, language: Language) -> String {
        let dutch = language == Language::Nl;
        let (en, nl) = match self {
            ImportIssue::TooLong { max } => {
                return if dutch {
                    format!("Langer dan {max} tekens.")
                } else {
                    format!("Longer than {max} characters.")
                };
            }
            ImportIssue::MissingColumn => (
                "The header has no such column.",
                "De kopregel heeft deze kolom niet.",
            ),
            ImportIssue::Required => ("A value is required.", "Een waarde is verplicht."),
            ImportIssue::BadDate => ("Not a date (YYYY-MM-DD).", "Geen datum (JJJJ-MM-DD)."),
            ImportIssue::UnknownModality => (
                "Not a modality (MR, CT, US, IXR, other).",
                "Geen modaliteit (MR, CT, US, IXR, other).",
            ),
            ImportIssue::UnknownStatus => (
                "Not a status (active, inactive).",
                "Geen status (active, inactive).",
            ),
            ImportIssue::UnknownKind => (
                "Not a kind (hardware, software_license).",
                "Geen soort (hardware, software_license).",
            ),
            ImportIssue::NotABoolean => ("Not true or false.", "Niet true of false."),
            ImportIssue::UnknownAccount => (
                "No account with this number in the customer's accounts.",
                "Geen account met dit nummer bij deze klant.",
            ),
            ImportIssue::OtherCustomer => (
                "Belongs to another customer.",
                "Hoort bij een andere klant.",
            ),
            ImportIssue::Duplicate => (
                "Another row of the file has it too.",
                "Een andere regel van het bestand heeft dit ook.",
            ),
            ImportIssue::SerialTaken => (
                "Another installed product has this serial number.",
                "Een ander geïnstalleerd product heeft dit serienummer.",
            ),
            ImportIssue::WrongFieldCount => (
                "The line has another number of fields than the header.",
                "De regel heeft een ander aantal velden dan de kopregel.",
            ),
            ImportIssue::UnknownAccountKind => (
                "Not an account type (hospital_group, hospital, site, department, leasing_company, trust, service_organisation).",
                "Geen accounttype (hospital_group, hospital, site, department, leasing_company, trust, service_organisation).",
            ),
            ImportIssue::BadCountry => (
                "Not a two-letter country code.",
                "Geen landcode van twee letters.",
            ),
            ImportIssue::NotAllowed => (
                "A parent account has no parent.",
                "Een hoofdaccount heeft geen bovenliggend account.",
            ),
            ImportIssue::BadUsername => (
                "Not a user name (3 to 100 letters, digits and . _ - @).",
                "Geen gebruikersnaam (3 tot 100 letters, cijfers en . _ - @).",
            ),
            ImportIssue::BadEmail => (
                "Not an email address.",
                "Geen e-mailadres.",
            ),
            ImportIssue::UnknownRole => (
                "Not a customer role (viewer, user, manager).",
                "Geen klantrol (viewer, user, manager).",
            ),
            ImportIssue::UnknownLanguage => (
                "Not a language (en, nl).",
                "Geen taal (en, nl).",
            ),
            ImportIssue::EndsBeforeStart => (
                "Ends before it starts.",
                "Eindigt voordat het begint.",
            ),
            ImportIssue::UnknownContractStatus => (
                "Not a contract status (active, expired, cancelled).",
                "Geen contractstatus (active, expired, cancelled).",
            ),
            ImportIssue::UnknownProduct => (
                "No installed product with this number in the customer's products.",
                "Geen geïnstalleerd product met dit nummer bij deze klant.",
            ),
            ImportIssue::Conflicting => (
                "Another row of the same contract gives it otherwise.",
                "Een andere regel van hetzelfde contract geeft dit anders.",
            ),
            ImportIssue::ChangedInApp => (
                "An existing user's email address is changed in the app, where the user is told.",
                "Het e-mailadres van een bestaande gebruiker wijzigt u in de app, waar de gebruiker het bericht krijgt.",
            ),
            ImportIssue::BadDateTime => (
                "Not a date and time with its offset (2027-03-10T09:00:00+01:00).",
                "Geen datum en tijd met verschuiving (2027-03-10T09:00:00+01:00).",
            ),
            ImportIssue::LastsTooLong => (
                "An event lasts at most 31 days.",
                "Een afspraak duurt hoogstens 31 dagen.",
            ),
            ImportIssue::UnknownEventType => (
                "Not an event type (corrective_maintenance, preventive_maintenance, field_change_order, installation, application_support, customer_information, contractual_upgrade).",
                "Geen soort afspraak (corrective_maintenance, preventive_maintenance, field_change_order, installation, application_support, customer_information, contractual_upgrade).",
            ),
            ImportIssue::UnknownEventStatus => (
                "Not an event status (tentative, confirmed, done, cancelled).",
                "Geen status van een afspraak (tentative, confirmed, done, cancelled).",
            ),
            ImportIssue::UnknownVisitType => (
                "Not a service type (onsite, remote, bench_repair, parts_only, sub_contractor).",
                "Geen soort service (onsite, remote, bench_repair, parts_only, sub_contractor).",
            ),
            ImportIssue::UnknownEngineer => (
                "No active Service user with this user name.",
                "Geen actieve servicegebruiker met deze gebruikersnaam.",
            ),
            ImportIssue::UnknownCase => (
                "No case with this number on the installed product.",
                "Geen case met dit nummer op het geïnstalleerde product.",
            ),
        };
        if dutch { nl } else { en }.to_owned()
    }
}

/// One refused value: where, what, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based line of the file (the header is line 1).
    pub line: u64,
    pub column: String,
    pub value: String,
    pub issue: ImportIssue,
}

impl RowProblem {
    pub fn new(line: u64, column: &str, value: &str, issue: ImportIssue) -> Self {
        RowProblem {
            line,
            column: column.to_owned(),
            value: value.to_owned(),
            issue,
        }
    }
}

/// Where each of `N` named columns stands in the file (any order; unknown
/// columns are left alone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns<const N: usize>([usize; N]);

/// The check of one row (its fields, at a line): what it gives, or every
/// problem it has.
pub type ParseRow<const N: usize, T> = fn(&Columns<N>, &[&str], u64) -> Result<T, Vec<RowProblem>>;

/// A kind of import file: its columns, in the template's order, and the
/// check of one row.
pub struct FileKind<const N: usize, T> {
    pub columns: &'static [&'static str; N],
    pub parse: ParseRow<N, T>,
}

impl<const N: usize, T> FileKind<N, T> {
    /// Finds every column of the kind in `header`.
    pub fn columns_in(&self, header: &[&str]) -> Result<Columns<N>, Vec<RowProblem>> {
        Columns::find(self.columns, header)
    }

    /// Checks a row whose fields stand in the template's order.
    pub fn check(&self, fields: &[&str], line: u64) -> Result<T, Vec<RowProblem>> {
        (self.parse)(&Columns(std::array::from_fn(|i| i)), fields, line)
    }
}

/// Problems as `(line, column, value, issue)`, for tests to compare.
#[cfg(test)]
pub(crate) fn named(problems: &[RowProblem]) -> Vec<(u64, &str, &str, ImportIssue)> {
    problems
        .iter()
        .map(|p| (p.line, p.column.as_str(), p.value.as_str(), p.issue))
        .collect()
}

impl<const N: usize> Columns<N> {
    /// Finds every one of `names` in `header` (trimmed, any case).
    pub fn find(names: &[&str; N], header: &[&str]) -> Result<Self, Vec<RowProblem>> {
        let mut at = [0usize; N];
        let mut missing = Vec::new();
        for (i, name) in names.iter().enumerate() {
            match header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
            {
                Some(position) => at[i] = position,
                None => missing.push(RowProblem::new(1, name, "", ImportIssue::MissingColumn)),
            }
        }
        if missing.is_empty() {
            Ok(Columns(at))
        } else {
            Err(missing)
        }
    }

    /// The row's values, named, in the order of `names`.
    pub(crate) fn values<'a>(
        &self,
        names: &'a [&'a str; N],
        fields: &'a [&'a str],
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let at = self.0;
        names
            .iter()
            .zip(at)
            .map(move |(name, i)| (*name, fields.get(i).map_or("", |v| v.trim())))
    }
}

pub(crate) fn parsed<T>(
    problems: &mut Vec<RowProblem>,
    line: u64,
    (name, value): (&str, &str),
    issue: ImportIssue,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    if value.is_empty() {
        problems.push(RowProblem::new(line, name, value, ImportIssue::Required));
        return None;
    }
    let parsed = parse(value);
    if parsed.is_none() {
        problems.push(RowProblem::new(line, name, value, issue));
    }
    parsed
}

/// A value the row must have.
pub(crate) fn required(
    problems: &mut Vec<RowProblem>,
    line: u64,
    (name, value): (&str, &str),
) -> String {
    if value.is_empty() {
        problems.push(RowProblem::new(line, name, value, ImportIssue::Required));
    }
    value.to_owned()
}

/// A value the row must have, of at most `max` characters.
pub(crate) fn required_text(
    problems: &mut Vec<RowProblem>,
    line: u64,
    (name, value): (&str, &str),
    max: usize,
) -> String {
    let text = required(problems, line, (name, value));
    not_too_long(problems, line, (name, value), max);
    text
}

/// A value the row may leave empty, of at most `max` characters.
pub(crate) fn optional_text(
    problems: &mut Vec<RowProblem>,
    line: u64,
    (name, value): (&str, &str),
    max: usize,
) -> Option<String> {
    not_too_long(problems, line, (name, value), max);
    (!value.is_empty()).then(|| value.to_owned())
}

fn not_too_long(
    problems: &mut Vec<RowProblem>,
    line: u64,
    (name, value): (&str, &str),
    max: usize,
) {
    if value.chars().count() > max {
        let issue = ImportIssue::TooLong { max };
        problems.push(RowProblem::new(line, name, value, issue));
    }
}

/// The `;`-separated values of a cell: trimmed, empties dropped, the first
/// of each duplicate kept; each of at most `max` characters.
pub(crate) fn list(
    problems: &mut Vec<RowProblem>,
    line: u64,
    (name, value): (&str, &str),
    max: usize,
) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for item in value.split(';').map(str::trim).filter(|i| !i.is_empty()) {
        if !items.iter().any(|known| known == item) {
            not_too_long(problems, line, (name, item), max);
            items.push(item.to_owned());
        }
    }
    items
}

pub(crate) fn date(
    problems: &mut Vec<RowProblem>,
    line: u64,
    (name, value): (&str, &str),
) -> Option<NaiveDate> {
    if value.is_empty() {
        return None;
    }
    let parsed = iso_date(value);
    if parsed.is_none() {
        problems.push(RowProblem::new(line, name, value, ImportIssue::BadDate));
    }
    parsed
}

/// Two required dates, the `end` not before the `start` (an end before it
/// is named on the end's column).
pub(crate) fn date_range(
    problems: &mut Vec<RowProblem>,
    line: u64,
    start: (&str, &str),
    end: (&str, &str),
) -> Option<(NaiveDate, NaiveDate)> {
    let from = parsed(problems, line, start, ImportIssue::BadDate, iso_date);
    let to = parsed(problems, line, end, ImportIssue::BadDate, iso_date);
    let (from, to) = (from?, to?);
    if to < from {
        let (name, value) = end;
        problems.push(RowProblem::new(
            line,
            name,
            value,
            ImportIssue::EndsBeforeStart,
        ));
        return None;
    }
    Some((from, to))
}

fn iso_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
}

pub(crate) fn boolean(
    problems: &mut Vec<RowProblem>,
    line: u64,
    (name, value): (&str, &str),
) -> bool {
    match value.to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "0" => false,
        "true" | "yes" | "1" => true,
        _ => {
            problems.push(RowProblem::new(line, name, value, ImportIssue::NotABoolean));
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_issue_round_trips_through_its_code_and_has_its_own_words_in_english_and_dutch() {
        let issues: Vec<ImportIssue> = ImportIssue::FIXED
            .into_iter()
            .chain([ImportIssue::TooLong { max: 40 }])
            .collect();
        for issue in &issues {
            assert_eq!(ImportIssue::from_code(issue.code(), 40), Some(*issue));
        }
        assert_eq!(ImportIssue::from_code("no_such_issue", 40), None);
        for language in Language::ALL {
            let mut words: Vec<String> = issues.iter().map(|i| i.describe(language)).collect();
            words.sort();
            words.dedup();
            assert_eq!(words.len(), issues.len(), "{language:?}");
        }
        for issue in issues {
            assert_ne!(issue.describe(Language::En), issue.describe(Language::Nl));
        }
    }
}

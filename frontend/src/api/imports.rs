//! Importing a customer's data from their source system (`/imports`):
//! start a run with the file, follow it, and the files to download (the
//! template, a finished run's problems). Service and Admin only.

use super::http::{url, Api, Call};
use super::Answer;
use api_types::{ImportKindDto, ImportRunDto};
use std::fmt::Display;
use web_sys::Blob;

/// The media types the app sends a file as (the server also knows a
/// workbook by its bytes).
const CSV: &str = "text/csv";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The media type of a file named `name`: a workbook, or CSV.
pub fn file_type(name: &str) -> &'static str {
    if name.to_ascii_lowercase().ends_with(".xlsx") {
        XLSX
    } else {
        CSV
    }
}

/// Every kind, in the order the import page offers them.
pub const IMPORT_KINDS: [ImportKindDto; 6] = [
    ImportKindDto::InstalledProducts,
    ImportKindDto::Accounts,
    ImportKindDto::Users,
    ImportKindDto::Contracts,
    ImportKindDto::Warranties,
    ImportKindDto::PlannedEvents,
];

/// As the server names a kind in paths and parameters.
pub fn kind_name(kind: ImportKindDto) -> &'static str {
    match kind {
        ImportKindDto::InstalledProducts => "installed-products",
        ImportKindDto::Accounts => "accounts",
        ImportKindDto::Users => "users",
        ImportKindDto::Contracts => "contracts",
        ImportKindDto::Warranties => "warranties",
        ImportKindDto::PlannedEvents => "planned-events",
    }
}

/// The kind the server names `name`.
pub fn kind_named(name: &str) -> Option<ImportKindDto> {
    IMPORT_KINDS.into_iter().find(|k| kind_name(*k) == name)
}

impl Api {
    /// `POST /imports?kind=&dry_run=`: the file's bytes (`name`d) as the
    /// body. Answers the run at once (202); it goes on on the server, to
    /// follow with [`Api::import_run`]. `dry_run`: check only, store nothing.
    pub async fn import_file(
        self,
        kind: ImportKindDto,
        (file, name): (&Blob, &str),
        dry_run: bool,
    ) -> Answer<ImportRunDto> {
        let path = format!("{IMPORTS}?kind={}&dry_run={dry_run}", kind_name(kind));
        self.json(Call::post_file(&path, file, file_type(name)))
            .await
    }
}

endpoints! {
    /// `GET /imports/{id}`: how far the run got, and its report once done.
    get import_run(id: impl Display) -> ImportRunDto = import_path(id);
}

const IMPORTS: &str = "/imports";

fn import_path(id: impl Display) -> String {
    format!("{IMPORTS}/{id}")
}

/// A finished run's refused values as CSV (line, column, value, reason in
/// the reader's language).
pub fn import_problems_url(id: impl Display) -> String {
    url(&format!("{}/problems.csv", import_path(id)))
}

/// The columns of a file of `kind`, with an example row.
pub fn template_url(kind: ImportKindDto) -> String {
    url(&format!("{IMPORTS}/templates/{}.csv", kind_name(kind)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_paths_are_the_servers() {
        let paths = [
            url(&import_path("r1")),
            import_problems_url("r1"),
            template_url(ImportKindDto::InstalledProducts),
            template_url(ImportKindDto::Accounts),
            template_url(ImportKindDto::Warranties),
        ];
        let expected = [
            "/r1",
            "/r1/problems.csv",
            "/templates/installed-products.csv",
            "/templates/accounts.csv",
            "/templates/warranties.csv",
        ];
        assert_eq!(paths, expected.map(|p| format!("/api/v1/imports{p}")));
    }

    #[test]
    fn every_kind_is_found_by_its_name() {
        for kind in IMPORT_KINDS {
            assert_eq!(kind_named(kind_name(kind)), Some(kind));
        }
        assert_eq!(kind_named("cases"), None);
    }

    #[test]
    fn a_workbook_is_sent_as_one_and_anything_else_as_csv() {
        assert_eq!(file_type("Base.XLSX"), XLSX);
        assert_eq!(file_type("base.csv"), "text/csv");
        assert_eq!(file_type("base"), "text/csv");
    }
}

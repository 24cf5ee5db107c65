//! Importing a customer's data from their source system (`/imports`):
//! start a run with the file, follow it, and the files to download (the
//! template, a finished run's problems). Service and Admin only.

use super::http::{url, Api, Call};
use super::ApiError;
use api_types::ImportRunDto;
use std::fmt::Display;
use web_sys::Blob;

/// How the app sends a CSV file (the server takes octet-stream too).
const CSV: &str = "text/csv";

impl Api {
    /// `POST /imports?kind=installed-products&dry_run=`: the file's bytes as the
    /// body. Answers the run at once (202); it goes on on the server, to
    /// follow with [`Api::import_run`]. `dry_run`: check only, store nothing.
    pub async fn import_installed_products(
        self,
        file: &Blob,
        dry_run: bool,
    ) -> Result<ImportRunDto, ApiError> {
        let path = format!("{IMPORTS}?kind=installed-products&dry_run={dry_run}");
        self.json(Call::post_file(&path, file, CSV)).await
    }

    /// `GET /imports/{id}`: how far the run got, and its report once done.
    pub async fn import_run(self, id: impl Display) -> Result<ImportRunDto, ApiError> {
        self.get(&import_path(id)).await
    }
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

/// The columns of an installed-products file, with an example row.
pub fn products_template_url() -> String {
    url(&format!("{IMPORTS}/templates/installed-products.csv"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_paths_are_the_servers() {
        let paths = [
            url(&import_path("r1")),
            import_problems_url("r1"),
            products_template_url(),
        ];
        let expected = [
            "/r1",
            "/r1/problems.csv",
            "/templates/installed-products.csv",
        ];
        assert_eq!(paths, expected.map(|p| format!("/api/v1/imports{p}")));
    }
}

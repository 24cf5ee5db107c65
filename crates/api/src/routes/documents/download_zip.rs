use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::zip_stream::{self, ZipNote};
use crate::routes::{AppData, Reply};
use actix_web::{get, web};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::documents;
use serde::Deserialize;

/// Documents one zip may hold: a page of the list, selected.
const MOST_IN_A_ZIP: usize = 200;

/// The manifest's name in the zip.
const MANIFEST: &str = "SHA256SUMS.txt";

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DocumentZipQuery {
    /// Comma-separated document ids (1 to 200), in the order to number them.
    pub ids: String,
}

/// Several documents as one zip, written into the response while it is
/// sent. It starts with `SHA256SUMS.txt`, a manifest with each file's
/// SHA-256 in `sha256sum` form (`sha256sum -c SHA256SUMS.txt` checks the
/// unpacked files); files are numbered `01-…` so equal names stay apart.
#[utoipa::path(
    params(DocumentZipQuery),
    responses(
        (status = 200, description = "A zip file, sent chunked as it is written (no `Content-Length`)", content_type = "application/zip"),
        (status = 400, description = "`ids` is empty, too long, or holds something that is not an id"),
        (status = 404, description = "An id that is not a document this caller sees"),
        (status = 503, description = "Other zip files are being built; try again after `Retry-After` seconds"),
    )
)]
#[get("/documents.zip")]
pub async fn download_documents_zip(
    state: AppData,
    auth: AuthUser,
    query: web::Query<DocumentZipQuery>,
) -> Reply {
    let ids = zip_stream::parse_ids(&query.ids)?;
    if ids.is_empty() || ids.len() > MOST_IN_A_ZIP {
        return Err(ApiError::InvalidQuery(format!(
            "ids: name 1 to {MOST_IN_A_ZIP} documents"
        )));
    }
    let today = state.clock.now().date_naive();
    let chosen =
        documents::find_many_visible(&state.db, AccountVisibility::of(&auth.user), today, &ids)
            .await?
            .ok_or(ApiError::NotFound)?;
    let slot = zip_stream::slot(&state, "zip downloads")?;
    let zone = auth.user.settings.time_zone.tz();
    let manifest = domain::document::zip_manifest(chosen.iter().enumerate().map(|(i, r)| {
        (
            zip_stream::numbered(i, &r.document.file.file_name),
            r.document.file.sha256.as_str(),
        )
    }));
    let files = chosen.iter().map(|r| &r.document.file);
    let sources = zip_stream::open_numbered(&state, files, zone).await?;
    let now = state.clock.now();
    let note = ZipNote {
        name: MANIFEST.into(),
        modified: now.with_timezone(&zone).naive_local(),
        text: manifest,
    };
    let name = format!(
        "documents-{}.zip",
        now.with_timezone(&zone).format("%Y%m%d-%H%M")
    );
    Ok(zip_stream::response(slot, sources, Some(note), &name))
}

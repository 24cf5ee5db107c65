//! Customer facing documents: listed, previewed and downloaded (one, or
//! several as a zip) by whoever sees their product; published by the
//! service side.

pub mod download;
pub mod download_zip;
pub mod get;
pub mod list;
pub mod upload;

// The zip's fixed path before `{id}`, which it would otherwise match.
crate::routes::handlers! {
    download_zip::download_documents_zip,
    list::list_documents,
    upload::upload_documents,
    get::get_document,
    download::download_document,
}

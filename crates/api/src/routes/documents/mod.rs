//! Customer facing documents: listed, previewed and downloaded (one, or
//! several as a zip) by whoever sees their product; published by the
//! service side.

pub mod download;
pub mod download_zip;
pub mod get;
pub mod list;
pub mod upload;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    // The zip's fixed path before `{id}`, which it would otherwise match.
    cfg.service(download_zip::download_documents_zip)
        .service(list::list_documents)
        .service(upload::upload_documents)
        .service(get::get_document)
        .service(download::download_document);
}

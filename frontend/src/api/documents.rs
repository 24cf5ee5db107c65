//! Customer facing documents (`/documents`: listed, saved one by one or as
//! a zip, published by the service side) and end of life (`/end-of-life`:
//! the products' dates, the caller's subscriptions and the notices sent).

use super::http::{decode, url, Api, Call};
use super::Answer;
use crate::query::{
    document_query_pairs, eol_notice_query_pairs, eol_product_query_pairs, query_string, wire_name,
};
use api_types::{
    DocumentKindDto, DocumentPage, DocumentQuery, EolNoticePage, EolNoticeQuery, EolProductPage,
    EolProductQuery, EolSubscriptionDto, EolSubscriptionList, NewEolSubscription,
    UploadedDocuments,
};
use std::fmt::Display;
use web_sys::File;

list_endpoints! {
    /// `GET /documents`: one page of the documents of the visible products,
    /// newest first.
    documents(DocumentQuery) -> DocumentPage = DOCUMENTS, document_query_pairs;
    /// `GET /end-of-life/products`: the visible products with an end-of-life
    /// or end-of-service date, the nearest first.
    end_of_life_products(EolProductQuery) -> EolProductPage =
        "/end-of-life/products", eol_product_query_pairs;
    /// `GET /end-of-life/notices`: the notices the caller was sent, newest
    /// first, with how many are unread.
    end_of_life_notices(EolNoticeQuery) -> EolNoticePage =
        "/end-of-life/notices", eol_notice_query_pairs;
}

const DOCUMENTS: &str = "/documents";
const SUBSCRIPTIONS: &str = "/end-of-life/subscriptions";

/// The most documents one zip holds (the server's limit).
pub const MOST_IN_A_ZIP: usize = 200;
/// The most files one upload sends (the server's limit).
pub const MOST_IN_AN_UPLOAD: usize = 10;

/// Where uploaded documents go: a product, a case or a visit (by id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentTarget {
    Product(String),
    Case(String),
    Visit(String),
}

impl Api {
    /// `POST /documents?kind=..&installed_product_id=..` (or `case_id`,
    /// `planned_event_id`; the Service role) with `files` in one
    /// multipart body: all of them are kept, or none. `progress` gets the
    /// percent sent so far.
    pub async fn upload_documents(
        self,
        kind: DocumentKindDto,
        target: &DocumentTarget,
        files: &[File],
        progress: impl Fn(u8) + Clone + 'static,
    ) -> Answer<UploadedDocuments> {
        self.upload_files(&upload_url(kind, target), files, progress)
            .await
    }

    /// `POST /end-of-life/subscriptions`: the subscription, and whether it
    /// is new (201) rather than one there was (200). Notices already due
    /// are sent at once.
    pub async fn subscribe_to_end_of_life(
        self,
        request: &NewEolSubscription,
    ) -> Answer<(EolSubscriptionDto, bool)> {
        let response = self.send(&Call::post(SUBSCRIPTIONS, request)?).await?;
        let new = response.status() == 201;
        decode(response)
            .await
            .map(|subscription| (subscription, new))
    }
}

endpoints! {
    /// `GET /end-of-life/subscriptions`: modalities first, then products.
    get end_of_life_subscriptions() -> EolSubscriptionList = SUBSCRIPTIONS;
    /// `DELETE /end-of-life/subscriptions/{id}` (204).
    delete unsubscribe_from_end_of_life(id: impl Display) -> () = format!("{SUBSCRIPTIONS}/{id}");
    /// `POST /end-of-life/notices/read` (204): every notice is read.
    post_no_content mark_end_of_life_notices_read() -> () = "/end-of-life/notices/read";
}

/// Where an upload of `kind` documents onto `target` is sent.
fn upload_url(kind: DocumentKindDto, target: &DocumentTarget) -> String {
    let (name, id) = match target {
        DocumentTarget::Product(id) => ("installed_product_id", id),
        DocumentTarget::Case(id) => ("case_id", id),
        DocumentTarget::Visit(id) => ("planned_event_id", id),
    };
    let pairs = [("kind", wire_name(&kind)), (name, id.clone())];
    url(&format!("{DOCUMENTS}{}", query_string(&pairs)))
}

/// The documents `ids` as one zip (`SHA256SUMS.txt` first), in this order.
pub fn documents_zip_url(ids: &[String]) -> String {
    url(&format!("/documents.zip?ids={}", ids.join(",")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_name_the_kind_and_exactly_one_target() {
        assert_eq!(
            upload_url(
                DocumentKindDto::ServiceReceipt,
                &DocumentTarget::Case("k-1".to_owned())
            ),
            "/api/v1/documents?kind=service_receipt&case_id=k-1"
        );
        assert_eq!(
            upload_url(
                DocumentKindDto::PreventiveServiceReport,
                &DocumentTarget::Visit("v-1".to_owned())
            ),
            "/api/v1/documents?kind=preventive_service_report&planned_event_id=v-1"
        );
        assert_eq!(
            upload_url(
                DocumentKindDto::ProductDocumentation,
                &DocumentTarget::Product("p-1".to_owned())
            ),
            "/api/v1/documents?kind=product_documentation&installed_product_id=p-1"
        );
    }

    #[test]
    fn the_zip_lists_the_ids_in_order() {
        let ids = ["b".to_owned(), "a".to_owned(), "c".to_owned()];
        assert_eq!(documents_zip_url(&ids), "/api/v1/documents.zip?ids=b,a,c");
    }
}

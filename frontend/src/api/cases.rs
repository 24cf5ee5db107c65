//! Service cases (`/cases`), their activities and attachments' URLs; the
//! confirmation of a case contact's address (`/contact-confirmations`).

use super::http::{url, Api, Call};
use super::Answer;
use crate::query::case_query_pairs;
use api_types::{
    CaseDetail, CasePage, CaseQuery, CreateActivityRequest, CreateCaseRequest, LinkTokenRequest,
};
use std::fmt::Display;

list_endpoints! {
    /// `GET /cases`: one page of the visible cases.
    cases(CaseQuery) -> CasePage = "/cases", case_query_pairs;
}

endpoints! {
    /// `GET /cases/{id}`: a case with its timeline; 404 when it is not visible.
    get case(id: impl Display) -> CaseDetail = case_path(id);
}

impl Api {
    /// `POST /cases` with an `Idempotency-Key`: a retry with the same key and
    /// body answers the first response instead of making a second case.
    pub async fn create_case(
        self,
        idempotency_key: &str,
        request: &CreateCaseRequest,
    ) -> Answer<CaseDetail> {
        let call = Call::post("/cases", request)?.header("Idempotency-Key", Some(idempotency_key));
        self.json(call).await
    }

    /// `POST /cases/{id}/activities`: the case as it is after the new entry.
    pub async fn add_case_activity(
        self,
        id: impl Display,
        request: &CreateActivityRequest,
    ) -> Answer<CaseDetail> {
        self.post(&case_activities_path(id), request).await
    }

    /// A service-side change to case `id` (see [`CaseWrite`]) with
    /// `If-Match`: 412 when the case changed since `version` was read.
    pub async fn change_case<T: serde::Serialize>(
        self,
        id: impl Display,
        write: CaseWrite,
        version: i32,
        request: &T,
    ) -> Answer<CaseDetail> {
        let path = format!("{}/{}", case_path(id), write.path());
        let call = match write {
            CaseWrite::Status => Call::post(&path, request)?,
            CaseWrite::Assignee | CaseWrite::WaitingForCustomer => Call::put(&path, request)?,
        };
        self.json(call.if_version(version)).await
    }

    /// `POST /contact-confirmations` (no login), with the token of the link
    /// emailed to a case's contact address: 204 also when it was confirmed
    /// before; 410 `link_expired`, 404 `link_invalid`.
    pub async fn confirm_contact(self, request: &LinkTokenRequest) -> Answer<()> {
        Api::public_no_content(Call::post("/contact-confirmations", request)?).await
    }
}

fn case_path(id: impl Display) -> String {
    format!("/cases/{id}")
}

fn case_activities_path(id: impl Display) -> String {
    format!("/cases/{id}/activities")
}

/// `POST` here: one or more files as `multipart/form-data`.
pub fn case_attachments_url(id: impl Display) -> String {
    url(&format!("/cases/{id}/attachments"))
}

/// All of a case's attachments as one zip file.
pub fn attachments_zip_url(id: impl Display) -> String {
    url(&format!("/cases/{id}/attachments.zip"))
}

/// The pre-filled bench repair form of a bench repair case.
pub fn bench_repair_form_url(id: impl Display) -> String {
    url(&format!("/cases/{id}/bench-repair-form.pdf"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_paths_embed_the_id() {
        assert_eq!(url(&case_path("k1")), "/api/v1/cases/k1");
        assert_eq!(
            url(&case_activities_path("k1")),
            "/api/v1/cases/k1/activities"
        );
        assert_eq!(case_attachments_url("k1"), "/api/v1/cases/k1/attachments");
        assert_eq!(
            attachments_zip_url("k1"),
            "/api/v1/cases/k1/attachments.zip"
        );
        assert_eq!(
            bench_repair_form_url("k1"),
            "/api/v1/cases/k1/bench-repair-form.pdf"
        );
    }
}

/// The service side's versioned changes to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseWrite {
    /// `POST /cases/{id}/status` (`MoveCaseStatusRequest`).
    Status,
    /// `PUT /cases/{id}/assignee` (`AssignCaseRequest`).
    Assignee,
    /// `PUT /cases/{id}/waiting-for-customer` (`WaitingForCustomerRequest`).
    WaitingForCustomer,
}

impl CaseWrite {
    fn path(self) -> &'static str {
        match self {
            CaseWrite::Status => "status",
            CaseWrite::Assignee => "assignee",
            CaseWrite::WaitingForCustomer => "waiting-for-customer",
        }
    }
}

//! Requests for an account (`/access-requests`): made before sign-in,
//! decided by the matching hospital's Manager or portal support.

use super::http::{Api, Call, LoginRefused};
use crate::query::access_request_query_pairs;
use api_types::{
    AccessRequestDto, AccessRequestPage, AccessRequestQuery, ApproveAccessRequest,
    CreateAccessRequest, RejectAccessRequest, UserDetail,
};
use std::fmt::Display;

impl Api {
    /// `POST /access-requests` (no login): 202 whether or not the
    /// identifiers matched anything; the requester gets a confirmation email.
    pub async fn create_access_request(
        self,
        request: &CreateAccessRequest,
    ) -> Result<(), LoginRefused> {
        Api::public_limited(Call::post(ACCESS_REQUESTS, request)?)
            .await
            .map(drop)
    }
}

list_endpoints! {
    /// `GET /access-requests`: one page of the requests the caller may decide, newest first.
    access_requests(AccessRequestQuery) -> AccessRequestPage =
        ACCESS_REQUESTS, access_request_query_pairs;
}

endpoints! {
    /// `GET /access-requests/{id}`: 404 when the caller may not see it.
    get access_request(id: impl Display) -> AccessRequestDto = access_request_path(id);
    /// `POST /access-requests/{id}/approve`: 201 with the new user, who gets
    /// an activation email; 409 when the request was already decided.
    post approve_access_request(id: impl Display, request: &ApproveAccessRequest) -> UserDetail = format!("{}/approve", access_request_path(id)), request;
    /// `POST /access-requests/{id}/reject`: the request as decided; the
    /// requester is emailed the reason.
    post reject_access_request(id: impl Display, request: &RejectAccessRequest) -> AccessRequestDto = format!("{}/reject", access_request_path(id)), request;
}

const ACCESS_REQUESTS: &str = "/access-requests";

fn access_request_path(id: impl Display) -> String {
    format!("{ACCESS_REQUESTS}/{id}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::http::url;

    #[test]
    fn access_request_paths_embed_the_id() {
        assert_eq!(url(ACCESS_REQUESTS), "/api/v1/access-requests");
        assert_eq!(
            url(&access_request_path("r1")),
            "/api/v1/access-requests/r1"
        );
    }
}

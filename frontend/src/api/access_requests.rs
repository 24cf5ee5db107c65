//! Requests for an account (`/access-requests`): made before sign-in,
//! decided by the matching hospital's Manager or portal support.

use super::http::{Api, Call, LoginRefused};
use super::ApiError;
use crate::query::{access_request_query_pairs, query_string};
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

    /// `GET /access-requests`: one page of the requests the caller may decide, newest first.
    pub async fn access_requests(
        self,
        query: &AccessRequestQuery,
    ) -> Result<AccessRequestPage, ApiError> {
        let pairs = access_request_query_pairs(query);
        self.get(&format!("{ACCESS_REQUESTS}{}", query_string(&pairs)))
            .await
    }

    /// `GET /access-requests/{id}`: 404 when the caller may not see it.
    pub async fn access_request(self, id: impl Display) -> Result<AccessRequestDto, ApiError> {
        self.get(&access_request_path(id)).await
    }

    /// `POST /access-requests/{id}/approve`: 201 with the new user, who gets
    /// an activation email; 409 when the request was already decided.
    pub async fn approve_access_request(
        self,
        id: impl Display,
        request: &ApproveAccessRequest,
    ) -> Result<UserDetail, ApiError> {
        let path = format!("{}/approve", access_request_path(id));
        self.post(&path, request).await
    }

    /// `POST /access-requests/{id}/reject`: the request as decided; the
    /// requester is emailed the reason.
    pub async fn reject_access_request(
        self,
        id: impl Display,
        request: &RejectAccessRequest,
    ) -> Result<AccessRequestDto, ApiError> {
        let path = format!("{}/reject", access_request_path(id));
        self.post(&path, request).await
    }
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

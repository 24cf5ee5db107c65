//! Requests for an account (`/access-requests`): made before sign-in,
//! decided by the matching hospital's Manager or portal support.

use super::http::{Api, Call, LoginRefused};
use super::Answer;
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

    /// `GET /access-requests/{id}`: 404 when the caller may not see it.
    pub async fn access_request(self, id: impl Display) -> Answer<AccessRequestDto> {
        self.get(&access_request_path(id)).await
    }
}

list_endpoints! {
    /// `GET /access-requests`: one page of the requests the caller may decide, newest first.
    access_requests(AccessRequestQuery) -> AccessRequestPage =
        ACCESS_REQUESTS, access_request_query_pairs;
}

/// The decisions on a request: `name(Body) -> Answer = "decision"` is
/// `POST /access-requests/{id}/{decision}`.
macro_rules! decisions {
    ($($(#[$doc:meta])* $name:ident($body:ty) -> $answer:ty = $decision:literal;)*) => {
        impl Api {
            $(
                $(#[$doc])*
                pub async fn $name(self, id: impl Display, request: &$body) -> Answer<$answer> {
                    let path = format!("{}/{}", access_request_path(id), $decision);
                    self.post(&path, request).await
                }
            )*
        }
    };
}

decisions! {
    /// `POST /access-requests/{id}/approve`: 201 with the new user, who gets
    /// an activation email; 409 when the request was already decided.
    approve_access_request(ApproveAccessRequest) -> UserDetail = "approve";
    /// `POST /access-requests/{id}/reject`: the request as decided; the
    /// requester is emailed the reason.
    reject_access_request(RejectAccessRequest) -> AccessRequestDto = "reject";
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

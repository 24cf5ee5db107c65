//! The users a Manager or Admin administers (`/users`) and the security log.

use super::http::{Api, Call, Tagged};
use super::Answer;
use crate::query::{security_log_query_pairs, user_query_pairs};
use api_types::{
    CreateUserRequest, SecurityLogPage, SecurityLogQuery, UpdateUserRequest, UserDetail, UserPage,
    UserQuery,
};
use std::fmt::Display;

list_endpoints! {
    /// `GET /users`: one page of the users the caller manages.
    users(UserQuery) -> UserPage = "/users", user_query_pairs;
    /// `GET /security-log`: one page of security events, newest first.
    security_log(SecurityLogQuery) -> SecurityLogPage = "/security-log", security_log_query_pairs;
}

endpoints! {
    /// `POST /users`: 201 with the new user, who gets an activation email.
    post create_user(request: &CreateUserRequest) -> UserDetail = "/users", request;
    /// `POST /users/{id}/activation-email`: 202, a new activation link is on its way.
    post_no_content send_activation_email(id: impl Display) -> () = format!("{}/activation-email", user_path(id));
}

impl Api {
    /// `GET /users/{id}`, and its `ETag`.
    pub async fn user(self, id: impl Display) -> Answer<Tagged<UserDetail>> {
        self.tagged(Call::get(&user_path(id))).await
    }

    /// `PATCH /users/{id}` with `If-Match`: 412 when the user changed meanwhile.
    pub async fn update_user(
        self,
        id: impl Display,
        etag: &str,
        request: &UpdateUserRequest,
    ) -> Answer<Tagged<UserDetail>> {
        let call = Call::patch(&user_path(id), request)?.header("If-Match", Some(etag));
        self.tagged(call).await
    }
}

fn user_path(id: impl Display) -> String {
    format!("/users/{id}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::http::url;

    #[test]
    fn user_paths_embed_the_id() {
        assert_eq!(url(&user_path("u1")), "/api/v1/users/u1");
    }
}

//! Optimistic concurrency: versions sent as strong ETags (`"v<n>"`) and
//! required back as `If-Match` on updates.

use crate::error::ApiError;
use actix_web::http::header;
use actix_web::{dev::Payload, FromRequest, HttpRequest};
use std::future::{ready, Ready};
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::{ObjectBuilder, Required, Type};
use utoipa::IntoParams;

/// A row's version as a strong ETag.
pub fn etag(version: i32) -> String {
    format!("\"v{version}\"")
}

/// The `If-Match` header of an update, read only when the handler asks:
/// a foreign id must stay a 404 even without the header.
pub struct IfMatch(Option<String>);

impl IfMatch {
    /// The version named by `If-Match: "v<version>"`: 428 without the
    /// header; any other value matches nothing, so the update answers 412.
    pub fn expected_version(&self) -> Result<i32, ApiError> {
        let raw = self
            .0
            .as_deref()
            .ok_or(ApiError::PreconditionRequired)?
            .trim();
        Ok(raw
            .strip_prefix("\"v")
            .and_then(|r| r.strip_suffix('"'))
            .and_then(|v| v.parse().ok())
            .unwrap_or(-1))
    }
}

impl FromRequest for IfMatch {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let raw = req
            .headers()
            .get(header::IF_MATCH)
            .map(|value| value.to_str().unwrap_or_default().to_owned());
        ready(Ok(Self(raw)))
    }
}

/// Documented as required: without it an update answers 428 (the 412 and
/// 428 answers are added from this parameter, see `openapi::contract`).
impl IntoParams for IfMatch {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![ParameterBuilder::new()
            .name("If-Match")
            .parameter_in(ParameterIn::Header)
            .required(Required::True)
            .description(Some("The ETag of the resource as last read"))
            .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
            .build()]
    }
}

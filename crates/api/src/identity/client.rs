//! The client's network address, for the security log and the per-address
//! login limit.

use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use std::future::{ready, Ready};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddress(pub Option<String>);

impl ClientAddress {
    pub fn of(req: &HttpRequest, trust_forwarded_for: bool) -> Self {
        // Only the last entry: the one our own proxy appended. Earlier ones
        // are whatever the client chose to send.
        let forwarded = trust_forwarded_for
            .then(|| req.headers().get_all("x-forwarded-for").last())
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(str::trim)
            .and_then(|v| v.parse::<std::net::IpAddr>().ok());
        let address = forwarded.or_else(|| req.peer_addr().map(|a| a.ip()));
        Self(address.map(|ip| ip.to_string()))
    }

    pub fn as_deref(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

impl FromRequest for ClientAddress {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let trust = req
            .app_data::<web::Data<AppState>>()
            .is_some_and(|s| s.config.trust_forwarded_for);
        ready(Ok(Self::of(req, trust)))
    }
}

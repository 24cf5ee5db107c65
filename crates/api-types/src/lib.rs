//! The JSON shapes of the csportal REST API (`/api/v1`).
//!
//! serde only; `utoipa::ToSchema` behind the `openapi` feature so the browser app
//! builds without it.

pub mod accounts;
pub mod auth;
pub mod health;
pub mod problem;

pub use accounts::{AccountKindDto, AccountListResponse, AccountResponse};
pub use auth::{
    LoginRequest, LogoutRequest, MeResponse, ParentAccountRef, RefreshRequest, RoleDto,
    TokenResponse, UserSettings,
};
pub use health::HealthResponse;
pub use problem::{FieldError, ProblemCode, ProblemDetails};

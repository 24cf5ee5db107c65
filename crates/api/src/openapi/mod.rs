//! The OpenAPI document: collected from the route registrations the server
//! uses, then completed with what every operation shares ([`contract`]).

mod contract;

use crate::routes;
use actix_web::App;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "csportal API",
        description = "The Customer Services Portal's JSON REST API: installed products, service cases, \
contracts and more, scoped to the caller's accounts. Authenticate at `/api/v1/auth/login` and send \
`Authorization: Bearer <access_token>`. Errors are RFC 9457 `application/problem+json` documents \
with a stable `code`.",
        license(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")
    ),
    modifiers(&SecurityAddon),
    // Named only by query and path parameters, which utoipa does not
    // collect from, and by the problem answers `contract` adds.
    components(schemas(
        api_types::CaseSort,
        api_types::DocumentKindDto,
        api_types::EventStatusDto,
        api_types::EventTypeDto,
        api_types::ImportKindDto,
        api_types::InstalledProductSort,
        api_types::ReportKindDto,
        crate::routes::reports::export::ExportFormat,
        api_types::SortOrder,
        api_types::ProblemDetails
    )),
    tags(
        (name = "auth", description = "Log in, refresh, log out, the current user, passwords, activation and reset links, personal settings"),
        (name = "access requests", description = "Request access (public form) and its approval by Admins or the matched parent account's Manager"),
        (name = "users", description = "User administration (Managers for their parent account, Admins for all) and the security log"),
        (name = "accounts", description = "Organisations and locations visible to the caller; portal support creates, edits and moves them"),
        (name = "installed products", description = "The installed base: systems, their coverage and custom details"),
        (name = "cases", description = "Service cases and their timeline; create with an Idempotency-Key"),
        (name = "contracts", description = "Service contracts with their lines and coverage, and warranties"),
        (name = "dashboard", description = "The home page's figures: installed products by state, modality and location, contracts by expiry"),
        (name = "service desk", description = "The service organisation's queue of cases across parent accounts, with response targets, and its engineers; assigning and waiting for the customer are under cases"),
        (name = "imports", description = "Importing a customer's data from their source system (service organisation and portal support): a dry run first, then all of a file or nothing, keyed by the source system's ids"),
        (name = "calendar", description = "Planned service events (visits and remote sessions) by time range, planned by the service organisation and answered by the customer; a private iCalendar feed per user"),
        (name = "documents", description = "Customer facing documents (service receipts, service reports, performance reports, product documentation) by case, visit or product; several as one streamed zip with a SHA-256 manifest"),
        (name = "end of life", description = "Products' end-of-life and end-of-service dates, subscriptions to them by modality or product, and the notices sent"),
        (name = "reports", description = "Predefined reports over the caller's data, customised (columns, filters, sort, group) and exported as CSV or xlsx"),
        (name = "search", description = "The banner's search: cases, installed products, contracts and warranties by number, serial or words, ranked"),
        (name = "health", description = "Liveness and readiness probes"),
    )
)]
pub struct ApiDoc;

struct SecurityAddon;

impl Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            contract::BEARER,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Completes a collected document with what every operation shares (see
/// [`contract`]); the served document and the checked-in one both pass here.
pub(crate) fn complete(doc: &mut utoipa::openapi::OpenApi) {
    contract::complete(doc);
}

/// The OpenAPI document, collected from the same route registrations the server uses.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, mut api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(routes::configure)
        .split_for_parts();
    complete(&mut api);
    api
}

/// The document as checked in at `api-spec/openapi.json`.
pub fn openapi_json() -> anyhow::Result<String> {
    Ok(format!("{}\n", openapi().to_pretty_json()?))
}

//! Completes the collected OpenAPI document with what every operation shares,
//! so each handler's `#[utoipa::path]` states only its own answers and an
//! integrator's generated client still sees every status the server can give.
//!
//! The generic answers come from the app's own extractors (app.rs): a bad
//! path or query value is a 400, a JSON body that does not parse a 400, one
//! over the limit a 413 and one of another media type a 415; a secured
//! operation without a valid token is a 401. Two follow from the API's
//! rules: an id in the path that the caller cannot see is a 404 like a
//! missing one (tenancy), and an `If-Match` header is required (428) and
//! checked (412). A handler's own 4xx answers name only their cause: their
//! body is always a problem document.

use utoipa::openapi::path::{Operation, ParameterIn, PathItem};
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Response, ResponseBuilder, Server};

/// The security scheme secured operations name (see `SecurityAddon`).
pub const BEARER: &str = "bearer_jwt";

const PROBLEM_JSON: &str = "application/problem+json";

pub fn complete(doc: &mut OpenApi) {
    // Relative to wherever the document was fetched from: one portal serves
    // its API, app and document under one origin.
    doc.servers = Some(vec![Server::new("/")]);
    // Secured unless an operation says otherwise, so a new handler that
    // forgets to say is documented as needing a token rather than as public.
    doc.security = Some(vec![SecurityRequirement::new(BEARER, Vec::<String>::new())]);
    for (path, item) in doc.paths.paths.iter_mut() {
        for operation in operations(item) {
            operation.tags = tag_of(path).map(|tag| vec![tag.to_owned()]);
            complete_operation(operation);
        }
    }
}

/// An operation's tag (one of `ApiDoc`'s) follows from the resource its path
/// names, so handlers of one resource cannot disagree.
fn tag_of(path: &str) -> Option<&'static str> {
    let resource = path
        .trim_start_matches("/api/v1")
        .trim_start_matches('/')
        .split('/')
        .next()?;
    Some(match resource {
        "access-requests" => "access requests",
        "accounts" => "accounts",
        "auth" | "me" => "auth",
        "cases" | "contact-confirmations" => "cases",
        "contracts" | "warranties" => "contracts",
        "dashboard" => "dashboard",
        "installed-products" => "installed products",
        "users" | "security-log" | "mfa-policy" => "users",
        "service" => "service desk",
        "imports" => "imports",
        "planned-events" | "calendar" => "calendar",
        "documents" | "documents.zip" => "documents",
        "end-of-life" => "end of life",
        "reports" | "report-views" => "reports",
        "search" => "search",
        "healthz" | "readyz" => "health",
        _ => return None,
    })
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.options,
        &mut item.head,
        &mut item.patch,
        &mut item.trace,
    ]
    .into_iter()
    .filter_map(Option::as_mut)
}

fn complete_operation(operation: &mut Operation) {
    describe(operation);
    // A handler says `security(())` to be public; saying nothing keeps the
    // document's default (a token).
    let public = operation.security.as_ref().is_some_and(|requirements| {
        requirements
            .iter()
            .all(|r| *r == SecurityRequirement::default())
    });
    let secured = !public;
    // Public: an explicit empty list overrides the document's default.
    operation.security = public.then(Vec::new);
    let has_params = |place: ParameterIn| {
        operation
            .parameters
            .iter()
            .flatten()
            .any(|p| p.parameter_in == place)
    };
    let (has_path, has_query) = (
        has_params(ParameterIn::Path),
        has_params(ParameterIn::Query),
    );
    let if_match = operation
        .parameters
        .iter()
        .flatten()
        .any(|p| p.parameter_in == ParameterIn::Header && p.name == "If-Match");
    let json_body = operation
        .request_body
        .as_ref()
        .is_some_and(|body| body.content.keys().any(|media| media == "application/json"));
    let generic: [(bool, &str, &str, &str); 9] = [
        (
            secured,
            "401",
            "invalid_token",
            "No access token (`unauthenticated`), or an invalid or expired one",
        ),
        (has_path, "400", "invalid_path", "A path value is malformed"),
        (
            has_path,
            "404",
            "not_found",
            "Nothing by this id for the caller; another parent account's ids answer the same",
        ),
        (
            if_match,
            "412",
            "precondition_failed",
            "It changed since it was read: read it again",
        ),
        (
            if_match,
            "428",
            "precondition_required",
            "If-Match is missing",
        ),
        (
            has_query,
            "400",
            "invalid_query",
            "A query value is invalid",
        ),
        (
            json_body,
            "400",
            "invalid_json",
            "The body is not valid JSON for this operation",
        ),
        (
            json_body,
            "413",
            "payload_too_large",
            "The body is larger than the server accepts",
        ),
        (
            json_body,
            "415",
            "unsupported_media_type",
            "The body is not `application/json`",
        ),
    ];
    for (applies, status, code, description) in generic {
        if applies {
            add_problem(operation, status, code, description);
        }
    }
    for (status, response) in &mut operation.responses.responses {
        if let RefOr::T(response) = response {
            if (status.starts_with('4') || status.starts_with('5')) && response.content.is_empty() {
                response.content = problem("").content;
            }
            give_binary_content_a_schema(response);
            if response.description.is_empty() {
                response.description = reason_phrase(status).to_owned();
            }
        }
    }
}

/// utoipa makes a doc comment's first paragraph the summary and the rest the
/// description; a one-paragraph comment is then the description too, with
/// its first sentence as the summary (generated clients name methods by it).
fn describe(operation: &mut Operation) {
    if operation.description.is_some() {
        return;
    }
    let Some(text) = operation.summary.clone() else {
        return;
    };
    let first_sentence = text
        .split_once(". ")
        .map_or(text.as_str(), |(first, _)| first)
        .trim_end_matches('.')
        .replace('\n', " ");
    operation.summary = Some(first_sentence);
    operation.description = Some(text);
}

/// Adds a problem+json answer, or names one more cause of a documented one.
fn add_problem(operation: &mut Operation, status: &str, code: &str, description: &str) {
    let cause = format!("{description} (`{code}`)");
    let responses = &mut operation.responses.responses;
    match responses.get_mut(status) {
        Some(RefOr::T(existing)) => {
            if !existing.description.contains(code) {
                existing.description = format!("{}; {cause}", existing.description);
            }
        }
        Some(RefOr::Ref(_)) => {}
        None => {
            responses.insert(status.to_owned(), RefOr::T(problem(&cause)));
        }
    }
}

fn problem(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM_JSON,
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ProblemDetails")))
                .build(),
        )
        .build()
}

/// What a success says when its handler gave no words of its own (the
/// document requires a description; the body's schema says the rest).
fn reason_phrase(status: &str) -> &'static str {
    match status {
        "201" => "Created",
        "202" => "Accepted",
        "204" => "No Content",
        _ => "OK",
    }
}

/// A file answer (PDF, zip, an attachment) is a byte string; without a
/// schema, generators leave the answer out of the client.
fn give_binary_content_a_schema(response: &mut Response) {
    for (media, content) in &mut response.content {
        if content.schema.is_none() && !media.contains("json") {
            content.schema = Some(RefOr::T(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
                    .into(),
            ));
        }
    }
}

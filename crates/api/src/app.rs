use crate::error::ApiError;
use crate::middleware::request_context;
use crate::openapi::ApiDoc;
use crate::route_table::RouteTable;
use crate::routes;
use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::middleware::{from_fn, Compress};
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use std::net::TcpListener;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

fn json_error(err: JsonPayloadError, limit: usize) -> ApiError {
    match err {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            ApiError::PayloadTooLarge { limit }
        }
        JsonPayloadError::ContentType => ApiError::UnsupportedMediaType("application/json"),
        JsonPayloadError::Deserialize(e) => ApiError::InvalidJson(e.to_string()),
        other => ApiError::InvalidJson(other.to_string()),
    }
}

/// No handler took the request: a documented path with another method is a
/// 405 naming the methods it accepts, anything else a 404.
async fn api_route_not_found(
    req: HttpRequest,
    routes: web::Data<RouteTable>,
) -> Result<HttpResponse, ApiError> {
    match routes.allowed_methods(req.path()) {
        Some(allow) => Err(ApiError::MethodNotAllowed {
            method: req.method().to_string(),
            allow: Some(allow.to_owned()),
        }),
        None => {
            tracing::debug!(path = %req.path(), "no API route");
            Err(ApiError::RouteNotFound)
        }
    }
}

async fn docs_redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header(("Location", "/api/docs/"))
        .finish()
}

/// The whole application: API, OpenAPI document and docs, the browser app.
pub fn build_app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let limit = state.config.max_json_bytes;
    let (app, mut api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(routes::configure)
        .split_for_parts();
    // Served as checked in: the shared answers, servers and security too.
    crate::openapi::complete(&mut api);
    let routes = RouteTable::from_openapi(&api);
    app.app_data(web::Data::new(state))
        .app_data(web::Data::new(routes))
        .app_data(
            web::JsonConfig::default()
                .limit(limit)
                .error_handler(move |err, _| json_error(err, limit).into()),
        )
        .app_data(
            web::PathConfig::default()
                .error_handler(|err: PathError, _| ApiError::InvalidPath(err.to_string()).into()),
        )
        .app_data(
            web::QueryConfig::default().error_handler(|err: QueryPayloadError, _| {
                ApiError::InvalidQuery(err.to_string()).into()
            }),
        )
        .service(web::resource("/api/docs").route(web::get().to(docs_redirect)))
        // For the operator's scraper, outside the API and its document.
        .service(web::resource("/metrics").route(web::get().to(crate::metrics::metrics)))
        .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", api))
        .service(web::scope("/api").default_service(web::to(api_route_not_found)))
        .configure(crate::spa::configure)
        .default_service(web::to(api_route_not_found))
        // Inside the request context, so its log line sees the final status.
        .wrap(Compress::default())
        .wrap(from_fn(request_context))
}

/// Starts serving on `listener`. SIGTERM stops gracefully (in-flight requests
/// get up to 30 s); SIGINT and SIGQUIT stop at once.
pub fn run_server(
    listener: TcpListener,
    state: AppState,
    workers: usize,
) -> std::io::Result<Server> {
    Ok(HttpServer::new(move || build_app(state.clone()))
        .listen(listener)?
        .workers(workers.max(1))
        .shutdown_timeout(30)
        .run())
}

use crate::routes::AppData;
use actix_web::{get, HttpResponse};
use api_types::HealthResponse;

/// Liveness: the process answers.
#[utoipa::path(security(()), responses((status = 200, body = HealthResponse)))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(HealthResponse {
        status: "ok".into(),
    })
}

/// Readiness: the database answers too.
#[utoipa::path(security(()), responses(
    (status = 200, body = HealthResponse),
    (status = 503, description = "The database is unreachable", body = HealthResponse),
))]
#[get("/readyz")]
pub async fn readyz(state: AppData) -> HttpResponse {
    match persistence::connection::ping(&state.db).await {
        Ok(()) => HttpResponse::Ok().json(HealthResponse {
            status: "ok".into(),
        }),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            HttpResponse::ServiceUnavailable()
                .insert_header((
                    "Retry-After",
                    crate::error::SERVICE_RETRY_SECONDS.to_string(),
                ))
                .json(HealthResponse {
                    status: "unavailable".into(),
                })
        }
    }
}

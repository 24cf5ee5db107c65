use crate::auth::AuthUser;
use crate::documents::published::{self, Destination};
use crate::error::ApiError;
use crate::routes::cases::upload_attachments::AttachmentUpload;
use crate::routes::uploads;
use crate::routes::{AppData, Reply};
use crate::wire::ToDomain;
use actix_web::{post, web, HttpRequest, HttpResponse};
use api_types::{DocumentKindDto, UploadedDocuments};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::documents;
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DocumentUploadQuery {
    /// A service receipt or preventive service report goes on a case or a
    /// visit; a performance report or product documentation on a product.
    pub kind: DocumentKindDto,
    /// Name exactly one of the three.
    pub case_id: Option<uuid::Uuid>,
    pub planned_event_id: Option<uuid::Uuid>,
    pub installed_product_id: Option<uuid::Uuid>,
}

/// Publishes one or more documents (service side) on a case, a visit or an
/// installed product, as `multipart/form-data` parts named `file` (up to
/// 10, PDF, JPEG, PNG or HEIC, told by content). Each file is streamed to
/// disk and made durable before its row is written; if any file is
/// refused, none is kept. The customers who see the product are emailed
/// of a new report (not of documentation, and of a performance report only
/// where a contract entitles it).
#[utoipa::path(
    params(DocumentUploadQuery),
    request_body(content = AttachmentUpload, content_type = "multipart/form-data", description = "One or more parts named `file`"),
    responses(
        (status = 201, body = UploadedDocuments),
        (status = 400, description = "Not exactly one of case, visit and product named (`invalid_query`), or the body is not a readable multipart form (`invalid_upload`)"),
        (status = 403, description = "Only the service organisation publishes documents"),
        (status = 404, description = "No such case, visit or product for this caller"),
        (status = 413, description = "A file is larger than the limit (`payload_too_large`)"),
        (status = 415, description = "A file is not PDF, JPEG, PNG or HEIC (`unsupported_file_type`)"),
        (status = 422, description = "The kind does not go on what was named, a file is empty, or no file was sent"),
    )
)]
#[post("/documents")]
pub async fn upload_documents(
    state: AppData,
    auth: AuthUser,
    req: HttpRequest,
    query: web::Query<DocumentUploadQuery>,
    payload: web::Payload,
) -> Reply {
    let q = query.into_inner();
    let kind = q.kind.to_domain();
    let destination = Destination {
        kind,
        case: q.case_id,
        event: q.planned_event_id,
        product: q.installed_product_id,
    };
    let place = published::resolve(&state, &auth, destination).await?;
    let limit = state.config.max_attachment_bytes;
    uploads::refuse_oversized_request(&req, limit)?;
    let received = match uploads::receive(&state, &req, payload, limit).await {
        Ok(received) => received,
        Err((err, finished)) => {
            uploads::discard(&state, &finished).await;
            return Err(err);
        }
    };
    let ids = match published::publish(&state, &auth.user, kind, place, &received).await {
        Ok(ids) => ids,
        Err(err) => {
            uploads::discard(&state, &received).await;
            return Err(err);
        }
    };
    let today = state.clock.now().date_naive();
    let stored =
        documents::find_many_visible(&state.db, AccountVisibility::of(&auth.user), today, &ids)
            .await?
            .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Created().json(UploadedDocuments {
        items: stored.into_iter().map(published::dto).collect(),
    }))
}

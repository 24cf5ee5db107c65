use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{AppData, Reply};
use crate::wire::ToDomain;
use actix_web::{get, web, HttpResponse};
use api_types::{DocumentPage, DocumentQuery};
use domain::{CaseId, InstalledProductId};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::documents::{self, DocumentFilter};

/// The documents of the products the caller sees, newest first; a
/// customer sees a performance report only while a current contract line
/// of its product entitles it.
#[utoipa::path(params(DocumentQuery), responses((status = 200, body = DocumentPage)))]
#[get("/documents")]
pub async fn list_documents(
    state: AppData,
    auth: AuthUser,
    query: web::Query<DocumentQuery>,
) -> Reply {
    let q = query.into_inner();
    let page = crate::wire::page_request(q.page, q.page_size)?;
    if let (Some(from), Some(to)) = (q.from, q.to) {
        if to <= from {
            return Err(ApiError::InvalidQuery("`to` comes after `from`".into()));
        }
    }
    let filter = DocumentFilter {
        kind: q.kind.map(ToDomain::to_domain),
        product: q.installed_product.map(InstalledProductId::from_uuid),
        case: q.case.map(CaseId::from_uuid),
        event: q.planned_event,
        from: q.from,
        to: q.to,
    };
    let today = state.clock.now().date_naive();
    let visibility = AccountVisibility::of(&auth.user);
    let (records, total) =
        documents::list_visible(&state.db, visibility, today, &filter, page).await?;
    Ok(HttpResponse::Ok().json(DocumentPage {
        items: records
            .into_iter()
            .map(crate::documents::published::dto)
            .collect(),
        paging: crate::wire::page_info(page, total),
    }))
}

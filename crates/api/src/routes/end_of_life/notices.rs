use crate::auth::AuthUser;
use crate::routes::{AppData, Reply};
use actix_web::{get, web, HttpResponse};
use api_types::{EolNoticePage, EolNoticeQuery};
use persistence::repositories::end_of_life;

/// The end-of-life notices the caller was sent, newest first, of products
/// they still see, with how many are unread.
#[utoipa::path(params(EolNoticeQuery), responses((status = 200, body = EolNoticePage)))]
#[get("/end-of-life/notices")]
pub async fn list_end_of_life_notices(
    state: AppData,
    auth: AuthUser,
    query: web::Query<EolNoticeQuery>,
) -> Reply {
    let q = query.into_inner();
    let page = crate::wire::page_request(q.page, q.page_size)?;
    let (notices, total, unread) = end_of_life::notices_of(&state.db, &auth.user, page).await?;
    Ok(HttpResponse::Ok().json(EolNoticePage {
        items: notices
            .into_iter()
            .map(crate::end_of_life::notice_dto)
            .collect(),
        unread,
        paging: crate::wire::page_info(page, total),
    }))
}

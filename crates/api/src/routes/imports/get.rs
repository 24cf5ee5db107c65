use crate::auth::AuthUser;
use crate::routes::{answers, AppData, IdPath, Reply};
use actix_web::{get, HttpResponse};
use api_types::ImportRunDto;

/// An import: how far it got while it runs, its report (counts and the
/// refused values, in the caller's language) once done.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Import run id")),
    responses(
        (status = 200, body = ImportRunDto),
        answers::ImportersOnly,
        (status = 404, description = "No such import"),
    )
)]
#[get("/imports/{id}")]
pub async fn get_import(state: AppData, auth: AuthUser, id: IdPath) -> Reply {
    super::may_import(&state, &auth).await?;
    let run = super::find_run(&state, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(super::run_dto(&state, run, &auth)))
}

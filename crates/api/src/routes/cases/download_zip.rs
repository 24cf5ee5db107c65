use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::zip_stream;
use crate::routes::{AppData, IdPath, Reply};
use crate::state::AppState;
use actix_web::{get, web};
use domain::{Action, Attachment, CaseId};
use persistence::repositories::attachments;
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ZipQuery {
    /// Comma-separated attachment ids; all of the case's when absent.
    pub ids: Option<String>,
}

/// One attachment of a case, or 404 (also when it belongs to another case).
pub(crate) async fn case_attachment(
    state: &AppState,
    case: CaseId,
    attachment_id: uuid::Uuid,
) -> Result<Attachment, ApiError> {
    attachments::of_case(&state.db, case)
        .await?
        .into_iter()
        .find(|a| a.id == attachment_id)
        .ok_or(ApiError::NotFound)
}

/// Several attachments of a case (or all) as one zip file, numbered so that
/// equal names stay apart. The zip is written into the response while it is
/// sent: neither it nor the files are held in memory or copied on disk.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Case id"), ZipQuery),
    responses(
        (status = 200, description = "A zip file, sent chunked as it is written (no `Content-Length`)", content_type = "application/zip"),
        (status = 400, description = "`ids` holds something that is not an id"),
        (status = 404, description = "No such case, or an id that is not one of its attachments"),
        (status = 503, description = "Other zip files are being built; try again after `Retry-After` seconds"),
    )
)]
#[get("/cases/{id}/attachments.zip")]
pub async fn download_attachments_zip(
    state: AppData,
    auth: AuthUser,
    id: IdPath,
    query: web::Query<ZipQuery>,
) -> Reply {
    let case_id = CaseId::from_uuid(id.into_inner());
    let case =
        crate::cases::authorized_case(&state, &auth, case_id, Action::ViewCustomerData).await?;
    let all = attachments::of_case(&state.db, case_id).await?;
    let chosen: Vec<Attachment> = match query.ids.as_deref() {
        None => all,
        Some(ids) => zip_stream::parse_ids(ids)?
            .into_iter()
            .map(|wanted| all.iter().find(|a| a.id == wanted).cloned())
            .collect::<Option<_>>()
            .ok_or(ApiError::NotFound)?,
    };
    let slot = zip_stream::slot(&state, "zip downloads")?;
    let files = chosen.iter().map(|a| &a.file);
    let sources =
        zip_stream::open_numbered(&state, files, auth.user.settings.time_zone.tz()).await?;
    let case_number = case.case.number.clone();
    Ok(zip_stream::response(
        slot,
        sources,
        None,
        &format!("{case_number}-attachments.zip"),
    ))
}

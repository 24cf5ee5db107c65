use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{answers, AppData, IdPath, Reply};
use actix_web::http::header;
use actix_web::{get, HttpResponse};
use api_types::ImportStatusDto;

/// The refused values of a finished import as CSV (line, column, value,
/// reason in the caller's language), to fix the file with.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Import run id")),
    responses(
        (status = 200, description = "The problems as CSV", content_type = "text/csv"),
        answers::ImportersOnly,
        (status = 404, description = "No such import"),
        (status = 409, description = "The import has not finished (`conflict`)"),
    )
)]
#[get("/imports/{id}/problems.csv")]
pub async fn import_problems(state: AppData, auth: AuthUser, id: IdPath) -> Reply {
    super::may_import(&state, &auth).await?;
    let run = super::find_run(&state, id.into_inner()).await?;
    let id = run.id;
    let dto = super::run_dto(&state, run, &auth);
    let report = match (dto.status, dto.report) {
        (ImportStatusDto::Done, Some(report)) => report,
        _ => return Err(ApiError::Conflict("The import has not finished.".into())),
    };
    let mut out = csv::Writer::from_writer(Vec::new());
    let write = |out: &mut csv::Writer<Vec<u8>>, row: [&str; 4]| {
        out.write_record(row).map_err(ApiError::internal)
    };
    write(&mut out, ["line", "column", "value", "reason"])?;
    for p in &report.problems {
        write(
            &mut out,
            [&p.line.to_string(), &p.column, &p.value, &p.reason],
        )?;
    }
    let body = out.into_inner().map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"import-{id}-problems.csv\""),
        ))
        .body(body))
}

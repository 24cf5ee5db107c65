//! Importing a customer's data (Service and Admin): start a run with the
//! file, follow it, download its refused rows, and the template per kind.

pub mod accounts_template;
pub mod contracts_template;
pub mod events_template;
pub mod get;
pub mod problems;
mod receive;
pub mod start;
pub mod template;
pub mod users_template;
pub mod warranties_template;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use api_types::{ImportRunDto, ImportStatusDto};
use domain::{authorize, Action, Target};
use persistence::repositories::import_runs::{self, ImportRun};

crate::routes::handlers! {
    template::installed_products_template,
    start::import_file,
    accounts_template::accounts_template,
    users_template::users_template,
    contracts_template::contracts_template,
    warranties_template::warranties_template,
    events_template::events_template,
    get::get_import,
    problems::import_problems,
}

/// Only the service organisation and portal support import.
pub(crate) async fn may_import(state: &AppState, auth: &AuthUser) -> Result<(), ApiError> {
    let principal = auth.principal(&state.db).await?;
    authorize(&principal, Action::ImportData, Target::Portal).map_err(ApiError::from)
}

/// Run `id`, or 404.
pub(crate) async fn find_run(state: &AppState, id: uuid::Uuid) -> Result<ImportRun, ApiError> {
    import_runs::find(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)
}

pub(crate) fn run_dto(state: &AppState, run: ImportRun, auth: &AuthUser) -> ImportRunDto {
    let status = match run.status.as_str() {
        import_runs::DONE => ImportStatusDto::Done,
        import_runs::FAILED => ImportStatusDto::Failed,
        _ => ImportStatusDto::Running,
    };
    let language = auth.user.settings.language;
    let report = run
        .report
        .as_deref()
        .filter(|_| status == ImportStatusDto::Done)
        .and_then(|r| crate::imports::report_dto(r, language));
    let rows_done = match status {
        ImportStatusDto::Done => report.as_ref().map_or(run.rows_total, |r| r.rows),
        _ => state.imports.rows_done(run.id).unwrap_or(run.rows_done),
    };
    ImportRunDto {
        id: run.id,
        kind: run.kind,
        dry_run: run.dry_run,
        status,
        rows_total: run.rows_total,
        rows_done,
        started_at: run.created_at,
        finished_at: run.finished_at,
        failure: (status == ImportStatusDto::Failed).then(|| run.report.unwrap_or_default()),
        report,
    }
}

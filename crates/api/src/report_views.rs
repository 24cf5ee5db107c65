//! Saved report views between the handlers and storage: content checked
//! (name, and the query against its report), sharing rules applied, every
//! change in the audit log.

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::reports::check;
use crate::routes::convert::today;
use crate::state::AppState;
use crate::wire::ToWire;
use api_types::{FieldError, FieldErrorCode, ReportQueryDto, ReportViewDto};
use domain::report::view::{self, Reader, ViewRefusal};
use domain::report::ReportKind;
use persistence::repositories::audit;
use persistence::repositories::report_views::{self, SavedView, ViewContent};
use uuid::Uuid;

pub fn dto(view: SavedView, reader: Reader) -> Result<ReportViewDto, ApiError> {
    let query: ReportQueryDto =
        serde_json::from_str(&view.query).map_err(|e| ApiError::Internal(e.into()))?;
    let can_change = view::check_change(reader, &view.holder, view.holder.shared).is_ok();
    Ok(ReportViewDto {
        id: view.id,
        report: view.report.to_wire(),
        name: view.name,
        query,
        shared: view.holder.shared,
        owner_name: view.owner_name,
        mine: view.holder.owner == reader.id,
        can_change,
        created_at: view.created_at,
        updated_at: view.updated_at,
        digest: view.digest.map(crate::digests::dto),
    })
}

/// The view `id` as the caller sees it, or 404.
pub async fn find(state: &AppState, auth: &AuthUser, id: Uuid) -> Result<SavedView, ApiError> {
    report_views::find_visible(&state.db, Reader::from(&auth.user), id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// A view's content, checked: the name, and the query against `report`.
pub fn content(
    state: &AppState,
    auth: &AuthUser,
    report: ReportKind,
    name: &str,
    query: &ReportQueryDto,
    shared: bool,
) -> Result<ViewContent, ApiError> {
    let name = view::view_name(name).map_err(|problem| {
        let code = match problem {
            view::NameProblem::Empty => FieldErrorCode::Required,
            view::NameProblem::TooLong => FieldErrorCode::TooLong,
        };
        ApiError::Validation(vec![FieldError {
            field: "name".into(),
            code,
            message: format!("1 to {} characters", view::MAX_NAME),
        }])
    })?;
    check(report, query, today(state, auth), &auth.user.settings).map_err(|e| match e {
        // Name the query's parts as they stand in this body.
        ApiError::Validation(errors) => ApiError::Validation(
            errors
                .into_iter()
                .map(|e| FieldError {
                    field: format!("query.{}", e.field),
                    ..e
                })
                .collect(),
        ),
        other => other,
    })?;
    Ok(ViewContent {
        name,
        query: serde_json::to_string(query).map_err(|e| ApiError::Internal(e.into()))?,
        shared,
    })
}

pub fn refusal(refusal: ViewRefusal) -> ApiError {
    match refusal {
        ViewRefusal::NotASharer | ViewRefusal::NotYours => ApiError::Forbidden,
    }
}

/// What a saved view holds now.
fn content_of(view: &SavedView) -> ViewContent {
    ViewContent {
        name: view.name.clone(),
        query: view.query.clone(),
        shared: view.holder.shared,
    }
}

/// What the audit log keeps of a view.
fn summary(report: ReportKind, content: &ViewContent) -> serde_json::Value {
    serde_json::json!({
        "report": report.as_str(),
        "name": content.name,
        "shared": content.shared,
        "query": serde_json::from_str::<serde_json::Value>(&content.query).unwrap_or_default(),
    })
}

/// Saves a new view owned by the caller; answers it.
pub async fn create(
    state: &AppState,
    auth: &AuthUser,
    report: ReportKind,
    content: ViewContent,
) -> Result<ReportViewDto, ApiError> {
    let reader = Reader::from(&auth.user);
    if content.shared && !view::may_share(reader) {
        return Err(refusal(ViewRefusal::NotASharer));
    }
    let now = state.clock.now();
    let id = state
        .db
        .transaction(async |tx| {
            let id = report_views::insert(tx, reader, report, &content, now).await?;
            let entry = crate::audit::by(&auth.user, "report_view.create", "report_view", id, now)
                .new_value(summary(report, &content));
            audit::append(tx, &entry).await?;
            Ok::<_, ApiError>(id)
        })
        .await?;
    dto(find(state, auth, id).await?, reader)
}

/// Changes the view (already found for the caller); answers it.
pub async fn change(
    state: &AppState,
    auth: &AuthUser,
    view: &SavedView,
    content: ViewContent,
) -> Result<ReportViewDto, ApiError> {
    let reader = rewrite(state, auth, view, Some(&content)).await?;
    dto(find(state, auth, view.id).await?, reader)
}

pub async fn delete(state: &AppState, auth: &AuthUser, view: &SavedView) -> Result<(), ApiError> {
    rewrite(state, auth, view, None).await.map(|_| ())
}

/// Changes a view to `after`, or deletes it (`None`), if the caller may,
/// with its audit entry in the same transaction.
async fn rewrite(
    state: &AppState,
    auth: &AuthUser,
    view: &SavedView,
    after: Option<&ViewContent>,
) -> Result<Reader, ApiError> {
    let reader = Reader::from(&auth.user);
    let shared_after = after.map_or(view.holder.shared, |content| content.shared);
    view::check_change(reader, &view.holder, shared_after).map_err(refusal)?;
    let now = state.clock.now();
    let (id, report) = (view.id, view.report);
    let old = summary(report, &content_of(view));
    state
        .db
        .transaction(async |tx| {
            let action = match after {
                Some(content) => {
                    report_views::update(tx, id, content, now).await?;
                    "report_view.update"
                }
                None => {
                    report_views::delete(tx, id).await?;
                    "report_view.delete"
                }
            };
            let entry = crate::audit::by(&auth.user, action, "report_view", id, now)
                .old_value(old)
                .new_value(after.map(|content| summary(report, content)));
            audit::append(tx, &entry).await?;
            Ok::<_, ApiError>(())
        })
        .await?;
    Ok(reader)
}

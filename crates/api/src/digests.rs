//! Digests of saved views: a subscriber gets the view's rows as an xlsx by
//! email every week or month. The rows are read as the subscriber, at
//! sending time, so a digest never holds what they could not see in the
//! portal that morning.

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::reports::{check, export};
use crate::state::AppState;
use crate::wire::{ToDomain, ToWire};
use api_types::{ReportDigestChange, ReportDigestDto, ReportQueryDto};
use chrono::Duration;
use domain::report::digest::{next_send, Cadence};
use domain::report::view::Reader;
use domain::{Language, User};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::outbox::{self, EmailAttachment, NewEmail};
use persistence::repositories::report_digests::{self, Digest};
use persistence::repositories::report_views::{self, SavedView};
use persistence::repositories::{audit, users};

/// How long a process may take to make one digest before another may.
const LEASE_MINUTES: i64 = 30;
/// Digests claimed per round.
const BATCH: u64 = 10;
/// The largest workbook sent as an attachment: mail servers commonly
/// refuse messages over 20-25 MB, and base64 adds a third.
pub const MAX_ATTACHMENT_BYTES: u64 = 12 * 1024 * 1024;

pub fn dto(digest: Digest) -> ReportDigestDto {
    ReportDigestDto {
        cadence: digest.cadence.to_wire(),
        next_send_at: digest.next_send_at,
        last_sent_at: digest.last_sent_at,
    }
}

/// Subscribes the caller to `view` (one they see), or changes how often.
pub async fn subscribe(
    state: &AppState,
    auth: &AuthUser,
    view: &SavedView,
    change: &ReportDigestChange,
) -> Result<ReportDigestDto, ApiError> {
    let cadence: Cadence = change.cadence.to_domain();
    let now = state.clock.now();
    let next = next_send(cadence, now, auth.user.settings.time_zone.tz());
    let old = view.digest.as_ref().map(|d| d.cadence.as_str());
    let digest = state
        .db
        .transaction(async |tx| {
            let digest =
                report_digests::subscribe(tx, auth.user.id, view.id, cadence, next, now).await?;
            let entry =
                crate::audit::by(&auth.user, "report_digest.set", "report_view", view.id, now)
                    .old_value(serde_json::json!({ "cadence": old }))
                    .new_value(serde_json::json!({ "cadence": cadence.as_str() }));
            audit::append(tx, &entry).await?;
            Ok::<_, ApiError>(digest)
        })
        .await?;
    Ok(dto(digest))
}

/// Ends the caller's digest of `view` (nothing to end is fine).
pub async fn unsubscribe(
    state: &AppState,
    auth: &AuthUser,
    view: &SavedView,
) -> Result<(), ApiError> {
    let now = state.clock.now();
    let Some(old) = view.digest.as_ref().map(|d| d.cadence.as_str()) else {
        return Ok(());
    };
    state
        .db
        .transaction(async |tx| {
            if report_digests::unsubscribe(tx, auth.user.id, view.id).await? {
                let entry =
                    crate::audit::by(&auth.user, "report_digest.end", "report_view", view.id, now)
                        .old_value(serde_json::json!({ "cadence": old }));
                audit::append(tx, &entry).await?;
            }
            Ok::<_, ApiError>(())
        })
        .await
}

/// Makes and queues the digests that are due; answers how many this
/// process queued.
pub async fn send_due(state: &AppState) -> Result<u64, ApiError> {
    let claimed = report_digests::claim_due(
        &state.db,
        state.clock.now(),
        Duration::minutes(LEASE_MINUTES),
        BATCH,
    )
    .await?;
    let mut queued = 0;
    for digest in claimed {
        match send_one(state, &digest).await {
            Ok(true) => queued += 1,
            Ok(false) => {}
            Err(err) => {
                // Left claimed: another round tries again once the claim ends.
                tracing::warn!(digest = %digest.id, error = %err, "a digest could not be made");
            }
        }
    }
    Ok(queued)
}

/// Runs [`send_due`] every `every` until the runtime stops: often enough
/// that a digest due at 07:00 goes within minutes, not at the next hourly
/// housekeeping.
pub fn spawn_digest_sender(state: AppState, every: std::time::Duration) {
    crate::periodic::spawn_every(state, every, "report digests", |state| async move {
        let queued = send_due(&state).await?;
        if queued > 0 {
            tracing::info!(queued, "report digests queued");
        }
        Ok::<_, ApiError>(())
    });
}

/// What became of a claimed digest.
enum Outcome {
    /// The workbook, and the rows it holds (none when it is too large).
    Made(Option<(EmailAttachment, u64)>),
    /// Not sent this time (the subscriber is inactive, or the view no
    /// longer fits its report); the next one is still planned.
    Skipped,
}

async fn send_one(state: &AppState, digest: &Digest) -> Result<bool, ApiError> {
    let now = state.clock.now();
    let user = users::find_by_id(&state.db, digest.user).await?;
    let view = match &user {
        Some(user) => {
            report_views::find_visible(&state.db, Reader::from(user), digest.view_id).await?
        }
        None => None,
    };
    let (Some(user), Some(view)) = (user, view) else {
        // The view is no longer theirs to see (unshared, or they moved).
        report_digests::remove(&state.db, digest.id).await?;
        tracing::info!(digest = %digest.id, "a digest ended: its subscriber no longer sees the view");
        return Ok(false);
    };
    let outcome = if user.active {
        make(state, &user, &view).await?
    } else {
        Outcome::Skipped
    };
    let next = next_send(digest.cadence, now, user.settings.time_zone.tz());
    let public_url = state.config.public_url.clone();
    let queued = state
        .db
        .transaction(async |tx| {
            let Outcome::Made(attachment) = &outcome else {
                report_digests::done(tx, digest, false, next, now).await?;
                return Ok::<_, ApiError>(false);
            };
            if !report_digests::done(tx, digest, true, next, now).await? {
                return Ok(false);
            }
            let (subject, body) = email(
                &user,
                &view,
                digest.cadence,
                attachment.as_ref().map(|a| a.1),
                &public_url,
            );
            let email = NewEmail {
                to: user.email.as_str().to_owned(),
                subject,
                body,
                attachment: attachment.as_ref().map(|a| a.0.clone()),
            };
            outbox::enqueue(tx, &email, now).await?;
            Ok(true)
        })
        .await?;
    Ok(queued)
}

/// The view's workbook, read as `user`, stored as a blob.
async fn make(state: &AppState, user: &User, view: &SavedView) -> Result<Outcome, ApiError> {
    let query: ReportQueryDto =
        serde_json::from_str(&view.query).map_err(|e| ApiError::Internal(e.into()))?;
    let reading = crate::reports::reading(state, user);
    let today = reading.today;
    let Ok(query) = check(view.report, &query, today, &user.settings) else {
        tracing::warn!(view = %view.id, "a digest's view no longer fits its report");
        return Ok(Outcome::Skipped);
    };
    // Waits for a slot rather than refusing: nobody is waiting on this one.
    let slot = state
        .zip_slots
        .clone()
        .acquire_owned()
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    let job = export::Job {
        db: state.db.clone(),
        visibility: AccountVisibility::of(user),
        query,
        reading,
        settings: user.settings.clone(),
        slot,
    };
    let name = format!("{} {today}.xlsx", view.name.replace(['/', '\\'], "-"));
    let (file, rows) = export::write_xlsx(&job).await?;
    drop(job.slot);
    let size = file
        .metadata()
        .map_err(|e| ApiError::Internal(e.into()))?
        .len();
    if size > MAX_ATTACHMENT_BYTES {
        return Ok(Outcome::Made(None));
    }
    let key = store(state, file).await?;
    let attachment = EmailAttachment {
        key,
        name,
        content_type: crate::spreadsheet::XLSX.to_owned(),
    };
    Ok(Outcome::Made(Some((attachment, rows))))
}

/// Copies the workbook into the blob store; answers its key.
async fn store(state: &AppState, file: std::fs::File) -> Result<String, ApiError> {
    use tokio::io::AsyncReadExt;
    let internal = |e: std::io::Error| ApiError::Internal(e.into());
    // Read without holding up the runtime's thread, like every other file.
    let mut file = tokio::fs::File::from_std(file);
    let mut blob = state.blobs.begin().await.map_err(internal)?;
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let read = file.read(&mut buffer).await.map_err(internal)?;
        if read == 0 {
            break;
        }
        blob.write(&buffer[..read]).await.map_err(internal)?;
    }
    Ok(blob.finish(&state.blobs).await.map_err(internal)?.key)
}

/// The digest's email, in the subscriber's language; `rows` is none when
/// the workbook was too large to attach.
fn email(
    user: &User,
    view: &SavedView,
    cadence: Cadence,
    rows: Option<u64>,
    public_url: &str,
) -> (String, String) {
    let link = format!(
        "{}/reports?view={}",
        public_url.trim_end_matches('/'),
        view.id
    );
    let title = domain::report::report(view.report).title(user.settings.language);
    let name = &view.name;
    let greeting = &user.display_name;
    match user.settings.language {
        Language::Nl => {
            let every = match cadence {
                Cadence::Weekly => "Wekelijks",
                Cadence::Monthly => "Maandelijks",
            };
            let content = match rows {
                Some(rows) => format!("In de bijlage staan de {rows} rijen van uw opgeslagen weergave \"{name}\" ({title})."),
                None => format!("Uw opgeslagen weergave \"{name}\" ({title}) is te groot om mee te sturen; open hem in het portal."),
            };
            (
                format!("{every} rapport: {name}"),
                format!(
                    "Beste {greeting},\n\n{content}\n\nOpen de weergave: {link}\n\n-- \nU ontvangt deze e-mail omdat u zich op deze weergave hebt geabonneerd. Stoppen: open de weergave en kies bij \"E-mail mij deze weergave\" voor \"Nooit\".\n"
                ),
            )
        }
        _ => {
            let every = match cadence {
                Cadence::Weekly => "Weekly",
                Cadence::Monthly => "Monthly",
            };
            let content = match rows {
                Some(rows) => format!("Attached are the {rows} rows of your saved view \"{name}\" ({title})."),
                None => format!("Your saved view \"{name}\" ({title}) is too large to attach; open it in the portal."),
            };
            (
                format!("{every} report: {name}"),
                format!(
                    "Dear {greeting},\n\n{content}\n\nOpen the view: {link}\n\n-- \nYou receive this email because you subscribed to this view. To stop: open the view and set \"Email me this view\" to \"Never\".\n"
                ),
            )
        }
    }
}

//! Background housekeeping that every server process may run: the work is
//! idempotent, so several processes sharing a database do not conflict.

use crate::state::AppState;
use chrono::Duration as ChronoDuration;
use persistence::repositories::{attachments, documents, idempotency, outbox};
use std::time::Duration;

/// How long a blob may exist without its row before the sweep removes it:
/// far longer than any upload takes between its rename and its commit.
const ORPHAN_GRACE: Duration = Duration::from_secs(3600);
/// Idempotency keys are kept at least this long (the draft asks for >= 24 h).
const KEY_LIFETIME_HOURS: i64 = 24;

/// One round: orphaned blobs, expired idempotency keys, unused accounts,
/// imports a stopped server left, end-of-life notices that fell due.
pub async fn housekeeping(state: &AppState) -> anyhow::Result<(u64, u64)> {
    let deactivated = crate::identity::inactivity::deactivate_unused(state).await?;
    if deactivated > 0 {
        tracing::info!(
            deactivated,
            "accounts deactivated after 120 days without use"
        );
    }
    let mut known = attachments::all_storage_keys(&state.db).await?;
    known.extend(documents::all_storage_keys(&state.db).await?);
    known.extend(outbox::attachment_keys(&state.db).await?);
    let blobs = state.blobs.clone();
    let orphans = tokio::task::spawn_blocking(move || blobs.sweep(&known, ORPHAN_GRACE)).await??;
    let cutoff = state.clock.now() - ChronoDuration::hours(KEY_LIFETIME_HOURS);
    let keys = idempotency::sweep(&state.db, cutoff).await?;
    let abandoned = crate::imports::fail_abandoned(state)
        .await
        .map_err(|e| anyhow::anyhow!("failing abandoned imports: {e}"))?;
    if abandoned > 0 {
        tracing::warn!(abandoned, "imports a stopped server left marked failed");
    }
    let told = crate::end_of_life::notify_due(state)
        .await
        .map_err(|e| anyhow::anyhow!("end-of-life notices: {e}"))?;
    if told > 0 {
        tracing::info!(told, "users told of end-of-life dates");
    }
    Ok((orphans, keys))
}

/// Runs [`housekeeping`] now and then every `every`, until the runtime stops.
pub fn spawn_housekeeping(state: AppState, every: Duration) {
    crate::periodic::spawn_every(state, every, "housekeeping", |state| async move {
        let (orphans, keys) = housekeeping(&state).await?;
        if orphans + keys > 0 {
            tracing::info!(orphans, expired_idempotency_keys = keys, "housekeeping");
        }
        Ok::<_, anyhow::Error>(())
    });
}

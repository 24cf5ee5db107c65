//! The loop of every background task (housekeeping, the outbox, digests),
//! below them all so that any of them may use it.

use crate::state::AppState;
use std::time::Duration;

/// Runs `round` now and then every `every` until the runtime stops. A
/// round that overruns delays the next instead of bunching them; a failed
/// round is logged as `what`, and the next one tries again.
pub fn spawn_every<Round, Fut, E>(
    state: AppState,
    every: Duration,
    what: &'static str,
    round: Round,
) where
    Round: Fn(AppState) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<(), E>> + Send,
    E: std::fmt::Display,
{
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(every);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            if let Err(err) = round(state.clone()).await {
                tracing::warn!(error = %err, round = what, "a background round failed");
            }
        }
    });
}

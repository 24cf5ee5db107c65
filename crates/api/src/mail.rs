//! The email outbox: an email is queued in the transaction of the change it
//! tells of, and delivered over SMTP. Each server process may run the
//! sender: claiming a row is a conditional update, so no email goes twice.

use crate::state::AppState;
use chrono::Duration as ChronoDuration;
use chrono::{DateTime, Utc};
use lettre::message::{header::ContentType, Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use persistence::repositories::outbox::{self, NewEmail, QueuedEmail};
use persistence::{Conn, StoreError};
use std::time::Duration;
use tokio::io::AsyncReadExt;

/// Queues one email (in the caller's transaction, with the change it
/// tells of); the sender below delivers it.
pub(crate) async fn queue(
    db: &impl Conn,
    to: impl Into<String>,
    subject: String,
    body: String,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let email = NewEmail {
        to: to.into(),
        subject,
        body,
        attachment: None,
    };
    outbox::enqueue(db, &email, now).await
}

/// How long a claimed email is ours before another process may retry it.
const LEASE_SECONDS: i64 = 300;
const BATCH: u64 = 20;

async fn message(state: &AppState, from: &Mailbox, row: &QueuedEmail) -> anyhow::Result<Message> {
    let builder = Message::builder()
        .from(from.clone())
        .to(row.to.parse()?)
        .subject(row.subject.clone());
    let Some(attachment) = &row.attachment else {
        return Ok(builder
            .header(ContentType::TEXT_PLAIN)
            .body(row.body.clone())?);
    };
    let mut file = Vec::new();
    state
        .blobs
        .open_blob(&attachment.key)
        .await?
        .read_to_end(&mut file)
        .await?;
    Ok(builder.multipart(
        MultiPart::mixed()
            .singlepart(SinglePart::plain(row.body.clone()))
            .singlepart(
                Attachment::new(attachment.name.clone())
                    .body(file, ContentType::parse(&attachment.content_type)?),
            ),
    )?)
}

/// Sends what is due now; returns how many went out.
pub async fn deliver_due(state: &AppState) -> anyhow::Result<usize> {
    let Some(url) = state.config.smtp_url.as_deref() else {
        return Ok(0);
    };
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
        .timeout(Some(Duration::from_secs(20)))
        .build();
    let from: Mailbox = state.config.mail_from.parse()?;
    let now = state.clock.now();
    let rows = outbox::claim_due(
        &state.db,
        now,
        ChronoDuration::seconds(LEASE_SECONDS),
        BATCH,
    )
    .await?;
    let mut sent = 0;
    for row in rows {
        let result = match message(state, &from, &row).await {
            Ok(message) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(anyhow::Error::from),
            Err(err) => Err(err),
        };
        match result {
            Ok(()) => {
                outbox::mark_sent(&state.db, row.id, state.clock.now()).await?;
                sent += 1;
            }
            Err(err) => {
                let gave_up =
                    outbox::mark_failed(&state.db, &row, &format!("{err:#}"), state.clock.now())
                        .await?;
                if gave_up {
                    tracing::error!(email = %row.id, error = %err, "email given up after repeated failures");
                } else {
                    tracing::warn!(email = %row.id, error = %err, "email not sent; will retry");
                }
            }
        }
    }
    Ok(sent)
}

/// Runs [`deliver_due`] every `every` until the runtime stops.
pub fn spawn_mail_sender(state: AppState, every: Duration) {
    crate::periodic::spawn_every(state, every, "email sender", |state| async move {
        deliver_due(&state).await.map(drop)
    });
}

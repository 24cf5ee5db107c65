//! The email outbox: written with the event, delivered by a background sender.

use crate::db::Conn;
use crate::entities::email_outbox;
use crate::error::StoreResult;
use crate::repositories::query::{all_into, claim_leases, lease_free};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use uuid::Uuid;

use email_outbox::Column as E;

/// After this many failed attempts an email is given up (and logged).
pub const MAX_ATTEMPTS: i32 = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEmail {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub attachment: Option<EmailAttachment>,
}

/// A file sent with an email: a blob in the attachment store, kept while
/// the email waits (see [`attachment_keys`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAttachment {
    pub key: String,
    /// The file name the reader sees.
    pub name: String,
    pub content_type: String,
}

/// A queued email and how its delivery stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedEmail {
    pub id: Uuid,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub attachment: Option<EmailAttachment>,
    pub created_at: DateTime<Utc>,
    /// Not sent before this instant (the pause after a failed attempt).
    pub send_after: DateTime<Utc>,
    pub attempts: i32,
    /// Claimed by a sender until then.
    pub locked_until: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    /// Given up after [`MAX_ATTEMPTS`].
    pub failed_at: Option<DateTime<Utc>>,
}

impl From<email_outbox::Model> for QueuedEmail {
    fn from(m: email_outbox::Model) -> Self {
        Self {
            id: m.id,
            to: m.to_address,
            subject: m.subject,
            body: m.body_text,
            attachment: match (m.attachment_key, m.attachment_name, m.attachment_type) {
                (Some(key), Some(name), Some(content_type)) => Some(EmailAttachment {
                    key,
                    name,
                    content_type,
                }),
                _ => None,
            },
            created_at: m.created_at,
            send_after: m.send_after,
            attempts: m.attempts,
            locked_until: m.locked_until,
            last_error: m.last_error,
            sent_at: m.sent_at,
            failed_at: m.failed_at,
        }
    }
}

/// Emails waiting to go out, and those given up after [`MAX_ATTEMPTS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backlog {
    pub pending: u64,
    pub failed: u64,
}

pub async fn backlog(db: &impl Conn) -> StoreResult<Backlog> {
    use sea_orm::PaginatorTrait;
    let db = db.raw();
    let unsent = || email_outbox::Entity::find().filter(E::SentAt.is_null());
    Ok(Backlog {
        pending: unsent().filter(E::FailedAt.is_null()).count(db).await?,
        failed: unsent().filter(E::FailedAt.is_not_null()).count(db).await?,
    })
}

/// Queues an email; call it with the transaction of the event it tells of.
pub async fn enqueue(db: &impl Conn, email: &NewEmail, now: DateTime<Utc>) -> StoreResult<()> {
    let db = db.raw();
    email_outbox::ActiveModel {
        id: Set(Uuid::now_v7()),
        to_address: Set(email.to.clone()),
        subject: Set(email.subject.clone()),
        body_text: Set(email.body.clone()),
        created_at: Set(now),
        send_after: Set(now),
        attempts: Set(0),
        locked_until: Set(None),
        last_error: Set(None),
        sent_at: Set(None),
        failed_at: Set(None),
        attachment_key: Set(email.attachment.as_ref().map(|a| a.key.clone())),
        attachment_name: Set(email.attachment.as_ref().map(|a| a.name.clone())),
        attachment_type: Set(email.attachment.as_ref().map(|a| a.content_type.clone())),
    }
    .insert(db)
    .await?;
    Ok(())
}

fn unsent_and_due(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(E::SentAt.is_null())
        .add(E::FailedAt.is_null())
        .add(E::SendAfter.lte(now))
        .add(lease_free(E::LockedUntil, now))
}

/// Claims up to `limit` due emails for `lease`: a conditional update per row,
/// so of several server processes exactly one wins each email.
pub async fn claim_due(
    db: &impl Conn,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> StoreResult<Vec<QueuedEmail>> {
    let claimed = claim_leases::<email_outbox::Entity>(
        db,
        (E::Id, E::SendAfter),
        || unsent_and_due(now),
        limit,
        |update| {
            update
                .col_expr(E::LockedUntil, Expr::value(now + lease))
                .col_expr(E::Attempts, Expr::col(E::Attempts).add(1))
        },
    )
    .await?;
    Ok(claimed.into_iter().map(QueuedEmail::from).collect())
}

/// Marks the email sent. Its attachment's key is let go, so the
/// housekeeping sweep removes the blob (the email holds the file now).
pub async fn mark_sent(db: &impl Conn, id: Uuid, now: DateTime<Utc>) -> StoreResult<()> {
    let db = db.raw();
    email_outbox::Entity::update_many()
        .col_expr(E::SentAt, Expr::value(now))
        .col_expr(E::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(E::AttachmentKey, Expr::value(Option::<String>::None))
        .filter(E::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt: retried after a growing pause, or given up
/// after [`MAX_ATTEMPTS`]. Returns whether it was given up.
pub async fn mark_failed(
    db: &impl Conn,
    row: &QueuedEmail,
    error: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let db = db.raw();
    let give_up = row.attempts >= MAX_ATTEMPTS;
    // 30 s, 1 min, 2 min, ... capped at an hour.
    let pause = Duration::seconds(30 * (1_i64 << row.attempts.clamp(0, 7))).min(Duration::hours(1));
    email_outbox::Entity::update_many()
        .col_expr(
            E::LastError,
            Expr::value(error.chars().take(2000).collect::<String>()),
        )
        .col_expr(E::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(E::SendAfter, Expr::value(now + pause))
        .col_expr(E::FailedAt, Expr::value(give_up.then_some(now)))
        .filter(E::Id.eq(row.id))
        .exec(db)
        .await?;
    Ok(give_up)
}

/// The blobs emails still name: not yet sent, or given up (kept so support
/// can look at what failed).
pub async fn attachment_keys(db: &impl Conn) -> StoreResult<Vec<String>> {
    Ok(email_outbox::Entity::find()
        .select_only()
        .column(E::AttachmentKey)
        .filter(E::AttachmentKey.is_not_null())
        .into_tuple::<Option<String>>()
        .all(db.raw())
        .await?
        .into_iter()
        .flatten()
        .collect())
}

/// Every queued email, oldest first (for tests and support).
pub async fn all(db: &impl Conn) -> StoreResult<Vec<QueuedEmail>> {
    let oldest_first = email_outbox::Entity::find()
        .order_by_asc(E::CreatedAt)
        .order_by_asc(E::Id);
    all_into(db.raw(), oldest_first).await
}

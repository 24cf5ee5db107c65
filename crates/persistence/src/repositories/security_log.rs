//! The hash-chained security log. Appending takes the chain head's row lock
//! first (an UPDATE), so appenders in every server process queue up and each
//! entry's hash covers the one before it.

use crate::db::Conn;
use crate::entities::{security_log, security_log_head};
use crate::error::{StoreError, StoreResult};
use crate::repositories::query::{count_and_page, window};
use chrono::{DateTime, SecondsFormat, Utc};
use domain::{AccountId, SecurityEvent, UserId};
use sea_orm::sea_query::{Expr, Order};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait,
};
use sha2::{Digest, Sha256};

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq)]
pub struct NewSecurityEntry {
    pub occurred_at: DateTime<Utc>,
    pub event: SecurityEvent,
    pub user: Option<UserId>,
    pub actor: Option<UserId>,
    pub parent_account: Option<AccountId>,
    pub client_address: Option<String>,
    pub details: serde_json::Value,
}

impl NewSecurityEntry {
    pub fn new(event: SecurityEvent, occurred_at: DateTime<Utc>) -> Self {
        Self {
            occurred_at,
            event,
            user: None,
            actor: None,
            parent_account: None,
            client_address: None,
            details: serde_json::Value::Object(Default::default()),
        }
    }

    /// The user the entry is about.
    pub fn user(mut self, user: UserId) -> Self {
        self.user = Some(user);
        self
    }

    /// Who acted, when not the user themselves.
    pub fn actor(mut self, actor: UserId) -> Self {
        self.actor = Some(actor);
        self
    }

    /// Whose Manager sees the entry (None: portal support only).
    pub fn parent_account(mut self, parent_account: Option<AccountId>) -> Self {
        self.parent_account = parent_account;
        self
    }

    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

/// The stored time, to the microsecond both databases keep.
fn stored_instant(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at)
}

fn opt<T: ToString>(value: &Option<T>) -> String {
    value.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// The key of the chain's HMAC. It is kept outside the database (derived
/// from the data key), so whoever can write to the database cannot rewrite
/// entries and fit new hashes to them.
#[derive(Clone)]
pub struct ChainKey(Vec<u8>);

impl ChainKey {
    pub fn new(key: impl Into<Vec<u8>>) -> Self {
        Self(key.into())
    }
}

impl std::fmt::Debug for ChainKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChainKey(<redacted>)")
    }
}

/// Marks a keyed hash; the others are plain SHA-256 from before keying.
const KEYED: &str = "k1:";

/// Every field and the previous hash, fields separated by a character none
/// of them can hold unescaped (details are JSON text).
fn chain_parts(m: &security_log::Model) -> [String; 9] {
    [
        m.seq.to_string(),
        m.occurred_at.to_rfc3339_opts(SecondsFormat::Micros, true),
        m.event.clone(),
        opt(&m.user_id),
        opt(&m.actor_id),
        opt(&m.parent_account_id),
        opt(&m.client_address),
        m.details.clone(),
        m.prev_hash.clone(),
    ]
}

/// HMAC-SHA256 of the entry under `key`, as `k1:` and base64 (fits the
/// 64-character column).
fn chain_hash(m: &security_log::Model, key: &ChainKey) -> String {
    use base64::Engine;
    use hmac::Mac;
    // HMAC takes a key of any length.
    let Ok(mut mac) = hmac::Hmac::<Sha256>::new_from_slice(&key.0) else {
        unreachable!("HMAC accepts every key length")
    };
    for part in chain_parts(m) {
        mac.update(part.as_bytes());
        mac.update(&[0x1f]);
    }
    let tag = mac.finalize().into_bytes();
    format!(
        "{KEYED}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(tag)
    )
}

/// The hash of an entry written before the chain was keyed.
fn legacy_hash(m: &security_log::Model) -> String {
    let mut hasher = Sha256::new();
    for part in chain_parts(m) {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Appends one entry (in a savepoint when `db` is a transaction already).
pub async fn append(db: &impl Conn, entry: &NewSecurityEntry, key: &ChainKey) -> StoreResult<i64> {
    append_hashed(db, entry, |m| chain_hash(m, key)).await
}

async fn append_hashed(
    db: &impl Conn,
    entry: &NewSecurityEntry,
    hash: impl Fn(&security_log::Model) -> String,
) -> StoreResult<i64> {
    let txn = db.raw().begin().await?;
    // Write first: this takes the head's lock before anything is read.
    let bumped = security_log_head::Entity::update_many()
        .col_expr(
            security_log_head::Column::Seq,
            Expr::col(security_log_head::Column::Seq).add(1),
        )
        .filter(security_log_head::Column::Id.eq(1))
        .exec(&txn)
        .await?
        .rows_affected;
    if bumped != 1 {
        return Err(StoreError::Corrupt(
            "the security log has no head row".into(),
        ));
    }
    let head = security_log_head::Entity::find_by_id(1)
        .one(&txn)
        .await?
        .ok_or_else(|| StoreError::Corrupt("the security log has no head row".into()))?;
    let mut model = security_log::Model {
        seq: head.seq,
        occurred_at: stored_instant(entry.occurred_at),
        event: entry.event.as_str().to_owned(),
        user_id: entry.user.map(|u| u.as_uuid()),
        actor_id: entry.actor.map(|u| u.as_uuid()),
        parent_account_id: entry.parent_account.map(|a| a.as_uuid()),
        client_address: entry.client_address.clone(),
        details: entry.details.to_string(),
        prev_hash: head.hash,
        hash: String::new(),
    };
    model.hash = hash(&model);
    security_log_head::Entity::update_many()
        .col_expr(
            security_log_head::Column::Hash,
            Expr::value(model.hash.clone()),
        )
        .filter(security_log_head::Column::Id.eq(1))
        .exec(&txn)
        .await?;
    let seq = model.seq;
    security_log::ActiveModel::from(model).insert(&txn).await?;
    txn.commit().await?;
    Ok(seq)
}

/// A written entry, as the security log page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityLogEntry {
    pub seq: i64,
    pub occurred_at: DateTime<Utc>,
    /// The event's code as written (text: an entry outlives the codes a
    /// later version knows).
    pub event: String,
    pub user: Option<UserId>,
    pub actor: Option<UserId>,
    pub parent_account: Option<AccountId>,
    pub client_address: Option<String>,
    /// The details as written; null if they are not JSON.
    pub details: serde_json::Value,
}

impl From<security_log::Model> for SecurityLogEntry {
    fn from(m: security_log::Model) -> Self {
        Self {
            seq: m.seq,
            occurred_at: m.occurred_at,
            event: m.event,
            user: m.user_id.map(UserId::from_uuid),
            actor: m.actor_id.map(UserId::from_uuid),
            parent_account: m.parent_account_id.map(AccountId::from_uuid),
            client_address: m.client_address,
            details: serde_json::from_str(&m.details).unwrap_or(serde_json::Value::Null),
        }
    }
}

/// Filters of the security log page; `parent_account` None means all (Admins).
#[derive(Debug, Clone, Default)]
pub struct SecurityLogFilter {
    pub parent_account: Option<AccountId>,
    pub event: Option<SecurityEvent>,
    pub user: Option<UserId>,
}

pub async fn page(
    db: &impl Conn,
    filter: &SecurityLogFilter,
    page: u64,
    page_size: u64,
) -> StoreResult<(Vec<SecurityLogEntry>, u64)> {
    let db = db.raw();
    let mut condition = Condition::all();
    if let Some(parent) = filter.parent_account {
        condition = condition.add(security_log::Column::ParentAccountId.eq(parent.as_uuid()));
    }
    if let Some(event) = filter.event {
        condition = condition.add(security_log::Column::Event.eq(event.as_str()));
    }
    if let Some(user) = filter.user {
        condition = condition.add(security_log::Column::UserId.eq(user.as_uuid()));
    }
    let (models, total) = count_and_page(
        db,
        security_log::Entity::find().filter(condition),
        &[(security_log::Column::Seq, Order::Desc)],
        window(page, page_size),
    )
    .await?;
    Ok((
        models.into_iter().map(SecurityLogEntry::from).collect(),
        total,
    ))
}

/// Events of `kind` from `address` since `since` (the per-address limit and
/// the burst check).
pub async fn count_from_address(
    db: &impl Conn,
    address: &str,
    kinds: &[SecurityEvent],
    since: DateTime<Utc>,
) -> StoreResult<u64> {
    let db = db.raw();
    Ok(security_log::Entity::find()
        .filter(security_log::Column::ClientAddress.eq(address))
        .filter(security_log::Column::OccurredAt.gte(since))
        .filter(security_log::Column::Event.is_in(kinds.iter().map(|k| k.as_str())))
        .count(db)
        .await?)
}

/// The first place the chain does not hold, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// An entry's fields or hash were changed.
    Altered { seq: i64 },
    /// An entry is missing before `seq` (removed).
    Missing { seq: i64 },
    /// The last entries were removed: the head says `head`, the log ends at `last`.
    Truncated { head: i64, last: i64 },
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChainBreak::Altered { seq } => write!(f, "entry {seq} was altered"),
            ChainBreak::Missing { seq } => write!(f, "an entry before {seq} was removed"),
            ChainBreak::Truncated { head, last } => write!(
                f,
                "the log ends at entry {last} but {head} were written: the last entries were removed"
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub entries: u64,
    pub first_break: Option<ChainBreak>,
}

/// Walks the whole chain in order, a thousand entries at a time: every
/// entry must carry its keyed hash.
pub async fn verify(db: &impl Conn, key: &ChainKey) -> StoreResult<ChainReport> {
    let db = db.raw();
    const BATCH: u64 = 1000;
    let mut expected_prev = GENESIS_HASH.to_owned();
    let mut expected_seq = 1i64;
    let mut entries = 0u64;
    loop {
        let batch = security_log::Entity::find()
            .filter(security_log::Column::Seq.gte(expected_seq))
            .order_by_asc(security_log::Column::Seq)
            .limit(BATCH)
            .all(db)
            .await?;
        let done = (batch.len() as u64) < BATCH;
        for m in batch {
            if m.seq != expected_seq {
                return Ok(ChainReport {
                    entries,
                    first_break: Some(ChainBreak::Missing { seq: m.seq }),
                });
            }
            if m.prev_hash != expected_prev || chain_hash(&m, key) != m.hash {
                return Ok(ChainReport {
                    entries,
                    first_break: Some(ChainBreak::Altered { seq: m.seq }),
                });
            }
            entries += 1;
            expected_seq += 1;
            expected_prev = m.hash;
        }
        if done {
            break;
        }
    }
    let head = security_log_head::Entity::find_by_id(1)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::Corrupt("the security log has no head row".into()))?;
    let last = expected_seq - 1;
    let first_break = if head.seq != last || (last > 0 && head.hash != expected_prev) {
        Some(ChainBreak::Truncated {
            head: head.seq,
            last,
        })
    } else {
        None
    };
    Ok(ChainReport {
        entries,
        first_break,
    })
}

/// Keys a chain written before keying: checks the old SHA-256 chain, then
/// writes every entry's keyed hash, in order, holding the head's lock so
/// no entry is appended meanwhile. Answers how many entries it keyed
/// (none when the chain is keyed already); a broken old chain is left as
/// it is, for [`verify`] to report.
pub async fn key_legacy_chain(db: &impl Conn, key: &ChainKey) -> StoreResult<u64> {
    let unkeyed = security_log::Entity::find()
        .filter(security_log::Column::Hash.not_like(format!("{KEYED}%")))
        .count(db.raw())
        .await?;
    if unkeyed == 0 {
        return Ok(0);
    }
    let txn = db.raw().begin().await?;
    // The head's lock first, as appenders take it.
    security_log_head::Entity::update_many()
        .col_expr(
            security_log_head::Column::Seq,
            Expr::col(security_log_head::Column::Seq).into(),
        )
        .filter(security_log_head::Column::Id.eq(1))
        .exec(&txn)
        .await?;
    let entries = security_log::Entity::find()
        .order_by_asc(security_log::Column::Seq)
        .all(&txn)
        .await?;
    if entries.iter().all(|m| m.hash.starts_with(KEYED)) {
        // Another server keyed it while this one waited for the lock.
        return Ok(0);
    }
    let mut old_prev = GENESIS_HASH.to_owned();
    for m in &entries {
        // Another server of the new version may have appended keyed
        // entries on top of the old ones already.
        let hash = if m.hash.starts_with(KEYED) {
            chain_hash(m, key)
        } else {
            legacy_hash(m)
        };
        if m.prev_hash != old_prev || hash != m.hash {
            tracing::error!(
                seq = m.seq,
                "the security log's old chain is broken here; not keying it"
            );
            return Ok(0);
        }
        old_prev = m.hash.clone();
    }
    let mut prev = GENESIS_HASH.to_owned();
    for mut m in entries {
        m.prev_hash = prev;
        m.hash = chain_hash(&m, key);
        prev = m.hash.clone();
        security_log::Entity::update_many()
            .col_expr(
                security_log::Column::PrevHash,
                Expr::value(m.prev_hash.clone()),
            )
            .col_expr(security_log::Column::Hash, Expr::value(m.hash.clone()))
            .filter(security_log::Column::Seq.eq(m.seq))
            .exec(&txn)
            .await?;
    }
    security_log_head::Entity::update_many()
        .col_expr(security_log_head::Column::Hash, Expr::value(prev))
        .filter(security_log_head::Column::Id.eq(1))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(unkeyed)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    async fn log_with_old_chain(entries: usize) -> (crate::Db, Option<tempfile::TempDir>) {
        // The URL only: a `Db` from test-support would be another build of
        // this crate.
        let (url, dir) = test_support::fresh_database_url().await.unwrap();
        let db = crate::connect(&url).await.unwrap();
        crate::migrate_up(&db).await.unwrap();
        for n in 0..entries {
            let entry = NewSecurityEntry::new(SecurityEvent::Login, Utc::now())
                .details(serde_json::json!({ "n": n }));
            append_hashed(&db, &entry, legacy_hash).await.unwrap();
        }
        (db, dir)
    }

    #[tokio::test]
    async fn an_old_chain_is_keyed_once_and_verifies_only_with_the_key() {
        let (db, _dir) = log_with_old_chain(3).await;
        let key = ChainKey::new(vec![7u8; 32]);
        assert!(
            verify(&db, &key).await.unwrap().first_break.is_some(),
            "unkeyed"
        );
        assert_eq!(key_legacy_chain(&db, &key).await.unwrap(), 3);
        assert_eq!(key_legacy_chain(&db, &key).await.unwrap(), 0, "once");
        let entry = NewSecurityEntry::new(SecurityEvent::Logout, Utc::now());
        append(&db, &entry, &key).await.unwrap();
        let report = verify(&db, &key).await.unwrap();
        assert_eq!((report.entries, report.first_break), (4, None));
        let other = ChainKey::new(vec![8u8; 32]);
        assert_eq!(
            verify(&db, &other).await.unwrap().first_break,
            Some(ChainBreak::Altered { seq: 1 })
        );
    }

    #[tokio::test]
    async fn a_broken_old_chain_is_left_for_verify_to_report() {
        let (db, _dir) = log_with_old_chain(3).await;
        crate::raw_sql::execute(
            &db,
            "UPDATE security_log SET event = 'logout' WHERE seq = 2",
        )
        .await
        .unwrap();
        let key = ChainKey::new(vec![7u8; 32]);
        assert_eq!(key_legacy_chain(&db, &key).await.unwrap(), 0);
        assert!(verify(&db, &key).await.unwrap().first_break.is_some());
    }
}

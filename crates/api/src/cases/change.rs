//! The one step every change to a case goes through.

use crate::error::ApiError;
use crate::notifications::{self, CaseEvent};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use domain::Attachment;
use domain::{CaseId, InstalledProductId, User};
use persistence::repositories::attachments;
use persistence::repositories::audit::{self, AuditEntry};
use persistence::repositories::cases::{
    self, CaseUpdate, NewActivity, NewCase, Turn, VersionedUpdate,
};
use persistence::Tx;

/// What happens to the case row itself.
pub(crate) enum RowChange {
    /// A new case.
    Insert(Box<NewCase>),
    /// Something was added to it (an entry, files): a new version.
    Touch,
    /// A status move, an assignment or a wait for the customer, refused
    /// (412) unless the case is still at `expected`.
    Versioned { expected: i32, update: CaseUpdate },
}

/// A change to one case and everything that goes with it.
pub(crate) struct CaseChange {
    pub case: CaseId,
    pub row: RowChange,
    pub entry: Option<NewActivity>,
    pub attachments: Vec<Attachment>,
    /// The installed product whose operational state the change may alter.
    pub product_state: Option<InstalledProductId>,
    pub audit: Vec<AuditEntry>,
    /// What the case's customers are emailed about, if anything.
    pub notify: Option<CaseEvent>,
    /// Whose turn it is afterwards, when the change passes it.
    pub turn: Option<Turn>,
}

impl CaseChange {
    /// A change of `case` that writes `row`, audited by `audit`, with no
    /// entry, files, state, email or turn: the caller adds what it has.
    pub fn of(case: CaseId, row: RowChange, audit: Vec<AuditEntry>) -> Self {
        CaseChange {
            case,
            row,
            entry: None,
            attachments: Vec::new(),
            product_state: None,
            audit,
            notify: None,
            turn: None,
        }
    }

    /// A change refused (412) unless the case is still at `expected`.
    pub fn versioned(case: CaseId, expected: i32, update: CaseUpdate, audit: AuditEntry) -> Self {
        Self::of(case, RowChange::Versioned { expected, update }, vec![audit])
    }
}

/// [`record`] in a transaction of its own.
pub(crate) async fn commit(
    state: &AppState,
    by: &User,
    change: CaseChange,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    state
        .db
        .transaction(async move |tx| record(tx, state, by, change, now).await)
        .await
}

/// Stores `change` in `tx`: the case row, its timeline entry and files, the
/// installed product's operational state, the audit entries, then the
/// emails (which read the case as changed). `by` made the change; they are
/// emailed too about a case they opened.
pub(crate) async fn record(
    tx: &Tx,
    state: &AppState,
    by: &User,
    change: CaseChange,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let id = change.case;
    let touch = match change.row {
        RowChange::Insert(new_case) => {
            cases::insert(tx, *new_case).await?;
            false
        }
        RowChange::Versioned { expected, update } => {
            if let VersionedUpdate::VersionMismatch { current } =
                cases::update_versioned(tx, id, expected, update, now).await?
            {
                return Err(ApiError::PreconditionFailed { current });
            }
            false
        }
        RowChange::Touch => true,
    };
    if let Some(entry) = change.entry {
        cases::insert_activity(tx, entry).await?;
    }
    for attachment in &change.attachments {
        attachments::insert(tx, attachment).await?;
    }
    if touch {
        cases::touch(tx, id, now).await?;
    }
    if let Some(turn) = change.turn {
        cases::pass_turn(tx, id, turn, now).await?;
    }
    if let Some(product) = change.product_state {
        cases::refresh_operational_state(tx, product).await?;
    }
    for entry in &change.audit {
        audit::append(tx, entry).await?;
    }
    if let Some(event) = change.notify {
        if let Some(row) = cases::find_any(tx, id).await? {
            // Whoever opened it on the web hears of it; an engineer who
            // logged a call is not a customer to email.
            let creator = (event == CaseEvent::Created && !by.role.is_internal()).then_some(by);
            notifications::queue_case_emails(
                tx,
                &row.case,
                &row.product_label(),
                creator,
                event,
                now,
                &state.config.public_url,
            )
            .await?;
        }
    }
    Ok(())
}

//! The cases service, beneath the case and installed-product handlers: who
//! may act on which case or product ([`access`]), and what opening a case,
//! adding a timeline entry, attaching files and moving a status store. All
//! four go through one step, [`change::record`]: the case row, its timeline
//! entry and files, the installed product's operational state, the audit
//! entries and the customers' emails, in one transaction.

mod access;
mod change;
pub mod contacts;

pub(crate) use access::{authorized_case, authorized_product, contact_centre};

use crate::error::ApiError;
use crate::notifications::CaseEvent;
use crate::state::AppState;
use change::{commit, record, CaseChange, RowChange};
use chrono::{DateTime, Utc};
use domain::{
    case_title, ActivityAuthor, ActivityKind, Attachment, AttachmentType, CaseId, CaseOrigin,
    CaseStatus, CaseText, InstalledProduct, StoredFile, User, ValidNewCase,
};
use persistence::repositories::accounts;
use persistence::repositories::cases::{self, CaseRow, CaseUpdate, NewActivity, NewCase, Turn};
use persistence::{StoredBlob, Tx};

/// A timeline entry by `by`, with no texts yet.
fn entry_by(by: &User, case: CaseId, kind: ActivityKind, now: DateTime<Utc>) -> NewActivity {
    NewActivity {
        id: uuid::Uuid::new_v4(),
        case,
        kind,
        text: None,
        carrier: None,
        tracking_number: None,
        new_status: None,
        author: Some(by.id),
        author_name: by.display_name.clone(),
        from_service: false,
        occurred_at: now,
    }
}

/// Opens a case for `product` in `tx`: its number, the problem as its first
/// timeline entry, the product's new operational state, the audit entry and
/// the emails. Returns the new case's id.
pub(crate) async fn open(
    tx: &Tx,
    state: &AppState,
    by: &User,
    product: &InstalledProduct,
    case: ValidNewCase,
    origin: CaseOrigin,
    now: DateTime<Utc>,
) -> Result<CaseId, ApiError> {
    let country = accounts::find_by_id(tx, product.location_account_id)
        .await?
        .map(|a| a.fields.country.as_str().to_owned())
        .unwrap_or_default();
    let id = CaseId::from_uuid(uuid::Uuid::new_v4());
    let text = |t: Option<CaseText>| t.map(CaseText::into_string);
    let (bench_part, bench_serial, bench_address) = match case.bench_repair {
        Some(b) => (
            Some(b.part_description.into_string()),
            text(b.part_serial_number),
            text(b.return_address),
        ),
        None => (None, None, None),
    };
    let description = case.description.into_string();
    let number = cases::issue_number(tx, now).await?;
    let new_case = NewCase {
        id,
        number: number.clone(),
        installed_product: product.id,
        account: product.location_account_id,
        owner_account: product.owner_account_id,
        modality: product.modality,
        country,
        priority: case.priority,
        origin,
        kind: case.kind,
        title: case_title(&description),
        description: description.clone(),
        customer_reference: text(case.customer_reference),
        contact_name: text(case.contact_name),
        contact_email: text(case.contact_email),
        contact_phone: text(case.contact_phone),
        bench_part_description: bench_part,
        bench_part_serial_number: bench_serial,
        bench_return_address: bench_address,
        // A phoned-in case is the caller's; the engineer who logged it is in
        // the audit log and on its first timeline entry.
        created_by: (origin == CaseOrigin::Web).then_some(by.id),
        created_at: now,
    };
    let audit = crate::audit::by(by, "case.create", "case", id, now).new_value(serde_json::json!({
        "number": number,
        "installed_product": product.number,
        "priority": case.priority.value(),
        "kind": case.kind.as_str(),
        "origin": origin.as_str(),
        "customer_reference": new_case.customer_reference,
    }));
    let entry = NewActivity {
        text: Some(description),
        from_service: origin == CaseOrigin::Phone,
        ..entry_by(by, id, ActivityKind::ProblemReported, now)
    };
    // A new case awaits an answer from when it is logged: no turn passes.
    let change = CaseChange {
        entry: Some(entry),
        product_state: Some(product.id),
        notify: Some(CaseEvent::Created),
        ..CaseChange::of(id, RowChange::Insert(Box::new(new_case)), vec![audit])
    };
    record(tx, state, by, change, now).await?;
    Ok(id)
}

/// The checked texts of a new timeline entry.
pub(crate) struct EntryTexts {
    pub text: Option<String>,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
}

/// Adds a timeline entry; the customers hear of what the service side
/// writes, not of their own notes.
pub(crate) async fn add_entry(
    state: &AppState,
    by: &User,
    case: CaseId,
    kind: ActivityKind,
    author: ActivityAuthor,
    texts: EntryTexts,
) -> Result<(), ApiError> {
    let now = state.clock.now();
    let from_service = author == ActivityAuthor::Service;
    let entry = NewActivity {
        text: texts.text.clone(),
        carrier: texts.carrier.clone(),
        tracking_number: texts.tracking_number.clone(),
        from_service,
        ..entry_by(by, case, kind, now)
    };
    let audit =
        crate::audit::by(by, "case.activity.add", "case", case, now).new_value(serde_json::json!({
            "activity": entry.id,
            "kind": kind.as_str(),
            "text": texts.text,
            "carrier": texts.carrier,
            "tracking_number": texts.tracking_number,
        }));
    let change = CaseChange {
        entry: Some(entry),
        notify: from_service.then_some(CaseEvent::ServiceUpdate(texts.text)),
        turn: Some(if from_service {
            Turn::Service
        } else {
            Turn::Customer
        }),
        ..CaseChange::of(case, RowChange::Touch, vec![audit])
    };
    commit(state, by, change, now).await
}

/// A file in the blob store, waiting for its row.
pub(crate) struct ReceivedFile {
    pub blob: StoredBlob,
    pub file_name: String,
    pub file_type: AttachmentType,
}

impl ReceivedFile {
    /// The file as `by` sent it `now`.
    pub(crate) fn sent_by(&self, by: &User, now: DateTime<Utc>) -> StoredFile {
        self.blob.clone().into_file(
            self.file_name.clone(),
            self.file_type,
            Some(by.id),
            by.display_name.clone(),
            now,
        )
    }
}

/// Attaches stored files to a case, each with its audit entry.
pub(crate) async fn attach(
    state: &AppState,
    by: &User,
    case: CaseId,
    files: &[ReceivedFile],
) -> Result<(), ApiError> {
    let now = state.clock.now();
    let attachments: Vec<Attachment> = files
        .iter()
        .map(|f| Attachment {
            // Time-ordered, so files sent together keep their order.
            id: uuid::Uuid::now_v7(),
            case,
            file: f.sent_by(by, now),
        })
        .collect();
    let audit = attachments
        .iter()
        .map(|a| {
            crate::audit::by(by, "case.attachment.add", "case", case, now).new_value(
                serde_json::json!({
                    "attachment": a.id,
                    "file_name": a.file.file_name,
                    "file_type": a.file.file_type.as_str(),
                    "size_bytes": a.file.size_bytes,
                    "sha256": a.file.sha256,
                }),
            )
        })
        .collect();
    let change = CaseChange {
        attachments,
        // Files from the customer are their word; the service's are not an answer.
        turn: (!by.role.is_internal()).then_some(Turn::Customer),
        ..CaseChange::of(case, RowChange::Touch, audit)
    };
    let adding: u64 = files.iter().map(|f| f.blob.size).sum();
    state
        .db
        .transaction(async move |tx| {
            within_quota(state, tx, case, adding).await?;
            record(tx, state, by, change, now).await
        })
        .await
}

/// Refuses (413) files that would take the case or its customer past the
/// installation's attachment quota. Holds the customer's lock until the
/// transaction ends, so concurrent uploads are counted one after another.
async fn within_quota(
    state: &AppState,
    tx: &persistence::Tx,
    case: CaseId,
    adding: u64,
) -> Result<(), ApiError> {
    let usage = persistence::repositories::attachments::usage_locked(tx, case).await?;
    let mb = |bytes: u64| bytes / (1024 * 1024);
    let config = &state.config;
    if usage.case_bytes + adding > config.case_attachment_quota_bytes {
        return Err(ApiError::AttachmentQuotaExceeded {
            scope: "case",
            limit_mb: mb(config.case_attachment_quota_bytes),
        });
    }
    if usage.parent_bytes + adding > config.parent_attachment_quota_bytes {
        return Err(ApiError::AttachmentQuotaExceeded {
            scope: "organisation",
            limit_mb: mb(config.parent_attachment_quota_bytes),
        });
    }
    Ok(())
}

/// Moves a case's status (service side), if it is still at version
/// `expected`: a timeline entry with the optional note, the product's
/// operational state follows, and the customers hear of it.
pub(crate) async fn move_status(
    state: &AppState,
    by: &User,
    row: &CaseRow,
    expected: i32,
    to: CaseStatus,
    note: Option<String>,
) -> Result<(), ApiError> {
    let now = state.clock.now();
    let case = row.case.id;
    let entry = NewActivity {
        text: note,
        new_status: Some(to),
        from_service: true,
        ..entry_by(by, case, ActivityKind::StatusChanged, now)
    };
    let audit = crate::audit::by(by, "case.status.move", "case", case, now)
        .old_value(serde_json::json!({ "status": row.case.status.as_str() }))
        .new_value(serde_json::json!({ "status": to.as_str() }));
    let change = CaseChange {
        entry: Some(entry),
        product_state: Some(row.case.installed_product),
        notify: Some(CaseEvent::StatusChanged(to)),
        turn: Some(Turn::Service),
        ..CaseChange::versioned(case, expected, CaseUpdate::Status(to), audit)
    };
    commit(state, by, change, now).await
}

/// Assigns the case to `engineer` (a Service user) or to nobody, if it is
/// still at version `expected`. Routing inside the service side: the
/// customer's clock runs on and nobody is emailed.
pub(crate) async fn assign(
    state: &AppState,
    by: &User,
    row: &CaseRow,
    expected: i32,
    engineer: Option<&User>,
) -> Result<(), ApiError> {
    let now = state.clock.now();
    let case = row.case.id;
    let audit = crate::audit::by(by, "case.assign", "case", case, now)
        .old_value(serde_json::json!({ "engineer": row.case.assigned_to }))
        .new_value(serde_json::json!({ "engineer": engineer.map(|e| e.id) }));
    let update = CaseUpdate::Assignee(engineer.map(|e| e.id));
    let change = CaseChange::versioned(case, expected, update, audit);
    commit(state, by, change, now).await
}

/// The service side waits for the customer (with what it asks, on the
/// timeline and by email), which stops the response clock; or stops
/// waiting because the customer answered another way, which starts it.
pub(crate) async fn wait_for_customer(
    state: &AppState,
    by: &User,
    row: &CaseRow,
    expected: i32,
    waiting: bool,
    note: Option<String>,
) -> Result<(), ApiError> {
    let now = state.clock.now();
    let case = row.case.id;
    let entry = waiting.then(|| NewActivity {
        text: note.clone(),
        from_service: true,
        ..entry_by(by, case, ActivityKind::WaitingForCustomer, now)
    });
    let audit = crate::audit::by(by, "case.waiting_for_customer", "case", case, now)
        .old_value(serde_json::json!({ "waiting": row.case.waiting_for_customer }))
        .new_value(serde_json::json!({ "waiting": waiting, "note": note }));
    let update = CaseUpdate::WaitingForCustomer(waiting);
    let change = CaseChange {
        entry,
        notify: waiting.then_some(CaseEvent::WaitingForCustomer(note)),
        turn: Some(if waiting {
            Turn::Service
        } else {
            Turn::Customer
        }),
        ..CaseChange::versioned(case, expected, update, audit)
    };
    commit(state, by, change, now).await
}

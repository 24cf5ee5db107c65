//! Audit entries as the handlers write them: made in this request (its id
//! goes with the entry), usually by the signed-in user.

use crate::error::current_request_id;
use chrono::{DateTime, Utc};
use domain::User;
use persistence::repositories::audit::AuditEntry;

/// An entry made while serving the current request; add who made it with
/// [`AuditEntry::by`].
pub fn in_request(
    action: &str,
    entity_type: &str,
    entity_id: impl ToString,
    at: DateTime<Utc>,
) -> AuditEntry {
    AuditEntry::new(action, entity_type, entity_id, at).request_id(current_request_id())
}

/// An entry made by `user` (for their parent account) in the current request.
pub fn by(
    user: &User,
    action: &str,
    entity_type: &str,
    entity_id: impl ToString,
    at: DateTime<Utc>,
) -> AuditEntry {
    in_request(action, entity_type, entity_id, at).by(Some(user.id), user.parent_account_id)
}

//! Saved views: a customised report under a name, private to its owner or
//! shared with the owner's parent account. Who may see, share and change
//! one is decided here.

use crate::ids::{AccountId, UserId};
use crate::{Role, User};

/// The most a view's name holds.
pub const MAX_NAME: usize = 100;

/// Whose a view is, as the rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewHolder {
    pub owner: UserId,
    /// The owner's parent account; none for staff.
    pub parent_account: Option<AccountId>,
    pub shared: bool,
}

/// Who asks, as the rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reader {
    pub id: UserId,
    pub role: Role,
    pub parent_account: Option<AccountId>,
}

impl From<&User> for Reader {
    fn from(user: &User) -> Self {
        Reader {
            id: user.id,
            role: user.role,
            parent_account: user.parent_account_id,
        }
    }
}

/// Why a change to a view is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewRefusal {
    /// Only a Manager shares views, with their own parent account.
    NotASharer,
    /// Only the owner changes a private view; a shared one, also a
    /// Manager of its parent account.
    NotYours,
}

/// Whether `user` sees the view: their own, or one shared with their
/// parent account.
pub fn sees(user: Reader, view: &ViewHolder) -> bool {
    view.owner == user.id
        || (view.shared
            && view.parent_account.is_some()
            && view.parent_account == user.parent_account)
}

/// Whether `user` may share views: a Manager, with their parent account.
pub fn may_share(user: Reader) -> bool {
    user.role == Role::Manager && user.parent_account.is_some()
}

/// Whether `user` may rename, change, share or delete the view.
pub fn check_change(
    user: Reader,
    view: &ViewHolder,
    shared_after: bool,
) -> Result<(), ViewRefusal> {
    let managers_own_parent =
        may_share(user) && view.shared && view.parent_account == user.parent_account;
    if view.owner != user.id && !managers_own_parent {
        return Err(ViewRefusal::NotYours);
    }
    if shared_after != view.shared && !may_share(user) {
        return Err(ViewRefusal::NotASharer);
    }
    Ok(())
}

/// Why a view's name is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    Empty,
    TooLong,
}

/// A view's name, trimmed: 1 to [`MAX_NAME`] characters.
pub fn view_name(name: &str) -> Result<String, NameProblem> {
    let name = crate::strip_bidi_controls(name.trim());
    match name.chars().count() {
        0 => Err(NameProblem::Empty),
        n if n > MAX_NAME => Err(NameProblem::TooLong),
        _ => Ok(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    static NEXT: AtomicU64 = AtomicU64::new(1);

    fn uuid() -> uuid::Uuid {
        uuid::Uuid::from_u128(u128::from(NEXT.fetch_add(1, Ordering::Relaxed)))
    }

    fn user_with(role: Role, parent_account: Option<AccountId>) -> Reader {
        Reader {
            id: UserId::from_uuid(uuid()),
            role,
            parent_account,
        }
    }

    fn new_parent() -> AccountId {
        AccountId::from_uuid(uuid())
    }

    fn holder(owner: &Reader, shared: bool) -> ViewHolder {
        ViewHolder {
            owner: owner.id,
            parent_account: owner.parent_account,
            shared,
        }
    }

    #[test]
    fn a_shared_view_is_seen_across_its_parent_account_and_nowhere_else() {
        let parent = new_parent();
        let manager = user_with(Role::Manager, Some(parent));
        let colleague = user_with(Role::Viewer, Some(parent));
        let stranger = user_with(Role::Manager, Some(new_parent()));
        let view = holder(&manager, true);
        assert!(sees(colleague, &view));
        assert!(!sees(stranger, &view));
        assert!(!sees(colleague, &holder(&manager, false)));
    }

    #[test]
    fn only_managers_share_and_a_colleague_cannot_change_what_is_not_theirs() {
        let parent = new_parent();
        let manager = user_with(Role::Manager, Some(parent));
        let user = user_with(Role::User, Some(parent));
        assert_eq!(
            check_change(user, &holder(&user, false), true),
            Err(ViewRefusal::NotASharer)
        );
        assert_eq!(
            check_change(user, &holder(&manager, true), true),
            Err(ViewRefusal::NotYours)
        );
        // A Manager looks after the views shared with their parent account.
        let other_manager = user_with(Role::Manager, Some(parent));
        assert_eq!(
            check_change(other_manager, &holder(&manager, true), false),
            Ok(())
        );
        assert_eq!(
            check_change(other_manager, &holder(&manager, false), false),
            Err(ViewRefusal::NotYours)
        );
    }

    #[test]
    fn staff_keep_their_views_private() {
        let service = user_with(Role::Service, None);
        assert!(!may_share(service));
    }

    #[test]
    fn names_are_trimmed_and_between_one_and_a_hundred_characters() {
        assert_eq!(view_name("  Open MR cases "), Ok("Open MR cases".into()));
        assert_eq!(view_name("   "), Err(NameProblem::Empty));
        assert_eq!(view_name(&"x".repeat(100)).map(|n| n.len()), Ok(100));
        assert_eq!(view_name(&"x".repeat(101)), Err(NameProblem::TooLong));
    }
}

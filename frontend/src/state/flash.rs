//! One-off notices that outlive a navigation: "Your password is set" on the
//! login page, "User created" or "Access granted" on the new user's page.
//! Memory only; shown on the page they were meant for and dropped once the
//! user moves on.

use leptos::prelude::*;

/// What to tell the user on the next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// After setting a password with an activation or reset link.
    PasswordSet,
    PasswordChanged,
    /// A second factor was just enrolled.
    MfaEnabled,
    /// A new user, and the address their activation link went to.
    UserCreated {
        email: String,
    },
    /// An approved request for access: the new user, and the address their
    /// activation link went to.
    AccessGranted {
        email: String,
    },
    /// A change a lazily loaded page words itself ("The account is
    /// moved."): its words load with that page, not in every first
    /// download. The language cannot change on the way to the next page.
    Done(String),
}

/// The notice waiting, with the path of the page that shows it.
#[derive(Clone, Copy)]
pub struct Flash(RwSignal<Option<(String, Notice)>>);

/// Provides the notices at the root of the app.
pub fn provide_flash() {
    provide_context(Flash(RwSignal::new(None)));
}

pub fn use_flash() -> Flash {
    expect_context::<Flash>()
}

impl Flash {
    /// Shows `notice` on the page at `path` (navigate there next).
    pub fn show_on(self, path: &str, notice: Notice) {
        self.0.set(Some((path.to_owned(), notice)));
    }

    /// The notice for the page at `path`, if any (read reactively).
    pub fn for_path(self, path: &str) -> Option<Notice> {
        self.0.with(|waiting| match waiting {
            Some((for_path, notice)) if for_path == path => Some(notice.clone()),
            _ => None,
        })
    }

    /// Drops the notice unless it is for `path`: call it when the page changes.
    pub fn keep_only_for(self, path: &str) {
        let stale = self
            .0
            .with_untracked(|waiting| waiting.as_ref().is_some_and(|(p, _)| p != path));
        if stale {
            self.0.set(None);
        }
    }
}

/// What a notice says.
pub fn notice_text(t: &crate::i18n::Texts, notice: &Notice) -> String {
    match notice {
        Notice::PasswordSet => t.password_set_notice.to_owned(),
        Notice::PasswordChanged => t.password_changed.to_owned(),
        Notice::MfaEnabled => t.mfa.enabled_done.to_owned(),
        Notice::UserCreated { email } => crate::i18n::fill(t.user_created, &[("email", email)]),
        Notice::AccessGranted { email } => crate::i18n::fill(t.access_granted, &[("email", email)]),
        Notice::Done(text) => text.clone(),
    }
}

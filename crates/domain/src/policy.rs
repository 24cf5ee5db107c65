//! Authorization: role x action x account scope.
//!
//! Two questions, in this order: may the caller *see* the target (if not, it does
//! not exist for them: 404), and may their role *do* the action (if not: 403)?

use crate::ids::AccountId;
use crate::user::Role;
use std::collections::BTreeSet;

/// What a caller wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    ViewCustomerData,
    CreateCase,
    AddCaseActivity,
    AddAttachment,
    ManageUsers,
    AssignAccounts,
    MaintainCustomDetails,
    /// Move a case's status forward; the service side only.
    MoveCaseStatus,
    PlanServiceEvents,
    PublishDocuments,
    AdministerParentAccounts,
    /// The service desk: the queue across parent accounts, assigning
    /// engineers, waiting for the customer.
    WorkCaseQueue,
    /// Log a case a customer phoned in (origin Phone).
    LogPhoneCase,
    /// Import a customer's data from their source system.
    ImportData,
    /// Accept or decline a tentative service visit.
    AnswerServiceEvent,
}

impl Action {
    pub const ALL: [Action; 15] = [
        Action::ViewCustomerData,
        Action::CreateCase,
        Action::AddCaseActivity,
        Action::AddAttachment,
        Action::ManageUsers,
        Action::AssignAccounts,
        Action::MaintainCustomDetails,
        Action::MoveCaseStatus,
        Action::PlanServiceEvents,
        Action::PublishDocuments,
        Action::AdministerParentAccounts,
        Action::WorkCaseQueue,
        Action::LogPhoneCase,
        Action::ImportData,
        Action::AnswerServiceEvent,
    ];
}

/// The accounts whose data a caller sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountScope {
    /// Internal staff: every parent account.
    All,
    /// Customers: exactly these accounts (a Manager: every account of their parent account).
    Accounts(BTreeSet<AccountId>),
}

impl AccountScope {
    pub fn contains(&self, account: AccountId) -> bool {
        match self {
            AccountScope::All => true,
            AccountScope::Accounts(ids) => ids.contains(&account),
        }
    }
}

/// The caller, as far as authorization needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub role: Role,
    /// None for internal staff, who belong to no customer.
    pub parent_account_id: Option<AccountId>,
    pub scope: AccountScope,
}

/// What an action is aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// Data attached to these accounts (a product's owner and location, a contract's holder):
    /// visible when any one of them is in scope.
    Accounts(&'a [AccountId]),
    /// Something of a whole parent account (its users, its account assignment).
    ParentAccount(AccountId),
    /// Nothing of a customer (e.g. creating a parent account).
    Portal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AuthzError {
    /// The target does not exist for this caller; answer exactly as for a missing one.
    #[error("not found")]
    NotVisible,
    /// The caller sees the target but their role may not do this.
    #[error("your role does not allow this")]
    Forbidden,
}

/// Whether a role may ever perform an action, whatever the target.
pub const fn role_allows(role: Role, action: Action) -> bool {
    use Action::*;
    match role {
        Role::Viewer => matches!(action, ViewCustomerData),
        Role::User => matches!(
            action,
            ViewCustomerData | CreateCase | AddCaseActivity | AddAttachment | AnswerServiceEvent
        ),
        Role::Manager => matches!(
            action,
            ViewCustomerData
                | CreateCase
                | AddCaseActivity
                | AddAttachment
                | ManageUsers
                | AssignAccounts
                | MaintainCustomDetails
                | AnswerServiceEvent
        ),
        Role::Service => matches!(
            action,
            ViewCustomerData
                | AddCaseActivity
                | AddAttachment
                | MoveCaseStatus
                | PlanServiceEvents
                | PublishDocuments
                | WorkCaseQueue
                | LogPhoneCase
                | ImportData
        ),
        Role::Admin => matches!(
            action,
            ViewCustomerData
                | ManageUsers
                | AssignAccounts
                | AdministerParentAccounts
                | PublishDocuments
                | ImportData
        ),
    }
}

pub fn authorize(
    principal: &Principal,
    action: Action,
    target: Target<'_>,
) -> Result<(), AuthzError> {
    let visible = match target {
        Target::Accounts(accounts) => accounts.iter().any(|a| principal.scope.contains(*a)),
        Target::ParentAccount(parent) => {
            principal.role.is_internal() || principal.parent_account_id == Some(parent)
        }
        Target::Portal => true,
    };
    if !visible {
        return Err(AuthzError::NotVisible);
    }
    if role_allows(principal.role, action) {
        Ok(())
    } else {
        Err(AuthzError::Forbidden)
    }
}

/// The caller administers no parent account (only Managers and portal
/// support do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("only a Manager or portal support acts on a parent account")]
pub struct NotAnAdministrator;

/// Which parent account a Manager or Admin acts on: a Manager always on
/// their own (whatever they name), an Admin on the one they name, or on every
/// parent account (`None`) when they name none. Nobody else administers one.
pub fn acting_parent(
    role: Role,
    own: Option<AccountId>,
    named: Option<AccountId>,
) -> Result<Option<AccountId>, NotAnAdministrator> {
    match (role, own) {
        (Role::Admin, _) => Ok(named),
        (Role::Manager, Some(own)) => Ok(Some(own)),
        _ => Err(NotAnAdministrator),
    }
}

/// What logging a case takes for `role`, and where the case comes from:
/// customers log on the web; the service side logs what a customer phoned in.
pub fn case_logging(role: Role) -> (Action, crate::CaseOrigin) {
    match role {
        Role::Service => (Action::LogPhoneCase, crate::CaseOrigin::Phone),
        _ => (Action::CreateCase, crate::CaseOrigin::Web),
    }
}

/// Whether an account is shown whole (where it sits, whose it is) or only
/// by name, type and country: one of another parent account (a leasing
/// company that owns a scanner here) is that customer's own business.
pub fn sees_account_whole(role: Role, own: Option<AccountId>, accounts_parent: AccountId) -> bool {
    role.is_internal() || own == Some(accounts_parent)
}

/// Whose custom details of a product a caller reads and sets: each parent
/// account keeps its own of a shared product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailsOwner {
    /// The customer's own parent account.
    Own(AccountId),
    /// Staff maintain those of the hospital where the product stands.
    LocationsParent,
}

pub fn custom_details_owner(role: Role, own: Option<AccountId>) -> DetailsOwner {
    match own {
        Some(own) if !role.is_internal() => DetailsOwner::Own(own),
        _ => DetailsOwner::LocationsParent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn an_account_of_another_parent_is_shown_by_name_only_except_to_staff() {
        let (own, other) = (account(100), account(200));
        assert!(sees_account_whole(Role::Viewer, Some(own), own));
        assert!(!sees_account_whole(Role::Manager, Some(own), other));
        assert!(sees_account_whole(Role::Service, None, other));
        assert!(sees_account_whole(Role::Admin, None, other));
    }

    #[test]
    fn customers_keep_their_own_custom_details_and_staff_edit_the_hospitals() {
        let own = account(100);
        assert_eq!(
            custom_details_owner(Role::Manager, Some(own)),
            DetailsOwner::Own(own)
        );
        assert_eq!(
            custom_details_owner(Role::Service, None),
            DetailsOwner::LocationsParent
        );
        assert_eq!(
            custom_details_owner(Role::Admin, None),
            DetailsOwner::LocationsParent
        );
    }

    fn account(n: u128) -> AccountId {
        AccountId::from_uuid(Uuid::from_u128(n))
    }

    fn customer(role: Role, accounts: &[AccountId]) -> Principal {
        Principal {
            role,
            parent_account_id: Some(account(100)),
            scope: AccountScope::Accounts(accounts.iter().copied().collect()),
        }
    }

    #[test]
    fn the_role_table_of_the_specification_holds() {
        // The specification's columns: who may do each action.
        let (viewer, user, manager) = (Role::Viewer, Role::User, Role::Manager);
        let table: [(Action, &[Role]); 7] = [
            (Action::ViewCustomerData, &[viewer, user, manager]),
            (Action::CreateCase, &[user, manager]),
            (Action::AddCaseActivity, &[user, manager]),
            (Action::AddAttachment, &[user, manager]),
            (Action::ManageUsers, &[manager]),
            (Action::AssignAccounts, &[manager]),
            (Action::MaintainCustomDetails, &[manager]),
        ];
        for (action, allowed) in table {
            for role in [viewer, user, manager] {
                let expected = allowed.contains(&role);
                assert_eq!(role_allows(role, action), expected, "{role} {action:?}");
            }
        }
    }

    #[test]
    fn only_the_service_side_moves_case_status() {
        let movers: Vec<_> = Role::ALL
            .into_iter()
            .filter(|r| role_allows(*r, Action::MoveCaseStatus))
            .collect();
        assert_eq!(movers, vec![Role::Service]);
    }

    #[test]
    fn data_outside_scope_is_not_visible_even_to_a_manager() {
        let manager = customer(Role::Manager, &[account(1)]);
        let foreign = [account(2)];
        assert_eq!(
            authorize(
                &manager,
                Action::ViewCustomerData,
                Target::Accounts(&foreign)
            ),
            Err(AuthzError::NotVisible)
        );
    }

    #[test]
    fn one_account_in_scope_makes_the_target_visible() {
        // A product at hospital A owned by leasing company B: hospital A's user sees it.
        let user = customer(Role::User, &[account(1)]);
        let product = [account(2), account(1)];
        assert_eq!(
            authorize(&user, Action::CreateCase, Target::Accounts(&product)),
            Ok(())
        );
    }

    #[test]
    fn visibility_is_decided_before_role_so_foreign_ids_read_as_missing() {
        let viewer = customer(Role::Viewer, &[account(1)]);
        assert_eq!(
            authorize(&viewer, Action::CreateCase, Target::Accounts(&[account(9)])),
            Err(AuthzError::NotVisible)
        );
        assert_eq!(
            authorize(&viewer, Action::CreateCase, Target::Accounts(&[account(1)])),
            Err(AuthzError::Forbidden)
        );
    }

    #[test]
    fn a_manager_administers_users_of_their_own_parent_account_only() {
        let manager = customer(Role::Manager, &[account(1)]);
        assert_eq!(
            authorize(
                &manager,
                Action::ManageUsers,
                Target::ParentAccount(account(100))
            ),
            Ok(())
        );
        assert_eq!(
            authorize(
                &manager,
                Action::ManageUsers,
                Target::ParentAccount(account(200))
            ),
            Err(AuthzError::NotVisible)
        );
    }

    #[test]
    fn internal_staff_see_every_parent_account() {
        let service = Principal {
            role: Role::Service,
            parent_account_id: None,
            scope: AccountScope::All,
        };
        assert_eq!(
            authorize(
                &service,
                Action::MoveCaseStatus,
                Target::Accounts(&[account(7)])
            ),
            Ok(())
        );
        assert_eq!(
            authorize(
                &service,
                Action::MaintainCustomDetails,
                Target::Accounts(&[account(7)])
            ),
            Err(AuthzError::Forbidden)
        );
    }

    #[test]
    fn only_admins_create_parent_accounts() {
        for role in Role::ALL {
            let p = Principal {
                role,
                parent_account_id: None,
                scope: AccountScope::All,
            };
            let allowed = authorize(&p, Action::AdministerParentAccounts, Target::Portal).is_ok();
            assert_eq!(allowed, role == Role::Admin, "{role}");
        }
    }

    #[test]
    fn a_manager_acts_on_their_own_parent_account_whatever_they_name() {
        let own = account(100);
        assert_eq!(
            acting_parent(Role::Manager, Some(own), Some(account(200))),
            Ok(Some(own))
        );
        assert_eq!(acting_parent(Role::Manager, Some(own), None), Ok(Some(own)));
    }

    #[test]
    fn an_admin_acts_on_the_parent_account_they_name_or_on_all() {
        assert_eq!(
            acting_parent(Role::Admin, None, Some(account(200))),
            Ok(Some(account(200)))
        );
        assert_eq!(acting_parent(Role::Admin, None, None), Ok(None));
    }

    #[test]
    fn other_roles_and_a_manager_without_parent_account_act_on_none() {
        for role in [Role::Viewer, Role::User, Role::Service] {
            assert_eq!(
                acting_parent(role, Some(account(100)), Some(account(100))),
                Err(NotAnAdministrator),
                "{role:?}"
            );
        }
        assert_eq!(
            acting_parent(Role::Manager, None, Some(account(100))),
            Err(NotAnAdministrator)
        );
    }
}

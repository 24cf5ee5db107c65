//! Portal support keeps the account tree: new accounts, their fields, and
//! moving a child account with everything below it. Each change is one
//! transaction with its audit entries (old -> new), filed under the
//! customer it concerns.

use crate::audit;
use crate::error::ApiError;
use crate::state::AppState;
use crate::wire::ToDomain;
use api_types::{
    AccountFieldsDto, AccountMoveDto, AccountRef, EndingAssignmentDto, MoveAccountRequest,
};
use domain::{Account, AccountFields, AccountId, FieldProblem, MoveRefusal, TypedAccount, User};
use persistence::repositories::account_admin::{self, MoveContents};
use persistence::repositories::accounts;
use persistence::repositories::audit::{append_all, AuditEntry};
use persistence::{Conn, StoreError};
use serde_json::json;

/// The typed fields, checked (422 naming every broken rule).
pub(crate) fn checked(dto: &AccountFieldsDto) -> Result<AccountFields, ApiError> {
    AccountFields::parse(TypedAccount {
        name: &dto.name,
        kind: dto.kind.to_domain(),
        country: &dto.country,
        city: dto.city.as_deref(),
        address: dto.address.as_deref(),
        market: dto.market.as_deref(),
        source_id: dto.source_id.as_deref(),
    })
    .map_err(ApiError::from)
}

/// What the audit log keeps of an account's fields.
pub(crate) fn audited(a: &Account) -> serde_json::Value {
    let f = &a.fields;
    json!({
        "name": f.name.as_str(),
        "kind": f.kind.as_str(),
        "country": f.country.as_str(),
        "city": f.city,
        "address": f.address,
        "market": f.market,
        "source_id": f.source_id,
        "parent_id": a.parent_id.map(|p| p.as_uuid()),
        "parent_account_id": a.parent_account_id.as_uuid(),
    })
}

fn entry(by: &User, action: &str, account: &Account, state: &AppState) -> AuditEntry {
    audit::in_request(action, "account", account.id, state.clock.now())
        .by(Some(by.id), Some(account.parent_account_id))
}

/// A source id another account has (the index is unique) is the caller's
/// conflict, not ours.
fn taken(err: StoreError) -> ApiError {
    match err {
        StoreError::Duplicate(_) => {
            ApiError::Conflict("Another account has this source id.".into())
        }
        other => other.into(),
    }
}

async fn find(db: &impl Conn, id: AccountId) -> Result<Account, ApiError> {
    accounts::find_by_id(db, id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Creates an account under `parent` (404 if there is none such), or a new
/// customer's parent account.
pub(crate) async fn create(
    state: &AppState,
    by: &User,
    parent: Option<AccountId>,
    fields: AccountFields,
) -> Result<Account, ApiError> {
    let id = AccountId::from_uuid(uuid::Uuid::new_v4());
    state
        .db
        .transaction(async |tx| {
            let parent = match parent {
                Some(p) => Some(find(tx, p).await?),
                None => None,
            };
            let created = Account {
                id,
                parent_id: parent.as_ref().map(|p| p.id),
                // A parent account is the top of its own tree.
                parent_account_id: parent.map_or(id, |p| p.parent_account_id),
                fields,
            };
            accounts::insert(tx, &created, state.clock.now())
                .await
                .map_err(taken)?;
            let audit = entry(by, "account.create", &created, state).new_value(audited(&created));
            append_all(tx, &[audit]).await?;
            Ok(created)
        })
        .await
}

/// Replaces an account's fields; unchanged fields change nothing, and no
/// audit entry is written for a save that changed nothing.
pub(crate) async fn update(
    state: &AppState,
    by: &User,
    id: AccountId,
    fields: AccountFields,
) -> Result<Account, ApiError> {
    state
        .db
        .transaction(async |tx| {
            let before = find(tx, id).await?;
            account_admin::update(tx, id, &fields)
                .await
                .map_err(taken)?;
            let after = find(tx, id).await?;
            if before != after {
                let audit = entry(by, "account.update", &after, state)
                    .old_value(audited(&before))
                    .new_value(audited(&after));
                append_all(tx, &[audit]).await?;
            }
            Ok(after)
        })
        .await
}

fn account_ref(a: &Account) -> AccountRef {
    AccountRef {
        id: a.id.as_uuid(),
        name: a.fields.name.as_str().to_owned(),
    }
}

fn refused(refusal: MoveRefusal) -> ApiError {
    ApiError::from(vec![FieldProblem::new(
        "parent_id",
        match refusal {
            MoveRefusal::ParentAccount => "parent_account_does_not_move",
            MoveRefusal::IntoItself => "move_into_itself",
            MoveRefusal::AlreadyThere => "already_there",
        },
        refusal.to_string(),
    )])
}

/// Moves a child account, with every account below it, under another
/// account; with `dry_run`, only says what would move. Users of another
/// customer lose their assignments to the moved accounts.
pub(crate) async fn move_account(
    state: &AppState,
    by: &User,
    id: AccountId,
    request: &MoveAccountRequest,
    dry_run: bool,
) -> Result<AccountMoveDto, ApiError> {
    let to_id = AccountId::from_uuid(request.parent_id);
    state
        .db
        .transaction(async |tx| {
            let account = find(tx, id).await?;
            let to = match accounts::find_by_id(tx, to_id).await? {
                Some(to) => to,
                None => {
                    return Err(ApiError::from(vec![FieldProblem::new(
                        "parent_id",
                        "unknown_account",
                        "No account has this id.",
                    )]))
                }
            };
            let tree = account_admin::tree(tx, account.parent_account_id).await?;
            let moving = domain::subtree_of(id, &tree);
            domain::check_move(&account, &moving, &to).map_err(refused)?;
            let contents = account_admin::move_contents(tx, &moving, to.parent_account_id).await?;
            let from_parent = find(tx, account.parent_account_id).await?;
            let to_parent = find(tx, to.parent_account_id).await?;
            if !dry_run {
                account_admin::move_subtree(tx, id, &moving, &to, &contents.ending).await?;
                let moved = find(tx, id).await?;
                let mut entries = vec![entry(by, "account.move", &moved, state)
                    .old_value(audited(&account))
                    .new_value(audited(&moved))];
                // The customer that loses the accounts sees the move as well.
                if from_parent.id != to_parent.id {
                    entries.push(
                        entry(by, "account.move", &account, state)
                            .old_value(audited(&account))
                            .new_value(audited(&moved)),
                    );
                }
                entries.extend(contents.ending.iter().map(|e| {
                    audit::in_request("account.unassign", "user", e.user, state.clock.now())
                        .by(Some(by.id), Some(from_parent.id))
                        .old_value(json!({ "account": e.account.as_uuid() }))
                }));
                append_all(tx, &entries).await?;
            }
            let accounts = tree
                .iter()
                .filter(|a| moving.contains(&a.id))
                .map(account_ref)
                .collect();
            Ok(move_dto(
                accounts,
                &from_parent,
                &to_parent,
                contents,
                !dry_run,
            ))
        })
        .await
}

fn move_dto(
    accounts: Vec<AccountRef>,
    from: &Account,
    to: &Account,
    contents: MoveContents,
    applied: bool,
) -> AccountMoveDto {
    AccountMoveDto {
        accounts,
        from_parent: account_ref(from),
        to_parent: account_ref(to),
        changes_customer: from.id != to.id,
        products: contents.products,
        contracts: contents.contracts,
        ending_assignments: contents
            .ending
            .into_iter()
            .map(|e| EndingAssignmentDto {
                user_id: e.user.as_uuid(),
                username: e.username,
                account_id: e.account.as_uuid(),
            })
            .collect(),
        applied,
    }
}

//! `/accounts/{id}/move` (Admins): pick the account's new parent, check
//! what the move takes along (a dry run: the accounts below it, its
//! installed products and contracts, the users who lose access, whether it
//! changes customer), and only then move it.

use super::{
    account_error_text, account_forest, admin_account_page, id_of, is_parent_account, name_of,
    open_account, subtree_ids,
};
use crate::components::detail::{page_error, when_loaded};
use crate::components::forms::{
    chosen_options, codes_for, failure_summary_by, field_error, focus_later, show_failure,
    show_invalid, submit_once, CheckedSelect, Failure,
};
use crate::i18n::account_texts::ACCOUNT_TEXTS;
use crate::i18n::{count_text, fill, Texts};
use crate::query::from_wire;
use crate::state::auth::{use_auth, Auth};
use crate::state::flash::{use_flash, Flash};
use api_types::{AccountMoveDto, AccountResponse, FieldErrorCode, MoveAccountRequest};
use domain::AccountId;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

const ERRORS_ID: &str = "move-errors";
const PARENT_FIELD: &str = "parent_id";
const PARENT_SELECT: &str = "new-parent";
const CHECK_ID: &str = "move-check";

#[component]
pub fn MoveAccountPage() -> impl IntoView {
    admin_account_page(
        |texts, a| fill(texts.move_title, &[("name", &a.name)]),
        |texts| texts.move_heading,
        |t, account| {
            if is_parent_account(&account) {
                let refused = ACCOUNT_TEXTS.of(t).parent_account_does_not_move;
                return page_error(refused.to_owned());
            }
            view! { <MoveTargets t account/> }.into_any()
        },
    )
}

/// The form, once every account it may go under is in.
#[component]
fn MoveTargets(t: &'static Texts, account: AccountResponse) -> impl IntoView {
    let auth = use_auth();
    let accounts = LocalResource::new(move || auth.api().accounts());
    let loading = ACCOUNT_TEXTS.of(t).accounts_loading;
    when_loaded(t, accounts, loading, move |list| {
        let account = account.clone();
        view! { <MoveForm t account accounts=list.items/> }.into_any()
    })
}

/// What was checked: the new parent and the dry run's answer.
type Checked = (AccountId, AccountMoveDto);

/// Picks the new parent, checks the move with a dry run, then moves.
#[component]
fn MoveForm(
    t: &'static Texts,
    account: AccountResponse,
    accounts: Vec<AccountResponse>,
) -> impl IntoView {
    let (auth, flash, navigate) = (use_auth(), use_flash(), use_navigate());
    let id = id_of(&account);
    let targets = move_targets(&accounts, &account);
    let form = MoveState::new(accounts);
    let MoveState {
        chosen,
        checked,
        failure,
        ..
    } = form;
    let call = move_action(auth, flash, navigate, t, id, form);
    let pending = call.pending();
    let on_check = submit_once(pending, move || {
        match from_wire::<AccountId>(&chosen.get_untracked()) {
            Some(to) => {
                checked.set(None);
                call.dispatch((to, true));
            }
            None => {
                let missing = field_error(PARENT_FIELD, FieldErrorCode::Required);
                show_invalid(failure, vec![missing], ERRORS_ID);
            }
        }
    });
    let on_move = move |_| {
        if let Some((to, _)) = checked.get_untracked() {
            if !pending.get_untracked() {
                call.dispatch((to, false));
            }
        }
    };
    let intro = fill(ACCOUNT_TEXTS.of(t).move_intro, &[("name", &account.name)]);
    view! {
        {parent_form(t, form, pending, intro, targets, on_check)}
        {check_section(t, form, pending, on_move)}
    }
}

/// The move form's state, which its pieces share (signals, so `Copy`).
#[derive(Clone, Copy)]
struct MoveState {
    /// The new parent's id as the select has it ("" for none).
    chosen: RwSignal<String>,
    checked: RwSignal<Option<Checked>>,
    failure: RwSignal<Option<Failure>>,
    /// Every account, to name the new parent.
    accounts: StoredValue<Vec<AccountResponse>>,
}

impl MoveState {
    /// Nothing chosen or checked yet; `accounts` kept to name the parent.
    fn new(accounts: Vec<AccountResponse>) -> Self {
        Self {
            chosen: RwSignal::new(String::new()),
            checked: RwSignal::new(None),
            failure: RwSignal::new(None),
            accounts: StoredValue::new(accounts),
        }
    }
}

/// Both the check and the move of account `id`: `dry_run` says which.
/// Moved, the account's page says so.
fn move_action(
    auth: Auth,
    flash: Flash,
    navigate: impl Fn(&str, NavigateOptions) + Clone + 'static,
    t: &'static Texts,
    id: AccountId,
    form: MoveState,
) -> Action<(AccountId, bool), ()> {
    let texts = ACCOUNT_TEXTS.of(t);
    let MoveState {
        checked,
        failure,
        accounts,
        ..
    } = form;
    Action::new_local(move |(to, dry_run): &(AccountId, bool)| {
        let (to, dry_run) = (*to, *dry_run);
        let request = MoveAccountRequest {
            parent_id: to.as_uuid(),
        };
        let navigate = navigate.clone();
        async move {
            match auth.api().move_account(id, &request, dry_run).await {
                Ok(answer) if dry_run => {
                    failure.set(None);
                    checked.set(Some((to, answer)));
                    focus_later(CHECK_ID);
                }
                Ok(moved) => {
                    let done = fill(
                        texts.account_moved,
                        &[
                            ("name", &name_or_id(&moved, id)),
                            ("parent", &name_under(&accounts, to)),
                        ],
                    );
                    open_account(flash, navigate, id, done);
                }
                // A 422 names the new parent: its errors go to the select.
                Err(err) => show_failure(failure, err, ERRORS_ID),
            }
        }
    })
}

/// The form: what the move is, the errors, the new parent select and the
/// check button.
fn parent_form(
    t: &'static Texts,
    form: MoveState,
    pending: Memo<bool>,
    intro: String,
    targets: Vec<(usize, AccountResponse)>,
    on_check: impl Fn(leptos::ev::SubmitEvent) + 'static,
) -> impl IntoView {
    let texts = ACCOUNT_TEXTS.of(t);
    let MoveState {
        chosen,
        checked,
        failure,
        ..
    } = form;
    let codes = move || failure.with(|f| codes_for(&Failure::field_errors(f), PARENT_FIELD));
    let summary = move || {
        failure.get().map(|f| {
            let field =
                |_: &str| Some((texts.new_parent_label.to_owned(), PARENT_SELECT.to_owned()));
            failure_summary_by(t, &f, field, |_, code| {
                account_error_text(t, PARENT_FIELD, code)
            })
        })
    };
    let parent_select = CheckedSelect {
        field: PARENT_FIELD,
        id: PARENT_SELECT,
        label: texts.new_parent_label,
        help: Some(texts.new_parent_help),
    };
    let options = chosen_options(chosen, texts.choose_new_parent, target_options(targets));
    view! {
        <form class="case-form move-form" on:submit=on_check novalidate>
            <p class="hint">{intro}</p>
            <div id=ERRORS_ID tabindex="-1">{summary}</div>
            {parent_select.view(t, codes, move |c| account_error_text(t, PARENT_FIELD, c), options, move |value| {
                chosen.set(value);
                // A check of another parent says nothing of this one.
                checked.set(None);
                failure.set(None);
            })}
            <button type="submit" class="button-secondary check-move" disabled=move || pending.get()>
                {move || if pending.get() && checked.with(Option::is_none) { texts.checking_move } else { texts.check_move }}
            </button>
        </form>
    }
}

/// Below the form: what the check found, and the button that moves.
fn check_section(
    t: &'static Texts,
    form: MoveState,
    pending: Memo<bool>,
    on_move: impl Fn(leptos::ev::MouseEvent) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let texts = ACCOUNT_TEXTS.of(t);
    let MoveState {
        checked, accounts, ..
    } = form;
    view! {
        <section id=CHECK_ID class="move-check" tabindex="-1" aria-live="polite" aria-labelledby="move-check-heading">
            {move || checked.get().map(|(to, answer)| {
                let confirm = fill(texts.confirm_move, &[("parent", &name_under(&accounts, to))]);
                view! {
                    {accounts.with_value(|all| check_view(t, &answer, all))}
                    <button type="button" class="button-primary button-inline confirm-move" disabled=move || pending.get() on:click=on_move>
                        {move || if pending.get() { texts.moving.to_owned() } else { confirm.clone() }}
                    </button>
                }
            })}
        </section>
    }
}

/// The places the account may go: every account of every customer but
/// itself, those below it and its present parent, by customer, in tree
/// order.
fn move_targets(
    accounts: &[AccountResponse],
    account: &AccountResponse,
) -> Vec<(usize, AccountResponse)> {
    let forest = account_forest(accounts);
    let moving = subtree_ids(&forest, id_of(account));
    let present = account.parent_id;
    forest
        .into_iter()
        .filter(|(_, a)| !moving.contains(&id_of(a)) && Some(a.id) != present)
        .collect()
}

/// The new parent select's choices, indented by depth.
fn target_options(targets: Vec<(usize, AccountResponse)>) -> Vec<(String, String)> {
    targets
        .into_iter()
        // Non-breaking spaces: a select keeps them.
        .map(|(depth, a)| {
            (
                a.id.to_string(),
                format!("{}{}", "\u{a0}\u{a0}\u{a0}".repeat(depth), a.name),
            )
        })
        .collect()
}

/// The name of the account moved (the first of those that moved).
fn name_or_id(moved: &AccountMoveDto, id: AccountId) -> String {
    moved
        .accounts
        .iter()
        .find(|a| AccountId::from_uuid(a.id) == id)
        .or(moved.accounts.first())
        .map_or_else(|| id.to_string(), |a| a.name.clone())
}

fn name_under(accounts: &StoredValue<Vec<AccountResponse>>, to: AccountId) -> String {
    accounts
        .with_value(|all| name_of(all, to))
        .unwrap_or_default()
}

/// What the dry run said the move takes along.
fn check_view(
    t: &'static Texts,
    answer: &AccountMoveDto,
    accounts: &[AccountResponse],
) -> impl IntoView {
    let texts = ACCOUNT_TEXTS.of(t);
    let customer = if answer.changes_customer {
        fill(
            texts.changes_customer,
            &[
                ("from", &answer.from_parent.name),
                ("to", &answer.to_parent.name),
            ],
        )
    } else {
        fill(texts.same_customer, &[("customer", &answer.to_parent.name)])
    };
    let moving = answer
        .accounts
        .iter()
        .map(|a| view! { <li>{a.name.clone()}</li> })
        .collect_view();
    let products = count_text(t.products_total_one, t.products_total, answer.products);
    let contracts = count_text(t.contracts_total_one, t.contracts_total, answer.contracts);
    let losing = losing_access(answer, accounts);
    let users = if losing.is_empty() {
        view! { <p class="no-access-lost">{texts.nobody_loses_access}</p> }.into_any()
    } else {
        let items = losing
            .into_iter()
            .map(|(username, names)| {
                view! {
                    <li class="losing-access">
                        <span class="username ident">{username}</span>
                        " "
                        <span class="secondary-inline">{format!("({names})")}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p>{texts.users_lose_access}</p>
            <ul class="losing-access-list">{items}</ul>
        }
        .into_any()
    };
    view! {
        <div class="panel">
            <h2 id="move-check-heading">{texts.check_heading}</h2>
            <p class="move-customer">{customer}</p>
            <h3>{texts.moving_accounts}</h3>
            <ul class="moving-accounts">{moving}</ul>
            <h3>{texts.moving_with_them}</h3>
            <ul class="moving-counts">
                <li class="moving-products">{products}</li>
                <li class="moving-contracts">{contracts}</li>
            </ul>
            <h3>{texts.access_heading}</h3>
            {users}
        </div>
    }
}

/// Each user who loses access, by user name, with the accounts they lose.
fn losing_access(answer: &AccountMoveDto, accounts: &[AccountResponse]) -> Vec<(String, String)> {
    let mut by_user: Vec<(String, Vec<String>)> = Vec::new();
    for ending in &answer.ending_assignments {
        let account = AccountId::from_uuid(ending.account_id);
        let name = answer
            .accounts
            .iter()
            .find(|a| AccountId::from_uuid(a.id) == account)
            .map(|a| a.name.clone())
            .or_else(|| name_of(accounts, account))
            .unwrap_or_default();
        match by_user.iter_mut().find(|(u, _)| *u == ending.username) {
            Some((_, names)) => names.push(name),
            None => by_user.push((ending.username.clone(), vec![name])),
        }
    }
    by_user.sort();
    by_user
        .into_iter()
        .map(|(user, names)| (user, names.join(", ")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use api_types::{AccountRef, EndingAssignmentDto};

    fn uuid(n: u128) -> AccountId {
        serde_json::from_value(serde_json::json!(format!("{n:032x}"))).unwrap()
    }

    fn account_ref(n: u128, name: &str) -> AccountRef {
        AccountRef {
            id: uuid(n).as_uuid(),
            name: name.to_owned(),
        }
    }

    #[test]
    fn each_user_losing_access_is_named_once_with_the_accounts() {
        let ending = |user: &str, account: u128| EndingAssignmentDto {
            user_id: uuid(100).as_uuid(),
            username: user.to_owned(),
            account_id: uuid(account).as_uuid(),
        };
        let answer = AccountMoveDto {
            accounts: vec![
                account_ref(2, "Children's Hospital"),
                account_ref(3, "Ward"),
            ],
            from_parent: account_ref(1, "Lindenhaven"),
            to_parent: account_ref(9, "Nordkyst"),
            changes_customer: true,
            products: 3,
            contracts: 1,
            ending_assignments: vec![
                ending("nl.viewer", 2),
                ending("nl.user", 2),
                ending("nl.viewer", 3),
            ],
            applied: false,
        };
        assert_eq!(
            losing_access(&answer, &[]),
            vec![
                ("nl.user".to_owned(), "Children's Hospital".to_owned()),
                (
                    "nl.viewer".to_owned(),
                    "Children's Hospital, Ward".to_owned()
                ),
            ]
        );
        assert_eq!(name_or_id(&answer, uuid(2)), "Children's Hospital");
    }
}

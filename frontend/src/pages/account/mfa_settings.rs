//! The Settings page's two-step login: the user's own second factor (on or
//! off, new recovery codes, a new authenticator app, turning it off, each
//! confirmed with the password and a current code), and for Managers and Admins whether a parent account requires
//! it of everyone.

use crate::api::ApiError;
use crate::components::badges::mfa_state_badge;
use crate::components::confirm::ConfirmBox;
use crate::components::detail::{loading, page_error};
use crate::components::forms::{
    focus_later, select_field, show_invalid, Failure, FieldRef, SubmitButton,
};
use crate::components::mfa::{
    confirm_code_input, confirmation, confirmation_summary, RecoveryCodes, CONFIRM_CODE,
    CONFIRM_PASSWORD,
};
use crate::components::password::password_input;
use crate::i18n::admin_texts::ADMIN_TEXTS;
use crate::i18n::{error_message, fill, Texts};
use crate::routes::Page;
use crate::state::auth::{use_auth, Auth};
use api_types::{AccountListResponse, MfaPolicy, PasswordConfirmation, ProblemCode, RoleDto};
use domain::AccountId;
use leptos::prelude::*;
use leptos_router::components::A;

const PASSWORD_ID: &str = "mfa-password";
const CODE_ID: &str = "mfa-confirm-code";
const ERRORS_ID: &str = "mfa-errors";
static FIELDS: [FieldRef; 2] = [
    FieldRef::new(CONFIRM_PASSWORD, PASSWORD_ID, |t| t.password_label),
    FieldRef::new(CONFIRM_CODE, CODE_ID, |t| {
        ADMIN_TEXTS.of(t).mfa_confirm_code_label
    }),
];

/// What the password and code confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    NewCodes,
    TurnOff,
}

/// What came of the last change, besides field errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    NewCodes,
    TurnedOff,
    /// 409 on turning off: the parent account requires a second factor.
    Required,
    /// 409 on new codes: no second factor is enrolled.
    NotEnrolled,
}

fn outcome_text(t: &Texts, outcome: Outcome) -> (&'static str, &'static str) {
    match outcome {
        Outcome::NewCodes => ("form-success", ADMIN_TEXTS.of(t).mfa_new_codes_done),
        Outcome::TurnedOff => ("form-success", ADMIN_TEXTS.of(t).mfa_turned_off),
        Outcome::Required => ("form-error", ADMIN_TEXTS.of(t).mfa_cannot_turn_off),
        Outcome::NotEnrolled => ("form-error", ADMIN_TEXTS.of(t).mfa_not_enrolled),
    }
}

/// The signed-in user's own second factor.
#[component]
pub fn MfaSection(t: &'static Texts) -> impl IntoView {
    let auth = use_auth();
    // The parent account's requirement may have changed since the login.
    leptos::task::spawn_local(auth.reload_me());
    let state = move || {
        auth.me()
            .map_or((false, false), |me| (me.mfa_enabled, me.mfa_required))
    };
    let form = MfaForm::new();
    let change = change_action(auth, form);

    let actions = move || {
        let (enabled, required) = state();
        if !enabled {
            return view! {
                <A href=Page::MfaSetup.path() attr:class="button-link mfa-turn-on">{t.mfa.enable_button}</A>
            }
            .into_any();
        }
        if let Some(which) = form.confirming.get() {
            return confirm_form(t, form, which, change).into_any();
        }
        view! {
            <div class="button-row">
                <button type="button" class="button-secondary mfa-new-codes" on:click=move |_| form.ask(Change::NewCodes)>
                    {ADMIN_TEXTS.of(t).mfa_new_codes}
                </button>
                // The setup page asks for the password and a current code first.
                <A href=Page::MfaSetup.path() attr:class="pager-link mfa-replace">{ADMIN_TEXTS.of(t).mfa_replace}</A>
                {(!required).then(|| view! {
                    <button type="button" class="button-secondary mfa-turn-off" on:click=move |_| form.ask(Change::TurnOff)>
                        {ADMIN_TEXTS.of(t).mfa_turn_off}
                    </button>
                })}
            </div>
        }
        .into_any()
    };

    view! {
        <section class="panel mfa-panel" aria-labelledby="mfa-heading">
            <h2 id="mfa-heading" tabindex="-1">
                {ADMIN_TEXTS.of(t).mfa_heading}
                " "
                {move || mfa_state_badge(t, state().0)}
            </h2>
            <p class="hint">{ADMIN_TEXTS.of(t).mfa_settings_hint}</p>
            // Required: turning it off is refused, so it is not offered.
            {move || {
                let (enabled, required) = state();
                required.then(|| {
                    let text = if enabled { ADMIN_TEXTS.of(t).mfa_cannot_turn_off } else { ADMIN_TEXTS.of(t).mfa_required_by_org };
                    view! { <p class="mfa-required-note">{text}</p> }
                })
            }}
            <div class="form-live" aria-live="polite">
                {move || form.outcome.get().map(|o| {
                    let (class, text) = outcome_text(t, o);
                    view! { <p class=class>{text}</p> }
                })}
            </div>
            {move || form.new_codes.get().map(|codes| new_codes_box(t, auth, form, codes))}
            {actions}
        </section>
    }
}

/// The state of [`MfaSection`]: the change being confirmed, the password
/// and code typed for it, and what came of the last one.
#[derive(Clone, Copy)]
struct MfaForm {
    confirming: RwSignal<Option<Change>>,
    password: RwSignal<String>,
    code: RwSignal<String>,
    failure: RwSignal<Option<Failure>>,
    outcome: RwSignal<Option<Outcome>>,
    new_codes: RwSignal<Option<Vec<String>>>,
}

impl MfaForm {
    fn new() -> Self {
        Self {
            confirming: RwSignal::new(None),
            password: RwSignal::new(String::new()),
            code: RwSignal::new(String::new()),
            failure: RwSignal::new(None),
            outcome: RwSignal::new(None),
            new_codes: RwSignal::new(None),
        }
    }

    /// Asks for the password and code that confirm `which`.
    fn ask(self, which: Change) {
        self.outcome.set(None);
        self.failure.set(None);
        self.new_codes.set(None);
        self.password.set(String::new());
        self.code.set(String::new());
        self.confirming.set(Some(which));
        focus_later("mfa-confirm-question");
    }

    /// Done confirming (or cancelled): back to the buttons.
    fn close(self) {
        self.confirming.set(None);
        self.password.set(String::new());
        self.code.set(String::new());
    }
}

/// Sends a confirmed change and shows what came of it.
fn change_action(auth: Auth, form: MfaForm) -> Action<(Change, PasswordConfirmation), ()> {
    Action::new_local(move |(which, request): &(Change, PasswordConfirmation)| {
        let (which, request) = (*which, request.clone());
        async move {
            let api = auth.api();
            let result = match which {
                Change::NewCodes => api
                    .mfa_recovery_codes(&request)
                    .await
                    .map(|answer| Some(answer.recovery_codes)),
                Change::TurnOff => api.mfa_disable(&request).await.map(|()| None),
            };
            match result {
                Ok(codes) => {
                    form.close();
                    if which == Change::TurnOff {
                        auth.set_mfa_state(Some(false), None);
                        form.outcome.set(Some(Outcome::TurnedOff));
                        focus_later("mfa-heading");
                    } else {
                        form.new_codes.set(codes);
                        form.outcome.set(Some(Outcome::NewCodes));
                        focus_later("mfa-new-codes-heading");
                    }
                }
                Err(err) if err.code() == Some(ProblemCode::Conflict) => {
                    form.close();
                    let found = if which == Change::TurnOff {
                        auth.set_mfa_state(None, Some(true));
                        Outcome::Required
                    } else {
                        auth.set_mfa_state(Some(false), None);
                        Outcome::NotEnrolled
                    };
                    form.outcome.set(Some(found));
                    focus_later("mfa-heading");
                }
                Err(err) => {
                    form.failure.set(Some(Failure::of(err)));
                    focus_later(ERRORS_ID);
                }
            }
        }
    })
}

/// The password and current code that confirm `which` (a factor is on, so
/// the code is required), and the buttons to do it or not.
fn confirm_form(
    t: &'static Texts,
    form: MfaForm,
    which: Change,
    change: Action<(Change, PasswordConfirmation), ()>,
) -> impl IntoView {
    let MfaForm {
        password,
        code,
        failure,
        ..
    } = form;
    let pending = change.pending();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.confirming.get_untracked().is_none() || pending.get_untracked() {
            return;
        }
        match confirmation(password.get_untracked(), Some(code.get_untracked())) {
            Ok(request) => {
                failure.set(None);
                change.dispatch((which, request));
            }
            Err(missing) => show_invalid(failure, missing, ERRORS_ID),
        }
    };
    let (question, yes, class) = match which {
        Change::NewCodes => (
            ADMIN_TEXTS.of(t).mfa_new_codes_confirm,
            ADMIN_TEXTS.of(t).mfa_make_new_codes,
            "button-primary button-inline confirm-yes",
        ),
        Change::TurnOff => (
            ADMIN_TEXTS.of(t).mfa_turn_off_confirm,
            ADMIN_TEXTS.of(t).mfa_turn_off,
            "button-danger confirm-yes",
        ),
    };
    view! {
        <form class="confirm-box mfa-confirm" on:submit=on_submit novalidate>
            <p id="mfa-confirm-question" tabindex="-1">{question}</p>
            <div id=ERRORS_ID tabindex="-1">
                {move || failure.get().map(|f| confirmation_summary(t, &f, &FIELDS))}
            </div>
            {password_input(t, PASSWORD_ID, CONFIRM_PASSWORD, t.password_label, "current-password", None, password, None, failure)}
            {confirm_code_input(t, CODE_ID, ADMIN_TEXTS.of(t).mfa_confirm_code_label, code, failure)}
            <div class="button-row">
                <SubmitButton class pending busy=t.saving idle=yes/>
                <button
                    type="button"
                    class="button-secondary confirm-cancel"
                    on:click=move |_| {
                        form.confirming.set(None);
                        failure.set(None);
                        focus_later("mfa-heading");
                    }
                >
                    {t.cancel}
                </button>
            </div>
        </form>
    }
}

/// New recovery codes, shown once, until the user says they are saved.
fn new_codes_box(
    t: &'static Texts,
    auth: Auth,
    form: MfaForm,
    codes: Vec<String>,
) -> impl IntoView {
    let username = auth.me().map(|me| me.username);
    view! {
        <div class="mfa-new-codes-box">
            <h3 id="mfa-new-codes-heading" tabindex="-1">{t.recovery_codes_label}</h3>
            <RecoveryCodes t codes username/>
            <button
                type="button"
                class="button-primary button-inline codes-saved"
                on:click=move |_| {
                    form.new_codes.set(None);
                    form.outcome.set(None);
                    focus_later("mfa-heading");
                }
            >
                {t.done}
            </button>
        </div>
    }
}

/// A parent account whose requirement is shown: id and name.
type Parent = (AccountId, String);

/// The tops of the account trees an Admin sees, by name.
fn parent_accounts(list: &AccountListResponse) -> Vec<Parent> {
    let mut tops: Vec<Parent> = list
        .items
        .iter()
        .filter(|a| a.parent_id.is_none())
        .map(|a| (AccountId::from_uuid(a.id), a.name.clone()))
        .collect();
    tops.sort_by(|a, b| a.1.cmp(&b.1));
    tops
}

/// What the requirement's answer is for: the parent account asked about.
type Loaded = Option<(AccountId, Result<MfaPolicy, ApiError>)>;

/// Managers: whether their parent account requires a second factor of
/// everyone; Admins pick the parent account first.
#[component]
pub fn MfaPolicySection(t: &'static Texts) -> impl IntoView {
    let auth = use_auth();
    let admin = auth.role() == Some(RoleDto::Admin);
    let own: Option<Parent> = auth
        .me()
        .and_then(|me| me.parent_account)
        .map(|p| (AccountId::from_uuid(p.id), p.name));
    if !admin && own.is_none() {
        return ().into_any();
    }
    let parent = RwSignal::new(if admin { None } else { own });
    let parents = LocalResource::new(move || async move {
        if !admin {
            return Ok(Vec::new());
        }
        auth.api()
            .accounts()
            .await
            .map(|list| parent_accounts(&list))
    });
    let policy: LocalResource<Loaded> = LocalResource::new(move || {
        let asked = parent.get().map(|(id, _)| id);
        async move {
            let id = asked?;
            let named = admin.then(|| id.to_string());
            let result = auth.api().mfa_policy(named.as_deref()).await;
            Some((id, result))
        }
    });
    let state = PolicyState {
        parent,
        policy,
        confirming: RwSignal::new(false),
        saved: RwSignal::new(None),
    };
    let save = save_policy(auth, admin, state);
    let choose = admin.then(|| parent_choice(t, state, parents));

    view! {
        <section class="panel mfa-policy-panel" aria-labelledby="mfa-policy-heading">
            <h2 id="mfa-policy-heading">{ADMIN_TEXTS.of(t).mfa_policy_heading}</h2>
            <p class="hint">{ADMIN_TEXTS.of(t).mfa_policy_help}</p>
            {choose}
            <div class="form-live" aria-live="polite">{policy_message(t, state)}</div>
            {policy_switch(t, state, save)}
        </section>
    }
    .into_any()
}

/// What the parts of the policy section share.
#[derive(Clone, Copy)]
struct PolicyState {
    /// The parent account shown.
    parent: RwSignal<Option<Parent>>,
    policy: LocalResource<Loaded>,
    confirming: RwSignal<bool>,
    /// Some(required) after a save; Err after a failed one.
    saved: RwSignal<Option<Result<bool, ApiError>>>,
}

impl PolicyState {
    fn name(self) -> String {
        self.parent
            .with(|p| p.as_ref().map(|(_, n)| n.clone()).unwrap_or_default())
    }

    /// The requirement of the parent account shown now.
    fn required(self) -> Option<bool> {
        let shown = self.parent.with(|p| p.as_ref().map(|(id, _)| *id));
        self.policy.with(|loaded| match loaded {
            Some(Some((id, Ok(p)))) if Some(*id) == shown => Some(p.required),
            _ => None,
        })
    }
}

fn save_policy(auth: Auth, admin: bool, state: PolicyState) -> Action<bool, ()> {
    Action::new_local(move |wanted: &bool| {
        let wanted = *wanted;
        async move {
            let Some((id, _)) = state.parent.get_untracked() else {
                return;
            };
            let request = MfaPolicy {
                required: wanted,
                parent_account_id: admin.then(|| id.as_uuid()),
            };
            let result = auth.api().set_mfa_policy(&request).await;
            state.confirming.set(false);
            focus_later("mfa-policy-switch");
            match result {
                Ok(answer) => {
                    if !admin {
                        auth.set_mfa_state(None, Some(answer.required));
                    }
                    state.saved.set(Some(Ok(answer.required)));
                    state.policy.set(Some(Some((id, Ok(answer)))));
                }
                Err(err) => state.saved.set(Some(Err(err))),
            }
        }
    })
}

fn policy_message(t: &'static Texts, state: PolicyState) -> impl IntoView {
    let name = move || state.name();
    let saved = state.saved;
    move || {
        saved.get().map(|result| match result {
            Ok(on) => {
                let template = if on {
                    t.mfa.policy_now_on
                } else {
                    t.mfa.policy_now_off
                };
                view! { <p class="form-success">{fill(template, &[("parent", &name())])}</p> }
                    .into_any()
            }
            Err(err) => {
                view! { <p class="form-error" role="alert">{error_message(t, &err)}</p> }.into_any()
            }
        })
    }
}

/// An Admin's choice of the parent account.
fn parent_choice(
    t: &'static Texts,
    state: PolicyState,
    parents: LocalResource<Result<Vec<Parent>, ApiError>>,
) -> impl IntoView {
    let PolicyState {
        parent,
        confirming,
        saved,
        ..
    } = state;
    move || match parents.get() {
        None => loading(t.accounts_loading),
        Some(Err(err)) => page_error(error_message(t, &err)),
        Some(Ok(tops)) => {
            let options = view! {
                <option value="">{ADMIN_TEXTS.of(t).choose_parent_account}</option>
                {tops
                    .iter()
                    .map(|&(id, ref name)| view! {
                        <option value=id.to_string() selected=move || parent.with(|p| p.as_ref().map(|p| p.0) == Some(id))>
                            {name.clone()}
                        </option>
                    })
                    .collect_view()}
            };
            let pick = move |value: String| {
                saved.set(None);
                confirming.set(false);
                parent.set(tops.iter().find(|(id, _)| id.to_string() == value).cloned());
            };
            select_field(
                "mfa-policy-parent",
                "parent_account",
                ADMIN_TEXTS.of(t).parent_account_label,
                options,
                pick,
            )
            .into_any()
        }
    }
}

/// The switch of the parent account shown, and its confirmation.
fn policy_switch(t: &'static Texts, state: PolicyState, save: Action<bool, ()>) -> impl IntoView {
    let PolicyState {
        parent,
        policy,
        confirming,
        saved,
    } = state;
    let name = move || state.name();
    let required = Memo::new(move |_| state.required());
    let pending = save.pending();
    move || {
        parent.with(Option::is_some).then(|| match (required.get(), policy.get()) {
            (Some(on), _) => {
                let label = fill(t.mfa.policy_switch, &[("parent", &name())]);
                view! {
                    <div class="switch-row">
                        <label id="mfa-policy-label" for="mfa-policy-switch" class="switch-label">{label}</label>
                        <button
                            type="button"
                            id="mfa-policy-switch"
                            class="switch"
                            role="switch"
                            aria-checked=on.to_string()
                            aria-labelledby="mfa-policy-label"
                            on:click=move |_| {
                                saved.set(None);
                                confirming.set(true);
                                focus_later("mfa-policy-question");
                            }
                        >
                            <span class="switch-track" aria-hidden="true"></span>
                            <span class="switch-state" aria-hidden="true">{if on { t.mfa.on } else { t.mfa.off }}</span>
                        </button>
                    </div>
                    {move || confirming.get().then(|| {
                        let (template, yes) = if on {
                            (t.mfa.policy_off_confirm, ADMIN_TEXTS.of(t).confirm_stop_requiring)
                        } else {
                            (t.mfa.policy_on_confirm, ADMIN_TEXTS.of(t).confirm_require)
                        };
                        view! {
                            <ConfirmBox
                                t=t
                                question_id="mfa-policy-question"
                                question=fill(template, &[("parent", &name())])
                                yes_class="button-primary button-inline confirm-yes"
                                yes=yes
                                busy=t.saving
                                pending=pending
                                on_yes=Callback::new(move |()| {
                                    save.dispatch(!on);
                                })
                                confirming=confirming
                                back_to="mfa-policy-switch"
                            />
                        }
                    })}
                }
                .into_any()
            }
            (None, Some(Some((_, Err(err))))) => page_error(error_message(t, &err)),
            (None, _) => loading(ADMIN_TEXTS.of(t).mfa_policy_loading),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::texts;
    use api_types::AccountResponse;
    use domain::Language;

    fn account(id: u128, name: &str, parent: Option<u128>) -> AccountResponse {
        crate::test_data::test_account(id, name, parent, Some(parent.unwrap_or(id)))
    }

    #[test]
    fn admins_choose_among_the_tops_of_the_trees_by_name() {
        let list = AccountListResponse {
            items: vec![
                account(1, "Lindenhaven UMC", None),
                account(2, "Radiology", Some(1)),
                account(3, "Amstel Hospital Group", None),
            ],
            total: 3,
        };
        let names: Vec<String> = parent_accounts(&list).into_iter().map(|p| p.1).collect();
        assert_eq!(names, vec!["Amstel Hospital Group", "Lindenhaven UMC"]);
    }

    #[test]
    fn every_outcome_has_its_sentence() {
        let t = texts(Language::Nl);
        for outcome in [
            Outcome::NewCodes,
            Outcome::TurnedOff,
            Outcome::Required,
            Outcome::NotEnrolled,
        ] {
            assert!(!outcome_text(t, outcome).1.is_empty());
        }
        assert_eq!(outcome_text(t, Outcome::Required).0, "form-error");
    }
}

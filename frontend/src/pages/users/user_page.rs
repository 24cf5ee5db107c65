//! `/users/{id}` (Managers and Admins): one user, the form to change their
//! name, address (one's own needs the password: see `own_email`), role and
//! accounts (with `If-Match`), deactivating and reactivating them after a
//! confirmation, resetting their second factor (a lost phone) after a
//! confirmation, and sending the activation email again while they have
//! not activated the account.

use super::own_email::{own_email_fields, OwnEmail, CONFIRM_REFS};
use super::users_page::{last_login, Dates};
use super::{
    account_choices, account_tree, contact_errors, grantable_roles, if_match, role_choices,
    user_error_text, user_text_field, ACCOUNTS_REF, DISPLAY_NAME, DISPLAY_NAME_REF, EMAIL,
    EMAIL_REF, ROLE,
};
use crate::api::ApiError;
use crate::api::Tagged;
use crate::components::badges::{mfa_state_badge, user_status_badge};
use crate::components::confirm::ConfirmBox;
use crate::components::detail::{load_by_id, load_error, loading, split_answer, when_loaded};
use crate::components::document::use_title;
use crate::components::forms::{
    conflict_notice, failure_summary, focus_later, show_failure, show_invalid, Failure, FieldRef,
    TextInput,
};
use crate::format::{date_in_zone, format_date, format_date_time, format_date_time_zone, now};
use crate::i18n::admin_texts::ADMIN_TEXTS;
use crate::i18n::{error_message, fill, role_name, user_status_name, Texts};
use crate::routes::{user_security_log_path, Page};
use crate::state::auth::{use_auth, use_texts, Auth};
use api_types::{
    AccountResponse, DeactivationReasonDto, ProblemCode, UpdateUserRequest, UserDetail,
    UserStatusDto,
};
use domain::AccountId;
use leptos::prelude::*;
use leptos_router::components::A;

type Detail = Tagged<UserDetail>;
/// The user's answer, with the id it answers (to tell a stale one).
type Loaded = (String, Result<Detail, ApiError>);

#[component]
pub fn UserPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    let (id, user) = load_by_id(move |id| async move { auth.api().user(&id).await });
    let accounts = LocalResource::new(move || auth.api().accounts());
    // The user as shown now (after a save, reload or (de)activation too).
    let (detail, failed) = split_answer(id, user, |d: &Detail| d.value.clone());
    use_title(move |t| match (detail.get(), failed.get()) {
        (Some(d), _) => d.summary.display_name,
        (None, Some(_)) => ADMIN_TEXTS.of(t).user_not_found.to_owned(),
        (None, None) => ADMIN_TEXTS.of(t).user_loading.to_owned(),
    });
    let shown_id = Memo::new(move |_| detail.with(|d| d.as_ref().map(|d| d.summary.id)));

    view! {
        <p class="back-link">
            <A href=Page::Users.path()>{move || ADMIN_TEXTS.of(t.get()).back_to_users}</A>
        </p>
        {move || {
            let t = t.get();
            if let Some(err) = failed.get() {
                return load_error(t, &err, &[ProblemCode::NotFound, ProblemCode::Forbidden], ADMIN_TEXTS.of(t).user_not_found);
            }
            // Built once per user: the forms keep what is typed while the
            // user is saved or reloaded.
            let Some(initial) = shown_id.get() else {
                return loading(ADMIN_TEXTS.of(t).user_loading);
            };
            let own = auth.me().is_some_and(|me| me.id == initial);
            let first = detail.get_untracked();
            view! {
                <div class="title-row">
                    <h1 class="user-title">{move || detail.with(|d| d.as_ref().map(|d| d.summary.display_name.clone()))}</h1>
                    {move || detail.with(|d| d.as_ref().map(|d| user_status_badge(t, d.summary.status)))}
                </div>
                {move || detail.get().map(|d| status_notices(t, &dates(auth), &d))}
                {first.map(|d| view! { <ActivationEmail t user=d/> })}
                {move || detail.get().map(|d| user_facts(t, &dates(auth), &d))}
                <p class="user-log-link">
                    <A href=user_security_log_path(initial)>{ADMIN_TEXTS.of(t).user_security_log_link}</A>
                </p>
                {own.then(|| view! { <p class="hint own-account">{ADMIN_TEXTS.of(t).own_account_note}</p> })}
                {when_loaded(t, accounts, t.accounts_loading, move |list| view! {
                    <EditUserForm t own accounts=list.items user/>
                }
                .into_any())}
                {(!own).then(|| view! { <MfaPanel t detail user/> <AccessPanel t detail user/> })}
            }
            .into_any()
        }}
    }
}

fn dates(auth: crate::state::auth::Auth) -> Dates {
    (auth.date_format(), auth.time_format(), auth.time_zone())
}

/// Locked until when; deactivated since when and why.
fn status_notices(t: &'static Texts, dates: &Dates, d: &UserDetail) -> impl IntoView {
    let locked = d
        .locked_until
        .filter(|until| d.summary.status == UserStatusDto::Locked || *until > now());
    let locked = locked.map(|until| {
        let time = format_date_time_zone(until, &dates.2, dates.0, dates.1);
        view! { <p class="status-notice notice-locked">{fill(t.user_locked_notice, &[("time", &time)])}</p> }
    });
    let deactivated = (d.summary.status == UserStatusDto::Deactivated).then(|| {
        let date = d.deactivated_at.map_or_else(
            || t.not_recorded.to_owned(),
            |at| format_date(date_in_zone(at, &dates.2), dates.0),
        );
        let template = match d.deactivation_reason {
            Some(DeactivationReasonDto::Inactivity) => t.deactivated_by_inactivity,
            _ => t.deactivated_by_manager,
        };
        view! { <p class="status-notice notice-deactivated">{fill(template, &[("date", &date)])}</p> }
    });
    view! { {locked} {deactivated} }
}

/// The user's name, address, role, status, last login and settings.
fn user_facts(t: &'static Texts, dates: &Dates, d: &UserDetail) -> impl IntoView {
    let s = &d.summary;
    let created = format_date_time(s.created_at, &dates.2, dates.0, dates.1);
    let language = match d.settings.language.as_str() {
        "nl" => "Nederlands",
        _ => "English",
    };
    view! {
        <section class="panel" aria-labelledby="user-details-heading">
            <h2 id="user-details-heading">{t.details_heading}</h2>
            <dl class="facts facts-wide">
                <div><dt>{t.username_label}</dt><dd class="username">{s.username.clone()}</dd></div>
                <div><dt>{t.email_label}</dt><dd>{s.email.clone()}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).col_role}</dt><dd>{role_name(t, s.role)}</dd></div>
                <div><dt>{t.col_status}</dt><dd>{user_status_name(t, s.status)}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).mfa_heading}</dt><dd class="user-mfa">{mfa_state_badge(t, s.mfa_enabled)}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).col_last_login}</dt><dd>{last_login(t, dates, s)}</dd></div>
                <div><dt>{t.created_at_label}</dt><dd>{created}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).language_label}</dt><dd lang=d.settings.language.clone()>{language}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).time_zone_label}</dt><dd>{d.settings.time_zone.clone()}</dd></div>
            </dl>
        </section>
    }
}

/// "Send the activation email again", for a user who has not activated yet.
#[component]
fn ActivationEmail(t: &'static Texts, user: UserDetail) -> impl IntoView {
    let auth = use_auth();
    let pending_user = user.summary.status == UserStatusDto::PendingActivation;
    let id = user.summary.id;
    let email = user.summary.email;
    let outcome = RwSignal::new(None::<Result<(), ApiError>>);
    let send = Action::new_local(move |_: &()| async move {
        let result = auth.api().send_activation_email(id).await;
        outcome.set(Some(result));
    });
    let pending = send.pending();
    pending_user.then(|| {
        view! {
            <section class="panel activation-panel" aria-labelledby="activation-heading">
                <h2 id="activation-heading" class="visually-hidden">{ADMIN_TEXTS.of(t).send_activation_again}</h2>
                <p>{ADMIN_TEXTS.of(t).user_pending_notice}</p>
                <div class="form-live" aria-live="polite">
                    {move || outcome.get().map(|result| match result {
                        Ok(()) => view! {
                            <p class="form-success" role="status">{fill(t.activation_sent, &[("email", &email)])}</p>
                        }
                        .into_any(),
                        Err(err) => view! { <p class="form-error" role="alert">{error_message(t, &err)}</p> }.into_any(),
                    })}
                </div>
                <button
                    type="button"
                    class="button-secondary send-activation"
                    disabled=move || pending.get()
                    on:click=move |_| {
                        outcome.set(None);
                        send.dispatch(());
                    }
                >
                    {move || if pending.get() { t.sending } else { ADMIN_TEXTS.of(t).send_activation_again }}
                </button>
            </section>
        }
    })
}

const ERRORS_ID: &str = "edit-user-errors";
const FIELDS: [FieldRef; 7] = [
    DISPLAY_NAME_REF,
    EMAIL_REF,
    CONFIRM_REFS[0],
    CONFIRM_REFS[1],
    CONFIRM_REFS[2],
    FieldRef::new(ROLE, "role-group", |t| ADMIN_TEXTS.of(t).role_label),
    ACCOUNTS_REF,
];

/// What came of the last save or reload.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Saved,
    Reloaded,
    /// 412: someone else changed the user meanwhile.
    Conflict,
}

/// The user as shown now, with its `ETag`.
fn current(user: LocalResource<Loaded>) -> Option<Detail> {
    user.with_untracked(|loaded| loaded.as_ref().and_then(|(_, r)| r.as_ref().ok().cloned()))
}

/// Shows the user as the server has it now.
fn show(user: LocalResource<Loaded>, detail: Detail) {
    // Under the id the page was opened with, however it was written.
    let id = user
        .with_untracked(|loaded| loaded.as_ref().map(|(id, _)| id.clone()))
        .unwrap_or_else(|| detail.value.summary.id.to_string());
    user.set(Some((id, Ok(detail))));
}

/// Sends one change with `If-Match` and answers the user as saved. When
/// someone changed the user meanwhile (412), shows the latest first.
async fn patch(
    auth: Auth,
    user: LocalResource<Loaded>,
    request: UpdateUserRequest,
) -> Result<Detail, ApiError> {
    let Some(loaded) = current(user) else {
        return Err(ApiError::Network("the user is not loaded".to_owned()));
    };
    let id = loaded.value.summary.id;
    let etag = if_match(loaded.etag.as_deref(), &loaded.value);
    let result = auth.api().update_user(id, &etag, &request).await;
    if matches!(&result, Err(err) if err.code() == Some(ProblemCode::PreconditionFailed)) {
        if let Ok(fresh) = auth.api().user(id).await {
            show(user, fresh);
        }
    }
    result
}

/// A change asked for on a panel, once confirmed: sent, the confirmation
/// closed, and the user as saved shown (then `done()`) or the error kept.
async fn confirmed_patch(
    auth: Auth,
    user: LocalResource<Loaded>,
    request: UpdateUserRequest,
    confirming: RwSignal<bool>,
    failure: RwSignal<Option<ApiError>>,
    done: impl FnOnce(),
) {
    let result = patch(auth, user, request).await;
    confirming.set(false);
    match result {
        Ok(saved) => {
            show(user, saved);
            done();
        }
        Err(err) => failure.set(Some(err)),
    }
}

/// Only what differs from the user as loaded: absent fields stay.
pub fn changes(
    user: &UserDetail,
    display_name: &str,
    email: &str,
    role: Option<api_types::RoleDto>,
    accounts: &[AccountId],
) -> UpdateUserRequest {
    let s = &user.summary;
    let mut chosen: Vec<String> = accounts.iter().map(ToString::to_string).collect();
    let mut before: Vec<String> = s.account_ids.iter().map(ToString::to_string).collect();
    chosen.sort();
    before.sort();
    UpdateUserRequest {
        display_name: Some(display_name.trim().to_owned()).filter(|n| *n != s.display_name),
        email: Some(email.trim().to_owned()).filter(|e| *e != s.email),
        role: role.filter(|r| *r != s.role),
        account_ids: (chosen != before).then(|| accounts.iter().map(AccountId::as_uuid).collect()),
        active: None,
        reset_mfa: None,
        confirmation: None,
    }
}

fn is_empty(request: &UpdateUserRequest) -> bool {
    *request == UpdateUserRequest::default()
}

/// What the edit form holds.
#[derive(Clone, Copy)]
struct UserFields {
    display_name: RwSignal<String>,
    email: RwSignal<String>,
    role: RwSignal<Option<api_types::RoleDto>>,
    chosen: RwSignal<Vec<AccountId>>,
}

impl UserFields {
    fn of(d: &UserDetail) -> Self {
        let fields = Self {
            display_name: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            role: RwSignal::new(None),
            chosen: RwSignal::new(Vec::new()),
        };
        fields.fill(d);
        fields
    }

    /// After a save: the form shows what the server has.
    fn fill(self, d: &UserDetail) {
        self.display_name.set(d.summary.display_name.clone());
        self.email.set(d.summary.email.clone());
        self.role.set(Some(d.summary.role));
        let ids = d.summary.account_ids.iter();
        self.chosen
            .set(ids.map(|id| AccountId::from_uuid(*id)).collect());
    }
}

/// What the edit form does and says: the save and reload, their outcome
/// and the error summary.
#[derive(Clone, Copy)]
struct Editing {
    save: Action<UpdateUserRequest, ()>,
    reload: Action<(), ()>,
    failure: RwSignal<Option<Failure>>,
    outcome: RwSignal<Option<Outcome>>,
    /// On one's own page: what confirms a new address.
    own: Option<OwnEmail>,
}

impl Editing {
    fn new(
        auth: Auth,
        user: LocalResource<Loaded>,
        fields: UserFields,
        own: Option<OwnEmail>,
    ) -> Self {
        let failure = RwSignal::new(None::<Failure>);
        let outcome = RwSignal::new(None::<Outcome>);
        let save = Action::new_local(move |request: &UpdateUserRequest| {
            let request = request.clone();
            async move {
                let Some(loaded) = current(user) else {
                    return;
                };
                let id = loaded.value.summary.id;
                let etag = if_match(loaded.etag.as_deref(), &loaded.value);
                match auth.api().update_user(id, &etag, &request).await {
                    Ok(saved) => {
                        fields.fill(&saved.value);
                        if let Some(own) = own {
                            own.clear();
                        }
                        show(user, saved);
                        outcome.set(Some(Outcome::Saved));
                    }
                    Err(err) if err.code() == Some(ProblemCode::PreconditionFailed) => {
                        outcome.set(Some(Outcome::Conflict));
                        focus_later(ERRORS_ID);
                    }
                    Err(err) => show_failure(failure, err, ERRORS_ID),
                }
            }
        });
        let reload = Action::new_local(move |_: &()| async move {
            let Some(loaded) = current(user) else {
                return;
            };
            match auth.api().user(loaded.value.summary.id).await {
                Ok(fresh) => {
                    show(user, fresh);
                    outcome.set(Some(Outcome::Reloaded));
                }
                Err(err) => failure.set(Some(Failure::Failed(err))),
            }
        });
        Self {
            save,
            reload,
            failure,
            outcome,
            own,
        }
    }

    fn busy(self) -> bool {
        self.save.pending().get() || self.reload.pending().get()
    }

    /// Checks the name and address (and, for a new address of one's own,
    /// the password and code), then sends what changed (nothing changed:
    /// saved).
    fn submit(self, user: LocalResource<Loaded>, fields: UserFields) {
        self.outcome.set(None);
        let Some(loaded) = current(user) else {
            return;
        };
        let (name, address) = (
            fields.display_name.get_untracked(),
            fields.email.get_untracked(),
        );
        let mut invalid = contact_errors(&name, &address);
        let role = fields.role.get_untracked();
        let mut request = changes(
            &loaded.value,
            &name,
            &address,
            role,
            &fields.chosen.get_untracked(),
        );
        // Only a new address of one's own needs the password (and code).
        if let Some(own) = self.own.filter(|_| request.email.is_some()) {
            match own.confirmation() {
                Ok(confirmation) => request.confirmation = Some(confirmation),
                Err(missing) => invalid.extend(missing),
            }
        }
        if !invalid.is_empty() {
            show_invalid(self.failure, invalid, ERRORS_ID);
            return;
        }
        self.failure.set(None);
        if is_empty(&request) {
            self.outcome.set(Some(Outcome::Saved));
        } else {
            self.save.dispatch(request);
        }
    }

    /// The error summary, or a conflict with the way to the latest.
    fn summary(self, t: &'static Texts) -> impl IntoView {
        let busy = move || self.busy();
        view! {
            {move || self.failure.get().map(|f| failure_summary(t, &f, &FIELDS, |c| user_error_text(t, c)))}
            {move || (self.outcome.get() == Some(Outcome::Conflict)).then(|| {
                conflict_notice(ADMIN_TEXTS.of(t).user_conflict, ADMIN_TEXTS.of(t).reload_user, busy, move || {
                    self.reload.dispatch(());
                })
            })}
        }
    }

    fn done(self, t: &'static Texts) -> impl IntoView {
        move || {
            let text = match self.outcome.get() {
                Some(Outcome::Saved) => ADMIN_TEXTS.of(t).user_saved,
                Some(Outcome::Reloaded) => ADMIN_TEXTS.of(t).user_reloaded,
                _ => return None,
            };
            Some(view! { <p class="form-success" role="status">{text}</p> })
        }
    }
}

#[component]
fn EditUserForm(
    t: &'static Texts,
    own: bool,
    accounts: Vec<AccountResponse>,
    user: LocalResource<Loaded>,
) -> impl IntoView {
    let auth = use_auth();
    let Some(loaded) = current(user) else {
        return ().into_any();
    };
    let initial = loaded.value;
    let fields = UserFields::of(&initial);
    let own_email = own.then(|| OwnEmail::new(auth));
    let editing = Editing::new(auth, user, fields, own_email);
    let failure = editing.failure;
    // The address typed differs from the one saved (as `changes` sees it).
    let email_changed = Memo::new(move |_| {
        let saved = user.with(|l| {
            l.as_ref()
                .and_then(|(_, r)| r.as_ref().ok().map(|d| d.value.summary.email.clone()))
        });
        fields
            .email
            .with(|typed| saved.is_some_and(|s| typed.trim() != s))
    });
    let errors = Memo::new(move |_| failure.with(Failure::field_errors));

    // The roles the caller may give, and the user's own (to show it checked).
    let mut roles = grantable_roles(auth.role());
    if !roles.contains(&initial.summary.role) {
        roles.insert(0, initial.summary.role);
    }
    let parent = initial.summary.parent_account_id.map(|p| p.to_string());
    let tree = account_tree(&accounts, parent.as_deref());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !editing.busy() {
            editing.submit(user, fields);
        }
    };
    let saving = Signal::derive(move || editing.save.pending().get());

    view! {
        <section class="panel" aria-labelledby="edit-user-heading">
            <h2 id="edit-user-heading">{ADMIN_TEXTS.of(t).edit_user_heading}</h2>
            <form class="case-form user-form" on:submit=on_submit novalidate>
                <div id=ERRORS_ID tabindex="-1">{editing.summary(t)}</div>
                <div class="form-live" aria-live="polite">{editing.done(t)}</div>
                {user_text_field(t, TextInput::new(DISPLAY_NAME, "display-name", ADMIN_TEXTS.of(t).display_name_label, None, "text", "off"), fields.display_name, failure)}
                {user_text_field(t, TextInput::new(EMAIL, "email", t.email_label, None, "email", "off"), fields.email, failure)}
                {own_email.map(|o| own_email_fields(t, o, email_changed, failure))}
                <div id="role-group">{role_choices(t, roles, fields.role, errors, own)}</div>
                {account_choices(t, tree, fields.chosen)}
                <button type="submit" class="button-primary button-inline" disabled=move || editing.busy()>
                    {move || if saving.get() { t.saving } else { ADMIN_TEXTS.of(t).save_user }}
                </button>
            </form>
        </section>
    }
    .into_any()
}

/// Deactivate or reactivate, each after a confirmation.
#[component]
fn AccessPanel(
    t: &'static Texts,
    detail: Memo<Option<UserDetail>>,
    user: LocalResource<Loaded>,
) -> impl IntoView {
    let auth = use_auth();
    let access = AccessChange::new();
    let AccessChange { done, failure, .. } = access;
    let change = access_action(auth, user, access);
    let pending = change.pending();
    let message = move || {
        change_message(t, failure, || {
            done.get().map(|active| {
                if active {
                    ADMIN_TEXTS.of(t).user_reactivated_done
                } else {
                    ADMIN_TEXTS.of(t).user_deactivated_done
                }
            })
        })
    };

    view! {
        <section class="panel access-panel" aria-labelledby="access-heading">
            <h2 id="access-heading">{ADMIN_TEXTS.of(t).access_heading}</h2>
            <p class="hint">{ADMIN_TEXTS.of(t).deactivate_hint}</p>
            <div class="form-live" aria-live="polite">{message}</div>
            {access_toggle(t, detail, access, pending, change)}
        </section>
    }
}

/// The access panel's state, which its pieces share (signals, so `Copy`).
#[derive(Clone, Copy)]
struct AccessChange {
    confirming: RwSignal<bool>,
    /// Some(true): reactivated; Some(false): deactivated.
    done: RwSignal<Option<bool>>,
    failure: RwSignal<Option<ApiError>>,
}

impl AccessChange {
    /// Not confirming, nothing done yet.
    fn new() -> Self {
        Self {
            confirming: RwSignal::new(false),
            done: RwSignal::new(None),
            failure: RwSignal::new(None),
        }
    }
}

/// Reactivates (`true`) or deactivates (`false`) the user.
fn access_action(
    auth: Auth,
    user: LocalResource<Loaded>,
    access: AccessChange,
) -> Action<bool, ()> {
    let AccessChange {
        confirming,
        done,
        failure,
    } = access;
    Action::new_local(move |active: &bool| {
        let active = *active;
        async move {
            let request = UpdateUserRequest {
                active: Some(active),
                ..UpdateUserRequest::default()
            };
            // Changed meanwhile (412): the latest is shown; ask again.
            confirmed_patch(auth, user, request, confirming, failure, || {
                done.set(Some(active))
            })
            .await;
        }
    })
}

/// The button that deactivates (or reactivates) the user, or once pressed,
/// the confirmation whose yes does.
fn access_toggle(
    t: &'static Texts,
    detail: Memo<Option<UserDetail>>,
    access: AccessChange,
    pending: Memo<bool>,
    change: Action<bool, ()>,
) -> impl IntoView {
    let AccessChange {
        confirming,
        done,
        failure,
    } = access;
    let deactivated = move || {
        detail.with(|d| {
            d.as_ref()
                .is_some_and(|d| d.summary.status == UserStatusDto::Deactivated)
        })
    };
    move || {
        let reactivate = deactivated();
        if confirming.get() {
            let template = if reactivate {
                t.reactivate_confirm
            } else {
                t.deactivate_confirm
            };
            let yes = if reactivate {
                ADMIN_TEXTS.of(t).confirm_reactivate
            } else {
                ADMIN_TEXTS.of(t).confirm_deactivate
            };
            view! {
                <ConfirmBox
                    t=t
                    question_id="confirm-question"
                    question=fill(template, &[("name", &name_of(detail))])
                    yes_class=if reactivate { "button-primary button-inline confirm-yes" } else { "button-danger confirm-yes" }
                    yes=yes
                    busy=t.saving
                    pending=pending
                    on_yes=Callback::new(move |()| {
                        change.dispatch(reactivate);
                    })
                    confirming=confirming
                    back_to="access-toggle"
                />
            }
            .into_any()
        } else {
            view! {
                <button
                    type="button"
                    id="access-toggle"
                    class=if reactivate { "button-secondary reactivate-user" } else { "button-secondary deactivate-user" }
                    on:click=move |_| {
                        failure.set(None);
                        done.set(None);
                        confirming.set(true);
                        focus_later("confirm-question");
                    }
                >
                    {if reactivate { ADMIN_TEXTS.of(t).reactivate_user } else { ADMIN_TEXTS.of(t).deactivate_user }}
                </button>
            }
            .into_any()
        }
    }
}

/// The user's name, for a panel's question (empty while loading).
fn name_of(detail: Memo<Option<UserDetail>>) -> String {
    detail.with(|d| {
        d.as_ref()
            .map(|d| d.summary.display_name.clone())
            .unwrap_or_default()
    })
}

/// What came of a change made on a panel: the error (412: the latest is
/// shown now, ask again), else `done()`.
fn change_message(
    t: &'static Texts,
    failure: RwSignal<Option<ApiError>>,
    done: impl Fn() -> Option<&'static str>,
) -> Option<AnyView> {
    if let Some(err) = failure.get() {
        let text = if err.code() == Some(ProblemCode::PreconditionFailed) {
            ADMIN_TEXTS.of(t).user_reloaded.to_owned()
        } else {
            error_message(t, &err)
        };
        return Some(view! { <p class="form-error" role="alert">{text}</p> }.into_any());
    }
    done().map(|text| view! { <p class="form-success" role="status">{text}</p> }.into_any())
}

/// "Reset two-step login" after a confirmation, for a user who has a
/// second factor (a lost phone without recovery codes).
#[component]
fn MfaPanel(
    t: &'static Texts,
    detail: Memo<Option<UserDetail>>,
    user: LocalResource<Loaded>,
) -> impl IntoView {
    let auth = use_auth();
    let confirming = RwSignal::new(false);
    let done = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let enabled = move || detail.with(|d| d.as_ref().is_some_and(|d| d.summary.mfa_enabled));
    let reset = Action::new_local(move |_: &()| async move {
        let request = UpdateUserRequest {
            reset_mfa: Some(true),
            ..UpdateUserRequest::default()
        };
        confirmed_patch(auth, user, request, confirming, failure, || {
            done.set(true);
            focus_later("mfa-reset-heading");
        })
        .await;
    });
    let pending = reset.pending();
    let message = move || {
        change_message(t, failure, || {
            done.get().then_some(ADMIN_TEXTS.of(t).mfa_reset_done)
        })
    };
    // Shown while the user has a second factor, and with the outcome of a reset.
    let shown = Memo::new(move |_| enabled() || done.get() || failure.with(Option::is_some));

    move || {
        shown.get().then(|| {
            view! {
                <section class="panel mfa-reset-panel" aria-labelledby="mfa-reset-heading">
                    <h2 id="mfa-reset-heading" tabindex="-1">{ADMIN_TEXTS.of(t).mfa_heading}</h2>
                    <p class="hint">{ADMIN_TEXTS.of(t).mfa_reset_hint}</p>
                    <div class="form-live" aria-live="polite">{message}</div>
                    {move || enabled().then(|| if confirming.get() {
                        view! {
                            <ConfirmBox
                                t=t
                                question_id="mfa-reset-question"
                                question=fill(t.mfa.reset_confirm, &[("name", &name_of(detail))])
                                yes_class="button-danger confirm-yes"
                                yes=ADMIN_TEXTS.of(t).confirm_reset
                                busy=t.saving
                                pending=pending
                                on_yes=Callback::new(move |()| {
                                    reset.dispatch(());
                                })
                                confirming=confirming
                                back_to="mfa-reset"
                            />
                        }
                        .into_any()
                    } else {
                        view! {
                            <button
                                type="button"
                                id="mfa-reset"
                                class="button-secondary reset-mfa"
                                on:click=move |_| {
                                    failure.set(None);
                                    done.set(false);
                                    confirming.set(true);
                                    focus_later("mfa-reset-question");
                                }
                            >
                                {ADMIN_TEXTS.of(t).mfa_reset_button}
                            </button>
                        }
                        .into_any()
                    })}
                </section>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use api_types::{RoleDto, UserSettings, UserSummary};

    fn user() -> UserDetail {
        let uuid = |n: u8| serde_json::from_value(serde_json::json!(format!("{n:032x}"))).unwrap();
        UserDetail {
            summary: UserSummary {
                id: uuid(1),
                username: "jan".into(),
                display_name: "Jan de Vries".into(),
                email: "jan@umc.example".into(),
                role: RoleDto::User,
                status: UserStatusDto::Active,
                parent_account_id: Some(uuid(9)),
                account_ids: vec![uuid(2), uuid(3)],
                last_login_at: None,
                created_at: chrono::DateTime::default(),
                mfa_enabled: false,
                version: 4,
            },
            settings: UserSettings {
                language: "nl".into(),
                time_zone: "Europe/Amsterdam".into(),
                date_format: "iso".into(),
                time_format: "h24".into(),
            },
            deactivated_at: None,
            deactivation_reason: None,
            locked_until: None,
        }
    }

    #[test]
    fn only_changed_fields_are_sent() {
        let u = user();
        let same: Vec<AccountId> = u
            .summary
            .account_ids
            .iter()
            .rev()
            .map(|id| AccountId::from_uuid(*id))
            .collect();
        let request = changes(
            &u,
            " Jan de Vries ",
            "jan@umc.example",
            Some(RoleDto::User),
            &same,
        );
        assert!(is_empty(&request));
        let request = changes(
            &u,
            "Jan",
            "jan@umc.example",
            Some(RoleDto::Manager),
            &same[..1],
        );
        assert_eq!(request.display_name.as_deref(), Some("Jan"));
        assert_eq!(request.email, None);
        assert_eq!(request.role, Some(RoleDto::Manager));
        assert_eq!(request.account_ids.map(|ids| ids.len()), Some(1));
    }

    #[test]
    fn if_match_is_the_etag_or_the_quoted_version() {
        assert_eq!(if_match(Some("\"v7\""), &user()), "\"v7\"");
        // The server's ETag form: `"v<version>"`.
        assert_eq!(if_match(None, &user()), "\"v4\"");
    }
}

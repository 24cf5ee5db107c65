//! `/access-requests/{id}` (Managers and Admins): everything the requester
//! sent and the parent account their identifiers matched. While the request
//! is pending: approving it creates the user (who gets an activation email
//! and the approver's language, zone and formats), rejecting it emails the
//! requester the reason, after a confirmation. Once decided: who decided
//! what, and when.

use super::suggested_username;
use crate::api::ApiError;
use crate::components::badges::access_status_badge;
use crate::components::confirm::ConfirmBox;
use crate::components::detail::{load_by_id, load_error, loading, split_answer, when_loaded};
use crate::components::document::use_title;
use crate::components::forms::{
    codes_for, failure_summary, field_error, field_errors_view, focus_later, required_marker,
    show_failure, show_invalid, submit_once, Failure, FieldRef, SubmitButton, TextInput,
};
use crate::format::{format_date_time_zone, tel_href};
use crate::i18n::admin_texts::ADMIN_TEXTS;
use crate::i18n::{
    country_label, error_message, field_error_text, fill, identifier_kind_name, Texts, MAX_REMARKS,
};
use crate::pages::users::users_page::Dates;
use crate::pages::users::{
    grantable_roles, open_new_user, own_parent, show_create_failure, user_error_text,
    user_text_field, username_error, Grant, GrantFields, ParentChoice, GRANT_REFS, USERNAME,
    USERNAME_REF,
};
use crate::routes::{user_path, Page};
use crate::state::auth::{use_auth, use_texts, Auth};
use crate::state::flash::{use_flash, Notice};
use api_types::{
    AccessRequestDto, AccessRequestStatusDto, AccountResponse, ApproveAccessRequest, FieldError,
    FieldErrorCode, ProblemCode, RejectAccessRequest, RoleDto,
};
use domain::AccountId;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// The request's answer, with the id it answers (to tell a stale one).
type Loaded = (String, Result<AccessRequestDto, ApiError>);

/// A word about the last decision made on this page: (done here, text).
type Outcome = RwSignal<Option<(bool, String)>>;

const DECISION_HEADING: &str = "decision-heading";

#[component]
pub fn AccessRequestPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    let (id, request) = load_by_id(move |id| async move { auth.api().access_request(&id).await });
    // The request as shown now (after a decision here too).
    let (detail, failed) = split_answer(id, request, AccessRequestDto::clone);
    use_title(move |t| match (detail.get(), failed.get()) {
        (Some(d), _) => d.name,
        (None, Some(_)) => ADMIN_TEXTS.of(t).access_request_not_found.to_owned(),
        (None, None) => ADMIN_TEXTS.of(t).access_request_loading.to_owned(),
    });
    let shown_id = Memo::new(move |_| detail.with(|d| d.as_ref().map(|d| d.id)));
    let pending = Memo::new(move |_| {
        detail.with(|d| {
            d.as_ref()
                .map(|d| d.status == AccessRequestStatusDto::Pending)
        })
    });
    let outcome: Outcome = RwSignal::new(None);

    view! {
        <p class="back-link">
            <A href=Page::AccessRequests.path()>{move || ADMIN_TEXTS.of(t.get()).back_to_access_requests}</A>
        </p>
        {move || {
            let t = t.get();
            if let Some(err) = failed.get() {
                return load_error(t, &err, &[ProblemCode::NotFound, ProblemCode::Forbidden], ADMIN_TEXTS.of(t).access_request_not_found);
            }
            // Built once per request: the forms keep what is typed.
            if shown_id.get().is_none() {
                return loading(ADMIN_TEXTS.of(t).access_request_loading);
            }
            view! {
                <div class="title-row">
                    <h1 class="access-request-title">{move || detail.with(|d| d.as_ref().map(|d| d.name.clone()))}</h1>
                    {move || detail.with(|d| d.as_ref().map(|d| access_status_badge(t, d.status)))}
                </div>
                <div class="form-live" aria-live="polite">
                    {move || outcome.get().map(|(done, text)| {
                        let class = if done { "form-success" } else { "status-notice" };
                        view! { <p class=class role="status">{text}</p> }
                    })}
                </div>
                {move || detail.get().map(|d| request_facts(t, &dates(auth), &d))}
                {move || detail.get().map(|d| facilities_panel(t, &d))}
                {move || match pending.get() {
                    Some(true) if auth.may(domain::Action::ManageUsers) => {
                        detail.get_untracked().map(|d| view! {
                            <ApproveForm t request=d.clone() resource=request outcome/>
                            <RejectForm t request=d resource=request outcome/>
                        }
                        .into_any())
                    }
                    Some(false) => detail.get().map(|d| decision_panel(t, &dates(auth), &d).into_any()),
                    _ => None,
                }}
            }
            .into_any()
        }}
    }
}

fn dates(auth: Auth) -> Dates {
    (auth.date_format(), auth.time_format(), auth.time_zone())
}

/// Shows the request as the server has it now.
fn show(resource: LocalResource<Loaded>, request: AccessRequestDto) {
    // Under the id the page was opened with, however it was written.
    let id = resource
        .with_untracked(|loaded| loaded.as_ref().map(|(id, _)| id.clone()))
        .unwrap_or_else(|| request.id.to_string());
    resource.set(Some((id, Ok(request))));
}

/// After a 409: someone else decided first; show their decision.
async fn show_latest(
    t: &'static Texts,
    auth: Auth,
    resource: LocalResource<Loaded>,
    outcome: Outcome,
    id: String,
) {
    outcome.set(Some((false, ADMIN_TEXTS.of(t).already_decided.to_owned())));
    let fresh = auth.api().access_request(&id).await;
    match fresh {
        Ok(fresh) => {
            show(resource, fresh);
            focus_later(DECISION_HEADING);
        }
        Err(_) => resource.refetch(),
    }
}

/// A sentence for a decision that failed as a whole.
fn decision_error(t: &Texts, err: &ApiError) -> String {
    match err.code() {
        Some(ProblemCode::NotFound) => ADMIN_TEXTS.of(t).decision_not_found.to_owned(),
        _ => error_message(t, err),
    }
}

fn request_facts(t: &'static Texts, dates: &Dates, d: &AccessRequestDto) -> impl IntoView {
    let received = format_date_time_zone(d.created_at, &dates.2, dates.0, dates.1);
    let parent = d
        .parent_account_name
        .clone()
        .unwrap_or_else(|| ADMIN_TEXTS.of(t).no_matching_parent.to_owned());
    let remarks = d
        .remarks
        .clone()
        .filter(|r| !r.trim().is_empty())
        .unwrap_or_else(|| ADMIN_TEXTS.of(t).no_remarks.to_owned());
    view! {
        <section class="panel" aria-labelledby="request-details-heading">
            <h2 id="request-details-heading">{t.details_heading}</h2>
            <dl class="facts facts-wide">
                <div><dt>{ADMIN_TEXTS.of(t).col_name}</dt><dd>{d.name.clone()}</dd></div>
                <div><dt>{t.organisation_label}</dt><dd>{d.organisation.clone()}</dd></div>
                <div>
                    <dt>{t.email_label}</dt>
                    <dd><a href=format!("mailto:{}", d.email)>{d.email.clone()}</a></dd>
                </div>
                <div>
                    <dt>{t.phone_label}</dt>
                    <dd><a href=tel_href(&d.phone)>{d.phone.clone()}</a></dd>
                </div>
                <div><dt>{t.countries.label}</dt><dd>{country_label(t, &d.country)}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).col_received}</dt><dd>{received}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).matched_parent_label}</dt><dd class="matched-parent">{parent}</dd></div>
                <div><dt>{t.remarks_label}</dt><dd class="multiline">{remarks}</dd></div>
            </dl>
        </section>
    }
}

/// Each facility with its identifiers.
fn facilities_panel(t: &'static Texts, d: &AccessRequestDto) -> impl IntoView {
    let items = d
        .facilities
        .iter()
        .map(|f| {
            let identifiers = f
                .identifiers
                .iter()
                .map(|id| {
                    view! {
                        <div>
                            <dt>{identifier_kind_name(t, id.kind)}</dt>
                            <dd class="identifier">{id.value.clone()}</dd>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <li class="item facility-item">
                    <h3 class="item-title">{f.name.clone()}</h3>
                    <dl class="facts">{identifiers}</dl>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="facilities-heading">
            <h2 id="facilities-heading">{t.facilities_heading}</h2>
            <ul class="item-list facility-list">{items}</ul>
        </section>
    }
}

/// Who decided what, and when; the reason of a rejection; the user created.
fn decision_panel(t: &'static Texts, dates: &Dates, d: &AccessRequestDto) -> impl IntoView {
    let who = d
        .decided_by
        .clone()
        .unwrap_or_else(|| ADMIN_TEXTS.of(t).decided_by_unknown.to_owned());
    let when = d.decided_at.map_or_else(
        || t.not_recorded.to_owned(),
        |at| format_date_time_zone(at, &dates.2, dates.0, dates.1),
    );
    let template = if d.status == AccessRequestStatusDto::Approved {
        t.approved_by
    } else {
        t.rejected_by
    };
    let note = d.decision_note.clone().filter(|n| !n.trim().is_empty());
    view! {
        <section class="panel decision-panel" aria-labelledby=DECISION_HEADING>
            <h2 id=DECISION_HEADING tabindex="-1">{ADMIN_TEXTS.of(t).decision_heading}</h2>
            <p class="decision">{fill(template, &[("name", &who), ("time", &when)])}</p>
            {note.map(|note| view! {
                <dl class="facts">
                    <div><dt>{ADMIN_TEXTS.of(t).reason_label}</dt><dd class="multiline decision-note">{note}</dd></div>
                </dl>
            })}
            {d.user_id.map(|id| view! {
                <p class="created-user">
                    <A href=user_path(id) attr:class="created-user-link">{ADMIN_TEXTS.of(t).created_user_link}</A>
                </p>
            })}
        </section>
    }
}

const APPROVE_ERRORS_ID: &str = "approve-errors";
const APPROVE_FIELDS: [FieldRef; 4] = [USERNAME_REF, GRANT_REFS[0], GRANT_REFS[1], GRANT_REFS[2]];

/// The summary of a decision form: a refused decision in the page's own
/// words, or the fields to fix.
fn decision_summary(
    t: &'static Texts,
    failure: &Failure,
    fields: &[FieldRef],
    text: impl Fn(FieldErrorCode) -> String,
) -> AnyView {
    match failure {
        Failure::Failed(err) => {
            view! { <p class="form-error" role="alert">{decision_error(t, err)}</p> }.into_any()
        }
        invalid => failure_summary(t, invalid, fields, text).into_any(),
    }
}

/// The roles an approval may give: the customer roles the approver may grant.
fn approvable_roles(actor: Option<RoleDto>) -> Vec<RoleDto> {
    grantable_roles(actor)
        .into_iter()
        .filter(|r| matches!(r, RoleDto::Viewer | RoleDto::User | RoleDto::Manager))
        .collect()
}

/// Approving: the accounts to offer are loaded first.
#[component]
fn ApproveForm(
    t: &'static Texts,
    request: AccessRequestDto,
    resource: LocalResource<Loaded>,
    outcome: Outcome,
) -> impl IntoView {
    let auth = use_auth();
    let accounts = LocalResource::new(move || auth.api().accounts());
    view! {
        <section class="panel approve-panel" aria-labelledby="approve-heading">
            <h2 id="approve-heading">{ADMIN_TEXTS.of(t).approve_heading}</h2>
            {when_loaded(t, accounts, t.accounts_loading, move |list| view! {
                <ApproveFields t request=request.clone() accounts=list.items resource outcome/>
            }
            .into_any())}
        </section>
    }
}

#[component]
fn ApproveFields(
    t: &'static Texts,
    request: AccessRequestDto,
    accounts: Vec<AccountResponse>,
    resource: LocalResource<Loaded>,
    outcome: Outcome,
) -> impl IntoView {
    let auth = use_auth();
    let flash = use_flash();
    let navigate = use_navigate();
    let actor = auth.role();
    let roles = approvable_roles(actor);
    let username = RwSignal::new(suggested_username(&request.email));
    // The matched parent account; a Manager's own; an Admin picks one when
    // nothing matched.
    let matched = request.parent_account_id.map(|p| p.to_string());
    let parent_choice = if actor == Some(RoleDto::Admin) && matched.is_none() {
        ParentChoice::Required
    } else {
        ParentChoice::Fixed
    };
    let parent = match parent_choice {
        ParentChoice::Fixed => matched.or(own_parent(auth)).unwrap_or_default(),
        _ => String::new(),
    };
    let grant = Grant::new(RoleDto::User, parent);
    let failure = RwSignal::new(None::<Failure>);
    let errors = Memo::new(move |_| failure.with(Failure::field_errors));
    let accounts = StoredValue::new(accounts);
    let id = request.id.to_string();

    let approve = Action::new_local(move |body: &ApproveAccessRequest| {
        let (body, id) = (body.clone(), id.clone());
        let navigate = navigate.clone();
        async move {
            match auth.api().approve_access_request(&id, &body).await {
                Ok(user) => open_new_user(flash, navigate, &user, |email| Notice::AccessGranted {
                    email,
                }),
                Err(err) if err.code() == Some(ProblemCode::Conflict) => {
                    show_latest(t, auth, resource, outcome, id).await;
                }
                Err(err) => show_create_failure(failure, err, APPROVE_ERRORS_ID),
            }
        }
    });
    let pending = approve.pending();

    let on_submit = submit_once(pending, move || {
        outcome.set(None);
        let invalid: Vec<FieldError> = username_error(&username.get_untracked())
            .into_iter()
            .collect();
        let Some(chosen_role) =
            grant.checked_role(parent_choice, invalid, failure, APPROVE_ERRORS_ID)
        else {
            return;
        };
        approve.dispatch(ApproveAccessRequest {
            username: username.get_untracked().trim().to_owned(),
            role: chosen_role,
            account_ids: grant.account_ids(AccountId::as_uuid),
            parent_account_id: grant.picked_parent(parent_choice),
        });
    });

    view! {
        <form class="case-form user-form approve-form" on:submit=on_submit novalidate>
            <p class="hint">{ADMIN_TEXTS.of(t).new_user_intro}</p>
            <div id=APPROVE_ERRORS_ID tabindex="-1">
                {move || failure.get().map(|f| decision_summary(t, &f, &APPROVE_FIELDS, move |c| user_error_text(t, c)))}
            </div>
            {user_text_field(t, TextInput::new(USERNAME, "username", t.username_label, Some(ADMIN_TEXTS.of(t).username_help), "text", "off"), username, failure)}
            <GrantFields t roles grant errors accounts parent_choice/>
            <SubmitButton class="button-primary button-inline approve-button" pending busy=ADMIN_TEXTS.of(t).creating_user idle=ADMIN_TEXTS.of(t).approve_button/>
        </form>
    }
}

const REJECT_ERRORS_ID: &str = "reject-errors";
const REASON: &str = "reason";
const REJECT_FIELDS: [FieldRef; 1] = [FieldRef::new(REASON, "reject-reason", |t| {
    ADMIN_TEXTS.of(t).reject_reason_label
})];

/// What is wrong with a reason, caught before asking to confirm.
fn reason_check(reason: &str) -> Option<FieldErrorCode> {
    let reason = reason.trim();
    if reason.is_empty() {
        Some(FieldErrorCode::Required)
    } else if reason.chars().count() > MAX_REMARKS {
        Some(FieldErrorCode::TooLong)
    } else {
        None
    }
}

fn reason_error_text(t: &Texts, code: FieldErrorCode) -> String {
    match code {
        FieldErrorCode::TooLong => fill(t.field_too_long_n, &[("n", &MAX_REMARKS.to_string())]),
        code => field_error_text(t, code).to_owned(),
    }
}

/// Rejecting, with a required reason and a confirmation.
#[component]
fn RejectForm(
    t: &'static Texts,
    request: AccessRequestDto,
    resource: LocalResource<Loaded>,
    outcome: Outcome,
) -> impl IntoView {
    let auth = use_auth();
    let form = Reject::new();
    let Reject {
        reason,
        confirming,
        failure,
    } = form;
    let id = request.id.to_string();
    let (name, email) = (request.name, request.email);
    let reject = reject_action(t, auth, resource, outcome, form, id, email);
    let pending = reject.pending();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        outcome.set(None);
        if let Some(code) = reason.with_untracked(|r| reason_check(r)) {
            show_invalid(failure, vec![field_error(REASON, code)], REJECT_ERRORS_ID);
            return;
        }
        failure.set(None);
        confirming.set(true);
        focus_later("reject-confirm-question");
    };
    let question = fill(t.reject_confirm, &[("name", &name)]);

    view! {
        <section class="panel reject-panel" aria-labelledby="reject-heading">
            <h2 id="reject-heading">{ADMIN_TEXTS.of(t).reject_heading}</h2>
            <form class="case-form reject-form" on:submit=on_submit novalidate>
                <div id=REJECT_ERRORS_ID tabindex="-1">
                    {move || failure.get().map(|f| decision_summary(t, &f, &REJECT_FIELDS, move |c| reason_error_text(t, c)))}
                </div>
                {reason_field(t, form)}
                {reject_button(t, form, pending, question, reject)}
            </form>
        </section>
    }
}

/// The reject form's state, which its pieces share (signals, so `Copy`).
#[derive(Clone, Copy)]
struct Reject {
    reason: RwSignal<String>,
    /// The reason is fine: the confirmation is asked.
    confirming: RwSignal<bool>,
    failure: RwSignal<Option<Failure>>,
}

impl Reject {
    /// An empty reason, not yet confirming.
    fn new() -> Self {
        Self {
            reason: RwSignal::new(String::new()),
            confirming: RwSignal::new(false),
            failure: RwSignal::new(None),
        }
    }
}

/// Rejects request `id`; done, the page shows the decision and says the
/// requester (`email`) was told.
fn reject_action(
    t: &'static Texts,
    auth: Auth,
    resource: LocalResource<Loaded>,
    outcome: Outcome,
    form: Reject,
    id: String,
    email: String,
) -> Action<RejectAccessRequest, ()> {
    let Reject {
        confirming,
        failure,
        ..
    } = form;
    Action::new_local(move |body: &RejectAccessRequest| {
        let (body, id, email) = (body.clone(), id.clone(), email.clone());
        async move {
            let result = auth.api().reject_access_request(&id, &body).await;
            confirming.set(false);
            match result {
                Ok(decided) => {
                    outcome.set(Some((true, fill(t.request_rejected, &[("email", &email)]))));
                    show(resource, decided);
                    focus_later(DECISION_HEADING);
                }
                Err(err) if err.code() == Some(ProblemCode::Conflict) => {
                    show_latest(t, auth, resource, outcome, id).await;
                }
                Err(err) => show_failure(failure, err, REJECT_ERRORS_ID),
            }
        }
    })
}

/// The reason, with its help and errors.
fn reason_field(t: &'static Texts, form: Reject) -> impl IntoView {
    let Reject {
        reason, failure, ..
    } = form;
    let codes = move || failure.with(|f| codes_for(&Failure::field_errors(f), REASON));
    view! {
        <div class="field">
            <label for="reject-reason">{ADMIN_TEXTS.of(t).reject_reason_label} {required_marker(t)}</label>
            <textarea
                id="reject-reason"
                name=REASON
                rows="4"
                required
                aria-invalid=move || (!codes().is_empty()).then_some("true")
                aria-describedby=move || {
                    if codes().is_empty() {
                        "reject-reason-help"
                    } else {
                        "reject-reason-help reject-reason-error"
                    }
                }
                prop:value=reason
                on:input=move |ev| reason.set(event_target_value(&ev))
            ></textarea>
            <p id="reject-reason-help" class="field-help">{ADMIN_TEXTS.of(t).reject_reason_help}</p>
            {field_errors_view("reject-reason-error".to_owned(), codes, move |c| reason_error_text(t, c))}
        </div>
    }
}

/// The reject button, or once the reason is fine, the confirmation
/// (`question`) whose yes rejects.
fn reject_button(
    t: &'static Texts,
    form: Reject,
    pending: Memo<bool>,
    question: String,
    reject: Action<RejectAccessRequest, ()>,
) -> impl IntoView {
    let Reject {
        reason, confirming, ..
    } = form;
    move || {
        if confirming.get() {
            view! {
                <ConfirmBox
                    t=t
                    question_id="reject-confirm-question"
                    question=question.clone()
                    yes_class="button-danger confirm-yes"
                    yes=ADMIN_TEXTS.of(t).confirm_reject
                    busy=ADMIN_TEXTS.of(t).rejecting
                    pending=pending
                    on_yes=Callback::new(move |()| {
                        reject.dispatch(RejectAccessRequest {
                            reason: reason.get_untracked().trim().to_owned(),
                        });
                    })
                    confirming=confirming
                    back_to="reject-request"
                />
            }
            .into_any()
        } else {
            view! {
                <button type="submit" id="reject-request" class="button-secondary reject-request">
                    {ADMIN_TEXTS.of(t).reject_button}
                </button>
            }
            .into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approvals_give_customer_roles_only() {
        let customer = vec![RoleDto::Viewer, RoleDto::User, RoleDto::Manager];
        assert_eq!(approvable_roles(Some(RoleDto::Admin)), customer);
        assert_eq!(approvable_roles(Some(RoleDto::Manager)), customer);
        assert!(approvable_roles(Some(RoleDto::User)).is_empty());
    }

    #[test]
    fn a_reason_is_required_and_at_most_2000_characters() {
        assert_eq!(reason_check("  "), Some(FieldErrorCode::Required));
        assert_eq!(
            reason_check(&"x".repeat(2001)),
            Some(FieldErrorCode::TooLong)
        );
        assert_eq!(reason_check(" Not one of our hospitals. "), None);
    }
}

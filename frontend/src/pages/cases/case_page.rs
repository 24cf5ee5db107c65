//! `/cases/{id}`: a case with its details, timeline and attachments, and
//! (while it is open, for those who may) the forms to add a comment, a
//! tracking number or files; for the service side its actions (engineer,
//! status, waiting for the customer) and its own kinds of entry instead.

use super::activity_forms::{ActivityForm, COMMENT, SERVICE_ENTRIES, TRACKING};
use super::attachments::attachments_section;
use super::service_actions::ServiceActions;
use super::{critical_notice, JustCreated};
use crate::api::ApiError;
use crate::components::badges::{case_status_badge, priority_badge};
use crate::components::detail::{facts_panel, loading, page_error};
use crate::components::document::use_title;
use crate::format::format_date_time;
use crate::i18n::case_texts::CASE_TEXTS;
use crate::i18n::{
    activity_kind_name, case_kind_name, case_status_name, error_message, fill, origin_name, Texts,
};
use crate::pages::installed_products_page::display_name;
use crate::routes::{installed_product_path, Page};
use crate::state::auth::{use_auth, use_texts, Auth};
use api_types::{ActivityDto, BenchRepairDto, CaseContactDto, CaseDetail, ProblemCode};
use chrono::{DateTime, Utc};
use domain::{DateFormat, TimeFormat};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The case's answer, with the id it answers (to tell a stale one).
pub type Loaded = (String, Result<CaseDetail, ApiError>);

#[derive(Debug, Clone, PartialEq)]
enum LoadState {
    Loading,
    NotFound,
    Failed(ApiError),
    Loaded,
}

#[component]
pub fn CasePage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));

    // Just created: shown from the form's answer, and announced once the
    // status region below is on the page.
    let handed_over = StoredValue::new(JustCreated::get().take());
    let created_number = handed_over.with_value(|c| c.as_ref().map(|c| c.summary.number.clone()));
    let created = RwSignal::new(None::<String>);
    Effect::new(move |_| created.set(created_number.clone()));

    let page = Shown::new(auth, id, handed_over);
    use_title(move |t| page.title(t));

    view! {
        <p class="back-link">
            <A href=Page::Cases.path()>{move || CASE_TEXTS.of(t.get()).back_to_cases}</A>
        </p>
        <div class="form-live" aria-live="polite">
            {move || created.get().map(|number| view! {
                <p class="form-success" role="status">{fill(t.get().case_created, &[("number", &number)])}</p>
            })}
        </div>
        {move || page_body(t.get(), auth, page)}
    }
}

/// The case of the URL and where its loading stands; signals, so `Copy`.
#[derive(Clone, Copy)]
struct Shown {
    /// The case's id, from the URL.
    id: Memo<String>,
    case: LocalResource<Loaded>,
    state: Memo<LoadState>,
    detail: Memo<Option<CaseDetail>>,
    /// Customers may still add to the case.
    open: Memo<bool>,
}

impl Shown {
    /// Loads the case of `id`, or takes the one `handed_over` if it is that.
    fn new(auth: Auth, id: Memo<String>, handed_over: StoredValue<Option<CaseDetail>>) -> Self {
        let case: LocalResource<Loaded> = LocalResource::new(move || {
            let id = id.get();
            let ready = handed_over
                .try_update_value(|c| c.take_if(|c| c.summary.id.to_string() == id))
                .flatten();
            async move {
                if let Some(case) = ready {
                    return (id, Ok(case));
                }
                let result = auth.api().case(&id).await;
                (id, result)
            }
        });
        let state = Memo::new(move |_| {
            case.with(|loaded| match loaded {
                Some((for_id, _)) if *for_id != id.get() => LoadState::Loading,
                None => LoadState::Loading,
                Some((_, Err(err))) if err.code() == Some(ProblemCode::NotFound) => {
                    LoadState::NotFound
                }
                Some((_, Err(err))) => LoadState::Failed(err.clone()),
                Some((_, Ok(_))) => LoadState::Loaded,
            })
        });
        let detail = Memo::new(move |_| {
            case.with(|loaded| loaded.as_ref().and_then(|(_, r)| r.as_ref().ok()).cloned())
        });
        let open = Memo::new(move |_| {
            detail.with(|d| d.as_ref().is_some_and(|d| d.open_for_customer_activity))
        });
        Self {
            id,
            case,
            state,
            detail,
            open,
        }
    }

    /// The document title: the case's number and title once it is there.
    fn title(self, t: &'static Texts) -> String {
        match self.state.get() {
            LoadState::Loaded => self.detail.with(|d| {
                d.as_ref()
                    .map(|d| format!("{} {}", d.summary.number, d.summary.title))
                    .unwrap_or_default()
            }),
            LoadState::NotFound => CASE_TEXTS.of(t).case_not_found_title.to_owned(),
            LoadState::Failed(_) | LoadState::Loading => CASE_TEXTS.of(t).case_loading.to_owned(),
        }
    }
}

/// The page under the links: the case, or where its loading stands.
fn page_body(t: &'static Texts, auth: Auth, page: Shown) -> AnyView {
    match page.state.get() {
        LoadState::Loading => loading(CASE_TEXTS.of(t).case_loading),
        LoadState::NotFound => view! {
            <h1>{CASE_TEXTS.of(t).case_not_found_title}</h1>
            <p class="page-error" role="alert">{CASE_TEXTS.of(t).case_not_found}</p>
        }
        .into_any(),
        LoadState::Failed(err) => page_error(error_message(t, &err)),
        LoadState::Loaded => loaded_view(t, auth, page),
    }
}

/// The case loaded: its view, the service side's actions, the attachments
/// and the forms that add to it.
fn loaded_view(t: &'static Texts, auth: Auth, page: Shown) -> AnyView {
    let Shown {
        id,
        case,
        detail,
        open,
        ..
    } = page;
    let may_add = auth.may(domain::Action::AddCaseActivity);
    // The service desk (never a customer): its actions and entries.
    let serves = auth.may(domain::Action::WorkCaseQueue);
    let case_id = id.get_untracked();
    view! {
        {move || {
            let dates = (auth.date_format(), auth.time_format(), auth.time_zone());
            detail.get().map(|d| case_view(t, &dates, d))
        }}
        {serves.then(|| view! { <ServiceActions t case detail case_id=case_id.clone()/> })}
        {attachments_section(t, detail, case, case_id.clone(), open)}
        {activity_forms(t, page, (serves, may_add), case_id)}
    }
    .into_any()
}

/// While the case is open: the forms that add to its timeline (the service
/// side's entries, or a customer's comment and tracking number); once it is
/// closed, a note that says so.
fn activity_forms(
    t: &'static Texts,
    page: Shown,
    (serves, may_add): (bool, bool),
    case_id: String,
) -> impl IntoView {
    let Shown { case, open, .. } = page;
    move || match (open.get(), may_add) {
        (true, true) if serves => SERVICE_ENTRIES
            .iter()
            .map(|spec| view! { <ActivityForm t spec case case_id=case_id.clone()/> })
            .collect_view()
            .into_any(),
        (true, true) => view! {
            <ActivityForm t spec=&COMMENT case case_id=case_id.clone()/>
            <ActivityForm t spec=&TRACKING case case_id=case_id.clone()/>
        }
        .into_any(),
        (false, _) => {
            view! { <p class="hint case-closed-note">{CASE_TEXTS.of(t).case_closed_note}</p> }
                .into_any()
        }
        (true, false) => ().into_any(),
    }
}

/// The user's date format, time format and time zone.
pub type Dates = (DateFormat, TimeFormat, String);

fn when(dates: &Dates, instant: DateTime<Utc>) -> String {
    format_date_time(instant, &dates.2, dates.0, dates.1)
}

/// Heading, details, description, contact, bench repair and timeline.
fn case_view(t: &'static Texts, dates: &Dates, d: CaseDetail) -> impl IntoView {
    let facts = case_facts(t, dates, &d);
    let contact = contact_view(t, d.contact);
    let bench = d.bench_repair.map(|b| bench_view(t, b));
    let timeline = timeline_view(t, dates, d.activities);
    let s = d.summary;
    view! {
        <div class="title-row">
            <h1 class="case-title">
                <span class="case-number">{s.number}</span>
                " "
                <span class="case-title-text">{s.title}</span>
            </h1>
            {case_status_badge(t, s.status)}
        </div>
        {d.critical_contact.map(|contact| critical_notice(t, Some(contact), false, false))}
        {d.waiting_for_customer.then(|| view! {
            <p class="status-notice notice-waiting" role="status">{CASE_TEXTS.of(t).waiting_for_you}</p>
        })}
        {facts_panel("case-details-heading", t.details_heading, facts)}
        <section class="panel" aria-labelledby="case-description-heading">
            <h2 id="case-description-heading">{t.description_label}</h2>
            <p class="multiline case-description">{d.description}</p>
        </section>
        <section class="panel" aria-labelledby="case-contact-heading">
            <h2 id="case-contact-heading">{CASE_TEXTS.of(t).contact_heading}</h2>
            {contact}
        </section>
        {bench}
        <section class="panel" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{CASE_TEXTS.of(t).timeline_heading}</h2>
            {timeline}
        </section>
    }
}

/// The case's details: its labels and values, for the facts panel.
fn case_facts(t: &'static Texts, dates: &Dates, d: &CaseDetail) -> Vec<(&'static str, AnyView)> {
    let s = &d.summary;
    let not_recorded = || t.not_recorded.to_owned();
    let product_name = display_name(
        s.installed_product.custom_name.as_deref(),
        &s.installed_product.description,
    )
    .to_owned();
    let mut facts: Vec<(&'static str, AnyView)> = vec![
        (CASE_TEXTS.of(t).col_priority, priority_badge(t, s.priority).into_any()),
        (t.kind_label, case_kind_name(t, s.kind).into_any()),
        (
            CASE_TEXTS.of(t).col_installed_product,
            view! {
                <A href=installed_product_path(s.installed_product.id) attr:class="product-link">{product_name}</A>
                <span class="secondary product-number">{s.installed_product.number.clone()}</span>
            }
            .into_any(),
        ),
        (CASE_TEXTS.of(t).col_account, s.account.name.clone().into_any()),
        (CASE_TEXTS.of(t).origin_label, origin_name(t, s.origin).into_any()),
        (
            CASE_TEXTS.of(t).created_by_label,
            d.created_by
                .clone()
                .unwrap_or_else(|| CASE_TEXTS.of(t).created_by_contact_centre.to_owned())
                .into_any(),
        ),
        (
            CASE_TEXTS.of(t).engineer_label,
            d.assigned_engineer
                .clone()
                .unwrap_or_else(|| CASE_TEXTS.of(t).not_assigned_yet.to_owned())
                .into_any(),
        ),
        (t.created_at_label, when(dates, s.created_at).into_any()),
        (CASE_TEXTS.of(t).updated_at_label, when(dates, s.updated_at).into_any()),
        (
            t.customer_reference_label,
            s.customer_reference
                .clone()
                .unwrap_or_else(not_recorded)
                .into_any(),
        ),
    ];
    if let Some(closed) = s.closed_at {
        facts.push((
            CASE_TEXTS.of(t).closed_at_label,
            when(dates, closed).into_any(),
        ));
    }
    facts
}

/// Whom to reach about the case; the one who logged it when none is named.
fn contact_view(t: &'static Texts, c: CaseContactDto) -> AnyView {
    let not_recorded = || t.not_recorded.to_owned();
    if c.name.is_none() && c.email.is_none() && c.phone.is_none() {
        view! { <p class="muted">{CASE_TEXTS.of(t).contact_is_creator}</p> }.into_any()
    } else {
        view! {
            <dl class="facts facts-wide">
                <div><dt>{CASE_TEXTS.of(t).contact_name_label}</dt><dd>{c.name.unwrap_or_else(not_recorded)}</dd></div>
                <div><dt>{CASE_TEXTS.of(t).contact_email_label}</dt><dd>{c.email.unwrap_or_else(not_recorded)}</dd></div>
                <div><dt>{CASE_TEXTS.of(t).contact_phone_label}</dt><dd>{c.phone.unwrap_or_else(not_recorded)}</dd></div>
            </dl>
        }
        .into_any()
    }
}

/// A bench repair's part and where it goes back to.
fn bench_view(t: &'static Texts, b: BenchRepairDto) -> impl IntoView {
    let not_recorded = || t.not_recorded.to_owned();
    view! {
        <section class="panel" aria-labelledby="bench-heading">
            <h2 id="bench-heading">{CASE_TEXTS.of(t).bench_heading}</h2>
            <dl class="facts facts-wide">
                <div><dt>{CASE_TEXTS.of(t).bench_part_description_label}</dt><dd>{b.part_description}</dd></div>
                <div>
                    <dt>{CASE_TEXTS.of(t).bench_part_serial_label}</dt>
                    <dd>{b.part_serial_number.unwrap_or_else(not_recorded)}</dd>
                </div>
                <div>
                    <dt>{CASE_TEXTS.of(t).bench_return_address_label}</dt>
                    <dd class="multiline">{b.return_address.unwrap_or_else(not_recorded)}</dd>
                </div>
            </dl>
        </section>
    }
}

/// The timeline's entries, oldest first.
fn timeline_view(t: &'static Texts, dates: &Dates, mut activities: Vec<ActivityDto>) -> AnyView {
    // The server sends them oldest first; a stable sort keeps that promise.
    activities.sort_by_key(|a| a.occurred_at);
    if activities.is_empty() {
        view! { <p class="muted">{CASE_TEXTS.of(t).timeline_empty}</p> }.into_any()
    } else {
        view! {
            <ol class="timeline">
                {activities.into_iter().map(|a| activity_item(t, dates, a)).collect_view()}
            </ol>
        }
        .into_any()
    }
}

fn activity_item(t: &'static Texts, dates: &Dates, a: ActivityDto) -> impl IntoView {
    let side = if a.from_service {
        "activity activity-service"
    } else {
        "activity activity-customer"
    };
    let shipment = (a.carrier.is_some() || a.tracking_number.is_some()).then(|| {
        view! {
            <dl class="facts">
                {a.carrier.map(|c| view! { <div><dt>{CASE_TEXTS.of(t).carrier_label}</dt><dd>{c}</dd></div> })}
                {a.tracking_number.map(|n| view! {
                    <div><dt>{CASE_TEXTS.of(t).tracking_number_label}</dt><dd class="tracking-number">{n}</dd></div>
                })}
            </dl>
        }
    });
    view! {
        <li class=side>
            <div class="activity-head">
                <span class="activity-kind">{activity_kind_name(t, a.kind)}</span>
                {a.from_service.then(|| view! { <span class="tag">{t.account_kinds.service_organisation}</span> })}
                <span class="activity-author">{a.author}</span>
                <span class="activity-time">{when(dates, a.occurred_at)}</span>
            </div>
            {a.new_status.map(|status| view! {
                <p class="activity-status">{case_status_name(t, status)}</p>
            })}
            {a.text.map(|text| view! { <p class="multiline activity-text">{text}</p> })}
            {shipment}
        </li>
    }
}

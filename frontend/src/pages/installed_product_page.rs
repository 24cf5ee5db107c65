//! `/installed-products/{id}`: everything about one installed product, and
//! the form for its custom details (Managers).

use crate::api::ApiError;
use crate::api::Tagged;
use crate::components::badges::{expiry_badge, state_badge};
use crate::components::detail::{facts_panel, item_list, load_by_id, load_error, loading};
use crate::components::document::use_title;
use crate::components::forms::{conflict_notice, invalid_summary};
use crate::format::{date_in_zone, format_date};
use crate::i18n::calendar_texts::CALENDAR_TEXTS;
use crate::i18n::product_texts::PRODUCT_TEXTS;
use crate::i18n::{
    error_message, field_error_text, fill, modality_name, product_kind_name, product_status_name,
    TextFn, Texts,
};
use crate::pages::installed_products_page::display_name;
use crate::routes::{
    account_path, contract_path, installed_product_path, new_case_for_product_path, new_visit_path,
    product_cases_path, Page,
};
use crate::state::auth::{use_auth, use_texts, Auth};
use api_types::{
    AccountRef, CoverageDto, FieldError, FieldErrorCode, InstalledProductDetail, ProblemCode,
    ProductContractDto, SlcpLinkDto, UpdateCustomDetailsRequest, WarrantyDto,
};
use chrono::NaiveDate;
use domain::{CustomText, DateFormat};
use leptos::prelude::*;
use leptos_router::components::A;

type Detail = Tagged<InstalledProductDetail>;
/// The product's answer, with the id it answers (to tell a stale one).
type Loaded = (String, Result<Detail, ApiError>);

/// Where the page is: waiting, failed, or showing the product with this id.
#[derive(Debug, Clone, PartialEq)]
enum LoadState {
    Loading,
    Failed(ApiError),
    Loaded,
}

#[component]
pub fn InstalledProductPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    let (id, product) =
        load_by_id(move |id| async move { auth.api().installed_product(&id).await });
    let state = load_state(id, product);
    // The product as shown now (after a save or reload too).
    let detail = Memo::new(move |_| {
        product.with(|loaded| {
            loaded
                .as_ref()
                .and_then(|(_, r)| r.as_ref().ok())
                .map(|d| d.value.clone())
        })
    });
    use_title(move |t| match state.get() {
        LoadState::Loaded => product_name(detail),
        LoadState::Failed(_) => PRODUCT_TEXTS.of(t).product_not_found.to_owned(),
        LoadState::Loading => t.product_loading.to_owned(),
    });

    view! {
        <p class="back-link">
            <A href=Page::InstalledProducts.path()>{move || PRODUCT_TEXTS.of(t.get()).back_to_products}</A>
        </p>
        {move || match state.get() {
            LoadState::Loading => loading(t.get().product_loading),
            LoadState::Failed(err) => {
                let t = t.get();
                load_error(t, &err, &[ProblemCode::NotFound], PRODUCT_TEXTS.of(t).product_not_found)
            }
            LoadState::Loaded => product_view(auth, t, id, product, detail),
        }}
    }
}

/// Where the page is for the id in the address (a stale answer is loading).
fn load_state(id: Memo<String>, product: LocalResource<Loaded>) -> Memo<LoadState> {
    Memo::new(move |_| {
        product.with(|loaded| match loaded {
            Some((for_id, _)) if *for_id != id.get() => LoadState::Loading,
            None => LoadState::Loading,
            Some((_, Err(err))) => LoadState::Failed(err.clone()),
            Some((_, Ok(_))) => LoadState::Loaded,
        })
    })
}

/// The product's name as shown: its custom name, else its description.
fn product_name(detail: Memo<Option<InstalledProductDetail>>) -> String {
    detail.with(|d| {
        d.as_ref()
            .map(|d| {
                display_name(d.custom_details.custom_name.as_deref(), &d.description).to_owned()
            })
            .unwrap_or_default()
    })
}

/// The loaded product: its title and links, its sections and its custom
/// details (with the form, for those who may edit them).
fn product_view(
    auth: Auth,
    t: Signal<&'static Texts>,
    id: Memo<String>,
    product: LocalResource<Loaded>,
    detail: Memo<Option<InstalledProductDetail>>,
) -> AnyView {
    let texts = t.get();
    let can_edit = detail.with_untracked(|d| d.as_ref().is_some_and(|d| d.can_edit_custom_details));
    let create_case = auth.may(domain::Action::CreateCase).then(|| view! {
        <A href=new_case_for_product_path(id.get_untracked()) attr:class="create-case button-link">
            {move || t.get().create_case}
        </A>
    });
    // The service side plans visits on it (the calendar's form).
    let plan_visit = auth.may(domain::Action::PlanServiceEvents).then(|| view! {
        <A href=new_visit_path(Some(id.get_untracked()), None::<&str>) attr:class="plan-visit button-link">
            {move || CALENDAR_TEXTS.of(t.get()).plan_visit}
        </A>
    });
    view! {
        <div class="title-row">
            <h1 class="product-title">{move || product_name(detail)}</h1>
            {move || detail.get().map(|d| state_badge(t.get(), d.operational_state))}
            {create_case}
            {plan_visit}
        </div>
        <p class="product-case-links">
            <A href=product_cases_path(id.get_untracked(), false) attr:class="product-cases">
                {PRODUCT_TEXTS.of(texts).product_cases_link}
            </A>
            <A href=product_cases_path(id.get_untracked(), true) attr:class="historical-cases">
                {PRODUCT_TEXTS.of(texts).historical_cases_link}
            </A>
        </p>
        {move || {
            let t = t.get();
            let dates = (auth.date_format(), auth.time_zone());
            detail.get().map(|d| product_sections(t, &dates, d))
        }}
        <section class="panel" aria-labelledby="custom-heading">
            <h2 id="custom-heading">{move || PRODUCT_TEXTS.of(t.get()).custom_heading}</h2>
            <p class="hint">{move || PRODUCT_TEXTS.of(t.get()).custom_hint}</p>
            {move || detail.get().map(|d| custom_details_list(t.get(), &d))}
            {can_edit.then(|| view! { <CustomDetailsForm product/> })}
        </section>
    }
    .into_any()
}

/// The user's date format and time zone.
type Dates = (DateFormat, String);

/// The name of an account, to its page.
fn account_link(account: &AccountRef, class: &'static str) -> AnyView {
    let (href, name) = (account_path(account.id), account.name.clone());
    view! { <A href=href attr:class=class>{name}</A> }.into_any()
}

/// Details, coverage, contracts, warranties and SLCP links.
fn product_sections(t: &'static Texts, dates: &Dates, d: InstalledProductDetail) -> impl IntoView {
    let format = dates.0;
    let mut facts = identity_facts(t, &d);
    facts.extend(state_facts(t, format, &d));
    view! {
        {facts_panel("details-heading", t.details_heading, facts)}
        {coverage_section(t, format, d.coverage.as_ref(), d.contracts, d.warranties)}
        {slcp_section(t, dates, d.slcp_links)}
    }
}

/// A text fact, or "not recorded" when it is blank.
fn text_or_not_recorded(t: &'static Texts, value: Option<String>) -> String {
    value
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| t.not_recorded.to_owned())
}

/// The facts that name the product: number, serial, UDI, model and kind.
fn identity_facts(t: &'static Texts, d: &InstalledProductDetail) -> Vec<(&'static str, AnyView)> {
    let text = |value: Option<String>| text_or_not_recorded(t, value);
    vec![
        (
            PRODUCT_TEXTS.of(t).number_label,
            view! { <span class="product-number">{d.number.clone()}</span> }.into_any(),
        ),
        (t.description_label, d.description.clone().into_any()),
        (
            PRODUCT_TEXTS.of(t).serial_label,
            d.serial_number.clone().into_any(),
        ),
        (
            PRODUCT_TEXTS.of(t).udi_label,
            text(d.udi.clone()).into_any(),
        ),
        (
            PRODUCT_TEXTS.of(t).technical_id_label,
            text(d.technical_id.clone()).into_any(),
        ),
        (
            PRODUCT_TEXTS.of(t).col_modality,
            modality_name(t, d.modality).into_any(),
        ),
        (
            PRODUCT_TEXTS.of(t).product_family_label,
            d.product_family.clone().into_any(),
        ),
        (t.kind_label, product_kind_name(t, d.kind).into_any()),
    ]
}

/// The facts of its state, owner, place and dates.
fn state_facts(
    t: &'static Texts,
    format: DateFormat,
    d: &InstalledProductDetail,
) -> Vec<(&'static str, AnyView)> {
    let date = move |date: Option<NaiveDate>| {
        date.map_or_else(|| t.not_recorded.to_owned(), |d| format_date(d, format))
    };
    vec![
        (
            PRODUCT_TEXTS.of(t).filter_state,
            state_badge(t, d.operational_state).into_any(),
        ),
        (
            PRODUCT_TEXTS.of(t).status_label,
            product_status_name(t, d.status).into_any(),
        ),
        (
            PRODUCT_TEXTS.of(t).strategic_label,
            (if d.strategic_item {
                t.yes
            } else {
                PRODUCT_TEXTS.of(t).no
            })
            .into_any(),
        ),
        (
            PRODUCT_TEXTS.of(t).owner_label,
            account_link(&d.owner, "owner-link"),
        ),
        (t.col_location, account_link(&d.location, "location-link")),
        (
            PRODUCT_TEXTS.of(t).functional_location_label,
            text_or_not_recorded(t, d.functional_location.clone()).into_any(),
        ),
        (
            PRODUCT_TEXTS.of(t).install_date_label,
            date(d.install_date).into_any(),
        ),
        (
            PRODUCT_TEXTS.of(t).end_of_life_label,
            date(d.end_of_life_date).into_any(),
        ),
        (
            PRODUCT_TEXTS.of(t).end_of_service_label,
            date(d.end_of_service_date).into_any(),
        ),
    ]
}

/// Coverage: until when it is covered, and by which contracts and warranties.
fn coverage_section(
    t: &'static Texts,
    format: DateFormat,
    coverage: Option<&CoverageDto>,
    contracts: Vec<ProductContractDto>,
    warranties: Vec<WarrantyDto>,
) -> impl IntoView {
    let coverage = match coverage {
        Some(c) => view! {
            <p class="coverage">
                {expiry_badge(t, c.expiry, c.days_left)}
                " "
                <span>{fill(t.covered_until, &[("date", &format_date(c.end_date, format))])}</span>
            </p>
        }
        .into_any(),
        None => view! { <p class="muted">{PRODUCT_TEXTS.of(t).coverage_none}</p> }.into_any(),
    };
    let contracts = item_list(contracts, PRODUCT_TEXTS.of(t).no_product_contracts, |c| {
        view! {
            <li class="item">
                <div class="item-head">
                    <A href=contract_path(c.contract_id)>{c.contract_number}</A>
                    {expiry_badge(t, c.expiry, c.days_left)}
                </div>
                <dl class="facts">
                    <div><dt>{PRODUCT_TEXTS.of(t).col_line_item}</dt><dd>{c.line_item_number}</dd></div>
                    <div><dt>{PRODUCT_TEXTS.of(t).col_description}</dt><dd>{c.description}</dd></div>
                    <div><dt>{PRODUCT_TEXTS.of(t).col_service_type}</dt><dd>{c.service_type}</dd></div>
                    <div><dt>{PRODUCT_TEXTS.of(t).col_period}</dt><dd>{period(c.start_date, c.end_date, format)}</dd></div>
                </dl>
            </li>
        }
    });
    let warranties = item_list(warranties, PRODUCT_TEXTS.of(t).no_warranties, |w| {
        view! {
            <li class="item">
                <div class="item-head">
                    <span class="item-title">{w.description}</span>
                    {expiry_badge(t, w.expiry, w.days_left)}
                </div>
                <dl class="facts">
                    <div><dt>{PRODUCT_TEXTS.of(t).col_period}</dt><dd>{period(w.start_date, w.end_date, format)}</dd></div>
                </dl>
            </li>
        }
    });
    view! {
        <section class="panel" aria-labelledby="coverage-heading">
            <h2 id="coverage-heading">{PRODUCT_TEXTS.of(t).coverage_heading}</h2>
            {coverage}
            <h3>{PRODUCT_TEXTS.of(t).product_contracts_heading}</h3>
            {contracts}
            <h3>{PRODUCT_TEXTS.of(t).warranties_heading}</h3>
            {warranties}
        </section>
    }
}

/// The products it is (or was) linked to in SLCP, current links first.
fn slcp_section(t: &'static Texts, dates: &Dates, mut links: Vec<SlcpLinkDto>) -> impl IntoView {
    let (format, zone) = (dates.0, dates.1.clone());
    // Current links first, then the most recent.
    links.sort_by(|a, b| {
        (a.unlinked_at.is_some(), std::cmp::Reverse(a.linked_at))
            .cmp(&(b.unlinked_at.is_some(), std::cmp::Reverse(b.linked_at)))
    });
    let slcp = item_list(links, PRODUCT_TEXTS.of(t).no_slcp, |l| {
        let name = display_name(l.other.custom_name.as_deref(), &l.other.description).to_owned();
        let linked = format_date(date_in_zone(l.linked_at, &zone), format);
        let unlinked = match l.unlinked_at {
            Some(at) => format_date(date_in_zone(at, &zone), format),
            None => PRODUCT_TEXTS.of(t).still_linked.to_owned(),
        };
        view! {
            <li class="item">
                <div class="item-head">
                    <A href=installed_product_path(l.other.id)>{name}</A>
                    <span class="secondary">{l.other.number}</span>
                </div>
                <dl class="facts">
                    <div><dt>{PRODUCT_TEXTS.of(t).col_kind}</dt><dd>{product_kind_name(t, l.other_kind)}</dd></div>
                    <div><dt>{PRODUCT_TEXTS.of(t).col_linked}</dt><dd>{linked}</dd></div>
                    <div><dt>{PRODUCT_TEXTS.of(t).col_unlinked}</dt><dd>{unlinked}</dd></div>
                </dl>
            </li>
        }
    });
    view! {
        <section class="panel" aria-labelledby="slcp-heading">
            <h2 id="slcp-heading">{PRODUCT_TEXTS.of(t).slcp_heading}</h2>
            <p class="hint">{PRODUCT_TEXTS.of(t).slcp_hint}</p>
            {slcp}
        </section>
    }
}

/// "2026-01-01 – 2026-12-31".
pub fn period(start: NaiveDate, end: NaiveDate, format: DateFormat) -> String {
    format!(
        "{} – {}",
        format_date(start, format),
        format_date(end, format)
    )
}

/// The custom details as they are stored now.
fn custom_details_list(t: &'static Texts, d: &InstalledProductDetail) -> impl IntoView {
    let value = |v: &Option<String>| v.clone().unwrap_or_else(|| t.not_recorded.to_owned());
    let c = &d.custom_details;
    view! {
        <dl class="facts facts-wide custom-details-current">
            <div><dt>{PRODUCT_TEXTS.of(t).custom_name_label}</dt><dd>{value(&c.custom_name)}</dd></div>
            <div><dt>{t.customer_reference_label}</dt><dd>{value(&c.customer_reference)}</dd></div>
            <div><dt>{PRODUCT_TEXTS.of(t).customer_location_label}</dt><dd>{value(&c.customer_location)}</dd></div>
        </dl>
    }
}

/// What came of the last save or reload.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Saved,
    /// 412: someone else changed the product meanwhile.
    Conflict,
    Reloaded,
    Forbidden,
    /// 422, or caught before sending.
    Invalid(Vec<FieldError>),
    Failed(ApiError),
}

/// The three fields of the form: request name, input id, label.
const FIELDS: [(&str, &str, TextFn); 3] = [
    ("custom_name", "custom-name", |t| {
        PRODUCT_TEXTS.of(t).custom_name_label
    }),
    ("customer_reference", "customer-reference", |t| {
        t.customer_reference_label
    }),
    ("customer_location", "customer-location", |t| {
        PRODUCT_TEXTS.of(t).customer_location_label
    }),
];

/// Fields longer than the server takes, caught before sending.
pub fn too_long_fields(request: &UpdateCustomDetailsRequest) -> Vec<FieldError> {
    let values = [
        &request.custom_name,
        &request.customer_reference,
        &request.customer_location,
    ];
    FIELDS
        .iter()
        .zip(values)
        .filter(|(_, value)| {
            value
                .as_deref()
                .is_some_and(|v| v.trim().chars().count() > CustomText::MAX_CHARS)
        })
        .map(|((field, _, _), _)| FieldError {
            field: (*field).to_owned(),
            code: FieldErrorCode::TooLong,
            message: String::new(),
        })
        .collect()
}

/// The request for the typed values: trimmed, empty ones cleared.
pub fn update_request(name: &str, reference: &str, location: &str) -> UpdateCustomDetailsRequest {
    let value = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    UpdateCustomDetailsRequest {
        custom_name: value(name),
        customer_reference: value(reference),
        customer_location: value(location),
    }
}

/// What to do with the answer to a save.
fn outcome_of(err: ApiError) -> Outcome {
    match err.code() {
        Some(ProblemCode::PreconditionFailed) => Outcome::Conflict,
        Some(ProblemCode::Forbidden) => Outcome::Forbidden,
        Some(ProblemCode::ValidationFailed) => match &err {
            ApiError::Problem(p) if !p.errors.is_empty() => Outcome::Invalid(p.errors.clone()),
            _ => Outcome::Failed(err),
        },
        _ => Outcome::Failed(err),
    }
}

/// Edits the custom details with `If-Match`; typed values stay on any error.
#[component]
fn CustomDetailsForm(product: LocalResource<Loaded>) -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    let form = CustomForm::new(product);
    let CustomForm {
        values, outcome, ..
    } = form;
    let save = save_action(auth, form);
    let reload = reload_action(auth, form);
    let busy = move || save.pending().get() || reload.pending().get();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy() {
            return;
        }
        let [name, reference, location] = values.map(|v| v.get_untracked());
        let request = update_request(&name, &reference, &location);
        let invalid = too_long_fields(&request);
        if invalid.is_empty() {
            outcome.set(None);
            save.dispatch(request);
        } else {
            outcome.set(Some(Outcome::Invalid(invalid)));
        }
    };
    let field_error = move |field: &'static str| form.field_error(t, field);

    view! {
        <form class="custom-details" on:submit=on_submit novalidate>
            {custom_summary(t, outcome, busy, move || {
                reload.dispatch(());
            })}
            <div class="form-live" aria-live="polite">
                {custom_success(t, outcome)}
            </div>
            {custom_inputs(t, values, field_error)}
            <button type="submit" class="button-primary button-inline" disabled=busy>
                {move || if save.pending().get() { t.get().saving } else { PRODUCT_TEXTS.of(t.get()).save_custom_details }}
            </button>
        </form>
    }
}

/// The custom details form's state, which its pieces share (signals, so
/// `Copy`).
#[derive(Clone, Copy)]
struct CustomForm {
    product: LocalResource<Loaded>,
    /// Name, reference and location, as typed.
    values: [RwSignal<String>; 3],
    outcome: RwSignal<Option<Outcome>>,
}

impl CustomForm {
    /// The form, filled with the custom details as loaded.
    fn new(product: LocalResource<Loaded>) -> Self {
        let initial = current(product)
            .map(|(_, d)| d.value.custom_details)
            .unwrap_or_default();
        let values = [
            RwSignal::new(initial.custom_name.unwrap_or_default()),
            RwSignal::new(initial.customer_reference.unwrap_or_default()),
            RwSignal::new(initial.customer_location.unwrap_or_default()),
        ];
        Self {
            product,
            values,
            outcome: RwSignal::new(None),
        }
    }

    /// Shows the product as the server has it now; the form keeps what was typed.
    fn show(self, id: String, detail: Detail) {
        self.product.set(Some((id, Ok(detail))));
    }

    /// The error the last try found in `field`, if any.
    fn field_error(self, t: Signal<&'static Texts>, field: &str) -> Option<&'static str> {
        self.outcome.with(|o| match o {
            Some(Outcome::Invalid(errors)) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| field_error_text(t.get(), e.code)),
            _ => None,
        })
    }
}

/// The product's id and answer as loaded now (not tracked), if it loaded.
fn current(product: LocalResource<Loaded>) -> Option<(String, Detail)> {
    product.with_untracked(|loaded| {
        loaded
            .as_ref()
            .and_then(|(id, r)| r.as_ref().ok().map(|d| (id.clone(), d.clone())))
    })
}

/// Saves the typed details with the loaded `ETag`; saved, the form takes the
/// server's values.
fn save_action(auth: Auth, form: CustomForm) -> Action<UpdateCustomDetailsRequest, ()> {
    let CustomForm {
        product,
        values,
        outcome,
    } = form;
    Action::new_local(move |request: &UpdateCustomDetailsRequest| {
        let request = request.clone();
        async move {
            let Some((id, loaded)) = current(product) else {
                return;
            };
            let etag = loaded.etag.clone();
            let result = auth
                .api()
                .update_custom_details(&id, etag.as_deref(), &request)
                .await;
            match result {
                Ok(saved) => {
                    let c = saved.value.custom_details.clone();
                    for (signal, value) in values.iter().zip([
                        c.custom_name,
                        c.customer_reference,
                        c.customer_location,
                    ]) {
                        signal.set(value.unwrap_or_default());
                    }
                    form.show(id, saved);
                    outcome.set(Some(Outcome::Saved));
                }
                Err(err) => outcome.set(Some(outcome_of(err))),
            }
        }
    })
}

/// Loads the product again (after a conflict); the form keeps what was typed.
fn reload_action(auth: Auth, form: CustomForm) -> Action<(), ()> {
    let CustomForm {
        product, outcome, ..
    } = form;
    Action::new_local(move |_: &()| async move {
        let Some((id, _)) = current(product) else {
            return;
        };
        let result = auth.api().installed_product(&id).await;
        match result {
            Ok(fresh) => {
                form.show(id, fresh);
                outcome.set(Some(Outcome::Reloaded));
            }
            Err(err) => outcome.set(Some(Outcome::Failed(err))),
        }
    })
}

/// The line that says the last save or reload went well.
fn custom_success(t: Signal<&'static Texts>, outcome: RwSignal<Option<Outcome>>) -> impl IntoView {
    move || {
        let t = t.get();
        match outcome.get() {
            Some(Outcome::Saved) => Some(
                view! { <p class="form-success" role="status">{PRODUCT_TEXTS.of(t).custom_saved}</p> },
            ),
            Some(Outcome::Reloaded) => Some(
                view! { <p class="form-success" role="status">{PRODUCT_TEXTS.of(t).custom_reloaded}</p> },
            ),
            _ => None,
        }
    }
}

/// What went wrong with the last save or reload; for a conflict, the way
/// to the latest.
fn custom_summary(
    t: Signal<&'static Texts>,
    outcome: RwSignal<Option<Outcome>>,
    busy: impl Fn() -> bool + Copy + Send + Sync + 'static,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        let t = t.get();
        match outcome.get() {
            Some(Outcome::Conflict) => {
                conflict_notice(PRODUCT_TEXTS.of(t).custom_conflict, PRODUCT_TEXTS.of(t).reload_product, busy, reload)
                    .into_any()
            }
            Some(Outcome::Forbidden) => {
                view! { <p class="form-error" role="alert">{PRODUCT_TEXTS.of(t).custom_forbidden}</p> }.into_any()
            }
            Some(Outcome::Failed(err)) => {
                view! { <p class="form-error" role="alert">{error_message(t, &err)}</p> }.into_any()
            }
            Some(Outcome::Invalid(errors)) => {
                // In the order of the form; only the fields it shows.
                let shown: Vec<FieldError> = FIELDS
                    .iter()
                    .filter_map(|(field, ..)| errors.iter().find(|e| e.field == *field).cloned())
                    .collect();
                invalid_summary(t, &shown, |e| {
                    let (_, id, label) = FIELDS.iter().find(|(field, ..)| e.field == *field)?;
                    Some((id.to_string(), format!("{}: {}", label(t), field_error_text(t, e.code))))
                })
            }
            Some(Outcome::Saved | Outcome::Reloaded) | None => ().into_any(),
        }
    }
}

/// The three custom texts, each with its help and error.
fn custom_inputs(
    t: Signal<&'static Texts>,
    values: [RwSignal<String>; 3],
    field_error: impl Fn(&'static str) -> Option<&'static str> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    FIELDS
        .iter()
        .zip(values)
        .map(|((field, id, label), value)| {
            let help_id = format!("{id}-help");
            let error_id = format!("{id}-error");
            let described = {
                let (help_id, error_id) = (help_id.clone(), error_id.clone());
                move || match field_error(field) {
                    Some(_) => format!("{help_id} {error_id}"),
                    None => help_id.clone(),
                }
            };
            view! {
                <div class="field">
                    <label for=*id>{move || label(t.get())}</label>
                    <input
                        id=*id
                        name=*field
                        type="text"
                        autocomplete="off"
                        prop:value=value
                        on:input=move |ev| value.set(event_target_value(&ev))
                        aria-invalid=move || field_error(field).map(|_| "true")
                        aria-describedby=described
                    />
                    <p id=help_id class="field-help">{move || PRODUCT_TEXTS.of(t.get()).custom_field_help}</p>
                    {move || field_error(field).map(|text| view! {
                        <p id=error_id.clone() class="field-error">{text}</p>
                    })}
                </div>
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::problem_with as problem;

    #[test]
    fn requests_trim_and_clear_empty_fields() {
        let request = update_request("  CT links ", "", "   ");
        assert_eq!(request.custom_name.as_deref(), Some("CT links"));
        assert_eq!(request.customer_reference, None);
        assert_eq!(request.customer_location, None);
    }

    #[test]
    fn more_than_100_characters_is_caught_before_sending() {
        let ok = "é".repeat(100);
        let long = "x".repeat(101);
        let request = update_request(&ok, &long, "Room 2");
        let errors = too_long_fields(&request);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "customer_reference");
        assert_eq!(errors[0].code, FieldErrorCode::TooLong);
    }

    #[test]
    fn answers_map_onto_what_the_form_shows() {
        assert_eq!(
            outcome_of(problem(ProblemCode::PreconditionFailed, Vec::new())),
            Outcome::Conflict
        );
        assert_eq!(
            outcome_of(problem(ProblemCode::Forbidden, Vec::new())),
            Outcome::Forbidden
        );
        let field = FieldError {
            field: "custom_name".into(),
            code: FieldErrorCode::TooLong,
            message: "m".into(),
        };
        assert_eq!(
            outcome_of(problem(ProblemCode::ValidationFailed, vec![field.clone()])),
            Outcome::Invalid(vec![field])
        );
        assert!(matches!(
            outcome_of(ApiError::Network("offline".into())),
            Outcome::Failed(_)
        ));
    }

    #[test]
    fn periods_use_the_users_format() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        assert_eq!(
            period(start, end, DateFormat::DayMonthYear),
            "01-01-2026 – 31-12-2026"
        );
    }
}

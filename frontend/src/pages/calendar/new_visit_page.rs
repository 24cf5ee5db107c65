//! `/calendar/new` (the Service role): plans a visit on an installed
//! product. `?product=<id>` picks the product (its page links here),
//! `&case=<id>` also the case (the case page's link), `?date=` the day
//! (the calendar's link, with the day it shows). Planned, the visit's own
//! page opens and says so.

use super::visit_form::{Draft, VisitForm, PRODUCT_SEARCH_ID};
use crate::api::ApiError;
use crate::components::detail::{loading, page_error};
use crate::components::document::set_title;
use crate::components::forms::{
    field_error, show_failure, show_invalid, submit_once, Failure, SubmitButton,
};
use crate::format::{date_in_zone, now};
use crate::i18n::calendar_texts::CALENDAR_TEXTS;
use crate::i18n::{count_text, error_message, Texts};
use crate::pages::installed_products_page::display_name;
use crate::query::{from_wire, parse_day, CalendarView, ListView};
use crate::routes::Page;
use crate::state::auth::{use_auth, use_texts};
use crate::state::flash::{use_flash, Notice};
use api_types::{
    FieldErrorCode, InstalledProductDetail, InstalledProductPage, InstalledProductQuery,
    InstalledProductSummary, NewPlannedEventRequest,
};
use chrono::{NaiveDate, TimeDelta};
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::time::Duration;

const ERRORS_ID: &str = "visit-errors";

/// The product a visit is planned on, as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenProduct {
    pub id: String,
    pub number: String,
    pub name: String,
    pub location: String,
}

impl ChosenProduct {
    fn from_summary(p: &InstalledProductSummary) -> Self {
        Self {
            id: p.id.to_string(),
            number: p.number.clone(),
            name: display_name(p.custom_name.as_deref(), &p.description).to_owned(),
            location: p.location.name.clone(),
        }
    }

    fn from_detail(p: &InstalledProductDetail) -> Self {
        Self {
            id: p.id.to_string(),
            number: p.number.clone(),
            name: display_name(p.custom_details.custom_name.as_deref(), &p.description).to_owned(),
            location: p.location.name.clone(),
        }
    }
}

#[component]
pub fn NewVisitPage() -> impl IntoView {
    let (auth, t) = (use_auth(), use_texts());
    Effect::new(move |_| {
        let t = t.get();
        set_title(CALENDAR_TEXTS.of(t).plan_visit, t.product_name);
    });
    let (product, case, day) = use_query_map().with_untracked(|q| {
        let day = q.get("date").and_then(|d| parse_day(&d));
        (q.get("product"), q.get("case"), day)
    });
    let wanted = product.is_some();
    // Some(answer) once asked; the answer is None for an unknown product,
    // and the form then opens without one.
    let preselected = RwSignal::new(None::<Option<ChosenProduct>>);
    if let Some(id) = product {
        leptos::task::spawn_local(async move {
            let result = auth.api().installed_product(&id).await;
            let chosen = result.ok().map(|p| ChosenProduct::from_detail(&p.value));
            preselected.try_set(Some(chosen));
        });
    }
    let back = CalendarView::default().on_day(day).href();
    view! {
        <p class="back-link">
            <A href=back>{move || CALENDAR_TEXTS.of(t.get()).back_to_calendar}</A>
        </p>
        <h1>{move || CALENDAR_TEXTS.of(t.get()).plan_visit}</h1>
        {move || {
            let t = t.get();
            if !auth.may(domain::Action::PlanServiceEvents) {
                return page_error(CALENDAR_TEXTS.of(t).plan_forbidden.to_owned());
            }
            match (wanted, preselected.get()) {
                (true, None) => loading(t.product_loading),
                (_, chosen) => {
                    let chosen = chosen.flatten();
                    // A case goes with the product it was linked from.
                    let case = case.clone().filter(|_| chosen.is_some());
                    view! { <PlanVisitForm t product=chosen case day/> }.into_any()
                }
            }
        }}
    }
}

#[component]
fn PlanVisitForm(
    t: &'static Texts,
    product: Option<ChosenProduct>,
    case: Option<String>,
    day: Option<NaiveDate>,
) -> impl IntoView {
    let (auth, flash, navigate) = (use_auth(), use_flash(), use_navigate());
    let c = CALENDAR_TEXTS.of(t);
    let zone = auth.time_zone();
    // Tomorrow, unless the calendar showed a day.
    let day = day.unwrap_or_else(|| date_in_zone(now(), &zone) + TimeDelta::days(1));
    let chosen = RwSignal::new(product);
    let product_id = Signal::derive(move || chosen.with(|p| p.as_ref().map(|p| p.id.clone())));
    let engineers = LocalResource::new(move || auth.api().engineers());
    let form = VisitForm::new(Draft::new_visit(day, case), engineers, product_id);
    let product_error = Signal::derive(move || {
        form.failure.with(|f| {
            let errors = Failure::field_errors(f);
            errors
                .iter()
                .find(|e| crate::components::forms::field_key(&e.field) == "installed_product_id")
                .map(|e| super::visit_form::visit_error_text(t, &e.field, e.code))
        })
    });

    let send = Action::new_local(move |request: &NewPlannedEventRequest| {
        let (request, navigate) = (request.clone(), navigate.clone());
        async move {
            match auth.api().plan_event(&request).await {
                Ok(event) => {
                    let path = format!("{}/{}", Page::Calendar.path(), event.id);
                    flash.show_on(&path, Notice::Done(c.visit_planned.to_owned()));
                    navigate(&path, NavigateOptions::default());
                }
                Err(err) => show_failure(form.failure, err, ERRORS_ID),
            }
        }
    });
    let pending = send.pending();
    let on_submit = submit_once(pending, move || {
        let product = chosen.with_untracked(|p| p.as_ref().and_then(|p| from_wire(&p.id)));
        let plan = form.plan(&auth.time_zone());
        match (product, plan) {
            (Some(installed_product_id), Ok(plan)) => {
                form.failure.set(None);
                send.dispatch(NewPlannedEventRequest {
                    installed_product_id,
                    plan,
                });
            }
            (product, plan) => {
                let mut errors = Vec::new();
                if product.is_none() {
                    errors.push(field_error(
                        "installed_product_id",
                        FieldErrorCode::Required,
                    ));
                }
                errors.extend(plan.err().unwrap_or_default());
                show_invalid(form.failure, errors, ERRORS_ID);
            }
        }
    });
    let on_change = Callback::new(move |()| form.forget_case());

    view! {
        <form class="case-form visit-form" on:submit=on_submit novalidate>
            <p class="hint">{c.plan_visit_intro}</p>
            {form.summary(t, ERRORS_ID)}
            <ProductChoice t chosen error=product_error on_change/>
            {form.fields(t, zone)}
            <SubmitButton class="button-primary button-inline" pending busy=c.planning idle=c.submit_plan/>
        </form>
    }
}

/// How many matches the search lists.
const RESULTS: u32 = 10;
/// Typing pauses this long before the search runs.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// The installed product: a search and its matches as buttons, or the
/// chosen one with a way to choose another (`on_change`).
#[component]
fn ProductChoice(
    t: &'static Texts,
    chosen: RwSignal<Option<ChosenProduct>>,
    error: Signal<Option<String>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let (auth, c) = (use_auth(), CALENDAR_TEXTS.of(t));
    let typed = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(handle) = timer.try_get_value().flatten() {
            handle.clear();
        }
    });
    // The answer to the last search, for the words it answers; the first
    // products before anything is typed.
    let results = RwSignal::new(None::<(String, Result<InstalledProductPage, ApiError>)>);
    Effect::new(move |_| {
        let q = search.get();
        if chosen.with(Option::is_some) {
            return;
        }
        leptos::task::spawn_local(async move {
            let query = InstalledProductQuery {
                q: Some(q.trim().to_owned()).filter(|q| !q.is_empty()),
                page_size: Some(RESULTS),
                ..InstalledProductQuery::default()
            };
            let result = auth.api().installed_products(&query).await;
            // A slower answer to an older search is dropped.
            if search.try_get_untracked().as_ref() == Some(&q) {
                results.try_set(Some((q, result)));
            }
        });
    });
    let search_input = NodeRef::<html::Input>::new();
    let change_button = NodeRef::<html::Button>::new();
    let on_input = move |ev: leptos::ev::Event| {
        typed.set(event_target_value(&ev));
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                if let Some(q) = typed.try_get_untracked() {
                    search.try_set(q);
                }
            },
            DEBOUNCE,
        );
        timer.set_value(handle.ok());
    };
    // Enter searches at once instead of sending the form.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            search.set(typed.get_untracked());
        }
    };
    let pick = move |product: ChosenProduct| {
        chosen.set(Some(product));
        on_change.run(());
        request_animation_frame(move || {
            if let Some(button) = change_button.get_untracked() {
                let _ = button.focus();
            }
        });
    };
    let change = move |_| {
        chosen.set(None);
        on_change.run(());
        request_animation_frame(move || {
            if let Some(input) = search_input.get_untracked() {
                let _ = input.focus();
            }
        });
    };
    // Only the answer to what is in the box: a list that changes under the
    // pointer while typing would be clicked by mistake.
    let fresh = Memo::new(move |_| {
        results.with(|r| matches!(r, Some((q, _)) if typed.with(|typed| typed.trim() == q.trim())))
    });
    let choices = move || {
        if !fresh.get() {
            return None;
        }
        let (_, result) = results.get()?;
        let view = match result {
            Err(err) => {
                view! { <p class="form-error" role="alert">{error_message(t, &err)}</p> }.into_any()
            }
            Ok(page) if page.items.is_empty() => {
                view! { <p class="empty-state">{c.product_search_none}</p> }.into_any()
            }
            Ok(page) => view! {
                <ul class="product-results">
                    {page
                        .items
                        .iter()
                        .map(|p| {
                            let product = ChosenProduct::from_summary(p);
                            let line = format!("{} · {} · {}", product.number, p.serial_number, product.location);
                            let name = product.name.clone();
                            view! {
                                <li class="product-choice">
                                    <button type="button" on:click=move |_| pick(product.clone())>
                                        <span class="choice-name">{name}</span>
                                        <span class="secondary">{line}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        };
        Some(view)
    };
    let summary = move || {
        if !fresh.get() {
            return c.product_searching.to_owned();
        }
        match results.get() {
            Some((_, Ok(page))) => {
                count_text(t.products_total_one, t.products_total, page.paging.total)
            }
            _ => String::new(),
        }
    };
    let error_id = format!("{PRODUCT_SEARCH_ID}-error");
    let help_id = format!("{PRODUCT_SEARCH_ID}-help");
    let described = {
        let (error_id, help_id) = (error_id.clone(), help_id.clone());
        move || match error.with(Option::is_some) {
            true => format!("{help_id} {error_id}"),
            false => help_id.clone(),
        }
    };

    view! {
        <fieldset class="product-picker">
            <legend>{c.col_product} {crate::components::forms::required_marker(t)}</legend>
            {move || match chosen.get() {
                Some(p) => view! {
                    <div class="selected-product">
                        <p>
                            <span class="selected-label">{c.selected_product}</span>
                            " "
                            <strong class="selected-name">{p.name}</strong>
                            " "
                            <span class="secondary">
                                <span class="product-number">{p.number}</span>
                                " · "
                                {p.location}
                            </span>
                        </p>
                        <button type="button" class="button-secondary change-product" node_ref=change_button on:click=change>
                            {c.change_product}
                        </button>
                    </div>
                }
                .into_any(),
                None => view! {
                    <div class="field">
                        <label for=PRODUCT_SEARCH_ID>{c.product_search_label}</label>
                        <input
                            id=PRODUCT_SEARCH_ID
                            type="search"
                            autocomplete="off"
                            node_ref=search_input
                            aria-describedby=described.clone()
                            aria-invalid=move || error.with(Option::is_some).then_some("true")
                            prop:value=typed
                            on:input=on_input
                            on:keydown=on_keydown
                        />
                        <p id=help_id.clone() class="field-help">{c.product_search_help}</p>
                        {
                            let error_id = error_id.clone();
                            move || error.get().map(|text| view! { <p id=error_id.clone() class="field-error">{text}</p> })
                        }
                    </div>
                    <p class="result-summary" role="status">{summary}</p>
                    {choices}
                }
                .into_any(),
            }}
        </fieldset>
    }
}

//! `/calendar/new` (the Service role): plans a visit on an installed
//! product. `?product=<id>` picks the product (its page links here),
//! `&case=<id>` also the case (the case page's link), `?date=` the day
//! (the calendar's link, with the day it shows). Planned, the visit's own
//! page opens and says so.

use super::visit_form::{Draft, VisitForm, PRODUCT_SEARCH_ID};
use crate::components::detail::{loading, page_error};
use crate::components::document::use_title;
use crate::components::forms::{
    field_error, show_failure, show_invalid, submit_once, Failure, SubmitButton,
};
use crate::format::{date_in_zone, now};
use crate::i18n::calendar_texts::CALENDAR_TEXTS;
use crate::i18n::Texts;
use crate::pages::cases::product_picker::{PickedProduct, PickerWords, ProductPicker};
use crate::query::{from_wire, parse_day, CalendarView, ListView};
use crate::routes::Page;
use crate::state::auth::{use_auth, use_texts};
use crate::state::flash::{use_flash, Notice};
use api_types::{FieldErrorCode, NewPlannedEventRequest};
use chrono::{NaiveDate, TimeDelta};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

const ERRORS_ID: &str = "visit-errors";

#[component]
pub fn NewVisitPage() -> impl IntoView {
    let (auth, t) = (use_auth(), use_texts());
    use_title(move |t| CALENDAR_TEXTS.of(t).plan_visit);
    let (product, case, day) = use_query_map().with_untracked(|q| {
        let day = q.get("date").and_then(|d| parse_day(&d));
        (q.get("product"), q.get("case"), day)
    });
    let wanted = product.is_some();
    // Some(answer) once asked; the answer is None for an unknown product,
    // and the form then opens without one.
    let preselected = RwSignal::new(None::<Option<PickedProduct>>);
    if let Some(id) = product {
        leptos::task::spawn_local(async move {
            let result = auth.api().installed_product(&id).await;
            let chosen = result.ok().map(|p| PickedProduct::from_detail(&p.value));
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
    product: Option<PickedProduct>,
    case: Option<String>,
    day: Option<NaiveDate>,
) -> impl IntoView {
    let (auth, flash, navigate) = (use_auth(), use_flash(), use_navigate());
    let c = CALENDAR_TEXTS.of(t);
    let words = PickerWords {
        search_id: PRODUCT_SEARCH_ID,
        legend: c.col_product,
        search_label: c.product_search_label,
        search_help: c.product_search_help,
        searching: c.product_searching,
        none_found: c.product_search_none,
        selected: c.selected_product,
        change: c.change_product,
    };
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
            <ProductPicker t words selected=chosen error=product_error on_change/>
            {form.fields(t, zone)}
            <SubmitButton class="button-primary button-inline" pending busy=c.planning idle=c.submit_plan/>
        </form>
    }
}

//! The calendar's filters: event type, status and modality from their
//! fixed lists; location and installed product from the events loaded so
//! far (the calendar has no list of its own of them), applied as soon as
//! one changes and kept in the URL.

use super::calendar_page::CalendarList;
use crate::components::list::{any_then, choice_options, filter_select, options, select_value};
use crate::i18n::calendar_texts::{CALENDAR_TEXTS, EVENT_STATUSES, EVENT_TYPES};
use crate::i18n::{modality_name, MODALITIES};
use crate::pages::installed_products_page::display_name;
use crate::query::{from_wire, value_text, wire_name, CalendarView};
use api_types::{PlannedEventDto, ProductRef};
use leptos::prelude::*;

/// `(id, label)` choices, sorted by label.
type Choices = Vec<(String, String)>;

/// The locations and products met in the answers while the page is open.
#[derive(Clone, Copy)]
struct Seen {
    locations: RwSignal<Choices>,
    products: RwSignal<Choices>,
}

pub fn calendar_filters(list: CalendarList) -> impl IntoView {
    let seen = remember_seen(list);
    let wire = |v: Option<String>| v.unwrap_or_default();
    let type_select = list.kept_select(move |v| wire(v.query.event_type.map(|k| wire_name(&k))));
    let status_select = list.kept_select(move |v| wire(v.query.status.map(|s| wire_name(&s))));
    let modality_select = list.kept_select(move |v| wire(v.query.modality.map(|m| wire_name(&m))));
    let (location_select, product_select) = (NodeRef::new(), NodeRef::new());
    let read = move |mut view: CalendarView| {
        let q = &mut view.query;
        q.event_type = from_wire(&select_value(type_select));
        q.status = from_wire(&select_value(status_select));
        q.modality = from_wire(&select_value(modality_select));
        q.location = from_wire(&select_value(location_select));
        q.installed_product = from_wire(&select_value(product_select));
        view
    };
    let on_change = list.on_change(read);
    let current = list.current;
    list.filter_form_in("calendar-filters filters", read, move |t| {
        let c = CALENDAR_TEXTS.of(t);
        let types = options(EVENT_TYPES.map(|k| (wire_name(&k), c.type_name(k))));
        let statuses = options(EVENT_STATUSES.map(|s| (wire_name(&s), c.status_name(s))));
        let modalities = options(MODALITIES.map(|m| (wire_name(&m), modality_name(t, m))));
        // Re-drawn as new places come in; each keeps the URL's choice selected.
        let locations = move || {
            let chosen = current.with(location_of);
            let choices = with_chosen(seen.locations.get(), &chosen, c.chosen_location);
            let choices = any_choice(c.any_location).chain(labelled(choices));
            choice_options(current, location_of, choices)
        };
        let products = move || {
            let chosen = current.with(product_of);
            let choices = with_chosen(seen.products.get(), &chosen, c.chosen_product);
            let choices = any_choice(c.any_product).chain(labelled(choices));
            choice_options(current, product_of, choices)
        };
        let fields = view! {
            {filter_select("filter", ("filter-event-type", "event_type"), c.filter_type, type_select, on_change.clone(), any_then(c.any_type, types))}
            {filter_select("filter", ("filter-event-status", "status"), t.col_status, status_select, on_change.clone(), any_then(c.any_status, statuses))}
            {filter_select("filter", ("filter-modality", "modality"), t.filter_modality, modality_select, on_change.clone(), any_then(t.any_modality, modalities))}
            {filter_select("filter", ("filter-location", "location"), t.filter_location, location_select, on_change.clone(), locations)}
            {filter_select("filter", ("filter-product", "installed_product"), c.filter_product, product_select, on_change.clone(), products)}
        };
        (c.filters_label, c.apply_filters, fields)
    })
}

fn location_of(v: &CalendarView) -> String {
    value_text(v.query.location)
}

fn product_of(v: &CalendarView) -> String {
    value_text(v.query.installed_product)
}

fn any_choice(label: &'static str) -> impl Iterator<Item = (String, AnyView)> {
    std::iter::once((String::new(), label.into_any()))
}

fn labelled(choices: Choices) -> impl Iterator<Item = (String, AnyView)> {
    choices
        .into_iter()
        .map(|(id, label)| (id, label.into_any()))
}

/// Collects the places of every answer into [`Seen`].
fn remember_seen(list: CalendarList) -> Seen {
    let seen = Seen {
        locations: RwSignal::new(Vec::new()),
        products: RwSignal::new(Vec::new()),
    };
    Effect::new(move |_| {
        list.answer.with(|loaded| {
            let Some((_, Ok(page))) = loaded else { return };
            let items = &page.items;
            seen.locations
                .maybe_update(|s| merge(s, items.iter().map(location_choice)));
            seen.products.maybe_update(|s| {
                merge(
                    s,
                    items.iter().map(|e| product_choice(&e.installed_product)),
                )
            });
        });
    });
    seen
}

fn location_choice(e: &PlannedEventDto) -> (String, String) {
    (e.location.id.to_string(), e.location.name.clone())
}

/// "IP-40010001 · Ingenia 1.5T".
fn product_choice(p: &ProductRef) -> (String, String) {
    let name = display_name(p.custom_name.as_deref(), &p.description);
    (p.id.to_string(), format!("{} · {name}", p.number))
}

/// Adds the choices not seen before, keeping them sorted by label; true
/// when any was new.
fn merge(seen: &mut Choices, found: impl Iterator<Item = (String, String)>) -> bool {
    let before = seen.len();
    for (id, label) in found {
        if !seen.iter().any(|(known, _)| *known == id) {
            seen.push((id, label));
        }
    }
    seen.sort_by(|a, b| a.1.cmp(&b.1));
    seen.len() != before
}

/// The choices, and the URL's choice under `unknown` when no answer named it
/// yet (a shared link, a filter that matches nothing), so the select shows it.
fn with_chosen(mut choices: Choices, chosen: &str, unknown: &str) -> Choices {
    if !chosen.is_empty() && !choices.iter().any(|(id, _)| id == chosen) {
        choices.insert(0, (chosen.to_owned(), unknown.to_owned()));
    }
    choices
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(id: &str, label: &str) -> (String, String) {
        (id.to_owned(), label.to_owned())
    }

    #[test]
    fn places_are_collected_once_each_and_sorted_by_name() {
        let mut seen = vec![choice("b", "Radiology")];
        assert!(merge(
            &mut seen,
            [choice("a", "Cardiology"), choice("b", "Radiology")].into_iter()
        ));
        assert_eq!(
            seen,
            vec![choice("a", "Cardiology"), choice("b", "Radiology")]
        );
        assert!(!merge(&mut seen, [choice("a", "Cardiology")].into_iter()));
    }

    #[test]
    fn the_urls_choice_stays_shown_before_any_answer_names_it() {
        let seen = vec![choice("a", "Cardiology")];
        assert_eq!(with_chosen(seen.clone(), "", "Chosen"), seen);
        assert_eq!(with_chosen(seen.clone(), "a", "Chosen"), seen);
        assert_eq!(
            with_chosen(seen, "z", "Chosen"),
            vec![choice("z", "Chosen"), choice("a", "Cardiology")]
        );
    }
}

//! `/service/queue`: every customer's open cases, most urgent first, then the
//! longest waiting, with where each stands against its response target.
//! Filters and page are in the URL; the rows refresh themselves every 30
//! seconds without disturbing the reader (see [`keep_fresh`]).

use crate::api::Api;
use crate::components::badges::{case_status_badge, priority_badge};
use crate::components::case_filters::CaseSelects;
use crate::components::list::heads;
use crate::components::list::{
    any_then, fact, filter_select, options, paged, select_value, use_list_page, ListPage, Shown,
};
use crate::format::Dates;
use crate::i18n::service_texts::{ServiceTexts, SERVICE_TEXTS};
use crate::i18n::{case_status_name, country_choices, fill, TextFn, Texts, CASE_STATUSES};
use crate::pages::installed_products_page::display_name;
use crate::query::{
    assignment_choice, from_wire, set_assignment_choice, value_text, waiting_choice, wire_name,
    ListView, QueueListView, ASSIGNED_TO_ME, MAX_HOURS, UNASSIGNED,
};
use crate::routes::case_path;
use crate::state::auth::{use_auth, Auth};
use api_types::{CaseStatusDto, QueueCaseDto, QueuePage};
use leptos::ev::Event;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use std::time::Duration;
use wasm_bindgen::JsCast;

paged!(QueuePage => QueueCaseDto);

/// How often the queue asks the server again.
const REFRESH_EVERY: Duration = Duration::from_secs(30);

/// The table's heads, in the order of the rows' cells.
const COLUMNS: [TextFn; 8] = heads! {
    SERVICE_TEXTS.col_case, SERVICE_TEXTS.col_priority, t.col_status,
    SERVICE_TEXTS.col_customer, SERVICE_TEXTS.col_account, SERVICE_TEXTS.col_product,
    SERVICE_TEXTS.col_engineer, SERVICE_TEXTS.col_waited
};

#[component]
pub fn ServiceQueuePage() -> impl IntoView {
    let list = use_list_page::<QueueListView, _, _>(Api::service_queue);
    let (auth, t) = (use_auth(), list.t);
    keep_fresh(list);
    let filters = Filters::new(list, auth);
    // Selects apply at once; the hours on submit.
    let read = move |view| filters.read(view);
    let on_change = list.on_change(read);

    view! {
        <div class="title-row">{list.heading()}</div>
        <p class="hint queue-intro">{move || SERVICE_TEXTS.of(t.get()).queue_intro}</p>
        {list.filter_form_in("queue-filters filters", read, move |t| {
            let texts = SERVICE_TEXTS.of(t);
            let fields = filter_fields(t, filters, on_change.clone());
            (texts.queue_filters_label, texts.apply_queue_filters, fields)
        })}
        // Reached with one customer's cases: say so, and offer the way out.
        {list.narrowed_notice("customer", |v| &mut v.query.parent_account, first_customer, [|t| SERVICE_TEXTS.of(t).customer_filter_notice, |t| SERVICE_TEXTS.of(t).customer_filter_unknown, |t| SERVICE_TEXTS.of(t).remove_customer_filter])}
        {list.answer_view(|| [|t| SERVICE_TEXTS.of(t).queue_loading, |t| SERVICE_TEXTS.of(t).queue_total_one, |t| SERVICE_TEXTS.of(t).queue_total], results)}
    }
}

/// The filter form's controls and what they show of the URL's view; its
/// pieces share them (signals and node refs, so `Copy`).
#[derive(Clone, Copy)]
struct Filters {
    auth: Auth,
    current: Memo<QueueListView>,
    status_select: NodeRef<html::Select>,
    selects: CaseSelects,
    country_select: NodeRef<html::Select>,
    assignment_select: NodeRef<html::Select>,
    waiting_select: NodeRef<html::Select>,
    older_input: NodeRef<html::Input>,
}

impl Filters {
    /// The controls, each select kept to the URL's view (the engineer's
    /// also to the user, once known).
    fn new(list: ListPage<QueueListView, QueuePage>, auth: Auth) -> Self {
        let current = list.current;
        let me = move || auth.me().map(|me| me.id.to_string());
        let status_select =
            list.kept_select(|v| v.query.status.map(|s| wire_name(&s)).unwrap_or_default());
        let selects = CaseSelects::kept(list, |v| (v.query.priority, v.query.modality));
        let country_select = list.kept_select(|v| v.query.country.clone().unwrap_or_default());
        let assignment_select = {
            let select = NodeRef::<html::Select>::new();
            // Also once the user is known: "assigned to me" is theirs.
            Effect::new(move |_| {
                let value = current.with(|v| assignment_choice(&v.query, me().as_deref()));
                if let Some(el) = select.get() {
                    el.set_value(&value);
                }
            });
            select
        };
        Self {
            auth,
            current,
            status_select,
            selects,
            country_select,
            assignment_select,
            waiting_select: list.kept_select(|v| waiting_choice(&v.query)),
            older_input: NodeRef::new(),
        }
    }

    /// `view` as the controls say.
    fn read(self, mut view: QueueListView) -> QueueListView {
        let q = &mut view.query;
        q.status = from_wire(&select_value(self.status_select));
        (q.priority, q.modality) = self.selects.read();
        q.country = Some(select_value(self.country_select)).filter(|c| !c.is_empty());
        let me = untrack(|| self.auth.me()).map(|me| me.id.to_string());
        set_assignment_choice(q, &select_value(self.assignment_select), me.as_deref());
        q.waiting_for_customer = select_value(self.waiting_select).parse().ok();
        q.older_than_hours = self
            .older_input
            .get_untracked()
            .and_then(|el| el.value().trim().parse().ok())
            .filter(|h| (1..=MAX_HOURS).contains(h));
        view
    }
}

/// The filters: status, priority, country, modality, engineer, waiting and
/// the hours waited.
fn filter_fields(
    t: &'static Texts,
    filters: Filters,
    on_change: impl Fn(Event) + Clone + 'static,
) -> impl IntoView {
    let texts = SERVICE_TEXTS.of(t);
    let (priority, modality) = filters.selects.fields(t, on_change.clone());
    // The queue holds open cases only.
    let statuses = options(
        CASE_STATUSES
            .into_iter()
            .filter(|s| *s != CaseStatusDto::Closed)
            .map(|s| (wire_name(&s), case_status_name(t, s))),
    );
    let countries = options(
        country_choices(t)
            .into_iter()
            .map(|(code, label)| (code.to_owned(), label)),
    );
    view! {
        {filter_select("filter", ("filter-status", "status"), t.col_status, filters.status_select, on_change.clone(), any_then(texts.any_status, statuses))}
        {priority}
        {filter_select("filter", ("filter-country", "country"), texts.filter_country, filters.country_select, on_change.clone(), any_then(texts.any_country, countries))}
        {modality}
        {filter_select("filter", ("filter-assignment", "assignment"), texts.filter_assignment, filters.assignment_select, on_change.clone(), view! {
            <option value="">{texts.any_engineer}</option>
            <option value=UNASSIGNED>{texts.only_unassigned}</option>
            <option value=ASSIGNED_TO_ME>{texts.assigned_to_me}</option>
        })}
        {filter_select("filter", ("filter-waiting", "waiting_for_customer"), texts.filter_waiting, filters.waiting_select, on_change.clone(), view! {
            <option value="">{texts.waiting_any}</option>
            <option value="true">{texts.waiting_only}</option>
            <option value="false">{texts.waiting_none}</option>
        })}
        {hours_filter(texts, filters)}
    }
}

/// The least hours waited (applied on submit).
fn hours_filter(texts: &'static ServiceTexts, filters: Filters) -> impl IntoView {
    let current = filters.current;
    let older = move || current.with(|v| value_text(v.query.older_than_hours));
    view! {
        <div class="filter filter-hours">
            <label for="filter-older">{texts.filter_older}</label>
            <input
                id="filter-older"
                name="older_than_hours"
                type="number"
                inputmode="numeric"
                min="1"
                max=MAX_HOURS.to_string()
                step="1"
                node_ref=filters.older_input
                aria-describedby="filter-older-help"
                prop:value=older
            />
            <p id="filter-older-help" class="field-help">{texts.filter_older_help}</p>
        </div>
    }
}

/// Asks the server again every [`REFRESH_EVERY`] while the page is open and
/// in view. The rows change only when the answer did, in one go (the old
/// ones stay on screen meanwhile, with no loading state); the URL (filters,
/// page) and the scroll position are untouched, and a focused link in the
/// rows is focused again in the new rows. A failed refresh keeps the rows
/// and waits for the next one.
fn keep_fresh(list: ListPage<QueueListView, QueuePage>) {
    let api = use_auth().api();
    let in_flight = StoredValue::new(false);
    let tick = move || {
        if in_flight.get_value() || page_hidden() {
            return;
        }
        let query = list.current.with_untracked(|v| v.query().clone());
        // Only over a settled answer to the URL's query: else one is on its way.
        let settled = list
            .answer
            .with_untracked(|a| matches!(a, Some((answered, _)) if *answered == query));
        if !settled {
            return;
        }
        in_flight.set_value(true);
        leptos::task::spawn_local(async move {
            let fresh = api.service_queue(&query).await;
            in_flight.try_update_value(|busy| *busy = false);
            let Ok(page) = fresh else {
                return;
            };
            let still_shown =
                list.current.try_with_untracked(|v| *v.query() == query) == Some(true);
            let changed = list.answer.try_with_untracked(|a| match a {
                Some((answered, Ok(old))) => *answered == query && *old != page,
                Some((answered, Err(_))) => *answered == query,
                None => false,
            }) == Some(true);
            if still_shown && changed {
                let focused = focused_row_link();
                list.answer.set(Some((query, Ok(page))));
                if let Some(href) = focused {
                    refocus_row_link(href);
                }
            }
        });
    };
    if let Ok(handle) = set_interval_with_handle(tick, REFRESH_EVERY) {
        on_cleanup(move || handle.clear());
    }
}

/// The tab is in the background (no point asking then).
fn page_hidden() -> bool {
    document().hidden()
}

/// The `href` of the link in the rows (or the pager) that has the focus.
fn focused_row_link() -> Option<String> {
    let active = document().active_element()?;
    active.closest(".results").ok()??;
    active.get_attribute("href")
}

/// Focuses the link to `href` in the new rows, once they are drawn.
fn refocus_row_link(href: String) {
    request_animation_frame(move || {
        let selector = format!(".results a[href=\"{href}\"]");
        let link = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(link) = link {
            let _ = link.focus();
        }
    });
}

/// The customer of the first case listed.
fn first_customer(page: &QueuePage) -> Option<String> {
    page.items.first().map(|c| c.parent_account.name.clone())
}

/// The rows (a table, or cards on a phone) and the pager.
fn results(shown: Shown<QueueListView, QueuePage>) -> AnyView {
    let texts = SERVICE_TEXTS.of(shown.t);
    let empty = shown.empty_text(texts.queue_none, texts.queue_empty);
    let shown_as = (empty, "data-table queue-table");
    shown.cards_or_table_of(shown_as, &COLUMNS, queue_card, queue_row)
}

/// "4 h 5 min", "25 min", "3 d 2 h": a duration of whole minutes, in the
/// largest two units.
pub fn duration_text(texts: &ServiceTexts, minutes: u32) -> String {
    let unit = |template: &str, n: u32| fill(template, &[("n", &n.to_string())]);
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let (big, small) = if days > 0 {
        (
            unit(texts.days_short, days),
            (hours > 0).then(|| unit(texts.hours_short, hours)),
        )
    } else if hours > 0 {
        (
            unit(texts.hours_short, hours),
            (mins > 0).then(|| unit(texts.minutes_short, mins)),
        )
    } else {
        return unit(texts.minutes_short, mins);
    };
    match small {
        Some(small) => format!("{big} {small}"),
        None => big,
    }
}

/// "4 h 5 min of 4 h" (or "Answered (target 4 h)" once the service side
/// answered the customer's latest word).
pub fn waited_text(texts: &ServiceTexts, c: &QueueCaseDto) -> String {
    let target = duration_text(texts, c.response_target_minutes);
    match c.waited_minutes {
        Some(waited) => fill(
            texts.waited_of_target,
            &[
                ("waited", &duration_text(texts, waited)),
                ("target", &target),
            ],
        ),
        None => fill(texts.answered, &[("target", &target)]),
    }
}

/// The wait against the target, and the markers (words, not only colour):
/// target missed, waiting for the customer.
fn waited_view(t: &'static Texts, c: &QueueCaseDto) -> AnyView {
    let texts = SERVICE_TEXTS.of(t);
    view! {
        <span class="queue-wait">
            <span class="waited">{waited_text(texts, c)}</span>
            {c.target_missed.then(|| view! { <span class="queue-marker target-missed">{texts.target_missed}</span> })}
            {c.waiting_for_customer.then(|| view! { <span class="queue-marker waiting-marker">{texts.waiting_for_customer}</span> })}
        </span>
    }
    .into_any()
}

fn product_view(c: &QueueCaseDto) -> AnyView {
    let p = &c.summary.installed_product;
    let name = display_name(p.custom_name.as_deref(), &p.description).to_owned();
    view! {
        <span class="product-number ident">{p.number.clone()}</span>
        <span class="secondary">{name}</span>
    }
    .into_any()
}

fn engineer(t: &'static Texts, c: &QueueCaseDto) -> String {
    c.assigned_engineer.as_ref().map_or_else(
        || SERVICE_TEXTS.of(t).unassigned.to_owned(),
        |e| e.display_name.clone(),
    )
}

fn queue_row(t: &'static Texts, _dates: &Dates, c: QueueCaseDto) -> impl IntoView {
    let (product, engineer, waited) = (product_view(&c), engineer(t, &c), waited_view(t, &c));
    view! {
        <tr class="queue-row">
            <td class="ident"><A href=case_path(c.summary.id) attr:class="case-link">{c.summary.number}</A></td>
            <td>{priority_badge(t, c.summary.priority)}</td>
            <td>{case_status_badge(t, c.summary.status)}</td>
            <td class="queue-customer">{c.parent_account.name}</td>
            <td>{c.summary.account.name}</td>
            <td>{product}</td>
            <td class="queue-engineer">{engineer}</td>
            <td>{waited}</td>
        </tr>
    }
}

fn queue_card(t: &'static Texts, _dates: &Dates, c: QueueCaseDto) -> impl IntoView {
    let texts = SERVICE_TEXTS.of(t);
    let (product, engineer, waited) = (product_view(&c), engineer(t, &c), waited_view(t, &c));
    view! {
        <li class="card queue-card">
            <div class="card-head">
                <A href=case_path(c.summary.id) attr:class="case-link">{c.summary.number}</A>
                {case_status_badge(t, c.summary.status)}
            </div>
            <dl class="facts">
                {fact(texts.col_priority, priority_badge(t, c.summary.priority))}
                {fact(texts.col_customer, c.parent_account.name)}
                {fact(texts.col_account, c.summary.account.name)}
                {fact(texts.col_product, product)}
                {fact(texts.col_engineer, engineer)}
                {fact(texts.col_waited, waited)}
            </dl>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::list::Paged;

    #[test]
    fn durations_use_their_two_largest_units() {
        let en = &SERVICE_TEXTS.en;
        assert_eq!(duration_text(en, 0), "0 min");
        assert_eq!(duration_text(en, 30), "30 min");
        assert_eq!(duration_text(en, 240), "4 h");
        assert_eq!(duration_text(en, 245), "4 h 5 min");
        assert_eq!(duration_text(en, 1440), "1 d");
        assert_eq!(duration_text(en, 3 * 1440 + 125), "3 d 2 h");
        assert_eq!(duration_text(&SERVICE_TEXTS.nl, 245), "4 u 5 min");
    }

    /// A page of the queue as the server writes it (the case's fields flattened).
    fn queue_page(waited: Option<u32>, missed: bool) -> QueuePage {
        serde_json::from_value(serde_json::json!({
            "items": [{
                "id": "7d9c3a52-0000-4000-8000-000000000001",
                "number": "CS-2026-000042",
                "installed_product": {
                    "id": "7d9c3a52-0000-4000-8000-000000000002",
                    "number": "IP-40010002",
                    "description": "Ingenia 1.5T",
                    "custom_name": null
                },
                "modality": "mr",
                "account": { "id": "7d9c3a52-0000-4000-8000-000000000003", "name": "Radiology" },
                "priority": 2,
                "status": "new",
                "origin": "web",
                "kind": "support_request",
                "title": "Table does not move",
                "customer_reference": null,
                "created_at": "2026-12-06T08:00:00Z",
                "updated_at": "2026-12-06T08:00:00Z",
                "closed_at": null,
                "parent_account": { "id": "7d9c3a52-0000-4000-8000-000000000004", "name": "Lindenhaven" },
                "assigned_engineer": null,
                "waiting_for_customer": false,
                "awaiting_response_since": waited.map(|_| "2026-12-06T08:00:00Z"),
                "response_target_minutes": 240,
                "waited_minutes": waited,
                "target_missed": missed
            }],
            "page": 1,
            "page_size": 50,
            "total": 1
        }))
        .unwrap()
    }

    #[test]
    fn the_wait_is_told_against_the_target() {
        let en = &SERVICE_TEXTS.en;
        let page = queue_page(Some(245), true);
        assert_eq!(page.total(), 1);
        let (items, _) = page.into_parts();
        assert_eq!(waited_text(en, &items[0]), "4 h 5 min of 4 h");
        let (answered, _) = queue_page(None, false).into_parts();
        assert_eq!(waited_text(en, &answered[0]), "Answered (target 4 h)");
        assert_eq!(
            waited_text(&SERVICE_TEXTS.nl, &answered[0]),
            "Beantwoord (doel 4 u)"
        );
    }
}

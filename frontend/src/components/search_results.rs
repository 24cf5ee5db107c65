//! The banner search's type-ahead, in a wasm part of its own (see
//! components/search.rs, whose box it serves and whose combobox attributes
//! and keys it looks after): `GET /search` from two
//! characters on, a short pause after the last key, and only the latest
//! query's answer shown. A listbox of hits for the box's combobox
//! (ArrowDown and ArrowUp move the highlight, Enter opens the highlighted
//! hit or the first, Escape closes the list); a hit opens its page. Search
//! results show times in GMT (UTC), and say so.

use crate::api::search::SearchHit;
use crate::api::ApiError;
use crate::format::{format_date, format_time};
use crate::i18n::search_texts::{SearchTexts, SEARCH_TEXTS};
use crate::i18n::{error_message, fill, Texts};
use crate::routes::{case_path, contract_path, installed_product_path, warranties_path};
use crate::state::auth::{use_auth, use_texts, Auth};
use api_types::SearchKindDto;
use chrono::{NaiveDate, NaiveTime};
use domain::{DateFormat, TimeFormat};
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

/// The search box's element id: the box is drawn with it, and the results
/// find the box by it (to keep the focus there and read what was typed).
pub const INPUT_ID: &str = "global-search";

/// The server's least query, in characters.
const MIN_CHARS: usize = 2;
/// The most the server takes, in characters.
const MAX_CHARS: usize = 100;
/// The id of the list of hits, which the box controls.
const LIST_ID: &str = "search-results";
/// Hits shown at most.
const LIMIT: u32 = 10;
/// The pause after the last key before the query goes out.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// Where the search is.
#[derive(Clone)]
enum Results {
    /// Fewer than two characters: nothing asked.
    Idle,
    Busy,
    Hits(Vec<SearchHit>),
    Failed(ApiError),
}

/// The banner's box, if it is on the page.
fn search_input() -> Option<HtmlInputElement> {
    document().get_element_by_id(INPUT_ID)?.dyn_into().ok()
}

/// Whether an event happened in the banner's box.
fn in_box(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.id() == INPUT_ID)
}

/// Sets (or with `None` removes) an attribute of the box.
fn set_box_attribute(name: &str, value: Option<&str>) {
    if let Some(input) = search_input() {
        let _ = match value {
            Some(value) => input.set_attribute(name, value),
            None => input.remove_attribute(name),
        };
    }
}

/// The list of hits for the box's `text` (which the box writes).
#[component]
pub fn SearchResults(text: RwSignal<String>) -> impl IntoView {
    let auth = use_auth();
    let navigate = StoredValue::new_local(use_navigate());
    let search = Search::new(text);
    search.follow_the_focus();
    // Every change of the text asks again, the first (the key that fetched
    // this part) too.
    Effect::new(move |_| search.ask(auth, text.get()));
    let open_hit = move |path: String| {
        search.forget();
        navigate.with_value(|navigate| navigate(&path, NavigateOptions::default()));
    };
    search.listen_to_the_box(open_hit);
    hit_list(search, auth, open_hit)
}

/// The type-ahead's state, which its pieces share (signals, so `Copy`).
#[derive(Clone, Copy)]
struct Search {
    text: RwSignal<String>,
    results: RwSignal<Results>,
    open: RwSignal<bool>,
    active: RwSignal<Option<usize>>,
    /// The number of the latest query: the answer to an earlier one is dropped.
    latest: StoredValue<u64>,
    /// The box has the focus: it was just typed in.
    focused: RwSignal<bool>,
    /// The list is shown: open, with hits.
    expanded: Memo<bool>,
}

impl Search {
    fn new(text: RwSignal<String>) -> Self {
        let results = RwSignal::new(Results::Idle);
        let open = RwSignal::new(false);
        Self {
            text,
            results,
            open,
            active: RwSignal::new(None),
            latest: StoredValue::new(0),
            focused: RwSignal::new(true),
            expanded: Memo::new(move |_| open.get() && hit_count(results) > 0),
        }
    }

    /// The box's combobox attributes follow the list, and the list closes
    /// when the box loses the focus.
    fn follow_the_focus(self) {
        let Self {
            open,
            active,
            expanded,
            focused,
            text,
            ..
        } = self;
        Effect::new(move |_| {
            let expanded = expanded.get();
            set_box_attribute(
                "aria-expanded",
                Some(if expanded { "true" } else { "false" }),
            );
            set_box_attribute("aria-controls", expanded.then_some(LIST_ID));
            let active = active.get().filter(|_| expanded).map(option_id);
            set_box_attribute("aria-activedescendant", active.as_deref());
        });
        Effect::new(move |_| {
            if focused.get() {
                if query_of(&text.get_untracked()).is_some() {
                    open.set(true);
                }
            } else {
                open.set(false);
                active.set(None);
            }
        });
    }

    /// Asks the server for `value`'s hits after the pause, unless another
    /// key comes first.
    fn ask(self, auth: Auth, value: String) {
        let Self {
            latest,
            active,
            results,
            open,
            ..
        } = self;
        let asked = latest.get_value() + 1;
        latest.set_value(asked);
        active.set(None);
        let Some(q) = query_of(&value) else {
            results.set(Results::Idle);
            open.set(false);
            return;
        };
        results.set(Results::Busy);
        open.set(true);
        set_timeout(
            move || {
                // `try_`: the banner may be gone (logged out) by now.
                if latest.try_get_value() != Some(asked) {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let answer = auth.api().search(&q, LIMIT).await;
                    if latest.try_get_value() == Some(asked) {
                        let _ = results.try_set(match answer {
                            Ok(hits) => Results::Hits(hits.items),
                            Err(err) => Results::Failed(err),
                        });
                    }
                });
            },
            DEBOUNCE,
        );
    }

    /// A hit was opened: the box empties and the list closes.
    fn forget(self) {
        self.latest.update_value(|n| *n += 1);
        self.text.set(String::new());
        if let Some(input) = search_input() {
            input.set_value("");
        }
        self.results.set(Results::Idle);
        self.open.set(false);
        self.active.set(None);
    }

    /// The box's focus and keys, heard on the window (the box is the
    /// banner's, not this part's).
    fn listen_to_the_box(self, open_hit: impl Fn(String) + Copy + Send + Sync + 'static) {
        let focused = self.focused;
        let focus_in = window_event_listener(leptos::ev::focusin, move |ev| {
            if in_box(&ev) {
                focused.set(true);
            }
        });
        let focus_out = window_event_listener(leptos::ev::focusout, move |ev| {
            if in_box(&ev) {
                focused.set(false);
            }
        });
        let keys = window_event_listener(leptos::ev::keydown, move |ev| {
            if in_box(&ev) && self.on_key(&ev, open_hit) {
                ev.prevent_default();
            }
        });
        on_cleanup(move || {
            focus_in.remove();
            focus_out.remove();
            keys.remove();
        });
    }

    /// What a key in the box does to the list; true if it used the key.
    fn on_key(self, ev: &KeyboardEvent, open_hit: impl Fn(String)) -> bool {
        let Self {
            open,
            active,
            results,
            ..
        } = self;
        let key = ev.key();
        match key.as_str() {
            "ArrowDown" | "ArrowUp" => {
                let count = hit_count(results);
                if count == 0 {
                    return false;
                }
                open.set(true);
                let step = if key == "ArrowDown" {
                    Step::Down
                } else {
                    Step::Up
                };
                active.set(Some(moved(active.get_untracked(), step, count)));
                true
            }
            "Enter" => {
                let index = active.get_untracked().unwrap_or(0);
                let path = match &*results.read_untracked() {
                    Results::Hits(hits) => hits.get(index).map(hit_path),
                    _ => None,
                };
                path.map(open_hit).is_some()
            }
            "Escape" if open.get_untracked() => {
                // Closes the list; the text stays (a second Escape clears it).
                open.set(false);
                active.set(None);
                true
            }
            _ => false,
        }
    }
}

fn hit_count(results: RwSignal<Results>) -> usize {
    match &*results.read() {
        Results::Hits(hits) => hits.len(),
        _ => 0,
    }
}

/// The listbox of hits, and the line that says where the search is.
fn hit_list(
    search: Search,
    auth: Auth,
    open_hit: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_texts();
    let Search {
        results,
        open,
        expanded,
        ..
    } = search;
    let status = move || {
        if !open.get() {
            return None;
        }
        let t = t.get();
        let texts = SEARCH_TEXTS.of(t);
        let message = match &*results.read() {
            Results::Idle => return None,
            Results::Busy => texts.search_busy.to_owned(),
            Results::Hits(hits) if hits.is_empty() => texts.search_no_results.to_owned(),
            Results::Hits(_) => return None,
            Results::Failed(err) => error_message(t, err),
        };
        Some(view! { <span class="search-message">{message}</span> })
    };
    view! {
        <ul
            id=LIST_ID
            class="search-results"
            role="listbox"
            aria-label=move || SEARCH_TEXTS.of(t.get()).search_results_label
            hidden=move || !expanded.get()
        >
            {move || hit_options(search, auth, t.get(), open_hit)}
        </ul>
        <p class="search-status" role="status">{status}</p>
    }
}

/// One option a hit: its kind, number, title, detail and times.
fn hit_options(
    search: Search,
    auth: Auth,
    t: &'static Texts,
    open_hit: impl Fn(String) + Copy + Send + Sync + 'static,
) -> Vec<impl IntoView> {
    let texts = SEARCH_TEXTS.of(t);
    let (date_format, time_format) = (auth.date_format(), auth.time_format());
    let Results::Hits(hits) = &*search.results.read() else {
        return Vec::new();
    };
    let active = search.active;
    hits.iter()
        .enumerate()
        .map(|(index, hit)| {
            let path = hit_path(hit);
            let when = hit_times(texts, hit, date_format, time_format);
            view! {
                <li
                    id=option_id(index)
                    role="option"
                    class="search-hit"
                    aria-selected=move || (active.get() == Some(index)).to_string()
                    // Keeps the focus in the box.
                    on:mousedown=|ev| ev.prevent_default()
                    on:click=move |_| open_hit(path.clone())
                >
                    <span class="search-kind">{kind_name(texts, hit.kind)}</span>
                    " "
                    <span class="search-number">{hit.number.clone()}</span>
                    " "
                    <span class="search-title">{hit.title.clone()}</span>
                    {hit.detail.clone().map(|detail| view! { " " <span class="search-detail">{detail}</span> })}
                    {(!when.is_empty()).then(|| view! { " " <span class="search-when">{when}</span> })}
                </li>
            }
        })
        .collect()
}

/// The query the server takes of the box's text: trimmed, 2 to 100
/// characters (longer is cut), or none.
fn query_of(text: &str) -> Option<String> {
    let q = text.trim();
    (q.chars().count() >= MIN_CHARS).then(|| q.chars().take(MAX_CHARS).collect())
}

#[derive(Clone, Copy)]
enum Step {
    Down,
    Up,
}

/// The highlight after one step through `count` hits, round the ends.
fn moved(active: Option<usize>, step: Step, count: usize) -> usize {
    match (active, step) {
        (None, Step::Down) => 0,
        (None, Step::Up) => count - 1,
        (Some(i), Step::Down) => (i + 1) % count,
        (Some(i), Step::Up) => (i + count - 1) % count,
    }
}

fn option_id(index: usize) -> String {
    format!("search-hit-{index}")
}

/// The page a hit opens. A warranty has none of its own: the contracts
/// page's warranties, searched by its number.
fn hit_path(hit: &SearchHit) -> String {
    match hit.kind {
        SearchKindDto::Case => case_path(&hit.id),
        SearchKindDto::InstalledProduct => installed_product_path(&hit.id),
        SearchKindDto::Contract => contract_path(&hit.id),
        SearchKindDto::Warranty => warranties_path(&hit.number),
    }
}

fn kind_name(t: &SearchTexts, kind: SearchKindDto) -> &'static str {
    match kind {
        SearchKindDto::Case => t.search_kind_case,
        SearchKindDto::InstalledProduct => t.search_kind_product,
        SearchKindDto::Contract => t.search_kind_contract,
        SearchKindDto::Warranty => t.search_kind_warranty,
    }
}

/// A hit's time in GMT ("2026-12-06 14:05 GMT", the user's formats) and its
/// end date ("Ends 2027-01-31"), as far as it has them.
fn hit_times(t: &SearchTexts, hit: &SearchHit, dates: DateFormat, times: TimeFormat) -> String {
    let at = hit.at.as_deref().map(|at| match utc_parts(at) {
        Some((date, time)) => format!(
            "{} {} {}",
            format_date(date, dates),
            format_time(time, times),
            t.search_gmt
        ),
        None => at.to_owned(),
    });
    let ends = hit.end_date.as_deref().map(|end| {
        let date = date_of(end).map_or_else(|| end.to_owned(), |date| format_date(date, dates));
        fill(t.search_ends, &[("date", &date)])
    });
    at.into_iter().chain(ends).collect::<Vec<_>>().join(" · ")
}

/// The date and the minute of an RFC 3339 instant in UTC
/// ("2026-12-06T14:05:09.5Z"), read by hand.
fn utc_parts(at: &str) -> Option<(NaiveDate, NaiveTime)> {
    if !(at.ends_with('Z') || at.ends_with('z') || at.ends_with("+00:00")) {
        return None;
    }
    if !matches!(at.as_bytes().get(10), Some(b'T' | b't' | b' ')) || at.get(13..14)? != ":" {
        return None;
    }
    let number = |from: usize| at.get(from..from + 2)?.parse::<u32>().ok();
    let time = NaiveTime::from_hms_opt(number(11)?, number(14)?, 0)?;
    Some((date_of(at)?, time))
}

/// The date of `YYYY-MM-DD` (and what follows it), read by hand.
fn date_of(text: &str) -> Option<NaiveDate> {
    if text.get(4..5)? != "-" || text.get(7..8)? != "-" {
        return None;
    }
    let number = |from: usize, to: usize| text.get(from..to)?.parse::<u32>().ok();
    NaiveDate::from_ymd_opt(
        i32::try_from(number(0, 4)?).ok()?,
        number(5, 7)?,
        number(8, 10)?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::search_texts::SEARCH_TEXTS;
    use crate::i18n::texts;
    use domain::Language;

    fn hit(kind: SearchKindDto, at: Option<&str>, end_date: Option<&str>) -> SearchHit {
        SearchHit {
            kind,
            id: "7d9c".into(),
            number: "W 1".into(),
            title: "Ingenia".into(),
            detail: None,
            at: at.map(Into::into),
            end_date: end_date.map(Into::into),
        }
    }

    #[test]
    fn times_are_shown_in_gmt_and_dates_as_dates() {
        let en = SEARCH_TEXTS.of(texts(Language::En));
        let case = hit(
            SearchKindDto::Case,
            Some("2026-12-06T14:05:09.123456Z"),
            None,
        );
        assert_eq!(
            hit_times(en, &case, DateFormat::Iso, TimeFormat::H24),
            "2026-12-06 14:05 GMT"
        );
        assert_eq!(
            hit_times(en, &case, DateFormat::DayMonthYear, TimeFormat::H12),
            "06-12-2026 02:05 PM GMT"
        );
        let contract = hit(
            SearchKindDto::Contract,
            Some("2026-01-02T00:00:00+00:00"),
            Some("2027-01-31"),
        );
        assert_eq!(
            hit_times(
                SEARCH_TEXTS.of(texts(Language::Nl)),
                &contract,
                DateFormat::Iso,
                TimeFormat::H24
            ),
            "2026-01-02 00:00 GMT · Loopt af op 2027-01-31"
        );
        let warranty = hit(SearchKindDto::Warranty, None, Some("2027-01-31"));
        assert_eq!(
            hit_times(en, &warranty, DateFormat::MonthDayYear, TimeFormat::H24),
            "Ends 01/31/2027"
        );
        let product = hit(SearchKindDto::InstalledProduct, None, None);
        assert_eq!(
            hit_times(en, &product, DateFormat::Iso, TimeFormat::H24),
            ""
        );
    }

    #[test]
    fn only_utc_instants_are_read() {
        assert_eq!(utc_parts("2026-12-06T14:05:00+01:00"), None);
        assert_eq!(utc_parts("2026-12-06"), None);
        assert_eq!(utc_parts("2026-13-06T14:05:00Z"), None);
        assert_eq!(date_of("2026-2-06"), None);
    }

    #[test]
    fn hits_open_their_pages() {
        for (kind, path) in [
            (SearchKindDto::Case, "/cases/7d9c"),
            (SearchKindDto::InstalledProduct, "/installed-products/7d9c"),
            (SearchKindDto::Contract, "/contracts/7d9c"),
            (SearchKindDto::Warranty, "/contracts?tab=warranties&q=W%201"),
        ] {
            assert_eq!(hit_path(&hit(kind, None, None)), path, "{kind:?}");
        }
    }

    #[test]
    fn queries_take_two_to_a_hundred_characters() {
        assert_eq!(query_of(" a "), None);
        assert_eq!(query_of(" SN4 ").as_deref(), Some("SN4"));
        assert_eq!(query_of(&"x".repeat(120)).map(|q| q.len()), Some(100));
    }

    #[test]
    fn the_highlight_goes_round() {
        assert_eq!(moved(None, Step::Down, 3), 0);
        assert_eq!(moved(None, Step::Up, 3), 2);
        assert_eq!(moved(Some(2), Step::Down, 3), 0);
        assert_eq!(moved(Some(0), Step::Up, 3), 2);
    }
}

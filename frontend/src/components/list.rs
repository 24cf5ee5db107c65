//! The scaffolding of the list pages. [`use_list_page`] reads the page's
//! [`ListView`] from the URL, loads its answer (telling a stale one), goes to
//! the view the filter form asks for, and draws the filter form's frame, the
//! result summary, the "loading / error / results" switch, the rows (a
//! sentence, cards on a phone or a table) and the pager under them. A page
//! brings its filters, its columns and its cards.
//!
//! Cells (style.css): text wraps between words, never inside one; a cell or
//! span of class `ident` (a product, case, contract or serial number, a user
//! name) or `date` never wraps at all.

use crate::api::{Api, ApiError};
use crate::components::pager::{pager, PageState};
use crate::components::viewport::use_narrow;
use crate::format::Dates;
use crate::i18n::{count_text, error_message, fill, TextFn, Texts};
use crate::query::ListView;
use crate::state::auth::{use_auth, use_texts};
use api_types::{
    AccessRequestDto, AccessRequestPage, CasePage, CaseSummary, ContractPage, ContractSummary,
    InstalledProductPage, InstalledProductSummary, PageInfo, SecurityLogEntryDto, SecurityLogPage,
    SortOrder, UserPage, UserSummary, WarrantyDto, WarrantyPage,
};
use leptos::ev::{Event, SubmitEvent};
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::future::Future;
use std::rc::Rc;

/// A list's answer, with what it answers (to tell a stale one).
pub type Loaded<Q, P> = (Q, Result<P, ApiError>);

/// The filter form's buttons: apply, and "clear filters" while filtered.
#[component]
pub fn FilterActions(
    /// The apply button's text.
    #[prop(into)]
    apply: Signal<&'static str>,
    /// Where "clear filters" leads; none while the list is unfiltered.
    #[prop(into)]
    clear_href: Signal<Option<String>>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <div class="filter-actions">
            <button type="submit" class="button-primary">{move || apply.get()}</button>
            {move || clear_href.get().map(|href| view! {
                <A href=href attr:class="clear-filters">{move || t.get().clear_filters}</A>
            })}
        </div>
    }
}

/// The list's status line: loading, loading more (while the last answer
/// stays on screen), nothing after an error (the error says it), or the count
/// `total` makes of the page.
pub fn summary_text<Q, P>(
    t: &'static Texts,
    loading: &'static str,
    loaded: Option<&Loaded<Q, P>>,
    stale: impl FnOnce(&Q) -> bool,
    total: impl FnOnce(&P) -> String,
) -> String {
    match loaded {
        None => loading.to_owned(),
        Some((answered, _)) if stale(answered) => t.loading_more.to_owned(),
        Some((_, Err(_))) => String::new(),
        Some((_, Ok(page))) => total(page),
    }
}

/// The spinner and its text, while a list loads.
fn loading_view(text: &'static str) -> AnyView {
    view! {
        <p class="loading">
            <span class="spinner" aria-hidden="true"></span>
            {text}
        </p>
    }
    .into_any()
}

/// Loading (a spinner), failed (an alert), or `results(answered, page)`.
pub fn load_view<Q, P>(
    t: &'static Texts,
    loading: &'static str,
    loaded: Option<Loaded<Q, P>>,
    results: impl FnOnce(Q, P) -> AnyView,
) -> AnyView {
    match loaded {
        None => loading_view(loading),
        Some((_, Err(err))) => {
            view! { <p class="page-error" role="alert">{error_message(t, &err)}</p> }.into_any()
        }
        Some((answered, Ok(page))) => results(answered, page),
    }
}

/// A sentence when there are no rows (`empty`), cards on a phone, else a table.
pub fn list_body<T>(
    items: Vec<T>,
    empty: &'static str,
    narrow: bool,
    cards: impl FnOnce(Vec<T>) -> AnyView,
    table: impl FnOnce(Vec<T>) -> AnyView,
) -> AnyView {
    if items.is_empty() {
        view! { <p class="empty-state">{empty}</p> }.into_any()
    } else if narrow {
        cards(items)
    } else {
        table(items)
    }
}

/// The cards of a phone: `<ul class="cards">`.
pub fn card_list(cards: AnyView) -> AnyView {
    view! { <ul class="cards">{cards}</ul> }.into_any()
}

/// A list's table (`class`: its classes), scrolled sideways when too wide.
pub fn data_table(class: &'static str, heads: AnyView, rows: AnyView) -> AnyView {
    labelled_table(class, None, heads, rows)
}

/// A [`data_table`] that the element `labelled_by` (its id) names for
/// screen readers, where the table has no caption of its own.
pub fn labelled_table(
    class: &'static str,
    labelled_by: Option<&'static str>,
    heads: AnyView,
    rows: AnyView,
) -> AnyView {
    view! {
        <div class="table-scroll">
            <table class=class aria-labelledby=labelled_by>
                <thead>
                    <tr>{heads}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The rows and, once there is something to page through, the pager
/// (`href(page)` is another page's URL); dimmed and busy while `stale`.
pub fn results_view(
    t: &'static Texts,
    stale: bool,
    body: AnyView,
    pages: PageState,
    href: &dyn Fn(u32) -> String,
) -> AnyView {
    let pager_view = (pages.total > 0 || pages.page > 1).then(|| pager(t, pages, href));
    view! {
        <div class="results" class:stale=stale aria-busy=stale.to_string()>
            {body}
            {pager_view}
        </div>
    }
    .into_any()
}

/// The cards of a phone, one `card` a row.
pub fn cards<T, C: IntoView>(items: Vec<T>, card: impl FnMut(T) -> C) -> AnyView {
    card_list(items.into_iter().map(card).collect_view().into_any())
}

/// A list's table (`class`: its classes), one `row` an item.
pub fn table<T, R: IntoView>(
    class: &'static str,
    heads: AnyView,
    items: Vec<T>,
    row: impl FnMut(T) -> R,
) -> AnyView {
    data_table(
        class,
        heads,
        items.into_iter().map(row).collect_view().into_any(),
    )
}

/// Free text for a cell: it wraps between words, and a word with a hyphen
/// or slash in it (an error code "E-214", "IP-40010001") stays whole, where
/// the browser would otherwise break after the hyphen.
pub fn prose(text: &str) -> AnyView {
    prose_parts(text)
        .into_iter()
        .map(|(part, whole)| {
            if whole {
                view! { <span class="ident">{part}</span> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// `text` in runs: plain text, and words kept whole (`true`).
fn prose_parts(text: &str) -> Vec<(String, bool)> {
    let mut parts: Vec<(String, bool)> = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len());
        let end = rest[start..]
            .find(char::is_whitespace)
            .map_or(rest.len(), |i| start + i);
        let (space, word) = (&rest[..start], &rest[start..end]);
        let whole = word.contains(['-', '/', '\u{2010}']);
        match parts.last_mut() {
            Some((run, false)) if !whole => {
                run.push_str(space);
                run.push_str(word);
            }
            _ if whole => {
                if !space.is_empty() {
                    match parts.last_mut() {
                        Some((run, false)) => run.push_str(space),
                        _ => parts.push((space.to_owned(), false)),
                    }
                }
                parts.push((word.to_owned(), true));
            }
            _ => parts.push((format!("{space}{word}"), false)),
        }
        rest = &rest[end..];
    }
    parts
}

/// One fact of a card's `<dl class="facts">`.
pub fn fact(label: &'static str, value: impl IntoView) -> impl IntoView {
    view! { <div><dt>{label}</dt><dd>{value}</dd></div> }
}

/// Column headers that only name their column.
pub fn column_heads(t: &'static Texts, columns: &[TextFn]) -> AnyView {
    columns
        .iter()
        .map(|label| view! { <th scope="col">{label(t)}</th> })
        .collect_view()
        .into_any()
}

/// A header that sorts by its column: a link to the view sorted so (`href`),
/// so the sort is in the URL. `order`: how the list is sorted by this
/// column now, if it is.
pub fn sort_header(href: String, label: &'static str, order: Option<SortOrder>) -> impl IntoView {
    let (aria_sort, arrow) = match order {
        Some(SortOrder::Asc) => (Some("ascending"), "▲"),
        Some(SortOrder::Desc) => (Some("descending"), "▼"),
        None => (None, "↕"),
    };
    view! {
        <th scope="col" aria-sort=aria_sort>
            <a href=href class="sort-link" data-noscroll="">
                {label}
                <span class="sort-arrow" aria-hidden="true">{arrow}</span>
            </a>
        </th>
    }
}

/// The view without the filter `field` picks, while that is set: where a
/// [`ListPage::narrowed_notice`] leads.
fn without<V: Clone, T>(view: &V, field: fn(&mut V) -> &mut Option<T>) -> Option<V> {
    let mut all = view.clone();
    field(&mut all).take().map(|_| all)
}

/// The value of a filter form's select.
pub fn select_value(select: NodeRef<html::Select>) -> String {
    select
        .get_untracked()
        .map(|el| el.value())
        .unwrap_or_default()
}

/// The words of a filter form's search field, trimmed; none when empty.
pub fn search_value(input: NodeRef<html::Input>) -> Option<String> {
    input
        .get_untracked()
        .map(|el| el.value().trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// A filter (a cell of the form, of `class`): its label and select (`id`,
/// sent as `name`) of `options`, applied as soon as it changes (`on_change`).
pub fn filter_select(
    class: &'static str,
    (id, name): (&'static str, &'static str),
    label: impl IntoView + 'static,
    select: NodeRef<html::Select>,
    on_change: impl Fn(Event) + 'static,
    options: impl IntoView + 'static,
) -> impl IntoView {
    view! {
        <div class=class>
            <label for=id>{label}</label>
            <select id=id name=name node_ref=select on:change=on_change>{options}</select>
        </div>
    }
}

/// A filter's options: "any" (the empty value: no filter) before `choices`.
pub fn any_then(any: &'static str, choices: impl IntoView + 'static) -> impl IntoView {
    view! {
        <option value="">{any}</option>
        {choices}
    }
}

/// The `<option>`s of `(value, label)`, for a select whose value
/// [`ListPage::kept_select`] sets.
pub fn options<L: IntoView + 'static>(
    choices: impl IntoIterator<Item = (String, L)>,
) -> impl IntoView {
    choices
        .into_iter()
        .map(|(value, label)| view! { <option value=value>{label}</option> })
        .collect_view()
}

/// The filter form's search field (`id`, sent as `q`), showing `value` of
/// the URL's view, with its `help` (applied on submit).
pub fn search_filter(
    id: &'static str,
    label: impl IntoView + 'static,
    input: NodeRef<html::Input>,
    value: impl Fn() -> String + Send + Sync + 'static,
    help: impl IntoView + 'static,
) -> impl IntoView {
    let help_id = format!("{id}-help");
    view! {
        <div class="filter filter-search">
            <label for=id>{label}</label>
            <input id=id name="q" type="search" node_ref=input aria-describedby=help_id.clone() prop:value=value/>
            <p id=help_id class="field-help">{help}</p>
        </div>
    }
}

/// The options of a select that shows the URL's view: each `(value,
/// label)`, selected while `chosen` of the view is its value.
pub fn choice_options<V: ListView>(
    current: Memo<V>,
    chosen: fn(&V) -> String,
    options: impl IntoIterator<Item = (String, AnyView)>,
) -> impl IntoView {
    options
        .into_iter()
        .map(|(value, label)| {
            let selected = {
                let value = value.clone();
                move || current.with(|v| chosen(v) == value)
            };
            view! { <option value=value prop:selected=selected>{label}</option> }
        })
        .collect_view()
}

/// One page of a list's answer: its rows and where it is.
pub trait Paged {
    type Item;

    /// The answer's page, page size and total.
    fn paging(&self) -> PageInfo;

    /// How many rows match, on all pages.
    fn total(&self) -> u64 {
        self.paging().total
    }

    fn into_parts(self) -> (Vec<Self::Item>, PageState);
}

impl From<PageInfo> for PageState {
    fn from(info: PageInfo) -> Self {
        PageState {
            page: info.page,
            page_size: info.page_size,
            total: info.total,
        }
    }
}

/// Implements [`Paged`] for the answers of lists (`Page => Item`). A new
/// list page may call it from its own file: `crate::components::list::paged!(FooPage => Foo);`.
macro_rules! paged {
    ($($page:ty => $item:ty),* $(,)?) => {
        $(
            impl $crate::components::list::Paged for $page {
                type Item = $item;

                fn paging(&self) -> ::api_types::PageInfo {
                    self.paging
                }

                fn into_parts(self) -> (Vec<$item>, $crate::components::pager::PageState) {
                    (self.items, self.paging.into())
                }
            }
        )*
    };
}
#[allow(unused_imports)]
pub(crate) use paged;

/// A table's heads, in the order of its cells, by the words' names:
/// `t.col_status` is one of the shared words, `ADMIN_TEXTS.col_name` one of
/// a page group's (`crate::components::list::heads!`).
macro_rules! heads {
    ($($words:ident . $field:ident),* $(,)?) => {
        [$($crate::components::list::heads!(@one $words . $field)),*]
    };
    (@one t . $field:ident) => { |t| t.$field };
    (@one $group:ident . $field:ident) => { |t| $group.of(t).$field };
}
#[allow(unused_imports)]
pub(crate) use heads;

paged!(
    CasePage => CaseSummary,
    InstalledProductPage => InstalledProductSummary,
    ContractPage => ContractSummary,
    WarrantyPage => WarrantyDto,
    UserPage => UserSummary,
    SecurityLogPage => SecurityLogEntryDto,
    AccessRequestPage => AccessRequestDto,
);

/// A list's words for its answer's status line: while loading, then the
/// total, one and many (with `{n}`).
pub type AnswerWords = [TextFn; 3];

/// A narrowed list's words (see [`ListPage::narrowed_notice`]): the note
/// (with `{kind}`), the name of a thing the answer does not name, and the
/// link's text.
pub type NoticeWords = [TextFn; 3];

/// A list page: its view (the URL's) and the answer the server gave, with
/// the query it answers. Cheap to copy; made by [`use_list_page`].
pub struct ListPage<V: ListView, P: 'static> {
    /// The texts of the current language.
    pub t: Signal<&'static Texts>,
    /// The view in the URL now.
    pub current: Memo<V>,
    /// The last answer and the query it answers: stale while a newer one loads.
    pub answer: LocalResource<Loaded<V::Query, P>>,
    navigate: StoredValue<Navigate, LocalStorage>,
}

/// Goes to a URL of the app, keeping the scroll position.
type Navigate = Rc<dyn Fn(&str)>;

impl<V: ListView, P: 'static> Clone for ListPage<V, P> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<V: ListView, P: 'static> Copy for ListPage<V, P> {}

/// Sets up a list page: the document title (the route table's), the view
/// read from the URL, and its answer, which `fetch` asks the server for.
pub fn use_list_page<V, P, Fut>(fetch: impl Fn(Api, V::Query) -> Fut + 'static) -> ListPage<V, P>
where
    V: ListView,
    P: 'static,
    Fut: Future<Output = Result<P, ApiError>> + 'static,
{
    let api = use_auth().api();
    let t = use_texts();
    V::PAGE.use_title();

    let query_map = use_query_map();
    let current = Memo::new(move |_| query_map.with(|m| V::from_query(|k| m.get(k))));
    let answer = LocalResource::new(move || {
        let query = current.with(|v| v.query().clone());
        let loading = fetch(api, query.clone());
        async move { (query, loading.await) }
    });
    let navigate = use_navigate();
    let navigate: Navigate = Rc::new(move |href: &str| {
        navigate(
            href,
            NavigateOptions {
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    });
    ListPage {
        t,
        current,
        answer,
        navigate: StoredValue::new_local(navigate),
    }
}

impl<V: ListView, P: 'static> ListPage<V, P> {
    /// The page's heading: its document title (the route table's).
    pub fn heading(self) -> impl IntoView {
        let t = self.t;
        view! { <h1>{move || V::PAGE.title(t.get())}</h1> }
    }

    /// The heading, and under it the line that says what the list holds.
    pub fn heading_with_intro(self, intro: TextFn) -> impl IntoView {
        let t = self.t;
        view! {
            {self.heading()}
            <p class="hint">{move || intro(t.get())}</p>
        }
    }

    /// Shows `view`: its URL, keeping the scroll position.
    pub fn go(self, view: &V) {
        if let Some(navigate) = self.navigate.try_get_value() {
            navigate(&view.href());
        }
    }

    /// Applies the filter form: `read` turns the view (back on its first
    /// page) into what the controls say.
    fn apply(self, read: impl Fn(V) -> V) {
        self.go(&read(self.current.get_untracked().with_page(1)));
    }

    /// A filter form's select that shows `value` of the URL's view: on
    /// arrival, after back, forward or "clear filters" (one effect, rather
    /// than reactive options).
    pub fn kept_select(self, value: impl Fn(&V) -> String + 'static) -> NodeRef<html::Select> {
        let (current, select) = (self.current, NodeRef::<html::Select>::new());
        Effect::new(move |_| {
            let value = current.with(&value);
            if let Some(el) = select.get() {
                el.set_value(&value);
            }
        });
        select
    }

    /// For a control that applies as soon as it changes (`on:change`).
    pub fn on_change(self, read: impl Fn(V) -> V + Copy + 'static) -> impl Fn(Event) + Clone {
        move |_| self.apply(read)
    }

    /// The filter form (`class`, named `label`): `fields`, then the apply
    /// button and, while filtered, "clear filters". Submitting applies `read`
    /// (see [`ListPage::on_change`]).
    pub fn filter_form(
        self,
        class: &'static str,
        label: impl Into<Signal<&'static str>>,
        apply: impl Into<Signal<&'static str>>,
        read: impl Fn(V) -> V + Copy + 'static,
        fields: impl IntoView,
    ) -> impl IntoView {
        let (label, apply): (Signal<&'static str>, Signal<&'static str>) =
            (label.into(), apply.into());
        let current = self.current;
        let on_submit = move |ev: SubmitEvent| {
            ev.prevent_default();
            self.apply(read);
        };
        let clear_href =
            Signal::derive(move || current.with(|v| v.is_filtered().then(|| v.cleared().href())));
        view! {
            <form class=class role="search" aria-label=move || label.get() on:submit=on_submit>
                {fields}
                <FilterActions apply=apply clear_href=clear_href/>
            </form>
        }
    }

    /// [`ListPage::filter_form`] drawn anew in the reader's language (which
    /// changes only in the settings): `form(t)` gives the form's name, its
    /// apply button's text and its fields in the texts `t`.
    pub fn filter_form_in<F: IntoView + 'static>(
        self,
        class: &'static str,
        read: impl Fn(V) -> V + Copy + Send + Sync + 'static,
        form: impl Fn(&'static Texts) -> (&'static str, &'static str, F) + Send + Sync + 'static,
    ) -> impl IntoView {
        let t = self.t;
        move || {
            let (label, apply, fields) = form(t.get());
            self.filter_form(class, label, apply, read, fields)
        }
    }

    /// `f` of the page the server answered, if it answered one.
    pub fn with_answered<R>(self, f: impl FnOnce(&P) -> Option<R>) -> Option<R> {
        self.answer.with(|loaded| {
            loaded
                .as_ref()
                .and_then(|(_, r)| r.as_ref().ok())
                .and_then(f)
        })
    }

    /// While the list is narrowed to one `kind` of thing reached from
    /// elsewhere (a product, a user), says so and links to the list without
    /// it. `filter` picks the view's filter that narrows it; `name` names the
    /// thing from the answer.
    pub fn narrowed_notice<T: 'static>(
        self,
        kind: &'static str,
        filter: fn(&mut V) -> &mut Option<T>,
        name: impl Fn(&P) -> Option<String> + Send + Sync + 'static,
        words: NoticeWords,
    ) -> impl IntoView {
        let t = self.t;
        move || {
            let all = self.current.with(|v| without(v, filter))?.with_page(1);
            let [notice, unknown, link] = words.map(|word| word(t.get()));
            let named = self.with_answered(&name);
            let notice = fill(notice, &[(kind, named.as_deref().unwrap_or(unknown))]);
            let link_class = format!("remove-{kind}-filter");
            Some(view! {
                <p class=format!("filter-notice {kind}-filter")>
                    <span>{notice}</span>
                    " "
                    <A href=all.href() attr:class=link_class>{link}</A>
                </p>
            })
        }
    }
}

impl<V: ListView, P: Paged + Clone + 'static> ListPage<V, P> {
    /// The status line and under it a spinner, the error, or the `results`
    /// of the answer, in the [`AnswerWords`] that `words` gives.
    pub fn answer_view(
        self,
        words: impl Fn() -> AnswerWords + Copy + Send + Sync + 'static,
        results: impl Fn(Shown<V, P>) -> AnyView + Send + Sync + 'static,
    ) -> impl IntoView {
        let loading = move |t| words()[0](t);
        let (auth, t, narrow) = (use_auth(), self.t, use_narrow());
        let (current, answer) = (self.current, self.answer);
        let summary = move || {
            let t = t.get();
            answer.with(|loaded| {
                summary_text(
                    t,
                    loading(t),
                    loaded.as_ref(),
                    |query| current.with(|v| v.query() != query),
                    |page| {
                        let [_, one, many] = words();
                        count_text(one(t), many(t), page.total())
                    },
                )
            })
        };
        view! {
            <p class="result-summary" role="status">{summary}</p>
            {move || {
                let t = t.get();
                load_view(t, loading(t), answer.get(), |answered, page| {
                    let view = current.get();
                    let stale = *view.query() != answered;
                    let (dates, narrow) = (auth.dates(), narrow.get());
                    results(Shown { t, view, answered, stale, narrow, dates, page })
                })
            }}
        }
    }
}

/// An answer's page, and what it is shown with.
pub struct Shown<V: ListView, P> {
    pub t: &'static Texts,
    /// The view the rows are shown for (the URL's).
    pub view: V,
    /// The query the answer answers.
    pub answered: V::Query,
    /// Whether a newer answer is on its way.
    pub stale: bool,
    /// Cards rather than a table.
    pub narrow: bool,
    /// How the user writes dates and times.
    pub dates: Dates,
    /// The page the server answered.
    pub page: P,
}

impl<V: ListView, P: Paged> Shown<V, P> {
    /// `none` when the list has no rows at all, `empty` when filtered.
    pub fn empty_text(&self, none: &'static str, empty: &'static str) -> &'static str {
        if self.view.is_filtered() {
            empty
        } else {
            none
        }
    }

    /// The rows of the page (the sentence `empty` when there are none,
    /// `cards` on a phone, else a `table`) and the pager under them.
    pub fn rows(
        self,
        empty: &'static str,
        cards: impl FnOnce(Vec<P::Item>) -> AnyView,
        table: impl FnOnce(Vec<P::Item>) -> AnyView,
    ) -> AnyView {
        let (items, pages) = self.page.into_parts();
        let body = list_body(items, empty, self.narrow, cards, table);
        let view = self.view;
        results_view(self.t, self.stale, body, pages, &|n| {
            view.with_page(n).href()
        })
    }

    /// [`Shown::rows`] of a `card` an item on a phone, else a table (`class`)
    /// of `heads` and a `row` an item; both are drawn in the reader's texts
    /// and dates.
    pub fn cards_or_table<C: IntoView, R: IntoView>(
        self,
        empty: &'static str,
        class: &'static str,
        heads: AnyView,
        card: impl Fn(&'static Texts, &Dates, P::Item) -> C,
        row: impl Fn(&'static Texts, &Dates, P::Item) -> R,
    ) -> AnyView {
        let (t, dates) = (self.t, self.dates.clone());
        self.rows(
            empty,
            |items| cards(items, |item| card(t, &dates, item)),
            |items| table(class, heads, items, |item| row(t, &dates, item)),
        )
    }

    /// [`Shown::cards_or_table`] whose table heads are the plain `columns`.
    pub fn cards_or_table_of<C: IntoView, R: IntoView>(
        self,
        (empty, class): (&'static str, &'static str),
        columns: &[TextFn],
        card: impl Fn(&'static Texts, &Dates, P::Item) -> C,
        row: impl Fn(&'static Texts, &Dates, P::Item) -> R,
    ) -> AnyView {
        let heads = column_heads(self.t, columns);
        self.cards_or_table(empty, class, heads, card, row)
    }
}

#[cfg(test)]
mod tests {
    use super::{prose_parts, without};
    use crate::query::UserListView;

    #[test]
    fn without_drops_one_filter_and_only_while_it_is_set() {
        let mut view = UserListView::default();
        view.query.q = Some("anna".to_owned());
        assert_eq!(without(&view, |v| &mut v.query.account), None);
        view.query.account = Some(
            serde_json::from_value(serde_json::json!("7d9c3a52-0000-4000-8000-000000000001"))
                .unwrap(),
        );
        let all = without(&view, |v| &mut v.query.account).unwrap();
        assert_eq!(
            (all.query.account, all.query.q.as_deref()),
            (None, Some("anna"))
        );
    }

    #[test]
    fn prose_keeps_hyphenated_words_whole_and_the_rest_as_runs() {
        let run = |s: &str, whole| (s.to_owned(), whole);
        assert_eq!(
            prose_parts("Error E-214 on the CT after update"),
            vec![
                run("Error ", false),
                run("E-214", true),
                run(" on the CT after update", false)
            ]
        );
        assert_eq!(prose_parts("plain words"), vec![run("plain words", false)]);
        assert_eq!(
            prose_parts("a-b c/d"),
            vec![run("a-b", true), run(" ", false), run("c/d", true)]
        );
        assert_eq!(prose_parts(""), vec![]);
    }
}

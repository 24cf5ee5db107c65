//! `/documents`: the customer facing documents of the visible products,
//! filtered and paged in the URL (emails link to `?installed_product=`),
//! each previewed or saved, several chosen and saved as one zip; and for
//! the service side the form that publishes more.

use super::files::Files;
use super::upload_form::upload_form;
use crate::api::Api;
use crate::components::list::heads;
use crate::components::list::{
    any_then, column_heads, fact, filter_select, options, paged, select_value, use_list_page, Shown,
};
use crate::format::{format_date, format_date_time, format_size, instant_in_zone, Dates};
use crate::i18n::document_texts::{document_kind_name, DOCUMENT_KINDS, DOCUMENT_TEXTS};
use crate::i18n::{count_text, fill, TextFn, Texts};
use crate::pages::installed_products_page::display_name;
use crate::query::{from_wire, parse_day, wire_name, DocumentListView};
use crate::routes::case_path;
use crate::state::auth::use_auth;
use api_types::{DocumentDto, DocumentPage};
use domain::DateFormat;
use leptos::ev::Event;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;

paged!(DocumentPage => DocumentDto);

/// The documents chosen for a zip, in the order they were chosen; kept
/// across the list's pages.
#[derive(Clone, Copy)]
struct Selection(RwSignal<Vec<String>>);

impl Selection {
    fn has(self, id: &str) -> bool {
        self.0.with(|chosen| chosen.iter().any(|c| c == id))
    }

    fn set(self, id: &str, on: bool) {
        self.0.update(|chosen| {
            chosen.retain(|c| c != id);
            if on {
                chosen.push(id.to_owned());
            }
        });
    }

    /// Adds all of `ids` (those not chosen yet, in their order), or drops them.
    fn set_all(self, ids: &[String], on: bool) {
        self.0.update(|chosen| {
            chosen.retain(|c| !ids.contains(c));
            if on {
                chosen.extend(ids.iter().cloned());
            }
        });
    }
}

#[component]
pub fn DocumentsPage() -> impl IntoView {
    let auth = use_auth();
    // The days of the URL are asked as instants in the user's zone.
    let list = use_list_page::<DocumentListView, _, _>(move |api: Api, view: DocumentListView| {
        let zone = auth.time_zone();
        api.documents(view.api_query(|local| instant_in_zone(local, &zone)))
    });
    let (t, current) = (list.t, list.current);
    let selection = Selection(RwSignal::new(Vec::new()));
    let files = Files::new(auth);

    let kind_select = list.kept_select(|v| v.query.kind.map(|k| wire_name(&k)).unwrap_or_default());
    let [from_input, to_input] = std::array::from_fn(|_| NodeRef::<html::Input>::new());
    let read = move |mut view: DocumentListView| {
        let day = |input: NodeRef<html::Input>| {
            input.get_untracked().and_then(|el| parse_day(&el.value()))
        };
        view.query.kind = from_wire(&select_value(kind_select));
        let (from, to) = (day(from_input), day(to_input));
        // A range typed backwards is meant forwards.
        (view.from, view.to) = match (from, to) {
            (Some(from), Some(to)) if to < from => (Some(to), Some(from)),
            range => range,
        };
        view
    };
    let on_change = list.on_change(read);
    let day_value = move |day: fn(&DocumentListView) -> Option<chrono::NaiveDate>| {
        move || current.with(|v| day(v).map(iso).unwrap_or_default())
    };

    // The ids of the page shown, for "select all on this page".
    let page_ids = Memo::new(move |_| {
        list.with_answered(|page: &DocumentPage| {
            Some(
                page.items
                    .iter()
                    .map(|d| d.id.to_string())
                    .collect::<Vec<_>>(),
            )
        })
        .unwrap_or_default()
    });

    view! {
        {list.heading_with_intro(|t| DOCUMENT_TEXTS.of(t).documents_intro)}
        {list.filter_form_in("document-filters filters", read, move |t| {
            let texts = DOCUMENT_TEXTS.of(t);
            let kinds = options(DOCUMENT_KINDS.map(|k| (wire_name(&k), document_kind_name(t, k))));
            let help = fill(texts.range_help, &[("zone", &auth.time_zone())]);
            let fields = view! {
                {filter_select("filter", ("filter-kind", "kind"), texts.filter_kind, kind_select, on_change.clone(), any_then(texts.any_kind, kinds))}
                {date_filter(("filter-from", "from"), texts.filter_from, from_input, day_value(|v| v.from), on_change.clone(), None)}
                {date_filter(("filter-to", "to"), texts.filter_to, to_input, day_value(|v| v.to), on_change.clone(), Some(help))}
            };
            (texts.document_filters_label, texts.apply_document_filters, fields)
        })}
        // Reached from an email, a product, a case or a visit: say so, and
        // offer the way out.
        {list.narrowed_notice("product", |v| &mut v.query.installed_product, |page| {
            let d = page.items.first()?;
            let p = &d.installed_product;
            Some(format!("{} {}", p.number, display_name(p.custom_name.as_deref(), &p.description)))
        }, [|t| DOCUMENT_TEXTS.of(t).product_filter_notice, |t| DOCUMENT_TEXTS.of(t).product_filter_unknown, |t| DOCUMENT_TEXTS.of(t).remove_product_filter])}
        {list.narrowed_notice("case", |v| &mut v.query.case, |page| page.items.first()?.case_number.clone(), [|t| DOCUMENT_TEXTS.of(t).case_filter_notice, |t| DOCUMENT_TEXTS.of(t).case_filter_unknown, |t| DOCUMENT_TEXTS.of(t).remove_case_filter])}
        {list.narrowed_notice("visit", |v| &mut v.query.planned_event, |_| None, [|t| DOCUMENT_TEXTS.of(t).visit_filter_notice, |t| DOCUMENT_TEXTS.of(t).visit_filter_unknown, |t| DOCUMENT_TEXTS.of(t).remove_visit_filter])}
        {upload_form(list, auth)}
        {selection_bar(t, selection, page_ids, files)}
        {files.error_view()}
        {list.answer_view(
            || [|t| DOCUMENT_TEXTS.of(t).documents_loading, |t| DOCUMENT_TEXTS.of(t).documents_total_one, |t| DOCUMENT_TEXTS.of(t).documents_total],
            move |shown| results(shown, selection, files),
        )}
        {files.dialog(t)}
    }
}

/// A day filter (`<input type="date">`), applied as soon as it changes;
/// the last of the range says what the days are (`help`).
fn date_filter(
    (id, name): (&'static str, &'static str),
    label: &'static str,
    input: NodeRef<html::Input>,
    value: impl Fn() -> String + Send + Sync + 'static,
    on_change: impl Fn(Event) + 'static,
    help: Option<String>,
) -> impl IntoView {
    view! {
        <div class="filter">
            <label for=id>{label}</label>
            <input
                id=id
                name=name
                type="date"
                node_ref=input
                aria-describedby="filter-range-help"
                prop:value=value
                on:change=on_change
            />
            {help.map(|help| view! { <p id="filter-range-help" class="field-help">{help}</p> })}
        </div>
    }
}

fn iso(day: chrono::NaiveDate) -> String {
    format_date(day, DateFormat::Iso)
}

/// "Select all on this page", how many are chosen, and the zip of them.
fn selection_bar(
    t: Signal<&'static Texts>,
    selection: Selection,
    page_ids: Memo<Vec<String>>,
    files: Files,
) -> impl IntoView {
    let chosen = selection.0;
    let on_page = move || {
        let ids = page_ids.get();
        let picked = ids.iter().filter(|id| selection.has(id)).count();
        (ids.len(), picked)
    };
    let all = move || matches!(on_page(), (n, picked) if n > 0 && picked == n);
    let some = move || matches!(on_page(), (n, picked) if picked > 0 && picked < n);
    let toggle_page = move |ev: Event| {
        let on = event_target_checked(&ev);
        selection.set_all(&page_ids.get_untracked(), on);
    };
    move || {
        let t = t.get();
        let texts = DOCUMENT_TEXTS.of(t);
        // Nothing to choose from, and nothing chosen elsewhere.
        if page_ids.with(Vec::is_empty) && chosen.with(Vec::is_empty) {
            return None;
        }
        let count = move || {
            count_text(
                texts.selected_one,
                texts.selected_many,
                chosen.with(Vec::len) as u64,
            )
        };
        let limit = fill(
            texts.zip_limit,
            &[("n", &crate::api::documents::MOST_IN_A_ZIP.to_string())],
        );
        let too_many = move || chosen.with(Vec::len) > crate::api::documents::MOST_IN_A_ZIP;
        Some(view! {
            <div class="filter-notice selection-bar" role="group" aria-label=texts.download_zip>
                <input
                    id="select-page"
                    type="checkbox"
                    prop:checked=all
                    prop:indeterminate=some
                    disabled=move || page_ids.with(Vec::is_empty)
                    on:change=toggle_page
                />
                <label for="select-page">{texts.select_page}</label>
                <span class="selected-count" role="status">{count}</span>
                {files.zip_button(t, chosen.into())}
                {move || chosen.with(|c| !c.is_empty()).then(|| view! {
                    <button type="button" class="button-secondary clear-selection" on:click=move |_| chosen.set(Vec::new())>
                        {texts.clear_selection}
                    </button>
                })}
                {move || too_many().then(|| view! { <span class="field-error">{limit.clone()}</span> })}
            </div>
        })
    }
}

/// The columns after the checkbox. The file's kind and size go under its
/// name: the whole name never wraps, and beside it seven columns would not
/// fit the desktop's width.
const COLUMNS: [TextFn; 5] = heads! {
    DOCUMENT_TEXTS.col_file, DOCUMENT_TEXTS.col_product, DOCUMENT_TEXTS.col_case,
    DOCUMENT_TEXTS.col_uploaded, DOCUMENT_TEXTS.col_actions
};

/// The rows (a table, or cards on a phone) and the pager.
fn results(
    shown: Shown<DocumentListView, DocumentPage>,
    selection: Selection,
    files: Files,
) -> AnyView {
    let texts = DOCUMENT_TEXTS.of(shown.t);
    let empty = shown.empty_text(texts.documents_none, texts.documents_empty);
    let heads = view! {
        <th scope="col" class="select-column">
            <span class="visually-hidden">{texts.col_select}</span>
        </th>
        {column_heads(shown.t, &COLUMNS)}
    }
    .into_any();
    shown.cards_or_table(
        empty,
        "data-table document-table",
        heads,
        move |t, dates, d| document_card(t, dates, d, Shared { selection, files }),
        move |t, dates, d| document_row(t, dates, d, Shared { selection, files }),
    )
}

/// What the rows and cards of the documents share: the chosen ones, and
/// the file buttons.
#[derive(Clone, Copy)]
struct Shared {
    selection: Selection,
    files: Files,
}

/// The checkbox that chooses a document for the zip; `label` names it
/// for screen readers when no visible label does.
fn select_box(d: &DocumentDto, label: Option<String>, selection: Selection) -> impl IntoView {
    let id = d.id.to_string();
    let checked = {
        let id = id.clone();
        move || selection.has(&id)
    };
    view! {
        <input
            type="checkbox"
            id=select_id(d)
            class="select-document"
            aria-label=label
            prop:checked=checked
            on:change=move |ev| selection.set(&id, event_target_checked(&ev))
        />
    }
}

/// The id of a document's checkbox.
fn select_id(d: &DocumentDto) -> String {
    format!("select-{}", d.id)
}

fn uploaded(dates: &Dates, d: &DocumentDto) -> String {
    format_date_time(d.uploaded_at, &dates.2, dates.0, dates.1)
}

fn size(t: &'static Texts, d: &DocumentDto) -> String {
    format_size(d.size_bytes, DOCUMENT_TEXTS.of(t).decimal_separator)
}

/// The product's number and the name it goes by.
fn product_view(d: &DocumentDto) -> impl IntoView {
    let p = &d.installed_product;
    let name = display_name(p.custom_name.as_deref(), &p.description).to_owned();
    view! {
        <span class="product-number">{p.number.clone()}</span>
        " "
        <span class="secondary">{name}</span>
    }
}

/// A link to the document's case, if it has one.
fn case_view(t: &'static Texts, d: &DocumentDto) -> AnyView {
    match (d.case_id, d.case_number.clone()) {
        (Some(id), Some(number)) => {
            view! { <A href=case_path(id) attr:class="case-link ident">{number}</A> }.into_any()
        }
        _ => view! { <span class="muted">{DOCUMENT_TEXTS.of(t).not_set}</span> }.into_any(),
    }
}

fn document_row(t: &'static Texts, dates: &Dates, d: DocumentDto, s: Shared) -> impl IntoView {
    let Shared { selection, files } = s;
    let texts = DOCUMENT_TEXTS.of(t);
    let label = fill(texts.select_named, &[("name", &d.file_name)]);
    let facts = format!("{} · {}", document_kind_name(t, d.kind), size(t, &d));
    view! {
        <tr class="document-row">
            <td class="select-column">{select_box(&d, Some(label), selection)}</td>
            <td>
                <span class="ident file-name">{d.file_name.clone()}</span>
                <span class="secondary">{facts}</span>
            </td>
            <td>{product_view(&d)}</td>
            <td>{case_view(t, &d)}</td>
            <td class="date">{uploaded(dates, &d)}</td>
            <td>{files.buttons(t, &d)}</td>
        </tr>
    }
}

fn document_card(t: &'static Texts, dates: &Dates, d: DocumentDto, s: Shared) -> impl IntoView {
    let Shared { selection, files } = s;
    let texts = DOCUMENT_TEXTS.of(t);
    view! {
        <li class="card document-card">
            <div class="card-head">
                {select_box(&d, None, selection)}
                // The file's name labels its checkbox; clamped if wider than
                // the card, whole on hover.
                <label for=select_id(&d) class="file-name" title=d.file_name.clone()>{d.file_name.clone()}</label>
            </div>
            <dl class="facts">
                {fact(texts.col_kind, document_kind_name(t, d.kind))}
                {fact(texts.col_product, product_view(&d))}
                {d.case_id.is_some().then(|| fact(texts.col_case, case_view(t, &d)))}
                {fact(texts.col_uploaded, uploaded(dates, &d))}
                {fact(texts.col_size, size(t, &d))}
            </dl>
            {files.buttons(t, &d)}
        </li>
    }
}

//! `/installed-products`: the installed base, filtered, sorted, paged and
//! grouped, all kept in the URL.

use crate::api::Api;
use crate::components::badges::{expiry_badge, state_badge};
use crate::components::list::{
    card_list, choice_options, fact, filter_select, search_filter, search_value, select_value,
    sort_header, use_list_page, Shown,
};
use crate::format::format_date;
use crate::i18n::product_texts::PRODUCT_TEXTS;
use crate::i18n::{
    expiry_label, modality_name, state_name, TextFn, Texts, EXPIRIES, MODALITIES, STATES,
};
use crate::query::{
    coverage_choice, from_wire, set_coverage_choice, value_text, wire_name, Grouping, ListView,
    ProductListView, COVERED, NOT_COVERED,
};
use crate::routes::installed_product_path;
use crate::state::auth::use_auth;
use api_types::{
    AccountResponse, ExpiryStatusDto, InstalledProductPage, InstalledProductSort,
    InstalledProductSummary, ModalityDto,
};
use domain::DateFormat;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use std::array;

#[component]
pub fn InstalledProductsPage() -> impl IntoView {
    let list = use_list_page::<ProductListView, _, _>(Api::installed_products);
    let (auth, t, current) = (use_auth(), list.t, list.current);
    let accounts = LocalResource::new(move || auth.api().accounts());

    // The filters apply as soon as a select changes; the search on submit.
    let [modality_select, state_select, coverage_select, strategic_select, location_select, group_select] =
        array::from_fn(|_| NodeRef::<html::Select>::new());
    let q_input = NodeRef::<html::Input>::new();
    let read = move |mut view: ProductListView| {
        let select = select_value;
        let q = &mut view.query;
        q.modality = from_wire(&select(modality_select));
        q.operational_state = from_wire(&select(state_select));
        set_coverage_choice(q, &select(coverage_select));
        q.strategic_item = match select(strategic_select).as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
        q.location_account = from_wire(&select(location_select));
        q.q = search_value(q_input);
        view.group = Grouping::parse(&select(group_select));
        view
    };
    let on_change = list.on_change(read);

    let modalities = MODALITIES.map(|m| {
        (
            wire_name(&m),
            (move || modality_name(t.get(), m)).into_any(),
        )
    });
    let states = STATES.map(|s| (wire_name(&s), (move || state_name(t.get(), s)).into_any()));
    let groups = Grouping::ALL.map(|g| {
        (
            g.as_str().to_owned(),
            (move || grouping_name(t.get(), g)).into_any(),
        )
    });
    let any = |label: TextFn| labelled(t, [("", label)]);

    let q = move || current.with(|v| v.query.q.clone().unwrap_or_default());
    let fields = view! {
        {filter_select("filter", ("filter-modality", "modality"), move || t.get().filter_modality, modality_select, on_change.clone(),
            choice_options(current, modality_value, any(|t| t.any_modality).into_iter().chain(modalities)))}
        {filter_select("filter", ("filter-state", "operational_state"), move || PRODUCT_TEXTS.of(t.get()).filter_state, state_select, on_change.clone(),
            choice_options(current, state_value, any(|t| PRODUCT_TEXTS.of(t).any_state).into_iter().chain(states)))}
        {filter_select("filter", ("filter-coverage", "coverage"), move || t.get().filter_coverage, coverage_select, on_change.clone(),
            choice_options(current, |v| coverage_choice(&v.query), labelled(t, coverage_options())))}
        {filter_select("filter", ("filter-strategic", "strategic_item"), move || PRODUCT_TEXTS.of(t.get()).filter_strategic, strategic_select, on_change.clone(),
            choice_options(current, strategic_value, labelled(t, strategic_options())))}
        {filter_select("filter", ("filter-location", "location_account"), move || t.get().filter_location, location_select, on_change.clone(), view! {
            {choice_options(current, location_value, any(|t| PRODUCT_TEXTS.of(t).any_location))}
            {move || {
                let accounts = accounts.get()?.ok()?.items;
                let options = location_options(accounts).into_iter().map(|(value, label)| (value, label.into_any()));
                Some(choice_options(current, location_value, options))
            }}
        })}
        {search_filter("filter-q", move || t.get().filter_q, q_input, q, move || PRODUCT_TEXTS.of(t.get()).filter_q_help)}
        {filter_select("filter", ("filter-group", "group"), move || PRODUCT_TEXTS.of(t.get()).group_by, group_select, on_change,
            choice_options(current, |v| v.group.as_str().to_owned(), groups))}
    };

    view! {
        {list.heading()}
        {list.filter_form(
            "product-filters filters",
            Signal::derive(move || PRODUCT_TEXTS.of(t.get()).product_filters_label),
            Signal::derive(move || PRODUCT_TEXTS.of(t.get()).apply_product_filters),
            read,
            fields,
        )}
        {list.answer_view(|| [|t| PRODUCT_TEXTS.of(t).products_loading, |t| t.products_total_one, |t| t.products_total], results)}
    }
}

/// The rows (a table, or cards on a phone), grouped if asked, and the pager.
fn results(shown: Shown<ProductListView, InstalledProductPage>) -> AnyView {
    let (t, date_format) = (shown.t, shown.dates.0);
    // The rows consume `shown`; the groups and headers still read the view.
    let (view, texts) = (shown.view.clone(), PRODUCT_TEXTS.of(t));
    let empty = shown.empty_text(texts.products_none, texts.products_empty);
    // No products make no groups.
    let cards = |items| product_cards(t, date_format, group_products(items, view.group));
    let table =
        |items| product_table(t, date_format, &view, group_products(items, view.group)).into_any();
    shown.rows(empty, cards, table)
}

/// The sortable table of wide screens.
fn product_table(
    t: &'static Texts,
    date_format: DateFormat,
    view: &ProductListView,
    groups: Vec<ProductGroup>,
) -> impl IntoView {
    // No sort in the URL is the default sort (by number, ascending): its
    // header says so.
    let heads = COLUMNS
        .into_iter()
        .map(|(column, label)| {
            let sorted = view.query.sort.unwrap_or_default() == column;
            let order = sorted.then(|| view.query.order.unwrap_or_default());
            sort_header(view.sorted_by(column).href(), label(t), order)
        })
        .collect_view();
    let columns = COLUMNS.len().to_string();
    let rows = |p| product_row(t, date_format, p);
    let bodies = each_group(t, groups, rows, |heading, rows| {
        view! {
            <tbody>
                {heading.map(|heading| view! {
                    <tr class="group-row">
                        <th scope="rowgroup" colspan=columns.clone()>{heading}</th>
                    </tr>
                })}
                {rows}
            </tbody>
        }
    });
    view! {
        <div class="table-scroll">
            <table class="data-table product-table">
                <thead>
                    <tr>{heads}</tr>
                </thead>
                {bodies}
            </table>
        </div>
    }
}

/// The columns of the table and the sort each header asks for.
const COLUMNS: [(InstalledProductSort, TextFn); 6] = [
    (InstalledProductSort::Description, |t| {
        PRODUCT_TEXTS.of(t).col_product
    }),
    (InstalledProductSort::Number, |t| {
        PRODUCT_TEXTS.of(t).col_number
    }),
    (InstalledProductSort::Modality, |t| {
        PRODUCT_TEXTS.of(t).col_modality
    }),
    (InstalledProductSort::Location, |t| t.col_location),
    (InstalledProductSort::OperationalState, |t| {
        PRODUCT_TEXTS.of(t).col_state
    }),
    (InstalledProductSort::CoverageEnd, |t| {
        PRODUCT_TEXTS.of(t).col_coverage
    }),
];

fn product_row(t: &'static Texts, format: DateFormat, p: InstalledProductSummary) -> impl IntoView {
    let ((name, also), coverage) = (names(&p), coverage_view(t, format, &p));
    view! {
        <tr class="product-row">
            <td>
                <A href=installed_product_path(p.id) attr:class="product-link">{name}</A>
                {also.map(|d| view! { <span class="secondary">{d}</span> })}
                {p.strategic_item.then(|| view! { <span class="tag">{PRODUCT_TEXTS.of(t).strategic_label}</span> })}
            </td>
            <td>
                <span class="product-number">{p.number}</span>
                <span class="secondary ident">{p.serial_number}</span>
            </td>
            <td>{modality_name(t, p.modality)}</td>
            <td>{p.location.name}</td>
            <td>{state_badge(t, p.operational_state)}</td>
            <td>{coverage}</td>
        </tr>
    }
}

/// The cards of a phone: one list, or a heading and a list per group.
fn product_cards(t: &'static Texts, date_format: DateFormat, groups: Vec<ProductGroup>) -> AnyView {
    let cards = |p| product_card(t, date_format, p);
    each_group(t, groups, cards, |heading, cards| {
        view! {
            {heading.map(|heading| view! { <h2 class="group-heading">{heading}</h2> })}
            {card_list(cards)}
        }
    })
}

/// Each group as `group` draws it from its heading (none when the rows are
/// not grouped) and its products, each drawn by `item`.
fn each_group<I: IntoView, G: IntoView>(
    t: &'static Texts,
    groups: Vec<ProductGroup>,
    item: impl Fn(InstalledProductSummary) -> I,
    group: impl Fn(Option<String>, AnyView) -> G,
) -> AnyView {
    groups
        .into_iter()
        .map(|g| {
            let heading = group_heading(t, &g);
            group(
                heading,
                g.items.into_iter().map(&item).collect_view().into_any(),
            )
        })
        .collect_view()
        .into_any()
}

fn product_card(
    t: &'static Texts,
    format: DateFormat,
    p: InstalledProductSummary,
) -> impl IntoView {
    let coverage = coverage_view(t, format, &p);
    let (name, also) = names(&p);
    view! {
        <li class="card product-card">
            <div class="card-head">
                <A href=installed_product_path(p.id) attr:class="product-link">{name}</A>
                {state_badge(t, p.operational_state)}
            </div>
            {also.map(|d| view! { <p class="secondary">{d}</p> })}
            <dl class="facts">
                <div>
                    <dt>{PRODUCT_TEXTS.of(t).col_number}</dt>
                    <dd><span class="product-number">{p.number}</span></dd>
                </div>
                {fact(PRODUCT_TEXTS.of(t).col_modality, modality_name(t, p.modality))}
                {fact(t.col_location, p.location.name.clone())}
                {fact(PRODUCT_TEXTS.of(t).col_coverage, coverage)}
                {p.strategic_item.then(|| fact(PRODUCT_TEXTS.of(t).strategic_label, t.yes))}
            </dl>
        </li>
    }
}

/// The coverage badge and its end date, or "Not covered".
fn coverage_view(
    t: &'static Texts,
    date_format: DateFormat,
    p: &InstalledProductSummary,
) -> impl IntoView {
    match &p.coverage {
        Some(c) => view! {
            {expiry_badge(t, c.expiry, c.days_left)}
            <span class="secondary">{format_date(c.end_date, date_format)}</span>
        }
        .into_any(),
        None => view! { <span class="muted">{PRODUCT_TEXTS.of(t).not_covered}</span> }.into_any(),
    }
}

/// The name a product goes by, and its description when that is not it.
fn names(p: &InstalledProductSummary) -> (String, Option<String>) {
    let name = display_name(p.custom_name.as_deref(), &p.description).to_owned();
    let also = (name != p.description).then(|| p.description.clone());
    (name, also)
}

/// The name a product goes by: the customer's own name if set, else its description.
pub fn display_name<'a>(custom_name: Option<&'a str>, description: &'a str) -> &'a str {
    custom_name
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .unwrap_or(description)
}

/// What a group of rows has in common.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupLabel {
    All,
    Modality(ModalityDto),
    Location(String),
    /// None: not covered.
    Coverage(Option<ExpiryStatusDto>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductGroup {
    pub label: GroupLabel,
    pub items: Vec<InstalledProductSummary>,
}

/// Groups the page's rows, keeping the server's order inside each group.
/// Groups come in a fixed order: modalities as listed, locations by name,
/// coverage from expired to green, then not covered.
pub fn group_products(
    items: Vec<InstalledProductSummary>,
    grouping: Grouping,
) -> Vec<ProductGroup> {
    let mut groups: Vec<((usize, String), ProductGroup)> = Vec::new();
    for item in items {
        let (key, label) = group_of(&item, grouping);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.items.push(item),
            None => groups.push((
                key,
                ProductGroup {
                    label,
                    items: vec![item],
                },
            )),
        }
    }
    groups.sort_by(|(a, _), (b, _)| a.cmp(b));
    groups.into_iter().map(|(_, group)| group).collect()
}

fn group_of(item: &InstalledProductSummary, grouping: Grouping) -> ((usize, String), GroupLabel) {
    match grouping {
        Grouping::None => ((0, String::new()), GroupLabel::All),
        Grouping::Modality => {
            let rank = MODALITIES
                .iter()
                .position(|m| *m == item.modality)
                .unwrap_or(MODALITIES.len());
            ((rank, String::new()), GroupLabel::Modality(item.modality))
        }
        Grouping::Location => (
            (
                0,
                format!(
                    "{}\u{0}{}",
                    item.location.name.to_lowercase(),
                    item.location.id
                ),
            ),
            GroupLabel::Location(item.location.name.clone()),
        ),
        Grouping::Coverage => {
            let expiry = item.coverage.as_ref().map(|c| c.expiry);
            let rank = expiry
                .and_then(|e| EXPIRIES.iter().position(|x| *x == e))
                .unwrap_or(EXPIRIES.len());
            ((rank, String::new()), GroupLabel::Coverage(expiry))
        }
    }
}

/// The heading above a group ("CT (4)"); none when the rows are not grouped.
fn group_heading(t: &Texts, group: &ProductGroup) -> Option<String> {
    let label = match &group.label {
        GroupLabel::All => return None,
        GroupLabel::Modality(m) => modality_name(t, *m).to_owned(),
        GroupLabel::Location(name) => name.clone(),
        GroupLabel::Coverage(Some(e)) => expiry_label(t, *e).to_owned(),
        GroupLabel::Coverage(None) => PRODUCT_TEXTS.of(t).not_covered.to_owned(),
    };
    Some(format!("{label} ({})", group.items.len()))
}

fn modality_value(v: &ProductListView) -> String {
    v.query.modality.map(|m| wire_name(&m)).unwrap_or_default()
}

fn state_value(v: &ProductListView) -> String {
    v.query
        .operational_state
        .map(|s| wire_name(&s))
        .unwrap_or_default()
}

fn strategic_value(v: &ProductListView) -> String {
    value_text(v.query.strategic_item)
}

fn location_value(v: &ProductListView) -> String {
    value_text(v.query.location_account)
}

/// Options of fixed values, labelled in the current language.
fn labelled<const N: usize>(
    t: Signal<&'static Texts>,
    options: [(&'static str, TextFn); N],
) -> [(String, AnyView); N] {
    options.map(|(value, label)| (value.to_owned(), (move || label(t.get())).into_any()))
}

fn coverage_options() -> [(&'static str, TextFn); 7] {
    [
        ("", |t| PRODUCT_TEXTS.of(t).any_coverage),
        (COVERED, |t| PRODUCT_TEXTS.of(t).covered_option),
        ("green", |t| t.expiry_green_label),
        ("yellow", |t| t.expiry_yellow_label),
        ("red", |t| t.expiry_red_label),
        ("expired", |t| t.expiry_expired_label),
        (NOT_COVERED, |t| PRODUCT_TEXTS.of(t).not_covered),
    ]
}

fn strategic_options() -> [(&'static str, TextFn); 3] {
    [
        ("", |t| PRODUCT_TEXTS.of(t).any_strategic),
        ("true", |t| PRODUCT_TEXTS.of(t).strategic_only),
        ("false", |t| PRODUCT_TEXTS.of(t).not_strategic),
    ]
}

/// The location select's options: each account by name, with its parent's
/// name when that is in the list too (two hospitals may each have "Radiology").
fn location_options(mut accounts: Vec<AccountResponse>) -> Vec<(String, String)> {
    accounts.sort_by_key(|a| a.name.to_lowercase());
    accounts
        .iter()
        .map(|a| {
            let parent = a
                .parent_id
                .and_then(|pid| accounts.iter().find(|p| p.id == pid));
            let label = match parent {
                Some(parent) => format!("{} · {}", a.name, parent.name),
                None => a.name.clone(),
            };
            (a.id.to_string(), label)
        })
        .collect()
}

/// The name of a grouping in the "Group by" select.
fn grouping_name(t: &Texts, grouping: Grouping) -> &'static str {
    match grouping {
        Grouping::None => t.group_none,
        Grouping::Modality => t.filter_modality,
        Grouping::Location => t.filter_location,
        Grouping::Coverage => t.filter_coverage,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::test_account;
    use api_types::{
        AccountKindDto, AccountRef, CoverageDto, OperationalStateDto, ProductKindDto,
        ProductStatusDto,
    };

    fn account(n: u8, name: &str) -> AccountRef {
        AccountRef {
            id: format!("00000000-0000-4000-8000-0000000000{n:02}")
                .parse()
                .unwrap(),
            name: name.to_owned(),
        }
    }

    fn product(
        number: &str,
        modality: ModalityDto,
        location: AccountRef,
        expiry: Option<ExpiryStatusDto>,
    ) -> InstalledProductSummary {
        InstalledProductSummary {
            id: "00000000-0000-4000-8000-000000000099".parse().unwrap(),
            number: number.to_owned(),
            description: format!("System {number}"),
            serial_number: "SN".to_owned(),
            modality,
            product_family: "F".to_owned(),
            kind: ProductKindDto::Hardware,
            status: ProductStatusDto::Active,
            operational_state: OperationalStateDto::Up,
            strategic_item: false,
            custom_name: None,
            functional_location: None,
            owner: location.clone(),
            location,
            coverage: expiry.map(|expiry| CoverageDto {
                end_date: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
                days_left: 10,
                expiry,
            }),
        }
    }

    fn numbers(group: &ProductGroup) -> Vec<&str> {
        group.items.iter().map(|p| p.number.as_str()).collect()
    }

    fn sample() -> Vec<InstalledProductSummary> {
        let (a, b) = (account(1, "Zuid"), account(2, "Noord"));
        vec![
            product(
                "1",
                ModalityDto::Us,
                a.clone(),
                Some(ExpiryStatusDto::Green),
            ),
            product("2", ModalityDto::Mr, b.clone(), None),
            product("3", ModalityDto::Us, b, Some(ExpiryStatusDto::Expired)),
            product("4", ModalityDto::Mr, a, Some(ExpiryStatusDto::Green)),
        ]
    }

    #[test]
    fn no_grouping_is_one_group_in_server_order() {
        let groups = group_products(sample(), Grouping::None);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].label, GroupLabel::All);
        assert_eq!(numbers(&groups[0]), ["1", "2", "3", "4"]);
    }

    #[test]
    fn modality_groups_follow_the_modality_order() {
        let groups = group_products(sample(), Grouping::Modality);
        assert_eq!(groups[0].label, GroupLabel::Modality(ModalityDto::Mr));
        assert_eq!(numbers(&groups[0]), ["2", "4"]);
        assert_eq!(groups[1].label, GroupLabel::Modality(ModalityDto::Us));
        assert_eq!(numbers(&groups[1]), ["1", "3"]);
    }

    #[test]
    fn location_groups_are_by_name() {
        let groups = group_products(sample(), Grouping::Location);
        assert_eq!(groups[0].label, GroupLabel::Location("Noord".to_owned()));
        assert_eq!(numbers(&groups[0]), ["2", "3"]);
        assert_eq!(groups[1].label, GroupLabel::Location("Zuid".to_owned()));
    }

    #[test]
    fn coverage_groups_put_the_urgent_first_and_uncovered_last() {
        let groups = group_products(sample(), Grouping::Coverage);
        let labels: Vec<_> = groups.iter().map(|g| g.label.clone()).collect();
        assert_eq!(
            labels,
            [
                GroupLabel::Coverage(Some(ExpiryStatusDto::Expired)),
                GroupLabel::Coverage(Some(ExpiryStatusDto::Green)),
                GroupLabel::Coverage(None),
            ]
        );
        assert_eq!(numbers(&groups[1]), ["1", "4"]);
    }

    #[test]
    fn headings_name_the_group_and_count_it() {
        let t = crate::i18n::texts(domain::Language::En);
        let groups = group_products(sample(), Grouping::Coverage);
        assert_eq!(
            group_heading(t, &groups[2]).as_deref(),
            Some("Not covered (1)")
        );
        let all = group_products(sample(), Grouping::None);
        assert_eq!(group_heading(t, &all[0]), None);
    }

    #[test]
    fn the_custom_name_wins_when_set() {
        assert_eq!(display_name(Some("CT links"), "Ingenia"), "CT links");
        assert_eq!(display_name(Some("  "), "Ingenia"), "Ingenia");
        assert_eq!(display_name(None, "Ingenia"), "Ingenia");
    }

    #[test]
    fn location_options_name_the_parent_when_known() {
        let hospital = test_account(1, "UMC", None, Some(1));
        let radiology = AccountResponse {
            kind: AccountKindDto::Department,
            ..test_account(2, "Radiology", Some(1), Some(1))
        };
        let options = location_options(vec![hospital, radiology]);
        assert_eq!(options[0].1, "Radiology · UMC");
        assert_eq!(options[1].1, "UMC");
    }
}

//! `/end-of-life`: the notices the user was sent (and "mark all as read"),
//! their products with end-of-life or end-of-service dates, nearest first
//! (the list-page pattern: modality and page in the URL, each row offering
//! "Notify me"), and what they follow: modalities and products, with the
//! form that follows a modality. Emails about a product's dates link here.

use crate::api::{Api, ApiError};
use crate::components::detail::{page_error, when_loaded};
use crate::components::list::heads;
use crate::components::list::{
    any_then, fact, filter_select, options, paged, select_value, use_list_page, Shown,
};
use crate::format::{date_in_zone, format_date};
use crate::i18n::document_texts::{milestone_name, DOCUMENT_TEXTS};
use crate::i18n::{count_text, error_message, fill, modality_name, TextFn, Texts, MODALITIES};
use crate::pages::installed_products_page::display_name;
use crate::query::{from_wire, wire_name, EolProductListView};
use crate::routes::installed_product_path;
use crate::state::auth::{use_auth, Auth};
use api_types::{
    EolNoticeDto, EolNoticePage, EolNoticeQuery, EolProductDto, EolProductPage, EolSubscriptionDto,
    EolSubscriptionList, ModalityDto, NewEolSubscription, ProductRef,
};
use chrono::NaiveDate;
use domain::DateFormat;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;

paged!(EolProductPage => EolProductDto);

/// The notices shown: the newest.
const NOTICES_SHOWN: u32 = 50;
const SUBSCRIPTIONS_ID: &str = "eol-subscriptions-heading";

/// What the page's parts share: the answers they change, and the toast.
#[derive(Clone, Copy)]
struct Eol {
    auth: Auth,
    t: Signal<&'static Texts>,
    notices: LocalResource<Result<EolNoticePage, ApiError>>,
    subscriptions: LocalResource<Result<EolSubscriptionList, ApiError>>,
    /// The products followed one by one, by id.
    followed: Memo<Vec<String>>,
    /// The last action's outcome: its sentence, and whether it failed.
    toast: RwSignal<Option<(String, bool)>>,
}

impl Eol {
    /// Follows what `request` names (`what`: how the sentences name it).
    fn subscribe(self, request: NewEolSubscription, what: String) {
        leptos::task::spawn_local(async move {
            let t = self.t.get_untracked();
            let texts = DOCUMENT_TEXTS.of(t);
            let toast = match self.auth.api().subscribe_to_end_of_life(&request).await {
                Ok((_, new)) => {
                    self.subscriptions.refetch();
                    // Notices already due are sent at once.
                    self.notices.refetch();
                    let template = if new {
                        texts.subscribed_new
                    } else {
                        texts.subscribed_before
                    };
                    (fill(template, &[("what", &what)]), false)
                }
                Err(err) => (error_message(t, &err), true),
            };
            self.toast.try_set(Some(toast));
        });
    }

    fn unsubscribe(self, id: String, what: String) {
        leptos::task::spawn_local(async move {
            let t = self.t.get_untracked();
            let toast = match self.auth.api().unsubscribe_from_end_of_life(&id).await {
                Ok(()) => {
                    self.subscriptions.refetch();
                    let text = fill(DOCUMENT_TEXTS.of(t).unsubscribed, &[("what", &what)]);
                    (text, false)
                }
                Err(err) => (error_message(t, &err), true),
            };
            self.toast.try_set(Some(toast));
        });
    }

    fn mark_read(self) {
        leptos::task::spawn_local(async move {
            let t = self.t.get_untracked();
            let toast = match self.auth.api().mark_end_of_life_notices_read().await {
                Ok(()) => {
                    self.notices.refetch();
                    (DOCUMENT_TEXTS.of(t).marked_read.to_owned(), false)
                }
                Err(err) => (error_message(t, &err), true),
            };
            self.toast.try_set(Some(toast));
        });
    }
}

#[component]
pub fn EndOfLifePage() -> impl IntoView {
    let list = use_list_page::<EolProductListView, _, _>(Api::end_of_life_products);
    let (auth, t) = (use_auth(), list.t);
    let notices = LocalResource::new(move || {
        auth.api().end_of_life_notices(EolNoticeQuery {
            page_size: Some(NOTICES_SHOWN),
            ..EolNoticeQuery::default()
        })
    });
    let subscriptions = LocalResource::new(move || auth.api().end_of_life_subscriptions());
    let followed = Memo::new(move |_| {
        subscriptions.with(|loaded| match loaded {
            Some(Ok(list)) => list
                .items
                .iter()
                .filter_map(|s| Some(s.installed_product.as_ref()?.id.to_string()))
                .collect(),
            _ => Vec::new(),
        })
    });
    let eol = Eol {
        auth,
        t,
        notices,
        subscriptions,
        followed,
        toast: RwSignal::new(None),
    };

    let modality_select =
        list.kept_select(|v| v.query.modality.map(|m| wire_name(&m)).unwrap_or_default());
    let read = move |mut view: EolProductListView| {
        view.query.modality = from_wire(&select_value(modality_select));
        view
    };
    let on_change = list.on_change(read);

    view! {
        {list.heading_with_intro(|t| DOCUMENT_TEXTS.of(t).eol_intro)}
        {notices_section(eol)}
        <section class="eol-products" aria-labelledby="eol-products-heading">
            <h2 id="eol-products-heading">{move || DOCUMENT_TEXTS.of(t.get()).eol_products_heading}</h2>
            {list.filter_form_in("eol-filters filters", read, move |t| {
                let texts = DOCUMENT_TEXTS.of(t);
                let modalities = options(MODALITIES.map(|m| (wire_name(&m), modality_name(t, m))));
                let fields = filter_select("filter", ("filter-modality", "modality"), t.filter_modality, modality_select, on_change.clone(), any_then(t.any_modality, modalities));
                (texts.eol_filters_label, texts.apply_eol_filters, fields)
            })}
            {list.answer_view(
                || [|t| DOCUMENT_TEXTS.of(t).eol_products_loading, |t| DOCUMENT_TEXTS.of(t).eol_products_total_one, |t| DOCUMENT_TEXTS.of(t).eol_products_total],
                move |shown| products(shown, eol),
            )}
        </section>
        {subscriptions_section(eol)}
        {toast_view(eol)}
    }
}

/// The notices, newest first, unread ones marked, and "mark all as read".
fn notices_section(eol: Eol) -> impl IntoView {
    let (auth, t, notices) = (eol.auth, eol.t, eol.notices);
    let unread = move || {
        notices.with(|n| match n {
            Some(Ok(page)) => page.unread,
            _ => 0,
        })
    };
    move || {
        let t = t.get();
        let texts = DOCUMENT_TEXTS.of(t);
        let body = when_loaded(t, notices, texts.notices_loading, move |page| {
            if page.items.is_empty() {
                return view! { <p class="empty-state">{texts.notices_none}</p> }.into_any();
            }
            let format = auth.date_format();
            view! {
                <ul class="uploads notice-list">
                    {page.items.into_iter().map(|n| notice_item(t, format, n)).collect_view()}
                </ul>
            }
            .into_any()
        });
        let count = move || match unread() {
            0 => texts.all_read.to_owned(),
            n => count_text(texts.unread_one, texts.unread_many, n),
        };
        view! {
            <section class="panel eol-notices" aria-labelledby="eol-notices-heading">
                <h2 id="eol-notices-heading">
                    {texts.notices_heading}
                    " "
                    <span class="tag unread-count">{count}</span>
                </h2>
                {body}
                <p>
                    <button
                        type="button"
                        class="button-secondary mark-read"
                        disabled=move || unread() == 0
                        on:click=move |_| eol.mark_read()
                    >
                        {texts.mark_all_read}
                    </button>
                </p>
            </section>
        }
    }
}

fn notice_item(t: &'static Texts, format: DateFormat, n: EolNoticeDto) -> impl IntoView {
    let texts = DOCUMENT_TEXTS.of(t);
    view! {
        <li class="upload notice" class:unread=!n.read>
            {(!n.read).then(|| view! { <span class="tag new-notice">{texts.new_notice}</span> })}
            {product_link(&n.installed_product)}
            <span class="notice-milestone">
                {milestone_name(t, n.milestone)}
                ": "
                <span class="date">{format_date(n.date, format)}</span>
            </span>
        </li>
    }
}

/// A product's number and name, linking to its page.
fn product_link(p: &ProductRef) -> impl IntoView {
    let name = display_name(p.custom_name.as_deref(), &p.description).to_owned();
    let (href, number) = (installed_product_path(p.id), p.number.clone());
    view! {
        <A href=href attr:class="product-link">
            <span class="product-number">{number}</span>
        </A>
        " "
        <span class="secondary">{name}</span>
    }
}

/// "IP-40010004 Brilliance CT 64": how the sentences name a product.
fn product_words(p: &ProductRef) -> String {
    format!(
        "{} {}",
        p.number,
        display_name(p.custom_name.as_deref(), &p.description)
    )
}

/// The columns of the products' table.
const COLUMNS: [TextFn; 6] = heads! {
    DOCUMENT_TEXTS.col_product, DOCUMENT_TEXTS.col_modality, t.col_location,
    DOCUMENT_TEXTS.col_end_of_life, DOCUMENT_TEXTS.col_end_of_service,
    DOCUMENT_TEXTS.col_notices
};

fn products(shown: Shown<EolProductListView, EolProductPage>, eol: Eol) -> AnyView {
    let texts = DOCUMENT_TEXTS.of(shown.t);
    let empty = shown.empty_text(texts.eol_products_none, texts.eol_products_empty);
    shown.cards_or_table_of(
        (empty, "data-table eol-table"),
        &COLUMNS,
        move |t, dates, p| product_card(t, dates.0, p, eol),
        move |t, dates, p| product_row(t, dates.0, p, eol),
    )
}

fn date_cell(t: &'static Texts, date: Option<NaiveDate>, format: DateFormat) -> AnyView {
    match date {
        Some(date) => view! { <span class="date">{format_date(date, format)}</span> }.into_any(),
        None => view! { <span class="muted">{DOCUMENT_TEXTS.of(t).not_set}</span> }.into_any(),
    }
}

/// "Notify me" about one product, or that it is followed.
fn notify_button(t: &'static Texts, p: &EolProductDto, eol: Eol) -> impl IntoView {
    let texts = DOCUMENT_TEXTS.of(t);
    let product = p.installed_product.clone();
    let id = product.id.to_string();
    let words = product_words(&product);
    let label = fill(texts.notify_me_named, &[("product", &words)]);
    move || {
        if eol.followed.with(|f| f.contains(&id)) {
            return view! { <span class="state-badge state-up following">"✓ " {texts.following}</span> }.into_any();
        }
        let (words, request) = (
            words.clone(),
            NewEolSubscription {
                modality: None,
                installed_product_id: Some(product.id),
            },
        );
        view! {
            <button
                type="button"
                class="button-secondary notify-me"
                aria-label=label.clone()
                on:click=move |_| eol.subscribe(request.clone(), words.clone())
            >
                {texts.notify_me}
            </button>
        }
        .into_any()
    }
}

fn product_row(t: &'static Texts, format: DateFormat, p: EolProductDto, eol: Eol) -> impl IntoView {
    view! {
        <tr class="eol-row">
            <td>{product_link(&p.installed_product)}</td>
            <td>{modality_name(t, p.modality)}</td>
            <td>{p.location.name.clone()}</td>
            <td>{date_cell(t, p.end_of_life_date, format)}</td>
            <td>{date_cell(t, p.end_of_service_date, format)}</td>
            <td>{notify_button(t, &p, eol)}</td>
        </tr>
    }
}

fn product_card(
    t: &'static Texts,
    format: DateFormat,
    p: EolProductDto,
    eol: Eol,
) -> impl IntoView {
    let texts = DOCUMENT_TEXTS.of(t);
    view! {
        <li class="card eol-card">
            <div class="card-head">
                <span>{product_link(&p.installed_product)}</span>
            </div>
            <dl class="facts">
                {fact(texts.col_modality, modality_name(t, p.modality))}
                {fact(t.col_location, p.location.name.clone())}
                {fact(texts.col_end_of_life, date_cell(t, p.end_of_life_date, format))}
                {fact(texts.col_end_of_service, date_cell(t, p.end_of_service_date, format))}
            </dl>
            {notify_button(t, &p, eol)}
        </li>
    }
}

/// What the user follows, the form that follows a modality, and the way to
/// stop following.
fn subscriptions_section(eol: Eol) -> impl IntoView {
    let (auth, t, subscriptions) = (eol.auth, eol.t, eol.subscriptions);
    let modality = NodeRef::<html::Select>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(m) = from_wire::<ModalityDto>(&select_value(modality)) else {
            return;
        };
        let t = t.get_untracked();
        let what = fill(
            DOCUMENT_TEXTS.of(t).every_modality_lower,
            &[("modality", modality_name(t, m))],
        );
        let request = NewEolSubscription {
            modality: Some(m),
            installed_product_id: None,
        };
        eol.subscribe(request, what);
    };
    move || {
        let t = t.get();
        let texts = DOCUMENT_TEXTS.of(t);
        let list = move || match subscriptions.get() {
            None => view! { <p class="loading" role="status">{texts.subscriptions_loading}</p> }
                .into_any(),
            Some(Err(err)) => page_error(error_message(t, &err)),
            Some(Ok(list)) if list.items.is_empty() => {
                view! { <p class="empty-state">{texts.subscriptions_none}</p> }.into_any()
            }
            Some(Ok(list)) => {
                let (format, zone) = (auth.date_format(), auth.time_zone());
                let items = list
                    .items
                    .into_iter()
                    .map(|s| subscription_item(t, format, &zone, s, eol))
                    .collect_view();
                view! { <ul class="uploads subscription-list">{items}</ul> }.into_any()
            }
        };
        let choices = options(MODALITIES.map(|m| (wire_name(&m), modality_name(t, m))));
        view! {
            <section class="panel eol-subscriptions" aria-labelledby=SUBSCRIPTIONS_ID>
                <h2 id=SUBSCRIPTIONS_ID tabindex="-1">{texts.subscriptions_heading}</h2>
                <form class="add-attachments subscribe-form" on:submit=on_submit>
                    <div class="field">
                        <label for="subscribe-modality">{texts.subscribe_label}</label>
                        <select id="subscribe-modality" name="modality" node_ref=modality aria-describedby="subscribe-modality-help">
                            {choices}
                        </select>
                        <p id="subscribe-modality-help" class="field-help">{texts.subscribe_help}</p>
                    </div>
                    <button type="submit" class="button-primary button-inline subscribe-button">{texts.subscribe_button}</button>
                </form>
                {list}
            </section>
        }
    }
}

fn subscription_item(
    t: &'static Texts,
    format: DateFormat,
    zone: &str,
    s: EolSubscriptionDto,
    eol: Eol,
) -> impl IntoView {
    let texts = DOCUMENT_TEXTS.of(t);
    let (shown, what) = match (&s.installed_product, s.modality) {
        (Some(p), _) => (product_link(p).into_any(), product_words(p)),
        (None, Some(m)) => {
            let name = modality_name(t, m);
            (
                fill(texts.every_modality_product, &[("modality", name)]).into_any(),
                fill(texts.every_modality_lower, &[("modality", name)]),
            )
        }
        (None, None) => (().into_any(), String::new()),
    };
    let since = fill(
        texts.since,
        &[(
            "date",
            &format_date(date_in_zone(s.created_at, zone), format),
        )],
    );
    let label = fill(texts.unsubscribe_named, &[("what", &what)]);
    let id = s.id.to_string();
    view! {
        <li class="upload subscription">
            <span class="subscription-what">{shown}</span>
            <span class="secondary">{since}</span>
            <button
                type="button"
                class="button-secondary upload-remove unsubscribe"
                aria-label=label
                on:click=move |_| eol.unsubscribe(id.clone(), what.clone())
            >
                {texts.unsubscribe}
            </button>
        </li>
    }
}

/// The outcome of the last action, where the user is (fixed at the bottom
/// of the window), read out when it comes, with the way to the
/// subscriptions and to dismiss it.
fn toast_view(eol: Eol) -> impl IntoView {
    let (t, toast) = (eol.t, eol.toast);
    view! {
        <div class="toast-region" role="status" aria-live="polite">
            {move || toast.get().map(|(text, failed)| {
                let texts = DOCUMENT_TEXTS.of(t.get());
                view! {
                    <div class=if failed { "form-error toast" } else { "form-success toast" }>
                        {text}
                        " "
                        {(!failed).then(|| view! {
                            <a href=format!("#{SUBSCRIPTIONS_ID}") rel="external">{texts.see_subscriptions}</a>
                        })}
                        " "
                        <button type="button" class="button-secondary toast-dismiss" on:click=move |_| toast.set(None)>
                            {texts.dismiss}
                        </button>
                    </div>
                }
            })}
        </div>
    }
}

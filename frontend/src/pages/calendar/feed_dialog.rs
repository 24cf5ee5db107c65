//! "Subscribe in your calendar": the user's private feed link (read-only,
//! with a Copy button), its QR code for a phone, and making, replacing or
//! stopping it. A modal `<dialog>`: the browser keeps the focus inside and
//! closes it on Escape; the focus then goes back to the button that opened it.

use crate::api::ApiError;
use crate::components::confirm::ConfirmBox;
use crate::components::detail::loading;
use crate::components::forms::focus_later;
use crate::components::mfa::{copy_text, svg_data_url};
use crate::format::{date_in_zone, format_date};
use crate::i18n::calendar_texts::CALENDAR_TEXTS;
use crate::i18n::{error_message, fill, Texts};
use crate::state::auth::{use_auth, use_texts, Auth};
use api_types::CalendarFeedDto;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const DIALOG_ID: &str = "feed-dialog";
const OPENER_ID: &str = "feed-open";
const URL_ID: &str = "feed-url";
const CREATE_ID: &str = "feed-create";
/// A confirmed action's button, and its question's id.
const REPLACE_IDS: (&str, &str) = ("feed-replace", "feed-replace-question");
const STOP_IDS: (&str, &str) = ("feed-stop", "feed-stop-question");

/// What the dialog knows of the user's feed.
#[derive(Debug, Clone, PartialEq)]
enum Feed {
    Loading,
    Failed(String),
    Missing,
    Ready(CalendarFeedDto),
}

/// What the last action said: success or not, and the words.
type Said = RwSignal<Option<(bool, String)>>;

/// The button that opens the dialog, and the dialog.
#[component]
pub fn FeedDialog() -> impl IntoView {
    let (auth, t) = (use_auth(), use_texts());
    let feed = RwSignal::new(Feed::Loading);
    let said: Said = RwSignal::new(None);
    let open = move |_| {
        said.set(None);
        if let Some(dialog) = feed_dialog() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
        // Once: a link made here is shown only in the answer that made it.
        if matches!(feed.get_untracked(), Feed::Loading | Feed::Failed(_)) {
            feed.set(Feed::Loading);
            leptos::task::spawn_local(async move {
                let loaded = match auth.api().calendar_feed().await {
                    Ok(Some(found)) => Feed::Ready(found),
                    Ok(None) => Feed::Missing,
                    Err(err) => Feed::Failed(error_message(t.get_untracked(), &err)),
                };
                feed.set(loaded);
            });
        }
    };
    let close = move |_| {
        if let Some(dialog) = feed_dialog() {
            dialog.close();
        }
    };
    let texts = move || CALENDAR_TEXTS.of(t.get());
    view! {
        <button id=OPENER_ID type="button" class="button-secondary button-inline subscribe-button" aria-haspopup="dialog" on:click=open>
            {move || texts().subscribe}
        </button>
        <dialog id=DIALOG_ID class="feed-dialog" aria-labelledby="feed-heading" on:close=move |_| focus_later(OPENER_ID)>
            // Focused when it opens: the dialog's name first, then its content.
            <h2 id="feed-heading" tabindex="-1" autofocus=true>{move || texts().feed_heading}</h2>
            <p>{move || texts().feed_intro}</p>
            <p class="feed-private">{move || texts().feed_private}</p>
            {move || feed_body(t.get(), auth, feed, said)}
            <div class="form-live" role="status" aria-live="polite">
                {move || said.get().map(|(ok, text)| {
                    view! { <p class=if ok { "form-success" } else { "form-error" }>{text}</p> }
                })}
            </div>
            <button type="button" class="button-secondary button-inline feed-close" on:click=close>
                {move || texts().close}
            </button>
        </dialog>
    }
}

fn feed_dialog() -> Option<web_sys::HtmlDialogElement> {
    document().get_element_by_id(DIALOG_ID)?.dyn_into().ok()
}

fn feed_body(t: &'static Texts, auth: Auth, feed: RwSignal<Feed>, said: Said) -> AnyView {
    let c = CALENDAR_TEXTS.of(t);
    match feed.get() {
        Feed::Loading => loading(c.feed_loading),
        Feed::Failed(text) => view! { <p class="form-error" role="alert">{text}</p> }.into_any(),
        Feed::Missing => view! {
            <p>{c.feed_none}</p>
            <FeedActions t auth feed said has_feed=false/>
        }
        .into_any(),
        Feed::Ready(found) => view! {
            <FeedLink t feed=found/>
            <FeedActions t auth feed said has_feed=true/>
        }
        .into_any(),
    }
}

/// The link in a read-only field with a Copy button, its QR code, and when
/// it was made. A feed read back later may come without its link (the
/// server keeps only a hash): then how to get a new one.
#[component]
fn FeedLink(t: &'static Texts, feed: CalendarFeedDto) -> impl IntoView {
    let auth = use_auth();
    let c = CALENDAR_TEXTS.of(t);
    let made = format_date(
        date_in_zone(feed.created_at, &auth.time_zone()),
        auth.date_format(),
    );
    let made =
        view! { <p class="muted feed-made">{fill(c.feed_created_at, &[("date", &made)])}</p> };
    if feed.url.is_empty() {
        return view! { <p>{c.feed_url_hidden}</p> {made} }.into_any();
    }
    let url = StoredValue::new(feed.url.clone());
    let copied = RwSignal::new(None::<bool>);
    let copy = Action::new_local(move |_: &()| async move {
        let ok = copy_text(&url.get_value()).await;
        if !ok {
            select_url();
        }
        copied.set(Some(ok));
    });
    // The server draws the QR code, as it does for an authenticator.
    let qr = (!feed.qr_svg.is_empty()).then(|| {
        view! {
            <figure class="feed-qr">
                <img class="qr-code" src=svg_data_url(&feed.qr_svg) alt=c.qr_alt/>
                <figcaption class="muted">{c.qr_hint}</figcaption>
            </figure>
        }
    });
    view! {
        <div class="field feed-url-field">
            <label for=URL_ID>{c.feed_url_label}</label>
            <div class="copy-row">
                <input id=URL_ID type="text" readonly value=feed.url spellcheck="false" on:focus=move |_| select_url()/>
                <button
                    type="button"
                    class="button-secondary button-inline feed-copy"
                    on:click=move |_| {
                        copied.set(None);
                        copy.dispatch(());
                    }
                >
                    {c.copy_link}
                </button>
            </div>
            <p class="form-live" role="status" aria-live="polite">
                {move || copied.get().map(|ok| if ok { c.link_copied } else { c.link_copy_failed })}
            </p>
        </div>
        {qr}
        {made}
    }
    .into_any()
}

/// Selects the link's text, for copying by hand where the browser will not.
fn select_url() {
    let input = document()
        .get_element_by_id(URL_ID)
        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = input {
        input.select();
    }
}

/// "Create link" without a feed; "Replace link" and "Stop the feed", each
/// confirmed first (the old link stops working), with one.
#[component]
fn FeedActions(
    t: &'static Texts,
    auth: Auth,
    feed: RwSignal<Feed>,
    said: Said,
    has_feed: bool,
) -> impl IntoView {
    let c = CALENDAR_TEXTS.of(t);
    let renew = Action::new_local(move |_: &()| async move {
        let done = if has_feed {
            c.feed_replaced
        } else {
            c.feed_created
        };
        settle(
            t,
            said,
            auth.api().renew_calendar_feed().await,
            done,
            |made| {
                feed.set(Feed::Ready(made));
                focus_later(URL_ID);
            },
        );
    });
    let stop = Action::new_local(move |_: &()| async move {
        settle(
            t,
            said,
            auth.api().end_calendar_feed().await,
            c.feed_stopped,
            |()| {
                feed.set(Feed::Missing);
                focus_later(CREATE_ID);
            },
        );
    });
    if !has_feed {
        let pending = renew.pending();
        return view! {
            <button
                id=CREATE_ID
                type="button"
                class="button-primary button-inline"
                disabled=move || pending.get()
                on:click=move |_| {
                    said.set(None);
                    renew.dispatch(());
                }
            >
                {move || if pending.get() { c.creating_link } else { c.create_link }}
            </button>
        }
        .into_any();
    }
    view! {
        <div class="button-row feed-actions">
            {confirmed(t, REPLACE_IDS, ("button-secondary", c.replace_link, c.replacing_link), c.replace_confirm, renew, said)}
            {confirmed(t, STOP_IDS, ("button-danger", c.stop_feed, c.stopping_feed), c.stop_confirm, stop, said)}
        </div>
    }
    .into_any()
}

/// Shows what an action came to: `done` and `then(value)`, or the error.
fn settle<T>(
    t: &'static Texts,
    said: Said,
    result: Result<T, ApiError>,
    done: &str,
    then: impl FnOnce(T),
) {
    match result {
        Ok(value) => {
            said.set(Some((true, done.to_owned())));
            then(value);
        }
        Err(err) => said.set(Some((false, error_message(t, &err)))),
    }
}

/// A button (`ids`: its own and its question's; its class, words and words
/// while busy) that asks `question` before running `action`.
fn confirmed(
    t: &'static Texts,
    (id, question_id): (&'static str, &'static str),
    (class, label, busy): (&'static str, &'static str, &'static str),
    question: &'static str,
    action: Action<(), ()>,
    said: Said,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let ask = move |_| {
        said.set(None);
        confirming.set(true);
        focus_later(question_id);
    };
    let on_yes = Callback::new(move |()| {
        action.dispatch(());
    });
    view! {
        <div class="feed-action">
            <button id=id type="button" class=format!("{class} button-inline") on:click=ask>{label}</button>
            {move || confirming.get().then(|| view! {
                <ConfirmBox
                    t
                    question_id
                    question=question.to_owned()
                    yes_class=class
                    yes=label
                    busy
                    pending=action.pending()
                    on_yes
                    confirming
                    back_to=id
                />
            })}
        </div>
    }
}

//! `/settings`: the user's language, time zone, date and time format, with
//! a preview of "now" as the portal would write it. Once saved the whole app
//! follows at once. Also the way to the password and the second factor
//! (two-step login), and for Managers and Admins to whether their parent
//! account requires it and to user administration, for Service and Admins
//! to importing data (the phone's bottom bar has no room).

use crate::api::ApiError;
use crate::components::document::use_title;
use crate::components::forms::{
    codes_for, failure_summary, field_error, field_errors_view, focus_later, select_field,
    show_failure, Failure, FieldRef, RadioInput,
};
use crate::components::layout::{NavEntry, ACCOUNT_ADMIN_NAV, IMPORT_NAV, MANAGE_USERS_NAV};
use crate::format::{
    browser_time_zones, date_in_zone, date_time_in_zone, format_date, format_date_time_zone,
    format_time, now,
};
use crate::i18n::admin_texts::ADMIN_TEXTS;
use crate::i18n::{
    date_format_name, error_message, field_error_text, time_format_name, Texts, TIME_FORMATS,
};
use crate::pages::account::mfa_settings::{MfaPolicySection, MfaSection};
use crate::routes::Page;
use crate::state::auth::{use_auth, use_texts, Auth};
use api_types::{FieldErrorCode, UpdateSettingsRequest};
use domain::{DateFormat, Language, TimeFormat, TimeZoneName};
use leptos::prelude::*;
use leptos_router::components::A;

const TIME_ZONE: FieldRef = FieldRef::new("time_zone", "time-zone", |t| {
    ADMIN_TEXTS.of(t).time_zone_label
});
const ERRORS_ID: &str = "settings-errors";

/// Each language by its own name, so anyone finds theirs.
const LANGUAGES: [(Language, &str); 2] = [(Language::En, "English"), (Language::Nl, "Nederlands")];

/// The sentence for a settings field error.
fn settings_error_text(t: &Texts, code: FieldErrorCode) -> String {
    match code {
        FieldErrorCode::UnknownTimeZone => ADMIN_TEXTS.of(t).time_zone_invalid.to_owned(),
        code => field_error_text(t, code).to_owned(),
    }
}

/// The request for the chosen values, or the field errors to show.
pub fn settings_request(
    language: Language,
    zone: &str,
    date_format: DateFormat,
    time_format: TimeFormat,
) -> Result<UpdateSettingsRequest, FieldErrorCode> {
    let zone = TimeZoneName::parse(zone.trim()).map_err(|_| FieldErrorCode::UnknownTimeZone)?;
    Ok(UpdateSettingsRequest {
        language: language.as_str().to_owned(),
        time_zone: zone.as_str().to_owned(),
        date_format: date_format.as_str().to_owned(),
        time_format: time_format.as_str().to_owned(),
    })
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    use_title(move |t| t.settings_title);

    let form = SettingsForm::new(auth);
    let SettingsForm { zone, saved, .. } = form;
    let save = save_action(auth, form);
    let pending = save.pending();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !pending.get_untracked() {
            form.submit(save);
        }
    };
    // A known zone, for the preview and the examples.
    let valid_zone = Memo::new(move |_| {
        zone.with(|z| {
            TimeZoneName::parse(z.trim())
                .ok()
                .map(|z| z.as_str().to_owned())
        })
    });
    let zones = StoredValue::new(browser_time_zones());
    // A memo: the section keeps its state while the user's data changes.
    let manages_users = Memo::new(move |_| auth.may(domain::Action::ManageUsers));

    view! {
        <h1>{move || t.get().settings_title}</h1>
        <div class="form-live" role="status" aria-live="polite">
            {move || saved.get().then(|| view! { <p class="form-success">{ADMIN_TEXTS.of(t.get()).settings_saved}</p> })}
        </div>
        // The texts are read once per render: the language changes only on save.
        {move || {
            let t = t.get();
            view! {
                {settings_section(t, auth, form, valid_zone, zones, pending, on_submit)}
                {password_panel(t)}
                {sessions_panel(t, auth)}
                <MfaSection t/>
                {move || manages_users.get().then(|| view! { <MfaPolicySection t/> })}
                {admin_links(t, auth)}
            }
        }}
    }
}

/// The settings form, with examples of each format and a preview of "now",
/// in the chosen zone (the saved one while the typed one is unknown).
fn settings_section(
    t: &'static Texts,
    auth: Auth,
    form: SettingsForm,
    valid_zone: Memo<Option<String>>,
    zones: StoredValue<Vec<String>>,
    pending: Memo<bool>,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + 'static,
) -> impl IntoView {
    let SettingsForm {
        language,
        zone,
        date_format,
        time_format,
        failure,
        ..
    } = form;
    let zone_codes =
        move || failure.with(|f| codes_for(&Failure::field_errors(f), TIME_ZONE.field));
    let now = now();
    let example_zone = move || valid_zone.get().unwrap_or_else(|| auth.time_zone());
    let example_date = move |format| format_date(date_in_zone(now, &example_zone()), format);
    let example_time =
        move |format| format_time(date_time_in_zone(now, &example_zone()).time(), format);
    view! {
        <section class="panel settings-panel">
            <p class="hint">{ADMIN_TEXTS.of(t).settings_intro}</p>
            <div id=ERRORS_ID tabindex="-1">
                {move || failure.get().map(|f| failure_summary(t, &f, &[TIME_ZONE], |c| settings_error_text(t, c)))}
            </div>
            <form class="settings-form" on:submit=on_submit novalidate>
                {language_field(t, language)}
                {time_zone_field(t, zone, zone_codes, zones)}
                {format_choices(ADMIN_TEXTS.of(t).date_format_label, "date_format", DateFormat::ALL, date_format, move |f| date_format_name(t, f), DateFormat::as_str, example_date)}
                {format_choices(ADMIN_TEXTS.of(t).time_format_label, "time_format", TIME_FORMATS, time_format, move |f| time_format_name(t, f), TimeFormat::as_str, example_time)}
                <div class="settings-preview">
                    <p id="preview-label" class="preview-label">{ADMIN_TEXTS.of(t).preview_label}</p>
                    <output aria-labelledby="preview-label" class="preview-value">
                        {move || valid_zone.get().map_or_else(
                            || ADMIN_TEXTS.of(t).time_zone_invalid.to_owned(),
                            |zone| format_date_time_zone(now, &zone, date_format.get(), time_format.get()),
                        )}
                    </output>
                </div>
                <button type="submit" class="button-primary button-inline" disabled=move || pending.get()>
                    {move || if pending.get() { t.saving } else { ADMIN_TEXTS.of(t).save_settings }}
                </button>
            </form>
        </section>
    }
}

/// The ways to user, account and import administration, for those who may.
fn admin_links(t: &'static Texts, auth: Auth) -> impl IntoView {
    view! {
        {move || auth.may(domain::Action::ManageUsers).then(|| {
            let texts = ADMIN_TEXTS.of(t);
            links_panel("admin-heading", texts.admin_heading, texts.admin_hint, MANAGE_USERS_NAV, t)
        })}
        {move || auth.may(domain::Action::AdministerParentAccounts).then(|| {
            let texts = ADMIN_TEXTS.of(t);
            links_panel("accounts-admin-heading", texts.accounts_admin_heading, texts.accounts_admin_hint, ACCOUNT_ADMIN_NAV, t)
        })}
        {move || auth.may(domain::Action::ImportData).then(|| {
            let texts = ADMIN_TEXTS.of(t);
            links_panel("imports-heading", texts.imports_heading, texts.imports_hint, IMPORT_NAV, t)
        })}
    }
}

/// The settings form's values: it starts from the saved settings and keeps
/// what is typed across the language switch a save brings.
#[derive(Clone, Copy)]
struct SettingsForm {
    language: RwSignal<Language>,
    zone: RwSignal<String>,
    date_format: RwSignal<DateFormat>,
    time_format: RwSignal<TimeFormat>,
    failure: RwSignal<Option<Failure>>,
    saved: RwSignal<bool>,
}

impl SettingsForm {
    fn new(auth: Auth) -> Self {
        Self {
            language: RwSignal::new(auth.language()),
            zone: RwSignal::new(auth.time_zone()),
            date_format: RwSignal::new(auth.date_format()),
            time_format: RwSignal::new(auth.time_format()),
            failure: RwSignal::new(None),
            saved: RwSignal::new(false),
        }
    }

    /// Saves the chosen values, or shows why they cannot be.
    fn submit(self, save: Action<UpdateSettingsRequest, ()>) {
        self.saved.set(false);
        match settings_request(
            self.language.get_untracked(),
            &self.zone.get_untracked(),
            self.date_format.get_untracked(),
            self.time_format.get_untracked(),
        ) {
            Ok(request) => {
                self.failure.set(None);
                save.dispatch(request);
            }
            Err(code) => {
                self.failure.set(Some(Failure::Invalid(vec![field_error(
                    TIME_ZONE.field,
                    code,
                )])));
                focus_later(ERRORS_ID);
            }
        }
    }
}

/// Saves the settings; the form then shows them as the server keeps them.
fn save_action(auth: Auth, form: SettingsForm) -> Action<UpdateSettingsRequest, ()> {
    Action::new_local(move |request: &UpdateSettingsRequest| {
        let request = request.clone();
        async move {
            let result = auth.api().update_settings(&request).await;
            match result {
                Ok(me) => {
                    form.zone.set(me.settings.time_zone.clone());
                    auth.update_me(me);
                    form.language.set(auth.language());
                    form.date_format.set(auth.date_format());
                    form.time_format.set(auth.time_format());
                    form.saved.set(true);
                }
                Err(err) => show_failure(form.failure, err, ERRORS_ID),
            }
        }
    })
}

/// The language, each by its own name.
fn language_field(t: &'static Texts, language: RwSignal<Language>) -> impl IntoView {
    let options = LANGUAGES
        .into_iter()
        .map(|(lang, name)| view! {
            <option value=lang.as_str() lang=lang.as_str() selected=move || language.get() == lang>
                {name}
            </option>
        })
        .collect_view();
    select_field(
        "language",
        "language",
        ADMIN_TEXTS.of(t).language_label,
        options,
        move |value| {
            language.set(value.parse().unwrap_or_default());
        },
    )
}

/// The time zone: typed, with the browser's zones to pick from.
fn time_zone_field(
    t: &'static Texts,
    zone: RwSignal<String>,
    zone_codes: impl Fn() -> Vec<FieldErrorCode> + Copy + Send + Sync + 'static,
    zones: StoredValue<Vec<String>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=TIME_ZONE.id>{ADMIN_TEXTS.of(t).time_zone_label}</label>
            <input
                id=TIME_ZONE.id
                name=TIME_ZONE.field
                type="text"
                list="time-zone-list"
                autocomplete="off"
                autocapitalize="none"
                spellcheck="false"
                aria-invalid=move || (!zone_codes().is_empty()).then_some("true")
                aria-describedby=move || {
                    if zone_codes().is_empty() { "time-zone-help" } else { "time-zone-help time-zone-error" }
                }
                prop:value=zone
                on:input=move |ev| zone.set(event_target_value(&ev))
            />
            <datalist id="time-zone-list">
                {zones.with_value(|zones| {
                    zones.iter().map(|z| view! { <option value=z.clone()></option> }).collect_view()
                })}
            </datalist>
            <p id="time-zone-help" class="field-help">{ADMIN_TEXTS.of(t).time_zone_help}</p>
            {field_errors_view("time-zone-error".to_owned(), zone_codes, move |c| settings_error_text(t, c))}
        </div>
    }
}

/// A radio for each format, with an example (today's date, the time now)
/// written so.
fn format_choices<F>(
    legend: &'static str,
    name: &'static str,
    formats: impl IntoIterator<Item = F>,
    chosen: RwSignal<F>,
    format_name: impl Fn(F) -> &'static str,
    wire: fn(F) -> &'static str,
    example: impl Fn(F) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    F: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <fieldset class="choice-group">
            <legend>{legend}</legend>
            {formats
                .into_iter()
                .map(move |format| {
                    let id = format!("{}-{}", name.replace('_', "-"), wire(format));
                    view! {
                        <div class="choice">
                            <RadioInput name id=id.clone() value=wire(format).to_owned() choice=format chosen/>
                            <label for=id>
                                {format_name(format)}
                                " "
                                <span class="secondary-inline">"(" {move || example(format)} ")"</span>
                            </label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// The way to a new password.
fn password_panel(t: &'static Texts) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="password-heading">
            <h2 id="password-heading">{ADMIN_TEXTS.of(t).password_heading}</h2>
            <p class="hint">{ADMIN_TEXTS.of(t).password_hint}</p>
            <A href=Page::ChangePassword.path() attr:class="change-password-link">{ADMIN_TEXTS.of(t).change_password_link}</A>
        </section>
    }
}

/// "Sign out everywhere": every session ends, and this browser goes to the
/// login page like after a logout.
fn sessions_panel(t: &'static Texts, auth: Auth) -> impl IntoView {
    let failed = RwSignal::new(None::<ApiError>);
    let end_all = Action::new_local(move |()| async move {
        if let Err(err) = auth.logout_everywhere().await {
            failed.set(Some(err));
        }
    });
    view! {
        <section class="panel" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{ADMIN_TEXTS.of(t).sessions_heading}</h2>
            <p class="hint">{ADMIN_TEXTS.of(t).sessions_hint}</p>
            <div role="alert">
                {move || failed.get().map(|err| view! { <p class="form-error">{error_message(t, &err)}</p> })}
            </div>
            <button
                type="button"
                class="button-secondary sign-out-everywhere"
                disabled=move || end_all.pending().get()
                on:click=move |_| { end_all.dispatch(()); }
            >
                {ADMIN_TEXTS.of(t).sign_out_everywhere}
            </button>
        </section>
    }
}

/// Pages the phone's bottom bar has no room for (the route table's
/// `entries`): user administration for Managers and Admins, importing data
/// for Service and Admins; under `heading` (its element's id `id`).
fn links_panel(
    id: &'static str,
    heading: &'static str,
    hint: &'static str,
    entries: &'static [NavEntry],
    t: &'static Texts,
) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby=id>
            <h2 id=id>{heading}</h2>
            <p class="hint">{hint}</p>
            <ul class="link-list">
                {entries
                    .iter()
                    .map(|entry| view! { <li><A href=entry.page.path()>{(entry.label)(t)}</A></li> })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_names_a_known_zone_and_the_wire_values() {
        let request = settings_request(
            Language::Nl,
            " Europe/Amsterdam ",
            DateFormat::DayMonthYear,
            TimeFormat::H12,
        )
        .unwrap();
        assert_eq!(request.language, "nl");
        assert_eq!(request.time_zone, "Europe/Amsterdam");
        assert_eq!(request.date_format, "day_month_year");
        assert_eq!(request.time_format, "h12");
        assert!(settings_request(
            Language::En,
            "Mars/Olympus",
            DateFormat::Iso,
            TimeFormat::H24
        )
        .is_err());
    }
}

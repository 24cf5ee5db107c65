//! `/accounts/new` (`?parent=` an account: a child account under it;
//! without: a new customer's parent account) and `/accounts/{id}/edit`
//! (Admins): the account's name, type, country, city, address, market and
//! source id, checked by the domain's own rules before sending, the
//! server's field errors at their fields.

use super::{
    account_error_text, admin_account_page, administers, open_account, place, ACCOUNT_KINDS,
};
use crate::api::{Api, ApiError};
use crate::components::detail::{page_error, when_loaded};
use crate::components::document::use_title;
use crate::components::forms::{
    chosen_options, codes_for, failure_summary_by, field_error, field_key, required_marker,
    show_failure, show_invalid, submit_once, CheckedSelect, Failure, SubmitButton, TextInput,
};
use crate::i18n::account_texts::ACCOUNT_TEXTS;
use crate::i18n::{account_kind, country_choices, country_label, fill, TextFn, Texts};
use crate::query::{from_wire, wire_name};
use crate::routes::Page;
use crate::state::auth::{use_auth, use_texts};
use crate::state::flash::use_flash;
use api_types::{
    AccountFieldsDto, AccountKindDto, AccountResponse, CreateAccountRequest, FieldError,
    FieldErrorCode, ProblemCode,
};
use domain::{AccountFields, AccountKind, TypedAccount};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::future::Future;

const ERRORS_ID: &str = "account-errors";

/// The form's fields: request name, input id, label; in the form's order.
const FIELDS: [(&str, &str, TextFn); 7] = [
    ("name", "account-name", |t| ACCOUNT_TEXTS.of(t).name_label),
    ("kind", "account-kind", |t| ACCOUNT_TEXTS.of(t).type_label),
    ("country", "account-country", |t| t.countries.label),
    ("city", "account-city", |t| ACCOUNT_TEXTS.of(t).city_label),
    ("address", "account-address", |t| {
        ACCOUNT_TEXTS.of(t).address_label
    }),
    ("market", "account-market", |t| {
        ACCOUNT_TEXTS.of(t).market_label
    }),
    ("source_id", "account-source-id", |t| {
        ACCOUNT_TEXTS.of(t).source_id_label
    }),
];

#[component]
pub fn NewAccountPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    let query = use_query_map();
    let parent = Memo::new(move |_| query.with(|q| q.get("parent")));
    let heading = move || {
        let texts = ACCOUNT_TEXTS.of(t.get());
        if parent.with(Option::is_some) {
            texts.new_child_account
        } else {
            texts.new_parent_account
        }
    };
    use_title(move |_| heading());
    let accounts = LocalResource::new(move || auth.api().accounts());
    view! {
        <p class="back-link">
            <A href=Page::Accounts.path()>{move || ACCOUNT_TEXTS.of(t.get()).back_to_accounts}</A>
        </p>
        <h1>{heading}</h1>
        {move || {
            let t = t.get();
            if !administers(auth) {
                return page_error(t.errors.forbidden.to_owned());
            }
            // Drawn anew for another parent (back and forward between two).
            let parent = parent.get();
            when_loaded(t, accounts, ACCOUNT_TEXTS.of(t).accounts_loading, move |list| {
                let under = match &parent {
                    None => None,
                    Some(id) => match list.items.iter().find(|a| a.id.to_string() == *id) {
                        Some(a) => Some(a.clone()),
                        None => return page_error(ACCOUNT_TEXTS.of(t).account_not_found.to_owned()),
                    },
                };
                view! { <NewAccountForm t parent=under/> }.into_any()
            })
            .into_any()
        }}
    }
}

#[component]
fn NewAccountForm(t: &'static Texts, parent: Option<AccountResponse>) -> impl IntoView {
    let texts = ACCOUNT_TEXTS.of(t);
    // A child account starts in its parent's country and market.
    let initial = AccountFieldsDto {
        name: String::new(),
        kind: if parent.is_some() {
            AccountKindDto::Site
        } else {
            AccountKindDto::HospitalGroup
        },
        country: parent
            .as_ref()
            .map(|p| p.country.clone())
            .unwrap_or_default(),
        city: None,
        address: None,
        market: parent.as_ref().and_then(|p| p.market.clone()),
        source_id: None,
    };
    let intro = match &parent {
        Some(p) => fill(texts.new_child_intro, &[("parent", &p.name)]),
        None => texts.new_parent_intro.to_owned(),
    };
    let parent_id = parent.map(|p| p.id);
    let save = move |api: Api, account: AccountFieldsDto| async move {
        let request = CreateAccountRequest { parent_id, account };
        api.create_account(&request).await
    };
    let words = [
        texts.create_account,
        texts.creating_account,
        texts.account_created,
    ];
    account_form(t, intro, &initial, save, words)
}

#[component]
pub fn EditAccountPage() -> impl IntoView {
    admin_account_page(
        |texts, a| fill(texts.edit_title, &[("name", &a.name)]),
        |texts| texts.edit_heading,
        |t, account| view! { <EditAccountForm t account/> }.into_any(),
    )
}

#[component]
fn EditAccountForm(t: &'static Texts, account: AccountResponse) -> impl IntoView {
    let texts = ACCOUNT_TEXTS.of(t);
    let id = account.id;
    let intro = fill(
        texts.edit_intro,
        &[("name", &account.name), ("place", &place(t, &account))],
    );
    let initial = AccountFieldsDto {
        name: account.name,
        kind: account.kind,
        country: account.country,
        city: account.city,
        address: account.address,
        market: account.market,
        source_id: account.source_id,
    };
    let save = move |api: Api, fields: AccountFieldsDto| async move {
        api.update_account(id, &fields).await
    };
    let words = [
        texts.save_account,
        texts.saving_account,
        texts.account_saved,
    ];
    account_form(t, intro, &initial, save, words)
}

/// The form, from `initial`, under its `intro`: `save` sends the checked
/// fields; the saved account's page then says what was done. `words`: the
/// button, the button while sending, and what was done (with `{name}`).
fn account_form<Fut>(
    t: &'static Texts,
    intro: String,
    initial: &AccountFieldsDto,
    save: impl Fn(Api, AccountFieldsDto) -> Fut + Copy + 'static,
    [idle, busy, done]: [&'static str; 3],
) -> impl IntoView
where
    Fut: Future<Output = Result<AccountResponse, ApiError>> + 'static,
{
    let (auth, flash, navigate) = (use_auth(), use_flash(), use_navigate());
    let form = AccountForm::new(initial);
    let send = Action::new_local(move |fields: &AccountFieldsDto| {
        let (fields, navigate) = (fields.clone(), navigate.clone());
        async move {
            match save(auth.api(), fields).await {
                Ok(saved) => {
                    let done = fill(done, &[("name", &saved.name)]);
                    open_account(flash, navigate, saved.id, done);
                }
                Err(err) => form.failed(err),
            }
        }
    });
    let pending = send.pending();
    let on_submit = submit_once(pending, move || {
        form.send(|fields| {
            send.dispatch(fields);
        })
    });
    view! {
        <form class="case-form account-form" on:submit=on_submit novalidate>
            <p class="hint">{intro}</p>
            {form.view(t)}
            <SubmitButton class="button-primary button-inline" pending busy idle/>
        </form>
    }
}

/// What the account form holds, as typed, and what its last send failed on.
#[derive(Clone, Copy)]
struct AccountForm {
    name: RwSignal<String>,
    kind: RwSignal<AccountKindDto>,
    country: RwSignal<String>,
    city: RwSignal<String>,
    address: RwSignal<String>,
    market: RwSignal<String>,
    source_id: RwSignal<String>,
    failure: RwSignal<Option<Failure>>,
}

impl AccountForm {
    fn new(f: &AccountFieldsDto) -> Self {
        let text = |value: &Option<String>| RwSignal::new(value.clone().unwrap_or_default());
        Self {
            name: RwSignal::new(f.name.clone()),
            kind: RwSignal::new(f.kind),
            country: RwSignal::new(f.country.clone()),
            city: text(&f.city),
            address: text(&f.address),
            market: text(&f.market),
            source_id: text(&f.source_id),
            failure: RwSignal::new(None),
        }
    }

    /// The fields as the request takes them: trimmed, an empty one left out.
    fn fields(self) -> AccountFieldsDto {
        let optional = |value: RwSignal<String>| {
            Some(value.get_untracked().trim().to_owned()).filter(|v| !v.is_empty())
        };
        AccountFieldsDto {
            name: self.name.get_untracked().trim().to_owned(),
            kind: self.kind.get_untracked(),
            country: self.country.get_untracked().trim().to_ascii_uppercase(),
            city: optional(self.city),
            address: optional(self.address),
            market: optional(self.market),
            source_id: optional(self.source_id),
        }
    }

    /// Checks the fields with the domain's rules (the server's own) and
    /// hands them to `send`, or shows what is wrong.
    fn send(self, send: impl FnOnce(AccountFieldsDto)) {
        let fields = self.fields();
        let invalid = field_problems(&fields);
        if invalid.is_empty() {
            self.failure.set(None);
            send(fields);
        } else {
            show_invalid(self.failure, invalid, ERRORS_ID);
        }
    }

    /// A refused send: a taken source id (409) is shown at its field.
    fn failed(self, err: ApiError) {
        if err.code() == Some(ProblemCode::Conflict) {
            let taken = field_error("source_id", FieldErrorCode::NotAllowed);
            show_invalid(self.failure, vec![taken], ERRORS_ID);
        } else {
            show_failure(self.failure, err, ERRORS_ID);
        }
    }

    /// The error summary and the fields.
    fn view(self, t: &'static Texts) -> impl IntoView {
        let texts = ACCOUNT_TEXTS.of(t);
        let failure = self.failure;
        let text_field = move |(field, id, label): (&'static str, &'static str, &'static str),
                               help: Option<&'static str>,
                               value: RwSignal<String>| {
            let input = TextInput::new(field, id, label, help, "text", "off");
            let input = if field == "name" {
                input
            } else {
                input.optional()
            };
            let input = TextInput {
                plain: field == "source_id",
                ..input
            };
            let codes = move || failure.with(|f| codes_for(&Failure::field_errors(f), field));
            input.view(t, value, codes, move |c| account_error_text(t, field, c))
        };
        let labelled = |i: usize| (FIELDS[i].0, FIELDS[i].1, (FIELDS[i].2)(t));
        let summary = move || {
            failure.get().map(|f| {
                let field = |name: &str| {
                    let key = field_key(name);
                    FIELDS
                        .iter()
                        .find(|(field, ..)| *field == key)
                        .map(|(_, id, label)| (label(t).to_owned(), (*id).to_owned()))
                };
                let text = |name: &str, code| account_error_text(t, field_key(name), code);
                failure_summary_by(t, &f, field, text)
            })
        };
        view! {
            <div id=ERRORS_ID tabindex="-1">{summary}</div>
            {text_field(labelled(0), None, self.name)}
            {kind_select(t, self.kind)}
            {country_select(t, self.country, failure)}
            {text_field(labelled(3), None, self.city)}
            {text_field(labelled(4), Some(texts.address_help), self.address)}
            {text_field(labelled(5), Some(texts.market_help), self.market)}
            {text_field(labelled(6), Some(texts.source_id_help), self.source_id)}
        }
    }
}

/// What is wrong with `fields`, by the domain's rules (the server's own).
fn field_problems(fields: &AccountFieldsDto) -> Vec<FieldError> {
    let typed = TypedAccount {
        name: &fields.name,
        // The type is picked from a list: it is never wrong.
        kind: AccountKind::Site,
        country: &fields.country,
        city: fields.city.as_deref(),
        address: fields.address.as_deref(),
        market: fields.market.as_deref(),
        source_id: fields.source_id.as_deref(),
    };
    match AccountFields::parse(typed) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .into_iter()
            .map(|p| field_error(&p.field, FieldErrorCode::from_code(&p.code)))
            .collect(),
    }
}

/// The type: one of the seven kinds of account.
fn kind_select(t: &'static Texts, kind: RwSignal<AccountKindDto>) -> impl IntoView {
    let (field, id, label) = FIELDS[1];
    view! {
        <div class="field">
            <label for=id>{label(t)} {required_marker(t)}</label>
            <select id=id name=field required on:change=move |ev| {
                if let Some(chosen) = from_wire(&event_target_value(&ev)) {
                    kind.set(chosen);
                }
            }>
                {ACCOUNT_KINDS
                    .into_iter()
                    .map(|k| view! {
                        <option value=wire_name(&k) selected=move || kind.get() == k>{account_kind(t, k)}</option>
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The country: the portal's countries, and the account's own if it is
/// another; none chosen yet for a new customer.
fn country_select(
    t: &'static Texts,
    country: RwSignal<String>,
    failure: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let (field, id, label) = FIELDS[2];
    let codes = move || failure.with(|f| codes_for(&Failure::field_errors(f), field));
    let mut choices: Vec<(String, String)> = country_choices(t)
        .into_iter()
        .map(|(code, name)| (code.to_owned(), name))
        .collect();
    let current = country.get_untracked();
    if !current.is_empty() && !choices.iter().any(|(code, _)| *code == current) {
        choices.push((current.clone(), country_label(t, &current)));
    }
    let options = chosen_options(country, ACCOUNT_TEXTS.of(t).choose_country, choices);
    let select = CheckedSelect {
        field,
        id,
        label: label(t),
        help: None,
    };
    let text = move |c| account_error_text(t, field, c);
    select.view(t, codes, text, options, move |value| country.set(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(name: &str, country: &str, market: Option<&str>) -> AccountFieldsDto {
        AccountFieldsDto {
            name: name.to_owned(),
            kind: AccountKindDto::Site,
            country: country.to_owned(),
            city: None,
            address: None,
            market: market.map(str::to_owned),
            source_id: None,
        }
    }

    #[test]
    fn the_domain_rules_are_checked_before_sending() {
        let codes = |f: &AccountFieldsDto| {
            field_problems(f)
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect::<Vec<_>>()
        };
        assert!(codes(&fields("Lindenhaven Leiden Clinic", "NL", None)).is_empty());
        assert_eq!(
            codes(&fields(" ", "", Some(&"x".repeat(61)))),
            vec![
                ("name".to_owned(), FieldErrorCode::Required),
                ("country".to_owned(), FieldErrorCode::InvalidCountry),
                ("market".to_owned(), FieldErrorCode::TooLong),
            ]
        );
    }

    #[test]
    fn every_field_of_the_request_has_its_place_on_the_form() {
        let dto = serde_json::to_value(fields("A", "NL", Some("Benelux"))).unwrap();
        let names: Vec<&str> = dto
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for name in names {
            assert!(FIELDS.iter().any(|(field, ..)| *field == name), "{name}");
        }
    }
}

//! The open view by email: never, every Monday, or monthly, with when the
//! next one goes in the reader's own zone and format.

use super::ReportList;
use crate::format::format_date_time;
use crate::i18n::report_texts::REPORT_TEXTS;
use crate::i18n::{error_message, fill};
use crate::state::auth::use_auth;
use api_types::{DigestCadenceDto, ReportDigestChange, ReportViewDto};
use leptos::prelude::*;

/// The select's value for a cadence ("" is never).
fn value_of(cadence: Option<DigestCadenceDto>) -> &'static str {
    match cadence {
        None => "",
        Some(DigestCadenceDto::Weekly) => "weekly",
        Some(DigestCadenceDto::Monthly) => "monthly",
    }
}

fn cadence_of(value: &str) -> Option<DigestCadenceDto> {
    match value {
        "weekly" => Some(DigestCadenceDto::Weekly),
        "monthly" => Some(DigestCadenceDto::Monthly),
        _ => None,
    }
}

#[component]
pub fn DigestChoice(
    list: ReportList,
    open: Memo<Option<ReportViewDto>>,
    /// Bumped after a change, so the views (and `open`) load again.
    reload: RwSignal<u32>,
    /// The page's polite live region.
    said: RwSignal<String>,
) -> impl IntoView {
    let auth = use_auth();
    let pending = RwSignal::new(false);
    let texts = move || REPORT_TEXTS.of(list.t.get());
    let change = move |value: String| {
        let Some(view) = open.get_untracked() else {
            return;
        };
        let wanted = cadence_of(&value);
        if wanted == view.digest.as_ref().map(|d| d.cadence) {
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            let api = auth.api();
            let result = match wanted {
                Some(cadence) => api
                    .set_report_digest(view.id, &ReportDigestChange { cadence })
                    .await
                    .map(|_| texts().digest_set),
                None => api
                    .end_report_digest(view.id)
                    .await
                    .map(|()| texts().digest_ended),
            };
            pending.set(false);
            match result {
                Ok(word) => {
                    said.set(word.to_owned());
                    reload.update(|n| *n += 1);
                }
                Err(err) => said.set(error_message(list.t.get_untracked(), &err)),
            }
        });
    };
    move || {
        let view = open.get()?;
        let texts = texts();
        let chosen = value_of(view.digest.as_ref().map(|d| d.cadence));
        let next = view.digest.as_ref().map(|d| {
            let (date_format, time_format, zone) = auth.dates();
            let when = format_date_time(d.next_send_at, &zone, date_format, time_format);
            fill(texts.digest_next, &[("when", &when)])
        });
        let option = move |value: &'static str, label: &'static str| {
            view! { <option value=value selected=value == chosen>{label}</option> }
        };
        Some(view! {
            <div class="field view-digest">
                <label for="view-digest">{texts.digest_label}</label>
                <select id="view-digest" aria-describedby="view-digest-next"
                    disabled=move || pending.get()
                    on:change=move |ev| change(event_target_value(&ev))>
                    {option("", texts.digest_never)}
                    {option("weekly", texts.digest_weekly)}
                    {option("monthly", texts.digest_monthly)}
                </select>
                <p class="hint" id="view-digest-next">{next}</p>
            </div>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cadence_round_trips_through_the_select() {
        for cadence in [
            None,
            Some(DigestCadenceDto::Weekly),
            Some(DigestCadenceDto::Monthly),
        ] {
            assert_eq!(cadence_of(value_of(cadence)), cadence);
        }
    }
}

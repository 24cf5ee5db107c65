//! Planned events as iCalendar (RFC 5545): a user's private feed, which a
//! calendar program polls, and a single event to download. Times are the
//! reader's local wall-clock times with their zone (`TZID`), defined in a
//! `VTIMEZONE` with the zone's transitions over the events' span, so every
//! program shows the right local time across daylight-saving changes.

use crate::auth::tokens::{hash_refresh_token as sha256_hex, new_refresh_token as new_token};
use crate::error::ApiError;
use crate::state::AppState;
use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use domain::planned_event::{EventStatus, EventType, VisitType};
use domain::{Language, User};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike};
use persistence::repositories::planned_events::{self, EventRecord};

/// The feed's past and future: a calendar program keeps what it had.
pub const FEED_PAST_DAYS: i64 = 90;
pub const FEED_FUTURE_DAYS: i64 = 400;
/// Events one feed holds at most.
pub const FEED_LIMIT: u64 = 5_000;

/// The feed's URL for `token`.
pub fn feed_url(state: &AppState, token: &str) -> String {
    format!(
        "{}/api/v1/calendar/feeds/{token}",
        state.config.public_url.trim_end_matches('/')
    )
}

/// Makes (or replaces) `user`'s feed: a new random token, stored as its
/// hash for lookup and sealed with the data key to show the link again.
pub async fn renew(state: &AppState, user: &User) -> Result<(String, DateTime<Utc>), ApiError> {
    let token = new_token();
    let sealed = state
        .secrets
        .seal(&token, user.id.as_uuid().as_bytes())
        .map_err(|_| ApiError::internal(anyhow::anyhow!("cannot seal a feed token")))?;
    let now = state.clock.now();
    planned_events::set_feed(&state.db, user.id, (&sha256_hex(&token), &sealed), now).await?;
    Ok((token, now))
}

/// `user`'s feed token and when it was made, if they have a feed.
pub async fn current(
    state: &AppState,
    user: &User,
) -> Result<Option<(String, DateTime<Utc>)>, ApiError> {
    let Some(feed) = planned_events::feed_of(&state.db, user.id).await? else {
        return Ok(None);
    };
    let token = state
        .secrets
        .open(&feed.token_sealed, user.id.as_uuid().as_bytes())
        .map_err(|_| ApiError::internal(anyhow::anyhow!("cannot open a feed token")))?;
    Ok(Some((token, feed.created_at)))
}

/// Whose feed `token` is.
pub async fn owner(state: &AppState, token: &str) -> Result<Option<domain::UserId>, ApiError> {
    Ok(planned_events::feed_owner(&state.db, &sha256_hex(token)).await?)
}

/// `events` as an iCalendar document for `reader`, named `name`.
pub fn calendar(events: &[EventRecord], reader: &User, name: &str, now: DateTime<Utc>) -> String {
    let tz = reader.settings.time_zone.tz();
    let language = reader.settings.language;
    let mut calendar = Calendar::new();
    calendar.name(name);
    calendar.timezone(reader.settings.time_zone.as_str());
    for record in events {
        calendar.push(vevent(record, tz, language, now));
    }
    let text = calendar.done().to_string();
    let span = events
        .iter()
        .map(|e| (e.event.plan.window.start(), e.event.plan.window.end()))
        .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)));
    match span {
        // UTC needs no definition: its times are written with `Z`.
        Some((from, to)) if tz != chrono_tz::UTC => with_timezone(&text, &vtimezone(tz, from, to)),
        _ => text,
    }
}

/// The VTIMEZONE block placed before the first event (components of a
/// calendar may come in any order; programs read the zone first this way).
fn with_timezone(text: &str, block: &str) -> String {
    match text.find("BEGIN:VEVENT") {
        Some(at) => format!("{}{block}{}", &text[..at], &text[at..]),
        None => text.to_owned(),
    }
}

fn vevent(r: &EventRecord, tz: Tz, language: Language, now: DateTime<Utc>) -> Event {
    let plan = &r.event.plan;
    let when = |instant: DateTime<Utc>| -> CalendarDateTime {
        if tz == chrono_tz::UTC {
            CalendarDateTime::Utc(instant)
        } else {
            CalendarDateTime::WithTimezone {
                date_time: instant.with_timezone(&tz).naive_local(),
                tzid: tz.name().to_owned(),
            }
        }
    };
    let summary = format!(
        "{}: {} {}",
        type_label(plan.event_type, language),
        r.product_number,
        r.product_description
    );
    let mut facts = vec![format!(
        "{}: {}",
        word(language, "Status"),
        status_label(plan.status, language)
    )];
    facts.push(format!(
        "{}: {}",
        word(language, "Service"),
        visit_label(plan.service_type, language)
    ));
    if let Some(engineer) = &r.engineer_name {
        facts.push(format!("{}: {engineer}", word(language, "Engineer")));
    }
    if let Some(case) = &r.case_number {
        facts.push(format!("{}: {case}", word(language, "Case")));
    }
    let status = match plan.status {
        EventStatus::Tentative => icalendar::EventStatus::Tentative,
        EventStatus::Confirmed | EventStatus::Done => icalendar::EventStatus::Confirmed,
        EventStatus::Cancelled => icalendar::EventStatus::Cancelled,
    };
    Event::new()
        // Stable across every feed and download of the event.
        .uid(&format!("{}@csportal", r.event.id))
        .timestamp(now)
        .sequence(u32::try_from(r.event.sequence).unwrap_or(0))
        .summary(&summary)
        .description(&facts.join("\n"))
        .location(&r.location_name)
        .starts(when(plan.window.start()))
        .ends(when(plan.window.end()))
        .status(status)
        .done()
}

/// The zone's definition from `from` to `to`: the offset in force at the
/// start, then each transition, so programs need no zone database of their
/// own (Outlook has none for IANA names).
fn vtimezone(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let mut lines = vec!["BEGIN:VTIMEZONE".to_owned(), format!("TZID:{}", tz.name())];
    let start = from - Duration::days(1);
    let mut observance = |at: DateTime<Utc>, before: chrono::FixedOffset| {
        let offset = tz.offset_from_utc_datetime(&at.naive_utc());
        let kind = if offset.dst_offset().is_zero() {
            "STANDARD"
        } else {
            "DAYLIGHT"
        };
        // DTSTART is the wall-clock time the change happens at, as read before it.
        let local: NaiveDateTime = at.naive_utc() + before;
        lines.push(format!("BEGIN:{kind}"));
        lines.push(format!("DTSTART:{}", local.format("%Y%m%dT%H%M%S")));
        lines.push(format!("TZOFFSETFROM:{}", ical_offset(before)));
        lines.push(format!("TZOFFSETTO:{}", ical_offset(offset.fix())));
        if let Some(name) = offset.abbreviation() {
            lines.push(format!("TZNAME:{name}"));
        }
        lines.push(format!("END:{kind}"));
    };
    let first = tz.offset_from_utc_datetime(&start.naive_utc()).fix();
    observance(start, first);
    for (at, before) in transitions(tz, start, to + Duration::days(1)) {
        observance(at, before);
    }
    lines.push("END:VTIMEZONE".to_owned());
    lines.iter().map(|l| format!("{l}\r\n")).collect()
}

/// Each instant in `from..to` at which `tz`'s offset changes, with the
/// offset before it: found a day at a time, then to the second.
fn transitions(
    tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, chrono::FixedOffset)> {
    let offset = |at: DateTime<Utc>| tz.offset_from_utc_datetime(&at.naive_utc()).fix();
    let mut found = Vec::new();
    let mut day = from;
    while day < to {
        let next = day + Duration::days(1);
        let before = offset(day);
        if offset(next) != before {
            let (mut low, mut high) = (day, next);
            while high - low > Duration::seconds(1) {
                let mid = low + (high - low) / 2;
                if offset(mid) == before {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            found.push((high, before));
        }
        day = next;
    }
    found
}

fn ical_offset(offset: chrono::FixedOffset) -> String {
    let seconds = offset.local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

/// A fact's label in the reader's language.
fn word(language: Language, en: &'static str) -> &'static str {
    match (language, en) {
        (Language::Nl, "Service") => "Soort service",
        (Language::Nl, "Engineer") => "Servicemonteur",
        _ => en,
    }
}

/// An event type in `language` (the feed's summaries, the home page's visits).
pub(crate) fn type_label(t: EventType, language: Language) -> &'static str {
    let (en, nl) = match t {
        EventType::CorrectiveMaintenance => ("Corrective maintenance", "Correctief onderhoud"),
        EventType::PreventiveMaintenance => ("Preventive maintenance", "Preventief onderhoud"),
        EventType::FieldChangeOrder => ("Field change order", "Field change order"),
        EventType::Installation => ("Installation", "Installatie"),
        EventType::ApplicationSupport => ("Application support", "Applicatieondersteuning"),
        EventType::CustomerInformation => ("Customer information", "Klantinformatie"),
        EventType::ContractualUpgrade => ("Contractual upgrade", "Contractuele upgrade"),
    };
    if language == Language::Nl {
        nl
    } else {
        en
    }
}

fn status_label(s: EventStatus, language: Language) -> &'static str {
    let (en, nl) = match s {
        EventStatus::Tentative => ("tentative", "voorlopig"),
        EventStatus::Confirmed => ("confirmed", "bevestigd"),
        EventStatus::Done => ("done", "uitgevoerd"),
        EventStatus::Cancelled => ("cancelled", "geannuleerd"),
    };
    if language == Language::Nl {
        nl
    } else {
        en
    }
}

fn visit_label(v: VisitType, language: Language) -> &'static str {
    let (en, nl) = match v {
        VisitType::Onsite => ("on site", "op locatie"),
        VisitType::Remote => ("remote", "op afstand"),
        VisitType::BenchRepair => ("bench repair", "werkplaatsreparatie"),
        VisitType::PartsOnly => ("parts only", "alleen onderdelen"),
        VisitType::SubContractor => ("sub-contractor service", "service door onderaannemer"),
    };
    if language == Language::Nl {
        nl
    } else {
        en
    }
}

//! Dates and times as the user wants them written (their `date_format` and
//! `time_format` settings), and instants in their own time zone.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use domain::{DateFormat, TimeFormat};

/// How the user writes dates and times, and their zone.
pub type Dates = (DateFormat, TimeFormat, String);

/// A date in the user's format: `2026-11-23`, `23-11-2026` or `11/23/2026`.
pub fn format_date(date: NaiveDate, format: DateFormat) -> String {
    let (y, m, d) = (date.year(), date.month(), date.day());
    match format {
        DateFormat::Iso => format!("{y:04}-{m:02}-{d:02}"),
        DateFormat::DayMonthYear => format!("{d:02}-{m:02}-{y:04}"),
        DateFormat::MonthDayYear => format!("{m:02}/{d:02}/{y:04}"),
    }
}

/// A time of day in the user's format: `14:05` or `02:05 PM` (the domain's
/// strftime patterns, written by hand to keep chrono's formatter out of the app).
pub fn format_time(time: NaiveTime, format: TimeFormat) -> String {
    let (h, m) = (time.hour(), time.minute());
    match format {
        TimeFormat::H24 => format!("{h:02}:{m:02}"),
        TimeFormat::H12 => {
            let suffix = if h < 12 { "AM" } else { "PM" };
            let h12 = match h % 12 {
                0 => 12,
                h => h,
            };
            format!("{h12:02}:{m:02} {suffix}")
        }
    }
}

/// An instant as a date and time in the user's zone and formats.
pub fn format_date_time(
    instant: DateTime<Utc>,
    zone: &str,
    date_format: DateFormat,
    time_format: TimeFormat,
) -> String {
    let local = date_time_in_zone(instant, zone);
    format!(
        "{} {}",
        format_date(local.date(), date_format),
        format_time(local.time(), time_format)
    )
}

/// A file size for people: "512 B", "340 KB", "1.5 MB" (1024-based, as the
/// 25 MB upload limit is); `decimal` separates the tenths.
pub fn format_size(bytes: u64, decimal: &str) -> String {
    const KB: u64 = 1024;
    const MB: u64 = KB * KB;
    match bytes {
        b if b < KB => format!("{b} B"),
        b if b < MB => format!("{} KB", b.div_ceil(KB)),
        b => {
            let tenths = (b * 10 + MB / 2) / MB;
            format!("{}{decimal}{} MB", tenths / 10, tenths % 10)
        }
    }
}

/// The user's `time_format` setting; 24 hours when it is unknown.
pub fn time_format_from_setting(setting: &str) -> TimeFormat {
    setting.parse().unwrap_or_default()
}

/// The user's `date_format` setting; ISO when it is unknown.
pub fn date_format_from_setting(setting: &str) -> DateFormat {
    setting.parse().unwrap_or_default()
}

/// An instant with the zone named, for where the zone could confuse:
/// `24-11-2026 16:05 (Europe/Amsterdam)`, as the domain's `format_instant`.
pub fn format_date_time_zone(
    instant: DateTime<Utc>,
    zone: &str,
    date_format: DateFormat,
    time_format: TimeFormat,
) -> String {
    format!(
        "{} ({zone})",
        format_date_time(instant, zone, date_format, time_format)
    )
}

/// The browser's clock (chrono's would panic in wasm32-unknown-unknown).
pub fn now() -> DateTime<Utc> {
    // Milliseconds since the epoch: an integral f64 well inside i64.
    #[allow(clippy::cast_possible_truncation)]
    let millis = js_sys::Date::now() as i64;
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

/// The browser's own IANA time zone, for pages shown before sign-in; UTC
/// when the browser does not say.
pub fn browser_time_zone() -> String {
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::JsValue;

    let formatter = js_sys::Intl::DateTimeFormat::new(&Array::new(), &Object::new());
    Reflect::get(
        &formatter.resolved_options(),
        &JsValue::from_str("timeZone"),
    )
    .ok()
    .and_then(|zone| zone.as_string())
    .filter(|zone| !zone.is_empty())
    .unwrap_or_else(|| "UTC".to_owned())
}

/// The IANA time zones the browser knows (`Intl.supportedValuesOf`), for
/// suggestions while typing one; empty in browsers without it.
pub fn browser_time_zones() -> Vec<String> {
    use js_sys::{Array, Function, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    let zones = (|| {
        let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
        let supported: Function = Reflect::get(&intl, &JsValue::from_str("supportedValuesOf"))
            .ok()?
            .dyn_into()
            .ok()?;
        let list: Array = supported
            .call1(&intl, &JsValue::from_str("timeZone"))
            .ok()?
            .dyn_into()
            .ok()?;
        Some(
            list.iter()
                .filter_map(|z| z.as_string())
                .collect::<Vec<_>>(),
        )
    })();
    let mut zones = zones.unwrap_or_default();
    if !zones.is_empty() && !zones.iter().any(|z| z == "UTC") {
        zones.push("UTC".to_owned());
    }
    zones
}

/// The calendar date of `instant` in the IANA time zone `zone`, from the
/// browser's `Intl` (no time zone tables in the app); the UTC date when the
/// browser does not know the zone.
pub fn date_in_zone(instant: DateTime<Utc>, zone: &str) -> NaiveDate {
    intl_date_parts(instant, zone, false)
        .and_then(|parts| date_from_parts(&parts))
        .unwrap_or_else(|| instant.date_naive())
}

/// The wall-clock date and time of `instant` in `zone` (UTC when unknown).
pub fn date_time_in_zone(instant: DateTime<Utc>, zone: &str) -> NaiveDateTime {
    intl_date_parts(instant, zone, true)
        .and_then(|parts| Some(date_from_parts(&parts)?.and_time(time_from_parts(&parts)?)))
        .unwrap_or_else(|| instant.naive_utc())
}

/// The instant whose wall-clock reading in `zone` is `local` (what a user
/// types in their own zone, sent as UTC). None when the clocks skip that
/// time (the hour lost when summer time starts); the earlier of the two
/// when they pass it twice (the hour repeated when it ends).
pub fn instant_in_zone(local: NaiveDateTime, zone: &str) -> Option<DateTime<Utc>> {
    instant_reading(local, |at| date_time_in_zone(at, zone))
}

/// [`instant_in_zone`] with the zone's clock as `reading`: tries the offsets
/// in force a day either side (no zone changes twice in two days).
fn instant_reading(
    local: NaiveDateTime,
    reading: impl Fn(DateTime<Utc>) -> NaiveDateTime,
) -> Option<DateTime<Utc>> {
    let local = local.with_second(0)?.with_nanosecond(0)?;
    let naive = local.and_utc();
    let day = chrono::TimeDelta::days(1);
    [naive - day, naive, naive + day]
        .into_iter()
        .map(|probe| local - (reading(probe) - probe.naive_utc()))
        .map(|candidate| candidate.and_utc())
        .filter(|candidate| reading(*candidate) == local)
        .min()
}

/// The time from `formatToParts` parts (`hour` 0-23, or 24 at midnight in
/// older engines, and `minute`).
fn time_from_parts(parts: &[(String, String)]) -> Option<NaiveTime> {
    let part = |name| number_part(parts, name);
    NaiveTime::from_hms_opt(part("hour")? % 24, part("minute")?, 0)
}

/// The number in the `formatToParts` part of type `name`.
fn number_part(parts: &[(String, String)], name: &str) -> Option<u32> {
    parts
        .iter()
        .find(|(kind, _)| kind == name)
        .and_then(|(_, value)| value.parse().ok())
}

/// The date from `Intl.DateTimeFormat.formatToParts` parts (`year`, `month`, `day`).
fn date_from_parts(parts: &[(String, String)]) -> Option<NaiveDate> {
    let part = |name| number_part(parts, name);
    NaiveDate::from_ymd_opt(
        i32::try_from(part("year")?).ok()?,
        part("month")?,
        part("day")?,
    )
}

fn intl_date_parts(
    instant: DateTime<Utc>,
    zone: &str,
    with_time: bool,
) -> Option<Vec<(String, String)>> {
    use js_sys::{Array, Function, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
    let constructor: Function = Reflect::get(&intl, &JsValue::from_str("DateTimeFormat"))
        .ok()?
        .dyn_into()
        .ok()?;
    let options = Object::new();
    for (key, value) in [
        ("timeZone", zone),
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
        ("calendar", "gregory"),
        ("numberingSystem", "latn"),
    ] {
        Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value)).ok()?;
    }
    if with_time {
        for (key, value) in [
            ("hour", "numeric"),
            ("minute", "numeric"),
            ("hourCycle", "h23"),
        ] {
            Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value)).ok()?;
        }
    }
    let locales = Array::of1(&JsValue::from_str("en-US"));
    // An unknown time zone throws a RangeError: caught here, not a panic.
    let formatter = Reflect::construct(&constructor, &Array::of2(&locales, &options)).ok()?;
    let format_to_parts: Function = Reflect::get(&formatter, &JsValue::from_str("formatToParts"))
        .ok()?
        .dyn_into()
        .ok()?;
    // Milliseconds since the epoch fit an f64 exactly for any realistic date.
    #[allow(clippy::cast_precision_loss)]
    let date = js_sys::Date::new(&JsValue::from_f64(instant.timestamp_millis() as f64));
    let parts: Array = format_to_parts
        .call1(&formatter, &date)
        .ok()?
        .dyn_into()
        .ok()?;
    Some(
        parts
            .iter()
            .filter_map(|part| {
                let kind = Reflect::get(&part, &JsValue::from_str("type")).ok()?;
                let value = Reflect::get(&part, &JsValue::from_str("value")).ok()?;
                Some((kind.as_string()?, value.as_string()?))
            })
            .collect(),
    )
}

/// A phone number as a `tel:` link: its digits and a leading `+`. After a
/// country code (`+31`, `0031`) the national trunk prefix written as "(0)"
/// is not dialled: "+31 (0)40 279 1111" -> "tel:+31402791111".
pub fn tel_href(phone: &str) -> String {
    let phone = phone.trim();
    let international = phone.starts_with('+') || phone.starts_with("00");
    let phone = if international {
        phone.replacen("(0)", "", 1)
    } else {
        phone.to_owned()
    };
    let plus = if phone.starts_with('+') { "+" } else { "" };
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    format!("tel:{plus}{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_follow_the_users_format() {
        let date = day(2026, 3, 7);
        assert_eq!(format_date(date, DateFormat::Iso), "2026-03-07");
        assert_eq!(format_date(date, DateFormat::DayMonthYear), "07-03-2026");
        assert_eq!(format_date(date, DateFormat::MonthDayYear), "03/07/2026");
    }

    #[test]
    fn the_formats_match_the_domains_strftime_patterns() {
        let date = day(2026, 11, 23);
        for format in DateFormat::ALL {
            assert_eq!(
                format_date(date, format),
                date.format(format.strftime()).to_string(),
                "{format:?}"
            );
        }
    }

    #[test]
    fn settings_choose_the_format_and_fall_back_to_iso() {
        assert_eq!(
            date_format_from_setting("day_month_year"),
            DateFormat::DayMonthYear
        );
        assert_eq!(
            date_format_from_setting("month_day_year"),
            DateFormat::MonthDayYear
        );
        assert_eq!(date_format_from_setting("klingon"), DateFormat::Iso);
    }

    #[test]
    fn times_follow_the_users_format() {
        let time = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(format_time(time(14, 5), TimeFormat::H24), "14:05");
        assert_eq!(format_time(time(14, 5), TimeFormat::H12), "02:05 PM");
        assert_eq!(format_time(time(0, 30), TimeFormat::H12), "12:30 AM");
        assert_eq!(format_time(time(12, 0), TimeFormat::H12), "12:00 PM");
        for (h, m) in [(0, 0), (9, 41), (12, 0), (23, 59)] {
            for format in [TimeFormat::H24, TimeFormat::H12] {
                assert_eq!(
                    format_time(time(h, m), format),
                    time(h, m).format(format.strftime()).to_string()
                );
            }
        }
        assert_eq!(time_format_from_setting("h12"), TimeFormat::H12);
        assert_eq!(time_format_from_setting("x"), TimeFormat::H24);
    }

    #[test]
    fn sizes_are_written_for_people() {
        assert_eq!(format_size(0, "."), "0 B");
        assert_eq!(format_size(1023, "."), "1023 B");
        assert_eq!(format_size(1024, "."), "1 KB");
        assert_eq!(format_size(1025, "."), "2 KB");
        assert_eq!(format_size(1024 * 1024, ","), "1,0 MB");
        assert_eq!(format_size(25 * 1024 * 1024 + 1, "."), "25.0 MB");
        assert_eq!(format_size(1_572_864, ","), "1,5 MB");
    }

    /// Amsterdam's clock in 2026: UTC+1, UTC+2 from 29 March 01:00 UTC to
    /// 25 October 01:00 UTC.
    fn amsterdam(at: DateTime<Utc>) -> NaiveDateTime {
        let summer = (utc(2026, 3, 29, 1, 0)..utc(2026, 10, 25, 1, 0)).contains(&at);
        let hours = if summer { 2 } else { 1 };
        (at + chrono::TimeDelta::hours(hours)).naive_utc()
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        day(y, mo, d).and_hms_opt(h, mi, 0).unwrap().and_utc()
    }

    fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        day(y, mo, d).and_hms_opt(h, mi, 0).unwrap()
    }

    #[test]
    fn a_time_typed_in_the_users_zone_is_sent_as_utc() {
        let at = |l| instant_reading(l, amsterdam);
        assert_eq!(at(local(2026, 1, 10, 9, 0)), Some(utc(2026, 1, 10, 8, 0)));
        assert_eq!(at(local(2026, 7, 10, 9, 0)), Some(utc(2026, 7, 10, 7, 0)));
        // Around the change to summer time: 02:00-03:00 does not exist.
        assert_eq!(at(local(2026, 3, 29, 1, 30)), Some(utc(2026, 3, 29, 0, 30)));
        assert_eq!(at(local(2026, 3, 29, 2, 30)), None);
        assert_eq!(at(local(2026, 3, 29, 3, 30)), Some(utc(2026, 3, 29, 1, 30)));
        // Back to winter time: 02:30 happens twice; the first one is meant.
        assert_eq!(
            at(local(2026, 10, 25, 2, 30)),
            Some(utc(2026, 10, 25, 0, 30))
        );
        assert_eq!(
            at(local(2026, 10, 25, 3, 30)),
            Some(utc(2026, 10, 25, 2, 30))
        );
        // UTC itself.
        let plain = instant_reading(local(2026, 5, 1, 9, 15), |at| at.naive_utc());
        assert_eq!(plain, Some(utc(2026, 5, 1, 9, 15)));
    }

    #[test]
    fn intl_parts_make_a_time() {
        let parts = |h: &str| -> Vec<(String, String)> {
            [("hour", h), ("literal", ":"), ("minute", "07")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect()
        };
        assert_eq!(
            time_from_parts(&parts("09")),
            NaiveTime::from_hms_opt(9, 7, 0)
        );
        assert_eq!(
            time_from_parts(&parts("24")),
            NaiveTime::from_hms_opt(0, 7, 0)
        );
        assert_eq!(time_from_parts(&parts("x")), None);
    }

    #[test]
    fn intl_parts_make_a_date() {
        let parts: Vec<(String, String)> = [
            ("month", "11"),
            ("literal", "/"),
            ("day", "23"),
            ("literal", "/"),
            ("year", "2026"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        assert_eq!(date_from_parts(&parts), Some(day(2026, 11, 23)));
        assert_eq!(date_from_parts(&parts[..2]), None);
    }

    #[test]
    fn phone_links_dial_digits_without_the_trunk_prefix_after_a_country_code() {
        for (written, href) in [
            ("+31 (0)40 279 1111", "tel:+31402791111"),
            ("+31 (0)24-361 1111", "tel:+31243611111"),
            ("0031 (0)40 279 1111", "tel:0031402791111"),
            ("+31 40 279 7000", "tel:+31402797000"),
            ("024 361 11 11", "tel:0243611111"),
            // Without a country code the 0 is dialled.
            ("(0)24 361 1111", "tel:0243611111"),
        ] {
            assert_eq!(tel_href(written), href, "{written}");
        }
    }
}

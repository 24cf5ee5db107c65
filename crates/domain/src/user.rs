//! Users and their personal settings.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Customer roles (Viewer, User, Manager) and the service organisation's internal ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Viewer,
    User,
    Manager,
    /// Service-organisation staff: work across parent accounts.
    Service,
    /// Portal administrators: create parent accounts and their first Manager.
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Viewer,
        Role::User,
        Role::Manager,
        Role::Service,
        Role::Admin,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::User => "user",
            Role::Manager => "manager",
            Role::Service => "service",
            Role::Admin => "admin",
        }
    }

    /// Internal roles belong to the service organisation, not to a customer.
    pub const fn is_internal(self) -> bool {
        matches!(self, Role::Service | Role::Admin)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?}")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A login name: 3 to 100 characters of letters, digits and `. _ - @`, compared case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Username(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidUsername {
    #[error("a user name has 3 to 100 characters")]
    Length,
    #[error("a user name may hold letters, digits and . _ - @ only")]
    Characters,
}

impl Username {
    pub fn parse(s: &str) -> Result<Self, InvalidUsername> {
        let s = s.trim();
        let len = s.chars().count();
        if !(3..=100).contains(&len) {
            return Err(InvalidUsername::Length);
        }
        if !s
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
        {
            return Err(InvalidUsername::Characters);
        }
        Ok(Self(s.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address: one `@`, a non-empty local part, a dotted domain. Delivery proves the rest.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an email address")]
pub struct InvalidEmail(pub String);

impl Email {
    pub fn parse(s: &str) -> Result<Self, InvalidEmail> {
        let s = s.trim();
        let invalid = || InvalidEmail(s.to_owned());
        let (local, domain) = s.split_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@');
        if local.is_empty() || !domain_ok || s.len() > 254 || s.chars().any(char::is_whitespace) {
            return Err(invalid());
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    En,
    Nl,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Nl];

    pub const fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Nl => "nl",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported language {0:?}")]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| UnknownLanguage(s.to_owned()))
    }
}

/// An IANA time zone name known to the tz database ("Europe/Amsterdam").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeZoneName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown time zone {0:?}")]
pub struct UnknownTimeZone(pub String);

impl TimeZoneName {
    pub fn parse(s: &str) -> Result<Self, UnknownTimeZone> {
        s.parse::<chrono_tz::Tz>()
            .map(|tz| Self(tz.name().to_owned()))
            .map_err(|_| UnknownTimeZone(s.to_owned()))
    }

    pub fn utc() -> Self {
        Self("UTC".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn tz(&self) -> chrono_tz::Tz {
        self.0.parse().unwrap_or(chrono_tz::UTC)
    }

    /// The calendar date in this zone at `instant` ("today" for expiry colours).
    pub fn date_at(&self, instant: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
        instant.with_timezone(&self.tz()).date_naive()
    }
}

/// How a user wants dates written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateFormat {
    /// 2026-11-23
    #[default]
    Iso,
    /// 23-11-2026
    DayMonthYear,
    /// 11/23/2026
    MonthDayYear,
}

impl DateFormat {
    pub const ALL: [DateFormat; 3] = [
        DateFormat::Iso,
        DateFormat::DayMonthYear,
        DateFormat::MonthDayYear,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            DateFormat::Iso => "iso",
            DateFormat::DayMonthYear => "day_month_year",
            DateFormat::MonthDayYear => "month_day_year",
        }
    }

    pub const fn strftime(self) -> &'static str {
        match self {
            DateFormat::Iso => "%Y-%m-%d",
            DateFormat::DayMonthYear => "%d-%m-%Y",
            DateFormat::MonthDayYear => "%m/%d/%Y",
        }
    }

    /// The same as an Excel number format.
    pub const fn excel_pattern(self) -> &'static str {
        match self {
            DateFormat::Iso => "yyyy-mm-dd",
            DateFormat::DayMonthYear => "dd-mm-yyyy",
            DateFormat::MonthDayYear => "mm/dd/yyyy",
        }
    }
}

impl FromStr for DateFormat {
    type Err = UnknownLanguage;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DateFormat::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| UnknownLanguage(s.to_owned()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeFormat {
    #[default]
    H24,
    H12,
}

impl TimeFormat {
    pub const fn as_str(self) -> &'static str {
        match self {
            TimeFormat::H24 => "h24",
            TimeFormat::H12 => "h12",
        }
    }

    pub const fn strftime(self) -> &'static str {
        match self {
            TimeFormat::H24 => "%H:%M",
            TimeFormat::H12 => "%I:%M %p",
        }
    }

    /// The same as an Excel number format.
    pub const fn excel_pattern(self) -> &'static str {
        match self {
            TimeFormat::H24 => "hh:mm",
            TimeFormat::H12 => "hh:mm AM/PM",
        }
    }
}

impl FromStr for TimeFormat {
    type Err = UnknownLanguage;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "h24" => Ok(TimeFormat::H24),
            "h12" => Ok(TimeFormat::H12),
            other => Err(UnknownLanguage(other.to_owned())),
        }
    }
}

crate::text_conversions!(
    Username / InvalidUsername,
    Email / InvalidEmail,
    TimeZoneName / UnknownTimeZone
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_written_in_the_users_zone_and_formats() {
        let instant = chrono::DateTime::parse_from_rfc3339("2026-11-24T15:05:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let dutch = UserSettings {
            language: Language::Nl,
            time_zone: TimeZoneName::parse("Europe/Amsterdam").unwrap(),
            date_format: DateFormat::DayMonthYear,
            time_format: TimeFormat::H24,
        };
        assert_eq!(
            dutch.format_instant(instant),
            "24-11-2026 16:05 (Europe/Amsterdam)"
        );
        let american = UserSettings {
            language: Language::En,
            time_zone: TimeZoneName::parse("America/New_York").unwrap(),
            date_format: DateFormat::MonthDayYear,
            time_format: TimeFormat::H12,
        };
        assert_eq!(
            american.format_instant(instant),
            "11/24/2026 10:05 AM (America/New_York)"
        );
    }

    #[test]
    fn today_is_the_date_in_the_users_zone() {
        use chrono::TimeZone;
        let late_evening_utc = chrono::Utc
            .with_ymd_and_hms(2026, 11, 23, 23, 30, 0)
            .unwrap();
        let amsterdam = TimeZoneName::parse("Europe/Amsterdam").unwrap();
        assert_eq!(
            amsterdam.date_at(late_evening_utc).to_string(),
            "2026-11-24"
        );
        assert_eq!(
            TimeZoneName::utc().date_at(late_evening_utc).to_string(),
            "2026-11-23"
        );
        let new_york = TimeZoneName::parse("America/New_York").unwrap();
        let early_utc = chrono::Utc.with_ymd_and_hms(2026, 11, 24, 3, 0, 0).unwrap();
        assert_eq!(new_york.date_at(early_utc).to_string(), "2026-11-23");
    }

    #[test]
    fn usernames_are_case_insensitive() {
        assert_eq!(
            Username::parse("Anna.Manager"),
            Username::parse("anna.manager")
        );
    }

    #[test]
    fn usernames_reject_spaces_and_short_names() {
        assert_eq!(Username::parse("ab"), Err(InvalidUsername::Length));
        assert_eq!(
            Username::parse("anna smith"),
            Err(InvalidUsername::Characters)
        );
    }

    #[test]
    fn email_needs_local_part_and_dotted_domain() {
        assert!(Email::parse("anna@umc.example.nl").is_ok());
        for bad in [
            "anna",
            "@umc.nl",
            "anna@umc",
            "anna@.nl",
            "an na@umc.nl",
            "a@b@c.nl",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn time_zone_must_be_known_to_the_tz_database() {
        assert!(TimeZoneName::parse("Europe/Amsterdam").is_ok());
        assert!(TimeZoneName::parse("Mars/Olympus").is_err());
    }

    #[test]
    fn internal_roles_are_service_and_admin() {
        let internal: Vec<_> = Role::ALL.into_iter().filter(|r| r.is_internal()).collect();
        assert_eq!(internal, vec![Role::Service, Role::Admin]);
    }

    #[test]
    fn role_round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
    }
}

/// Language, time zone and formats: every time shown follows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserSettings {
    pub language: Language,
    pub time_zone: TimeZoneName,
    pub date_format: DateFormat,
    pub time_format: TimeFormat,
}

impl UserSettings {
    /// An instant as this user reads it: their zone, date and time format,
    /// and the zone named, e.g. `24-11-2026 16:05 (Europe/Amsterdam)`.
    pub fn format_instant(&self, instant: chrono::DateTime<chrono::Utc>) -> String {
        let local = instant.with_timezone(&self.time_zone.tz());
        let time = match self.time_format {
            TimeFormat::H24 => "%H:%M",
            TimeFormat::H12 => "%I:%M %p",
        };
        format!(
            "{} {} ({})",
            local.format(self.date_format.strftime()),
            local.format(time),
            self.time_zone.as_str()
        )
    }
}

impl Default for UserSettings {
    fn default() -> Self {
        Self {
            language: Language::En,
            time_zone: TimeZoneName::utc(),
            date_format: DateFormat::Iso,
            time_format: TimeFormat::H24,
        }
    }
}

/// A portal user (without credentials).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: crate::UserId,
    /// None for the service organisation's own staff.
    pub parent_account_id: Option<crate::AccountId>,
    pub username: Username,
    pub email: Email,
    pub display_name: String,
    pub role: Role,
    pub settings: UserSettings,
    pub active: bool,
    /// Access tokens issued before this instant are refused.
    pub sessions_valid_after: chrono::DateTime<chrono::Utc>,
}

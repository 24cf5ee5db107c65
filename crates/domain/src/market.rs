//! Per-country settings of the service organisation: the contact centre that
//! takes critical cases by phone, and the day the market moved to this
//! platform (cases closed before it are historical).

use chrono::NaiveDate;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markets {
    contact_centres: BTreeMap<String, String>,
    cutovers: BTreeMap<String, NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{setting}: {entry:?} is not COUNTRY=value (e.g. NL=2018-10-01)")]
pub struct MarketSettingError {
    pub setting: &'static str,
    pub entry: String,
}

/// `NL=a, DK=b` into country -> value; countries upper-cased.
fn pairs<'a>(
    setting: &'static str,
    raw: &'a str,
) -> impl Iterator<Item = Result<(String, &'a str), MarketSettingError>> {
    raw.split([',', ';'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(move |entry| {
            let error = || MarketSettingError {
                setting,
                entry: entry.to_owned(),
            };
            let (country, value) = entry.split_once('=').ok_or_else(error)?;
            let country = country.trim().to_ascii_uppercase();
            let value = value.trim();
            if country.len() != 2
                || !country.bytes().all(|b| b.is_ascii_uppercase())
                || value.is_empty()
            {
                return Err(error());
            }
            Ok((country, value))
        })
}

impl Markets {
    /// Contact centres as `NL=+31 40 279 7000, DK=...`; cut-overs as
    /// `NL=2018-10-01, DK=...` (a country left out has no historical cases).
    pub fn parse(contact_centres: &str, cutovers: &str) -> Result<Self, MarketSettingError> {
        let contact_centres = pairs("contact centres", contact_centres)
            .map(|p| p.map(|(c, v)| (c, v.to_owned())))
            .collect::<Result<_, _>>()?;
        let cutovers = pairs("case cut-over dates", cutovers)
            .map(|p| {
                p.and_then(|(c, v)| {
                    NaiveDate::parse_from_str(v, "%Y-%m-%d")
                        .map(|d| (c.clone(), d))
                        .map_err(|_| MarketSettingError {
                            setting: "case cut-over dates",
                            entry: format!("{c}={v}"),
                        })
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            contact_centres,
            cutovers,
        })
    }

    /// Whether any country has a contact centre.
    pub fn has_contact_centres(&self) -> bool {
        !self.contact_centres.is_empty()
    }

    /// These markets with the contact centres of `raw` (as in [`Markets::parse`]).
    pub fn with_contact_centres(self, raw: &str) -> Result<Self, MarketSettingError> {
        Ok(Self {
            contact_centres: Self::parse(raw, "")?.contact_centres,
            ..self
        })
    }

    /// Of `countries`, those without a contact centre, upper-cased and sorted.
    pub fn without_contact_centre<'a>(
        &self,
        countries: impl IntoIterator<Item = &'a str>,
    ) -> Vec<String> {
        let missing: std::collections::BTreeSet<String> = countries
            .into_iter()
            .map(str::to_ascii_uppercase)
            .filter(|c| !self.contact_centres.contains_key(c))
            .collect();
        missing.into_iter().collect()
    }

    pub fn contact_centre(&self, country: &str) -> Option<&str> {
        self.contact_centres
            .get(&country.to_ascii_uppercase())
            .map(String::as_str)
    }

    pub fn cutover(&self, country: &str) -> Option<NaiveDate> {
        self.cutovers.get(&country.to_ascii_uppercase()).copied()
    }

    /// Every market with a cut-over date.
    pub fn cutovers(&self) -> impl Iterator<Item = (&str, NaiveDate)> {
        self.cutovers.iter().map(|(c, d)| (c.as_str(), *d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_parse_per_country() {
        let m =
            Markets::parse("nl=+31 40 279 7000; DK = +45 43 00 00 00", "NL=2018-10-01").unwrap();
        assert_eq!(m.contact_centre("NL"), Some("+31 40 279 7000"));
        assert_eq!(m.contact_centre("dk"), Some("+45 43 00 00 00"));
        assert_eq!(m.contact_centre("DE"), None);
        assert_eq!(m.cutover("NL"), NaiveDate::from_ymd_opt(2018, 10, 1));
        assert_eq!(m.cutover("DK"), None, "a market without a cut-over");
    }

    #[test]
    fn countries_without_a_contact_centre_are_named_once() {
        let m = Markets::default()
            .with_contact_centres("NL=+31 40 279 7000")
            .unwrap();
        assert!(m.has_contact_centres());
        assert_eq!(
            m.without_contact_centre(["nl", "DK", "dk", "GB"]),
            ["DK", "GB"]
        );
        assert!(!Markets::default().has_contact_centres());
    }

    #[test]
    fn a_bad_entry_is_named() {
        let err = Markets::parse("", "NL=1 Oct 2018").unwrap_err();
        assert_eq!(err.entry, "NL=1 Oct 2018");
        assert!(Markets::parse("Netherlands=+31", "").is_err());
        assert!(Markets::parse("NL", "").is_err());
        assert_eq!(Markets::parse(" , ", "").unwrap(), Markets::default());
    }
}

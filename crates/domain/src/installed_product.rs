//! Installed products: what the portal knows about each system at a hospital.

use crate::ids::{AccountId, InstalledProductId};
use chrono::NaiveDate;

crate::text_enum! {
    /// The imaging modality (extensible: new ones are added here).
    pub enum Modality / UnknownModality {
        Mr = "mr",
        Ct = "ct",
        Us = "us",
        Ixr = "ixr",
        Other = "other",
    }
}

crate::text_enum! {
    pub enum ProductStatus / UnknownProductStatus {
        Active = "active",
        Inactive = "inactive",
    }
}

crate::text_enum! {
    /// Hardware, or a software license (SLCP) that can move between hardware.
    pub enum ProductKind / UnknownProductKind {
        Hardware = "hardware",
        SoftwareLicense = "software_license",
    }
}

crate::text_enum! {
    /// Ordered from best to worst, so the worst of several is their maximum.
    pub enum OperationalState / UnknownOperationalState {
        Up = "up",
        Restricted = "restricted",
        Down = "down",
        /// An open priority-1 case: shown above down and restricted.
        Critical = "critical",
    }
}

/// A case priority, 1 (most urgent) to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Priority(u8);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a priority is 1 to 5, not {0}")]
pub struct InvalidPriority(pub i64);

impl Priority {
    /// 1: a critical need (the system is down for patients); such a case
    /// is also phoned in.
    pub const CRITICAL: Priority = Priority(1);
    /// 5: a scheduled activity.
    pub const LOWEST: Priority = Priority(5);

    pub fn new(value: i64) -> Result<Self, InvalidPriority> {
        u8::try_from(value)
            .ok()
            .filter(|v| (1..=5).contains(v))
            .map(Self)
            .ok_or(InvalidPriority(value))
    }

    pub const fn value(self) -> u8 {
        self.0
    }
}

impl OperationalState {
    /// Down while a priority-2 case is open, restricted while a priority-3 case
    /// is open, otherwise up; any open priority-1 case makes it critical.
    pub fn from_open_cases(open_case_priorities: impl IntoIterator<Item = Priority>) -> Self {
        open_case_priorities
            .into_iter()
            .map(|p| match p.value() {
                1 => OperationalState::Critical,
                2 => OperationalState::Down,
                3 => OperationalState::Restricted,
                _ => OperationalState::Up,
            })
            .max()
            .unwrap_or(OperationalState::Up)
    }
}

/// One of the customer's own texts for a product: trimmed, empty means none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomText(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at most {max} characters")]
pub struct CustomTextTooLong {
    pub max: usize,
}

impl CustomText {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: Option<&str>) -> Result<Option<Self>, CustomTextTooLong> {
        let cleaned = raw.map(crate::text::strip_bidi_controls);
        let Some(trimmed) = cleaned.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
            return Ok(None);
        };
        if trimmed.chars().count() > Self::MAX_CHARS {
            return Err(CustomTextTooLong {
                max: Self::MAX_CHARS,
            });
        }
        Ok(Some(Self(trimmed.to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The custom details a Manager maintains.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomDetails {
    pub custom_name: Option<CustomText>,
    pub customer_reference: Option<CustomText>,
    pub customer_location: Option<CustomText>,
}

/// The fields of an installed product the rules look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstalledProduct {
    pub id: InstalledProductId,
    pub number: String,
    pub modality: Modality,
    pub kind: ProductKind,
    pub status: ProductStatus,
    pub owner_account_id: AccountId,
    pub location_account_id: AccountId,
    pub operational_state: OperationalState,
    pub strategic_item: bool,
    pub end_of_life_date: Option<NaiveDate>,
    pub end_of_service_date: Option<NaiveDate>,
    pub custom_details: CustomDetails,
    pub version: i32,
}

impl InstalledProduct {
    /// The accounts whose users see this product.
    pub fn accounts(&self) -> [AccountId; 2] {
        [self.owner_account_id, self.location_account_id]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn priorities(values: &[i64]) -> Vec<Priority> {
        values.iter().map(|v| Priority::new(*v).unwrap()).collect()
    }

    #[test]
    fn operational_state_follows_the_most_urgent_open_case() {
        let state = |p: &[i64]| OperationalState::from_open_cases(priorities(p));
        assert_eq!(state(&[]), OperationalState::Up);
        assert_eq!(state(&[4, 5]), OperationalState::Up);
        assert_eq!(state(&[3]), OperationalState::Restricted);
        assert_eq!(state(&[3, 2, 5]), OperationalState::Down);
        assert_eq!(state(&[2, 1]), OperationalState::Critical);
        assert_eq!(state(&[1]), OperationalState::Critical);
    }

    #[test]
    fn priorities_outside_one_to_five_are_refused() {
        for bad in [0, 6, -1, 300] {
            assert_eq!(Priority::new(bad), Err(InvalidPriority(bad)));
        }
        assert_eq!(Priority::new(5).map(Priority::value), Ok(5));
    }

    #[test]
    fn custom_text_is_trimmed_empty_is_none_and_length_is_bounded() {
        assert_eq!(CustomText::parse(None), Ok(None));
        assert_eq!(CustomText::parse(Some("   ")), Ok(None));
        assert_eq!(
            CustomText::parse(Some("  CT 2 (cardio) "))
                .unwrap()
                .unwrap()
                .as_str(),
            "CT 2 (cardio)"
        );
        let exactly_max = "é".repeat(CustomText::MAX_CHARS);
        assert!(CustomText::parse(Some(&exactly_max)).is_ok());
        let too_long = "x".repeat(CustomText::MAX_CHARS + 1);
        assert_eq!(
            CustomText::parse(Some(&too_long)),
            Err(CustomTextTooLong { max: 100 })
        );
    }

    #[test]
    fn enums_round_trip_through_their_text() {
        for m in Modality::ALL {
            assert_eq!(m.as_str().parse::<Modality>(), Ok(*m));
        }
        for s in OperationalState::ALL {
            assert_eq!(s.as_str().parse::<OperationalState>(), Ok(*s));
        }
        assert!("xray".parse::<Modality>().is_err());
    }
}

//! Request access: the public form, and the list and page where Managers
//! (for their parent account) and Admins (for all) decide on the requests.

pub mod access_request_page;
pub mod access_requests_page;
pub mod request_access_page;

use api_types::FacilityDto;

/// The user name an approval starts from: the address's local part, lower-cased.
pub fn suggested_username(email: &str) -> String {
    email
        .trim()
        .rsplit_once('@')
        .map_or(email.trim(), |(local, _)| local)
        .to_lowercase()
}

/// The facilities in a line: "Radiology; Cardiology".
pub fn facilities_summary(facilities: &[FacilityDto]) -> String {
    facilities
        .iter()
        .map(|f| f.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_name_starts_from_the_local_part_in_lower_case() {
        assert_eq!(
            suggested_username(" Eva.Jansen@Lindenhaven.example "),
            "eva.jansen"
        );
        assert_eq!(suggested_username("odd@name@host.example"), "odd@name");
        assert_eq!(suggested_username("nobody"), "nobody");
    }

    #[test]
    fn facilities_are_summed_up_by_name() {
        let facility = |name: &str| FacilityDto {
            name: name.to_owned(),
            identifiers: Vec::new(),
        };
        assert_eq!(
            facilities_summary(&[facility("Radiology"), facility("Cardiology, east")]),
            "Radiology; Cardiology, east"
        );
        assert_eq!(facilities_summary(&[]), "");
    }
}

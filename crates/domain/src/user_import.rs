//! Importing a customer's users from its source system: one row a user,
//! keyed by user name, naming the parent account (the customer) and the
//! accounts the user is assigned to.

use crate::import::{import_file, ImportIssue, RowProblem};
use crate::import_row::RowCheck;
use crate::text::strip_bidi_controls;
use crate::user::{Email, Language, Role, Username};

import_file! {
    "a users file", USER_FILE, USER_COLUMNS, UserColumns = [
        "parent_account", "username", "email", "display_name", "role", "accounts", "language"
    ] => parse_user => ImportedUser
}

const DISPLAY_NAME_MAX: usize = 200;
/// As long as an account's source id may be.
const ACCOUNT_ID_MAX: usize = crate::account::AccountFields::SOURCE_ID_MAX;

/// A user as a row of the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedUser {
    /// The customer's source id: the row's tenancy.
    pub parent_account: String,
    pub username: Username,
    pub email: Email,
    pub display_name: String,
    /// A customer role: an import makes no staff.
    pub role: Role,
    /// The source ids of the accounts the user is assigned, in file order;
    /// may be empty (a Manager sees all of the customer anyway).
    pub accounts: Vec<String>,
    /// None: the portal's default.
    pub language: Option<Language>,
}

/// Checks one row (at `line`); every problem at once.
pub fn parse_user(
    columns: &UserColumns,
    fields: &[&str],
    line: u64,
) -> Result<ImportedUser, Vec<RowProblem>> {
    let mut row = RowCheck::new(columns, &USER_COLUMNS, fields, line);
    let parent_account = row.required();
    let username = row.parsed(ImportIssue::BadUsername, |v| Username::parse(v).ok());
    let email = row.parsed(ImportIssue::BadEmail, |v| Email::parse(v).ok());
    // Bidi controls would reorder the name where others read it.
    let (name, value) = row.next();
    let display_name = row.text_of((name, strip_bidi_controls(value).trim()), DISPLAY_NAME_MAX);
    let role = row.parsed(ImportIssue::UnknownRole, |v| {
        let role = v.to_ascii_lowercase().parse::<Role>().ok()?;
        (!role.is_internal()).then_some(role)
    });
    let accounts = row.list(ACCOUNT_ID_MAX);
    let language = row.optional_parsed(ImportIssue::UnknownLanguage, |v| {
        v.to_ascii_lowercase().parse::<Language>().ok()
    });
    let user = match (username, email, role) {
        (Some(username), Some(email), Some(role)) => Some(ImportedUser {
            parent_account,
            username,
            email,
            display_name,
            role,
            accounts,
            language,
        }),
        _ => None,
    };
    row.done(user)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::named;

    const GOOD: [&str; 7] = [
        "LUMC-1000",
        " Anna.deVries ",
        "anna@lumc.example",
        "\u{2066}Anna de Vries\u{2069}",
        "Manager",
        "LUMC-1002; ;LUMC-1001;LUMC-1002",
        "NL",
    ];

    #[test]
    fn a_good_row_becomes_a_user_with_its_accounts_once_each_in_file_order() {
        let user = USER_FILE.check(&GOOD, 2).unwrap();
        assert_eq!(
            user,
            ImportedUser {
                parent_account: "LUMC-1000".into(),
                username: Username::parse("anna.devries").unwrap(),
                email: Email::parse("anna@lumc.example").unwrap(),
                display_name: "Anna de Vries".into(),
                role: Role::Manager,
                accounts: vec!["LUMC-1002".into(), "LUMC-1001".into()],
                language: Some(Language::Nl),
            }
        );
    }

    #[test]
    fn a_user_may_have_no_accounts_and_no_language() {
        let mut row = GOOD;
        row[5] = "";
        row[6] = " ";
        let user = USER_FILE.check(&row, 2).unwrap();
        assert!(user.accounts.is_empty());
        assert_eq!(user.language, None);
    }

    #[test]
    fn every_bad_value_of_a_user_row_is_named_with_its_line_and_column() {
        let long_id = "A".repeat(65);
        let long_name = "n".repeat(201);
        let accounts = format!("LUMC-1001;{long_id}");
        let row = [
            "",
            "a b",
            "anna@",
            long_name.as_str(),
            "owner",
            accounts.as_str(),
            "de",
        ];
        let problems = USER_FILE.check(&row, 9).unwrap_err();
        assert_eq!(
            named(&problems),
            [
                (9, "parent_account", "", ImportIssue::Required),
                (9, "username", "a b", ImportIssue::BadUsername),
                (9, "email", "anna@", ImportIssue::BadEmail),
                (
                    9,
                    "display_name",
                    long_name.as_str(),
                    ImportIssue::TooLong { max: 200 }
                ),
                (9, "role", "owner", ImportIssue::UnknownRole),
                (
                    9,
                    "accounts",
                    long_id.as_str(),
                    ImportIssue::TooLong { max: 64 }
                ),
                (9, "language", "de", ImportIssue::UnknownLanguage),
            ]
        );
    }

    #[test]
    fn empty_required_values_are_named_and_a_name_of_bidi_controls_only_is_empty() {
        let row = ["LUMC-1000", "", "", "\u{202E}", "", "", ""];
        let problems = USER_FILE.check(&row, 3).unwrap_err();
        assert_eq!(
            named(&problems),
            [
                (3, "username", "", ImportIssue::Required),
                (3, "email", "", ImportIssue::Required),
                (3, "display_name", "", ImportIssue::Required),
                (3, "role", "", ImportIssue::Required),
            ]
        );
    }

    #[test]
    fn an_import_makes_no_staff() {
        for role in ["service", "Admin"] {
            let mut row = GOOD;
            row[4] = role;
            let problems = USER_FILE.check(&row, 4).unwrap_err();
            assert_eq!(
                named(&problems),
                [(4, "role", role, ImportIssue::UnknownRole)]
            );
        }
        let mut row = GOOD;
        row[4] = "VIEWER";
        assert_eq!(USER_FILE.check(&row, 4).unwrap().role, Role::Viewer);
    }
}

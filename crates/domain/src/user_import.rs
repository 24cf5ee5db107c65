//! Importing a customer's users from its source system: one row a user,
//! keyed by user name, naming the parent account (the customer) and the
//! accounts the user is assigned to.

use crate::import::{list, parsed, required, required_text, Columns, ImportIssue, RowProblem};
use crate::text::strip_bidi_controls;
use crate::user::{Email, Language, Role, Username};

/// The columns of a users file, in the template's order.
pub const USER_COLUMNS: [&str; 7] = [
    "parent_account",
    "username",
    "email",
    "display_name",
    "role",
    "accounts",
    "language",
];

pub type UserColumns = Columns<7>;

impl UserColumns {
    /// Finds every user column in `header`.
    pub fn from_header(header: &[&str]) -> Result<Self, Vec<RowProblem>> {
        Self::find(&USER_COLUMNS, header)
    }
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
    let mut problems = Vec::new();
    let mut values = columns.values(&USER_COLUMNS, fields);
    let mut next = || values.next().unwrap_or(("", ""));
    let parent_account = required(&mut problems, line, next());
    let username = parsed(&mut problems, line, next(), ImportIssue::BadUsername, |v| {
        Username::parse(v).ok()
    });
    let email = parsed(&mut problems, line, next(), ImportIssue::BadEmail, |v| {
        Email::parse(v).ok()
    });
    // Bidi controls would reorder the name where others read it.
    let (name, value) = next();
    let stripped = strip_bidi_controls(value);
    let display_name = required_text(
        &mut problems,
        line,
        (name, stripped.trim()),
        DISPLAY_NAME_MAX,
    );
    let role = parsed(&mut problems, line, next(), ImportIssue::UnknownRole, |v| {
        let role = v.to_ascii_lowercase().parse::<Role>().ok()?;
        (!role.is_internal()).then_some(role)
    });
    let accounts = list(&mut problems, line, next(), ACCOUNT_ID_MAX);
    let (name, value) = next();
    let language = value.to_ascii_lowercase().parse::<Language>().ok();
    if language.is_none() && !value.is_empty() {
        let issue = ImportIssue::UnknownLanguage;
        problems.push(RowProblem::new(line, name, value, issue));
    }
    problems.sort_by_key(|p| USER_COLUMNS.iter().position(|c| *c == p.column));
    match (username, email, role, problems.is_empty()) {
        (Some(username), Some(email), Some(role), true) => Ok(ImportedUser {
            parent_account,
            username,
            email,
            display_name,
            role,
            accounts,
            language,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns() -> UserColumns {
        UserColumns::from_header(&USER_COLUMNS).unwrap()
    }

    const GOOD: [&str; 7] = [
        "LUMC-1000",
        " Anna.deVries ",
        "anna@lumc.example",
        "\u{2066}Anna de Vries\u{2069}",
        "Manager",
        "LUMC-1002; ;LUMC-1001;LUMC-1002",
        "NL",
    ];

    fn named(problems: &[RowProblem]) -> Vec<(u64, &str, &str, ImportIssue)> {
        problems
            .iter()
            .map(|p| (p.line, p.column.as_str(), p.value.as_str(), p.issue))
            .collect()
    }

    #[test]
    fn a_good_row_becomes_a_user_with_its_accounts_once_each_in_file_order() {
        let user = parse_user(&columns(), &GOOD, 2).unwrap();
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
        let user = parse_user(&columns(), &row, 2).unwrap();
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
        let problems = parse_user(&columns(), &row, 9).unwrap_err();
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
        let problems = parse_user(&columns(), &row, 3).unwrap_err();
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
            let problems = parse_user(&columns(), &row, 4).unwrap_err();
            assert_eq!(
                named(&problems),
                [(4, "role", role, ImportIssue::UnknownRole)]
            );
        }
        let mut row = GOOD;
        row[4] = "VIEWER";
        assert_eq!(parse_user(&columns(), &row, 4).unwrap().role, Role::Viewer);
    }
}

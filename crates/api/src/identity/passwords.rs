//! Choosing a new password: the policy (shared with the browser app), the
//! last five passwords, then the hash. Also the change-password flow.

use crate::error::ApiError;
use crate::state::AppState;
use api_types::{FieldError, FieldErrorCode};
use domain::account_security::PASSWORD_HISTORY;
use domain::{PasswordPolicy, PasswordRule, UserId};
use persistence::repositories::{password_history, users};
use persistence::Conn;

fn rule_message(rule: PasswordRule) -> String {
    match rule {
        PasswordRule::MinLength { min } => format!("Use at least {min} characters."),
        PasswordRule::MaxLength { max } => format!("Use at most {max} characters."),
        PasswordRule::Digit => "Add a digit.".into(),
        PasswordRule::SpecialCharacter => "Add a special character, such as ! or -.".into(),
        PasswordRule::LowerCase => "Add a lower-case letter.".into(),
        PasswordRule::UpperCase => "Add an upper-case letter.".into(),
        PasswordRule::NotCommon => {
            "This is one of the 10,000 most common passwords; choose another.".into()
        }
    }
}

pub fn field_error(field: &str, code: FieldErrorCode, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        code,
        message: message.into(),
    }
}

/// The PHC hash of `password` if it meets the policy and is none of the
/// user's last five; otherwise a 422 naming each broken rule on `field`.
pub async fn accept_new_password(
    state: &AppState,
    db: &impl Conn,
    user: UserId,
    password: &str,
    field: &str,
) -> Result<String, ApiError> {
    if let Err(broken) = PasswordPolicy::specification().check(password) {
        return Err(ApiError::Validation(
            broken
                .into_iter()
                .map(|rule| {
                    field_error(
                        field,
                        FieldErrorCode::from_code(rule.code()),
                        rule_message(rule),
                    )
                })
                .collect(),
        ));
    }
    // The current password counts as the newest of the five.
    let mut earlier = password_history::recent(db, user, PASSWORD_HISTORY as u64).await?;
    if let Some(current) = users::password_hash(db, user).await? {
        if !earlier.contains(&current) {
            earlier.insert(0, current);
        }
    }
    earlier.truncate(PASSWORD_HISTORY);
    for hash in &earlier {
        if state
            .passwords
            .verify(Some(hash), password)
            .await
            .map_err(ApiError::internal)?
        {
            return Err(ApiError::Validation(vec![field_error(
                field,
                FieldErrorCode::PasswordReused,
                format!("This is one of your last {PASSWORD_HISTORY} passwords; choose a new one."),
            )]));
        }
    }
    state
        .passwords
        .hash(password)
        .await
        .map_err(ApiError::internal)
}

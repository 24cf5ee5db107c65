//! Emails that tell a person about a change to how they sign in, made by
//! someone else or from one of their sessions: the change of their address
//! goes to the old address, so a takeover through the address is noticed.

use chrono::{DateTime, Utc};
use domain::{Email, Language, User};
use persistence::repositories::outbox::{self, NewEmail};
use persistence::{Conn, StoreError};

/// Who made the change, as the person would know them.
fn by_whom(user: &User, actor: &User) -> String {
    if actor.id == user.id {
        match user.settings.language {
            Language::Nl => "uzelf (vanuit een van uw sessies)".to_owned(),
            _ => "yourself (from one of your sessions)".to_owned(),
        }
    } else {
        actor.display_name.clone()
    }
}

/// Tells `before` (the user as they were) at their old address that their
/// address is now `new`.
pub async fn queue_email_changed(
    db: &impl Conn,
    before: &User,
    new: &Email,
    actor: &User,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let when = before.settings.format_instant(now);
    let who = by_whom(before, actor);
    let name = before.username.as_str();
    let new = new.as_str();
    let (subject, body) = match before.settings.language {
        Language::Nl => (
            "Het e-mailadres van uw account is gewijzigd".to_owned(),
            format!(
                "Het e-mailadres van uw account (gebruikersnaam {name}) is op {when} \
                 gewijzigd in {new} door {who}.\n\
                 Nieuwe wachtwoordlinks gaan voortaan naar dat adres; uw andere sessies zijn beëindigd.\n\n\
                 Was dit niet de bedoeling? Neem dan direct contact op met de beheerder van uw \
                 organisatie of met portal support.\n"
            ),
        ),
        _ => (
            "Your account's email address was changed".to_owned(),
            format!(
                "The email address of your account (user name {name}) was changed to {new} \
                 on {when} by {who}.\n\
                 Password links go to that address from now on; your other sessions have ended.\n\n\
                 Was this not meant to happen? Contact your organisation's Manager or portal \
                 support at once.\n"
            ),
        ),
    };
    enqueue(db, before.email.as_str(), subject, body, now).await
}

/// Tells `user` that `actor` removed their second factor.
pub async fn queue_factor_reset(
    db: &impl Conn,
    user: &User,
    actor: &User,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let when = user.settings.format_instant(now);
    let who = by_whom(user, actor);
    let name = user.username.as_str();
    let (subject, body) = match user.settings.language {
        Language::Nl => (
            "De tweestapsverificatie van uw account is verwijderd".to_owned(),
            format!(
                "De tweede stap (authenticator-app) van uw account (gebruikersnaam {name}) is op \
                 {when} verwijderd door {who}. Uw sessies zijn beëindigd; als uw organisatie een \
                 tweede stap vereist, stelt u bij de volgende aanmelding een nieuwe in.\n\n\
                 Hebt u hier niet om gevraagd? Neem dan direct contact op met de beheerder van uw \
                 organisatie of met portal support.\n"
            ),
        ),
        _ => (
            "Your account's two-step login was removed".to_owned(),
            format!(
                "The second step (authenticator app) of your account (user name {name}) was \
                 removed on {when} by {who}. Your sessions have ended; if your organisation \
                 requires a second step, you set up a new one at your next login.\n\n\
                 Did you not ask for this? Contact your organisation's Manager or portal support \
                 at once.\n"
            ),
        ),
    };
    enqueue(db, user.email.as_str(), subject, body, now).await
}

async fn enqueue(
    db: &impl Conn,
    to: &str,
    subject: String,
    body: String,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let email = NewEmail {
        to: to.to_owned(),
        subject,
        body,
    };
    outbox::enqueue(db, &email, now).await
}

//! Emails that tell a person about a change to how they sign in, made by
//! someone else or from one of their sessions: the change of their address
//! goes to the old address, so a takeover through the address is noticed.

use chrono::{DateTime, Utc};
use domain::{Email, Language, User};
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

/// What changed about how a person signs in.
pub enum AccountChange<'a> {
    /// Their address is now this one; they are told at the old one.
    EmailChanged { new: &'a Email },
    /// Their second factor was removed.
    FactorReset,
}

/// Tells `user` (as they were before the change, so at the address they
/// had) that `actor` made `change`, in their language, zone and format.
pub async fn queue_account_change(
    db: &impl Conn,
    user: &User,
    change: AccountChange<'_>,
    actor: &User,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let when = user.settings.format_instant(now);
    let who = by_whom(user, actor);
    let name = user.username.as_str();
    let (subject, body) = match (change, user.settings.language) {
        (AccountChange::EmailChanged { new }, Language::Nl) => (
            "Het e-mailadres van uw account is gewijzigd".to_owned(),
            format!(
                "Het e-mailadres van uw account (gebruikersnaam {name}) is op {when} \
                 gewijzigd in {new} door {who}.\n\
                 Nieuwe wachtwoordlinks gaan voortaan naar dat adres; uw andere sessies zijn beëindigd.\n\n\
                 Was dit niet de bedoeling? Neem dan direct contact op met de beheerder van uw \
                 organisatie of met portal support.\n",
                new = new.as_str()
            ),
        ),
        (AccountChange::EmailChanged { new }, _) => (
            "Your account's email address was changed".to_owned(),
            format!(
                "The email address of your account (user name {name}) was changed to {new} \
                 on {when} by {who}.\n\
                 Password links go to that address from now on; your other sessions have ended.\n\n\
                 Was this not meant to happen? Contact your organisation's Manager or portal \
                 support at once.\n",
                new = new.as_str()
            ),
        ),
        (AccountChange::FactorReset, Language::Nl) => (
            "De tweestapsverificatie van uw account is verwijderd".to_owned(),
            format!(
                "De tweede stap (authenticator-app) van uw account (gebruikersnaam {name}) is op \
                 {when} verwijderd door {who}. Uw sessies zijn beëindigd; als uw organisatie een \
                 tweede stap vereist, stelt u bij de volgende aanmelding een nieuwe in.\n\n\
                 Hebt u hier niet om gevraagd? Neem dan direct contact op met de beheerder van uw \
                 organisatie of met portal support.\n"
            ),
        ),
        (AccountChange::FactorReset, _) => (
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
    crate::mail::queue(db, user.email.as_str(), subject, body, now).await
}

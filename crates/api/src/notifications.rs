//! Emails about cases: who gets them and what they say, in each recipient's
//! language, time zone and formats. They are queued in the outbox with the
//! change they tell of (same transaction); `mail` delivers them.

use crate::mail::queue;
use chrono::{DateTime, Utc};
use domain::{Case, CaseStatus, Language, User, UserSettings};
use persistence::repositories::users;
use persistence::{Conn, StoreError};

/// What happened to a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseEvent {
    Created,
    StatusChanged(CaseStatus),
    /// The service side wrote on the timeline (the text, if any).
    ServiceUpdate(Option<String>),
    /// The service side waits for the customer (what it asks, if said).
    WaitingForCustomer(Option<String>),
}

/// Someone to tell, and how they read.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Recipient {
    address: String,
    settings: UserSettings,
}

/// Who is told of a case's change, and a contact address that may not be
/// told yet (it is nobody's account and unconfirmed).
struct Audience {
    recipients: Vec<Recipient>,
    unconfirmed_contact: Option<Recipient>,
}

/// The case's creator and its contact (once if they are the same address).
/// The contact reads in the creator's settings: they are colleagues. A
/// contact that is no colleague's address and not confirmed is set apart.
async fn recipients(
    db: &impl Conn,
    c: &Case,
    creator: Option<&User>,
) -> Result<Audience, StoreError> {
    let loaded;
    let creator = match (creator, c.created_by) {
        (Some(user), _) => Some(user),
        (None, Some(id)) => {
            loaded = users::find_by_id(db, id).await?;
            loaded.as_ref()
        }
        (None, None) => None,
    };
    let settings = creator.map(|u| u.settings.clone()).unwrap_or_default();
    let mut out: Vec<Recipient> = Vec::new();
    if let Some(creator) = creator.filter(|u| u.active) {
        out.push(Recipient {
            address: creator.email.as_str().to_owned(),
            settings: settings.clone(),
        });
    }
    let mut unconfirmed_contact = None;
    if let Some(address) = c.contact_email.clone() {
        let contact = Recipient {
            address,
            settings: settings.clone(),
        };
        if out
            .iter()
            .any(|r| r.address.eq_ignore_ascii_case(&contact.address))
        {
            // The creator is the contact.
        } else if crate::cases::contacts::may_receive(db, c, &contact.address).await? {
            out.push(contact);
        } else {
            unconfirmed_contact = Some(contact);
        }
    }
    Ok(Audience {
        recipients: out,
        unconfirmed_contact,
    })
}

struct Words {
    created_subject: &'static str,
    status_subject: &'static str,
    update_subject: &'static str,
    waiting_subject: &'static str,
    created_intro: &'static str,
    status_intro: &'static str,
    update_intro: &'static str,
    waiting_intro: &'static str,
    case: &'static str,
    product: &'static str,
    priority: &'static str,
    status: &'static str,
    when: &'static str,
    open: &'static str,
    statuses: [&'static str; 4],
    footer: &'static str,
}

const EN: Words = Words {
    created_subject: "Case {number} logged: {title}",
    status_subject: "Case {number} is now {status}",
    update_subject: "Case {number}: an update from service",
    waiting_subject: "Case {number}: service waits for your answer",
    created_intro: "Your service case has been logged.",
    status_intro: "The status of your service case has changed.",
    update_intro: "The service organisation added an update to your case.",
    waiting_intro: "The service organisation needs something from you before it can go on with your case.",
    case: "Case",
    product: "Installed product",
    priority: "Priority",
    status: "Status",
    when: "Time",
    open: "Open the case",
    statuses: ["new", "in process", "fixed", "closed"],
    footer: "You receive this email because you logged this case or are its contact. Do not reply with patient data.",
};

const NL: Words = Words {
    created_subject: "Case {number} aangemaakt: {title}",
    status_subject: "Case {number} is nu {status}",
    update_subject: "Case {number}: een update van de service-organisatie",
    waiting_subject: "Case {number}: de service-organisatie wacht op uw antwoord",
    created_intro: "Uw servicecase is aangemaakt.",
    status_intro: "De status van uw servicecase is gewijzigd.",
    update_intro: "De service-organisatie heeft een update aan uw case toegevoegd.",
    waiting_intro: "De service-organisatie heeft iets van u nodig voordat zij verder kan met uw case.",
    case: "Case",
    product: "Geïnstalleerd product",
    priority: "Prioriteit",
    status: "Status",
    when: "Tijdstip",
    open: "Open de case",
    statuses: ["nieuw", "in behandeling", "opgelost", "gesloten"],
    footer: "U ontvangt deze e-mail omdat u deze case hebt aangemaakt of de contactpersoon bent. Stuur geen patiëntgegevens mee in een antwoord.",
};

fn words(language: Language) -> &'static Words {
    match language {
        Language::Nl => &NL,
        _ => &EN,
    }
}

fn status_word(w: &Words, status: CaseStatus) -> &'static str {
    match status {
        CaseStatus::New => w.statuses[0],
        CaseStatus::InProcess => w.statuses[1],
        CaseStatus::Fixed => w.statuses[2],
        CaseStatus::Closed => w.statuses[3],
    }
}

/// The email one recipient gets about `event`.
fn compose(
    c: &Case,
    product: &str,
    event: &CaseEvent,
    at: DateTime<Utc>,
    settings: &UserSettings,
    public_url: &str,
) -> (String, String) {
    let w = words(settings.language);
    let (subject, intro) = match event {
        CaseEvent::Created => (w.created_subject, w.created_intro),
        CaseEvent::StatusChanged(_) => (w.status_subject, w.status_intro),
        CaseEvent::ServiceUpdate(_) => (w.update_subject, w.update_intro),
        CaseEvent::WaitingForCustomer(_) => (w.waiting_subject, w.waiting_intro),
    };
    let shown_status = match event {
        CaseEvent::StatusChanged(to) => *to,
        _ => c.status,
    };
    let subject = subject
        .replace("{number}", &c.number)
        .replace("{title}", &c.title)
        .replace("{status}", status_word(w, shown_status));
    let mut body = format!(
        "{intro}\n\n{}: {}\n{}: {product}\n{}: {}\n{}: {}\n{}: {}\n",
        w.case,
        c.number,
        w.product,
        w.priority,
        c.priority.value(),
        w.status,
        status_word(w, shown_status),
        w.when,
        settings.format_instant(at),
    );
    if let CaseEvent::ServiceUpdate(Some(text)) | CaseEvent::WaitingForCustomer(Some(text)) = event
    {
        body.push_str(&format!("\n{text}\n"));
    }
    body.push_str(&format!(
        "\n{}: {}/cases/{}\n\n-- \n{}\n",
        w.open,
        public_url.trim_end_matches('/'),
        c.id,
        w.footer
    ));
    (subject, body)
}

/// Queues the emails about `event` on case `c` (call it in the event's transaction).
pub async fn queue_case_emails(
    db: &impl Conn,
    c: &Case,
    product: &str,
    creator: Option<&User>,
    event: CaseEvent,
    at: DateTime<Utc>,
    public_url: &str,
) -> Result<usize, StoreError> {
    let Audience {
        recipients,
        unconfirmed_contact,
    } = recipients(db, c, creator).await?;
    if let (CaseEvent::Created, Some(contact)) = (&event, &unconfirmed_contact) {
        crate::cases::contacts::ask_to_confirm(
            db,
            c,
            &contact.address,
            &contact.settings,
            at,
            public_url,
        )
        .await?;
    }
    for r in &recipients {
        let (subject, body) = compose(c, product, &event, at, &r.settings, public_url);
        queue(db, r.address.clone(), subject, body, at).await?;
    }
    Ok(recipients.len())
}

/// Tells a user their account was locked after repeated failed logins, with
/// the lock's end in their own zone and format.
pub async fn queue_lockout_email(
    db: &impl Conn,
    user: &User,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let end = user.settings.format_instant(until);
    let (subject, body) = match user.settings.language {
        Language::Nl => (
            "Uw account is tijdelijk geblokkeerd".to_owned(),
            format!(
                "Er is drie keer een verkeerd wachtwoord ingevoerd voor uw gebruikersnaam {}.\n\
                 Uw account is geblokkeerd tot {end}.\n\n\
                 Was u dit niet? Stel dan een nieuw wachtwoord in; dat heft de blokkering ook op, \
                 en meld het aan uw beheerder.\n",
                user.username.as_str()
            ),
        ),
        _ => (
            "Your account is locked for a while".to_owned(),
            format!(
                "A wrong password was entered three times for your user name {}.\n\
                 Your account is locked until {end}.\n\n\
                 Was this not you? Set a new password, which also lifts the lock, \
                 and tell your Manager.\n",
                user.username.as_str()
            ),
        ),
    };
    queue(db, user.email.as_str().to_owned(), subject, body, now).await
}

/// Tells the engineer of a visit that the customer accepted or declined
/// it, in the engineer's language and zone, with the customer's note.
pub async fn queue_visit_answer(
    db: &impl Conn,
    engineer: &User,
    (product, location, when): (&str, &str, &str),
    (accepted, note): (bool, Option<&str>),
    by: &User,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let dutch = engineer.settings.language == Language::Nl;
    let verb = match (accepted, dutch) {
        (true, false) => "accepted",
        (false, false) => "declined",
        (true, true) => "geaccepteerd",
        (false, true) => "afgewezen",
    };
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    let (subject, mut body) = if dutch {
        (
            format!("Bezoek {verb}: {product}, {when}"),
            format!(
                "{} ({location}) heeft het geplande bezoek aan {product} op {when} {verb}.\n",
                by.display_name
            ),
        )
    } else {
        (
            format!("Visit {verb}: {product}, {when}"),
            format!(
                "{} ({location}) {verb} the planned visit to {product} on {when}.\n",
                by.display_name
            ),
        )
    };
    if let Some(note) = note {
        body.push_str(&format!(
            "\n{}: {note}\n",
            if dutch { "Toelichting" } else { "Note" }
        ));
    }
    queue(db, engineer.email.as_str().to_owned(), subject, body, now).await
}

/// Which link an email carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkEmail {
    Activation,
    Reset,
}

/// Where an activation token is used: in the fragment, which browsers never
/// send to a server, so it stays out of access logs.
pub fn activation_url(public_url: &str, token: &str) -> String {
    format!(
        "{}/activate#token={token}",
        public_url.trim_end_matches('/')
    )
}

/// The activation or reset link, valid until `expires_at` (shown in the
/// user's zone and format). The token rides in the fragment, which browsers
/// never send to a server, so it stays out of access logs.
pub async fn queue_link_email(
    db: &impl Conn,
    user: &User,
    kind: LinkEmail,
    token: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<(), StoreError> {
    let base = public_url.trim_end_matches('/');
    let until = user.settings.format_instant(expires_at);
    let name = user.username.as_str();
    let activation = activation_url(public_url, token);
    let (subject, body) = match (kind, user.settings.language) {
        (LinkEmail::Activation, Language::Nl) => (
            "Activeer uw account voor het Customer Services Portal".to_owned(),
            format!(
                "Er is een account voor u aangemaakt met gebruikersnaam {name}.\n\n\
                 Kies uw wachtwoord via deze link (geldig tot {until}, één keer te gebruiken):\n\
                 {activation}\n\n\
                 Is de link verlopen? Vraag via {base}/forgot-password een nieuwe aan.\n"
            ),
        ),
        (LinkEmail::Activation, _) => (
            "Activate your Customer Services Portal account".to_owned(),
            format!(
                "An account was created for you with the user name {name}.\n\n\
                 Choose your password with this link (valid until {until}, usable once):\n\
                 {activation}\n\n\
                 Has the link expired? Ask for a new one at {base}/forgot-password.\n"
            ),
        ),
        (LinkEmail::Reset, Language::Nl) => (
            "Nieuw wachtwoord instellen".to_owned(),
            format!(
                "Er is gevraagd om een nieuw wachtwoord voor gebruikersnaam {name}.\n\n\
                 Stel het in via deze link (geldig tot {until}, één keer te gebruiken):\n\
                 {base}/reset-password#token={token}\n\n\
                 Een nieuw wachtwoord heft ook een blokkering op. Hebt u dit niet gevraagd? \
                 Dan kunt u deze e-mail negeren; uw wachtwoord blijft zoals het is.\n"
            ),
        ),
        (LinkEmail::Reset, _) => (
            "Set a new password".to_owned(),
            format!(
                "A new password was requested for the user name {name}.\n\n\
                 Set it with this link (valid until {until}, usable once):\n\
                 {base}/reset-password#token={token}\n\n\
                 A new password also lifts a lock. Did you not ask for this? \
                 Ignore this email; your password stays as it is.\n"
            ),
        ),
    };
    queue(db, user.email.as_str().to_owned(), subject, body, now).await
}

/// Confirms a request for access to the address it names. Anyone can type
/// any address into the public form, so the email repeats nothing from it:
/// no name or remark of a stranger's reaches an inbox through the portal.
pub async fn queue_access_request_received(
    db: &impl Conn,
    to: &domain::Email,
    language: Language,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (subject, body) = match language {
        Language::Nl => (
            "Uw aanvraag voor toegang is ontvangen".to_owned(),
            "We hebben een aanvraag voor toegang tot het Customer Services Portal ontvangen \
             met dit e-mailadres. De beheerder van uw organisatie of portal support beoordeelt hem; \
             na goedkeuring krijgt u een e-mail met een link om uw account te activeren.\n\n\
             Hebt u niets aangevraagd? Dan kunt u deze e-mail negeren.\n"
                .to_owned(),
        ),
        _ => (
            "We received your request for access".to_owned(),
            "We received a request for access to the Customer Services Portal for this email \
             address. Your organisation's Manager or portal support will review it; \
             once it is approved you get an email with a link to activate your account.\n\n\
             Did you not ask for access? Ignore this email.\n"
                .to_owned(),
        ),
    };
    queue(db, to.as_str().to_owned(), subject, body, now).await
}

/// Tells a requester their request was not approved, and why.
pub async fn queue_access_request_rejected(
    db: &impl Conn,
    to: &str,
    name: &str,
    reason: &str,
    language: Language,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (subject, body) = match language {
        Language::Nl => (
            "Uw aanvraag voor toegang is niet goedgekeurd".to_owned(),
            format!("Beste {name},\n\nUw aanvraag voor toegang is niet goedgekeurd. De reden:\n\n{reason}\n"),
        ),
        _ => (
            "Your request for access was not approved".to_owned(),
            format!("Dear {name},\n\nYour request for access was not approved. The reason:\n\n{reason}\n"),
        ),
    };
    queue(db, to.to_owned(), subject, body, now).await
}

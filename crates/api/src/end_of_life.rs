//! End-of-life notices: subscribers are told, in the portal and by one
//! email, when a product they see has an end-of-life or end-of-service date
//! within twelve months. Any server process may look; the notice rows'
//! unique key lets only one of them tell each user each date.

use crate::error::ApiError;
use crate::state::AppState;
use crate::wire::ToWire;
use api_types::{EolNoticeDto, EolProductDto, EolSubscriptionDto};
use domain::end_of_life::{nearest, notice_horizon, EolTopic, Milestone};
use domain::{Language, User};
use persistence::repositories::end_of_life::{
    self, ClaimedNotice, EolProduct, Notice, Subscription,
};

/// Looks for the notices due to every subscriber; answers how many users
/// were told (here: others may have been told by another process).
pub async fn notify_due(state: &AppState) -> Result<u64, ApiError> {
    let mut told = 0;
    for user in end_of_life::subscribers(&state.db).await? {
        if notify_user(state, &user).await? {
            told += 1;
        }
    }
    Ok(told)
}

/// Claims `user`'s due notices and queues one email listing them, in one
/// transaction: whichever process claims a notice is the one that tells.
pub async fn notify_user(state: &AppState, user: &User) -> Result<bool, ApiError> {
    let now = state.clock.now();
    let horizon = notice_horizon(
        now.with_timezone(&user.settings.time_zone.tz())
            .date_naive(),
    );
    let due = end_of_life::due_for(&state.db, user, horizon).await?;
    if due.is_empty() {
        return Ok(false);
    }
    let public_url = state.config.public_url.clone();
    state
        .db
        .transaction(async |tx| {
            let claimed = end_of_life::claim(tx, user.id, due, now).await?;
            if claimed.is_empty() {
                return Ok::<_, ApiError>(false);
            }
            let (subject, body) = email(user, &claimed, &public_url);
            crate::mail::queue(tx, user.email.as_str(), subject, body, now).await?;
            Ok(true)
        })
        .await
}

fn email(user: &User, notices: &[ClaimedNotice], public_url: &str) -> (String, String) {
    let link = format!("{}/end-of-life", public_url.trim_end_matches('/'));
    let date = |n: &ClaimedNotice| {
        n.date
            .format(user.settings.date_format.strftime())
            .to_string()
    };
    let dutch = user.settings.language == Language::Nl;
    let lines: String = notices
        .iter()
        .map(|n| {
            let milestone = match (n.milestone, dutch) {
                (Milestone::EndOfLife, false) => "end of life",
                (Milestone::EndOfService, false) => "end of service",
                (Milestone::EndOfLife, true) => "einde levensduur",
                (Milestone::EndOfService, true) => "einde service",
            };
            format!(
                "- {} ({}): {milestone} {}\n",
                n.product_number,
                n.product_description,
                date(n)
            )
        })
        .collect();
    if dutch {
        (
            format!("Einde levensduur: {} product(en)", notices.len()),
            format!(
                "Beste {},\n\nVoor producten die u volgt naderen deze data:\n\n{lines}\nAlle data staan op {link}\n",
                user.display_name
            ),
        )
    } else {
        (
            format!("End of life: {} product(s)", notices.len()),
            format!(
                "Dear {},\n\nThese dates are coming for products you follow:\n\n{lines}\nSee every date at {link}\n",
                user.display_name
            ),
        )
    }
}

fn product_ref(
    id: domain::InstalledProductId,
    number: String,
    description: String,
) -> api_types::ProductRef {
    api_types::ProductRef {
        id: id.as_uuid(),
        number,
        description,
        custom_name: None,
    }
}

pub fn product_dto(p: EolProduct) -> EolProductDto {
    EolProductDto {
        nearest_date: nearest(p.end_of_life, p.end_of_service).unwrap_or_default(),
        installed_product: product_ref(p.id, p.number, p.description),
        modality: p.modality.to_wire(),
        location: api_types::AccountRef {
            id: p.location.as_uuid(),
            name: p.location_name,
        },
        end_of_life_date: p.end_of_life,
        end_of_service_date: p.end_of_service,
    }
}

pub fn subscription_dto(s: Subscription) -> EolSubscriptionDto {
    let (modality, installed_product) = match s.topic {
        EolTopic::Modality(m) => (Some(m.to_wire()), None),
        EolTopic::Product(p) => (
            None,
            Some(product_ref(
                p,
                s.product_number.unwrap_or_default(),
                String::new(),
            )),
        ),
    };
    EolSubscriptionDto {
        id: s.id,
        modality,
        installed_product,
        created_at: s.created_at,
    }
}

pub fn notice_dto(n: Notice) -> EolNoticeDto {
    EolNoticeDto {
        id: n.id,
        installed_product: product_ref(n.product, n.product_number, n.product_description),
        milestone: n.milestone.to_wire(),
        date: n.date,
        created_at: n.created_at,
        read: n.read,
    }
}

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::identity::passwords::field_error;
use crate::routes::{AppData, Reply};
use crate::wire::ToWire;
use actix_web::{patch, web, HttpResponse};
use api_types::{FieldErrorCode, MeResponse, UpdateSettingsRequest};
use domain::{DateFormat, Language, TimeFormat, TimeZoneName, UserSettings};
use persistence::repositories::audit;
use persistence::repositories::users;

fn parse(body: &UpdateSettingsRequest) -> Result<UserSettings, ApiError> {
    let mut errors = Vec::new();
    let language = body.language.parse::<Language>().map_err(|_| {
        errors.push(field_error(
            "language",
            FieldErrorCode::UnknownLanguage,
            "Choose en or nl.",
        ))
    });
    let time_zone = TimeZoneName::parse(&body.time_zone).map_err(|_| {
        errors.push(field_error(
            "time_zone",
            FieldErrorCode::UnknownTimeZone,
            "Choose an IANA time zone such as Europe/Amsterdam.",
        ))
    });
    let date_format = body.date_format.parse::<DateFormat>().map_err(|_| {
        errors.push(field_error(
            "date_format",
            FieldErrorCode::UnknownDateFormat,
            "Choose iso, day_month_year or month_day_year.",
        ))
    });
    let time_format = body.time_format.parse::<TimeFormat>().map_err(|_| {
        errors.push(field_error(
            "time_format",
            FieldErrorCode::UnknownTimeFormat,
            "Choose h24 or h12.",
        ))
    });
    match (language, time_zone, date_format, time_format) {
        (Ok(language), Ok(time_zone), Ok(date_format), Ok(time_format)) => Ok(UserSettings {
            language,
            time_zone,
            date_format,
            time_format,
        }),
        _ => Err(ApiError::Validation(errors)),
    }
}

/// Changes the signed-in user's language, time zone and date and time
/// formats; every time in the app and in emails follows them.
#[utoipa::path(
    request_body = UpdateSettingsRequest,
    responses(
        (status = 200, body = MeResponse),
        (status = 422, description = "An unknown language, zone or format"),
    )
)]
#[patch("/me/settings")]
pub async fn update_settings(
    state: AppData,
    auth: AuthUser,
    body: web::Json<UpdateSettingsRequest>,
) -> Reply {
    let settings = parse(&body)?;
    let now = state.clock.now();
    let before = auth.user.settings.to_wire();
    let after = settings.to_wire();
    state
        .db
        .transaction(async |txn| {
            users::update_settings(txn, auth.user.id, &settings, now).await?;
            audit::append(
                txn,
                &crate::audit::by(
                    &auth.user,
                    "user.settings.update",
                    "user",
                    auth.user.id,
                    now,
                )
                .old_value(serde_json::to_value(&before).ok())
                .new_value(serde_json::to_value(&after).ok()),
            )
            .await?;
            Ok::<_, ApiError>(())
        })
        .await?;
    let mut user = auth.user;
    user.settings = settings;
    Ok(HttpResponse::Ok().json(super::me::me_response(&state, user).await?))
}

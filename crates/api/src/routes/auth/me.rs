use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{AppData, Reply};
use crate::state::AppState;
use crate::wire::ToWire;
use actix_web::{get, HttpResponse};
use api_types::{MeResponse, ParentAccountRef};
use persistence::repositories::accounts;

pub(crate) async fn me_response(
    state: &AppState,
    user: domain::User,
) -> Result<MeResponse, ApiError> {
    let parent_account = match user.parent_account_id {
        Some(id) => accounts::find_by_id(&state.db, id)
            .await?
            .map(|a| ParentAccountRef {
                id: a.id.as_uuid(),
                name: a.fields.name.as_str().to_owned(),
            }),
        None => None,
    };
    let mfa_enabled = persistence::repositories::users::login_facts(&state.db, user.id)
        .await?
        .is_some_and(|f| f.mfa_secret.is_some());
    let mfa_required = crate::identity::mfa::required_for(state, &user).await?;
    Ok(MeResponse {
        mfa_enabled,
        mfa_required,
        id: user.id.as_uuid(),
        username: user.username.as_str().to_owned(),
        display_name: user.display_name,
        email: user.email.as_str().to_owned(),
        role: user.role.to_wire(),
        parent_account,
        settings: user.settings.to_wire(),
    })
}

/// The signed-in user, their role, parent account and settings.
#[utoipa::path(
    responses((status = 200, body = MeResponse))
)]
#[get("/me")]
pub async fn me(state: AppData, auth: AuthUser) -> Reply {
    Ok(HttpResponse::Ok().json(me_response(&state, auth.user).await?))
}

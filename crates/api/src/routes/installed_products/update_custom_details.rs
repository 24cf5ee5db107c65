use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{convert, preconditions};
use crate::routes::{AppData, IdPath, Reply};
use actix_web::http::header;
use actix_web::{put, web, HttpResponse};
use api_types::{FieldError, InstalledProductDetail, UpdateCustomDetailsRequest};
use domain::policy::{self, DetailsOwner};
use domain::{Action, CustomDetails, CustomText, InstalledProductId};
use persistence::repositories::installed_products::{self, CustomDetailsUpdate};
use persistence::repositories::{accounts, audit};

fn parse_details(body: &UpdateCustomDetailsRequest) -> Result<CustomDetails, ApiError> {
    let mut errors = Vec::new();
    let mut field = |name: &str, raw: &Option<String>| match CustomText::parse(raw.as_deref()) {
        Ok(text) => text,
        Err(err) => {
            errors.push(FieldError {
                field: name.to_owned(),
                code: api_types::FieldErrorCode::TooLong,
                message: format!("{name} has {err}"),
            });
            None
        }
    };
    let details = CustomDetails {
        custom_name: field("custom_name", &body.custom_name),
        customer_reference: field("customer_reference", &body.customer_reference),
        customer_location: field("customer_location", &body.customer_location),
    };
    if errors.is_empty() {
        Ok(details)
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Sets the custom asset name, customer reference and customer location
/// (Managers). Each parent account keeps its own: of a product owned by one
/// customer and located at another, each sees and sets only its own. Send
/// the `ETag` you read as `If-Match`: a product changed meanwhile answers
/// 412 and nothing is overwritten.
#[utoipa::path(
    params(
        ("id" = uuid::Uuid, Path, description = "Installed product id"),
        preconditions::IfMatch,
    ),
    request_body = UpdateCustomDetailsRequest,
    responses(
        (status = 200, body = InstalledProductDetail, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only a Manager maintains custom details"),
        (status = 422, description = "A field is too long"),
    )
)]
#[put("/installed-products/{id}/custom-details")]
pub async fn update_custom_details(
    state: AppData,
    auth: AuthUser,
    if_match: preconditions::IfMatch,
    id: IdPath,
    body: web::Json<UpdateCustomDetailsRequest>,
) -> Reply {
    let id = InstalledProductId::from_uuid(id.into_inner());
    let current =
        crate::cases::authorized_product(&state, &auth, id, Action::MaintainCustomDetails).await?;
    let expected = if_match.expected_version()?;
    let details = parse_details(&body)?;

    let parent = match policy::custom_details_owner(auth.user.role, auth.user.parent_account_id) {
        DetailsOwner::Own(parent) => parent,
        DetailsOwner::LocationsParent => {
            accounts::find_by_id(&state.db, current.product.location_account_id)
                .await?
                .ok_or(ApiError::NotFound)?
                .parent_account_id
        }
    };
    let now = state.clock.now();
    state
        .db
        .transaction(async |tx| {
            match installed_products::update_custom_details(tx, id, parent, expected, &details, now)
                .await?
            {
                CustomDetailsUpdate::VersionMismatch { current } => {
                    return Err(ApiError::PreconditionFailed { current });
                }
                CustomDetailsUpdate::Updated { .. } => {}
            }
            audit::append(
                tx,
                &crate::audit::by(
                    &auth.user,
                    "installed_product.custom_details.update",
                    "installed_product",
                    id,
                    now,
                )
                .old_value(
                    serde_json::to_value(super::custom_details_dto(
                        &current.product.custom_details,
                    ))
                    .ok(),
                )
                .new_value(serde_json::to_value(super::custom_details_dto(&details)).ok()),
            )
            .await?;
            Ok::<_, ApiError>(())
        })
        .await?;

    let detail =
        super::get::load_detail(&state.db, &auth, convert::today(&state, &auth), id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, preconditions::etag(detail.version)))
        .json(detail))
}

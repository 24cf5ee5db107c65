use crate::auth::AuthUser;
use crate::documents::bench_repair::{self, BenchRepairForm};
use crate::error::ApiError;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{get, HttpResponse};
use domain::{Action, CaseId, CaseKind};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::installed_products;

/// The bench repair form of a bench repair case as a PDF, pre-filled with
/// the case number, installed product, serial number, account and part,
/// ready to print, sign and send with the device (and upload back).
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    responses(
        (status = 200, description = "The form", content_type = "application/pdf"),
        (status = 404, description = "No such case for this caller, or it is not a bench repair"),
    )
)]
#[get("/cases/{id}/bench-repair-form.pdf")]
pub async fn bench_repair_form(state: AppData, auth: AuthUser, id: IdPath) -> Reply {
    let id = CaseId::from_uuid(id.into_inner());
    let row = crate::cases::authorized_case(&state, &auth, id, Action::ViewCustomerData).await?;
    let case = &row.case;
    let is_bench_repair = case.kind == CaseKind::BenchRepair;
    let Some(part_description) = case
        .bench_part_description
        .clone()
        .filter(|_| is_bench_repair)
    else {
        return Err(ApiError::NotFound);
    };
    // The case is visible, so its product is too (same accounts).
    let product = installed_products::find_visible(
        &state.db,
        AccountVisibility::of(&auth.user),
        case.installed_product,
    )
    .await?
    .ok_or(ApiError::NotFound)?;
    let settings = &auth.user.settings;
    let form = BenchRepairForm {
        case_number: case.number.clone(),
        product_number: product.product.number.clone(),
        product_description: product.description.clone(),
        serial_number: product.serial_number.clone(),
        account: row.account_name.clone(),
        part_description,
        part_serial_number: case.bench_part_serial_number.clone(),
        return_address: case.bench_return_address.clone(),
        printed_on: settings
            .time_zone
            .date_at(state.clock.now())
            .format(settings.date_format.strftime())
            .to_string(),
    };
    let pdf = bench_repair::render(&form, settings.language);
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "application/pdf"))
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!(
                "bench-repair-form-{}.pdf",
                case.number
            ))],
        })
        .body(pdf))
}

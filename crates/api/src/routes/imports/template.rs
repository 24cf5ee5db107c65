use crate::auth::AuthUser;
use crate::routes::{answers, AppData, Reply};
use actix_web::http::header;
use actix_web::{get, HttpResponse};
use domain::product_import::PRODUCT_COLUMNS;

/// An example row: a CT at a customer's site, numbered as the ERP does.
const EXAMPLE: [&str; 17] = [
    "LUMC-1000",
    "IP-50000001",
    "Incisive CT 128",
    "SN-50000001",
    "(01)00884838000001",
    "TID-7781",
    "CT",
    "Incisive",
    "hardware",
    "Radiology, room 3",
    "2021-03-15",
    "active",
    "LUMC-1001",
    "LUMC-1001",
    "false",
    "2031-12-31",
    "2033-12-31",
];

/// The columns of an installed-products file, with one example row:
/// `parent_account`, `owner_account` and `location_account` are the source
/// system's account numbers; dates are `YYYY-MM-DD`; `modality` is MR, CT,
/// US, IXR or other; `kind` hardware or software_license; `status` active
/// or inactive; `strategic_item` true or false. Empty: `udi`,
/// `technical_id`, `functional_location`, the dates and `strategic_item`.
#[utoipa::path(responses(answers::ImportTemplate))]
#[get("/imports/templates/installed-products.csv")]
pub async fn installed_products_template(state: AppData, auth: AuthUser) -> Reply {
    super::template::answer(
        &state,
        &auth,
        (&PRODUCT_COLUMNS, &EXAMPLE),
        "installed-products",
    )
    .await
}

/// The template of `columns` with an example row, to whoever may import.
pub(super) async fn answer(
    state: &AppData,
    auth: &AuthUser,
    (columns, example): (&[&str], &[&str]),
    name: &str,
) -> Reply {
    super::may_import(state, auth).await?;
    Ok(csv_template(columns, example, name))
}

/// A template file: the header and one example row, to save as `name`.
fn csv_template(columns: &[&str], example: &[&str], name: &str) -> HttpResponse {
    let body = format!("{}\n{}\n", columns.join(","), quoted(example));
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}-template.csv\""),
        ))
        .body(body)
}

fn quoted(fields: &[&str]) -> String {
    fields
        .iter()
        .map(|f| {
            if f.contains(',') {
                format!("\"{f}\"")
            } else {
                (*f).to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

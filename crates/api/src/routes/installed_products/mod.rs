pub mod contact_centre;
pub mod get;
pub mod list;
pub mod update_custom_details;

use crate::routes::convert;
use crate::wire::ToWire;
use api_types::{CustomDetailsDto, InstalledProductSummary};
use chrono::NaiveDate;
use domain::CustomDetails;
use persistence::repositories::installed_products::ProductRecord;

crate::routes::handlers! {
    list::list_installed_products,
    get::get_installed_product,
    update_custom_details::update_custom_details,
    contact_centre::get_contact_centre,
}

pub(crate) fn custom_details_dto(d: &CustomDetails) -> CustomDetailsDto {
    let text = |t: &Option<domain::CustomText>| t.as_ref().map(|t| t.as_str().to_owned());
    CustomDetailsDto {
        custom_name: text(&d.custom_name),
        customer_reference: text(&d.customer_reference),
        customer_location: text(&d.customer_location),
    }
}

pub(crate) fn summary(r: ProductRecord, today: NaiveDate) -> InstalledProductSummary {
    let p = &r.product;
    InstalledProductSummary {
        id: p.id.as_uuid(),
        number: p.number.clone(),
        description: r.description,
        serial_number: r.serial_number,
        modality: p.modality.to_wire(),
        product_family: r.product_family,
        kind: p.kind.to_wire(),
        status: p.status.to_wire(),
        operational_state: p.operational_state.to_wire(),
        strategic_item: p.strategic_item,
        custom_name: custom_details_dto(&p.custom_details).custom_name,
        functional_location: r.functional_location,
        owner: convert::account_ref(p.owner_account_id.as_uuid(), &r.owner_name),
        location: convert::account_ref(p.location_account_id.as_uuid(), &r.location_name),
        coverage: convert::coverage(r.coverage_end_date, today),
    }
}

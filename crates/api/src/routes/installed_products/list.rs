use crate::auth::AuthUser;
use crate::routes::convert;
use crate::routes::{AppData, Reply};
use crate::wire::ToDomain;
use actix_web::{get, web, HttpResponse};
use api_types::{InstalledProductPage, InstalledProductQuery, InstalledProductSort, SortOrder};
use domain::AccountId;
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::installed_products::{
    self, ProductFilter, ProductListing, ProductSort,
};

fn sort(s: InstalledProductSort) -> ProductSort {
    match s {
        InstalledProductSort::Number => ProductSort::Number,
        InstalledProductSort::Description => ProductSort::Description,
        InstalledProductSort::Modality => ProductSort::Modality,
        InstalledProductSort::Location => ProductSort::Location,
        InstalledProductSort::CustomName => ProductSort::CustomName,
        InstalledProductSort::OperationalState => ProductSort::OperationalState,
        InstalledProductSort::InstallDate => ProductSort::InstallDate,
        InstalledProductSort::CoverageEnd => ProductSort::CoverageEnd,
    }
}

/// The installed products the caller sees (location or owner account visible),
/// filtered, sorted and paged; `total` counts every match.
#[utoipa::path(
    params(InstalledProductQuery),
    responses((status = 200, body = InstalledProductPage))
)]
#[get("/installed-products")]
pub async fn list_installed_products(
    state: AppData,
    auth: AuthUser,
    query: web::Query<InstalledProductQuery>,
) -> Reply {
    let q = query.into_inner();
    let page = crate::wire::page_request(q.page, q.page_size)?;
    let filter = ProductFilter {
        modality: q.modality.map(ToDomain::to_domain),
        owner_account: q.owner_account.map(AccountId::from_uuid),
        location_account: q.location_account.map(AccountId::from_uuid),
        functional_location: q.functional_location,
        covered: q.covered,
        expiry: q.expiry.map(ToDomain::to_domain),
        operational_state: q.operational_state.map(ToDomain::to_domain),
        strategic_item: q.strategic_item,
        text: q.q,
    };
    let today = convert::today(&state, &auth);
    let listing = ProductListing {
        visibility: AccountVisibility::of(&auth.user),
        filter,
        today,
        sort: sort(q.sort.unwrap_or_default()),
        descending: q.order == Some(SortOrder::Desc),
        page,
    };
    let (records, total) = installed_products::list_visible(&state.db, &listing).await?;
    Ok(HttpResponse::Ok().json(InstalledProductPage {
        items: records
            .into_iter()
            .map(|r| super::summary(r, today))
            .collect(),
        paging: crate::wire::page_info(page, total),
    }))
}

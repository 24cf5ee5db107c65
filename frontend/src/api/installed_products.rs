//! The installed base (`/installed-products`).

use super::http::{Api, Call, Tagged};
use super::Answer;
use crate::query::product_query_pairs;
use api_types::{
    ContactCentreDto, InstalledProductDetail, InstalledProductPage, InstalledProductQuery,
    UpdateCustomDetailsRequest,
};
use std::fmt::Display;

list_endpoints! {
    /// `GET /installed-products`: one page of the visible installed products.
    installed_products(InstalledProductQuery) -> InstalledProductPage =
        INSTALLED_PRODUCTS, product_query_pairs;
}

impl Api {
    /// `GET /installed-products/{id}`: everything about one product, and its `ETag`.
    pub async fn installed_product(
        self,
        id: impl Display,
    ) -> Answer<Tagged<InstalledProductDetail>> {
        self.tagged(Call::get(&installed_product_path(id))).await
    }

    /// `PUT /installed-products/{id}/custom-details` with `If-Match`: 412
    /// when someone else changed the product since `etag` was read.
    pub async fn update_custom_details(
        self,
        id: impl Display,
        etag: Option<&str>,
        request: &UpdateCustomDetailsRequest,
    ) -> Answer<Tagged<InstalledProductDetail>> {
        let call = Call::put(&custom_details_path(id), request)?.header("If-Match", etag);
        self.tagged(call).await
    }

    /// `GET /installed-products/{id}/contact-centre`: where to phone a critical case.
    pub async fn contact_centre(self, installed_product: impl Display) -> Answer<ContactCentreDto> {
        let path = installed_product_path(installed_product);
        self.get(&format!("{path}/contact-centre")).await
    }
}

const INSTALLED_PRODUCTS: &str = "/installed-products";

fn installed_product_path(id: impl Display) -> String {
    format!("{INSTALLED_PRODUCTS}/{id}")
}

fn custom_details_path(id: impl Display) -> String {
    format!("{INSTALLED_PRODUCTS}/{id}/custom-details")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::http::url;

    #[test]
    fn installed_product_paths_embed_the_id() {
        assert_eq!(
            url(&installed_product_path("ab12")),
            "/api/v1/installed-products/ab12"
        );
        assert_eq!(
            url(&custom_details_path("ab12")),
            "/api/v1/installed-products/ab12/custom-details"
        );
    }
}

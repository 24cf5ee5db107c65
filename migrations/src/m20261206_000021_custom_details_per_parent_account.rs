use super::m20261123_000001_create_accounts::Accounts;
use super::m20261124_000006_create_installed_products::InstalledProducts;
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

crate::migration!();

/// A product's custom name, reference and location as one parent account
/// keeps them. A product owned by one customer (a leasing company) and
/// located at another (a hospital) is named by each for itself: one shared
/// row let either set what the other sees.
#[derive(DeriveIden)]
pub enum ProductCustomDetails {
    Table,
    InstalledProductId,
    ParentAccountId,
    CustomName,
    CustomerReference,
    CustomerLocation,
    UpdatedAt,
}

/// Each side keeps what it saw: the location's parent account, and the
/// owner's where that is another one.
const COPY: [&str; 2] = [
    "INSERT INTO product_custom_details \
     (installed_product_id, parent_account_id, custom_name, customer_reference, customer_location, updated_at) \
     SELECT ip.id, l.parent_account_id, ip.custom_name, ip.customer_reference, ip.customer_location, ip.updated_at \
     FROM installed_products ip JOIN accounts l ON l.id = ip.location_account_id \
     WHERE ip.custom_name IS NOT NULL OR ip.customer_reference IS NOT NULL OR ip.customer_location IS NOT NULL",
    "INSERT INTO product_custom_details \
     (installed_product_id, parent_account_id, custom_name, customer_reference, customer_location, updated_at) \
     SELECT ip.id, o.parent_account_id, ip.custom_name, ip.customer_reference, ip.customer_location, ip.updated_at \
     FROM installed_products ip JOIN accounts o ON o.id = ip.owner_account_id \
     JOIN accounts l ON l.id = ip.location_account_id \
     WHERE o.parent_account_id <> l.parent_account_id \
     AND (ip.custom_name IS NOT NULL OR ip.customer_reference IS NOT NULL OR ip.customer_location IS NOT NULL)",
];

/// Going back keeps the location's side, which is what lists showed before.
const COPY_BACK: &str = "UPDATE installed_products SET \
     custom_name = (SELECT d.custom_name FROM product_custom_details d JOIN accounts l ON l.parent_account_id = d.parent_account_id \
       WHERE d.installed_product_id = installed_products.id AND l.id = installed_products.location_account_id), \
     customer_reference = (SELECT d.customer_reference FROM product_custom_details d JOIN accounts l ON l.parent_account_id = d.parent_account_id \
       WHERE d.installed_product_id = installed_products.id AND l.id = installed_products.location_account_id), \
     customer_location = (SELECT d.customer_location FROM product_custom_details d JOIN accounts l ON l.parent_account_id = d.parent_account_id \
       WHERE d.installed_product_id = installed_products.id AND l.id = installed_products.location_account_id)";

async fn up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use ProductCustomDetails as D;
    create_tables(
        manager,
        [Table::create()
            .table(D::Table)
            .owned_by(
                D::InstalledProductId,
                "fk_product_custom_details_product",
                InstalledProducts::Table,
            )
            .owned_by(
                D::ParentAccountId,
                "fk_product_custom_details_parent",
                Accounts::Table,
            )
            .col(string_len_null(D::CustomName, 100))
            .col(string_len_null(D::CustomerReference, 100))
            .col(string_len_null(D::CustomerLocation, 100))
            .col(timestamp_with_time_zone(D::UpdatedAt))
            // One row per product and parent account; lookups come by both.
            .primary_key(
                Index::create()
                    .col(D::InstalledProductId)
                    .col(D::ParentAccountId),
            )],
    )
    .await?;
    execute_all(manager, &COPY).await?;
    drop_columns(
        manager,
        InstalledProducts::Table,
        [
            InstalledProducts::CustomName,
            InstalledProducts::CustomerReference,
            InstalledProducts::CustomerLocation,
        ],
    )
    .await
}

async fn down(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use InstalledProducts as P;
    add_columns(
        manager,
        P::Table,
        [
            string_len_null(P::CustomName, 100),
            string_len_null(P::CustomerReference, 100),
            string_len_null(P::CustomerLocation, 100),
        ],
    )
    .await?;
    execute_all(manager, &[COPY_BACK]).await?;
    drop_table(manager, ProductCustomDetails::Table).await
}

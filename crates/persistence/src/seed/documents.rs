//! Demo documents: a few PDFs on demo products, a case and a visit, so a
//! newcomer's documents page is not empty; and the contract lines that
//! entitle their products to performance reports.

use super::DemoData;
use crate::blobs::BlobStore;
use crate::db::Conn;
use crate::entities::{case, contract_line, planned_event};
use crate::error::{StoreError, StoreResult};
use crate::repositories::documents;
use chrono::{Duration, Utc};
use domain::document::{Document, DocumentKind};
use domain::{AttachmentType, CaseId};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

/// The demo's premium lines include performance reports; the lease does not.
pub(crate) async fn entitle_premium_lines(db: &impl Conn) -> StoreResult<()> {
    contract_line::Entity::update_many()
        .col_expr(contract_line::Column::PerformanceReports, Expr::value(true))
        .filter(contract_line::Column::Description.starts_with("RightFit Premium"))
        .exec(db.raw())
        .await?;
    Ok(())
}

/// A one-page PDF showing `lines`, with a correct cross-reference table.
pub fn simple_pdf(lines: &[&str]) -> Vec<u8> {
    let escape = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)")
    };
    let mut text = String::from("BT /F1 16 Tf 72 770 Td 22 TL\n");
    for line in lines {
        text.push_str(&format!("({}) ' \n", escape(line)));
    }
    text.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{text}endstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

struct DemoDocument {
    kind: DocumentKind,
    product: &'static str,
    on: On,
    file_name: &'static str,
    title: &'static str,
    days_ago: i64,
}

enum On {
    Product,
    FirstCase,
    FirstVisit,
}

const DEMO_DOCUMENTS: [DemoDocument; 6] = [
    DemoDocument {
        kind: DocumentKind::PerformanceReport,
        product: "IP-40010001",
        on: On::Product,
        file_name: "Performance-report-IP-40010001-Q3.pdf",
        title: "Service Performance & Quality Report, Q3",
        days_ago: 60,
    },
    DemoDocument {
        kind: DocumentKind::ProductDocumentation,
        product: "IP-40010001",
        on: On::Product,
        file_name: "Ingenia-Elition-operator-manual.pdf",
        title: "Ingenia Elition 3.0T: operator manual",
        days_ago: 400,
    },
    DemoDocument {
        kind: DocumentKind::ServiceReceipt,
        product: "IP-40010001",
        on: On::FirstCase,
        file_name: "CSR-IP-40010001.pdf",
        title: "Customer Service Receipt",
        days_ago: 20,
    },
    DemoDocument {
        kind: DocumentKind::PreventiveServiceReport,
        product: "IP-40010004",
        on: On::FirstVisit,
        file_name: "PSR-IP-40010004.pdf",
        title: "Preventive Service Report",
        days_ago: 10,
    },
    DemoDocument {
        kind: DocumentKind::ProductDocumentation,
        product: "IP-40010004",
        on: On::Product,
        file_name: "Brilliance-CT-64-site-planning.pdf",
        title: "Brilliance CT 64: site planning guide",
        days_ago: 900,
    },
    // The lease includes no performance reports: customers do not see it.
    DemoDocument {
        kind: DocumentKind::PerformanceReport,
        product: "IP-40010004",
        on: On::Product,
        file_name: "Performance-report-IP-40010004-Q3.pdf",
        title: "Service Performance & Quality Report, Q3",
        days_ago: 60,
    },
];

/// Stores the demo documents' files in `blobs` and their rows.
pub async fn demo_documents(db: &impl Conn, blobs: &BlobStore, demo: &DemoData) -> StoreResult<()> {
    let now = Utc::now();
    let io = |e: std::io::Error| StoreError::Corrupt(format!("demo document file: {e}"));
    for d in DEMO_DOCUMENTS {
        let product = demo.product(d.product).id;
        let (case_id, planned_event_id) = match d.on {
            On::Product => (None, None),
            On::FirstCase => {
                let found = case::Entity::find()
                    .filter(case::Column::InstalledProductId.eq(product.as_uuid()))
                    .order_by_asc(case::Column::CreatedAt)
                    .one(db.raw())
                    .await?;
                match found {
                    Some(c) => (Some(CaseId::from_uuid(c.id)), None),
                    None => continue,
                }
            }
            On::FirstVisit => {
                let found = planned_event::Entity::find()
                    .filter(planned_event::Column::InstalledProductId.eq(product.as_uuid()))
                    .order_by_asc(planned_event::Column::PlannedStart)
                    .one(db.raw())
                    .await?;
                match found {
                    Some(e) => (None, Some(e.id)),
                    None => continue,
                }
            }
        };
        let bytes = simple_pdf(&[d.title, d.product, "csportal demo document"]);
        let mut blob = blobs.begin().await.map_err(io)?;
        blob.write(&bytes).await.map_err(io)?;
        let stored = blob.finish(blobs).await.map_err(io)?;
        let document = Document {
            id: Uuid::now_v7(),
            kind: d.kind,
            installed_product_id: product,
            case_id,
            planned_event_id,
            file: stored.into_file(
                d.file_name.to_owned(),
                AttachmentType::Pdf,
                None,
                "Service".to_owned(),
                now - Duration::days(d.days_ago),
            ),
        };
        documents::insert(db, &document).await?;
    }
    Ok(())
}

//! Customer facing documents: what kinds there are, what each is filed on,
//! and which of them customers see only while a contract entitles them.

use crate::attachment::StoredFile;
use crate::ids::{CaseId, InstalledProductId};

crate::text_enum! {
    pub enum DocumentKind / UnknownDocumentKind {
        /// Customer Service Receipt (CSR), of a case or a visit.
        ServiceReceipt = "service_receipt",
        /// Preventive Service Report (PSR), of a case or a visit.
        PreventiveServiceReport = "preventive_service_report",
        /// Service Performance & Quality Report, of an installed product.
        PerformanceReport = "performance_report",
        /// Manuals and the like, of an installed product.
        ProductDocumentation = "product_documentation",
    }
}

/// What a document is filed on. Its product is always known: a case's or a
/// visit's own, so whoever sees the product sees its documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentHolder {
    Case(CaseId),
    Event(uuid::Uuid),
    Product,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DocumentPlaceError {
    #[error("a service receipt or service report belongs to a case or a visit")]
    ReportNeedsCaseOrVisit,
    #[error("a performance report or product documentation belongs to an installed product")]
    BelongsToProduct,
}

impl DocumentKind {
    /// Whether `holder` is where a document of this kind is filed.
    pub fn check_holder(self, holder: DocumentHolder) -> Result<(), DocumentPlaceError> {
        use DocumentKind::*;
        match (self, holder) {
            (ServiceReceipt | PreventiveServiceReport, DocumentHolder::Product) => {
                Err(DocumentPlaceError::ReportNeedsCaseOrVisit)
            }
            (PerformanceReport | ProductDocumentation, DocumentHolder::Case(_))
            | (PerformanceReport | ProductDocumentation, DocumentHolder::Event(_)) => {
                Err(DocumentPlaceError::BelongsToProduct)
            }
            _ => Ok(()),
        }
    }

    /// Customers see it only while a contract line of its product entitles
    /// them (the service side always does).
    pub fn needs_entitlement(self) -> bool {
        self == DocumentKind::PerformanceReport
    }

    /// A report about work done or measured: its customers are emailed when
    /// it arrives (documentation is not news).
    pub fn is_report(self) -> bool {
        self != DocumentKind::ProductDocumentation
    }
}

/// A document, filed on its product and maybe on a case or a visit of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: uuid::Uuid,
    pub kind: DocumentKind,
    pub installed_product_id: InstalledProductId,
    pub case_id: Option<CaseId>,
    pub planned_event_id: Option<uuid::Uuid>,
    pub file: StoredFile,
}

/// The lines of a zip's manifest: each file's name, size and SHA-256, as
/// `sha256sum` prints them (so `sha256sum -c` checks the unpacked files).
pub fn zip_manifest(files: impl IntoIterator<Item = (impl AsRef<str>, impl AsRef<str>)>) -> String {
    files
        .into_iter()
        .map(|(name, sha256)| format!("{}  {}\n", sha256.as_ref(), name.as_ref()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_of_work_go_on_a_case_or_visit_and_product_papers_on_the_product() {
        let case = DocumentHolder::Case(CaseId::from_uuid(uuid::Uuid::nil()));
        assert!(DocumentKind::ServiceReceipt.check_holder(case).is_ok());
        assert!(DocumentKind::PreventiveServiceReport
            .check_holder(DocumentHolder::Event(uuid::Uuid::nil()))
            .is_ok());
        assert_eq!(
            DocumentKind::ServiceReceipt.check_holder(DocumentHolder::Product),
            Err(DocumentPlaceError::ReportNeedsCaseOrVisit)
        );
        assert_eq!(
            DocumentKind::PerformanceReport.check_holder(case),
            Err(DocumentPlaceError::BelongsToProduct)
        );
        assert!(DocumentKind::ProductDocumentation
            .check_holder(DocumentHolder::Product)
            .is_ok());
    }

    #[test]
    fn only_performance_reports_wait_for_an_entitlement() {
        for kind in DocumentKind::ALL {
            assert_eq!(
                kind.needs_entitlement(),
                *kind == DocumentKind::PerformanceReport
            );
        }
    }

    #[test]
    fn the_manifest_reads_like_sha256sum_output() {
        assert_eq!(
            zip_manifest([("01-a.pdf", "ab"), ("02-b.pdf", "cd")]),
            "ab  01-a.pdf\ncd  02-b.pdf\n"
        );
    }
}

//! Customer facing documents: the service side files them on a case, a
//! visit or a product; customers who see the product read them (a
//! performance report only while a contract entitles it), and hear of a new
//! report by email.

use crate::auth::AuthUser;
use crate::cases::ReceivedFile;
use crate::error::ApiError;
use crate::state::AppState;
use crate::wire::ToWire;
use api_types::DocumentDto;
use domain::document::{Document, DocumentHolder, DocumentKind};
use domain::{authorize, Action, CaseId, InstalledProductId, Language, Target, User};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::audit;
use persistence::repositories::documents::{self, DocumentRecord};

pub fn dto(r: DocumentRecord) -> DocumentDto {
    let d = r.document;
    let download_url = format!("/api/v1/documents/{}/file", d.id);
    DocumentDto {
        id: d.id,
        kind: d.kind.to_wire(),
        installed_product: api_types::ProductRef {
            id: d.installed_product_id.as_uuid(),
            number: r.product_number,
            description: r.product_description,
            custom_name: None,
        },
        case_id: d.case_id.map(|c| c.as_uuid()),
        case_number: r.case_number,
        planned_event_id: d.planned_event_id,
        file_name: d.file.file_name,
        file_type: d.file.file_type.to_wire(),
        size_bytes: d.file.size_bytes,
        sha256: d.file.sha256,
        uploaded_by: d.file.uploaded_by_name,
        uploaded_at: d.file.uploaded_at,
        preview_url: d
            .file
            .file_type
            .previewable()
            .then(|| format!("{download_url}?disposition=inline")),
        download_url,
    }
}

/// Document `id` as the caller sees it, or 404.
pub async fn find(
    state: &AppState,
    auth: &AuthUser,
    id: uuid::Uuid,
) -> Result<DocumentRecord, ApiError> {
    let today = state.clock.now().date_naive();
    documents::find_visible(&state.db, AccountVisibility::of(&auth.user), today, id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Where a document goes, as an upload names it.
#[derive(Debug, Clone, Copy)]
pub struct Destination {
    pub kind: DocumentKind,
    pub case: Option<uuid::Uuid>,
    pub event: Option<uuid::Uuid>,
    pub product: Option<uuid::Uuid>,
}

/// The holder and product of `to`, checked: exactly one of case, visit and
/// product, one the caller sees (404 otherwise), fit for the kind (422).
pub async fn resolve(
    state: &AppState,
    auth: &AuthUser,
    to: Destination,
) -> Result<(DocumentHolder, InstalledProductId), ApiError> {
    let principal = auth.principal(&state.db).await?;
    authorize(&principal, Action::PublishDocuments, Target::Portal)?;
    let (holder, product) = match (to.case, to.event, to.product) {
        (Some(case), None, None) => {
            let case = CaseId::from_uuid(case);
            let row =
                crate::cases::authorized_case(state, auth, case, Action::PublishDocuments).await?;
            (DocumentHolder::Case(case), row.case.installed_product)
        }
        (None, Some(event), None) => {
            let record = crate::planned_events::find(state, auth, event).await?;
            (
                DocumentHolder::Event(event),
                record.event.installed_product_id,
            )
        }
        (None, None, Some(product)) => {
            let product = InstalledProductId::from_uuid(product);
            crate::cases::authorized_product(state, auth, product, Action::PublishDocuments)
                .await?;
            (DocumentHolder::Product, product)
        }
        _ => {
            return Err(ApiError::InvalidQuery(
                "name exactly one of `case_id`, `planned_event_id` and `installed_product_id`"
                    .into(),
            ))
        }
    };
    to.kind.check_holder(holder).map_err(|e| {
        ApiError::Validation(vec![api_types::FieldError {
            field: "kind".into(),
            code: api_types::FieldErrorCode::NotAllowed,
            message: e.to_string(),
        }])
    })?;
    Ok((holder, product))
}

/// Files stored documents on their holder, each audited under the
/// product's customer; the customers who see a new report hear of it in
/// the same transaction (the outbox), so a refused upload tells nobody.
pub(crate) async fn publish(
    state: &AppState,
    by: &User,
    kind: DocumentKind,
    (holder, product): (DocumentHolder, InstalledProductId),
    files: &[ReceivedFile],
) -> Result<Vec<uuid::Uuid>, ApiError> {
    let now = state.clock.now();
    let docs: Vec<Document> = files
        .iter()
        .map(|f| Document {
            // Time-ordered, so files sent together keep their order.
            id: uuid::Uuid::now_v7(),
            kind,
            installed_product_id: product,
            case_id: match holder {
                DocumentHolder::Case(c) => Some(c),
                _ => None,
            },
            planned_event_id: match holder {
                DocumentHolder::Event(e) => Some(e),
                _ => None,
            },
            file: f.sent_by(by, now),
        })
        .collect();
    let today = now.date_naive();
    let readers = if kind.is_report()
        && (!kind.needs_entitlement() || documents::entitled(&state.db, product, today).await?)
    {
        documents::users_seeing_product(&state.db, product).await?
    } else {
        Vec::new()
    };
    let (product_number, parent) = documents::product_facts(&state.db, product)
        .await?
        .ok_or(ApiError::NotFound)?;
    let public_url = state.config.public_url.clone();
    state
        .db
        .transaction(async |tx| {
            for d in &docs {
                documents::insert(tx, d).await?;
                let entry = crate::audit::by(by, "document.add", "document", d.id, now).new_value(
                    serde_json::json!({
                        "kind": d.kind.as_str(),
                        "installed_product": d.installed_product_id.as_uuid(),
                        "case": d.case_id.map(|c| c.as_uuid()),
                        "planned_event": d.planned_event_id,
                        "file_name": d.file.file_name,
                        "size_bytes": d.file.size_bytes,
                        "sha256": d.file.sha256,
                    }),
                );
                audit::append(tx, &entry.by(Some(by.id), Some(parent))).await?;
            }
            for reader in &readers {
                let (subject, body) = new_report_email(
                    reader,
                    kind,
                    (&product_number, product),
                    docs.len(),
                    &public_url,
                );
                crate::mail::queue(tx, reader.email.as_str(), subject, body, now).await?;
            }
            Ok::<_, ApiError>(())
        })
        .await?;
    Ok(docs.iter().map(|d| d.id).collect())
}

fn new_report_email(
    reader: &User,
    kind: DocumentKind,
    (product, product_id): (&str, InstalledProductId),
    count: usize,
    public_url: &str,
) -> (String, String) {
    let link = format!(
        "{}/documents?installed_product={product_id}",
        public_url.trim_end_matches('/')
    );
    match reader.settings.language {
        Language::Nl => {
            let what = match kind {
                DocumentKind::ServiceReceipt => "servicebon",
                DocumentKind::PreventiveServiceReport => "rapport van preventief onderhoud",
                DocumentKind::PerformanceReport => "prestatie- en kwaliteitsrapport",
                DocumentKind::ProductDocumentation => "productdocumentatie",
            };
            let files = if count == 1 {
                "1 bestand".to_owned()
            } else {
                format!("{count} bestanden")
            };
            (
                format!("Nieuw document voor {product}: {what}"),
                format!(
                    "Beste {},\n\nVoor {product} staat een nieuw document klaar in het portaal: \
                     {what} ({files}).\n\nBekijk het op {link}\n",
                    reader.display_name
                ),
            )
        }
        Language::En => {
            let what = match kind {
                DocumentKind::ServiceReceipt => "customer service receipt",
                DocumentKind::PreventiveServiceReport => "preventive service report",
                DocumentKind::PerformanceReport => "service performance & quality report",
                DocumentKind::ProductDocumentation => "product documentation",
            };
            let files = if count == 1 {
                "1 file".to_owned()
            } else {
                format!("{count} files")
            };
            (
                format!("New document for {product}: {what}"),
                format!(
                    "Dear {},\n\nA new document for {product} is waiting in the portal: \
                     {what} ({files}).\n\nSee it at {link}\n",
                    reader.display_name
                ),
            )
        }
    }
}

//! Words only the documents and end-of-life pages use. They load with those
//! pages (in the administration pages' part, routes.rs), not in every first
//! download (see [`LazyTexts`](super::LazyTexts)).

use super::Texts;
use api_types::{DocumentKindDto, MilestoneDto};

lazy_texts! {
    pub struct DocumentTexts, pub static DOCUMENT_TEXTS;
    en {
        documents_intro: "Service receipts, preventive service reports, performance reports and product documentation of the equipment you see.",
        kind_service_receipt: "Service receipt",
        kind_preventive_service_report: "Preventive service report",
        kind_performance_report: "Performance report",
        kind_product_documentation: "Product documentation",
        document_filters_label: "Filter documents",
        apply_document_filters: "Show documents",
        filter_kind: "Kind",
        any_kind: "All kinds",
        filter_from: "Uploaded from",
        filter_to: "Uploaded until",
        range_help: "Days in your time zone, {zone}.",
        product_filter_notice: "Only the documents of {product}",
        product_filter_unknown: "one installed product",
        remove_product_filter: "Show all documents",
        case_filter_notice: "Only the documents of case {case}",
        case_filter_unknown: "one case",
        remove_case_filter: "Show all documents",
        visit_filter_notice: "Only the documents of {visit}",
        visit_filter_unknown: "one planned visit",
        remove_visit_filter: "Show all documents",
        col_select: "Select",
        col_file: "Document",
        col_kind: "Kind",
        col_product: "Installed product",
        col_case: "Case",
        col_uploaded: "Uploaded",
        col_size: "Size",
        col_actions: "Actions",
        decimal_separator: ".",
        documents_loading: "Loading documents…",
        documents_total_one: "1 document",
        documents_total: "{n} documents",
        documents_none: "No documents yet. Service receipts and reports appear here once the service team publishes them.",
        documents_empty: "No documents match these filters. Clear the filters to see all documents.",
        preview: "Preview",
        download: "Download",
        preview_named: "Preview {name}",
        download_named: "Download {name}",
        file_loading: "Loading…",
        close_preview: "Close",
        select_named: "Select {name}",
        select_page: "Select all on this page",
        selected_one: "1 document selected",
        selected_many: "{n} documents selected",
        clear_selection: "Clear selection",
        download_zip: "Download selected as zip",
        zip_loading: "Preparing the zip…",
        zip_limit: "A zip holds at most {n} documents: clear some of the selection.",
        upload_heading: "Upload documents",
        upload_hint: "Published documents are shown to the customers who see the product. Service receipts and preventive service reports go on a case or a planned visit; performance reports and product documentation on an installed product. Customers are emailed about new reports.",
        upload_kind_label: "Kind of document",
        choose_kind: "Choose a kind",
        target_case: "On case {case}",
        target_visit: "On the planned visit of {when}",
        target_product: "On installed product {product}",
        case_label: "Case",
        choose_case: "Choose a case",
        cases_loading: "Loading the product's cases…",
        no_cases: "This installed product has no cases. A report goes on a case, or on a planned visit from the visit's page.",
        files_label: "Files",
        files_help: "PDF, JPEG, PNG or HEIC, up to 25 MB each; at most 10 at once.",
        remove_file: "Remove",
        remove_file_named: "Remove {name}",
        upload_button: "Upload documents",
        uploading: "Uploading… {n}%",
        uploaded_one: "1 document uploaded.",
        uploaded_many: "{n} documents uploaded.",
        show_uploaded: "Show the product's documents",
        error_kind_required: "Choose the kind of document.",
        error_product_required: "Choose an installed product.",
        error_case_required: "Choose a case.",
        error_files_required: "Choose at least one file.",
        error_too_many_files: "Choose at most 10 files at once.",
        error_target: "Choose where the documents go: an installed product, a case or a planned visit.",
        error_not_found: "The installed product, case or visit does not exist, or it is not visible to you.",
        error_kind_place: "This kind of document cannot go there: service receipts and preventive service reports go on a case or a planned visit, performance reports and product documentation on an installed product.",
        eol_intro: "After its end of life a product is no longer sold or updated; after its end of service, parts and repairs stop. Follow a modality or a product to be emailed twelve months ahead.",
        notices_heading: "Notices",
        notices_loading: "Loading notices…",
        notices_none: "No notices yet. Follow a modality or a product to be told twelve months before its dates.",
        unread_one: "1 unread",
        unread_many: "{n} unread",
        all_read: "All read",
        mark_all_read: "Mark all as read",
        marked_read: "Every notice is marked as read.",
        new_notice: "New",
        milestone_end_of_life: "End of life",
        milestone_end_of_service: "End of service",
        eol_products_heading: "Products with end-of-life dates",
        eol_filters_label: "Filter products with end-of-life dates",
        apply_eol_filters: "Show products",
        col_modality: "Modality",
        col_end_of_life: "End of life",
        col_end_of_service: "End of service",
        col_notices: "Notices",
        eol_products_loading: "Loading products…",
        eol_products_total_one: "1 product",
        eol_products_total: "{n} products",
        eol_products_none: "None of your installed products has an end-of-life or end-of-service date yet.",
        eol_products_empty: "No product of this modality has an end-of-life or end-of-service date. Clear the filter to see every product.",
        notify_me: "Notify me",
        notify_me_named: "Notify me about {product}",
        following: "Following",
        not_set: "—",
        subscriptions_heading: "Your subscriptions",
        subscriptions_loading: "Loading subscriptions…",
        subscriptions_none: "You follow no modality or product yet.",
        subscribe_label: "Follow a modality",
        subscribe_help: "You are emailed twelve months before any of its products reaches its end of life or end of service.",
        subscribe_button: "Subscribe",
        every_modality_product: "Every {modality} product",
        since: "since {date}",
        unsubscribe: "Unsubscribe",
        unsubscribe_named: "Unsubscribe from {what}",
        subscribed_new: "Subscribed: you receive end-of-life notices about {what}.",
        subscribed_before: "You already receive end-of-life notices about {what}.",
        unsubscribed: "Unsubscribed: no more notices about {what}.",
        every_modality_lower: "every {modality} product",
        see_subscriptions: "See your subscriptions",
        dismiss: "Dismiss",
    }
    nl {
        documents_intro: "Servicebonnen, rapporten van preventief onderhoud, prestatierapporten en productdocumentatie van de apparatuur die u ziet.",
        kind_service_receipt: "Servicebon",
        kind_preventive_service_report: "Rapport preventief onderhoud",
        kind_performance_report: "Prestatierapport",
        kind_product_documentation: "Productdocumentatie",
        document_filters_label: "Documenten filteren",
        apply_document_filters: "Documenten tonen",
        filter_kind: "Soort",
        any_kind: "Alle soorten",
        filter_from: "Geplaatst vanaf",
        filter_to: "Geplaatst tot en met",
        range_help: "Dagen in uw tijdzone, {zone}.",
        product_filter_notice: "Alleen de documenten van {product}",
        product_filter_unknown: "één geïnstalleerd product",
        remove_product_filter: "Alle documenten tonen",
        case_filter_notice: "Alleen de documenten van melding {case}",
        case_filter_unknown: "één melding",
        remove_case_filter: "Alle documenten tonen",
        visit_filter_notice: "Alleen de documenten van {visit}",
        visit_filter_unknown: "één gepland bezoek",
        remove_visit_filter: "Alle documenten tonen",
        col_select: "Selecteren",
        col_file: "Document",
        col_kind: "Soort",
        col_product: "Geïnstalleerd product",
        col_case: "Melding",
        col_uploaded: "Geplaatst",
        col_size: "Grootte",
        col_actions: "Acties",
        decimal_separator: ",",
        documents_loading: "Documenten worden geladen…",
        documents_total_one: "1 document",
        documents_total: "{n} documenten",
        documents_none: "Nog geen documenten. Servicebonnen en rapporten verschijnen hier zodra de serviceorganisatie ze plaatst.",
        documents_empty: "Geen documenten voldoen aan deze filters. Wis de filters om alle documenten te zien.",
        preview: "Bekijken",
        download: "Downloaden",
        preview_named: "Bekijken: {name}",
        download_named: "Downloaden: {name}",
        file_loading: "Laden…",
        close_preview: "Sluiten",
        select_named: "{name} selecteren",
        select_page: "Alles op deze pagina selecteren",
        selected_one: "1 document geselecteerd",
        selected_many: "{n} documenten geselecteerd",
        clear_selection: "Selectie wissen",
        download_zip: "Selectie downloaden als zip",
        zip_loading: "Zip wordt gemaakt…",
        zip_limit: "Een zip bevat hoogstens {n} documenten: maak de selectie kleiner.",
        upload_heading: "Documenten plaatsen",
        upload_hint: "Geplaatste documenten zijn zichtbaar voor de klanten die het product zien. Servicebonnen en rapporten van preventief onderhoud horen bij een melding of een gepland bezoek; prestatierapporten en productdocumentatie bij een geïnstalleerd product. Klanten krijgen een e-mail over nieuwe rapporten.",
        upload_kind_label: "Soort document",
        choose_kind: "Kies een soort",
        target_case: "Bij melding {case}",
        target_visit: "Bij het geplande bezoek van {when}",
        target_product: "Bij geïnstalleerd product {product}",
        case_label: "Melding",
        choose_case: "Kies een melding",
        cases_loading: "Meldingen van het product worden geladen…",
        no_cases: "Dit geïnstalleerde product heeft geen meldingen. Een rapport hoort bij een melding, of bij een gepland bezoek via de pagina van het bezoek.",
        files_label: "Bestanden",
        files_help: "Pdf, JPEG, PNG of HEIC, elk hoogstens 25 MB; hoogstens 10 tegelijk.",
        remove_file: "Verwijderen",
        remove_file_named: "Verwijderen: {name}",
        upload_button: "Documenten plaatsen",
        uploading: "Bezig met plaatsen… {n}%",
        uploaded_one: "1 document geplaatst.",
        uploaded_many: "{n} documenten geplaatst.",
        show_uploaded: "Documenten van het product tonen",
        error_kind_required: "Kies de soort document.",
        error_product_required: "Kies een geïnstalleerd product.",
        error_case_required: "Kies een melding.",
        error_files_required: "Kies minstens één bestand.",
        error_too_many_files: "Kies hoogstens 10 bestanden tegelijk.",
        error_target: "Kies waar de documenten bij horen: een geïnstalleerd product, een melding of een gepland bezoek.",
        error_not_found: "Het geïnstalleerde product, de melding of het bezoek bestaat niet, of is voor u niet zichtbaar.",
        error_kind_place: "Deze soort document hoort daar niet bij: servicebonnen en rapporten van preventief onderhoud horen bij een melding of een gepland bezoek, prestatierapporten en productdocumentatie bij een geïnstalleerd product.",
        eol_intro: "Na het einde van de levensduur wordt een product niet meer verkocht of bijgewerkt; na het einde van de service stoppen onderdelen en reparaties. Volg een modaliteit of een product om twaalf maanden vooraf een e-mail te krijgen.",
        notices_heading: "Berichten",
        notices_loading: "Berichten worden geladen…",
        notices_none: "Nog geen berichten. Volg een modaliteit of een product om twaalf maanden voor de data bericht te krijgen.",
        unread_one: "1 ongelezen",
        unread_many: "{n} ongelezen",
        all_read: "Alles gelezen",
        mark_all_read: "Alles als gelezen markeren",
        marked_read: "Alle berichten zijn als gelezen gemarkeerd.",
        new_notice: "Nieuw",
        milestone_end_of_life: "Einde levensduur",
        milestone_end_of_service: "Einde service",
        eol_products_heading: "Producten met een einddatum",
        eol_filters_label: "Producten met een einddatum filteren",
        apply_eol_filters: "Producten tonen",
        col_modality: "Modaliteit",
        col_end_of_life: "Einde levensduur",
        col_end_of_service: "Einde service",
        col_notices: "Berichten",
        eol_products_loading: "Producten worden geladen…",
        eol_products_total_one: "1 product",
        eol_products_total: "{n} producten",
        eol_products_none: "Geen van uw geïnstalleerde producten heeft al een datum voor einde levensduur of einde service.",
        eol_products_empty: "Geen product van deze modaliteit heeft een datum voor einde levensduur of einde service. Wis het filter om alle producten te zien.",
        notify_me: "Houd mij op de hoogte",
        notify_me_named: "Houd mij op de hoogte over {product}",
        following: "Gevolgd",
        not_set: "—",
        subscriptions_heading: "Wat u volgt",
        subscriptions_loading: "Abonnementen worden geladen…",
        subscriptions_none: "U volgt nog geen modaliteit of product.",
        subscribe_label: "Een modaliteit volgen",
        subscribe_help: "U krijgt een e-mail twaalf maanden voordat een van de producten het einde van de levensduur of van de service bereikt.",
        subscribe_button: "Abonneren",
        every_modality_product: "Elk {modality}-product",
        since: "sinds {date}",
        unsubscribe: "Opzeggen",
        unsubscribe_named: "Opzeggen: {what}",
        subscribed_new: "Geabonneerd: u krijgt berichten over het einde van de levensduur van {what}.",
        subscribed_before: "U krijgt al berichten over het einde van de levensduur van {what}.",
        unsubscribed: "Opgezegd: geen berichten meer over {what}.",
        every_modality_lower: "elk {modality}-product",
        see_subscriptions: "Bekijk wat u volgt",
        dismiss: "Sluiten",
    }
}

/// Every document kind, in the order the filter and the upload form list them.
pub const DOCUMENT_KINDS: [DocumentKindDto; 4] = [
    DocumentKindDto::ServiceReceipt,
    DocumentKindDto::PreventiveServiceReport,
    DocumentKindDto::PerformanceReport,
    DocumentKindDto::ProductDocumentation,
];

/// The translated name of a document kind.
pub fn document_kind_name(t: &Texts, kind: DocumentKindDto) -> &'static str {
    let d = DOCUMENT_TEXTS.of(t);
    match kind {
        DocumentKindDto::ServiceReceipt => d.kind_service_receipt,
        DocumentKindDto::PreventiveServiceReport => d.kind_preventive_service_report,
        DocumentKindDto::PerformanceReport => d.kind_performance_report,
        DocumentKindDto::ProductDocumentation => d.kind_product_documentation,
    }
}

/// Whether a kind goes on a case or a visit (else on a product).
pub const fn is_report(kind: DocumentKindDto) -> bool {
    matches!(
        kind,
        DocumentKindDto::ServiceReceipt | DocumentKindDto::PreventiveServiceReport
    )
}

/// The translated name of an end-of-life milestone.
pub fn milestone_name(t: &Texts, milestone: MilestoneDto) -> &'static str {
    let d = DOCUMENT_TEXTS.of(t);
    match milestone {
        MilestoneDto::EndOfLife => d.milestone_end_of_life,
        MilestoneDto::EndOfService => d.milestone_end_of_service,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::checks::{assert_distinct, assert_placeholders};
    use crate::i18n::texts;
    use domain::Language;

    #[test]
    fn every_kind_has_its_own_name_in_both_languages() {
        for lang in Language::ALL {
            let t = texts(lang);
            let names: Vec<_> = DOCUMENT_KINDS
                .iter()
                .map(|k| document_kind_name(t, *k))
                .collect();
            assert_distinct(&names);
            assert_ne!(
                milestone_name(t, MilestoneDto::EndOfLife),
                milestone_name(t, MilestoneDto::EndOfService)
            );
        }
        assert!(is_report(DocumentKindDto::ServiceReceipt));
        assert!(!is_report(DocumentKindDto::ProductDocumentation));
    }

    #[test]
    fn a_buttons_name_holds_its_visible_words() {
        // WCAG 2.5.3: speech users say what they see.
        for lang in Language::ALL {
            let d = DOCUMENT_TEXTS.of(texts(lang));
            for (named, shown) in [
                (d.preview_named, d.preview),
                (d.download_named, d.download),
                (d.remove_file_named, d.remove_file),
                (d.notify_me_named, d.notify_me),
                (d.unsubscribe_named, d.unsubscribe),
            ] {
                let name = named.to_lowercase();
                assert!(name.starts_with(&shown.to_lowercase()), "{named} / {shown}");
            }
        }
    }

    #[test]
    fn templates_keep_their_placeholders() {
        for lang in Language::ALL {
            let d = DOCUMENT_TEXTS.of(texts(lang));
            assert_placeholders(&[
                (d.range_help, "zone"),
                (d.product_filter_notice, "product"),
                (d.case_filter_notice, "case"),
                (d.visit_filter_notice, "visit"),
                (d.documents_total, "n"),
                (d.preview_named, "name"),
                (d.download_named, "name"),
                (d.select_named, "name"),
                (d.selected_many, "n"),
                (d.zip_limit, "n"),
                (d.target_case, "case"),
                (d.target_visit, "when"),
                (d.target_product, "product"),
                (d.remove_file_named, "name"),
                (d.uploading, "n"),
                (d.uploaded_many, "n"),
                (d.unread_many, "n"),
                (d.eol_products_total, "n"),
                (d.notify_me_named, "product"),
                (d.every_modality_product, "modality"),
                (d.every_modality_lower, "modality"),
                (d.since, "date"),
                (d.unsubscribe_named, "what"),
                (d.subscribed_new, "what"),
                (d.subscribed_before, "what"),
                (d.unsubscribed, "what"),
            ]);
        }
    }
}

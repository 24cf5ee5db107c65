//! Words only the banner search's list of hits uses. They load with its
//! part (components/search_results.rs), not in every first download (see
//! [`LazyTexts`](super::LazyTexts)).

lazy_texts! {
    pub struct SearchTexts, pub static SEARCH_TEXTS;
    en {
        search_results_label: "Search results",
        search_busy: "Searching…",
        search_no_results: "No results. Try a case, product, serial or contract number.",
        search_kind_case: "Case",
        search_kind_product: "Installed product",
        search_kind_contract: "Contract",
        search_kind_warranty: "Warranty",
        search_gmt: "GMT",
        search_ends: "Ends {date}",
    }
    nl {
        search_results_label: "Zoekresultaten",
        search_busy: "Bezig met zoeken…",
        search_no_results: "Geen resultaten. Probeer een melding-, product-, serie- of contractnummer.",
        search_kind_case: "Melding",
        search_kind_product: "Geïnstalleerd product",
        search_kind_contract: "Contract",
        search_kind_warranty: "Garantie",
        search_gmt: "GMT",
        search_ends: "Loopt af op {date}",
    }
}

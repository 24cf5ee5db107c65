//! The filters the cases list and the service queue share: a case's
//! priority and its product's modality, each a select kept to the URL.

use crate::components::list::{any_then, filter_select, options, select_value, ListPage};
use crate::i18n::case_texts::CASE_TEXTS;
use crate::i18n::{modality_name, priority_text, Texts, MODALITIES, PRIORITIES};
use crate::query::{from_wire, wire_name, ListView};
use api_types::ModalityDto;
use leptos::ev::Event;
use leptos::html;
use leptos::prelude::*;

/// A case's priority (1 to 5) and modality, as a list's query holds them.
pub type PriorityAndModality = (Option<u8>, Option<ModalityDto>);

/// The two selects (node refs, so `Copy`).
#[derive(Clone, Copy)]
pub struct CaseSelects {
    priority: NodeRef<html::Select>,
    modality: NodeRef<html::Select>,
}

impl CaseSelects {
    /// The selects of `list`, showing what `of` reads of the URL's view: on
    /// arrival, and after back, forward or "Clear filters".
    pub fn kept<V: ListView, P: 'static>(
        list: ListPage<V, P>,
        of: fn(&V) -> PriorityAndModality,
    ) -> Self {
        Self {
            priority: list.kept_select(move |v| of(v).0.map(|p| p.to_string()).unwrap_or_default()),
            modality: list.kept_select(move |v| of(v).1.map(|m| wire_name(&m)).unwrap_or_default()),
        }
    }

    /// What the selects say.
    pub fn read(self) -> PriorityAndModality {
        let priority = select_value(self.priority).parse().ok();
        (priority, from_wire(&select_value(self.modality)))
    }

    /// The priority's select (any, or 1 to 5) and the modality's (any, or
    /// MR, CT, ...), to place among a page's other filters.
    pub fn fields(
        self,
        t: &'static Texts,
        on_change: impl Fn(Event) + Clone + 'static,
    ) -> (impl IntoView, impl IntoView) {
        let texts = CASE_TEXTS.of(t);
        let select = |id, label, node, any, choices: AnyView| {
            filter_select(
                "filter",
                id,
                label,
                node,
                on_change.clone(),
                any_then(any, choices),
            )
        };
        let priorities = PRIORITIES.map(|p| (p.to_string(), priority_text(t, p)));
        let modalities = MODALITIES.map(|m| (wire_name(&m), modality_name(t, m)));
        (
            select(
                ("filter-priority", "priority"),
                texts.filter_priority,
                self.priority,
                texts.any_priority,
                options(priorities).into_any(),
            ),
            select(
                ("filter-modality", "modality"),
                t.filter_modality,
                self.modality,
                t.any_modality,
                options(modalities).into_any(),
            ),
        )
    }
}

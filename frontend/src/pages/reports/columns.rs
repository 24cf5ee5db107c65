//! The column chooser: the shown columns in order, dragged to reorder or
//! moved with their buttons (the keyboard's way), and the others to add.

use super::{definition, shown_columns, with_columns, ReportList};
use crate::components::forms::focus_later;
use crate::i18n::fill;
use crate::i18n::report_texts::{ReportTexts, REPORT_TEXTS};
use crate::state::auth::use_auth;
use domain::report::Column;
use domain::Language;
use leptos::ev::DragEvent;
use leptos::prelude::*;

/// A change to the shown columns' keys.
type ColumnsEdit = Box<dyn FnOnce(&mut Vec<String>)>;

/// Moves the item at `from` to `to`, the others keeping their order.
pub fn moved<T>(items: &mut Vec<T>, from: usize, to: usize) {
    if from < items.len() && to < items.len() && from != to {
        let item = items.remove(from);
        items.insert(to, item);
    }
}

#[component]
pub fn ColumnChooser(list: ReportList) -> impl IntoView {
    let auth = use_auth();
    let current = list.current;
    // The place of the column being dragged, while one is.
    let dragging = RwSignal::new(None::<usize>);
    let change = move |edit: ColumnsEdit| {
        list.go(&with_columns(&current.get_untracked(), edit));
    };

    let texts = move || REPORT_TEXTS.of(list.t.get());
    // The `<details>` stays while its lists are drawn anew, so it stays open.
    let summary = move || {
        let count = current.with(|v| shown_columns(v).len());
        fill(texts().columns_summary, &[("n", &count.to_string())])
    };
    let shown_items = move || {
        let (texts, language) = (texts(), auth.language());
        let shown = current.with(shown_columns);
        let count = shown.len();
        shown
            .into_iter()
            .enumerate()
            .map(|(i, column)| shown_item(texts, language, (i, count), column, dragging, change))
            .collect_view()
    };
    let other_items = move || {
        let (texts, language) = (texts(), auth.language());
        let view = current.get();
        let shown = shown_columns(&view);
        definition(view.report)
            .columns
            .iter()
            .filter(|c| !shown.contains(c))
            .map(|column| {
                let key = column.key;
                let label = column.label(language);
                let add = move |_| {
                    change(Box::new(move |keys| keys.push(key.to_owned())));
                    focus_later(format!("column-{key}"));
                };
                view! {
                    <li>
                        <button
                            type="button"
                            class="button-secondary add-column"
                            aria-label=fill(texts.add_column, &[("column", label)])
                            on:click=add
                        >
                            "+ " {label}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <details class="column-chooser">
            <summary>{summary}</summary>
            <p class="field-help">{move || texts().columns_help}</p>
            <ol class="shown-columns">{shown_items}</ol>
            <h3 class="other-columns-heading">{move || texts().other_columns}</h3>
            <ul class="other-columns">{other_items}</ul>
        </details>
    }
}

/// A shown column: draggable, with buttons to move it up, down or away.
fn shown_item(
    texts: &'static ReportTexts,
    language: Language,
    (i, count): (usize, usize),
    column: &'static Column,
    dragging: RwSignal<Option<usize>>,
    change: impl Fn(ColumnsEdit) + Copy + 'static,
) -> impl IntoView {
    let label = column.label(language);
    let named = |template: &str| fill(template, &[("column", label)]);
    let key = column.key;
    // The keyboard's way: the moved column's same button keeps the focus
    // (or the other one, at an end of the list).
    let move_to = move |to: usize, way: &str| {
        change(Box::new(move |keys| moved(keys, i, to)));
        let at_end = (way == "up" && to == 0) || (way == "down" && to + 1 == count);
        let way = match (at_end, way) {
            (true, "up") => "down",
            (true, _) => "up",
            (false, way) => way,
        };
        focus_later(format!("{way}-{key}"));
    };
    let on_drag_start = move |ev: DragEvent| {
        dragging.set(Some(i));
        // Firefox starts a drag only with some data.
        if let Some(data) = ev.data_transfer() {
            let _ = data.set_data("text/plain", label);
        }
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        if let Some(from) = dragging.get_untracked() {
            dragging.set(None);
            change(Box::new(move |keys| moved(keys, from, i)));
        }
    };
    view! {
        <li
            class="shown-column"
            id=format!("column-{key}")
            tabindex="-1"
            class:dragging=move || dragging.get() == Some(i)
            draggable="true"
            on:dragstart=on_drag_start
            on:dragover=|ev: DragEvent| ev.prevent_default()
            on:drop=on_drop
            on:dragend=move |_| dragging.set(None)
        >
            <span class="drag-handle" aria-hidden="true">"⠿"</span>
            <span class="column-name">{label}</span>
            <span class="column-buttons">
                <button type="button" class="icon-button move-up" id=format!("up-{}", column.key)
                    aria-label=named(texts.move_up) disabled=i == 0
                    on:click=move |_| move_to(i - 1, "up")>"↑"</button>
                <button type="button" class="icon-button move-down" id=format!("down-{}", column.key)
                    aria-label=named(texts.move_down) disabled=i + 1 == count
                    on:click=move |_| move_to(i + 1, "down")>"↓"</button>
                <button type="button" class="icon-button remove-column" aria-label=named(texts.remove_column)
                    disabled=count == 1
                    on:click=move |_| change(Box::new(move |keys| { keys.remove(i); }))>"×"</button>
            </span>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::moved;

    #[test]
    fn a_moved_column_takes_the_place_it_is_dropped_on() {
        let mut keys = vec!["a", "b", "c", "d"];
        moved(&mut keys, 0, 2);
        assert_eq!(keys, ["b", "c", "a", "d"]);
        moved(&mut keys, 3, 0);
        assert_eq!(keys, ["d", "b", "c", "a"]);
        moved(&mut keys, 1, 9);
        assert_eq!(keys, ["d", "b", "c", "a"]);
    }
}

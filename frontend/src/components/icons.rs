//! Small line icons, drawn inline (no icon font, nothing fetched). Decorative:
//! hidden from screen readers, since a text label always sits beside them.

use leptos::prelude::*;

/// One stroke of an icon on its 24 × 24 grid.
#[derive(Clone, Copy)]
enum Shape {
    Path(&'static str),
    /// Centre x, y and radius.
    Circle(&'static str, &'static str, &'static str),
    /// x, y, width, height, corner radius.
    Rect(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ),
}

use Shape::{Circle, Path, Rect};

/// The head and shoulders of the people icons.
const PERSON: [Shape; 2] = [
    Circle("9", "8", "3.5"),
    Path("M2.5 20c.5-3.5 3.2-5.5 6.5-5.5s6 2 6.5 5.5"),
];

fn nav_icon(shapes: &'static [Shape]) -> impl IntoView {
    let shapes = shapes
        .iter()
        .map(|shape| match *shape {
            Path(d) => view! { <path d=d></path> }.into_any(),
            Circle(cx, cy, r) => view! { <circle cx=cx cy=cy r=r></circle> }.into_any(),
            Rect(x, y, width, height, rx) => {
                view! { <rect x=x y=y width=width height=height rx=rx></rect> }.into_any()
            }
        })
        .collect_view();
    view! {
        <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            {shapes}
        </svg>
    }
}

#[component]
pub fn HomeIcon() -> impl IntoView {
    nav_icon(&[
        Path("M3 11 12 3.5 21 11"),
        Path("M5.5 9.5V20.5h13V9.5"),
        Path("M10 20.5v-6h4v6"),
    ])
}

#[component]
pub fn DocsIcon() -> impl IntoView {
    nav_icon(&[
        Path("M6 3h8.5L19 7.5V21H6z"),
        Path("M14 3v5h5"),
        Path("M9 13h7M9 17h7"),
    ])
}

#[component]
pub fn ProductsIcon() -> impl IntoView {
    nav_icon(&[Rect("3", "4", "18", "12", "1.5"), Path("M8 20h8M12 16v4")])
}

#[component]
pub fn CasesIcon() -> impl IntoView {
    nav_icon(&[
        Path("M9 3.5h6v3H9z"),
        Path("M9 5H5.5v15.5h13V5H15"),
        Path("M9 11.5h6M9 15.5h4"),
    ])
}

#[component]
pub fn ContractsIcon() -> impl IntoView {
    nav_icon(&[
        Path("M12 3 4.5 6v5.5c0 4.5 3.2 8.2 7.5 9.5 4.3-1.3 7.5-5 7.5-9.5V6z"),
        Path("m8.5 12 2.5 2.5 4.5-5"),
    ])
}

#[component]
pub fn UsersIcon() -> impl IntoView {
    const SHAPES: [Shape; 3] = [
        PERSON[0],
        PERSON[1],
        Path("M15.5 4.8a3.5 3.5 0 0 1 0 6.4M18 14.8c2 .8 3.2 2.6 3.5 5.2"),
    ];
    nav_icon(&SHAPES)
}

#[component]
pub fn SecurityLogIcon() -> impl IntoView {
    nav_icon(&[
        Rect("5", "10.5", "14", "10", "1.5"),
        Path("M8.5 10.5V7.5a3.5 3.5 0 0 1 7 0v3"),
        Path("M12 14.5v2.5"),
    ])
}

#[component]
pub fn AccessRequestsIcon() -> impl IntoView {
    const SHAPES: [Shape; 3] = [PERSON[0], PERSON[1], Path("M18.5 7.5v6M15.5 10.5h6")];
    nav_icon(&SHAPES)
}

/// The service queue: a clock (how long each customer has waited).
#[component]
pub fn QueueIcon() -> impl IntoView {
    nav_icon(&[Circle("12", "12", "9"), Path("M12 7v5l3 2")])
}

/// Importing data: a tray with an arrow into it.
#[component]
pub fn ImportIcon() -> impl IntoView {
    nav_icon(&[
        Path("M12 3.5v11M7.5 10l4.5 4.5 4.5-4.5"),
        Path("M4 15v5.5h16V15"),
    ])
}

/// The account tree: an organisation above its sites.
#[component]
pub fn AccountsIcon() -> impl IntoView {
    nav_icon(&[
        Rect("8.5", "3", "7", "5", "1"),
        Rect("3", "16", "7", "5", "1"),
        Rect("14", "16", "7", "5", "1"),
        Path("M12 8v4M6.5 16v-4h11v4"),
    ])
}

/// The calendar of planned service events: a page of a calendar.
#[component]
pub fn CalendarIcon() -> impl IntoView {
    nav_icon(&[
        Rect("3.5", "5", "17", "15.5", "1.5"),
        Path("M3.5 10h17M8 3v4M16 3v4"),
        Path("M7.5 14h2M11 14h2M14.5 14h2M7.5 17.5h2M11 17.5h2"),
    ])
}

/// Customer facing documents: a folder.
#[component]
pub fn DocumentsIcon() -> impl IntoView {
    nav_icon(&[
        Path("M3 6.5A1.5 1.5 0 0 1 4.5 5H9l2 2.5h8.5A1.5 1.5 0 0 1 21 9v9.5a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18.5z"),
        Path("M3 11h18"),
    ])
}

/// Reports: bars of a chart.
#[component]
pub fn ReportsIcon() -> impl IntoView {
    nav_icon(&[
        Path("M3.5 20.5h17"),
        Rect("5", "11", "3.5", "7.5", "0.5"),
        Rect("10.25", "6", "3.5", "12.5", "0.5"),
        Rect("15.5", "13.5", "3.5", "5", "0.5"),
    ])
}

/// End of life: an hourglass.
#[component]
pub fn EndOfLifeIcon() -> impl IntoView {
    nav_icon(&[
        Path("M6.5 3.5h11M6.5 20.5h11"),
        Path("M8 3.5v3.5l4 5 4-5V3.5M8 20.5V17l4-5 4 5v3.5"),
    ])
}

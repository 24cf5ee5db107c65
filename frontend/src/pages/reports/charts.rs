//! The Reports page's charts: cases per month by priority, uptime by
//! modality, contracts by expiry. Each is an SVG drawn here (a chart library
//! would cost the download more than these few shapes), with its figures as
//! a table too (ux.md: charts have a table alternative) and buttons that save
//! it as an SVG or PNG file.
//!
//! The SVG carries its colours and fonts as attributes, not as page CSS: a
//! saved file then looks the same on its own, and the CSP allows no inline
//! styles anyway. Its `viewBox` scales it to the page's width; the drawing is
//! narrower on a phone so that its text stays readable there.

use crate::components::download::{fetch_button, fetch_error_view, save_blob, ObjectUrl};
use crate::components::viewport::use_narrow;
use crate::format::{date_in_zone, format_date, Dates};
use crate::i18n::chart_texts::{ChartTexts, CHART_TEXTS};
use crate::i18n::{count_text, expiry_label, fill, modality_name, Texts, EXPIRIES};
use crate::state::auth::{use_auth, use_texts};
use api_types::{
    CasesInMonth, ExpiryCounts, ExpiryStatusDto, ModalityUptime, ReportChartsResponse,
};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlImageElement};

/// The drawing's width in SVG units on a phone and on a wider screen.
const NARROW_WIDTH: f64 = 360.0;
const WIDE_WIDTH: f64 = 640.0;
const FONT: f64 = 13.0;
/// A line of text.
const LINE: f64 = 17.0;
/// Lowers a baseline so that the text centres on a y coordinate (not
/// `dominant-baseline`: image viewers differ on it).
const MIDDLE: f64 = FONT * 0.35;
/// A character's average width, of `FONT`: generous for the system sans
/// fonts, so that a label judged to fit does.
const CHAR_WIDTH: f64 = 0.6;
const PAD: f64 = 8.0;
/// The cases chart's bars at their tallest.
const PLOT_HEIGHT: f64 = 180.0;
/// A horizontal bar's thickness, and a row of them: label line, bar, gap.
const BAR_HEIGHT: f64 = 18.0;
const ROW: f64 = LINE + 4.0 + BAR_HEIGHT + 12.0;
const LEGEND_SWATCH: f64 = 12.0;
/// Pixels per SVG unit in a saved PNG: sharp on high-density screens.
const PNG_SCALE: f64 = 2.0;

/// style.css's `--font`, `--text`, `--text-muted`, `--border`, `--surface`
/// and `--accent`: a saved file has no page CSS to read them from.
const FONT_FAMILY: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', \
Arial, 'Noto Sans', 'Liberation Sans', sans-serif";
const TEXT: &str = "#1b2127";
const MUTED: &str = "#4b5661";
const GRID: &str = "#d3d9df";
const BACKGROUND: &str = "#ffffff";
const ACCENT: &str = "#005f87";

/// Priority 1 to 5: the fill, and the colour of a count written on it
/// (4.5:1 or better). Neighbours in a stack differ in lightness, not only in
/// hue, for readers who cannot tell the hues apart; white lines part them too.
const PRIORITY_COLOURS: [(&str, &str); 5] = [
    ("#8c0d19", "#ffffff"),
    ("#d55e00", "#000000"),
    ("#f2b53a", "#000000"),
    ("#0072b2", "#ffffff"),
    ("#a3adb8", "#000000"),
];

/// The reports' charts for `charts` (the server's figures), each an SVG with a table alternative and PNG/SVG export.
#[component]
pub fn ReportCharts(charts: ReportChartsResponse) -> impl IntoView {
    let (t, auth, narrow) = (use_texts(), use_auth(), use_narrow());
    view! {
        <div class="charts">
            {move || {
                let (t, dates) = (t.get(), auth.dates());
                // The SVG scales to its box: drawn narrower on a phone, its
                // text is not shrunk below reading size there.
                let width = if narrow.get() { NARROW_WIDTH } else { WIDE_WIDTH };
                view! {
                    {cases_figure(t, &charts.cases_per_month, width)}
                    {uptime_figure(t, &charts, &dates, width)}
                    {expiry_figure(t, &charts.contracts_by_expiry, width)}
                }
            }}
        </div>
    }
}

/// What a chart's figure shows besides its drawing and table.
struct Figure {
    /// Names the SVG's element ids and the saved files.
    id: &'static str,
    title: &'static str,
    /// The summary a screen reader reads for the SVG.
    desc: String,
    /// A line under the title, if any.
    note: Option<String>,
    /// The drawing's width and height in SVG units.
    size: (f64, f64),
}

/// A chart: title, the SVG (`body` drawn on white), export buttons, and
/// the same figures as a table (closed: the SVG's summary tells the gist).
fn figure(c: &'static ChartTexts, f: Figure, body: AnyView, table: AnyView) -> AnyView {
    let Figure {
        id,
        title,
        desc,
        note,
        size: (width, height),
    } = f;
    view! {
        <figure class="chart">
            <figcaption class="chart-title">{title}</figcaption>
            {note.map(|note| view! { <p class="chart-note">{note}</p> })}
            <svg
                id=format!("{id}-svg")
                class="chart-svg"
                role="img"
                aria-labelledby=format!("{id}-title {id}-desc")
                viewBox=format!("0 0 {} {}", num(width), num(height))
                width="100%"
                font-family=FONT_FAMILY
                font-size=num(FONT)
                fill=TEXT
            >
                {svg_title(id, title)}
                <desc id=format!("{id}-desc")>{desc}</desc>
                <rect width=num(width) height=num(height) fill=BACKGROUND></rect>
                {body}
            </svg>
            {export_buttons(c, id, title)}
            <details class="chart-table">
                <summary>{c.show_table}</summary>
                {table}
            </details>
        </figure>
    }
    .into_any()
}

/// The SVG's `<title>`. Not in `view!`: with more than one child the macro
/// forgets that it is inside an `<svg>` and makes an HTML `<title>`, which
/// names nothing.
fn svg_title(id: &str, title: &'static str) -> impl IntoView {
    leptos::svg::title().id(format!("{id}-title")).child(title)
}

/// A chart with nothing to draw: its title and why.
fn empty_figure(title: &'static str, text: &'static str) -> AnyView {
    view! {
        <figure class="chart">
            <figcaption class="chart-title">{title}</figcaption>
            <p class="empty-state">{text}</p>
        </figure>
    }
    .into_any()
}

/// "Download SVG" and "Download PNG" for the chart `id`, and why saving
/// failed when it did. Several charts share the page: the accessible names
/// say which chart a button saves.
fn export_buttons(c: &'static ChartTexts, id: &'static str, title: &'static str) -> impl IntoView {
    let error = RwSignal::new(String::new());
    let button = move |label: &'static str, png: bool| {
        let name = fill(c.download_label, &[("button", label), ("chart", title)]);
        fetch_button(
            "button-secondary".to_owned(),
            Some(name),
            (label, c.preparing),
            move || async move {
                let saved = if png {
                    save_png(id).await
                } else {
                    save_svg(id)
                };
                let message = if saved.is_some() { "" } else { c.export_failed };
                error.try_set(message.to_owned());
            },
        )
    };
    view! {
        <div class="button-row chart-export">
            {button(c.download_svg, false)}
            {button(c.download_png, true)}
        </div>
        {fetch_error_view(error)}
    }
}

// ---------------------------------------------------------------------------
// Cases per month by priority: stacked vertical bars.

/// Where the cases chart's parts go.
struct CasesLayout {
    /// Each priority's legend entry, from the drawing's top left.
    legend: Vec<(f64, f64)>,
    scale: YScale,
    ticks: Vec<u64>,
    /// The plot's left edge (the tick labels are left of it) and right edge.
    left: f64,
    right: f64,
    /// The width per month, and its bar's.
    slot: f64,
    bar_width: f64,
    height: f64,
}

impl CasesLayout {
    fn new(c: &ChartTexts, months: &[CasesInMonth], width: f64) -> Self {
        let widths: Vec<f64> = (1..=5)
            .map(|p| LEGEND_SWATCH + 5.0 + text_width(&priority_label(c, p)) + 14.0)
            .collect();
        let (legend, legend_height) = flow(&widths, width - 2.0 * PAD);
        let ticks = nice_ticks(months.iter().map(month_total).max().unwrap_or(0), 4);
        let widest_tick = ticks
            .iter()
            .map(|t| text_width(&t.to_string()))
            .fold(0.0, f64::max);
        let left = PAD + widest_tick + 6.0;
        let right = width - PAD;
        // A line over the plot for the total above the tallest bar.
        let plot_top = PAD + legend_height + LINE;
        let slot = (right - left) / months.len().max(1) as f64;
        Self {
            legend,
            scale: YScale {
                top: ticks.last().copied().unwrap_or(1),
                plot_top,
                plot_height: PLOT_HEIGHT,
            },
            ticks,
            left,
            right,
            slot,
            bar_width: (slot * 0.7).min(48.0),
            height: plot_top + PLOT_HEIGHT + 6.0 + 2.0 * LINE + PAD,
        }
    }

    /// The x coordinate of the middle of month `index`'s bar.
    fn centre(&self, index: usize) -> f64 {
        self.left + self.slot * (index as f64 + 0.5)
    }
}

fn cases_figure(t: &'static Texts, months: &[CasesInMonth], width: f64) -> AnyView {
    let c = CHART_TEXTS.of(t);
    if months.is_empty() {
        return empty_figure(c.cases_title, c.cases_empty);
    }
    let layout = CasesLayout::new(c, months, width);
    let f = Figure {
        id: "cases-per-month",
        title: c.cases_title,
        desc: cases_desc(c, months),
        note: None,
        size: (width, layout.height),
    };
    let bars = months
        .iter()
        .enumerate()
        .map(|(index, month)| month_bar(&layout, index, month))
        .collect_view();
    let body = view! {
        {legend(c, &layout.legend)}
        {y_axis(&layout)}
        {bars}
        {month_labels(c, months, &layout)}
    };
    figure(c, f, body.into_any(), cases_table(c, months))
}

/// The legend: a swatch and "Priority n" for each priority.
fn legend(c: &ChartTexts, places: &[(f64, f64)]) -> impl IntoView {
    places
        .iter()
        .enumerate()
        .map(|(index, &(x, y))| {
            let (x, y) = (PAD + x, PAD + y);
            let swatch = LEGEND_SWATCH;
            view! {
                <rect x=num(x) y=num(y + 2.0) width=num(swatch) height=num(swatch) fill=priority_colour(index).0></rect>
                <text x=num(x + swatch + 5.0) y=num(y + 8.0 + MIDDLE)>{priority_label(c, index + 1)}</text>
            }
        })
        .collect_view()
}

/// Gridlines at the ticks, labelled on the left; the baseline darker.
fn y_axis(l: &CasesLayout) -> impl IntoView {
    l.ticks
        .iter()
        .map(|&tick| {
            let y = l.scale.y(tick);
            let stroke = if tick == 0 { MUTED } else { GRID };
            view! {
                <line x1=num(l.left) x2=num(l.right) y1=num(y) y2=num(y) stroke=stroke stroke-width="1"></line>
                <text x=num(l.left - 6.0) y=num(y + MIDDLE) text-anchor="end" fill=MUTED>{tick.to_string()}</text>
            }
        })
        .collect_view()
}

/// A month's stacked bar, each count written in its segment where it fits,
/// and the month's total above the bar where that fits.
fn month_bar(l: &CasesLayout, index: usize, month: &CasesInMonth) -> impl IntoView {
    let (centre, bar_width) = (l.centre(index), l.bar_width);
    let segments = stack(&month.by_priority, &l.scale)
        .into_iter()
        .map(|s| {
            let (colour, ink) = priority_colour(s.priority);
            let count = s.count.to_string();
            let label = (s.height >= FONT + 2.0 && text_width(&count) + 4.0 <= bar_width).then(|| {
                view! {
                    <text x=num(centre) y=num(s.top + s.height / 2.0 + MIDDLE) text-anchor="middle" fill=ink>
                        {count}
                    </text>
                }
            });
            view! {
                <rect
                    x=num(centre - bar_width / 2.0)
                    y=num(s.top)
                    width=num(bar_width)
                    height=num(s.height)
                    fill=colour
                    stroke=BACKGROUND
                    stroke-width="1"
                ></rect>
                {label}
            }
        })
        .collect_view();
    let total = month_total(month);
    let total_label = (total > 0 && text_width(&total.to_string()) <= l.slot).then(|| {
        view! {
            <text x=num(centre) y=num(l.scale.y(total) - 4.0) text-anchor="middle" font-weight="600">
                {total.to_string()}
            </text>
        }
    });
    view! { <g>{segments}{total_label}</g> }
}

/// The month names under the bars, with the year under them where it starts.
fn month_labels(c: &ChartTexts, months: &[CasesInMonth], l: &CasesLayout) -> impl IntoView {
    let keys: Vec<&str> = months.iter().map(|m| m.month.as_str()).collect();
    let baseline = l.scale.plot_top + PLOT_HEIGHT + 6.0 + FONT;
    month_axis(c.month_abbreviations, &keys, l.slot)
        .into_iter()
        .map(|label| {
            let x = num(l.centre(label.index));
            let year = label.year.map(|year| {
                view! {
                    <text x=x.clone() y=num(baseline + LINE) text-anchor="middle" fill=MUTED>{year}</text>
                }
            });
            view! {
                <text x=x.clone() y=num(baseline) text-anchor="middle">{label.month}</text>
                {year}
            }
        })
        .collect_view()
}

/// Month, the five priorities and the total; a row of totals at the foot.
fn cases_table(c: &ChartTexts, months: &[CasesInMonth]) -> AnyView {
    let figures = |counts: [u64; 5]| {
        let total: u64 = counts.iter().sum();
        counts
            .iter()
            .chain([&total])
            .map(u64::to_string)
            .collect::<Vec<_>>()
    };
    let heads = (1..=5)
        .map(|p| priority_label(c, p))
        .chain([c.total_col.to_owned()])
        .collect();
    let rows = months
        .iter()
        .map(|m| (month_name(c.month_names, &m.month), figures(m.by_priority)))
        .collect();
    let totals = figures(priority_totals(months));
    chart_table(c, c.cases_title, (c.month_col, heads), rows, Some(totals))
}

/// A row of a chart's table: its name, and its figures.
type TableRow = (String, Vec<String>);

/// A chart's figures as a table (`caption`: the chart's title): `heads`
/// (the names' column, the figures' columns) over the `rows`, and a row of
/// `totals` at the foot if there is one.
fn chart_table(
    c: &ChartTexts,
    caption: &'static str,
    (first, heads): (&'static str, Vec<String>),
    rows: Vec<TableRow>,
    totals: Option<Vec<String>>,
) -> AnyView {
    let figures = |cells: Vec<String>| {
        cells
            .into_iter()
            .map(|n| view! { <td class="numeric">{n}</td> })
            .collect_view()
    };
    let heads = heads
        .into_iter()
        .map(|head| view! { <th scope="col" class="numeric">{head}</th> })
        .collect_view();
    let rows = rows
        .into_iter()
        .map(|(name, cells)| view! { <tr><th scope="row">{name}</th>{figures(cells)}</tr> })
        .collect_view();
    let totals = totals.map(|cells| {
        view! {
            <tfoot>
                <tr>
                    <th scope="row">{c.total_col}</th>
                    {figures(cells)}
                </tr>
            </tfoot>
        }
    });
    view! {
        <div class="table-scroll">
            <table class="data-table chart-data">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{first}</th>
                        {heads}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                {totals}
            </table>
        </div>
    }
    .into_any()
}

/// "37 cases opened from January 2026 to December 2026, the most in March
/// 2026 (8). Priority 1: 2, …".
fn cases_desc(c: &ChartTexts, months: &[CasesInMonth]) -> String {
    let name = |m: Option<&CasesInMonth>| {
        m.map(|m| month_name(c.month_names, &m.month))
            .unwrap_or_default()
    };
    let (first, last) = (name(months.first()), name(months.last()));
    let sums = priority_totals(months);
    let total: u64 = sums.iter().sum();
    if total == 0 {
        return fill(c.cases_desc_none, &[("first", &first), ("last", &last)]);
    }
    let peak = months.iter().rev().max_by_key(|m| month_total(m));
    let by_priority = sums
        .iter()
        .enumerate()
        .map(|(index, n)| {
            let label = priority_label(c, index + 1);
            fill(
                c.label_value,
                &[("label", &label), ("value", &n.to_string())],
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    fill(
        c.cases_desc,
        &[
            ("cases", &count_text(c.cases_one, c.cases_many, total)),
            ("first", &first),
            ("last", &last),
            ("peak", &name(peak)),
            (
                "peak_count",
                &peak.map(month_total).unwrap_or(0).to_string(),
            ),
            ("by_priority", &by_priority),
        ],
    )
}

// ---------------------------------------------------------------------------
// Uptime by modality and contracts by expiry: horizontal bars.

/// A horizontal bar: its label and value on a line above it.
struct HBar {
    label: String,
    value: String,
    /// Of the plot's width, 0 to 1.
    share: f64,
    colour: &'static str,
}

/// "label: value; …" of the `bars`, for the summary a screen reader reads.
fn bars_list(c: &ChartTexts, bars: &[HBar]) -> String {
    bars.iter()
        .map(|b| fill(c.label_value, &[("label", &b.label), ("value", &b.value)]))
        .collect::<Vec<_>>()
        .join("; ")
}

fn uptime_figure(
    t: &'static Texts,
    charts: &ReportChartsResponse,
    dates: &Dates,
    width: f64,
) -> AnyView {
    let c = CHART_TEXTS.of(t);
    let uptimes = &charts.uptime_by_modality;
    if uptimes.is_empty() {
        return empty_figure(c.uptime_title, c.uptime_empty);
    }
    let (from, to) = (day(charts.uptime_from, dates), day(charts.uptime_to, dates));
    let period = [("from", from.as_str()), ("to", to.as_str())];
    let bars: Vec<HBar> = uptimes
        .iter()
        .map(|m| HBar {
            label: format!(
                "{} · {}",
                modality_name(t, m.modality),
                products_text(t, m.products)
            ),
            value: percent(c, m.uptime),
            share: m.uptime,
            colour: ACCENT,
        })
        .collect();
    let list = bars_list(c, &bars);
    let ticks = [0u32, 25, 50, 75, 100].map(|p| {
        (
            f64::from(p) / 100.0,
            fill(c.percent, &[("n", &p.to_string())]),
        )
    });
    let f = Figure {
        id: "uptime-by-modality",
        title: c.uptime_title,
        desc: fill(c.uptime_desc, &[period[0], period[1], ("list", &list)]),
        note: Some(fill(c.uptime_note, &period)),
        size: (width, hbar_height(bars.len())),
    };
    let body = hbar_body(&bars, &ticks, width).into_any();
    figure(c, f, body, uptime_table(t, c, uptimes))
}

fn uptime_table(t: &Texts, c: &ChartTexts, uptimes: &[ModalityUptime]) -> AnyView {
    let rows = uptimes
        .iter()
        .map(|m| {
            let figures = vec![m.products.to_string(), percent(c, m.uptime)];
            (modality_name(t, m.modality).to_owned(), figures)
        })
        .collect();
    let heads = vec![c.products_col.to_owned(), c.uptime_col.to_owned()];
    chart_table(c, c.uptime_title, (c.modality_col, heads), rows, None)
}

fn expiry_figure(t: &'static Texts, counts: &ExpiryCounts, width: f64) -> AnyView {
    let c = CHART_TEXTS.of(t);
    let rows = EXPIRIES.map(|e| (e, counts.of(e)));
    let ticks = nice_ticks(rows.iter().map(|r| r.1).max().unwrap_or(0), 4);
    let top = ticks.last().copied().unwrap_or(1).max(1) as f64;
    let bars: Vec<HBar> = rows
        .iter()
        .map(|&(e, n)| HBar {
            label: expiry_label(t, e).to_owned(),
            value: n.to_string(),
            share: n as f64 / top,
            colour: expiry_colour(e),
        })
        .collect();
    let ticks: Vec<(f64, String)> = ticks
        .iter()
        .map(|&v| (v as f64 / top, v.to_string()))
        .collect();
    let list = bars_list(c, &bars);
    let total = rows.iter().map(|r| r.1).sum();
    let contracts = count_text(t.contracts_total_one, t.contracts_total, total);
    let f = Figure {
        id: "contracts-by-expiry",
        title: c.expiry_title,
        desc: fill(c.expiry_desc, &[("contracts", &contracts), ("list", &list)]),
        note: None,
        size: (width, hbar_height(bars.len())),
    };
    let body = hbar_body(&bars, &ticks, width).into_any();
    figure(c, f, body, expiry_table(t, c, &rows, total))
}

fn expiry_table(t: &Texts, c: &ChartTexts, rows: &[(ExpiryStatusDto, u64)], total: u64) -> AnyView {
    let rows = rows
        .iter()
        .map(|&(e, n)| (expiry_label(t, e).to_owned(), vec![n.to_string()]))
        .collect();
    let heads = (c.expiry_col, vec![c.contracts_col.to_owned()]);
    chart_table(
        c,
        c.expiry_title,
        heads,
        rows,
        Some(vec![total.to_string()]),
    )
}

/// Rows of bars, each under its label and value (the value right-aligned,
/// so that it never runs into a long bar); short gridlines at `ticks`
/// (share of the width, label) across each bar, labelled under the last.
fn hbar_body(bars: &[HBar], ticks: &[(f64, String)], width: f64) -> impl IntoView {
    let plot = width - 2.0 * PAD;
    let grid = (0..bars.len())
        .flat_map(|row| ticks.iter().map(move |(share, _)| (row, *share)))
        .map(|(row, share)| {
            let x = num(PAD + share * plot);
            let top = bar_top(row);
            view! {
                <line x1=x.clone() x2=x y1=num(top - 3.0) y2=num(top + BAR_HEIGHT + 3.0) stroke=GRID stroke-width="1"></line>
            }
        })
        .collect_view();
    let axis_y = hbar_axis_y(bars.len()) + FONT;
    let tick_labels = ticks
        .iter()
        .map(|(share, label)| {
            view! {
                <text x=num(PAD + share * plot) y=num(axis_y) text-anchor=tick_anchor(*share) fill=MUTED>
                    {label.clone()}
                </text>
            }
        })
        .collect_view();
    let rows = bars
        .iter()
        .enumerate()
        .map(|(row, bar)| {
            let (label_y, top) = (row_top(row) + FONT, bar_top(row));
            view! {
                <text x=num(PAD) y=num(label_y)>{bar.label.clone()}</text>
                <text x=num(PAD + plot) y=num(label_y) text-anchor="end" font-weight="600">{bar.value.clone()}</text>
                <rect x=num(PAD) y=num(top) width=num(bar_length(bar.share, plot)) height=num(BAR_HEIGHT) fill=bar.colour></rect>
            }
        })
        .collect_view();
    view! { {grid} {tick_labels} {rows} }
}

fn row_top(row: usize) -> f64 {
    PAD + row as f64 * ROW
}

fn bar_top(row: usize) -> f64 {
    row_top(row) + LINE + 4.0
}

/// The top of the tick labels under `rows` rows of bars.
fn hbar_axis_y(rows: usize) -> f64 {
    bar_top(rows.saturating_sub(1)) + BAR_HEIGHT + 6.0
}

fn hbar_height(rows: usize) -> f64 {
    hbar_axis_y(rows) + LINE + PAD
}

/// A tick label's `text-anchor`: at the plot's ends it stays inside the drawing.
fn tick_anchor(share: f64) -> &'static str {
    if share <= 0.0 {
        "start"
    } else if share >= 1.0 {
        "end"
    } else {
        "middle"
    }
}

// ---------------------------------------------------------------------------
// Scales, ticks, labels: the drawing's arithmetic, kept pure to be tested.

/// Ticks from 0 covering `max`, `target` steps or a few fewer, each step 1,
/// 2 or 5 times a power of ten: numbers a reader takes in at a glance.
fn nice_ticks(max: u64, target: u64) -> Vec<u64> {
    let target = target.max(1);
    let mut magnitude: u64 = 1;
    let step = loop {
        if let Some(step) = [1, 2, 5]
            .into_iter()
            .map(|m: u64| m.saturating_mul(magnitude))
            .find(|step| step.saturating_mul(target) >= max)
        {
            break step;
        }
        magnitude = magnitude.saturating_mul(10);
    };
    // At least one step, so that an empty chart still has a scale.
    let steps = max.div_ceil(step).max(1);
    (0..=steps).map(|i| i.saturating_mul(step)).collect()
}

/// Maps a count to the y coordinate of the cases plot.
struct YScale {
    /// The count at the plot's top (the highest tick).
    top: u64,
    plot_top: f64,
    plot_height: f64,
}

impl YScale {
    fn y(&self, value: u64) -> f64 {
        let share = (value as f64 / self.top.max(1) as f64).min(1.0);
        self.plot_top + self.plot_height * (1.0 - share)
    }
}

/// A priority's part of a month's bar.
#[derive(Debug, PartialEq)]
struct Segment {
    /// 0 for priority 1.
    priority: usize,
    top: f64,
    height: f64,
    count: u64,
}

/// A month's bar from the bottom up, priority 1 first (the most urgent on
/// the baseline, where it is easiest to compare); priorities without cases
/// have no segment.
fn stack(by_priority: &[u64; 5], scale: &YScale) -> Vec<Segment> {
    let mut below = 0;
    by_priority
        .iter()
        .enumerate()
        .filter(|(_, count)| **count > 0)
        .map(|(priority, &count)| {
            let (bottom, top) = (scale.y(below), scale.y(below + count));
            below += count;
            Segment {
                priority,
                top,
                height: bottom - top,
                count,
            }
        })
        .collect()
}

/// A bar's length on a plot `plot` wide; a share above nothing shows at
/// least as a sliver, so that it does not read as zero.
fn bar_length(share: f64, plot: f64) -> f64 {
    if share.is_nan() || share <= 0.0 {
        return 0.0;
    }
    (share.min(1.0) * plot).max(1.5)
}

/// Places items `widths` wide left to right, wrapping before `available`:
/// each one's top left, and the height of the lines used.
fn flow(widths: &[f64], available: f64) -> (Vec<(f64, f64)>, f64) {
    let (mut x, mut y) = (0.0, 0.0);
    let mut places = Vec::with_capacity(widths.len());
    for &width in widths {
        if x > 0.0 && x + width > available {
            (x, y) = (0.0, y + LINE);
        }
        places.push((x, y));
        x += width;
    }
    let height = if widths.is_empty() { 0.0 } else { y + LINE };
    (places, height)
}

/// About how wide `text` is drawn at `FONT` (no measuring in a pure function).
fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * FONT * CHAR_WIDTH
}

/// A label under the cases chart's month `index`.
#[derive(Debug, PartialEq)]
struct MonthLabel {
    index: usize,
    month: String,
    /// Under the first label and where the year changes.
    year: Option<String>,
}

/// The labels under months `months` ("YYYY-MM") `slot` wide, in `names`
/// (twelve short names): every month when they fit, else every few, always
/// ending at the last (the current month).
fn month_axis(names: &str, months: &[&str], slot: f64) -> Vec<MonthLabel> {
    let names: Vec<&str> = names.split_whitespace().collect();
    let widest = names
        .iter()
        .map(|n| text_width(n))
        .fold(text_width("0000"), f64::max);
    let step = label_step(slot, widest + 6.0);
    let last = months.len().saturating_sub(1);
    let mut shown_year = None;
    months
        .iter()
        .enumerate()
        .filter(|(index, _)| (last - *index).is_multiple_of(step))
        .map(|(index, key)| match parse_month(key) {
            Some((year, month)) => {
                let name = names.get(month).copied().unwrap_or(*key);
                let new_year = (shown_year != Some(year)).then(|| year.to_string());
                shown_year = Some(year);
                MonthLabel {
                    index,
                    month: name.to_owned(),
                    year: new_year,
                }
            }
            None => MonthLabel {
                index,
                month: (*key).to_owned(),
                year: None,
            },
        })
        .collect()
}

/// Label every `n`th slot, `n` the fewest slots `slot` wide that hold a
/// label `label` wide.
fn label_step(slot: f64, label: f64) -> usize {
    if slot <= 0.0 || slot.is_nan() {
        return usize::MAX;
    }
    (label / slot).ceil().max(1.0) as usize
}

/// "2026-11" as the year and the month from 0.
fn parse_month(key: &str) -> Option<(i32, usize)> {
    let (year, month) = key.split_once('-')?;
    let month: usize = month.parse().ok()?;
    (1..=12)
        .contains(&month)
        .then_some((year.parse().ok()?, month - 1))
}

/// "2026-11" as "November 2026" in `names` (twelve names); the key itself
/// when it is not a month.
fn month_name(names: &str, key: &str) -> String {
    parse_month(key)
        .and_then(|(year, month)| Some(format!("{} {year}", names.split_whitespace().nth(month)?)))
        .unwrap_or_else(|| key.to_owned())
}

fn month_total(month: &CasesInMonth) -> u64 {
    month.by_priority.iter().sum()
}

fn priority_totals(months: &[CasesInMonth]) -> [u64; 5] {
    months.iter().fold([0; 5], |mut sums, m| {
        for (sum, n) in sums.iter_mut().zip(m.by_priority) {
            *sum += n;
        }
        sums
    })
}

fn priority_label(c: &ChartTexts, priority: usize) -> String {
    fill(c.priority, &[("n", &priority.to_string())])
}

/// Priority `index + 1`'s fill and ink.
fn priority_colour(index: usize) -> (&'static str, &'static str) {
    PRIORITY_COLOURS
        .get(index)
        .copied()
        .unwrap_or((MUTED, BACKGROUND))
}

/// style.css's strong status shades, as the expiry badges use them.
fn expiry_colour(expiry: ExpiryStatusDto) -> &'static str {
    match expiry {
        ExpiryStatusDto::Green => "#2e8b4a",
        ExpiryStatusDto::Yellow => "#d08a00",
        ExpiryStatusDto::Red => "#c8283a",
        ExpiryStatusDto::Expired => "#6b7682",
    }
}

fn products_text(t: &Texts, n: u64) -> String {
    count_text(t.products_total_one, t.products_total, n)
}

/// An uptime share as "99.5%", in the reader's decimal separator.
fn percent(c: &ChartTexts, share: f64) -> String {
    let share = if share.is_nan() {
        0.0
    } else {
        share.clamp(0.0, 1.0)
    };
    // + 0.0 turns -0.0 into 0.0, which prints without a sign.
    let number = format!("{:.1}", share * 100.0 + 0.0).replace('.', c.decimal_separator);
    fill(c.percent, &[("n", &number)])
}

/// An instant's date in the user's zone and format.
fn day(instant: DateTime<Utc>, dates: &Dates) -> String {
    format_date(date_in_zone(instant, &dates.2), dates.0)
}

/// A coordinate for an attribute: at most one decimal (the SVG stays small
/// and its text stable).
fn num(value: f64) -> String {
    let value = if value.is_finite() { value } else { 0.0 };
    let text = format!("{:.1}", value + 0.0);
    match text.strip_suffix(".0") {
        Some(whole) if whole != "-0" => whole.to_owned(),
        Some(_) => "0".to_owned(),
        None => text,
    }
}

// ---------------------------------------------------------------------------
// Saving a chart as a file.

/// The SVG namespace, which a file on its own must declare.
const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";

/// The chart `id` as an SVG file's text, and its width and height.
fn svg_file(id: &str) -> Option<(String, f64, f64)> {
    let svg = document().get_element_by_id(&format!("{id}-svg"))?;
    let copy: Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    let (width, height) = view_box_size(&copy.get_attribute("viewBox")?)?;
    // On the page CSS sizes the chart; on its own it needs its size (an
    // image of "100%" has none to draw on a canvas).
    copy.set_attribute("width", &num(width)).ok()?;
    copy.set_attribute("height", &num(height)).ok()?;
    copy.remove_attribute("class").ok()?;
    let text = web_sys::XmlSerializer::new()
        .ok()?
        .serialize_to_string(&copy)
        .ok()?;
    // Leptos marks places in the DOM with empty comments: noise in a file.
    let text = text.replace("<!---->", "");
    Some((with_svg_namespace(&text), width, height))
}

/// `svg` (an `<svg>` element's text) declaring the SVG namespace: the
/// serializer adds it, this makes sure.
fn with_svg_namespace(svg: &str) -> String {
    let opening = svg.split_once('>').map_or(svg, |(tag, _)| tag);
    if opening.contains(&format!("xmlns=\"{SVG_NAMESPACE}\"")) {
        return svg.to_owned();
    }
    match svg.strip_prefix("<svg") {
        Some(rest) => format!("<svg xmlns=\"{SVG_NAMESPACE}\"{rest}"),
        None => svg.to_owned(),
    }
}

/// The width and height of a `viewBox` ("0 0 360 420").
fn view_box_size(view_box: &str) -> Option<(f64, f64)> {
    let numbers: Vec<f64> = view_box
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|part| !part.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match numbers[..] {
        [_, _, width, height] if width > 0.0 && height > 0.0 => Some((width, height)),
        _ => None,
    }
}

fn svg_blob(text: &str) -> Option<Blob> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml;charset=utf-8");
    Blob::new_with_str_sequence_and_options(&parts, &options).ok()
}

fn save_svg(id: &str) -> Option<()> {
    let (text, _, _) = svg_file(id)?;
    save_blob(&svg_blob(&text)?, &format!("{id}.svg"))
}

/// Draws the chart's SVG file as an image on a canvas, and saves that.
async fn save_png(id: &str) -> Option<()> {
    let (text, width, height) = svg_file(id)?;
    let url = ObjectUrl::new(&svg_blob(&text)?)?;
    let image = HtmlImageElement::new().ok()?;
    image.set_src(&url.0);
    // Resolves once the image can be drawn; rejects when it cannot load.
    JsFuture::from(image.decode()).await.ok()?;
    let canvas = draw_on_canvas(&image, width * PNG_SCALE, height * PNG_SCALE)?;
    let blob = canvas_png(&canvas).await?;
    save_blob(&blob, &format!("{id}.png"))
}

fn draw_on_canvas(image: &HtmlImageElement, width: f64, height: f64) -> Option<HtmlCanvasElement> {
    let canvas: HtmlCanvasElement = document().create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(pixels(width));
    canvas.set_height(pixels(height));
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    // A PNG has no page behind it: white, as on the screen.
    context.set_fill_style_str(BACKGROUND);
    context.fill_rect(0.0, 0.0, width, height);
    context
        .draw_image_with_html_image_element_and_dw_and_dh(image, 0.0, 0.0, width, height)
        .ok()?;
    Some(canvas)
}

/// A canvas side in whole pixels, within what browsers draw.
fn pixels(size: f64) -> u32 {
    size.round().clamp(1.0, 8192.0) as u32
}

/// The canvas as a PNG: `toBlob` answers through a callback, here a
/// promise's `resolve`, so that it can be awaited.
async fn canvas_png(canvas: &HtmlCanvasElement) -> Option<Blob> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        // Throws on a canvas the browser deems tainted; the blob is null
        // when the canvas could not be encoded.
        if let Err(error) = canvas.to_blob_with_type(&resolve, "image/png") {
            let _ = reject.call1(&JsValue::NULL, &error);
        }
    });
    JsFuture::from(promise).await.ok()?.dyn_into::<Blob>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> &'static ChartTexts {
        &CHART_TEXTS.en
    }

    fn month(key: &str, by_priority: [u64; 5]) -> CasesInMonth {
        CasesInMonth {
            month: key.to_owned(),
            by_priority,
        }
    }

    /// WCAG's relative luminance of "#rrggbb".
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let value = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if value <= 0.03928 {
                value / 12.92
            } else {
                ((value + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn ticks_are_round_numbers_covering_the_largest_bar() {
        assert_eq!(nice_ticks(7, 4), [0, 2, 4, 6, 8]);
        assert_eq!(nice_ticks(37, 4), [0, 10, 20, 30, 40]);
        assert_eq!(nice_ticks(100, 4), [0, 50, 100]);
        assert_eq!(nice_ticks(1234, 4), [0, 500, 1000, 1500]);
        assert_eq!(nice_ticks(3, 4), [0, 1, 2, 3]);
    }

    #[test]
    fn a_chart_without_cases_still_has_a_scale() {
        assert_eq!(nice_ticks(0, 4), [0, 1]);
        assert_eq!(nice_ticks(u64::MAX, 4).first(), Some(&0));
    }

    #[test]
    fn segments_stack_from_priority_one_up_to_the_months_total() {
        let scale = YScale {
            top: 10,
            plot_top: 20.0,
            plot_height: 100.0,
        };
        let segments = stack(&[2, 0, 3, 0, 5], &scale);
        assert_eq!(segments.len(), 3, "no segment for an empty priority");
        assert_eq!(segments[0].priority, 0);
        assert_eq!((segments[0].top, segments[0].height), (100.0, 20.0));
        assert_eq!((segments[1].priority, segments[1].top), (2, 70.0));
        assert_eq!(segments[2].top, 20.0, "the total reaches the top tick");
        assert_eq!(segments[2].count, 5);
    }

    #[test]
    fn a_count_above_the_top_tick_stays_inside_the_plot() {
        let scale = YScale {
            top: 4,
            plot_top: 10.0,
            plot_height: 50.0,
        };
        assert_eq!(scale.y(9), 10.0);
        assert_eq!(scale.y(0), 60.0);
    }

    #[test]
    fn a_tiny_share_still_shows_as_a_sliver_and_none_as_nothing() {
        assert_eq!(bar_length(0.0, 300.0), 0.0);
        assert_eq!(bar_length(f64::NAN, 300.0), 0.0);
        assert_eq!(bar_length(0.0001, 300.0), 1.5);
        assert_eq!(bar_length(0.5, 300.0), 150.0);
        assert_eq!(bar_length(1.2, 300.0), 300.0);
    }

    #[test]
    fn months_are_named_in_the_readers_language() {
        let en = &CHART_TEXTS.en;
        let nl = &CHART_TEXTS.nl;
        assert_eq!(month_name(en.month_abbreviations, "2026-11"), "Nov 2026");
        assert_eq!(month_name(nl.month_abbreviations, "2026-11"), "nov 2026");
        assert_eq!(month_name(nl.month_names, "2026-03"), "maart 2026");
        assert_eq!(month_name(en.month_names, "2026-13"), "2026-13");
        assert_eq!(month_name(en.month_names, "soon"), "soon");
    }

    #[test]
    fn both_languages_name_twelve_months() {
        for c in [&CHART_TEXTS.en, &CHART_TEXTS.nl] {
            assert_eq!(c.month_names.split_whitespace().count(), 12);
            assert_eq!(c.month_abbreviations.split_whitespace().count(), 12);
        }
    }

    #[test]
    fn every_month_is_labelled_when_there_is_room_with_the_year_where_it_changes() {
        let months = ["2025-11", "2025-12", "2026-01", "2026-02"];
        let labels = month_axis(texts().month_abbreviations, &months, 60.0);
        let shown: Vec<_> = labels
            .iter()
            .map(|l| (l.index, l.month.as_str(), l.year.as_deref()))
            .collect();
        assert_eq!(
            shown,
            [
                (0, "Nov", Some("2025")),
                (1, "Dec", None),
                (2, "Jan", Some("2026")),
                (3, "Feb", None)
            ]
        );
    }

    #[test]
    fn crowded_months_are_labelled_every_few_ending_with_the_current_one() {
        let months: Vec<String> = (1..=12).map(|m| format!("2026-{m:02}")).collect();
        let keys: Vec<&str> = months.iter().map(String::as_str).collect();
        let labels = month_axis(texts().month_abbreviations, &keys, 12.0);
        let indices: Vec<_> = labels.iter().map(|l| l.index).collect();
        assert_eq!(indices, [3, 7, 11]);
        assert_eq!(labels[0].year.as_deref(), Some("2026"));
        assert_eq!(labels[2].month, "Dec");
    }

    #[test]
    fn the_label_step_never_stalls() {
        assert_eq!(label_step(50.0, 30.0), 1);
        assert_eq!(label_step(10.0, 30.0), 3);
        assert_eq!(label_step(0.0, 30.0), usize::MAX);
    }

    #[test]
    fn the_legend_wraps_onto_a_new_line_when_the_phone_is_too_narrow() {
        let (places, height) = flow(&[100.0, 100.0, 100.0], 250.0);
        assert_eq!(places, [(0.0, 0.0), (100.0, 0.0), (0.0, LINE)]);
        assert_eq!(height, 2.0 * LINE);
        assert_eq!(flow(&[], 250.0).1, 0.0);
        let (places, _) = flow(&[300.0], 250.0);
        assert_eq!(
            places,
            [(0.0, 0.0)],
            "an item wider than the line stays on the first"
        );
    }

    #[test]
    fn the_cases_chart_fits_its_width_on_a_phone() {
        let months: Vec<_> = (1..=12)
            .map(|m| month(&format!("2026-{m:02}"), [1, 20, 300, 4, 5]))
            .collect();
        for c in [&CHART_TEXTS.en, &CHART_TEXTS.nl] {
            let layout = CasesLayout::new(c, &months, NARROW_WIDTH);
            assert!(layout.left < 60.0);
            assert!(layout.centre(11) + layout.bar_width / 2.0 <= NARROW_WIDTH - PAD);
            assert!(layout.legend.iter().all(|(x, _)| *x < NARROW_WIDTH));
            assert!(layout.height > layout.scale.plot_top + PLOT_HEIGHT);
        }
    }

    #[test]
    fn percentages_have_one_decimal_in_the_readers_separator() {
        assert_eq!(percent(&CHART_TEXTS.en, 0.99531), "99.5%");
        assert_eq!(percent(&CHART_TEXTS.nl, 0.99531), "99,5%");
        assert_eq!(percent(&CHART_TEXTS.en, 1.0), "100.0%");
        assert_eq!(percent(&CHART_TEXTS.en, -0.0), "0.0%");
        assert_eq!(percent(&CHART_TEXTS.en, f64::NAN), "0.0%");
    }

    #[test]
    fn coordinates_are_written_with_at_most_one_decimal() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(100.0 / 3.0), "33.3");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(f64::INFINITY), "0");
    }

    #[test]
    fn tick_labels_at_the_ends_stay_inside_the_drawing() {
        assert_eq!(tick_anchor(0.0), "start");
        assert_eq!(tick_anchor(0.5), "middle");
        assert_eq!(tick_anchor(1.0), "end");
    }

    #[test]
    fn a_saved_svg_declares_its_namespace_once() {
        let bare = r#"<svg viewBox="0 0 10 10"><text>a > b</text></svg>"#;
        assert_eq!(
            with_svg_namespace(bare),
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>a > b</text></svg>"#
        );
        let declared = with_svg_namespace(bare);
        assert_eq!(with_svg_namespace(&declared), declared);
    }

    #[test]
    fn the_view_box_gives_the_files_size() {
        assert_eq!(view_box_size("0 0 360 412.5"), Some((360.0, 412.5)));
        assert_eq!(view_box_size("0,0,640,300"), Some((640.0, 300.0)));
        assert_eq!(view_box_size("0 0 0 300"), None);
        assert_eq!(view_box_size("0 0 wide"), None);
    }

    #[test]
    fn a_png_stays_within_what_a_canvas_holds() {
        assert_eq!(pixels(720.4), 720);
        assert_eq!(pixels(0.0), 1);
        assert_eq!(pixels(1e9), 8192);
    }

    #[test]
    fn numbers_inside_priority_segments_have_enough_contrast() {
        for (fill, ink) in PRIORITY_COLOURS {
            assert!(contrast(fill, ink) >= 4.5, "{ink} on {fill}");
        }
    }

    #[test]
    fn neighbouring_priorities_differ_in_lightness_not_only_hue() {
        for pair in PRIORITY_COLOURS.windows(2) {
            let ratio = contrast(pair[0].0, pair[1].0);
            assert!(
                ratio >= 2.0,
                "{} next to {}: {ratio:.2}",
                pair[0].0,
                pair[1].0
            );
        }
    }

    #[test]
    fn the_summary_names_the_total_the_busiest_month_and_each_priority() {
        let months = [
            month("2026-01", [1, 0, 0, 0, 0]),
            month("2026-02", [0, 2, 1, 0, 0]),
        ];
        assert_eq!(
            cases_desc(texts(), &months),
            "4 cases opened from January 2026 to February 2026, the most in February 2026 (3). \
Priority 1: 1, Priority 2: 2, Priority 3: 1, Priority 4: 0, Priority 5: 0."
        );
        let quiet = [month("2026-01", [0; 5])];
        assert_eq!(
            cases_desc(&CHART_TEXTS.nl, &quiet),
            "Van januari 2026 tot en met januari 2026 zijn geen meldingen geopend."
        );
    }

    #[test]
    fn priority_totals_add_up_each_priority_over_the_months() {
        let months = [
            month("2026-01", [1, 2, 3, 4, 5]),
            month("2026-02", [1, 1, 1, 1, 1]),
        ];
        assert_eq!(priority_totals(&months), [2, 3, 4, 5, 6]);
        assert_eq!(month_total(&months[0]), 15);
    }
}

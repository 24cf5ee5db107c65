//! The page: which report (or saved view), the charts, what to customise,
//! the saving and exporting, and the rows.

use super::charts::ReportCharts;
use super::columns::ColumnChooser;
use super::export::ExportButtons;
use super::filters::FilterBar;
use super::order::{GroupAndSort, ReportPicker};
use super::table::results;
use super::views::SavedViews;
use super::ReportList;
use crate::components::list::use_list_page;
use crate::components::viewport::use_narrow;
use crate::i18n::error_message;
use crate::i18n::report_texts::REPORT_TEXTS;
use crate::query::{ListView, ReportView};
use crate::state::auth::use_auth;
use api_types::{ProblemCode, ReportRowsResponse};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

#[component]
pub fn ReportsPage() -> impl IntoView {
    let navigate = use_navigate();
    // A saved view's link that leads nowhere (deleted, or not shared with
    // the reader): said above the plain report it falls back to.
    // The fallback's URL while the notice stands: gone once the reader
    // moves on.
    let view_gone = RwSignal::new(None::<String>);
    let list: ReportList = use_list_page(move |api, view: ReportView| {
        let navigate = navigate.clone();
        async move {
            let mut view = view;
            if let (true, Some(id)) = (view.is_bare_saved(), view.view.clone()) {
                // A saved view's own URL: read its query and show the whole
                // of it in the URL (replacing the bare one in the history).
                // Its rows are asked for here too: the resource then runs
                // again for the new URL, whose answer replaces this one.
                let replace = NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..NavigateOptions::default()
                };
                match api.report_view(id).await {
                    Ok(saved) => {
                        view = ReportView::saved(saved.id, saved.report, saved.query);
                    }
                    Err(err) if err.code() == Some(ProblemCode::NotFound) => {
                        view = ReportView::default();
                        view_gone.set(Some(view.href()));
                    }
                    Err(err) => return Err(err),
                }
                navigate(&view.href(), replace);
            } else if view_gone.with_untracked(|h| h.as_ref().is_some_and(|h| *h != view.href())) {
                view_gone.set(None);
            }
            let paging = (view.page, view.page_size);
            api.report_rows(view.report, &super::known_query(&view), paging)
                .await
        }
    });
    let t = list.t;
    let texts = move || REPORT_TEXTS.of(t.get());

    view! {
        {list.heading()}
        <p class="hint">{move || texts().reports_intro}</p>
        {move || view_gone.with(Option::is_some).then(|| view! {
            <p class="status-notice view-gone" role="status">{texts().view_gone}</p>
        })}
        <ReportPicker list=list/>
        <SavedViews list=list/>
        <Charts/>
        <section class="report-customise" aria-labelledby="customise-heading">
            <h2 id="customise-heading">{move || texts().customise_heading}</h2>
            <ColumnChooser list=list/>
            <FilterBar list=list/>
            <GroupAndSort list=list/>
        </section>
        <ExportButtons list=list/>
        {list.answer_view(
            || [|t| REPORT_TEXTS.of(t).rows_loading, |t| REPORT_TEXTS.of(t).rows_total_one, |t| REPORT_TEXTS.of(t).rows_total],
            results,
        )}
    }
}

/// The charts over the reader's data, above the table; loaded once.
#[component]
fn Charts() -> impl IntoView {
    let auth = use_auth();
    let t = crate::state::auth::use_texts();
    let charts = LocalResource::new(move || auth.api().report_charts());
    // Open where there is room; on a phone the table comes first.
    let open = !use_narrow().get_untracked();
    view! {
        <details class="report-charts" open=open>
            <summary>{move || REPORT_TEXTS.of(t.get()).charts_heading}</summary>
            {move || match charts.get() {
                None => view! {
                    <p class="loading" role="status">
                        <span class="spinner" aria-hidden="true"></span>
                        {REPORT_TEXTS.of(t.get()).charts_loading}
                    </p>
                }.into_any(),
                Some(Err(err)) => view! {
                    <p class="page-error" role="alert">{error_message(t.get(), &err)}</p>
                }.into_any(),
                Some(Ok(figures)) => view! { <ReportCharts charts=figures/> }.into_any(),
            }}
        </details>
    }
}

/// A report's rows are a list's items (the columns come with them).
impl crate::components::list::Paged for ReportRowsResponse {
    type Item = Vec<Option<api_types::ReportCellDto>>;

    fn paging(&self) -> api_types::PageInfo {
        self.paging
    }

    fn into_parts(self) -> (Vec<Self::Item>, crate::components::pager::PageState) {
        (self.rows, self.paging.into())
    }
}

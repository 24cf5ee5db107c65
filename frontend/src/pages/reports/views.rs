//! Saved views: open one, save the report as it is customised now (as a
//! new view, or over the open one), rename, copy or delete it, or have it
//! emailed.

use super::digest::DigestChoice;
use super::{definition, ReportList};
use crate::api::ApiError;
use crate::components::confirm::ConfirmBox;
use crate::components::forms::focus_later;
use crate::i18n::report_texts::{ReportTexts, REPORT_TEXTS};
use crate::i18n::{error_message, fill};
use crate::query::ReportView;
use crate::state::auth::{use_auth, Auth};
use api_types::{NewReportView, ReportViewChange, ReportViewDto, ReportViewList, RoleDto};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// Which form is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Editing {
    Nothing,
    SaveAs,
    Rename,
}

/// What follows a change of the saved views: the list again, a word for
/// the screen reader, and the report's next view.
#[derive(Clone, Copy)]
struct Changes {
    list: ReportList,
    reload: RwSignal<u32>,
    editing: RwSignal<Editing>,
    said: RwSignal<String>,
}

impl Changes {
    /// Done: goes to `next` (the saved view, or the report without it).
    fn done(self, next: ReportView, word: fn(&ReportTexts) -> &'static str) {
        self.reload.update(|n| *n += 1);
        self.editing.set(Editing::Nothing);
        self.said
            .set(word(REPORT_TEXTS.of(self.list.t.get())).to_owned());
        self.list.go(&next);
    }

    fn failed(self, err: ApiError) {
        self.said.set(error_message(self.list.t.get(), &err));
    }
}

/// The report's view of a saved view.
fn saved_view(saved: ReportViewDto) -> ReportView {
    ReportView::saved(saved.id, saved.report, saved.query)
}

/// The saved views: the chooser, the open one's details, email digest,
/// actions and forms.
#[component]
pub fn SavedViews(list: ReportList) -> impl IntoView {
    let auth = use_auth();
    let current = list.current;
    let reload = RwSignal::new(0_u32);
    let views = LocalResource::new(move || {
        reload.track();
        auth.api().report_views(None)
    });
    // The open saved view, from the list (its name, sharing, rights).
    let open = Memo::new(move |_| {
        let id = current.with(|v| v.view.clone())?;
        views.with(|loaded| {
            let items = &loaded.as_ref()?.as_ref().ok()?.items;
            items.iter().find(|v| v.id.to_string() == id).cloned()
        })
    });
    let editing = RwSignal::new(Editing::Nothing);
    let said = RwSignal::new(String::new());
    let texts = move || REPORT_TEXTS.of(list.t.get());
    let changes = Changes {
        list,
        reload,
        editing,
        said,
    };
    let confirming = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let delete = Callback::new(move |()| delete_open(auth, changes, open, deleting, confirming));

    view! {
        <section class="saved-views" aria-labelledby="saved-views-heading">
            <h2 id="saved-views-heading" class="visually-hidden">{move || texts().saved_views_label}</h2>
            {view_chooser(auth, list, views)}
            {about_open(list, open)}
            <DigestChoice list=list open=open reload=reload said=said/>
            {view_buttons(auth, changes, open, confirming)}
            {delete_confirm(list, open, confirming, deleting, delete)}
            {move || (editing.get() != Editing::Nothing).then(|| view! {
                <ViewForm list=list open=open editing=editing done=Callback::new(move |saved: ReportViewDto| {
                    changes.done(saved_view(saved), |t| t.view_saved);
                })/>
            })}
            <div class="form-live" aria-live="polite" role="status">{move || said.get()}</div>
        </section>
    }
}

/// Saves the report as customised now over the open view.
fn save_changes(auth: Auth, changes: Changes, open: Memo<Option<ReportViewDto>>) {
    let Some(open) = open.get_untracked() else {
        return;
    };
    let view = changes.list.current.get_untracked();
    let change = ReportViewChange {
        name: open.name.clone(),
        query: super::known_query(&view),
        shared: open.shared,
    };
    leptos::task::spawn_local(async move {
        match auth.api().update_report_view(open.id, &change).await {
            Ok(saved) => changes.done(saved_view(saved), |t| t.view_saved),
            Err(err) => changes.failed(err),
        }
    });
}

/// Copies the open view, and opens the copy.
fn duplicate_open(auth: Auth, changes: Changes, open: Memo<Option<ReportViewDto>>) {
    let Some(open) = open.get_untracked() else {
        return;
    };
    leptos::task::spawn_local(async move {
        match auth.api().duplicate_report_view(open.id).await {
            Ok(copy) => changes.done(saved_view(copy), |t| t.view_copied),
            Err(err) => changes.failed(err),
        }
    });
}

/// Deletes the open view (confirmed), and shows its report without it.
fn delete_open(
    auth: Auth,
    changes: Changes,
    open: Memo<Option<ReportViewDto>>,
    deleting: RwSignal<bool>,
    confirming: RwSignal<bool>,
) {
    let Some(open) = open.get_untracked() else {
        return;
    };
    deleting.set(true);
    leptos::task::spawn_local(async move {
        let result = auth.api().delete_report_view(open.id).await;
        deleting.set(false);
        confirming.set(false);
        match result {
            Ok(()) => changes.done(ReportView::other_report(open.report), |t| t.view_deleted),
            Err(err) => changes.failed(err),
        }
    });
}

/// The select that opens a saved view.
fn view_chooser(
    auth: Auth,
    list: ReportList,
    views: LocalResource<Result<ReportViewList, ApiError>>,
) -> impl IntoView {
    move || {
        let texts = REPORT_TEXTS.of(list.t.get());
        let language = auth.language();
        let chosen = list.current.with(|v| v.view.clone()).unwrap_or_default();
        let options = views.with(|loaded| match loaded {
            Some(Ok(list)) => list
                .items
                .iter()
                .map(|v| {
                    let id = v.id.to_string();
                    let report = definition(v.report).title(language);
                    let shared = if v.shared { texts.shared_marker } else { "" };
                    let label = format!("{} ({report}){shared}", v.name);
                    view! { <option value=id.clone() selected=id == chosen>{label}</option> }
                })
                .collect_view()
                .into_any(),
            _ => ().into_any(),
        });
        let none = views.with(|l| matches!(l, Some(Ok(list)) if list.items.is_empty()));
        view! {
            <div class="field saved-view-picker">
                <label for="saved-view">{texts.saved_views_label}</label>
                <select id="saved-view" disabled=none on:change=move |ev| {
                    let id = event_target_value(&ev);
                    if !id.is_empty() {
                        list.go(&ReportView::of_saved(id));
                    }
                }>
                    <option value="" selected=chosen.is_empty()>{if none { texts.no_saved_views } else { texts.choose_view }}</option>
                    {options}
                </select>
            </div>
        }
    }
}

/// The open view's name, sharing and owner.
fn about_open(list: ReportList, open: Memo<Option<ReportViewDto>>) -> impl IntoView {
    move || {
        let open = open.get()?;
        let texts = REPORT_TEXTS.of(list.t.get());
        let whose = if open.mine {
            texts.view_yours.to_owned()
        } else {
            fill(texts.view_by, &[("owner", &open.owner_name)])
        };
        let sharing = if open.shared {
            texts.view_shared
        } else {
            texts.view_private
        };
        Some(view! {
            <p class="saved-view-about">
                <strong class="saved-view-name">{open.name.clone()}</strong>
                " · " {sharing} " · " {whose}
            </p>
        })
    }
}

/// Save, save as, rename, duplicate and delete, as far as the user may.
fn view_buttons(
    auth: Auth,
    changes: Changes,
    open: Memo<Option<ReportViewDto>>,
    confirming: RwSignal<bool>,
) -> impl IntoView {
    let editing = changes.editing;
    move || {
        let texts = REPORT_TEXTS.of(changes.list.t.get());
        let open_now = open.get();
        let can_change = open_now.as_ref().is_some_and(|o| o.can_change);
        view! {
            <div class="button-row view-actions">
                {can_change.then(|| view! {
                    <button type="button" class="button-primary save-view" on:click=move |_| save_changes(auth, changes, open)>{texts.save_changes}</button>
                })}
                <button type="button" id="save-as-view" class="button-secondary save-as-view" on:click=move |_| {
                    editing.set(Editing::SaveAs);
                    focus_later("view-name");
                }>{texts.save_as}</button>
                {can_change.then(|| view! {
                    <button type="button" id="rename-view" class="button-secondary rename-view" on:click=move |_| {
                        editing.set(Editing::Rename);
                        focus_later("view-name");
                    }>{texts.rename_view}</button>
                })}
                {open_now.is_some().then(|| view! {
                    <button type="button" class="button-secondary duplicate-view" on:click=move |_| duplicate_open(auth, changes, open)>{texts.duplicate_view}</button>
                })}
                {can_change.then(|| view! {
                    <button type="button" id="delete-view" class="button-danger delete-view" on:click=move |_| {
                        confirming.set(true);
                        focus_later("delete-view-question");
                    }>{texts.delete_view}</button>
                })}
            </div>
        }
    }
}

/// The question before the open view is deleted.
fn delete_confirm(
    list: ReportList,
    open: Memo<Option<ReportViewDto>>,
    confirming: RwSignal<bool>,
    deleting: RwSignal<bool>,
    delete: Callback<()>,
) -> impl IntoView {
    move || {
        let (t, texts) = (list.t.get(), REPORT_TEXTS.of(list.t.get()));
        let name = open.get().map(|o| o.name).unwrap_or_default();
        confirming.get().then(|| {
            view! {
                <ConfirmBox
                    t=t
                    question_id="delete-view-question"
                    question=fill(texts.delete_view_question, &[("name", &name)])
                    yes_class="button-danger confirm-delete-view"
                    yes=texts.delete_view
                    busy=texts.deleting_view
                    pending=deleting
                    on_yes=delete
                    confirming=confirming
                    back_to="delete-view"
                />
            }
        })
    }
}

/// Saving as a new view (name, and sharing for a Manager), or renaming the
/// open one.
#[component]
fn ViewForm(
    list: ReportList,
    open: Memo<Option<ReportViewDto>>,
    editing: RwSignal<Editing>,
    done: Callback<ReportViewDto>,
) -> impl IntoView {
    let auth = use_auth();
    let renaming = editing.get_untracked() == Editing::Rename;
    let start = open.get_untracked();
    let name = RwSignal::new(
        start
            .as_ref()
            .filter(|_| renaming)
            .map(|o| o.name.clone())
            .unwrap_or_default(),
    );
    let shared = RwSignal::new(start.as_ref().is_some_and(|o| o.shared && renaming));
    let may_share = auth.role() == Some(RoleDto::Manager);
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let texts = move || REPORT_TEXTS.of(list.t.get());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Ok(valid) = domain::report::view::view_name(&name.get_untracked()) else {
            error.set(Some(texts().view_name_needed.to_owned()));
            return;
        };
        let view = list.current.get_untracked();
        pending.set(true);
        leptos::task::spawn_local(async move {
            let api = auth.api();
            let result = match (renaming, open.get_untracked()) {
                (true, Some(open)) => {
                    let change = ReportViewChange {
                        name: valid,
                        query: open.query,
                        shared: shared.get_untracked(),
                    };
                    api.update_report_view(open.id, &change).await
                }
                _ => {
                    let new = NewReportView {
                        report: view.report,
                        name: valid,
                        query: super::known_query(&view),
                        shared: shared.get_untracked(),
                    };
                    api.create_report_view(&new).await
                }
            };
            pending.set(false);
            match result {
                Ok(saved) => done.run(saved),
                Err(err) => error.set(Some(error_message(list.t.get_untracked(), &err))),
            }
        });
    };
    view! {
        <form class="view-form" on:submit=on_submit novalidate>
            <div class="field">
                <label for="view-name">{move || texts().view_name}</label>
                <input id="view-name" type="text" maxlength="100" required
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            {may_share.then(|| view! {
                <label class="checkbox">
                    <input type="checkbox" id="view-shared" prop:checked=move || shared.get()
                        on:change=move |ev| shared.set(event_target_checked(&ev))/>
                    {move || texts().share_view}
                </label>
            })}
            <div class="button-row">
                <button type="submit" class="button-primary" disabled=move || pending.get()>
                    {move || if renaming { texts().rename_view } else { texts().save_view }}
                </button>
                <button type="button" class="button-secondary" on:click=move |_| editing.set(Editing::Nothing)>
                    {move || list.t.get().cancel}
                </button>
            </div>
            <div class="form-live" aria-live="polite">
                {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            </div>
        </form>
    }
}

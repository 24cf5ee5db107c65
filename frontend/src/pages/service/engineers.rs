//! The service engineers to choose from (`GET /service/engineers`), as the
//! options of a select: the case page's assignment and a visit's engineer.

use crate::api::ApiError;
use api_types::EngineerList;
use leptos::prelude::*;

/// The engineers to choose from, as the service API lists them.
pub type Engineers = LocalResource<Result<EngineerList, ApiError>>;

/// An option per engineer, the one whose id `value` gives selected; nothing
/// while the list loads or when it failed (see [`engineer_list_state`]).
pub fn engineer_options(
    engineers: Engineers,
    value: impl Fn() -> String + Copy + Send + Sync + 'static,
) -> impl Fn() -> Option<AnyView> + Copy {
    move || {
        engineers.get().map(|list| match list {
            Ok(list) => list
                .items
                .into_iter()
                .map(|e| {
                    let id = e.id.to_string();
                    let selected = {
                        let id = id.clone();
                        move || value() == id
                    };
                    view! { <option value=id prop:selected=selected>{e.display_name}</option> }
                })
                .collect_view()
                .into_any(),
            Err(_) => ().into_any(),
        })
    }
}

/// What to say of the list: `loading` until it is in, `failed` when it
/// could not be fetched, nothing once it is there.
pub fn engineer_list_state(
    engineers: Engineers,
    loading: &'static str,
    failed: &'static str,
) -> impl Fn() -> Option<&'static str> + Copy {
    move || match engineers.with(|l| l.as_ref().map(Result::is_ok)) {
        None => Some(loading),
        Some(false) => Some(failed),
        Some(true) => None,
    }
}

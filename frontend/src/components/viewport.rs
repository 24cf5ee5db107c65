//! The phone layout switch: below 640 px lists show cards instead of tables
//! (style.css switches the rest of the layout at the same width). Only one of
//! the two is in the page, so screen readers and tests meet each row once.

use leptos::prelude::*;

/// Narrower than this many CSS pixels, lists show cards.
pub const CARDS_BELOW_PX: f64 = 640.0;

#[derive(Clone, Copy)]
struct Viewport {
    narrow: RwSignal<bool>,
}

/// Tracks the window width for the whole app (one listener, kept for the
/// app's lifetime).
pub fn provide_viewport_context() {
    let narrow = RwSignal::new(is_narrow());
    let _listener = window_event_listener(leptos::ev::resize, move |_| {
        let now = is_narrow();
        if narrow.get_untracked() != now {
            narrow.set(now);
        }
    });
    provide_context(Viewport { narrow });
}

/// True on a phone-sized window: show cards.
pub fn use_narrow() -> Signal<bool> {
    let viewport = expect_context::<Viewport>();
    Signal::derive(move || viewport.narrow.get())
}

fn is_narrow() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|width| width.as_f64())
        .is_some_and(|width| width < CARDS_BELOW_PX)
}

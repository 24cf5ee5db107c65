//! The parts of the HTML document outside the app's mount point.

use crate::i18n::Texts;
use crate::state::auth::use_texts;
use leptos::prelude::*;

/// Sets `<html lang>` so screen readers pronounce the text right.
pub fn set_lang(tag: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        if root.get_attribute("lang").as_deref() != Some(tag) {
            // Setting an attribute on <html> cannot fail for a valid name.
            let _ = root.set_attribute("lang", tag);
        }
    }
}

/// Keeps the window title at `page` in the reader's language. `page` may
/// read signals: a record's page names the record once it has loaded.
pub fn use_title<S: AsRef<str>>(page: impl Fn(&'static Texts) -> S + 'static) {
    let t = use_texts();
    Effect::new(move |_| {
        let t = t.get();
        set_title(page(t).as_ref(), t.product_name);
    });
}

/// Sets the window title: "<page> · <product>".
pub fn set_title(page: &str, product: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&page_title(page, product));
    }
}

/// The window title of a page.
pub fn page_title(page: &str, product: &str) -> String {
    if page.is_empty() {
        product.to_owned()
    } else {
        format!("{page} · {product}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_the_page_then_the_product() {
        assert_eq!(
            page_title("Log in", "Customer Services Portal"),
            "Log in · Customer Services Portal"
        );
        assert_eq!(
            page_title("", "Customer Services Portal"),
            "Customer Services Portal"
        );
    }
}

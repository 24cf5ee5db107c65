//! Every page of the app and its path, in one place.

/// A page the app can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Login,
}

impl Page {
    /// The path of the page, for links and redirects.
    pub const fn path(self) -> &'static str {
        match self {
            Page::Home => "/",
            Page::Login => "/login",
        }
    }
}

/// The server's interactive API documentation: outside the app, so linked
/// with a plain `<a>` that the router leaves alone.
pub const API_DOCS_PATH: &str = "/api/docs";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_absolute_and_distinct() {
        let pages = [Page::Home, Page::Login];
        for page in pages {
            assert!(page.path().starts_with('/'), "{page:?}");
        }
        assert_ne!(Page::Home.path(), Page::Login.path());
        assert!(API_DOCS_PATH.starts_with("/api/"));
    }
}

//! Which methods each API path accepts, read from the OpenAPI document, so a
//! known path called with the wrong method answers 405 with `Allow` instead of
//! the 404 that actix's per-method resources would give.

use utoipa::openapi::path::PathItem;
use utoipa::openapi::OpenApi;

#[derive(Debug, Clone, Default)]
pub struct RouteTable {
    routes: Vec<(Vec<Segment>, String)>,
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(String),
    /// `{id}` in the template: any one non-empty segment.
    Parameter,
}

fn methods(item: &PathItem) -> Vec<&'static str> {
    [
        ("GET", &item.get),
        ("HEAD", &item.head),
        ("POST", &item.post),
        ("PUT", &item.put),
        ("PATCH", &item.patch),
        ("DELETE", &item.delete),
        ("OPTIONS", &item.options),
        ("TRACE", &item.trace),
    ]
    .into_iter()
    .filter_map(|(name, operation)| operation.as_ref().map(|_| name))
    .collect()
}

fn segments(template: &str) -> Vec<Segment> {
    template
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s.starts_with('{') && s.ends_with('}') {
                Segment::Parameter
            } else {
                Segment::Literal(s.to_owned())
            }
        })
        .collect()
}

impl RouteTable {
    pub fn from_openapi(doc: &OpenApi) -> Self {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(template, item)| (segments(template), methods(item).join(", ")))
            .filter(|(_, allow)| !allow.is_empty())
            .collect();
        Self { routes }
    }

    /// The `Allow` value for `path` when a documented route has that shape.
    pub fn allowed_methods(&self, path: &str) -> Option<&str> {
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        self.routes
            .iter()
            .find(|(template, _)| {
                template.len() == parts.len()
                    && template
                        .iter()
                        .zip(&parts)
                        .all(|(segment, part)| match segment {
                            Segment::Literal(literal) => literal == part,
                            Segment::Parameter => true,
                        })
            })
            .map(|(_, allow)| allow.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> RouteTable {
        RouteTable::from_openapi(&crate::openapi::openapi())
    }

    #[test]
    fn literal_and_parameter_paths_are_matched_with_their_methods() {
        let table = table();
        assert_eq!(table.allowed_methods("/api/v1/auth/login"), Some("POST"));
        assert_eq!(table.allowed_methods("/api/v1/accounts"), Some("GET, POST"));
        assert_eq!(
            table.allowed_methods("/api/v1/accounts/0b5f0c4e-3f7a-4c57-9d43-1f1b4d0a2e11"),
            Some("GET, PUT")
        );
    }

    #[test]
    fn unknown_shapes_have_no_entry() {
        let table = table();
        assert_eq!(table.allowed_methods("/api/v1/nothing-here"), None);
        assert_eq!(table.allowed_methods("/api/v1/accounts/1/extra"), None);
        assert_eq!(table.allowed_methods("/api/v1"), None);
    }
}

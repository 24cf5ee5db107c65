//! The browser app's functions stay small (issue 12: components in named
//! pieces of about 80 lines): a long component mixes its state, its
//! requests and its markup, and it is where pages grew back unseen as
//! features were added (thirteen past 100 lines within four issues). So the
//! size is checked here rather than by review.
//!
//! A function runs from its `fn` line to the `}` at the same indentation,
//! as rustfmt writes it; unit tests (`#[cfg(test)]` to the end of a file)
//! are left out.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sources;

/// "About 80 lines": a few more for a form with many fields, not twice.
const MOST_LINES: usize = 90;

/// The lines of `source`, those of its `#[cfg(test)] mod`s blank (so the
/// others keep their numbers).
fn without_test_modules(source: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = source.lines().collect();
    let mut at = 0;
    while at + 1 < lines.len() {
        let next = lines[at + 1];
        if lines[at] == "#[cfg(test)]" && next.contains("mod ") && next.ends_with('{') {
            let end = lines[at..]
                .iter()
                .position(|l| *l == "}")
                .map_or(lines.len(), |e| at + e + 1);
            lines[at..end].fill("");
            at = end;
        } else {
            at += 1;
        }
    }
    lines
}

/// Each function of `source` as (its name, its first line, its lines).
fn functions(source: &str) -> Vec<(String, usize, usize)> {
    let lines = without_test_modules(source);
    let mut found = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let code = line.trim_start();
        let indent = &line[..line.len() - code.len()];
        let Some(rest) = [
            "fn ",
            "pub fn ",
            "pub(crate) fn ",
            "async fn ",
            "pub async fn ",
        ]
        .iter()
        .find_map(|start| code.strip_prefix(start)) else {
            continue;
        };
        // A signature without a body (a trait's) ends with `;`.
        let opens = lines[at..]
            .iter()
            .find(|l| l.ends_with('{') || l.ends_with(';'));
        if opens.is_none_or(|l| l.ends_with(';')) {
            continue;
        }
        let close = format!("{indent}}}");
        let Some(end) = lines[at..].iter().position(|l| *l == close) else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        found.push((name, at + 1, end + 1));
    }
    found
}

#[test]
fn no_function_of_the_browser_app_is_much_longer_than_80_lines() {
    let src = sources::in_workspace("frontend/src");
    let files = sources::rust_files(&src);
    assert!(
        files.len() > 50,
        "the app's files were not found in {src:?}"
    );
    let mut long = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        for (name, line, length) in functions(&source) {
            if length > MOST_LINES {
                let file = file.strip_prefix(&src).unwrap().display().to_string();
                long.push(format!("{file}:{line} {name}: {length} lines"));
            }
        }
    }
    assert!(
        long.is_empty(),
        "split these into named pieces of about 80 lines (at most {MOST_LINES}):\n{}",
        long.join("\n")
    );
}

#[test]
fn a_function_is_measured_from_its_signature_to_its_closing_brace() {
    let source = "\
/// Doc.
#[component]
pub fn Page() -> impl IntoView {
    let x = 1;
    view! { <p>{x}</p> }
}

impl Form {
    fn new() -> Self {
        Self {}
    }
}

trait Words {
    fn word(&self) -> &str;
}

#[cfg(test)]
mod tests {
    fn long_test() {
    }
}

fn after_the_tests() {
}
";
    assert_eq!(
        functions(source),
        [
            ("Page".to_owned(), 3, 4),
            ("new".to_owned(), 9, 3),
            ("after_the_tests".to_owned(), 24, 2)
        ]
    );
}

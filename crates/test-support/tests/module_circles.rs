//! No import circles between the modules of a crate (issue 12): a module
//! that uses another must not be used by it, directly or round about.
//! Circles make modules that cannot be understood, tested or moved one at a
//! time, and they came back unseen as features were added, so they are
//! checked here rather than by review.
//!
//! A module is a file's path below `src/`, cut to two levels
//! (`routes::cases`, `identity::mfa`); a module using its own parent or
//! child is not a circle (Rust's `super::` and `mod` make them one unit).
//! Uses are `crate::a::b` and `super::a` paths, `{…}` groups included, in
//! code (line comments are left out).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sources;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Modules every other module may use although they hold the others: the
/// API's application state is its composition root.
const ROOTS: &[(&str, &str)] = &[("crates/api/src", "state")];

const CRATES: &[&str] = &[
    "crates/api/src",
    "crates/persistence/src",
    "crates/domain/src",
    "crates/api-types/src",
    "crates/server/src",
    "frontend/src",
];

type Module = Vec<String>;

/// `src/routes/cases/mod.rs` -> `routes::cases`.
fn module_of(src: &Path, file: &Path) -> Module {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Module = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The paths a use tree starting at `text` names: `a::b`, or each item of
/// `{a::b, c}` (nested groups flattened to their first segments).
fn paths_at(text: &str) -> Vec<Vec<String>> {
    if let Some(group) = text.strip_prefix('{') {
        let mut depth = 1;
        let mut end = group.len();
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let mut items = Vec::new();
        let (mut depth, mut start) = (0, 0);
        let inner = &group[..end];
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    items.extend(paths_at(inner[start..i].trim()));
                    start = i + 1;
                }
                _ => {}
            }
        }
        items.extend(paths_at(inner[start..].trim()));
        return items;
    }
    let mut path = Vec::new();
    let mut rest = text;
    loop {
        let ident: String = rest.chars().take_while(|&c| is_ident(c)).collect();
        if ident.is_empty() {
            break;
        }
        rest = &rest[ident.len()..];
        path.push(ident);
        match rest.strip_prefix("::") {
            Some(after) if after.starts_with('{') => {
                let prefix = path.clone();
                return paths_at(after)
                    .into_iter()
                    .map(|tail| prefix.iter().cloned().chain(tail).collect())
                    .collect();
            }
            Some(after) => rest = after,
            None => break,
        }
    }
    vec![path]
}

/// The module paths `code` of module `own` names, made absolute.
fn used_paths(code: &str, own: &Module) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or_default();
        for (i, _) in line.match_indices("crate::") {
            if line[..i].ends_with(|c: char| is_ident(c) || c == '$') {
                continue;
            }
            found.extend(paths_at(&line[i + "crate::".len()..]));
        }
        for (i, _) in line.match_indices("super::") {
            if line[..i].ends_with(|c: char| is_ident(c) || c == ':') {
                continue;
            }
            let mut base: Module = own.clone();
            let mut rest = &line[i..];
            while let Some(after) = rest.strip_prefix("super::") {
                base.pop();
                rest = after;
            }
            for tail in paths_at(rest) {
                found.push(base.iter().cloned().chain(tail).collect());
            }
        }
    }
    found
}

fn group(module: &[String]) -> Module {
    module.iter().take(2).cloned().collect()
}

fn related(a: &Module, b: &Module) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// The circles among `crate_dir`'s modules, each as its modules.
fn circles(crate_dir: &str) -> Vec<Vec<String>> {
    let src = sources::in_workspace(crate_dir);
    let files = sources::rust_files(&src);
    let modules: BTreeMap<Module, PathBuf> = files
        .iter()
        .map(|f| (module_of(&src, f), f.clone()))
        .collect();
    let roots: Vec<Module> = ROOTS
        .iter()
        .filter(|(dir, _)| *dir == crate_dir)
        .map(|(_, m)| vec![m.to_string()])
        .collect();
    let mut uses: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, file) in &modules {
        let code = std::fs::read_to_string(file).unwrap();
        for path in used_paths(&code, module) {
            // The longest prefix of the path that is a module.
            let Some(target) = (1..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|prefix| modules.contains_key(prefix))
            else {
                continue;
            };
            let (from, to) = (group(module), group(&target));
            if !related(&from, &to) && !roots.contains(&to) {
                uses.entry(from).or_default().insert(to);
            }
        }
    }
    strongly_connected(&uses)
        .into_iter()
        .filter(|component| component.len() > 1)
        .map(|component| component.iter().map(|m| m.join("::")).collect())
        .collect()
}

/// Tarjan's strongly connected components of the `uses` graph.
fn strongly_connected(uses: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct State<'a> {
        uses: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<Module, usize>,
        low: BTreeMap<Module, usize>,
        stack: Vec<Module>,
        on_stack: BTreeSet<Module>,
        found: Vec<Vec<Module>>,
    }
    fn visit(s: &mut State, v: &Module) {
        let n = s.index.len();
        s.index.insert(v.clone(), n);
        s.low.insert(v.clone(), n);
        s.stack.push(v.clone());
        s.on_stack.insert(v.clone());
        for w in s.uses.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v.clone(), low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v.clone(), low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(&w);
                let done = &w == v;
                component.push(w);
                if done {
                    break;
                }
            }
            s.found.push(component);
        }
    }
    let mut s = State {
        uses,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in uses.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.found
}

#[test]
fn no_crate_has_modules_that_use_each_other() {
    let found: Vec<String> = CRATES
        .iter()
        .flat_map(|dir| {
            circles(dir)
                .into_iter()
                .map(move |circle| format!("{dir}: {}", circle.join(" <-> ")))
        })
        .collect();
    assert!(found.is_empty(), "import circles:\n{}", found.join("\n"));
}

#[test]
fn the_check_sees_uses_in_groups_and_through_super() {
    let own: Module = vec!["routes".into(), "cases".into()];
    let uses = used_paths(
        "use crate::{a::b, c::{d, e}};\nuse super::installed_products::x; // crate::not_this\n",
        &own,
    );
    let names: Vec<String> = uses.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        names,
        ["a::b", "c::d", "c::e", "routes::installed_products::x"]
    );
}

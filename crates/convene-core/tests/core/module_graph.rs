//! The core's module graph points one way (issue 12; docs/ARCHITECTURE.md).
//!
//! Reads every file under `src/`, builds the graph of top-level modules from the
//! `crate::…` (and `super::…`) paths in their code (comments, doc comments, string
//! literals and `#[cfg(test)] mod tests` blocks are left out: only what compiles
//! into the library counts), then fails on
//! - a module that [`LAYERS`] does not place (a new module must choose its layer),
//! - an edge that points up the layer order (a module using one in a later layer),
//! - any cycle, naming it (`a -> b -> a`), even within one layer.
//!
//! [`LAYERS`] is docs/ARCHITECTURE.md's table; change both together.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The core's layers, bottom first: a module may use modules of its own layer
/// (without a cycle) or of an earlier one, never of a later one.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "1. bytes and helpers",
        &[
            "sort",
            "xml",
            "text_bytes",
            "countries",
            "decimal",
            "enum_set",
        ],
    ),
    ("2. model", &["model"]),
    ("3. text and search", &["search"]),
    ("4. loading", &["load", "import"]),
    ("5. query vocabulary", &["vocab"]),
    ("6. interface languages", &["i18n"]),
    ("7. view state", &["query", "view", "view_edit"]),
    ("8. source library", &["sources"]),
    ("9. engine", &["engine"]),
    (
        "10. views over a selection",
        &["matrix", "network", "layout"],
    ),
    ("11. output", &["export", "share"]),
    ("12. test support", &["synth"]),
];

/// Pairs of modules whose edges the cycle check ignores, both ways.
/// Empty: every cycle is broken (the last, `layout` <-> `network`, went when
/// `LayoutInput` moved into `layout`). An entry needs a reason and a plan.
const ALLOWED_CYCLES: &[(&str, &str)] = &[];

/// Blanks comments, string and char literals (keeping line breaks), so that
/// paths are only read from code.
fn code_only(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !b[..i]
                .last()
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // Raw string r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                out.push(blank(b[j]));
                j += 1;
            }
            i = j;
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                if i < b.len() {
                    out.push(blank(b[i]));
                }
                i += 1;
            }
            i += 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            let close = if next == Some('\\') {
                (i + 2..b.len().min(i + 12)).find(|&k| b[k] == '\'')
            } else if b.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match close {
                Some(k) => i = k + 1,
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The code of a file without its `#[cfg(test)]` modules (cut from the
/// attribute to the end of the module's braces).
fn without_test_modules(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(open) = after.find(['{', ';']) else {
            rest = "";
            break;
        };
        if after.as_bytes()[open] == b';' {
            rest = &after[open + 1..];
            continue;
        }
        let mut depth = 0usize;
        let mut end = after.len();
        for (k, ch) in after[open..].char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first segment of each path in a `{…}` use group (its top level only).
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0usize;
    let mut at_start = true;
    for (k, ch) in group.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => at_start = true,
            c if at_start && depth == 0 && !c.is_whitespace() => {
                at_start = false;
                let id = ident_at(&group[k..]);
                if !id.is_empty() {
                    heads.push(id.to_string());
                }
            }
            _ => {}
        }
    }
    heads
}

/// The top-level modules one file's code names, given the file's module path
/// (`["engine", "build"]` for `src/engine/build.rs`).
fn uses(code: &str, module_path: &[&str]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let is_boundary = |s: &str, at: usize| {
        !s[..at]
            .chars()
            .next_back()
            .is_some_and(|p| p.is_alphanumeric() || p == '_' || p == ':')
    };
    let push_after = |rest: &str, out: &mut BTreeSet<String>| {
        let rest = rest.trim_start();
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1usize;
            let end = group
                .char_indices()
                .find(|&(_, ch)| {
                    match ch {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map_or(group.len(), |(k, _)| k);
            out.extend(group_heads(&group[..end]));
        } else {
            let id = ident_at(rest);
            if !id.is_empty() {
                out.insert(id.to_string());
            }
        }
    };
    for (at, _) in code.match_indices("crate::") {
        if is_boundary(code, at) {
            push_after(&code[at + "crate::".len()..], &mut out);
        }
    }
    // `super::super::x` from a file two levels down names the top-level module x.
    for (at, _) in code.match_indices("super::") {
        if !is_boundary(code, at) {
            continue;
        }
        let mut rest = &code[at..];
        let mut ups = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            ups += 1;
            rest = r.trim_start();
        }
        if ups == module_path.len() {
            push_after(rest, &mut out);
        }
    }
    out.remove("self");
    out.remove("super");
    if let Some(own) = module_path.first() {
        out.remove(*own);
    }
    out
}

/// Top-level module -> the top-level modules it uses, from `(path under src/, text)`.
fn graph(files: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in files {
        let path = path.trim_end_matches(".rs");
        let module_path: Vec<&str> = path.split('/').filter(|s| *s != "mod").collect();
        if module_path == ["lib"] {
            continue;
        }
        let code = without_test_modules(&code_only(text));
        let deps = uses(&code, &module_path);
        g.entry(module_path[0].to_string())
            .or_default()
            .extend(deps);
    }
    g
}

fn allowed(a: &str, b: &str) -> bool {
    ALLOWED_CYCLES
        .iter()
        .any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
}

/// Every problem with `g`: unplaced modules, upward edges, cycles.
fn problems(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let layer = |m: &str| LAYERS.iter().position(|(_, ms)| ms.contains(&m));
    let mut out = Vec::new();
    for (m, deps) in g {
        let Some(lm) = layer(m) else {
            out.push(format!(
                "module `{m}` is in no layer: add it to LAYERS (tests/core/module_graph.rs) and docs/ARCHITECTURE.md"
            ));
            continue;
        };
        for d in deps {
            match layer(d) {
                Some(ld) if ld > lm => out.push(format!(
                    "`{m}` (layer {}) uses `{d}` (layer {}), which is above it",
                    LAYERS[lm].0, LAYERS[ld].0
                )),
                None if g.contains_key(d) => {} // reported as unplaced above
                _ => {}
            }
        }
    }
    // Cycles: a depth-first search from each module, reporting each cycle once
    // (by its smallest rotation).
    let mut seen: BTreeSet<Vec<String>> = BTreeSet::new();
    fn walk(
        g: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<Vec<String>>,
        out: &mut Vec<String>,
    ) {
        let here = path.last().cloned().unwrap_or_default();
        for next in g.get(&here).into_iter().flatten() {
            if allowed(&here, next) {
                continue;
            }
            if let Some(start) = path.iter().position(|p| p == next) {
                let cycle: Vec<String> = path[start..].to_vec();
                let min = (0..cycle.len()).min_by_key(|&k| &cycle[k]).unwrap_or(0);
                let mut canon = cycle[min..].to_vec();
                canon.extend_from_slice(&cycle[..min]);
                if seen.insert(canon.clone()) {
                    out.push(format!("cycle: {} -> {}", canon.join(" -> "), canon[0]));
                }
            } else if path.len() <= g.len() {
                path.push(next.clone());
                walk(g, path, seen, out);
                path.pop();
            }
        }
    }
    for m in g.keys() {
        walk(g, &mut vec![m.clone()], &mut seen, &mut out);
    }
    out
}

fn read_src(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            read_src(&p, base, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let rel = p
                .strip_prefix(base)
                .map(|r| r.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            let text = std::fs::read_to_string(&p)
                .unwrap_or_else(|e| panic!("reading {}: {e}", p.display()));
            out.push((rel, text));
        }
    }
}

#[test]
fn core_modules_point_down_the_layers_without_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    read_src(&src, &src, &mut files);
    let g = graph(&files);
    assert!(
        g.len() >= 15,
        "expected the core's modules, found {:?}",
        g.keys()
    );
    let problems = problems(&g);
    assert!(
        problems.is_empty(),
        "the core's module graph breaks docs/ARCHITECTURE.md's layers:\n{}\n\ngraph: {g:#?}",
        problems.join("\n")
    );
}

#[test]
fn the_check_names_a_cycle_and_an_upward_edge() {
    let files = vec![
        (
            "view.rs".to_string(),
            "/// [`crate::share`] in a doc comment does not count\nuse crate::{engine::Engine, model::{Role, ActorKind}};\nfn f() { let s = \"crate::matrix\"; }".to_string(),
        ),
        (
            "engine.rs".to_string(),
            "use crate::view::ViewState;\n#[cfg(test)]\nmod tests { use crate::export; }".to_string(),
        ),
        ("engine/build.rs".to_string(), "use super::super::sort::x; use super::Engine;".to_string()),
        ("model.rs".to_string(), String::new()),
        ("sort.rs".to_string(), String::new()),
    ];
    let g = graph(&files);
    let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(g["view"], set(&["engine", "model"]));
    assert_eq!(g["engine"], set(&["view", "sort"]));
    let p = problems(&g);
    assert!(
        p.contains(&"cycle: engine -> view -> engine".to_string()),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|m| m.starts_with("`view` (layer 7. view state) uses `engine`")),
        "{p:?}"
    );
    assert_eq!(p.len(), 2, "{p:?}");
}

//! The house keeps its shape (shared/design.md, "who may import whom"), checked over `src/`:
//! nothing imports `cli`; the sandbox uses nothing of the client but `graph::model` (and the
//! owner-only file helpers); no import circles between the crate's modules (with the wire
//! types `graph::model` and the encoding rules `graph::encode` as modules of their own, so the
//! client and `auth` may share them), nor between the sandbox's files (its router, `server.rs`,
//! sits on top and is imported by nobody); and one door for every change: only `src/change/`
//! grants the permit every Graph write takes.

use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// `src/a/b.rs` → `a::b`, `src/a/mod.rs` → `a`.
fn module_of(rel: &Path) -> String {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// Every file's module and its code.
fn sources() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(&root).unwrap();
                let text = std::fs::read_to_string(&p).unwrap();
                // without unit tests and comment lines (doc links name modules too)
                let code: String = text
                    .split("#[cfg(test)]")
                    .next()
                    .unwrap()
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect::<Vec<_>>()
                    .join("\n");
                out.insert(module_of(rel), code);
            }
        }
    }
    out
}

/// The modules a file names: `crate::a::b::Item` and `super::b::Item` paths (inside `use`
/// lists too), resolved to the deepest module that exists.
fn references(
    module: &str,
    is_mod_rs: bool,
    code: &str,
    all: &BTreeSet<String>,
) -> BTreeSet<String> {
    let path = Regex::new(r"\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)+)").unwrap();
    let group = Regex::new(r"\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{([^}]*)\}").unwrap();
    let mut found = BTreeSet::new();
    let mut resolve = |head: &str, rest: &str| {
        let mut parts: Vec<String> = match head {
            "crate" => vec![],
            _ => {
                // `super` of a mod.rs is its parent; of a file, its folder's module
                let mut m: Vec<String> = module.split("::").map(String::from).collect();
                m.pop();
                if is_mod_rs {
                    m.pop();
                }
                m
            }
        };
        parts.extend(rest.split("::").filter(|s| !s.is_empty()).map(String::from));
        while !parts.is_empty() {
            let candidate = parts.join("::");
            if all.contains(&candidate) {
                found.insert(candidate);
                return;
            }
            parts.pop();
        }
    };
    for c in group.captures_iter(code) {
        for item in c[3].split(',') {
            let first = item.trim().split("::").next().unwrap_or_default();
            resolve(&c[1], &format!("{}::{first}", &c[2]));
        }
    }
    for c in path.captures_iter(code) {
        resolve(&c[1], &c[2]);
    }
    found.remove(module);
    found
}

struct Graph {
    edges: BTreeMap<String, BTreeSet<String>>,
}

fn graph() -> Graph {
    let src = sources();
    let all: BTreeSet<String> = src.keys().cloned().collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges = BTreeMap::new();
    for (module, code) in &src {
        let is_mod_rs = root.join(module.replace("::", "/")).join("mod.rs").exists();
        let mut refs = references(module, is_mod_rs, code, &all);
        // a folder's mod.rs declares and re-exports its own files: not an import
        refs.retain(|r| !r.starts_with(&format!("{module}::")));
        edges.insert(module.clone(), refs);
    }
    Graph { edges }
}

/// The unit a circle is judged at: the top-level module, but `graph::model` and
/// `graph::encode` on their own.
fn unit(module: &str) -> String {
    for own in ["graph::model", "graph::encode"] {
        if module == own || module.starts_with(&format!("{own}::")) {
            return own.into();
        }
    }
    module.split("::").next().unwrap_or_default().into()
}

fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Tarjan-free: a node is in a circle when it reaches itself; report each circle's members
    let reach = |from: &str| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<String> = edges.get(from).into_iter().flatten().cloned().collect();
        while let Some(n) = stack.pop() {
            if seen.insert(n.clone()) {
                stack.extend(edges.get(&n).into_iter().flatten().cloned());
            }
        }
        seen
    };
    let mut out: Vec<Vec<String>> = vec![];
    for n in edges.keys() {
        let r = reach(n);
        if r.contains(n) {
            let members: Vec<String> = r.iter().filter(|m| reach(m).contains(n)).cloned().collect();
            if !out.iter().any(|c| c.contains(n)) {
                out.push(members);
            }
        }
    }
    out
}

#[test]
fn nothing_imports_the_command_line() {
    let g = graph();
    for (m, refs) in &g.edges {
        if m == "cli" || m.starts_with("cli::") || m == "main" || m == "lib" {
            continue;
        }
        let bad: Vec<&String> = refs.iter().filter(|r| r.starts_with("cli")).collect();
        assert!(bad.is_empty(), "{m} imports {bad:?}");
    }
}

#[test]
fn the_sandbox_uses_only_the_wire_types_of_the_client() {
    let g = graph();
    for (m, refs) in g.edges.iter().filter(|(m, _)| m.starts_with("sandbox")) {
        for r in refs {
            assert!(
                r.starts_with("sandbox")
                    || r == "graph::model"
                    || r.starts_with("graph::model::")
                    || r == "private_file",
                "{m} imports {r}: the sandbox may use only graph::model of the client"
            );
        }
    }
}

#[test]
fn no_circles_between_modules() {
    let g = graph();
    let mut units: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, refs) in &g.edges {
        if m == "main" || m == "lib" {
            continue;
        }
        let from = unit(m);
        let entry = units.entry(from.clone()).or_default();
        for r in refs {
            let to = unit(r);
            if to != from {
                entry.insert(to);
            }
        }
    }
    assert_eq!(circles(&units), Vec::<Vec<String>>::new(), "{units:#?}");
}

#[test]
fn no_circles_between_the_sandboxs_files_and_nobody_imports_its_router() {
    let g = graph();
    let sandbox: BTreeMap<String, BTreeSet<String>> = g
        .edges
        .iter()
        .filter(|(m, _)| m.starts_with("sandbox::"))
        .map(|(m, refs)| {
            (
                m.clone(),
                refs.iter()
                    .filter(|r| r.starts_with("sandbox::"))
                    .cloned()
                    .collect(),
            )
        })
        .collect();
    for (m, refs) in &sandbox {
        assert!(!refs.contains("sandbox::server"), "{m} imports the router");
    }
    assert_eq!(circles(&sandbox), Vec::<Vec<String>>::new(), "{sandbox:#?}");
}

/// One door for every change: only `src/change/` makes a [`Permit`] (which every Graph write
/// takes), and the door sits beneath the command line and bulk runs, never above them.
#[test]
fn only_the_door_grants_a_permit_and_it_sits_beneath_cli_and_bulk() {
    // `granted(` in any spelling (an alias of Permit included), or a Permit built by hand
    let granted = Regex::new(r"\bgranted\s*\(|Permit\s*\{").unwrap();
    for (m, code) in sources() {
        if m == "change" || m.starts_with("change::") || m == "graph::permit" {
            continue;
        }
        assert!(
            !granted.is_match(&code),
            "{m} makes a Permit: every change goes through the door (src/change/)"
        );
    }
    let g = graph();
    for (m, refs) in g.edges.iter().filter(|(m, _)| m.starts_with("change")) {
        for r in refs {
            assert!(
                !(r.starts_with("cli") || r.starts_with("bulk")),
                "{m} imports {r}: the door sits beneath cli and bulk"
            );
        }
    }
    assert!(g.edges["bulk::run"].iter().any(|r| r.starts_with("change")));
    assert!(
        g.edges["cli::oncall"]
            .iter()
            .any(|r| r.starts_with("change"))
    );
}

/// A Graph write needs a permit in its signature: a write method of the client without one
/// would let a change skip the door.
#[test]
fn every_write_of_the_graph_client_takes_a_permit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/graph");
    let fns = Regex::new(r"(?s)pub async fn (\w+)\s*(<[^>]*>)?\s*\(([^)]*)\)").unwrap();
    let mut writes = 0;
    for file in [
        "methods.rs",
        "users.rs",
        "client.rs",
        "mail.rs",
        "logs.rs",
        "exchange.rs",
    ] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        for f in fns.captures_iter(&text) {
            let (name, params) = (&f[1], &f[3]);
            let body_start = f.get(0).unwrap().end();
            let body = &text[body_start
                ..text[body_start..]
                    .find("\n    }\n")
                    .map_or(text.len(), |e| body_start + e)];
            let sends_a_change = body.contains("Method::PATCH")
                || body.contains("Method::DELETE")
                || body.contains("Call::post(")
                || body.contains("self.write(");
            if sends_a_change {
                writes += 1;
                assert!(
                    params.contains("&Permit"),
                    "graph/{file}: {name} sends a change without taking the door's Permit"
                );
            }
        }
    }
    assert!(
        writes >= 7,
        "the checker found the client's writes ({writes})"
    );
}

/// The command line's files import each other without circles (a handler file never imports
/// the one that imports it), nor do the files of the door and of the connection.
#[test]
fn no_circles_between_the_files_of_a_module() {
    let g = graph();
    for module in [
        "cli::",
        "change::",
        "connect::",
        "guard::",
        "bulk::",
        "ops::",
    ] {
        let files: BTreeMap<String, BTreeSet<String>> = g
            .edges
            .iter()
            .filter(|(m, _)| m.starts_with(module))
            .map(|(m, refs)| {
                (
                    m.clone(),
                    refs.iter()
                        .filter(|r| r.starts_with(module) && *r != m)
                        .cloned()
                        .collect(),
                )
            })
            .collect();
        assert_eq!(circles(&files), Vec::<Vec<String>>::new(), "{module}");
    }
}

#[test]
fn the_checker_sees_imports() {
    // the checker itself: a known import is found, through a `use` list and a plain path
    let g = graph();
    assert!(g.edges["graph::client"].contains("auth"));
    assert!(g.edges["sandbox::server"].contains("sandbox::tenant"));
    assert!(g.edges["cli::ctx"].contains("connect"));
    let mut toy = BTreeMap::new();
    toy.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    toy.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(circles(&toy).len(), 1);
}

/// The test hooks that swap what a person would give care (`CARE_ANSWERS`: the answers to its
/// questions; `CARE_DISTRICT_POLICY`: where the district's policy is) are read only by a debug
/// build, the one `cargo test` runs: each is read in one function under
/// `#[cfg(debug_assertions)]`, and nowhere else.
#[test]
fn test_hooks_are_read_only_by_debug_builds() {
    let sources = sources();
    for hook in ["\"CARE_ANSWERS\"", "\"CARE_DISTRICT_POLICY\""] {
        let places: Vec<(&String, usize)> = sources
            .iter()
            .flat_map(|(module, code)| code.match_indices(hook).map(move |(at, _)| (module, at)))
            .collect();
        assert_eq!(places.len(), 1, "{hook} is read in one place: {places:?}");
        let (module, at) = places[0];
        let code = &sources[module];
        let function = code[..at].rfind("\nfn ").expect("inside a function");
        let before = code[..function].trim_end();
        assert!(
            before.ends_with("#[cfg(debug_assertions)]"),
            "{hook} in {module} is read by a release build too"
        );
    }
}

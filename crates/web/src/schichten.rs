//! The web crate flows one way: route modules are leaves. They use `view`, `http` and the
//! services, and nothing (neither another route module nor a service) reaches into them.
//! The check reads the sources, so a new shortcut fails the build's tests, not a review.

use std::path::{Path, PathBuf};

fn quellen(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src readable") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            quellen(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The lines of a file outside its `#[cfg(test)]` module, without comments.
fn code_zeilen(text: &str) -> Vec<(usize, &str)> {
    let ende = text.find("#[cfg(test)]").unwrap_or(text.len());
    text[..ende]
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.starts_with("//"))
        .collect()
}

/// Every use of `routes` from outside it, and every route module reaching a sibling.
fn verstoesse(datei: &str, text: &str) -> Vec<String> {
    let in_routes = datei.starts_with("routes/");
    // The two router files mount their children; that is the one allowed direction.
    let mountet = matches!(datei, "routes/mod.rs" | "routes/pages/mod.rs" | "lib.rs");
    let mut v = Vec::new();
    for (n, l) in code_zeilen(text) {
        let aussen = !in_routes && l.contains("routes::") && !(mountet && l.contains("routes::router("));
        let quer = in_routes && !mountet && (l.contains("super::") || l.contains("crate::routes"));
        if aussen || quer {
            v.push(format!("{datei}:{n}: {l}"));
        }
    }
    v
}

#[test]
fn nothing_imports_from_routes() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dateien = Vec::new();
    quellen(&src, &mut dateien);
    assert!(dateien.len() > 40, "the sources were found");
    let mut alle = Vec::new();
    for p in dateien {
        let rel = p
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&p).expect("readable");
        alle.extend(verstoesse(&rel, &text));
    }
    assert!(alle.is_empty(), "imports from routes:\n{}", alle.join("\n"));
}

#[test]
fn the_check_finds_the_shortcuts_it_forbids() {
    let service = "use crate::routes::pages::priorisierung::ergebnis_zeilen;\n";
    assert_eq!(verstoesse("services/x.rs", service).len(), 1);
    let quer = "use super::{Form, Nav};\nfn f() { super::not_pushed(); }\n";
    assert_eq!(verstoesse("routes/pages/gruppe.rs", quer).len(), 2);
    let test_only = "fn f() {}\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n";
    assert!(verstoesse("routes/pages/plan.rs", test_only).is_empty());
    let mount = "let router = routes::router(state);\n";
    assert!(verstoesse("lib.rs", mount).is_empty());
    let kommentar = "// see crate::routes::api for the router\n";
    assert!(verstoesse("services/y.rs", kommentar).is_empty());
}

//! `docs/lifecycle.md` holds the lifecycle diagram generated from the transition table by
//! [`send_lifecycle::lifecycle_mermaid`]; this test fails when the file's diagram is stale.
//!
//! Regenerate it with `UPDATE_DOCS=1 cargo test --test docs`: only the ```` ```mermaid ````
//! block is rewritten, so the prose around it can be edited by hand.

use std::path::PathBuf;

const FENCE_OPEN: &str = "```mermaid\n";
const FENCE_CLOSE: &str = "```";

fn doc_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/lifecycle.md")
}

/// The text before the diagram, the diagram, and the text after it (from the closing fence).
fn split(doc: &str) -> Option<(&str, &str, &str)> {
    let start = doc.find(FENCE_OPEN)? + FENCE_OPEN.len();
    let (before, rest) = doc.split_at(start);
    // The closing fence is the first line that is exactly "```".
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == FENCE_CLOSE {
            let (diagram, after) = rest.split_at(offset);
            return Some((before, diagram, after));
        }
        offset += line.len();
    }
    None
}

#[test]
fn the_lifecycle_diagram_in_docs_is_generated_from_the_table() {
    let path = doc_path();
    let doc = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let Some((before, diagram, after)) = split(&doc) else {
        panic!(
            "{} has no ```mermaid block closed by a ``` line",
            path.display()
        );
    };
    let generated = send_lifecycle::lifecycle_mermaid();
    if diagram == generated {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| v == "1") {
        let updated = format!("{before}{generated}{after}");
        std::fs::write(&path, updated)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        eprintln!("rewrote the diagram in {}", path.display());
        return;
    }
    panic!(
        "the diagram in {} is stale: it differs from send_lifecycle::lifecycle_mermaid().\n\
         Regenerate it with:\n\n    UPDATE_DOCS=1 cargo test --test docs\n\n\
         --- in the file ---\n{diagram}\n--- generated ---\n{generated}",
        path.display()
    );
}

#[test]
fn the_diagram_names_every_stage() {
    let generated = send_lifecycle::lifecycle_mermaid();
    for stage in send_lifecycle::Stage::ALL {
        assert!(
            generated.contains(stage.as_str()),
            "the diagram leaves out the stage {stage}"
        );
    }
}

#[test]
fn a_stale_diagram_is_noticed() {
    let doc = format!("intro\n{FENCE_OPEN}stateDiagram-v2\n    a --> b\n{FENCE_CLOSE}\nafter\n");
    let (before, diagram, after) = split(&doc).unwrap_or(("", "", ""));
    assert_eq!(before, "intro\n```mermaid\n");
    assert_eq!(diagram, "stateDiagram-v2\n    a --> b\n");
    assert_eq!(after, "```\nafter\n");
    assert_ne!(diagram, send_lifecycle::lifecycle_mermaid());
}

/// The README's embedding snippet hands a file that cannot be read to its caller as an
/// `Err` (issue 11: `unwrap_or_default` turned a missing file into a report about an empty
/// document, "the input ends before the JSON document does").
#[test]
fn the_readme_snippet_does_not_turn_a_missing_file_into_a_report() {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap_or_default();
    let snippet = readme
        .split("```rust\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .find(|code| code.contains("validate_json(&bytes"))
        .unwrap_or_else(|| panic!("README.md has no embedding snippet"));
    let read = snippet
        .lines()
        .find(|l| l.contains("fs::read(") && l.contains("let bytes"))
        .unwrap_or_else(|| panic!("the snippet reads no file:\n{snippet}"));
    assert!(read.trim_end().ends_with(")?;"), "{read}");
    assert!(!snippet.contains("unwrap_or_default"), "{snippet}");
}

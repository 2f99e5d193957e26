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
fn each_frameworks_diagram_names_each_of_its_stages() {
    for framework in send_lifecycle::Framework::ALL {
        let generated = send_lifecycle::framework_mermaid(*framework);
        let decl = send_lifecycle::Declaration::of(*framework);
        for stage in decl.stages() {
            assert!(
                generated.contains(stage.as_str()),
                "the {framework} diagram leaves out the stage {stage}"
            );
        }
    }
    // Every stage is in some framework's diagram.
    for stage in send_lifecycle::Stage::ALL {
        assert!(send_lifecycle::Framework::ALL
            .iter()
            .any(|f| send_lifecycle::Declaration::of(*f).stages().contains(stage)));
    }
}

#[test]
fn the_2023_lifecycle_diagram_in_docs_is_generated_from_its_declaration() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/lifecycle-2023.md");
    let generated = send_lifecycle::framework_mermaid(send_lifecycle::Framework::AreaSend2023);
    let doc = std::fs::read_to_string(&path).unwrap_or_default();
    let in_file = split(&doc).map(|(_, d, _)| d.to_owned());
    if in_file.as_deref() == Some(generated.as_str()) {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| v == "1") {
        let text = format!(
            "# The 2023 area SEND framework's lifecycle\n\nGenerated from `src/lifecycle/area_send_2023.rs` by `send_lifecycle::framework_mermaid` (`UPDATE_DOCS=1 cargo test --test docs` rewrites it); a test fails when it is stale.\n\n{FENCE_OPEN}{generated}{FENCE_CLOSE}\n"
        );
        std::fs::write(&path, text)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    panic!(
        "{} is stale or missing; regenerate it with UPDATE_DOCS=1 cargo test --test docs",
        path.display()
    );
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

/// The main entry points each show an `# Example` in their docs (issue 11): the doc block
/// right above each item's definition must hold one.
#[test]
fn the_main_entry_points_have_an_example() {
    const ITEMS: &[(&str, &str)] = &[
        ("src/validate/mod.rs", "pub fn validate_json("),
        ("src/validate/mod.rs", "pub fn validate("),
        ("src/validate/mod.rs", "pub fn validate_str("),
        ("src/validate/mod.rs", "pub fn validate_traced("),
        ("src/validate/mod.rs", "pub struct Options "),
        ("src/engine/mod.rs", "pub struct Lifecycle "),
        ("src/engine/mod.rs", "pub fn judge("),
        ("src/report.rs", "pub struct Report "),
        ("src/diagnostic.rs", "pub struct Diagnostic "),
        ("src/json.rs", "pub struct Limits "),
        ("src/policy.rs", "pub struct Policy "),
        ("src/calendar.rs", "pub struct Calendar "),
        ("src/date.rs", "pub enum EventDate "),
        ("src/lifecycle/mod.rs", "pub struct Declaration "),
        ("src/typed.rs", "pub struct Inspected<"),
    ];
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    for (file, item) in ITEMS {
        let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let Some(at) = lines.iter().position(|l| l.trim_start().starts_with(item)) else {
            missing.push(format!("{file}: no `{item}`"));
            continue;
        };
        let has_example = lines[..at]
            .iter()
            .rev()
            .take_while(|l| {
                let l = l.trim_start();
                l.starts_with("///") || l.starts_with("#[")
            })
            .any(|l| l.trim_start() == "/// # Example");
        if !has_example {
            missing.push(format!("{file}: `{item}` has no `# Example`"));
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

/// CHANGELOG.md names every breaking change since 0.1.0 with its migration: each name of
/// the 0.1.0 API that was renamed, removed or made private appears in a bullet of the
/// breaking changes that says how to migrate (or that none is needed).
#[test]
fn the_changelog_gives_each_breaking_change_its_migration() {
    const BROKEN: &[&str] = &[
        "typed::Area",
        "Refused<S>` no longer dereferences",
        "AfterInsufficientProgress",
        "NoticeMayBeInForce",
        "ReportOutcome",
        "`Rejection`'s fields",
        "UnexpectedStage",
        "DuplicateWeakness",
        "`Deadline`'s fields",
        "Transition::rule",
        "`Rule` and `WeaknessRule`",
        "WeaknessReport",
        "Area::example()",
        "OneOffHoliday",
        "`Phase`",
        "Diagnostic::severity",
        "Info < Warning < Error",
        "`Unknown` variant",
        "max_diagnostics_per_event",
        "missing member",
    ];
    let text =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("CHANGELOG.md"))
            .unwrap_or_default();
    let breaking = text
        .split("### Breaking changes")
        .nth(1)
        .and_then(|rest| rest.split("\n### ").next())
        .unwrap_or_else(|| panic!("CHANGELOG.md has no `### Breaking changes` section"));
    // One bullet per change: from "- " at the start of a line to the next.
    let bullets: Vec<&str> = breaking.split("\n- ").skip(1).collect();
    let reader = breaking.split("**Reader").nth(1).unwrap_or("");
    let mut missing = Vec::new();
    for name in BROKEN {
        let Some(bullet) = bullets.iter().find(|b| b.contains(name)) else {
            missing.push(format!("{name}: not in the breaking changes"));
            continue;
        };
        // The reader's changes are behaviour, not API: they say what changed instead.
        if !bullet.contains("*Migration:*") && !reader.contains(name) {
            missing.push(format!("{name}: no *Migration:*"));
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

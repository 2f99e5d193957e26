//! Every message stands on its own: a finding about an event names the event, and a
//! finding in a stage names the stage — over every code fixture and real case.

use std::fs;
use std::path::Path;

use send_lifecycle::{validate_json, Options};

fn timelines(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.ends_with(".json") && !name.ends_with(".expected.json") {
            out.push(p);
        }
    }
}

#[test]
fn every_message_names_its_event_and_its_stage() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut files = Vec::new();
    timelines(&root, &mut files);
    timelines(&root.join("codes"), &mut files);
    files.sort();
    assert!(files.len() > 50, "only {} timelines found", files.len());
    let mut wrong = Vec::new();
    let mut checked = 0;
    for f in &files {
        let bytes = fs::read(f).unwrap_or_default();
        let report = validate_json(&bytes, &Options::default());
        for d in &report.diagnostics {
            checked += 1;
            if let Some(i) = d.event_index {
                if !d.message.contains(&format!("event {i}")) {
                    wrong.push(format!(
                        "{}: {} does not name event {i}: {}",
                        f.display(),
                        d.code,
                        d.message
                    ));
                }
            }
            if let Some(s) = d.stage {
                if !d.message.contains(s.as_str()) {
                    wrong.push(format!(
                        "{}: {} does not name stage {s}: {}",
                        f.display(),
                        d.code,
                        d.message
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} messages:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(checked > 50, "only {checked} diagnostics checked");
}

//! Data-driven tests, in the style of the regex crate: every timeline `testdata/<case>.json`
//! is validated and compared with its hand-worked expected report
//! `testdata/<case>.expected.json` (the format is described in `testdata/README.md`).
//! Adding a case is adding those two files.
//!
//! The expectations are worked out by hand from the sources and the rules (each file's
//! `working` list shows how), never copied from the program's output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "common/expected.rs"]
mod expected;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use expected::{differences, missing, mistakes, read as read_expected};
use send_lifecycle::{validate_json, Options, Stage};

/// The fields every `testdata/*.expected.json` must give (the code cases need fewer).
const REQUIRED: &[&str] = &["valid", "stage", "wsoa_deadline", "weaknesses"];

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// The cases: `(name, timeline path, expected path)`, sorted by name.
fn cases() -> Vec<(String, PathBuf, PathBuf)> {
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(testdata()).expect("testdata/ is readable") {
        let path = entry.expect("a directory entry").path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if let Some(case) = name.strip_suffix(".expected.json") {
            assert!(
                testdata().join(format!("{case}.json")).is_file(),
                "{name} has no timeline testdata/{case}.json"
            );
        } else if let Some(case) = name.strip_suffix(".json") {
            let expected = testdata().join(format!("{case}.expected.json"));
            assert!(
                expected.is_file(),
                "testdata/{name} has no expected report testdata/{case}.expected.json"
            );
            cases.push((case.to_owned(), path.clone(), expected));
        }
    }
    cases.sort();
    cases
}

#[test]
fn every_timeline_in_testdata_matches_its_hand_worked_expected_report() {
    let cases = cases();
    let names: Vec<&str> = cases.iter().map(|(n, _, _)| n.as_str()).collect();
    for required in ["leicester_city", "leicestershire"] {
        assert!(names.contains(&required), "missing case {required}");
    }
    let mut failures = String::new();
    for (name, timeline, expected) in &cases {
        let bytes = std::fs::read(timeline).expect("the timeline is readable");
        let expected = read_expected(expected);
        let report = validate_json(&bytes, &expected.options);
        let mut diffs = missing(&expected, REQUIRED);
        diffs.extend(mistakes(&expected));
        diffs.extend(differences(&bytes, &report, &expected));
        if !diffs.is_empty() {
            let _ = writeln!(failures, "\n== testdata/{name}.json");
            for d in diffs {
                let _ = writeln!(failures, "- {d}");
            }
        }
    }
    assert!(failures.is_empty(), "fixtures differ:{failures}");
}

#[test]
fn every_event_in_testdata_cites_its_source() {
    for (name, timeline, _) in cases() {
        let text = std::fs::read_to_string(&timeline).expect("the timeline is readable");
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let events = value["events"].as_array().expect("an events list");
        for (i, e) in events.iter().enumerate() {
            // A public document, by publisher, title and date: not a file only a developer
            // has (`docs/domain.md`, "Sources", lists the documents).
            let source = e["source"].as_str().unwrap_or_default();
            let dated = source
                .split(|c: char| !c.is_ascii_digit())
                .any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")));
            assert!(
                dated && !source.contains(".txt") && !source.contains(".md"),
                "testdata/{name}.json event {i} does not cite a dated public document: {source:?}"
            );
        }
    }
}

#[test]
fn a_wrong_expectation_is_reported() {
    // The comparison must be able to fail: tamper with each part of a real expectation.
    let path = testdata().join("leicestershire.json");
    let bytes = std::fs::read(&path).expect("readable");
    let report = validate_json(&bytes, &Options::default());
    let good = read_expected(&testdata().join("leicestershire.expected.json"));
    assert!(differences(&bytes, &report, &good).is_empty());

    let mut wrong = good.clone();
    wrong.stage = Some(Stage::ConcludedSufficient);
    assert_eq!(differences(&bytes, &report, &wrong).len(), 1);

    let mut wrong = good.clone();
    if let Some(weaknesses) = wrong.weaknesses.as_mut() {
        weaknesses[1].stage = send_lifecycle::WeaknessStage::Sufficient;
    }
    assert_eq!(differences(&bytes, &report, &wrong).len(), 1);

    // A required field left out is named.
    let mut wrong = good.clone();
    wrong.wsoa_deadline = None;
    assert_eq!(missing(&wrong, REQUIRED).len(), 1);

    let mut wrong = good.clone();
    wrong.diagnostics.pop();
    assert_eq!(differences(&bytes, &report, &wrong).len(), 1);

    let mut wrong = good.clone();
    wrong.diagnostics[0].message_contains = vec!["no such text".to_owned()];
    assert_eq!(differences(&bytes, &report, &wrong).len(), 1);

    let mut wrong = good.clone();
    if let Some(replay) = wrong.replay.as_mut() {
        replay.stages[4] = Stage::WsoaDue;
        replay.deadlines_set.clear();
    }
    assert_eq!(differences(&bytes, &report, &wrong).len(), 2);
}

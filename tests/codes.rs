//! Every diagnostic code of the contract, triggered by a small timeline — and a near miss
//! that must not trigger it — as data, in the style of the regex crate's fixtures: every
//! `testdata/codes/<case>.json` is validated and compared with
//! `testdata/codes/<case>.expected.json` (the format, shared with the real timelines', is in
//! `testdata/README.md`; the naming of cases in `testdata/codes/README.md`). Adding a case
//! is adding those two files; a code in
//! [`Code::ALL`] without a triggering case and a near miss fails
//! [`every_code_has_a_triggering_case_and_a_near_miss`].
//!
//! Expected dates are worked out by hand from `domain.md` (each case's `about` says how),
//! never copied from the program's output. What the format cannot say stays below as a
//! small Rust test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "common/expected.rs"]
mod expected;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use expected::{differences, missing, mistakes, Expected};
use send_lifecycle::{validate_json, Code, Options, Report, Severity, Stage, WeaknessStatus};

/// The fields every code case must give (besides `diagnostics`, which every expectation
/// gives): the rest are compared when given.
const REQUIRED: &[&str] = &["about"];

struct Case {
    name: String,
    timeline: Vec<u8>,
    expected: Expected,
}

fn codes_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join("codes")
}

/// Every case in `testdata/codes/`, sorted by name. A timeline without its expectation, an
/// expectation without its timeline, another kind of file, or an expectation that does not
/// read is a failure.
fn cases() -> Vec<Case> {
    let dir = codes_dir();
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("testdata/codes/ is readable") {
        let path = entry.expect("a directory entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a file name in UTF-8")
            .to_owned();
        if let Some(case) = name.strip_suffix(".expected.json") {
            assert!(
                dir.join(format!("{case}.json")).is_file(),
                "testdata/codes/{name} has no timeline {case}.json"
            );
        } else if let Some(case) = name.strip_suffix(".json") {
            let expected_path = dir.join(format!("{case}.expected.json"));
            assert!(
                expected_path.is_file(),
                "testdata/codes/{name} has no expectation {case}.expected.json"
            );
            cases.push(Case {
                name: case.to_owned(),
                timeline: std::fs::read(&path).expect("the timeline is readable"),
                expected: expected::read(&expected_path),
            });
        } else {
            assert!(
                name == "README.md",
                "testdata/codes/{name} is neither a case nor the README"
            );
        }
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

/// Mistakes in a code case's expectation: those of any expectation, a required field left
/// out, and a case named `<code>.near_miss…` that does not list `<code>` in `absent`.
fn fixture_mistakes(name: &str, expected: &Expected) -> Vec<String> {
    let mut out = missing(expected, REQUIRED);
    out.extend(mistakes(expected));
    if let Some((head, _)) = name.split_once(".near_miss") {
        match Code::from_name(head) {
            Some(code) if !expected.absent.contains(&code) => {
                out.push(format!(
                    "is named a near miss of {code} but does not list it in `absent`"
                ));
            }
            _ if expected.absent.is_empty() => {
                out.push("is named a near miss but lists no code in `absent`".to_owned());
            }
            _ => {}
        }
    }
    out
}

fn run(case: &Case) -> Report {
    validate_json(&case.timeline, &case.expected.options)
}

#[test]
fn every_case_in_testdata_codes_gives_its_expected_report() {
    let cases = cases();
    assert!(
        cases.len() >= 2 * Code::ALL.len(),
        "only {} cases",
        cases.len()
    );
    let mut failures = String::new();
    for case in &cases {
        let mut diffs = fixture_mistakes(&case.name, &case.expected);
        diffs.extend(differences(&case.timeline, &run(case), &case.expected));
        if !diffs.is_empty() {
            let _ = writeln!(failures, "\n== testdata/codes/{}.json", case.name);
            for d in diffs {
                let _ = writeln!(failures, "- {d}");
            }
        }
    }
    assert!(failures.is_empty(), "code cases differ:{failures}");
}

/// The codes without a triggering case, and those without a near miss.
fn uncovered(cases: &[Case]) -> Vec<String> {
    let triggered: BTreeSet<Code> = cases
        .iter()
        .flat_map(|c| c.expected.diagnostics.iter().map(|d| d.code))
        .collect();
    let missed: BTreeSet<Code> = cases
        .iter()
        .flat_map(|c| c.expected.absent.iter().copied())
        .collect();
    let mut out = Vec::new();
    for code in Code::ALL {
        if !triggered.contains(code) {
            out.push(format!("{code}: no case triggers it"));
        }
        if !missed.contains(code) {
            out.push(format!(
                "{code}: no near miss (a case listing it in `absent`)"
            ));
        }
    }
    out
}

#[test]
fn every_code_has_a_triggering_case_and_a_near_miss() {
    let cases = cases();
    let missing = uncovered(&cases);
    assert!(
        missing.is_empty(),
        "testdata/codes/ lacks:\n{}",
        missing.join("\n")
    );
    // The check can fail: without the app_late cases it names both gaps.
    let without: Vec<Case> = cases
        .into_iter()
        .filter(|c| !c.name.starts_with("app_late"))
        .collect();
    assert_eq!(
        uncovered(&without),
        vec![
            "app_late: no case triggers it".to_owned(),
            "app_late: no near miss (a case listing it in `absent`)".to_owned(),
        ]
    );
}

#[test]
fn a_wrong_expectation_is_reported() {
    // The comparison must be able to fail: tamper with each part of a real expectation.
    let cases = cases();
    let case = cases
        .iter()
        .find(|c| c.name == "transition_not_allowed")
        .expect("the case transition_not_allowed");
    let report = run(case);
    let good = &case.expected;
    assert!(differences(&case.timeline, &report, good).is_empty());
    let wrong_by = |change: &dyn Fn(&mut Expected)| {
        let mut wrong = good.clone();
        change(&mut wrong);
        differences(&case.timeline, &report, &wrong).len()
    };
    assert_eq!(wrong_by(&|e| e.valid = Some(true)), 1);
    assert_eq!(wrong_by(&|e| e.stage = Some(Stage::Inspecting)), 1);
    assert_eq!(wrong_by(&|e| e.events_applied = Some(1)), 1);
    assert_eq!(wrong_by(&|e| e.events_total = Some(2)), 1);
    assert_eq!(
        wrong_by(&|e| e.wsoa_deadline = Some(NaiveDate::from_ymd_opt(2020, 7, 9))),
        1
    );
    assert_eq!(wrong_by(&|e| e.improvement_notice_in_force = Some(true)), 1);
    // The case's report lists no weakness, so an empty list matches and one does not.
    assert_eq!(wrong_by(&|e| e.weaknesses = Some(Vec::new())), 0);
    assert_eq!(
        wrong_by(&|e| e.weaknesses = Some(vec![WeaknessStatus::new(
            "W1",
            "a",
            send_lifecycle::WeaknessStage::InAction
        )])),
        1
    );
    // A code expected absent but reported: one line, though the list itself matches.
    assert_eq!(wrong_by(&|e| e.absent.push(Code::TransitionNotAllowed)), 1);
    assert_eq!(wrong_by(&|e| e.diagnostics.clear()), 1);
    assert_eq!(
        wrong_by(&|e| e.diagnostics[0].path = "/events/0".to_owned()),
        1
    );
    assert_eq!(wrong_by(&|e| e.diagnostics[0].event_index = None), 1);
    assert_eq!(
        wrong_by(&|e| e.diagnostics[0]
            .message_contains
            .push("no such text".to_owned())),
        1
    );
    assert_eq!(
        wrong_by(&|e| e.diagnostics[0].expected_contains.push("note_x".to_owned())),
        1
    );
    assert_eq!(
        wrong_by(&|e| e.diagnostics[0].stage = Some(Stage::Monitoring)),
        1
    );
    // A mistaken fixture is caught before it is run.
    let mut mistaken = good.clone();
    mistaken.diagnostics[0].severity = Severity::Warning;
    mistaken.absent.push(Code::TransitionNotAllowed);
    assert_eq!(fixture_mistakes("x", &mistaken).len(), 2);
    assert_eq!(
        fixture_mistakes("inspection_too_long.near_miss", good).len(),
        1
    );
}

#[test]
fn every_code_has_its_contract_severity() {
    use Severity::*;
    let expected = [
        ("malformed_json", Error),
        ("schema_violation", Error),
        ("unsupported_schema_version", Error),
        ("invalid_date", Error),
        ("events_out_of_order", Error),
        ("transition_not_allowed", Error),
        ("duplicate_weakness", Error),
        ("unknown_weakness", Error),
        ("missing_judgement", Error),
        ("rejudged_weakness", Error),
        ("invalid_action_counts", Error),
        ("letter_after_publication", Error),
        ("empty_text", Error),
        ("limit_exceeded", Error),
        ("wsoa_late", Warning),
        ("deadline_passed", Warning),
        ("monitoring_gap", Warning),
        ("inspection_too_long", Warning),
        ("revisit_too_long", Warning),
        ("health_body_anachronism", Warning),
        ("revisit_later_than_usual", Info),
        ("possibly_late", Info),
        // Added by this crate: the contract names no code for a late APP.
        ("app_late", Warning),
        // The contract's additions: the 2023 framework, crossing records, counts.
        ("framework_mismatch", Error),
        ("outcome_items_mismatch", Error),
        ("judgement_counts_mismatch", Error),
        ("pap_late", Warning),
        ("strategic_plan_late", Warning),
        ("framework_anachronism", Warning),
        ("monitoring_inspection_later_than_usual", Info),
        ("full_inspection_overdue", Info),
        // Added by this crate: an as-of day before anything happened, which would silence
        // deadline_passed (a caller's mistake, reported rather than accepted silently).
        ("as_of_before_events", Warning),
    ];
    assert_eq!(Code::ALL.len(), expected.len());
    for (name, severity) in expected {
        let code = Code::from_name(name).unwrap_or_else(|| panic!("no code {name}"));
        assert_eq!(code.severity(), severity, "{name}");
        assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{name}\""));
    }
}

#[test]
fn anything_at_all_gets_a_report() {
    let deep = "[".repeat(10_000);
    for input in [
        &b""[..],
        b"null",
        b"[]",
        b"\xff\xfe",
        b"{\"schema_version\": 1, \"area\": 5, \"events\": {}}",
        deep.as_bytes(),
    ] {
        let r = validate_json(input, &Options::default());
        assert!(!r.valid, "{:?}", String::from_utf8_lossy(input));
        assert!(!r.diagnostics.is_empty());
    }
}

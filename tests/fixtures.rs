//! Data-driven tests, in the style of the regex crate: every timeline `testdata/<case>.json`
//! is validated and compared with its hand-worked expected report
//! `testdata/<case>.expected.json` (the format is described in `testdata/README.md`).
//! Adding a case is adding those two files.
//!
//! The expectations are worked out by hand from the sources and the rules (each file's
//! `working` list shows how), never copied from the program's output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use send_lifecycle::{
    validate_json, Code, Deadline, DeadlineBasis, HealthBody, Lifecycle, Options, Policy, Report,
    Severity, Stage, Timeline, WeaknessReport,
};
use serde::Deserialize;

/// A hand-worked expected report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    valid: bool,
    stage: Stage,
    #[serde(default)]
    events_total: Option<usize>,
    #[serde(default)]
    events_applied: Option<usize>,
    /// Always compared: `null` means "no deadline known to the day".
    wsoa_deadline: Option<NaiveDate>,
    #[serde(default)]
    wsoa_deadline_window: Option<Deadline>,
    weaknesses: Vec<WeaknessReport>,
    #[serde(default)]
    health_bodies: Option<Vec<HealthBody>>,
    #[serde(default)]
    replay: Option<Replay>,
    diagnostics: Vec<ExpectedDiagnostic>,
    /// The hand-working, for people; not compared.
    #[serde(default)]
    #[allow(dead_code)]
    working: Vec<String>,
}

/// What replaying the timeline event by event on the runtime engine must give.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Replay {
    /// The stage after each event.
    stages: Vec<Stage>,
    /// Every deadline an event set or revised.
    deadlines_set: Vec<DeadlineSet>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeadlineSet {
    event_index: usize,
    earliest: NaiveDate,
    latest: NaiveDate,
    basis: DeadlineBasis,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedDiagnostic {
    code: Code,
    severity: Severity,
    path: String,
    #[serde(default)]
    event_index: Option<usize>,
    /// Substrings the message must contain (messages are otherwise free text).
    #[serde(default)]
    message_contains: Vec<String>,
}

type Key = (Code, Severity, String, Option<usize>);

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

/// Every difference between the report (and the replay) and the expectation, one line each.
fn differences(timeline_bytes: &[u8], report: &Report, expected: &Expected) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |what: &str, same: bool, actual: String, wanted: String| {
        if !same {
            out.push(format!("{what}: got {actual}, expected {wanted}"));
        }
    };
    check(
        "valid",
        report.valid == expected.valid,
        report.valid.to_string(),
        expected.valid.to_string(),
    );
    check(
        "stage",
        report.stage == expected.stage,
        report.stage.to_string(),
        expected.stage.to_string(),
    );
    if let Some(n) = expected.events_total {
        check(
            "events_total",
            report.events_total == n,
            report.events_total.to_string(),
            n.to_string(),
        );
    }
    if let Some(n) = expected.events_applied {
        check(
            "events_applied",
            report.events_applied == n,
            report.events_applied.to_string(),
            n.to_string(),
        );
    }
    check(
        "wsoa_deadline",
        report.wsoa_deadline == expected.wsoa_deadline,
        format!("{:?}", report.wsoa_deadline),
        format!("{:?}", expected.wsoa_deadline),
    );
    if expected.wsoa_deadline_window.is_some() {
        check(
            "wsoa_deadline_window",
            report.wsoa_deadline_window == expected.wsoa_deadline_window,
            format!("{:?}", report.wsoa_deadline_window),
            format!("{:?}", expected.wsoa_deadline_window),
        );
    }
    check(
        "weaknesses",
        report.weaknesses == expected.weaknesses,
        format!("{:#?}", report.weaknesses),
        format!("{:#?}", expected.weaknesses),
    );
    if let Some(bodies) = &expected.health_bodies {
        check(
            "health_bodies",
            &report.health_bodies == bodies,
            format!("{:?}", report.health_bodies),
            format!("{bodies:?}"),
        );
    }

    let actual: Vec<Key> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity, d.path.clone(), d.event_index))
        .collect();
    let wanted: Vec<Key> = expected
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity, d.path.clone(), d.event_index))
        .collect();
    if actual == wanted {
        for (d, e) in report.diagnostics.iter().zip(&expected.diagnostics) {
            for part in &e.message_contains {
                if !d.message.contains(part.as_str()) {
                    out.push(format!(
                        "diagnostic {} at {}: the message does not contain {part:?}: {}",
                        d.code, d.path, d.message
                    ));
                }
            }
        }
    } else {
        let mut text = String::from("diagnostics differ (code, severity, path, event_index):\n");
        let _ = writeln!(text, "  got:");
        for (d, k) in report.diagnostics.iter().zip(&actual) {
            let _ = writeln!(text, "    {k:?} — {}", d.message);
        }
        let _ = writeln!(text, "  expected:");
        for k in &wanted {
            let _ = writeln!(text, "    {k:?}");
        }
        out.push(text);
    }

    if let Some(replay) = &expected.replay {
        out.extend(replay_differences(timeline_bytes, replay));
    }
    out
}

/// Replays the timeline on the runtime engine, one event at a time.
fn replay_differences(timeline_bytes: &[u8], replay: &Replay) -> Vec<String> {
    let timeline: Timeline = match serde_json::from_slice(timeline_bytes) {
        Ok(t) => t,
        Err(e) => return vec![format!("replay: the timeline does not read strictly: {e}")],
    };
    let mut engine = Lifecycle::new(timeline.area, Policy::default());
    let mut stages = Vec::new();
    let mut deadlines = Vec::new();
    for (i, event) in timeline.events.into_iter().enumerate() {
        match engine.apply(event) {
            Ok(t) => {
                stages.push(t.to);
                if let Some(d) = t.deadline_set {
                    deadlines.push(DeadlineSet {
                        event_index: i,
                        earliest: d.earliest,
                        latest: d.latest,
                        basis: d.basis,
                    });
                }
            }
            Err(r) => return vec![format!("replay: the engine refused event {i}: {r}")],
        }
    }
    let mut out = Vec::new();
    if stages != replay.stages {
        out.push(format!(
            "replay: stages after each event differ:\n  got      {:?}\n  expected {:?}",
            stages.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            replay.stages.iter().map(|s| s.as_str()).collect::<Vec<_>>()
        ));
    }
    if deadlines != replay.deadlines_set {
        out.push(format!(
            "replay: deadlines set differ:\n  got      {deadlines:?}\n  expected {:?}",
            replay.deadlines_set
        ));
    }
    out
}

fn read_expected(path: &Path) -> Expected {
    let text = std::fs::read_to_string(path).expect("the expected report is readable");
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not a valid expected report: {e}", path.display()))
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
        let report = validate_json(&bytes, &Options::default());
        let diffs = differences(&bytes, &report, &read_expected(expected));
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
    wrong.stage = Stage::ConcludedSufficient;
    assert_eq!(differences(&bytes, &report, &wrong).len(), 1);

    let mut wrong = good.clone();
    wrong.weaknesses[1].stage = send_lifecycle::WeaknessStage::Sufficient;
    assert_eq!(differences(&bytes, &report, &wrong).len(), 1);

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

//! The expected-report format of `testdata/`, stated once for both data-driven tests:
//! `tests/fixtures.rs` (the real timelines, `testdata/*.expected.json`) and `tests/codes.rs`
//! (the code cases, `testdata/codes/*.expected.json`). The format is described in
//! `testdata/README.md`; each test says which fields its files must give.
//!
//! Included with `#[path = "common/expected.rs"] mod expected;` (not through
//! `common/mod.rs`, which holds the property tests' generators).
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use send_lifecycle::{
    Code, Deadline, DeadlineBasis, Framework, HealthBody, Improvement, ItemCounts, Legacy,
    Lifecycle, Options, Outcome, Policy, Report, Severity, Stage, Timeline, WeaknessStatus,
};
use serde::{Deserialize, Deserializer};

/// A hand-worked expected report. A field left out is not compared (but see [`missing`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// What the case shows and how its figures were worked out, for people; not compared.
    #[serde(default)]
    pub about: Option<String>,
    /// The hand-working, one step a line, for people; not compared.
    #[serde(default)]
    pub working: Vec<String>,
    /// The validator's options (policy, `as_of`, limits); the defaults when absent.
    #[serde(default)]
    pub options: Options,
    /// Codes that must not be reported: the case is a near miss of each.
    #[serde(default)]
    pub absent: Vec<Code>,
    #[serde(default)]
    pub valid: Option<bool>,
    #[serde(default)]
    pub stage: Option<Stage>,
    #[serde(default)]
    pub events_total: Option<usize>,
    #[serde(default)]
    pub events_applied: Option<usize>,
    /// `null` means "no deadline known to the day"; absent means "not compared".
    #[serde(default, deserialize_with = "present")]
    pub wsoa_deadline: Option<Option<NaiveDate>>,
    #[serde(default)]
    pub wsoa_deadline_window: Option<Deadline>,
    #[serde(default)]
    pub improvement_notice_in_force: Option<bool>,
    #[serde(default)]
    pub weaknesses: Option<Vec<WeaknessStatus>>,
    #[serde(default)]
    pub health_bodies: Option<Vec<HealthBody>>,
    #[serde(default)]
    pub replay: Option<Replay>,
    /// The framework in force at the end.
    #[serde(default)]
    pub framework: Option<Framework>,
    /// The latest 2023 outcome; `null` compared as "none".
    #[serde(default, deserialize_with = "present")]
    pub outcome: Option<Option<Outcome>>,
    /// The open legacy record; `null` compared as "none".
    #[serde(default, deserialize_with = "present")]
    pub legacy: Option<Option<Legacy>>,
    #[serde(default)]
    pub priority_actions: Option<Vec<WeaknessStatus>>,
    #[serde(default)]
    pub improvements: Option<Vec<Improvement>>,
    #[serde(default)]
    pub item_counts: Option<ItemCounts>,
    /// What is due next, compared without the `basis` (free text).
    #[serde(default)]
    pub next_due: Option<Vec<ExpectedDue>>,
    /// Every diagnostic, in the report's order: always compared, exactly.
    pub diagnostics: Vec<ExpectedDiagnostic>,
}

/// A `next_due` entry as a fixture gives it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedDue {
    pub what: String,
    pub framework: Framework,
    pub earliest: Option<NaiveDate>,
    pub latest: Option<NaiveDate>,
    /// For people; not compared.
    #[serde(default)]
    pub basis: Option<String>,
    pub firm: bool,
    #[serde(default)]
    pub recorded: Option<bool>,
}

/// A field that may be `null`: present (even as `null`) gives `Some`.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// What replaying the timeline event by event on the runtime engine must give.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replay {
    /// The stage after each event.
    pub stages: Vec<Stage>,
    /// Every deadline an event set or revised.
    pub deadlines_set: Vec<DeadlineSet>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineSet {
    pub event_index: usize,
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
    pub basis: DeadlineBasis,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedDiagnostic {
    pub code: Code,
    pub severity: Severity,
    pub path: String,
    /// Compared always: left out, the diagnostic must name no event.
    #[serde(default)]
    pub event_index: Option<usize>,
    /// The stage the diagnostic names, when given.
    #[serde(default)]
    pub stage: Option<Stage>,
    /// Substrings the message must contain (messages are otherwise free text).
    #[serde(default)]
    pub message_contains: Vec<String>,
    /// Entries the diagnostic's `expected` list must hold.
    #[serde(default)]
    pub expected_contains: Vec<String>,
}

type Key = (Code, Severity, String, Option<usize>);

/// The differences in the 2023 framework's and crossing records' fields.
fn framework_differences(report: &Report, expected: &Expected) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |what: &str, same: bool, actual: String, wanted: String| {
        if !same {
            out.push(format!("- {what}: got {actual}, expected {wanted}"));
        }
    };
    if let Some(f) = expected.framework {
        check(
            "framework",
            report.framework == f,
            format!("{}", report.framework),
            format!("{f}"),
        );
    }
    if let Some(o) = expected.outcome {
        check(
            "outcome",
            report.outcome == o,
            format!("{:?}", report.outcome),
            format!("{o:?}"),
        );
    }
    if let Some(l) = &expected.legacy {
        check(
            "legacy",
            &report.legacy == l,
            format!("{:?}", report.legacy),
            format!("{l:?}"),
        );
    }
    if let Some(p) = &expected.priority_actions {
        check(
            "priority_actions",
            &report.priority_actions == p,
            format!("{:#?}", report.priority_actions),
            format!("{p:#?}"),
        );
    }
    if let Some(i) = &expected.improvements {
        check(
            "improvements",
            &report.improvements == i,
            format!("{:?}", report.improvements),
            format!("{i:?}"),
        );
    }
    if let Some(c) = &expected.item_counts {
        check(
            "item_counts",
            &report.item_counts == c,
            format!("{:?}", report.item_counts),
            format!("{c:?}"),
        );
    }
    if let Some(due) = &expected.next_due {
        let got: Vec<ExpectedDue> = report
            .next_due
            .iter()
            .map(|d| ExpectedDue {
                what: d.what.clone(),
                framework: d.framework,
                earliest: d.earliest,
                latest: d.latest,
                basis: None,
                firm: d.firm,
                recorded: d.recorded,
            })
            .collect();
        let wanted: Vec<ExpectedDue> = due
            .iter()
            .map(|d| ExpectedDue {
                basis: None,
                ..d.clone()
            })
            .collect();
        check(
            "next_due",
            got == wanted,
            format!("{got:#?}"),
            format!("{wanted:#?}"),
        );
    }
    out
}

/// Reads an expected report, failing with the file's name.
pub fn read(path: &Path) -> Expected {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{} is not readable: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not a valid expected report: {e}", path.display()))
}

/// The fields of `required` that `expected` leaves out.
pub fn missing(expected: &Expected, required: &[&str]) -> Vec<String> {
    let given = |field: &str| match field {
        "about" => expected.about.is_some(),
        "valid" => expected.valid.is_some(),
        "stage" => expected.stage.is_some(),
        "wsoa_deadline" => expected.wsoa_deadline.is_some(),
        "weaknesses" => expected.weaknesses.is_some(),
        other => panic!("no required field {other}"),
    };
    required
        .iter()
        .filter(|f| !given(f))
        .map(|f| format!("the field `{f}` is required here"))
        .collect()
}

/// Mistakes in an expectation itself, which would make it test less than it seems to: a
/// code given a severity not its own, or expected both present and absent.
pub fn mistakes(expected: &Expected) -> Vec<String> {
    let mut out = Vec::new();
    for d in &expected.diagnostics {
        if d.severity != d.code.severity() {
            out.push(format!(
                "expects {} as {}, but the code's severity is {}",
                d.code,
                d.severity,
                d.code.severity()
            ));
        }
        if expected.absent.contains(&d.code) {
            out.push(format!("expects {} both present and absent", d.code));
        }
    }
    out
}

/// Every difference between the report (and the replay) and the expectation, one line each.
pub fn differences(timeline_bytes: &[u8], report: &Report, expected: &Expected) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |what: &str, same: bool, actual: String, wanted: String| {
        if !same {
            out.push(format!("{what}: got {actual}, expected {wanted}"));
        }
    };
    if let Some(valid) = expected.valid {
        check(
            "valid",
            report.valid == valid,
            report.valid.to_string(),
            valid.to_string(),
        );
    }
    if let Some(stage) = expected.stage {
        check(
            "stage",
            report.stage == stage,
            report.stage.to_string(),
            stage.to_string(),
        );
    }
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
    if let Some(day) = expected.wsoa_deadline {
        check(
            "wsoa_deadline",
            report.wsoa_deadline == day,
            format!("{:?}", report.wsoa_deadline),
            format!("{day:?}"),
        );
    }
    if expected.wsoa_deadline_window.is_some() {
        check(
            "wsoa_deadline_window",
            report.wsoa_deadline_window == expected.wsoa_deadline_window,
            format!("{:?}", report.wsoa_deadline_window),
            format!("{:?}", expected.wsoa_deadline_window),
        );
    }
    if let Some(b) = expected.improvement_notice_in_force {
        check(
            "improvement_notice_in_force",
            report.improvement_notice_in_force == b,
            report.improvement_notice_in_force.to_string(),
            b.to_string(),
        );
    }
    if let Some(weaknesses) = &expected.weaknesses {
        check(
            "weaknesses",
            &report.weaknesses == weaknesses,
            format!("{:#?}", report.weaknesses),
            format!("{weaknesses:#?}"),
        );
    }
    if let Some(bodies) = &expected.health_bodies {
        check(
            "health_bodies",
            &report.health_bodies == bodies,
            format!("{:?}", report.health_bodies),
            format!("{bodies:?}"),
        );
    }
    out.extend(framework_differences(report, expected));
    out.extend(diagnostic_differences(report, expected));
    if let Some(replay) = &expected.replay {
        out.extend(replay_differences(timeline_bytes, replay));
    }
    out
}

fn diagnostic_differences(report: &Report, expected: &Expected) -> Vec<String> {
    let mut out = Vec::new();
    for d in &report.diagnostics {
        if d.message.trim().is_empty() {
            out.push(format!("{} at {:?} has an empty message", d.code, d.path));
        }
        if d.severity() != d.code.severity() {
            out.push(format!("{} reported as {}", d.code, d.severity()));
        }
        if expected.absent.contains(&d.code) {
            out.push(format!(
                "{} must be absent, but is reported at {:?}: {}",
                d.code, d.path, d.message
            ));
        }
    }
    let actual: Vec<Key> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity(), d.path.clone(), d.event_index))
        .collect();
    let wanted: Vec<Key> = expected
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity, d.path.clone(), d.event_index))
        .collect();
    if actual != wanted {
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
        return out;
    }
    for (d, e) in report.diagnostics.iter().zip(&expected.diagnostics) {
        for part in &e.message_contains {
            if !d.message.contains(part.as_str()) {
                out.push(format!(
                    "diagnostic {} at {:?}: the message does not contain {part:?}: {}",
                    d.code, d.path, d.message
                ));
            }
        }
        for entry in &e.expected_contains {
            if !d.expected.contains(entry) {
                out.push(format!(
                    "diagnostic {} at {:?}: `expected` does not list {entry:?}: {:?}",
                    d.code, d.path, d.expected
                ));
            }
        }
        if let Some(stage) = e.stage {
            if d.stage != Some(stage) {
                out.push(format!(
                    "diagnostic {} at {:?}: names the stage {:?}, expected {stage}",
                    d.code, d.path, d.stage
                ));
            }
        }
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
                        earliest: d.earliest(),
                        latest: d.latest(),
                        basis: d.basis(),
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

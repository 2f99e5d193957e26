//! The validation report: JSON for tools, and a compiler-like rendering for people.

use std::fmt::Write as _;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{Deadline, WeaknessStatus};
use crate::event::{Framework, HealthBody, HealthBodyKind, Improvement, Outcome};
use crate::lifecycle::Stage;
use crate::names::{read_name, written};
use crate::validate::Run;

/// What validation found. Serialises to the contract's report JSON; fields may be added in
/// later versions, and reading ignores fields it does not know.
///
/// A report written by a newer version reads too: a code, stage, severity or weakness
/// stage this version does not know becomes the `Unknown` variant of its enum, and the
/// name itself is kept ([`Report::stage_name`], [`Diagnostic::code_name`],
/// [`Diagnostic::severity_name`], [`Diagnostic::stage_name`],
/// [`WeaknessStatus::stage_name`]) and written back when the report is serialised again.
/// (A deadline basis or health-body kind this version does not know is still refused.)
///
/// # Example
/// ```
/// use send_lifecycle::{validate_str, Options, Report, Stage};
/// let report = validate_str(r#"{"schema_version": 2, "events": []}"#, &Options::default());
/// assert!(!report.valid);
/// let json = report.to_json();
/// let back: Report = serde_json::from_str(&json)?;
/// assert_eq!(back, report);
///
/// // A newer version's report, with a stage this version does not know.
/// let newer = json.replace("\"stage\": \"not_inspected\"", "\"stage\": \"recovery_plan_due\"");
/// let read: Report = serde_json::from_str(&newer)?;
/// assert_eq!((read.stage, read.stage_name()), (Stage::Unknown, "recovery_plan_due"));
/// assert_eq!(read.to_json(), newer);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "ReportIn")]
#[non_exhaustive]
pub struct Report {
    /// The report format's version: 1.
    pub schema_version: u32,
    /// True when no diagnostic is an error.
    pub valid: bool,
    /// The stage after the last event the validator could apply ([`Stage::Unknown`] in a
    /// newer version's report that names a stage this version does not know; its name is
    /// [`Report::stage_name`]).
    pub stage: Stage,
    /// The framework in force at the end.
    pub framework: Framework,
    /// The latest 2023 outcome, if any.
    pub outcome: Option<Outcome>,
    /// The 2016 record still open beside the 2023 framework, if any.
    pub legacy: Option<Legacy>,
    /// The latest WSoA deadline set (the revised one, if revised), when known to the day.
    pub wsoa_deadline: Option<chrono::NaiveDate>,
    /// The same deadline as a window, with what it rests on, also when the dates it rests
    /// on are known only to the month or year.
    pub wsoa_deadline_window: Option<Deadline>,
    /// The latest APP deadline set, if the policy sets one.
    pub app_deadline: Option<Deadline>,
    /// Every 2016 weakness known by id and its last stage, open, closed or superseded.
    pub weaknesses: Vec<WeaknessStatus>,
    /// Every 2023 area for priority action known by id (every cycle's, latest last).
    pub priority_actions: Vec<WeaknessStatus>,
    /// Every 2023 area for improvement known by id.
    pub improvements: Vec<Improvement>,
    /// Per kind of item, how many are in each stage, known by id and by count alike; a
    /// kind whose items are unknown is left out.
    pub item_counts: ItemCounts,
    /// What the area must do or expect next, the earliest `latest` first.
    pub next_due: Vec<NextDue>,
    /// The health bodies in force after the last event.
    pub health_bodies: Vec<HealthBody>,
    /// Whether a DfE improvement notice is in force.
    pub improvement_notice_in_force: bool,
    /// How many events the input holds (for malformed JSON: how many could be read
    /// before the reading stopped).
    pub events_total: usize,
    /// How many of them the engine applied; every other one is named in a diagnostic —
    /// unless a document-level error (malformed JSON, an unsupported version or framework,
    /// no `events`) means no event was checked at all.
    pub events_applied: usize,
    /// Every finding, sorted by event index (findings about the whole document first), then
    /// code.
    pub diagnostics: Vec<Diagnostic>,
    /// The stage's name as a newer version's report gave it, when this version does not
    /// know it.
    newer_stage: Option<Box<str>>,
}

/// The 2016 record kept open beside the 2023 framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Legacy {
    /// Its framework (the 2016 one).
    pub framework: Framework,
    /// Its stage.
    pub stage: Stage,
    /// Its WSoA deadline, when known to the day.
    pub wsoa_deadline: Option<chrono::NaiveDate>,
}

/// Per kind of item, how many are in each stage (by the stage's name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ItemCounts {
    /// The 2016 weaknesses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weaknesses: Option<BTreeMap<String, u64>>,
    /// The 2023 areas for priority action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority_actions: Option<BTreeMap<String, u64>>,
    /// The 2023 areas for improvement (they have no stages: all `identified`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub improvements: Option<BTreeMap<String, u64>>,
}

/// One thing the area must do or expect next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NextDue {
    /// What: `wsoa`, `wsoa_judgement`, `revisit`, `app`, `app_review`,
    /// `monitoring_meeting`, `pap`, `pap_publication`, `strategic_plan`, `stocktake`,
    /// `monitoring_inspection` or `full_inspection`.
    pub what: String,
    /// The framework of the record it belongs to.
    pub framework: Framework,
    /// The earliest day of the window (null: unbounded).
    pub earliest: Option<chrono::NaiveDate>,
    /// The latest day of the window (null: unbounded).
    pub latest: Option<chrono::NaiveDate>,
    /// What it rests on, in a sentence.
    pub basis: String,
    /// A firm deadline (true) or a usual horizon (false).
    pub firm: bool,
    /// `false` when the record covers outcomes only and the step may have happened
    /// unrecorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<bool>,
}

/// The report as written: the fields in the contract's order, the stage's name the kept
/// one where this version does not know it.
#[derive(Serialize)]
struct ReportOut<'a> {
    schema_version: u32,
    valid: bool,
    framework: Framework,
    stage: &'a str,
    outcome: Option<Outcome>,
    legacy: Option<&'a Legacy>,
    wsoa_deadline: Option<chrono::NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wsoa_deadline_window: Option<Deadline>,
    #[serde(skip_serializing_if = "Option::is_none")]
    app_deadline: Option<Deadline>,
    weaknesses: &'a [WeaknessStatus],
    priority_actions: &'a [WeaknessStatus],
    improvements: &'a [Improvement],
    item_counts: &'a ItemCounts,
    next_due: &'a [NextDue],
    health_bodies: &'a [HealthBody],
    improvement_notice_in_force: bool,
    events_total: usize,
    events_applied: usize,
    diagnostics: &'a [Diagnostic],
}

impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ReportOut {
            schema_version: self.schema_version,
            valid: self.valid,
            framework: self.framework,
            stage: self.stage_name(),
            outcome: self.outcome,
            legacy: self.legacy.as_ref(),
            wsoa_deadline: self.wsoa_deadline,
            wsoa_deadline_window: self.wsoa_deadline_window,
            app_deadline: self.app_deadline,
            weaknesses: &self.weaknesses,
            priority_actions: &self.priority_actions,
            improvements: &self.improvements,
            item_counts: &self.item_counts,
            next_due: &self.next_due,
            health_bodies: &self.health_bodies,
            improvement_notice_in_force: self.improvement_notice_in_force,
            events_total: self.events_total,
            events_applied: self.events_applied,
            diagnostics: &self.diagnostics,
        }
        .serialize(serializer)
    }
}

/// The report as read: the stage as text, so that one of a newer version is kept; fields
/// this version does not know are ignored, here and in every object the report holds.
#[derive(Deserialize)]
struct ReportIn {
    schema_version: u32,
    valid: bool,
    stage: String,
    #[serde(default)]
    framework: Framework,
    #[serde(default)]
    outcome: Option<Outcome>,
    #[serde(default)]
    legacy: Option<Legacy>,
    #[serde(default)]
    wsoa_deadline: Option<chrono::NaiveDate>,
    #[serde(default)]
    wsoa_deadline_window: Option<Deadline>,
    #[serde(default)]
    app_deadline: Option<Deadline>,
    weaknesses: Vec<WeaknessStatus>,
    #[serde(default)]
    priority_actions: Vec<WeaknessStatus>,
    #[serde(default)]
    improvements: Vec<Improvement>,
    #[serde(default)]
    item_counts: ItemCounts,
    #[serde(default)]
    next_due: Vec<NextDue>,
    #[serde(default)]
    health_bodies: Vec<HealthBodyIn>,
    #[serde(default)]
    improvement_notice_in_force: bool,
    #[serde(default)]
    events_total: usize,
    #[serde(default)]
    events_applied: usize,
    diagnostics: Vec<Diagnostic>,
}

/// A health body as a report gives it: as in a timeline, but a member a newer version adds
/// is ignored rather than refused (a timeline refuses it).
#[derive(Deserialize)]
struct HealthBodyIn {
    kind: HealthBodyKind,
    name: String,
}

impl From<ReportIn> for Report {
    fn from(r: ReportIn) -> Report {
        let (stage, newer_stage) = read_name(r.stage, Stage::Unknown);
        Report {
            schema_version: r.schema_version,
            valid: r.valid,
            stage,
            framework: r.framework,
            outcome: r.outcome,
            legacy: r.legacy,
            wsoa_deadline: r.wsoa_deadline,
            wsoa_deadline_window: r.wsoa_deadline_window,
            app_deadline: r.app_deadline,
            weaknesses: r.weaknesses,
            priority_actions: r.priority_actions,
            improvements: r.improvements,
            item_counts: r.item_counts,
            next_due: r.next_due,
            health_bodies: r
                .health_bodies
                .into_iter()
                .map(|h| HealthBody::new(h.kind, h.name))
                .collect(),
            improvement_notice_in_force: r.improvement_notice_in_force,
            events_total: r.events_total,
            events_applied: r.events_applied,
            diagnostics: r.diagnostics,
            newer_stage,
        }
    }
}

impl Report {
    pub(crate) fn from_parts(stage: Stage, mut diagnostics: Vec<Diagnostic>, run: Run) -> Report {
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let valid = !diagnostics.iter().any(|d| d.severity() == Severity::Error);
        Report {
            schema_version: 1,
            valid,
            stage,
            framework: run.framework,
            outcome: run.outcome,
            legacy: run.legacy,
            wsoa_deadline: run.wsoa_deadline.and_then(|d| d.day()),
            wsoa_deadline_window: run.wsoa_deadline,
            app_deadline: run.app_deadline,
            weaknesses: run.weaknesses,
            priority_actions: run.priority_actions,
            improvements: run.improvements,
            item_counts: run.item_counts,
            next_due: run.next_due,
            health_bodies: run.health_bodies,
            improvement_notice_in_force: run.improvement_notice_in_force,
            events_total: run.events_total,
            events_applied: run.events_applied,
            diagnostics,
            newer_stage: None,
        }
    }

    /// The stage's name: the contract's, or, for a [`Stage::Unknown`] read from a newer
    /// version's report, the name that report gave.
    pub fn stage_name(&self) -> &str {
        written(
            self.stage,
            Stage::Unknown,
            self.stage.as_str(),
            self.newer_stage.as_deref(),
        )
    }

    /// How many diagnostics have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }

    /// The report as the contract's JSON (pretty-printed, stable field order).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| {
            // Serialising plain data to a string cannot fail; say so rather than panic.
            format!("{{\"error\": \"the report could not be serialised: {e}\"}}")
        })
    }

    /// The report as a person reads it, like a compiler's output: one block per diagnostic
    /// (severity, code, event index and date, message, help), then a summary line.
    ///
    /// # Example
    /// ```
    /// let report = send_lifecycle::validate_str("{", &Default::default());
    /// let text = report.render_human("timeline.json");
    /// assert!(text.starts_with("error[malformed_json]"));
    /// assert!(text.contains("1 error"));
    /// ```
    pub fn render_human(&self, file: &str) -> String {
        let mut s = String::new();
        for d in &self.diagnostics {
            let _ = writeln!(s, "{d}");
            let place = match (d.event_index, d.event_date) {
                (Some(i), Some(date)) => format!("{file}: event {i} ({date}) at {}", show(&d.path)),
                (Some(i), None) => format!("{file}: event {i} at {}", show(&d.path)),
                _ => format!("{file} at {}", show(&d.path)),
            };
            let _ = writeln!(s, "  --> {place}");
            if let (Some(stage), Some(name)) = (d.stage, d.stage_name()) {
                let _ = writeln!(s, "   = stage: {name} ({})", stage.describe());
            }
            if !d.expected.is_empty() {
                let _ = writeln!(s, "   = expected: {}", d.expected.join(", "));
            }
            if let Some(help) = &d.help {
                let _ = writeln!(s, "   = help: {help}");
            }
            s.push('\n');
        }
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let _ = writeln!(
            s,
            "{}: {} — stage `{}` ({}); {}, {}, {}; {} of {} events applied",
            file,
            if self.valid { "valid" } else { "INVALID" },
            self.stage_name(),
            self.stage.describe(),
            plural(self.count(Severity::Error), "error"),
            plural(self.count(Severity::Warning), "warning"),
            self.count(Severity::Info).to_string() + " info",
            self.events_applied,
            self.events_total
        );
        s
    }
}

/// The human rendering ([`Report::render_human`]) of a timeline with no file name.
///
/// # Example
/// ```
/// let report = send_lifecycle::validate_str("{", &Default::default());
/// assert!(report.to_string().contains("error[malformed_json]"));
/// ```
impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render_human("timeline"))
    }
}

fn show(path: &str) -> String {
    if path.is_empty() {
        "the whole document".to_owned()
    } else {
        format!("`{path}`")
    }
}

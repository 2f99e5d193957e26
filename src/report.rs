//! The validation report: JSON for tools, and a compiler-like rendering for people.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{Deadline, WeaknessStatus};
use crate::event::HealthBody;
use crate::lifecycle::Stage;
use crate::validate::Run;

/// What validation found. Serialises to the contract's report JSON; fields may be added in
/// later versions, and reading ignores fields it does not know.
///
/// # Example
/// ```
/// use send_lifecycle::{validate_str, Options, Report};
/// let report = validate_str(r#"{"schema_version": 2, "events": []}"#, &Options::default());
/// assert!(!report.valid);
/// let json = report.to_json();
/// let back: Report = serde_json::from_str(&json)?;
/// assert_eq!(back, report);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// The report format's version: 1.
    pub schema_version: u32,
    /// True when no diagnostic is an error.
    pub valid: bool,
    /// The stage after the last event the validator could apply.
    pub stage: Stage,
    /// The latest WSoA deadline set (the revised one, if revised), when known to the day.
    pub wsoa_deadline: Option<chrono::NaiveDate>,
    /// The same deadline as a window, with what it rests on, also when the dates it rests
    /// on are known only to the month or year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wsoa_deadline_window: Option<Deadline>,
    /// The latest APP deadline set, if the policy sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_deadline: Option<Deadline>,
    /// Each significant weakness and its stage.
    pub weaknesses: Vec<WeaknessStatus>,
    /// The health bodies in force after the last event.
    #[serde(default)]
    pub health_bodies: Vec<HealthBody>,
    /// Whether a DfE improvement notice is in force.
    #[serde(default)]
    pub improvement_notice_in_force: bool,
    /// How many events the input holds.
    #[serde(default)]
    pub events_total: usize,
    /// How many of them the engine applied; every other one is named in a diagnostic —
    /// unless a document-level error (malformed JSON, an unsupported version or framework,
    /// no `events`) means no event was checked at all.
    #[serde(default)]
    pub events_applied: usize,
    /// Every finding, sorted by event index (findings about the whole document first), then
    /// code.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub(crate) fn from_parts(stage: Stage, mut diagnostics: Vec<Diagnostic>, run: Run) -> Report {
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let valid = !diagnostics.iter().any(|d| d.severity() == Severity::Error);
        Report {
            schema_version: 1,
            valid,
            stage,
            wsoa_deadline: run.wsoa_deadline.and_then(|d| d.day()),
            wsoa_deadline_window: run.wsoa_deadline,
            app_deadline: run.app_deadline,
            weaknesses: run.weaknesses,
            health_bodies: run.health_bodies,
            improvement_notice_in_force: run.improvement_notice_in_force,
            events_total: run.events_total,
            events_applied: run.events_applied,
            diagnostics,
        }
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
            let _ = writeln!(s, "{}[{}]: {}", d.severity(), d.code, d.message);
            let place = match (d.event_index, d.event_date) {
                (Some(i), Some(date)) => format!("{file}: event {i} ({date}) at {}", show(&d.path)),
                (Some(i), None) => format!("{file}: event {i} at {}", show(&d.path)),
                _ => format!("{file} at {}", show(&d.path)),
            };
            let _ = writeln!(s, "  --> {place}");
            if let Some(stage) = d.stage {
                let _ = writeln!(s, "   = stage: {stage} ({})", stage.describe());
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
            self.stage,
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

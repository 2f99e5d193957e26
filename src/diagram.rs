//! Mermaid diagrams drawn from the transition table (never by hand).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::event::Framework;
use crate::lifecycle::{Declaration, Stage};

/// The whole lifecycle as a Mermaid `stateDiagram-v2`, one arrow per table row and stage.
/// Events recorded in any stage without changing it are listed in a note.
///
/// # Example
/// ```
/// let diagram = send_lifecycle::lifecycle_mermaid();
/// assert!(diagram.starts_with("stateDiagram-v2"));
/// assert!(diagram.contains("inspecting --> awaiting_report: inspection_ended"));
/// ```
pub fn lifecycle_mermaid() -> String {
    framework_mermaid(Framework::LocalAreaSend2016)
}

/// The lifecycle of `framework` as a Mermaid `stateDiagram-v2`, drawn from its declaration.
///
/// # Example
/// ```
/// use send_lifecycle::{framework_mermaid, Framework};
/// let diagram = framework_mermaid(Framework::AreaSend2023);
/// assert!(diagram.contains("awaiting_report --> pap_due: report_published [widespread_failings]"));
/// ```
pub fn framework_mermaid(framework: Framework) -> String {
    render(Declaration::of(framework), &BTreeSet::new(), None)
}

/// The lifecycle diagram with the path an area took highlighted: the stages it passed
/// through (in `path`, in order) are styled, and the stage it ended in is marked.
///
/// # Example
/// ```
/// use send_lifecycle::{path_mermaid, Stage};
/// let d = path_mermaid(&[Stage::NotInspected, Stage::Inspecting]);
/// assert!(d.contains("class not_inspected,inspecting visited"));
/// assert!(d.contains("class inspecting current"));
/// ```
pub fn path_mermaid(path: &[Stage]) -> String {
    let visited: BTreeSet<Stage> = path.iter().copied().collect();
    let decl = Declaration::of(Framework::LocalAreaSend2016);
    render(decl, &visited, path.last().copied())
}

fn render(decl: &Declaration, visited: &BTreeSet<Stage>, current: Option<Stage>) -> String {
    let mut s = String::from("stateDiagram-v2\n");
    let _ = writeln!(s, "    [*] --> {}", Stage::NotInspected);
    let mut anywhere: Vec<&str> = Vec::new();
    for rule in decl.rows() {
        if rule.from == decl.stages() {
            anywhere.push(rule.event.as_str());
            continue;
        }
        for &from in rule.from {
            let label = match rule.condition.label() {
                Some(c) => format!("{} [{c}]", rule.event),
                None => rule.event.to_string(),
            };
            let _ = writeln!(s, "    {from} --> {}: {label}", rule.target_from(from));
        }
    }
    for stage in decl.terminal() {
        let _ = writeln!(s, "    {stage} --> [*]");
    }
    if !anywhere.is_empty() {
        let _ = writeln!(
            s,
            "    note right of {}: in any stage, without changing it: {}",
            decl.start(),
            anywhere.join(", ")
        );
    }
    if !visited.is_empty() {
        s.push_str("    classDef visited fill:#dff0d8,stroke:#3c763d,stroke-width:2px\n");
        s.push_str("    classDef current fill:#f0ad4e,stroke:#8a6d3b,stroke-width:3px\n");
        let names: Vec<&str> = decl
            .stages()
            .iter()
            .filter(|s| visited.contains(s))
            .map(|s| s.as_str())
            .collect();
        let _ = writeln!(s, "    class {} visited", names.join(","));
        if let Some(c) = current {
            let _ = writeln!(s, "    class {c} current");
        }
    }
    s
}

/// One phase of a timeline, for a Gantt chart.
///
/// # Example
/// ```
/// use send_lifecycle::{Phase, Stage};
/// let d = |s: &str| s.parse::<chrono::NaiveDate>();
/// let phase = Phase::new(Stage::Inspecting, d("2020-02-03")?, d("2020-02-07")?);
/// assert_eq!(phase.stage(), Stage::Inspecting);
/// assert_eq!((phase.start().to_string(), phase.end().to_string()),
///            ("2020-02-03".to_owned(), "2020-02-07".to_owned()));
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    // Private, built with `Phase::new`, so that a phase can carry more (a label, a
    // precision) in a later version.
    stage: Stage,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
}

impl Phase {
    /// The phase in `stage` from `start` (its first day) to `end` (the day the next phase
    /// began, or the last day known).
    #[must_use]
    pub fn new(stage: Stage, start: chrono::NaiveDate, end: chrono::NaiveDate) -> Phase {
        Phase { stage, start, end }
    }

    /// The stage the area was in.
    #[must_use]
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The first day.
    #[must_use]
    pub fn start(&self) -> chrono::NaiveDate {
        self.start
    }

    /// The day the next phase began (or the last day known).
    #[must_use]
    pub fn end(&self) -> chrono::NaiveDate {
        self.end
    }
}

/// A Mermaid `gantt` chart of an area's phases.
///
/// # Example
/// ```
/// use send_lifecycle::{gantt_mermaid, Phase, Stage};
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap_or_default();
/// let chart = gantt_mermaid("Leicestershire", &[Phase::new(
///     Stage::Inspecting, d("2020-02-03"), d("2020-02-07"))]);
/// assert!(chart.contains("inspecting :inspecting0, 2020-02-03, 2020-02-07"));
/// ```
pub fn gantt_mermaid(title: &str, phases: &[Phase]) -> String {
    let mut s = String::from("gantt\n    dateFormat YYYY-MM-DD\n");
    let _ = writeln!(s, "    title {}", title.replace(['\n', ':'], " "));
    for (i, p) in phases.iter().enumerate() {
        let _ = writeln!(s, "    {} :{}{i}, {}, {}", p.stage, p.stage, p.start, p.end);
    }
    s
}

//! Where every area stands: each record validated as of one day, one row per area, and
//! the country's counts; as a table for the terminal, CSV for spreadsheets, or JSON.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use chrono::NaiveDate;
use send_lifecycle::{validate, NextDue, Options, Report, Severity, Timeline};
use serde::Serialize;

use crate::diagnostic::ImportDiagnostic;
use crate::records::{AreaRecord, FileSummary, Import};

/// One area as of the view's day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct NationalRow {
    /// The current ONS code.
    pub area_code: String,
    /// The area's name.
    pub area_name: String,
    /// The Ofsted region.
    pub region: String,
    /// The framework in force (`area_send_2023` for every area from 1 January 2023).
    pub framework: String,
    /// The stage.
    pub stage: String,
    /// The latest 2023 outcome, if any.
    pub outcome: Option<String>,
    /// When that outcome's report was published, as precisely as the sources say.
    pub outcome_published: Option<String>,
    /// The stage of the 2016 record still open beside the 2023 framework, if any.
    pub legacy_stage: Option<String>,
    /// 2016 weaknesses known (by count), in any stage.
    pub weaknesses_total: Option<u64>,
    /// Of them, judged sufficient.
    pub weaknesses_sufficient: Option<u64>,
    /// Of them, judged insufficient.
    pub weaknesses_insufficient: Option<u64>,
    /// Areas for priority action known (by count), every cycle's.
    pub priority_actions_total: Option<u64>,
    /// What is due next: the entry with the earliest `latest`.
    pub next_due: Option<NextDue>,
    /// Errors: the validator's and the import's for this area.
    pub errors: usize,
    /// Warnings, likewise.
    pub warnings: usize,
    /// Infos, likewise.
    pub infos: usize,
    /// The validator's full report.
    #[serde(skip)]
    pub report: Report,
}

/// The country's counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct NationalCounts {
    /// Areas.
    pub areas: usize,
    /// Areas per stage.
    pub by_stage: BTreeMap<String, usize>,
    /// Areas per latest 2023 outcome (`none`: not yet inspected under the 2023 framework,
    /// or its outcome is not in the sources).
    pub by_outcome: BTreeMap<String, usize>,
    /// Areas whose 2016 record is still open beside the 2023 framework.
    pub open_legacy_records: usize,
    /// Items (`next_due` entries) whose latest day has passed, recorded as not done: firm
    /// deadlines.
    pub overdue_deadlines: usize,
    /// Usual horizons passed (a monitoring or full inspection later than usual).
    pub overdue_horizons: usize,
    /// Steps whose day has passed that may have happened unrecorded (the sources cover
    /// outcomes only): not known, not overdue.
    pub passed_not_recorded: usize,
    /// Records valid (no error).
    pub valid: usize,
}

/// Every area as of one day.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct NationalView {
    /// The day the records are judged on.
    pub as_of: NaiveDate,
    /// One row per area, by region then name.
    pub rows: Vec<NationalRow>,
    /// The counts.
    pub counts: NationalCounts,
    /// Per file: rows read, imported and not.
    pub files: Vec<FileSummary>,
    /// Every problem of the sources.
    pub import_diagnostics: Vec<ImportDiagnostic>,
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 19] = [
    "area_code",
    "area_name",
    "region",
    "framework",
    "stage",
    "outcome",
    "outcome_published",
    "legacy_stage",
    "weaknesses_total",
    "weaknesses_sufficient",
    "weaknesses_insufficient",
    "priority_actions_total",
    "next_due",
    "next_due_earliest",
    "next_due_latest",
    "next_due_firm",
    "errors",
    "warnings",
    "infos",
];

impl Import {
    /// Every area's record validated as of `as_of` (default: the newest source's
    /// snapshot).
    ///
    /// # Example
    /// ```
    /// let view = send_lifecycle_england::import(&send_lifecycle_england::shipped()).national(None);
    /// assert_eq!(view.rows.len(), 153);
    /// assert_eq!(view.as_of.to_string(), "2026-06-29");
    /// ```
    pub fn national(&self, as_of: Option<NaiveDate>) -> NationalView {
        let as_of = as_of.unwrap_or(self.snapshot);
        let options = Options::new().as_of(Some(as_of));
        // The import's findings per area, counted once (not searched per area).
        let mut per_area: HashMap<&str, [usize; 3]> = HashMap::new();
        for d in &self.diagnostics {
            if let Some(code) = d.area_code.as_deref() {
                let slot = per_area.entry(code).or_default();
                match d.severity {
                    Severity::Error => slot[0] += 1,
                    Severity::Warning => slot[1] += 1,
                    _ => slot[2] += 1,
                }
            }
        }
        let mut rows: Vec<NationalRow> = self
            .records
            .iter()
            .map(|r| {
                let counts = per_area
                    .get(r.area.code.as_str())
                    .copied()
                    .unwrap_or_default();
                row(r, as_of, &options, counts)
            })
            .collect();
        rows.sort_by(|a, b| (&a.region, &a.area_name).cmp(&(&b.region, &b.area_name)));
        let mut counts = NationalCounts {
            areas: rows.len(),
            ..NationalCounts::default()
        };
        for r in &rows {
            *counts.by_stage.entry(r.stage.clone()).or_default() += 1;
            *counts
                .by_outcome
                .entry(r.outcome.clone().unwrap_or_else(|| "none".to_owned()))
                .or_default() += 1;
            counts.open_legacy_records += usize::from(r.legacy_stage.is_some());
            counts.valid += usize::from(r.report.valid);
            for due in &r.report.next_due {
                if due.latest.is_some_and(|l| l < as_of) {
                    if !recordable(due) {
                        counts.passed_not_recorded += 1;
                    } else if due.firm {
                        counts.overdue_deadlines += 1;
                    } else {
                        counts.overdue_horizons += 1;
                    }
                }
            }
        }
        NationalView {
            as_of,
            rows,
            counts,
            files: self.files.clone(),
            import_diagnostics: self.diagnostics.clone(),
        }
    }
}

/// The record as the sources knew it on `as_of`: its events up to the last one dated on or
/// before that day (undated events among them stay; later ones go).
fn as_known_on(timeline: &Timeline, as_of: NaiveDate) -> Timeline {
    let keep = timeline
        .events
        .iter()
        .rposition(|e| e.date.span().last().is_some_and(|d| d <= as_of))
        .map_or(0, |k| k + 1);
    let mut t = timeline.clone();
    t.events.truncate(keep);
    t
}

/// Whether the sources could hold the step `due` waits for. They cover outcomes only
/// (`recorded: false`), and none of them holds monitoring inspections (the scrape keeps
/// each area's latest full report).
fn recordable(due: &NextDue) -> bool {
    due.recorded != Some(false) && due.what != "monitoring_inspection"
}

fn row(
    record: &AreaRecord,
    as_of: NaiveDate,
    options: &Options,
    import: [usize; 3],
) -> NationalRow {
    let timeline = as_known_on(&record.timeline, as_of);
    let report = validate(&timeline, options);
    let counts = &report.item_counts;
    let weaknesses = counts.weaknesses.as_ref();
    let stage_count =
        |m: Option<&BTreeMap<String, u64>>, s: &str| m.map(|m| m.get(s).copied().unwrap_or(0));
    let outcome_published = timeline
        .events
        .iter()
        .rfind(|e| e.detail.as_report().is_some_and(|r| r.outcome.is_some()))
        .map(|e| e.date.to_string());
    // The entry with the earliest `latest` among the steps the sources could record; only
    // when there is none, among the others.
    let earliest = |recorded: bool| {
        report
            .next_due
            .iter()
            .filter(|d| recordable(d) == recorded)
            .min_by_key(|d| (d.latest.is_none(), d.latest))
            .cloned()
    };
    let next_due = earliest(true).or_else(|| earliest(false));
    let [e, w, i] = import;
    let errors = report.count(Severity::Error) + e;
    let warnings = report.count(Severity::Warning) + w;
    let infos = report.count(Severity::Info) + i;
    NationalRow {
        area_code: record.area.code.clone(),
        area_name: record.area.name.clone(),
        region: record.area.region.clone(),
        framework: report.framework.as_str().to_owned(),
        stage: report.stage_name().to_owned(),
        outcome: report.outcome.map(|o| o.as_str().to_owned()),
        outcome_published: report.outcome.and(outcome_published),
        legacy_stage: report.legacy.as_ref().map(|l| l.stage.as_str().to_owned()),
        weaknesses_total: weaknesses.map(|m| m.values().sum()),
        weaknesses_sufficient: stage_count(weaknesses, "sufficient"),
        weaknesses_insufficient: stage_count(weaknesses, "insufficient"),
        priority_actions_total: counts.priority_actions.as_ref().map(|m| m.values().sum()),
        next_due,
        errors,
        warnings,
        infos,
        report,
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// A CSV field, quoted when it must be (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

impl NationalView {
    /// The view as CSV with [`CSV_COLUMNS`], one line per area (`\r\n` line ends, as RFC
    /// 4180 and spreadsheets have them). Empty cells are unknown or not applicable.
    pub fn to_csv(&self) -> String {
        let mut out = CSV_COLUMNS.join(",");
        out.push_str("\r\n");
        for r in &self.rows {
            let due = r.next_due.as_ref();
            let cells = [
                r.area_code.clone(),
                r.area_name.clone(),
                r.region.clone(),
                r.framework.clone(),
                r.stage.clone(),
                opt(&r.outcome),
                opt(&r.outcome_published),
                opt(&r.legacy_stage),
                opt(&r.weaknesses_total),
                opt(&r.weaknesses_sufficient),
                opt(&r.weaknesses_insufficient),
                opt(&r.priority_actions_total),
                due.map(|d| d.what.clone()).unwrap_or_default(),
                opt(&due.and_then(|d| d.earliest)),
                opt(&due.and_then(|d| d.latest)),
                due.map(|d| d.firm.to_string()).unwrap_or_default(),
                r.errors.to_string(),
                r.warnings.to_string(),
                r.infos.to_string(),
            ];
            let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
        out
    }

    /// The view as JSON: `as_of`, `rows` (the CSV's fields, `next_due` as the contract's
    /// object), `counts`, `files` and `import_diagnostics`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The view as a table for a terminal 80 columns wide: the counts, then each region's
    /// areas with stage, latest outcome and what is due next.
    pub fn to_table(&self) -> String {
        let c = &self.counts;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "England: {} areas as of {} ({} records valid)",
            c.areas, self.as_of, c.valid
        );
        let n = |k: &str| c.by_outcome.get(k).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "Latest 2023 outcome: positive {}, inconsistent {}, widespread {}, none {}",
            n("positive"),
            n("inconsistent"),
            n("widespread_failings"),
            n("none")
        );
        let _ = writeln!(
            out,
            "Open 2016 records: {}. Past due: {} deadlines, {} usual horizons,",
            c.open_legacy_records, c.overdue_deadlines, c.overdue_horizons
        );
        let _ = writeln!(
            out,
            "and {} steps not recorded (? below): the sources hold outcomes only.",
            c.passed_not_recorded
        );
        // Areas per stage, wrapped at 80 columns.
        let mut line = String::from("By stage:");
        for (stage, k) in &c.by_stage {
            let item = format!(" {stage} {k},");
            if line.chars().count() + item.chars().count() > 80 {
                let _ = writeln!(out, "{line}");
                line = String::from(" ");
            }
            line.push_str(&item);
        }
        let _ = writeln!(out, "{}", line.trim_end_matches(','));
        let mut per_region: HashMap<&str, usize> = HashMap::new();
        for r in &self.rows {
            *per_region.entry(r.region.as_str()).or_default() += 1;
        }
        let mut region = "";
        for r in &self.rows {
            if r.region != region {
                region = &r.region;
                let n = per_region.get(region).copied().unwrap_or(0);
                let _ = writeln!(out, "\n{region} ({n})");
                let _ = writeln!(
                    out,
                    " {:<22} {:<24} {:<12} next due by",
                    "area", "stage", "outcome"
                );
            }
            let outcome = match r.outcome.as_deref() {
                Some("widespread_failings") => "widespread",
                Some(o) => o,
                None => "-",
            };
            let mut stage = r.stage.clone();
            if r.legacy_stage.is_some() {
                stage.push_str(" +2016");
            }
            let due = r.next_due.as_ref().map_or_else(String::new, |d| {
                let unrecorded = if recordable(d) { "" } else { "?" };
                format!("{:<6} {}{unrecorded}", short(&d.what), opt(&d.latest))
            });
            let _ = writeln!(
                out,
                " {:<22} {:<24} {:<12} {}",
                truncate(&r.area_name, 22),
                truncate(&stage, 24),
                outcome,
                due
            );
        }
        out
    }
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}

/// A label of at most six characters for what is due, for the table.
fn short(what: &str) -> &str {
    match what {
        "full_inspection" => "full",
        "monitoring_inspection" => "monit",
        "pap_publication" => "pap-pb",
        "strategic_plan" => "plan",
        "stocktake" => "stock",
        "wsoa_judgement" => "wsoa-j",
        "monitoring_meeting" => "meet",
        "app_review" => "app-r",
        "revisit" => "revis",
        w => w.get(..w.len().min(6)).unwrap_or(w),
    }
}

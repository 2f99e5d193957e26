//! Each current area's record, built from the sources' facts: the 2016 inspection and
//! revisit from Ofsted's statistics, the change of framework on 1 January 2023, and the
//! 2023-framework inspections from Ofsted's management information and the scrape.
//!
//! Honest records: every event cites its cell; an event the sources only imply is undated
//! and says so in its `note`; a record is `outcomes_only` (the sources hold inspections,
//! reports and outcomes, not the plans and meetings between them).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use send_lifecycle::{
    Area, Coverage, Event, EventDate, EventDetail, Framework, HealthBody, HealthBodyKind, Outcome,
    ProgressCounts, PublishedReport, Timeline,
};

use crate::areas::{AreaInfo, Areas, Change, Resolved};
use crate::diagnostic::{ImportCode, ImportDiagnostic, Place};
use crate::sources::{self, Fact, ManagementRow, Read, RevisitStart, ScrapeRow, StatisticsRow};

/// A published file: its name and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    /// The file's name as published (cited in every event and diagnostic).
    pub name: &'a str,
    /// Its contents.
    pub bytes: &'a [u8],
}

/// The four files the national view is built from.
#[derive(Debug, Clone, Copy)]
pub struct SourceFiles<'a> {
    /// Ofsted's 2016-framework statistics (the ODS as published).
    pub statistics_2016: SourceFile<'a>,
    /// Ofsted's management information, January to August 2023 (CSV).
    pub management_2023: SourceFile<'a>,
    /// Data to Insight's scrape of 2023-framework reports (CSV).
    pub scrape_2023: SourceFile<'a>,
    /// Data to Insight's crosswalk of area codes (CSV).
    pub lookup: SourceFile<'a>,
    /// The newest source's snapshot: the default day the national view is judged on.
    pub snapshot: NaiveDate,
}

/// The files shipped in `data/` (see its README for their publishers and licences).
pub fn shipped() -> SourceFiles<'static> {
    SourceFiles {
        statistics_2016: SourceFile {
            name: "Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods",
            bytes: include_bytes!(
                "../data/Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"
            ),
        },
        management_2023: SourceFile {
            name: "area_send_mi_jan_to_aug_2023.csv",
            bytes: include_bytes!("../data/area_send_mi_jan_to_aug_2023.csv"),
        },
        scrape_2023: SourceFile {
            name: "area_send_2023_reports_2026-06-29.csv",
            bytes: include_bytes!("../data/area_send_2023_reports_2026-06-29.csv"),
        },
        lookup: SourceFile {
            name: "la_lookup.csv",
            bytes: include_bytes!("../data/la_lookup.csv"),
        },
        snapshot: NaiveDate::from_ymd_opt(2026, 6, 29).unwrap_or_default(),
    }
}

/// The day a file's name gives as `YYYY-MM-DD` (the scrape's snapshot:
/// `area_send_2023_reports_2026-06-29.csv`), if it gives one.
///
/// # Example
/// ```
/// use send_lifecycle_england::snapshot_in_name;
/// assert_eq!(snapshot_in_name("area_send_2023_reports_2026-06-29.csv").map(|d| d.to_string()),
///            Some("2026-06-29".to_owned()));
/// assert_eq!(snapshot_in_name("reports.csv"), None);
/// ```
pub fn snapshot_in_name(name: &str) -> Option<NaiveDate> {
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(9)).rev().find_map(|i| {
        let part = name.get(i..i + 10)?;
        let shaped = part.bytes().enumerate().all(|(k, b)| {
            if k == 4 || k == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
        if shaped {
            NaiveDate::parse_from_str(part, "%Y-%m-%d").ok()
        } else {
            None
        }
    })
}

/// Who published each file, by the file's role: every event's `source` begins with its
/// file's publisher and title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citations {
    entries: Vec<(String, String)>,
}

impl Citations {
    /// The publishers of the four files of `names` (statistics, management information,
    /// scrape, lookup), the scrape's with its snapshot.
    pub fn new(names: &[String; 4], snapshot: NaiveDate) -> Citations {
        let shipped = shipped();
        let [stats, mi, scrape, lookup] = names;
        let stats_title = if *stats == shipped.statistics_2016.name {
            "Ofsted, Area SEND inspection data, 1 May 2016 to 31 August 2022 (official statistics, published 17 November 2022)".to_owned()
        } else {
            "Ofsted, area SEND official statistics (2016 framework)".to_owned()
        };
        let mi_title = if *mi == shipped.management_2023.name {
            "Ofsted, area SEND management information, January to August 2023 (sheet All_ASEND_Jan_2023_to_Aug_2023, CSV export of the DfE SEND and AP dashboard)".to_owned()
        } else {
            "Ofsted, area SEND management information (2023 framework)".to_owned()
        };
        Citations {
            entries: vec![
                (stats.clone(), stats_title),
                (mi.clone(), mi_title),
                (
                    scrape.clone(),
                    format!(
                        "Data to Insight, ofsted-send-scrape-tool: latest area SEND report per area, snapshot of {}",
                        snapshot.format("%-d %B %Y")
                    ),
                ),
                (lookup.clone(), "Data to Insight, ofsted-send-scrape-tool: la_lookup".to_owned()),
            ],
        }
    }

    /// The citation of a cell, for an event's `source`: publisher and title, then the file,
    /// sheet, row and column.
    pub fn cite(&self, place: &Place) -> String {
        match self.entries.iter().find(|(f, _)| *f == place.file) {
            Some((_, publisher)) => format!("{publisher}: {place}"),
            None => place.to_string(),
        }
    }
}

/// One current area's record.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AreaRecord {
    /// The area.
    pub area: AreaInfo,
    /// Its record in the timeline format.
    pub timeline: Timeline,
    /// The old area whose 2016 record this one carries (a split or recoded area), by name.
    pub carries: Option<String>,
}

/// How much of one file was imported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct FileSummary {
    /// The file.
    pub file: String,
    /// Its data rows (blank rows left out).
    pub rows_read: usize,
    /// The rows that became at least one event.
    pub rows_imported: usize,
    /// The rows that did not, by row number: each is named in a diagnostic.
    pub rows_not_imported: Vec<usize>,
}

/// Every current area's record, with the problems of the sources.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Import {
    /// One record per current area, in the lookup's order.
    pub records: Vec<AreaRecord>,
    /// Every problem of the sources, in the order met.
    pub diagnostics: Vec<ImportDiagnostic>,
    /// Per file: rows read, imported, and not imported.
    pub files: Vec<FileSummary>,
    /// The newest source's snapshot.
    pub snapshot: NaiveDate,
}

/// The facts of each source, read, before they are joined.
#[derive(Debug, Clone)]
pub struct ReadSources {
    /// The current areas and the crosswalk.
    pub areas: Areas,
    /// The 2016 statistics.
    pub statistics: Read<StatisticsRow>,
    /// The 2023 management information.
    pub management: Read<ManagementRow>,
    /// The scrape.
    pub scrape: Read<ScrapeRow>,
    /// The files' names, in the order above (lookup last).
    pub names: [String; 4],
    /// The newest snapshot.
    pub snapshot: NaiveDate,
    /// Problems met in reading.
    pub diagnostics: Vec<ImportDiagnostic>,
}

impl ReadSources {
    /// A synthetic country `times` times as large, for benchmarks: every area and every
    /// source row repeated under distinct codes and names (copy `k` of `E06000001` is
    /// `E06000001~k`; copy 0 is the real one). A 2016 row of a reorganised area goes to the
    /// first current area that carries it. The rows keep their places, so the files'
    /// summaries count each published row once.
    pub fn replicated(&self, times: usize) -> ReadSources {
        use crate::areas::synthetic;
        let times = times.max(1);
        let mut out = self.clone();
        out.areas = self.areas.replicated(times);
        for k in 1..times {
            for r in &self.statistics.rows {
                let code = match self.areas.resolve_code(&r.code.value) {
                    Resolved::Reorganised(re) => re.new_codes.first().copied().unwrap_or(""),
                    _ => r.code.value.as_str(),
                };
                let mut c = r.clone();
                c.code.value = synthetic(code, k);
                out.statistics.rows.push(c);
            }
            for r in &self.management.rows {
                let mut c = r.clone();
                if let Resolved::Current(i) = self.areas.resolve_name(&r.name.value) {
                    if let Some(a) = self.areas.get(i) {
                        c.name.value = synthetic(&a.name, k);
                    }
                }
                out.management.rows.push(c);
            }
            for r in &self.scrape.rows {
                let mut c = r.clone();
                c.la_code.value = synthetic(&r.la_code.value, k);
                if let Resolved::Current(i) = self.areas.resolve_la_code(&r.la_code.value) {
                    if let Some(a) = self.areas.get(i) {
                        c.ons_code.value = if r.ons_code.value == a.code {
                            synthetic(&a.code, k)
                        } else {
                            r.ons_code.value.clone()
                        };
                    }
                }
                out.scrape.rows.push(c);
            }
        }
        out
    }
}

/// Reads the four files.
pub fn read_sources(files: &SourceFiles<'_>) -> ReadSources {
    let mut diagnostics = Vec::new();
    let areas = Areas::read(files.lookup.bytes, files.lookup.name, &mut diagnostics);
    let statistics = sources::read_statistics(
        files.statistics_2016.bytes,
        files.statistics_2016.name,
        &mut diagnostics,
    );
    let management = sources::read_management(
        files.management_2023.bytes,
        files.management_2023.name,
        &mut diagnostics,
    );
    let scrape = sources::read_scrape(
        files.scrape_2023.bytes,
        files.scrape_2023.name,
        &mut diagnostics,
    );
    ReadSources {
        areas,
        statistics,
        management,
        scrape,
        names: [
            files.statistics_2016.name.to_owned(),
            files.management_2023.name.to_owned(),
            files.scrape_2023.name.to_owned(),
            files.lookup.name.to_owned(),
        ],
        snapshot: files.snapshot,
        diagnostics,
    }
}

/// Reads the four files and builds every current area's record.
///
/// # Example
/// ```
/// let england = send_lifecycle_england::import(&send_lifecycle_england::shipped());
/// assert_eq!(england.records.len(), 153);
/// assert!(england.records.iter().all(|r| r.timeline.events.iter().all(|e| e.source.is_some())));
/// ```
pub fn import(files: &SourceFiles<'_>) -> Import {
    build(read_sources(files))
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// The day integrated care boards replaced clinical commissioning groups (Health and Care
/// Act 2022).
fn icb_day() -> NaiveDate {
    day(2022, 7, 1)
}

/// The day the 2023 area SEND framework came into force.
fn framework_day() -> NaiveDate {
    day(2023, 1, 1)
}

const FRAMEWORK_SOURCE: &str = "Ofsted and CQC, Area SEND framework and handbook: inspections under the 2023 framework from 1 January 2023 (every area moves to it on that day)";
const ICB_SOURCE: &str = "Health and Care Act 2022: integrated care boards replaced clinical commissioning groups on 1 July 2022";

/// Events of a record, with the rows they came from.
struct Builder<'c> {
    events: Vec<Event>,
    used: HashSet<(String, usize)>,
    citations: &'c Citations,
}

impl Builder<'_> {
    fn new(citations: &Citations) -> Builder<'_> {
        Builder {
            events: Vec::new(),
            used: HashSet::new(),
            citations,
        }
    }

    fn mark(&mut self, place: &Place) {
        if let Some(row) = place.row {
            self.used.insert((place.file.clone(), row));
        }
    }

    /// An event dated by `fact`, citing its cell.
    fn dated(&mut self, fact: &Fact<NaiveDate>, detail: EventDetail) -> &mut Event {
        self.mark(&fact.place);
        self.events.push(
            Event::new(EventDate::Day(fact.value), detail)
                .with_source(self.citations.cite(&fact.place)),
        );
        self.events.last_mut().unwrap_or_else(|| unreachable!())
    }

    /// An event dated by `fact` if there is one; else undated with `why` as its note, citing
    /// `row` (the row whose facts imply it).
    fn dated_or_implied(
        &mut self,
        fact: Option<&Fact<NaiveDate>>,
        row: &Place,
        detail: EventDetail,
        why: &str,
    ) -> &mut Event {
        match fact {
            Some(f) => self.dated(f, detail),
            None => self.implied(row, detail, why),
        }
    }

    /// An undated event the row implies, with a note saying so.
    fn implied(&mut self, row: &Place, detail: EventDetail, why: &str) -> &mut Event {
        let mut e = Event::new(EventDate::Unknown, detail).with_source(self.citations.cite(row));
        e.note = Some(format!("Inferred, not in the source: {why}"));
        self.events.push(e);
        self.events.last_mut().unwrap_or_else(|| unreachable!())
    }

    fn note_on_last(&mut self, text: &str) {
        if let Some(e) = self.events.last_mut() {
            e.note = Some(match e.note.take() {
                Some(n) => format!("{n} {text}"),
                None => text.to_owned(),
            });
        }
    }
}

/// A 2023-framework full inspection as the sources give it, possibly from two rows.
#[derive(Debug, Clone)]
struct Inspection {
    row: Place,
    start: Option<Fact<NaiveDate>>,
    end: Option<Fact<NaiveDate>>,
    publication: Option<Fact<NaiveDate>>,
    outcome: Option<Fact<Outcome>>,
    priority_actions: Option<Fact<u64>>,
    /// Every row it comes from.
    rows: Vec<Place>,
    /// What the other source said where two disagree.
    notes: Vec<String>,
}

impl Inspection {
    /// The first day known of it (start, else publication).
    fn when(&self) -> Option<NaiveDate> {
        self.start
            .as_ref()
            .or(self.publication.as_ref())
            .map(|f| f.value)
    }
}

fn from_management(m: &ManagementRow) -> Inspection {
    Inspection {
        row: m.place.clone(),
        start: m.start.clone(),
        end: None,
        publication: m.publication.clone(),
        outcome: m.outcome.clone(),
        priority_actions: m.priority_actions.clone(),
        rows: vec![m.place.clone()],
        notes: Vec::new(),
    }
}

fn from_scrape(s: &ScrapeRow) -> Inspection {
    Inspection {
        row: s.place.clone(),
        start: s.start.clone(),
        end: s.end.clone(),
        publication: s.publication.clone(),
        outcome: s.outcome.clone(),
        priority_actions: None,
        rows: vec![s.place.clone()],
        notes: Vec::new(),
    }
}

/// Whether a management-information row and a scrape row are the same inspection: the
/// same publication day, or starts within three weeks of each other.
fn same_inspection(m: &Inspection, s: &Inspection) -> bool {
    let same_pub =
        matches!((&m.publication, &s.publication), (Some(a), Some(b)) if a.value == b.value);
    let near_start = matches!((&m.start, &s.start), (Some(a), Some(b)) if (a.value - b.value).num_days().abs() <= 21);
    same_pub || near_start
}

/// Merges the scrape's row into the management information's for the same inspection. The
/// on-site dates are the report's (the scrape reads them from the report's "inspection
/// dates"); publication and outcome are Ofsted's management information where both give one.
fn merge(
    mut m: Inspection,
    s: Inspection,
    area: &AreaInfo,
    diagnostics: &mut Vec<ImportDiagnostic>,
) -> Inspection {
    if let (Some(a), Some(b)) = (&m.start, &s.start) {
        if a.value != b.value {
            diagnostics.push(
                ImportDiagnostic::new(
                    ImportCode::SourcesDisagree,
                    b.place.clone(),
                    format!(
                        "{}: the report's first day on site is {} (the scrape) but Ofsted's management information gives the inspection's start as {} ({}); the report's date is used",
                        area.name, b.value, a.value, a.place
                    ),
                )
                .for_area(&area.code),
            );
            m.notes.push(format!(
                "Ofsted's management information gives the start as {} ({}).",
                a.value, a.place
            ));
        }
    }
    if s.start.is_some() {
        m.start = s.start;
    }
    m.end = s.end.or(m.end);
    match (&m.publication, &s.publication) {
        (Some(a), Some(b)) if a.value != b.value => {
            diagnostics.push(
                ImportDiagnostic::new(
                    ImportCode::SourcesDisagree,
                    b.place.clone(),
                    format!("{}: the scrape gives publication on {} but Ofsted's management information on {} ({}); Ofsted's is used", area.name, b.value, a.value, a.place),
                )
                .for_area(&area.code),
            );
            m.notes.push(format!(
                "The scrape gives publication on {} ({}).",
                b.value, b.place
            ));
        }
        (None, Some(_)) => m.publication = s.publication.clone(),
        _ => {}
    }
    match (&m.outcome, &s.outcome) {
        (Some(a), Some(b)) if a.value != b.value => {
            diagnostics.push(
                ImportDiagnostic::new(
                    ImportCode::SourcesDisagree,
                    b.place.clone(),
                    format!("{}: the scrape gives the outcome `{}` but Ofsted's management information `{}` ({}); Ofsted's is used", area.name, b.value, a.value, a.place),
                )
                .for_area(&area.code),
            );
            m.notes.push(format!(
                "The scrape gives the outcome `{}` ({}).",
                b.value, b.place
            ));
        }
        (None, Some(_)) => m.outcome = s.outcome.clone(),
        _ => {}
    }
    m.rows.extend(s.rows);
    m
}

/// Placeholder health bodies: the sources name none, so the record says so rather than
/// name one.
fn health_body(kind: HealthBodyKind, area: &str) -> HealthBody {
    match kind {
        HealthBodyKind::Ccg => HealthBody::new(
            kind,
            format!("the clinical commissioning group(s) of {area} (not named in the sources)"),
        ),
        _ => HealthBody::new(
            kind,
            format!("the integrated care board of {area} (not named in the sources)"),
        ),
    }
}

/// Builds every current area's record from the facts read.
pub fn build(read: ReadSources) -> Import {
    let ReadSources {
        areas,
        statistics,
        management,
        scrape,
        names,
        snapshot,
        mut diagnostics,
    } = read;
    let n = areas.all().len();
    // Join: each source's rows per current area.
    let mut stats_of: Vec<Option<(&StatisticsRow, Option<&'static str>)>> = vec![None; n];
    for row in &statistics.rows {
        let code = &row.code.value;
        let targets: Vec<(usize, Option<&'static str>)> = match areas.resolve_code(code) {
            Resolved::Current(i) => vec![(i, None)],
            Resolved::Reorganised(r) => {
                let carried: Vec<(usize, Option<&'static str>)> = r
                    .new_codes
                    .iter()
                    .filter_map(|c| areas.by_code(c))
                    .map(|i| (i, Some(r.old_name)))
                    .collect();
                let what = match r.change {
                    Change::Recoded => format!("{} ({}) is now {} ({}), the same area under a new code since {}; its record carries this row", r.old_name, r.old_code, r.new_codes.join(", "), names_of(&areas, r.new_codes), r.when),
                    Change::Split => format!("{} ({}) was split in {} into {} ({}); each of them carries this row's 2016 record, as each inherited the area's SEND duties", r.old_name, r.old_code, r.when, names_of(&areas, r.new_codes), r.new_codes.join(", ")),
                    Change::Redrawn => format!("{} ({}) was reorganised in {} with new boundaries; the row is not carried into {} ({}), a different area", r.old_name, r.old_code, r.when, names_of(&areas, r.new_codes), r.new_codes.join(", ")),
                };
                diagnostics.push(ImportDiagnostic::new(
                    ImportCode::AreaReorganised,
                    row.code.place.clone(),
                    what,
                ));
                if r.change == Change::Redrawn {
                    Vec::new()
                } else {
                    carried
                }
            }
            _ => {
                diagnostics.push(
                    ImportDiagnostic::new(
                        ImportCode::UnknownArea,
                        row.code.place.clone(),
                        format!("the area code {code} (\"{}\") is neither a current area nor in the crosswalk; the row is not imported", row.name),
                    )
                    .with_help("add the reorganisation to the crosswalk (`REORGANISED`) if the area was renamed or split"),
                );
                Vec::new()
            }
        };
        for (i, carried) in targets {
            let slot = stats_of.get_mut(i);
            match slot {
                Some(s @ None) => *s = Some((row, carried)),
                Some(Some(_)) => diagnostics.push(duplicate(&areas, i, &row.place)),
                None => {}
            }
        }
    }
    let mut mi_of: Vec<Option<&ManagementRow>> = vec![None; n];
    for row in &management.rows {
        match areas.resolve_name(&row.name.value) {
            Resolved::Current(i) => match mi_of.get_mut(i) {
                Some(s @ None) => *s = Some(row),
                Some(Some(_)) => diagnostics.push(duplicate(&areas, i, &row.place)),
                None => {}
            },
            _ => diagnostics.push(
                ImportDiagnostic::new(
                    ImportCode::UnknownArea,
                    row.name.place.clone(),
                    format!("no current area is called \"{}\" (by the crosswalk's names and aliases); the row is not imported", row.name.value),
                )
                .with_help("add the name to the crosswalk's aliases (`also_known_as`)"),
            ),
        }
    }
    let mut scrape_of: Vec<Option<&ScrapeRow>> = vec![None; n];
    for row in &scrape.rows {
        // Joined on the ONS code where it is a current one; the DfE LA code stands in for
        // the stale codes the scrape still carries (and must agree where both are current).
        let by_ons = match areas.resolve_code(&row.ons_code.value) {
            Resolved::Current(i) => Some(i),
            _ => None,
        };
        let by_la = areas.resolve_la_code(&row.la_code.value);
        let target = match (by_ons, &by_la) {
            (Some(i), Resolved::Current(j)) if i != *j => {
                let (a, b) = (areas.get(i), areas.get(*j));
                diagnostics.push(
                    ImportDiagnostic::new(
                        ImportCode::InconsistentRow,
                        row.ons_code.place.clone(),
                        format!(
                            "\"{}\" carries the ONS code {} ({}) but the DfE LA code {} ({}): two different areas; the row is not imported",
                            row.name,
                            row.ons_code.value,
                            a.map_or("?", |a| a.name.as_str()),
                            row.la_code.value,
                            b.map_or("?", |b| b.name.as_str())
                        ),
                    )
                    .with_help("correct the code that is wrong in the scrape, or the crosswalk's la_code"),
                );
                None
            }
            (Some(i), _) => Some(i),
            (None, Resolved::Current(j)) => {
                if let Some(a) = areas.get(*j) {
                    diagnostics.push(
                        ImportDiagnostic::new(
                            ImportCode::StaleAreaCode,
                            row.ons_code.place.clone(),
                            format!("\"{}\" carries the ONS code {}, which is no current area's, but the area with DfE LA code {} is {} ({}) today; the row is joined on {}", row.name, row.ons_code.value, row.la_code.value, a.code, a.name, a.code),
                        )
                        .for_area(&a.code),
                    );
                }
                Some(*j)
            }
            (None, Resolved::Former(name)) => {
                diagnostics.push(ImportDiagnostic::new(
                    ImportCode::UnknownArea,
                    row.la_code.place.clone(),
                    format!("DfE LA code {} is {name}, an area that no longer exists, and the ONS code {} is no current area's; the row is not imported", row.la_code.value, row.ons_code.value),
                ));
                None
            }
            (None, _) => {
                diagnostics.push(ImportDiagnostic::new(
                    ImportCode::UnknownArea,
                    row.la_code.place.clone(),
                    format!("neither the ONS code {} nor the DfE LA code {} (\"{}\") is in the crosswalk; the row is not imported", row.ons_code.value, row.la_code.value, row.name),
                ));
                None
            }
        };
        if let Some(i) = target {
            match scrape_of.get_mut(i) {
                Some(s @ None) => *s = Some(row),
                Some(Some(_)) => diagnostics.push(duplicate(&areas, i, &row.place)),
                None => {}
            }
        }
    }

    let citations = Citations::new(&names, snapshot);
    let mut used: HashSet<(String, usize)> = HashSet::new();
    let mut records = Vec::with_capacity(n);
    for (i, area) in areas.all().iter().enumerate() {
        let stats = stats_of.get(i).copied().flatten();
        let mi = mi_of.get(i).copied().flatten();
        let sc = scrape_of.get(i).copied().flatten();
        if stats.is_none() {
            let why = match crate::areas::REORGANISED.iter().find(|r| r.new_codes.contains(&area.code.as_str())) {
                Some(r) => format!("{} ({}) has no row in Ofsted's 2016 statistics: it was formed in {} from the former {} ({}), which the statistics leave out as an area that no longer exists (sheet Notes); its record has no 2016-framework events", area.name, area.code, r.when, r.old_name, r.old_code),
                None => format!("{} ({}) has no row in Ofsted's 2016 statistics; its record has no 2016-framework events", area.name, area.code),
            };
            diagnostics.push(
                ImportDiagnostic::new(ImportCode::NotInSource, Place::file(&names[0]), why)
                    .for_area(&area.code),
            );
        }
        let (timeline, b) = record(area, stats, mi, sc, &citations, &mut diagnostics);
        used.extend(b.used);
        records.push(AreaRecord {
            area: area.clone(),
            timeline,
            carries: stats.and_then(|(_, c)| c.map(str::to_owned)),
        });
    }

    // Row-level problems belong to the area the row was joined to.
    let mut area_of_row: HashMap<(String, usize), String> = HashMap::new();
    for (i, area) in areas.all().iter().enumerate() {
        let places = [
            stats_of.get(i).copied().flatten().map(|(r, _)| &r.place),
            mi_of.get(i).copied().flatten().map(|r| &r.place),
            scrape_of.get(i).copied().flatten().map(|r| &r.place),
        ];
        for p in places.into_iter().flatten() {
            if let Some(row) = p.row {
                area_of_row
                    .entry((p.file.clone(), row))
                    .or_insert_with(|| area.code.clone());
            }
        }
    }
    for d in &mut diagnostics {
        if d.area_code.is_none() {
            if let Some(row) = d.place.row {
                if let Some(code) = area_of_row.get(&(d.place.file.clone(), row)) {
                    d.area_code = Some(code.clone());
                }
            }
        }
    }
    let files = vec![
        summary(
            &names[0],
            statistics.rows_read,
            statistics.rows.iter().map(|r| &r.place),
            &used,
            &mut diagnostics,
        ),
        summary(
            &names[1],
            management.rows_read,
            management.rows.iter().map(|r| &r.place),
            &used,
            &mut diagnostics,
        ),
        summary(
            &names[2],
            scrape.rows_read,
            scrape.rows.iter().map(|r| &r.place),
            &used,
            &mut diagnostics,
        ),
    ];
    Import {
        records,
        diagnostics,
        files,
        snapshot,
    }
}

fn names_of(areas: &Areas, codes: &[&str]) -> String {
    codes
        .iter()
        .filter_map(|c| areas.by_code(c).and_then(|i| areas.get(i)))
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(" and ")
}

fn duplicate(areas: &Areas, i: usize, place: &Place) -> ImportDiagnostic {
    let (code, name) = areas
        .get(i)
        .map_or(("?", "?"), |a| (a.code.as_str(), a.name.as_str()));
    ImportDiagnostic::new(
        ImportCode::DuplicateArea,
        place.clone(),
        format!("a second row for {name} ({code}) in a file with one row per area; the later row is not imported"),
    )
    .for_area(code)
}

/// The file's summary; a row read but not imported that no diagnostic names yet gets one.
fn summary<'a>(
    file: &str,
    rows_read: usize,
    rows: impl Iterator<Item = &'a Place>,
    used: &HashSet<(String, usize)>,
    diagnostics: &mut Vec<ImportDiagnostic>,
) -> FileSummary {
    let kept: BTreeSet<usize> = rows.filter_map(|p| p.row).collect();
    let imported: BTreeSet<usize> = used
        .iter()
        .filter(|(f, _)| f == file)
        .map(|(_, r)| *r)
        .collect();
    // Rows that were read: those kept as rows and those named by a diagnostic of this file.
    let mut all: BTreeSet<usize> = kept.clone();
    let mut named: BTreeMap<usize, bool> = BTreeMap::new();
    for d in diagnostics.iter() {
        if d.place.file == file {
            if let Some(r) = d.place.row {
                // Only a finding that says why a row became no event names it.
                if matches!(
                    d.code,
                    ImportCode::UnknownArea
                        | ImportCode::DuplicateArea
                        | ImportCode::RowNotImported
                        | ImportCode::InconsistentRow
                        | ImportCode::UnreadableValue
                ) {
                    named.insert(r, true);
                }
                if d.severity == send_lifecycle::Severity::Error && !kept.contains(&r) {
                    all.insert(r);
                }
            }
        }
    }
    let not: Vec<usize> = all.difference(&imported).copied().collect();
    for r in &not {
        if !named.contains_key(r) {
            diagnostics.push(ImportDiagnostic::new(
                ImportCode::RowNotImported,
                Place::row(file, None, *r),
                format!("row {r} of {file} became no event"),
            ));
        }
    }
    FileSummary {
        file: file.to_owned(),
        rows_read,
        rows_imported: imported.len(),
        rows_not_imported: not,
    }
}

/// One area's record.
fn record<'c>(
    area: &AreaInfo,
    stats: Option<(&StatisticsRow, Option<&'static str>)>,
    mi: Option<&ManagementRow>,
    sc: Option<&ScrapeRow>,
    citations: &'c Citations,
    diagnostics: &mut Vec<ImportDiagnostic>,
) -> (Timeline, Builder<'c>) {
    let mut b = Builder::new(citations);
    // Every record starts under the 2016 framework (in `not_inspected` where the
    // statistics have no row for the area) and moves to the 2023 one on 1 January 2023, so
    // that a view as of an earlier day shows the framework then in force.
    let framework = Framework::LocalAreaSend2016;
    let start_body = HealthBodyKind::Ccg;
    if let Some((row, carried)) = stats {
        record_2016(&mut b, row, carried, area, diagnostics);
    }
    // CCGs gave way to ICBs on 1 July 2022: before the first event certainly after it.
    let at = b
        .events
        .iter()
        .position(|e| e.date.day().is_some_and(|d| d >= icb_day()))
        .unwrap_or(b.events.len());
    let mut change = Event::new(
        EventDate::Day(icb_day()),
        EventDetail::HealthBodyChanged {
            health_bodies: vec![health_body(HealthBodyKind::Icb, &area.name)],
        },
    )
    .with_source(ICB_SOURCE);
    change.note = Some("The sources name no health body; this records only that the area's clinical commissioning group(s) gave way to an integrated care board.".to_owned());
    b.events.insert(at, change);
    b.events.push(
        Event::new(
            EventDate::Day(framework_day()),
            EventDetail::FrameworkChanged {
                framework: Framework::AreaSend2023,
            },
        )
        .with_source(FRAMEWORK_SOURCE),
    );
    // The 2023-framework inspections, earliest first.
    let mut inspections: Vec<Inspection> = Vec::new();
    match (mi.map(from_management), sc.map(from_scrape)) {
        (Some(m), Some(s)) if same_inspection(&m, &s) => {
            inspections.push(merge(m, s, area, diagnostics));
        }
        (Some(m), Some(s)) => {
            inspections.push(m);
            inspections.push(s);
        }
        (Some(m), None) => inspections.push(m),
        (None, Some(s)) => inspections.push(s),
        (None, None) => {}
    }
    inspections.sort_by_key(|x| x.when());
    // The scrape's "previous inspection", when it is later than the 2016 statistics'
    // cut-off (31 August 2022), must be one the sources here hold: an inspection under the
    // 2023 framework, or a late 2016 revisit, which no source here records.
    if let Some(s) = sc {
        if let Some(prev) = &s.previous {
            let cut_off = day(2022, 8, 31);
            if prev.value > cut_off {
                let held = inspections.iter().any(|x| {
                    x.when().is_some_and(|w| w <= prev.value)
                        && x.rows.iter().all(|r| r.file != s.place.file)
                });
                if !held {
                    let what = if prev.value >= framework_day() {
                        "under the 2023 framework"
                    } else {
                        "after the 2016 statistics' cut-off of 31 August 2022 (a revisit, perhaps: they went on until December 2022)"
                    };
                    diagnostics.push(
                        ImportDiagnostic::new(
                            ImportCode::MissingInspection,
                            prev.place.clone(),
                            format!("{}'s report names a previous inspection on {} {what}, which no source here records; the record lacks it", area.name, prev.value),
                        )
                        .for_area(&area.code),
                    );
                }
            }
        }
    }
    for (k, x) in inspections.iter().enumerate() {
        if !record_2023(&mut b, x, area) {
            // A record cannot go past a report whose outcome it does not know.
            for later in inspections.iter().skip(k + 1) {
                for r in &later.rows {
                    diagnostics.push(
                        ImportDiagnostic::new(
                            ImportCode::RowNotImported,
                            r.clone(),
                            format!(
                                "{}'s later inspection in this row is not imported: the report before it ({}) has no outcome in the sources, and the record cannot go past a report whose outcome it does not know",
                                area.name, x.row
                            ),
                        )
                        .for_area(&area.code)
                        .with_help("add the earlier report's outcome (from the published report) to its source"),
                    );
                }
            }
            break;
        }
    }
    let timeline = Timeline {
        schema_version: 1,
        framework,
        coverage: Coverage::OutcomesOnly,
        area: Area::new(
            area.name.clone(),
            area.name.clone(),
            [health_body(start_body, &area.name)],
        ),
        events: std::mem::take(&mut b.events),
    };
    (timeline, b)
}

fn record_2016(
    b: &mut Builder<'_>,
    row: &StatisticsRow,
    carried: Option<&str>,
    area: &AreaInfo,
    diagnostics: &mut Vec<ImportDiagnostic>,
) {
    let mut first = b.events.len();
    b.dated_or_implied(
        row.inspection_start.as_ref(),
        &row.place,
        EventDetail::InspectionStarted,
        "the statistics give no readable first day of the inspection; the row records one",
    );
    b.implied(
        &row.place,
        EventDetail::InspectionEnded,
        "the statistics give only the first day of fieldwork (inspections usually last 5 days: sheet Guidance).",
    );
    let report = match (&row.wsoa_required, &row.weaknesses) {
        (Some(w), _) if !w.value => Some(EventDetail::report(Vec::new(), None)),
        (Some(_), Some(n)) => Some(EventDetail::from(PublishedReport {
            weakness_count: Some(n.value),
            ..PublishedReport::default()
        })),
        _ => None,
    };
    let Some(report) = report else {
        let lost = if matches!(row.revisit, RevisitStart::Dated(_)) {
            "the inspection's report and the revisit"
        } else {
            "the inspection's report"
        };
        diagnostics.push(
            ImportDiagnostic::new(
                ImportCode::RowNotImported,
                row.place.clone(),
                format!("{lost} of {} are not imported: whether a WSoA was required, or how many significant weaknesses it named, is not readable in this row (the cells are named above); the record stops at the inspection", area.name),
            )
            .for_area(&area.code),
        );
        return;
    };
    b.dated_or_implied(
        row.publication.as_ref(),
        &row.place,
        report,
        "the statistics give no readable publication date for the inspection letter.",
    );
    if let Some(w) = &row.wsoa_required {
        b.mark(&w.place);
        b.note_on_last(&format!(
            "WSoA required: {} ({}).",
            if w.value { "Yes" } else { "No" },
            w.place
        ));
    }
    if let Some(n) = &row.weaknesses {
        b.note_on_last(&format!(
            "Significant weaknesses: {} ({}).",
            n.value, n.place
        ));
    }
    if let RevisitStart::Dated(start) = &row.revisit {
        let why = format!(
            "a revisit took place ({}), and a revisit follows only a WSoA judged fit for purpose.",
            start.place
        );
        b.implied(&row.place, EventDetail::WsoaSubmitted, &why);
        b.implied(
            &row.place,
            EventDetail::WsoaJudged {
                fit_for_purpose: true,
            },
            &why,
        );
        b.dated(start, EventDetail::RevisitStarted);
        b.implied(
            &row.place,
            EventDetail::RevisitEnded,
            "the statistics give only the first day of the revisit (usually 3 or 4 days: sheet Guidance).",
        );
        if let Some(out) = &row.revisit_outcome {
            let (_, sufficient, insufficient) = out.value;
            let detail = EventDetail::RevisitOutcome {
                judgements: Vec::new(),
                counts: Some(Box::new(ProgressCounts {
                    sufficient,
                    insufficient,
                })),
            };
            b.dated_or_implied(
                row.revisit_publication.as_ref(),
                &row.place,
                detail,
                "the statistics give no readable publication date for the revisit letter.",
            );
            b.mark(&out.place);
            let (_, sufficient, insufficient) = out.value;
            b.note_on_last(&format!(
                "Outcome: {}; {sufficient} sufficient and {insufficient} not, columns L and M of the same row.",
                out.place
            ));
        }
    }
    if let Some(old) = carried {
        if old != area.name {
            while let Some(e) = b.events.get_mut(first) {
                let text = format!(
                    "{old}'s record (Ofsted's statistics list the area under that name and code), carried by {}.",
                    area.name
                );
                e.note = Some(match e.note.take() {
                    Some(n) => format!("{text} {n}"),
                    None => text,
                });
                first += 1;
            }
        }
    }
}

/// Adds one 2023-framework inspection; false when its report cannot be added (then nothing
/// later can be either).
fn record_2023(b: &mut Builder<'_>, x: &Inspection, area: &AreaInfo) -> bool {
    let _ = area;
    b.dated_or_implied(
        x.start.as_ref(),
        &x.row,
        EventDetail::InspectionStarted,
        "the source gives no first day on site, but the report it lists implies the inspection.",
    );
    b.dated_or_implied(
        x.end.as_ref(),
        &x.row,
        EventDetail::InspectionEnded,
        "the source gives no last day on site, but the report it lists implies the inspection ended.",
    );
    let Some(outcome) = &x.outcome else {
        // The report was published, but with no outcome known it cannot be recorded as one.
        let title = match &x.publication {
            Some(p) => format!(
                "Report published on {}; its outcome is not in the sources",
                p.value
            ),
            None => "Report published; its date and outcome are not in the sources".to_owned(),
        };
        match &x.publication {
            Some(p) => {
                b.dated(p, EventDetail::Note { title });
            }
            None => {
                b.implied(
                    &x.row,
                    EventDetail::Note { title },
                    "the row lists a report.",
                );
            }
        }
        return false;
    };
    b.mark(&outcome.place);
    let detail = EventDetail::from(PublishedReport {
        outcome: Some(outcome.value),
        priority_action_count: x.priority_actions.as_ref().map(|f| f.value),
        ..PublishedReport::default()
    });
    b.dated_or_implied(
        x.publication.as_ref(),
        &x.row,
        detail,
        "the source gives no readable publication date for the report.",
    );
    let mut cites: Vec<String> = vec![format!("Outcome: {}.", outcome.place)];
    if let Some(p) = &x.priority_actions {
        b.mark(&p.place);
        cites.push(format!("Areas for priority action: {}.", p.place));
    }
    if x.rows.len() > 1 {
        cites.push(format!(
            "Also in: {}.",
            x.rows
                .iter()
                .skip(1)
                .map(|r| b.citations.cite(r))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    cites.extend(x.notes.iter().cloned());
    b.note_on_last(&cites.join(" "));
    for r in &x.rows {
        b.mark(r);
    }
    true
}

//! The three published sources, read row by row into facts, each fact with the cell it
//! came from. A cell that does not say what its column should is a diagnostic and no
//! fact; nothing is guessed.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use send_lifecycle::Outcome;

use crate::cells::{self, CountCell, DateCell, Raw};
use crate::diagnostic::{ImportCode, ImportDiagnostic, Place};
use crate::table::{self, Table};

/// A value and the cell it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact<T> {
    /// The value.
    pub value: T,
    /// The cell.
    pub place: Place,
}

/// A revisit's outcome as the 2016 statistics give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevisitResult {
    /// "Yes": sufficient progress on every significant weakness.
    All,
    /// "Some".
    Some,
    /// "No": on none.
    None,
}

/// What the 2016 statistics say about a revisit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevisitStart {
    /// No cell: no WSoA, so no revisit.
    NotApplicable,
    /// "Not revisited yet" (by 31 August 2022, the statistics' cut-off).
    NotYet(Place),
    /// The first day of the revisit.
    Dated(Fact<NaiveDate>),
    /// The cell could not be read (reported).
    Unknown,
}

/// One row of Ofsted's 2016-framework statistics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatisticsRow {
    /// The row.
    pub place: Place,
    /// The ONS code as published.
    pub code: Fact<String>,
    /// The area's name as published.
    pub name: String,
    /// The Ofsted region as published.
    pub region: String,
    /// The first day of the inspection.
    pub inspection_start: Option<Fact<NaiveDate>>,
    /// The letter's publication.
    pub publication: Option<Fact<NaiveDate>>,
    /// Whether a WSoA was required.
    pub wsoa_required: Option<Fact<bool>>,
    /// The number of significant weaknesses.
    pub weaknesses: Option<Fact<u64>>,
    /// The revisit, if any.
    pub revisit: RevisitStart,
    /// The revisit letter's publication.
    pub revisit_publication: Option<Fact<NaiveDate>>,
    /// The revisit's outcome with the counts, when they agree with each other and with the
    /// number of weaknesses.
    pub revisit_outcome: Option<Fact<(RevisitResult, u64, u64)>>,
}

/// One row of Ofsted's management information for January to August 2023.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagementRow {
    /// The row.
    pub place: Place,
    /// The partnership's name as published.
    pub name: Fact<String>,
    /// The Ofsted region as published.
    pub region: String,
    /// The inspection's start.
    pub start: Option<Fact<NaiveDate>>,
    /// The report's publication.
    pub publication: Option<Fact<NaiveDate>>,
    /// The outcome.
    pub outcome: Option<Fact<Outcome>>,
    /// The number of areas for priority action (under `widespread_failings`).
    pub priority_actions: Option<Fact<u64>>,
}

/// One row of Data to Insight's scrape of 2023-framework reports (the latest per area).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScrapeRow {
    /// The row.
    pub place: Place,
    /// The DfE LA code.
    pub la_code: Fact<String>,
    /// The ONS code as scraped (partly stale).
    pub ons_code: Fact<String>,
    /// The area's name as scraped (lower case).
    pub name: String,
    /// The previous inspection's date, as the report gives it.
    pub previous: Option<Fact<NaiveDate>>,
    /// The first day on site.
    pub start: Option<Fact<NaiveDate>>,
    /// The last day on site.
    pub end: Option<Fact<NaiveDate>>,
    /// The outcome.
    pub outcome: Option<Fact<Outcome>>,
    /// The report's publication.
    pub publication: Option<Fact<NaiveDate>>,
    /// The report's address.
    pub link: String,
}

/// The sheet of the 2016 statistics that holds the areas.
pub const STATISTICS_SHEET: &str = "Area_SEND_up_to_31_Aug_2022";

/// Two-digit years seen, per column: how many, and the first cell.
#[derive(Default)]
struct TwoDigit(BTreeMap<(String, usize), (usize, Place)>);

impl TwoDigit {
    fn saw(&mut self, place: &Place, header: &str, col: usize) {
        let e = self
            .0
            .entry((header.to_owned(), col))
            .or_insert_with(|| (0, place.clone()));
        e.0 += 1;
    }

    fn report(self, diagnostics: &mut Vec<ImportDiagnostic>) {
        for ((header, _), (n, first)) in self.0 {
            diagnostics.push(ImportDiagnostic::new(
                ImportCode::TwoDigitYear,
                first,
                format!("{n} dates in column \"{header}\" have two-digit years (the first here); each is read as 20YY: every report under the 2023 framework is from 2023 or later"),
            ));
        }
    }
}

/// One row of a table, for reading its cells.
struct RowAt<'a> {
    t: &'a Table,
    row: usize,
    cells: &'a [Raw],
}

impl RowAt<'_> {
    fn raw(&self, col: usize) -> &Raw {
        self.cells.get(col).unwrap_or(&Raw::Empty)
    }

    fn place(&self, col: usize) -> Place {
        self.t.place(self.row).cell(col, self.t.header(col))
    }

    /// Reads a date cell; `None` (with a diagnostic) when it is not a date.
    fn date(
        &self,
        col: usize,
        what: &str,
        two: &mut TwoDigit,
        diagnostics: &mut Vec<ImportDiagnostic>,
    ) -> Option<Fact<NaiveDate>> {
        let raw = self.raw(col);
        let place = self.place(col);
        match cells::date(raw) {
            DateCell::Day { day, two_digit } => {
                if two_digit {
                    two.saw(&place, self.t.header(col), col);
                }
                Some(Fact { value: day, place })
            }
            DateCell::Placeholder => {
                diagnostics.push(
                    ImportDiagnostic::new(
                        ImportCode::PlaceholderValue,
                        place,
                        format!("{what} is {}, a stand-in for a date the source does not have; it is not known", raw.shown()),
                    )
                    .with_help("the record leaves the date unknown (null); a source with the date would fill it"),
                );
                None
            }
            DateCell::Other(text) => {
                diagnostics.push(ImportDiagnostic::new(
                    ImportCode::UnreadableValue,
                    place,
                    format!("{what} is \"{text}\", which is not a date (dd/mm/yyyy)"),
                ));
                None
            }
        }
    }

    /// Reads a count cell; `None` (with a diagnostic) when it is not a whole number ≥ 0.
    fn count(
        &self,
        col: usize,
        what: &str,
        diagnostics: &mut Vec<ImportDiagnostic>,
    ) -> Option<Fact<u64>> {
        let raw = self.raw(col);
        let place = self.place(col);
        match cells::count(raw) {
            CountCell::Count(n) => Some(Fact { value: n, place }),
            CountCell::Placeholder => {
                diagnostics.push(ImportDiagnostic::new(
                    ImportCode::PlaceholderValue,
                    place,
                    format!("{what} is {}, a stand-in for a number the source does not have; it is not known", raw.shown()),
                ));
                None
            }
            CountCell::Other(text) => {
                diagnostics.push(ImportDiagnostic::new(
                    ImportCode::UnreadableValue,
                    place,
                    format!("{what} is {text}, which is not a whole number of 0 or more"),
                ));
                None
            }
        }
    }
}

fn text_at(cells: &[Raw], col: usize) -> String {
    match cells.get(col) {
        Some(Raw::Text(t)) => t.clone(),
        Some(Raw::Number(n)) => format!("{n}"),
        Some(Raw::Date(d)) => d.to_string(),
        _ => String::new(),
    }
}

/// The rows read from one file, and the problems met.
#[derive(Debug, Clone)]
pub struct Read<R> {
    /// The rows that hold an area (even where some of their cells could not be read).
    pub rows: Vec<R>,
    /// How many data rows the file has (blank rows left out).
    pub rows_read: usize,
}

impl<R> Default for Read<R> {
    fn default() -> Read<R> {
        Read {
            rows: Vec::new(),
            rows_read: 0,
        }
    }
}

/// Reads Ofsted's 2016-framework statistics (the ODS as published).
pub fn read_statistics(
    bytes: &[u8],
    file: &str,
    diagnostics: &mut Vec<ImportDiagnostic>,
) -> Read<StatisticsRow> {
    let mut out = Read::default();
    let Some(t) = table::read_ods(
        bytes,
        file,
        STATISTICS_SHEET,
        &["Local authority code", "Area name"],
        diagnostics,
    ) else {
        return out;
    };
    let Some(
        [c_code, c_name, c_region, c_start, c_pub, c_wsoa, c_weak, c_rstart, c_rpub, c_rout, c_suff, c_insuff],
    ) = t.columns(
        [
            "Local authority code",
            "Area name",
            "Ofsted region",
            "Inspection start date",
            "Inspection publication date",
            "Inspection outcome: written statement of action required?",
            "Number significant weaknesses identified",
            "Revisit start date",
            "Revisit publication date",
            "Revisit outcome",
            "Number significant weaknesses where sufficient progress has been made",
            "Number significant weaknesses where sufficient progress has not been made",
        ],
        diagnostics,
    )
    else {
        return out;
    };
    out.rows_read = t.rows.len() + t.unreadable;
    let mut two = TwoDigit::default();
    for (row, cells) in &t.rows {
        let row = *row;
        let at = RowAt { t: &t, row, cells };
        let code = text_at(cells, c_code);
        let name = text_at(cells, c_name);
        if code.is_empty() {
            diagnostics.push(ImportDiagnostic::new(
                ImportCode::UnknownArea,
                at.place(c_code),
                format!("row {row} has no local authority code (area name \"{name}\"); it is not imported"),
            ));
            continue;
        }
        let d = &mut *diagnostics;
        let inspection_start = at.date(c_start, "the inspection start date", &mut two, d);
        let publication = at.date(c_pub, "the inspection publication date", &mut two, d);
        let wsoa_raw = cells.get(c_wsoa).unwrap_or(&Raw::Empty);
        let wsoa_required = match wsoa_raw.text().map(str::trim) {
            Some(y) if y.eq_ignore_ascii_case("yes") => Some(Fact {
                value: true,
                place: at.place(c_wsoa),
            }),
            Some(n) if n.eq_ignore_ascii_case("no") => Some(Fact {
                value: false,
                place: at.place(c_wsoa),
            }),
            _ => {
                d.push(ImportDiagnostic::new(
                    ImportCode::UnreadableValue,
                    at.place(c_wsoa),
                    format!("whether a WSoA was required is {}, not Yes or No; the inspection's outcome is not imported", wsoa_raw.shown()),
                ));
                None
            }
        };
        let required = wsoa_required.as_ref().map(|f| f.value);
        let weak_raw = cells.get(c_weak).unwrap_or(&Raw::Empty);
        let weaknesses = match required {
            Some(true) => match at.count(c_weak, "the number of significant weaknesses", d) {
                Some(n) if n.value == 0 => {
                    d.push(ImportDiagnostic::new(
                        ImportCode::InconsistentRow,
                        n.place.clone(),
                        "a WSoA was required, yet the number of significant weaknesses is 0; the number is not imported".to_owned(),
                    ));
                    None
                }
                other => other,
            },
            _ => {
                if *weak_raw != Raw::Empty && required == Some(false) {
                    d.push(ImportDiagnostic::new(
                        ImportCode::InconsistentRow,
                        at.place(c_weak),
                        format!("no WSoA was required, yet the number of significant weaknesses is {}; the number is not imported", weak_raw.shown()),
                    ));
                }
                None
            }
        };
        let rstart_raw = cells.get(c_rstart).unwrap_or(&Raw::Empty);
        let revisit = match (required, cells::date(rstart_raw)) {
            (_, DateCell::Other(t)) if t.trim().eq_ignore_ascii_case("not revisited yet") => {
                RevisitStart::NotYet(at.place(c_rstart))
            }
            (Some(true), DateCell::Day { .. }) => {
                match at.date(c_rstart, "the revisit start date", &mut two, d) {
                    Some(f) => RevisitStart::Dated(f),
                    None => RevisitStart::Unknown,
                }
            }
            (_, DateCell::Placeholder) if *rstart_raw == Raw::Empty && required != Some(true) => {
                RevisitStart::NotApplicable
            }
            (Some(false), _) => {
                d.push(ImportDiagnostic::new(
                    ImportCode::InconsistentRow,
                    at.place(c_rstart),
                    format!("no WSoA was required, yet the revisit start date is {}; the revisit is not imported", rstart_raw.shown()),
                ));
                RevisitStart::NotApplicable
            }
            _ => {
                let _ = at.date(c_rstart, "the revisit start date", &mut two, d);
                RevisitStart::Unknown
            }
        };
        let (revisit_publication, revisit_outcome) = if let RevisitStart::Dated(_) = revisit {
            let publ = at.date(c_rpub, "the revisit publication date", &mut two, d);
            let out_raw = cells.get(c_rout).unwrap_or(&Raw::Empty);
            let result = match out_raw.text().map(str::trim) {
                Some(s) if s.eq_ignore_ascii_case("yes") => Some(RevisitResult::All),
                Some(s) if s.eq_ignore_ascii_case("some") => Some(RevisitResult::Some),
                Some(s) if s.eq_ignore_ascii_case("no") => Some(RevisitResult::None),
                _ => {
                    d.push(ImportDiagnostic::new(
                        ImportCode::UnreadableValue,
                        at.place(c_rout),
                        format!(
                            "the revisit outcome is {}, not Yes, Some or No; it is not imported",
                            out_raw.shown()
                        ),
                    ));
                    None
                }
            };
            let suff = at.count(
                c_suff,
                "the number of weaknesses with sufficient progress",
                d,
            );
            let insuff = at.count(
                c_insuff,
                "the number of weaknesses without sufficient progress",
                d,
            );
            let outcome = match (result, suff, insuff) {
                (Some(r), Some(s), Some(i)) => {
                    let agrees = match r {
                        RevisitResult::All => i.value == 0,
                        RevisitResult::None => s.value == 0,
                        RevisitResult::Some => s.value > 0 && i.value > 0,
                    };
                    let total = weaknesses.as_ref().map(|w| w.value);
                    if !agrees {
                        d.push(ImportDiagnostic::new(
                            ImportCode::InconsistentRow,
                            at.place(c_rout),
                            format!("the revisit outcome {} disagrees with its counts ({} sufficient, {} not); the outcome is not imported", out_raw.shown(), s.value, i.value),
                        ));
                        None
                    } else if total.is_some_and(|n| n != s.value + i.value) {
                        d.push(ImportDiagnostic::new(
                            ImportCode::InconsistentRow,
                            at.place(c_suff),
                            format!("{} sufficient and {} not sufficient do not add up to the {} significant weaknesses; the outcome is not imported", s.value, i.value, total.unwrap_or(0)),
                        ));
                        None
                    } else {
                        Some(Fact {
                            value: (r, s.value, i.value),
                            place: at.place(c_rout),
                        })
                    }
                }
                _ => None,
            };
            (publ, outcome)
        } else {
            (None, None)
        };
        out.rows.push(StatisticsRow {
            place: t.place(row),
            code: Fact {
                value: code,
                place: at.place(c_code),
            },
            name,
            region: text_at(cells, c_region),
            inspection_start,
            publication,
            wsoa_required,
            weaknesses,
            revisit,
            revisit_publication,
            revisit_outcome,
        });
    }
    two.report(diagnostics);
    out
}

/// The outcome a short label or a report's wording gives, normalised: case, apostrophes and
/// spacing do not matter.
pub(crate) fn outcome_of_text(text: &str) -> Option<Outcome> {
    let t = text.to_lowercase();
    let hits = [
        (t.contains("positive experiences"), Outcome::Positive),
        (
            t.contains("inconsistent experiences"),
            Outcome::Inconsistent,
        ),
        (
            t.contains("widespread and/or systemic failings"),
            Outcome::WidespreadFailings,
        ),
    ];
    let mut found = hits.iter().filter(|(hit, _)| *hit).map(|(_, o)| *o);
    match (found.next(), found.next()) {
        (Some(o), None) => Some(o),
        _ => None,
    }
}

/// Reads Ofsted's management information for January to August 2023 (the CSV export).
pub fn read_management(
    bytes: &[u8],
    file: &str,
    diagnostics: &mut Vec<ImportDiagnostic>,
) -> Read<ManagementRow> {
    let mut out = Read::default();
    let Some(t) = table::read_csv(bytes, file, diagnostics) else {
        return out;
    };
    let Some([c_name, c_region, c_start, c_pub, c_out, c_pap, c_count]) = t.columns(
        [
            "Local.area.partnership",
            "Ofsted.region",
            "Inspection.start.date",
            "Inspection.publication.date",
            "Inspection.outcome",
            "Priority.action.plan.required.",
            "Number.of.areas.for.priority.action",
        ],
        diagnostics,
    ) else {
        return out;
    };
    out.rows_read = t.rows.len() + t.unreadable;
    let mut two = TwoDigit::default();
    for (row, cells) in &t.rows {
        let row = *row;
        let at = RowAt { t: &t, row, cells };
        let d = &mut *diagnostics;
        let name = text_at(cells, c_name);
        if name.is_empty() {
            d.push(ImportDiagnostic::new(
                ImportCode::UnknownArea,
                at.place(c_name),
                format!("row {row} names no partnership; it is not imported"),
            ));
            continue;
        }
        let start = at.date(c_start, "the inspection start date", &mut two, d);
        let publication = at.date(c_pub, "the publication date", &mut two, d);
        let out_raw = cells.get(c_out).unwrap_or(&Raw::Empty);
        let outcome = match out_raw.text().and_then(outcome_of_text) {
            Some(o) => Some(Fact {
                value: o,
                place: at.place(c_out),
            }),
            None => {
                d.push(ImportDiagnostic::new(
                    if cells::is_placeholder(out_raw) { ImportCode::PlaceholderValue } else { ImportCode::UnreadableValue },
                    at.place(c_out),
                    format!("the outcome is {}, not one of Ofsted's three; no report is imported from this row", out_raw.shown()),
                ));
                None
            }
        };
        let pap_raw = cells.get(c_pap).unwrap_or(&Raw::Empty);
        let pap = match pap_raw.text().map(str::trim) {
            Some(y) if y.eq_ignore_ascii_case("yes") => Some(true),
            Some(n) if n.eq_ignore_ascii_case("no") => Some(false),
            _ => {
                d.push(ImportDiagnostic::new(
                    ImportCode::UnreadableValue,
                    at.place(c_pap),
                    format!(
                        "whether a priority action plan is required is {}, not Yes or No",
                        pap_raw.shown()
                    ),
                ));
                None
            }
        };
        let wf = outcome
            .as_ref()
            .map(|o| o.value == Outcome::WidespreadFailings);
        if let (Some(p), Some(w)) = (pap, wf) {
            if p != w {
                d.push(ImportDiagnostic::new(
                    ImportCode::InconsistentRow,
                    at.place(c_pap),
                    format!("a priority action plan is {}required, but the outcome is {}: a plan is required exactly after widespread and/or systemic failings", if p { "" } else { "not " }, out_raw.shown()),
                ));
            }
        }
        let count_raw = cells.get(c_count).unwrap_or(&Raw::Empty);
        let priority_actions = if pap == Some(true) || wf == Some(true) {
            at.count(c_count, "the number of areas for priority action", d)
        } else {
            if !cells::is_placeholder(count_raw) {
                d.push(ImportDiagnostic::new(
                    ImportCode::InconsistentRow,
                    at.place(c_count),
                    format!("no priority action plan is required, yet the number of areas for priority action is {}; it is not imported", count_raw.shown()),
                ));
            }
            None
        };
        out.rows.push(ManagementRow {
            place: t.place(row),
            name: Fact {
                value: name,
                place: at.place(c_name),
            },
            region: text_at(cells, c_region),
            start,
            publication,
            outcome,
            priority_actions,
        });
    }
    two.report(diagnostics);
    out
}

/// Reads Data to Insight's scrape of 2023-framework reports (the CSV as published).
pub fn read_scrape(
    bytes: &[u8],
    file: &str,
    diagnostics: &mut Vec<ImportDiagnostic>,
) -> Read<ScrapeRow> {
    let mut out = Read::default();
    let Some(t) = table::read_csv(bytes, file, diagnostics) else {
        return out;
    };
    let Some(
        [c_la, c_region, c_ons, c_name, c_prev, c_start, c_end, c_grade, c_text, c_pub, c_next_by, c_link],
    ) = t.columns(
        [
            "La Code",
            "Region Code",
            "LTLA23CD",
            "Local Authority",
            "Previous Inspection Date",
            "Inspection Start Date",
            "Inspection End Date",
            "Outcome Grade",
            "Inspection Outcome Text",
            "Publication Date",
            "Next Inspection By Date",
            "Inspection Link",
        ],
        diagnostics,
    )
    else {
        return out;
    };
    out.rows_read = t.rows.len() + t.unreadable;
    let mut two = TwoDigit::default();
    let mut region_placeholders = Vec::new();
    for (row, cells) in &t.rows {
        let row = *row;
        let at = RowAt { t: &t, row, cells };
        let d = &mut *diagnostics;
        let la_code = text_at(cells, c_la);
        let name = text_at(cells, c_name);
        if la_code.is_empty() {
            d.push(ImportDiagnostic::new(
                ImportCode::UnknownArea,
                at.place(c_la),
                format!("row {row} (\"{name}\") has no DfE LA code; it is not imported"),
            ));
            continue;
        }
        if cells::is_placeholder(cells.get(c_region).unwrap_or(&Raw::Empty)) {
            region_placeholders.push(at.place(c_region));
        }
        let previous = at.date(c_prev, "the previous inspection's date", &mut two, d);
        let start = at.date(c_start, "the first day on site", &mut two, d);
        let end = at.date(c_end, "the last day on site", &mut two, d);
        let publication = at.date(c_pub, "the publication date", &mut two, d);
        // The grade and the printed wording must agree; either alone is enough.
        let grade_raw = cells.get(c_grade).unwrap_or(&Raw::Empty);
        let text_raw = cells.get(c_text).unwrap_or(&Raw::Empty);
        let by_grade = match cells::count(grade_raw) {
            CountCell::Count(1) => Some(Outcome::Positive),
            CountCell::Count(2) => Some(Outcome::Inconsistent),
            CountCell::Count(3) => Some(Outcome::WidespreadFailings),
            _ => None,
        };
        let by_text = text_raw.text().and_then(outcome_of_text);
        let outcome = match (by_grade, by_text) {
            (Some(g), Some(w)) if g == w => Some(Fact {
                value: g,
                place: at.place(c_grade),
            }),
            (Some(g), Some(w)) => {
                d.push(ImportDiagnostic::new(
                    ImportCode::InconsistentRow,
                    at.place(c_grade),
                    format!("the outcome grade ({}) gives `{g}` but the report's wording gives `{w}`; no report is imported from this row", grade_raw.shown()),
                ));
                None
            }
            (Some(g), None) => Some(Fact {
                value: g,
                place: at.place(c_grade),
            }),
            (None, Some(w)) => Some(Fact {
                value: w,
                place: at.place(c_text),
            }),
            (None, None) => {
                d.push(
                    ImportDiagnostic::new(
                        ImportCode::PlaceholderValue,
                        at.place(c_grade),
                        format!("the outcome grade is {} and the outcome text is {}: the scrape did not find the report's outcome, so the report (published {}) cannot be imported with one", grade_raw.shown(), text_raw.shown(), publication.as_ref().map_or_else(|| "on a day not given".to_owned(), |p| p.value.to_string())),
                    )
                    .with_help("the record stops at the inspection; its report stays to be added from the published report"),
                );
                None
            }
        };
        out.rows.push(ScrapeRow {
            place: t.place(row),
            la_code: Fact {
                value: la_code,
                place: at.place(c_la),
            },
            ons_code: Fact {
                value: text_at(cells, c_ons),
                place: at.place(c_ons),
            },
            name,
            previous,
            start,
            end,
            outcome,
            publication,
            link: text_at(cells, c_link),
        });
    }
    for place in region_placeholders {
        diagnostics.push(ImportDiagnostic::new(
            ImportCode::PlaceholderValue,
            place,
            "the region code is a stand-in (NaN); the region is taken from the crosswalk"
                .to_owned(),
        ));
    }
    if let Some((row, _)) = t.rows.first() {
        diagnostics.push(ImportDiagnostic::new(
            ImportCode::ValueNotUsed,
            t.place(*row).cell(c_next_by, t.header(c_next_by)),
            "the scrape's \"next inspection by\" dates are not used: for widespread and/or systemic failings they count 18 months from the first day on site, not from receipt of the report, and the horizons follow from each record's outcome instead".to_owned(),
        ));
    }
    two.report(diagnostics);
    out
}

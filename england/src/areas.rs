//! Which areas exist, what they are called, and what became of the ones that no longer do:
//! the crosswalk every source is joined through.
//!
//! The current areas are the rows of Data to Insight's `la_lookup.csv` that carry a current
//! ONS code (`la_code_new`): 153 local area partnerships. Sources are joined on the ONS code;
//! rows that give only a name (Ofsted's management information) are matched by name, with
//! the lookup's own aliases and [`normalise_name`](crate::cells) so that "Bristol, City of",
//! "Bristol" and "City of Bristol" agree. Areas reorganised since a source was written are
//! in [`REORGANISED`].

use std::collections::HashMap;

use crate::cells::normalise_name;
use crate::diagnostic::{ImportCode, ImportDiagnostic, Place};

/// A current local area: the unit of SEND inspection (a council and its health partners).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaInfo {
    /// The current ONS code (e.g. `E06000063`).
    pub code: String,
    /// Its name as ONS gives it.
    pub name: String,
    /// The Ofsted region (Ofsted combines North East and Yorkshire and the Humber).
    pub region: String,
    /// The DfE local authority code (e.g. `942`).
    pub la_code: String,
}

/// How an area of an older source became one or more current areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Same area, new code (a county council became a unitary council).
    Recoded,
    /// Split into several areas; each carries the old area's record.
    Split,
    /// Boundaries redrawn: the old area's record is not the new one's.
    Redrawn,
}

/// One reorganisation: the old ONS code and name, the current codes, when, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reorganisation {
    /// The old ONS code, as the older sources carry it.
    pub old_code: &'static str,
    /// The old area's name.
    pub old_name: &'static str,
    /// The current areas' ONS codes.
    pub new_codes: &'static [&'static str],
    /// When the new councils took over (month and year).
    pub when: &'static str,
    /// What happened.
    pub change: Change,
}

/// Areas reorganised since 2016, as `la_lookup.csv` records them (old and new codes; the
/// scrape still carries several old ones) and the domain notes say (`docs/domain.md`, "Real
/// data for every area"). The months are those the new councils took over.
pub const REORGANISED: &[Reorganisation] = &[
    Reorganisation {
        old_code: "E10000002",
        old_name: "Buckinghamshire",
        new_codes: &["E06000060"],
        when: "April 2020",
        change: Change::Recoded,
    },
    Reorganisation {
        old_code: "E10000009",
        old_name: "Dorset",
        new_codes: &["E06000059"],
        when: "April 2019",
        change: Change::Redrawn,
    },
    Reorganisation {
        old_code: "E10000021",
        old_name: "Northamptonshire",
        new_codes: &["E06000061", "E06000062"],
        when: "April 2021",
        change: Change::Split,
    },
    Reorganisation {
        old_code: "E10000006",
        old_name: "Cumbria",
        new_codes: &["E06000063", "E06000064"],
        when: "April 2023",
        change: Change::Split,
    },
    Reorganisation {
        old_code: "E10000023",
        old_name: "North Yorkshire",
        new_codes: &["E06000065"],
        when: "April 2023",
        change: Change::Recoded,
    },
    Reorganisation {
        old_code: "E10000027",
        old_name: "Somerset",
        new_codes: &["E06000066"],
        when: "April 2023",
        change: Change::Recoded,
    },
];

/// The reorganisation of the area with old ONS code `code`, if any.
pub fn reorganisation(code: &str) -> Option<&'static Reorganisation> {
    REORGANISED.iter().find(|r| r.old_code == code)
}

/// The Ofsted region of an ONS region name: Ofsted combines the North East with Yorkshire
/// and the Humber.
pub fn ofsted_region(ons_region: &str) -> String {
    match ons_region {
        "North East" | "Yorkshire and the Humber" | "Yorkshire and The Humber" => {
            "North East, Yorkshire and the Humber".to_owned()
        }
        other => other.to_owned(),
    }
}

/// Every current area, and the ways sources name them.
#[derive(Debug, Clone, Default)]
pub struct Areas {
    areas: Vec<AreaInfo>,
    by_code: HashMap<String, usize>,
    by_la_code: HashMap<String, LaCode>,
    by_name: HashMap<String, usize>,
}

/// What a DfE LA code in the lookup stands for.
#[derive(Debug, Clone)]
enum LaCode {
    Current(usize),
    /// An area that no longer exists (its name).
    Former(String),
}

/// How a source's code or name resolves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A current area (by index into [`Areas::all`]).
    Current(usize),
    /// An old area reorganised into current ones.
    Reorganised(&'static Reorganisation),
    /// An area that no longer exists, known to the lookup but to no reorganisation.
    Former(String),
    /// Not known.
    Unknown,
}

const LOOKUP_COLUMNS: [&str; 5] = [
    "la_code",
    "la_code_new",
    "local_authority_ons_name",
    "also_known_as",
    "region_name",
];

impl Areas {
    /// Reads `la_lookup.csv` (Data to Insight) as published. Problems are pushed onto
    /// `diagnostics`; a row that cannot be used is named there.
    pub fn read(bytes: &[u8], file: &str, diagnostics: &mut Vec<ImportDiagnostic>) -> Areas {
        let mut out = Areas::default();
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                diagnostics.push(ImportDiagnostic::new(
                    ImportCode::UnreadableFile,
                    Place::file(file),
                    format!("{file} has no readable header row: {e}"),
                ));
                return out;
            }
        };
        let index = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}') == name)
        };
        let mut cols = [0usize; 5];
        for (slot, name) in cols.iter_mut().zip(LOOKUP_COLUMNS) {
            match index(name) {
                Some(i) => *slot = i,
                None => {
                    diagnostics.push(ImportDiagnostic::new(
                        ImportCode::MissingColumn,
                        Place::row(file, None, 1),
                        format!("{file} has no column `{name}`; the crosswalk cannot be read"),
                    ));
                    return out;
                }
            }
        }
        let [c_la, c_new, c_name, c_aka, c_region] = cols;
        let mut lines = crate::table::LineCounter::new(bytes);
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let row = e.position().map_or(0, |p| lines.line_at(p.byte()));
                    diagnostics.push(ImportDiagnostic::new(
                        ImportCode::UnreadableValue,
                        Place::row(file, None, row),
                        format!("a row of {file} cannot be read as CSV: {e}; it is not used"),
                    ));
                    continue;
                }
            };
            let row = record.position().map_or(0, |p| lines.line_at(p.byte()));
            let get = |i: usize| record.get(i).unwrap_or("").trim();
            let la_code = get(c_la).to_owned();
            let code = get(c_new).to_owned();
            let name = get(c_name).to_owned();
            if code.is_empty() {
                if !la_code.is_empty() {
                    out.by_la_code.insert(la_code, LaCode::Former(name));
                }
                continue;
            }
            if out.by_code.contains_key(&code) {
                diagnostics.push(ImportDiagnostic::new(
                    ImportCode::DuplicateArea,
                    Place::row(file, None, row).cell(c_new, "la_code_new"),
                    format!("{code} ({name}) is listed twice; the later row is not used"),
                ));
                continue;
            }
            let i = out.areas.len();
            for alias in get(c_aka)
                .trim_matches(|c| c == '[' || c == ']')
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
            {
                out.by_name.entry(normalise_name(alias)).or_insert(i);
            }
            out.by_name.insert(normalise_name(&name), i);
            out.by_code.insert(code.clone(), i);
            if !la_code.is_empty() {
                if out.by_la_code.contains_key(&la_code) {
                    diagnostics.push(ImportDiagnostic::new(
                        ImportCode::DuplicateArea,
                        Place::row(file, None, row).cell(c_la, "la_code"),
                        format!("the DfE LA code {la_code} is listed again, for {code} ({name}); rows joined on it go to the first area listed with it"),
                    ));
                } else {
                    out.by_la_code.insert(la_code.clone(), LaCode::Current(i));
                }
            }
            out.areas.push(AreaInfo {
                code,
                name,
                region: ofsted_region(get(c_region)),
                la_code,
            });
        }
        out
    }

    /// Every current area, in the lookup's order.
    pub fn all(&self) -> &[AreaInfo] {
        &self.areas
    }

    /// The area at `index`.
    pub fn get(&self, index: usize) -> Option<&AreaInfo> {
        self.areas.get(index)
    }

    /// The current area with ONS code `code`.
    pub fn by_code(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    /// What an ONS code of any date stands for.
    pub fn resolve_code(&self, code: &str) -> Resolved {
        if let Some(i) = self.by_code(code) {
            return Resolved::Current(i);
        }
        match reorganisation(code) {
            Some(r) => Resolved::Reorganised(r),
            None => Resolved::Unknown,
        }
    }

    /// What a DfE LA code stands for.
    pub fn resolve_la_code(&self, la_code: &str) -> Resolved {
        match self.by_la_code.get(la_code) {
            Some(LaCode::Current(i)) => Resolved::Current(*i),
            Some(LaCode::Former(name)) => Resolved::Former(name.clone()),
            None => Resolved::Unknown,
        }
    }

    /// The current area a name stands for (by the lookup's names and aliases).
    pub fn resolve_name(&self, name: &str) -> Resolved {
        match self.by_name.get(&normalise_name(name)) {
            Some(i) => Resolved::Current(*i),
            None => Resolved::Unknown,
        }
    }

    /// A copy with every area repeated `times` times under distinct codes and names (for
    /// benchmarks: the 100× synthetic country). Copy `k` of `E06000001` is
    /// `E06000001~k`; copy 0 is the area itself.
    pub fn replicated(&self, times: usize) -> Areas {
        let mut out = Areas::default();
        for k in 0..times.max(1) {
            for a in &self.areas {
                let i = out.areas.len();
                let info = AreaInfo {
                    code: synthetic(&a.code, k),
                    name: synthetic(&a.name, k),
                    region: a.region.clone(),
                    la_code: synthetic(&a.la_code, k),
                };
                out.by_code.insert(info.code.clone(), i);
                out.by_la_code
                    .insert(info.la_code.clone(), LaCode::Current(i));
                out.by_name.insert(normalise_name(&info.name), i);
                out.areas.push(info);
            }
        }
        for (k, v) in &self.by_la_code {
            if let LaCode::Former(name) = v {
                out.by_la_code
                    .insert(k.clone(), LaCode::Former(name.clone()));
            }
        }
        out
    }
}

/// The `k`-th synthetic copy of a code or name (copy 0 is the original).
pub(crate) fn synthetic(s: &str, k: usize) -> String {
    if k == 0 {
        s.to_owned()
    } else {
        format!("{s}~{k}")
    }
}

//! Problems of the sources, with the place each was found: the same model as the
//! validator's diagnostics (a stable code, its severity, a message that stands on its own,
//! help), placed by file, sheet, row and column instead of a JSON Pointer.

use std::fmt;

use send_lifecycle::Severity;
use serde::Serialize;

/// A place in a published file: the file, the sheet (spreadsheets only), the 1-based row
/// as a spreadsheet program numbers it (for a CSV file, the line: the header is row 1) and
/// the column, by letter and by the header the publisher gave it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Place {
    /// The file's name, as published.
    pub file: String,
    /// The sheet, for a spreadsheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The row (1-based; `None`: the whole file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// The column's letter (A, B, …, AA), when one column is concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The column's header, as published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
}

impl Place {
    /// The whole of `file`.
    pub fn file(file: &str) -> Place {
        Place {
            file: file.to_owned(),
            sheet: None,
            row: None,
            column: None,
            header: None,
        }
    }

    /// A row of `file` (and of `sheet`, for a spreadsheet).
    pub fn row(file: &str, sheet: Option<&str>, row: usize) -> Place {
        Place {
            file: file.to_owned(),
            sheet: sheet.map(str::to_owned),
            row: Some(row),
            column: None,
            header: None,
        }
    }

    /// The same place narrowed to the column at 0-based `index`, with its header.
    pub fn cell(&self, index: usize, header: &str) -> Place {
        Place {
            column: Some(column_letter(index)),
            header: Some(header.to_owned()),
            ..self.clone()
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet {sheet}")?;
        }
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(col) = &self.column {
            write!(f, ", column {col}")?;
            if let Some(h) = &self.header {
                write!(f, " ({h})")?;
            }
        }
        Ok(())
    }
}

/// The spreadsheet letter of the column at 0-based `index`: 0 → A, 25 → Z, 26 → AA.
///
/// # Example
/// ```
/// use send_lifecycle_england::column_letter;
/// assert_eq!(column_letter(0), "A");
/// assert_eq!(column_letter(12), "M");
/// assert_eq!(column_letter(26), "AA");
/// ```
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + u8::try_from(rem).unwrap_or(0));
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

macro_rules! import_codes {
    ($( $variant:ident => $name:literal, $sev:ident, $text:literal; )*) => {
        /// What is wrong with a source, or worth knowing about it. The names are stable.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ImportCode {
            $( #[doc = $text] $variant, )*
        }

        impl ImportCode {
            /// Every code.
            pub const ALL: &'static [ImportCode] = &[ $( ImportCode::$variant, )* ];

            /// The code's stable name.
            pub fn as_str(&self) -> &'static str {
                match self { $( ImportCode::$variant => $name, )* }
            }

            /// How serious it is.
            pub fn severity(&self) -> Severity {
                match self { $( ImportCode::$variant => Severity::$sev, )* }
            }

            /// What the code means, in a sentence.
            pub fn explain(&self) -> &'static str {
                match self { $( ImportCode::$variant => $text, )* }
            }

            /// The code with this name.
            pub fn from_name(name: &str) -> Option<ImportCode> {
                ImportCode::ALL.iter().copied().find(|c| c.as_str() == name)
            }
        }
    };
}

import_codes! {
    UnreadableFile => "unreadable_file", Error,
        "A file (or its sheet, or its header row) cannot be read as the publisher's format: nothing of it is imported.";
    MissingColumn => "missing_column", Error,
        "A column the importer reads is not in the header row: the file's layout is not the one published.";
    UnknownArea => "unknown_area", Error,
        "A row names an area that neither the crosswalk nor the list of current areas knows: the row is not imported.";
    DuplicateArea => "duplicate_area", Error,
        "A second row for an area in a file that gives one row per area: the later row is not imported.";
    UnreadableValue => "unreadable_value", Error,
        "A cell holds a value the importer cannot read as what its column holds (a date, a number, Yes/No): the fact is not imported.";
    InconsistentRow => "inconsistent_row", Error,
        "The cells of one row contradict each other (counts that do not add up, an outcome that disagrees with its counts): the row's contradictory facts are not imported.";
    RowNotImported => "row_not_imported", Warning,
        "A row, or some of its facts, could not become events, for the reason the message gives (an earlier report of the area whose outcome is unknown, a report whose weaknesses are unknown): the record stops short of them.";
    PlaceholderValue => "placeholder_value", Warning,
        "A cell holds a stand-in instead of a value (`01/01/1900`, `NaN`, `NA`, an empty cell, \"not found\" text): the fact is unknown and is not imported as a date or an outcome.";
    SourcesDisagree => "sources_disagree", Warning,
        "Two sources give different values for the same inspection: the one used is named, and the other is kept in the event's note.";
    MissingInspection => "missing_inspection", Warning,
        "A source implies an inspection that no source records (a previous inspection under the 2023 framework): the record lacks it.";
    TwoDigitYear => "two_digit_year", Info,
        "Dates in a column have two-digit years; they are read as 20YY, which is certain for the 2023 framework (it began in 2023).";
    StaleAreaCode => "stale_area_code", Info,
        "A row carries an area code that has since been replaced; the row is joined on the current code through the crosswalk.";
    AreaReorganised => "area_reorganised", Info,
        "An area of a source no longer exists as it was (renamed, recoded, split or merged); its record is carried by the current area or areas the crosswalk names.";
    NotInSource => "not_in_source", Info,
        "A current area has no row in a source that covers every area of its time (Ofsted leaves out areas that no longer exist): its record starts later.";
    ValueNotUsed => "value_not_used", Info,
        "A column's values are read but not used for a date or a deadline, because the domain says they do not mean what they seem (the scrape's \"next inspection by\").";
}

impl fmt::Display for ImportCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ImportCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One problem of a source (or a fact worth knowing about it), where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ImportDiagnostic {
    /// The stable code.
    pub code: ImportCode,
    /// Its severity (always the code's own).
    #[serde(serialize_with = "severity_name")]
    pub severity: Severity,
    /// A sentence that stands on its own.
    pub message: String,
    /// Where it was found.
    pub place: Place,
    /// The current area the row belongs to, by ONS code, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area_code: Option<String>,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

fn severity_name<S: serde::Serializer>(sev: &Severity, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(sev.as_str())
}

impl ImportDiagnostic {
    /// A diagnostic of `code` at `place`.
    pub fn new(code: ImportCode, place: Place, message: impl Into<String>) -> ImportDiagnostic {
        ImportDiagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            place,
            area_code: None,
            help: None,
        }
    }

    /// The same, with help.
    pub fn with_help(mut self, help: impl Into<String>) -> ImportDiagnostic {
        self.help = Some(help.into());
        self
    }

    /// The same, about the area with ONS code `code`.
    pub fn for_area(mut self, code: &str) -> ImportDiagnostic {
        self.area_code = Some(code.to_owned());
        self
    }
}

impl fmt::Display for ImportDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}[{}]: {}",
            self.place, self.severity, self.code, self.message
        )
    }
}

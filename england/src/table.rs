//! A published table, whatever its format: a header row naming the columns, then rows of
//! cells, each row with its number as the publisher's file numbers it.

use std::io::Cursor;

use calamine::{Data, Ods, Reader};
use chrono::NaiveDate;

use crate::cells::Raw;
use crate::diagnostic::{ImportCode, ImportDiagnostic, Place};

/// A table: its file (and sheet), its header, and its rows.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub(crate) file: String,
    pub(crate) sheet: Option<String>,
    pub(crate) header: Vec<String>,
    /// The header's row number.
    pub(crate) header_row: usize,
    /// Each data row with its 1-based number. Rows with every cell empty are left out:
    /// they hold nothing to import.
    pub(crate) rows: Vec<(usize, Vec<Raw>)>,
    /// Rows that could not be read at all (each named in a diagnostic).
    pub(crate) unreadable: usize,
}

impl Table {
    /// The place of row `row`.
    pub(crate) fn place(&self, row: usize) -> Place {
        Place::row(&self.file, self.sheet.as_deref(), row)
    }

    /// The index of each wanted column, by its header (compared after trimming, without
    /// case; a header that starts with the wanted text matches, as Ofsted's long headers
    /// do). A column not found is a `missing_column` diagnostic, and then `None`.
    pub(crate) fn columns<const N: usize>(
        &self,
        wanted: [&str; N],
        diagnostics: &mut Vec<ImportDiagnostic>,
    ) -> Option<[usize; N]> {
        let mut out = [0usize; N];
        let mut ok = true;
        for (slot, name) in out.iter_mut().zip(wanted) {
            let want = name.to_lowercase();
            match self.header.iter().position(|h| {
                let h = h.trim().trim_start_matches('\u{feff}').to_lowercase();
                h == want || h.starts_with(&want)
            }) {
                Some(i) => *slot = i,
                None => {
                    ok = false;
                    diagnostics.push(
                        ImportDiagnostic::new(
                            ImportCode::MissingColumn,
                            self.place(self.header_row),
                            format!(
                                "{} has no column headed \"{name}\" in its header row; nothing of it is imported",
                                self.file
                            ),
                        )
                        .with_help("the importer reads the files exactly as published; a changed layout needs a changed importer"),
                    );
                }
            }
        }
        ok.then_some(out)
    }

    /// The header of column `i`.
    pub(crate) fn header(&self, i: usize) -> &str {
        self.header.get(i).map_or("", String::as_str)
    }
}

/// Reads sheet `sheet` of an OpenDocument spreadsheet. The header is the first row whose
/// cells include every text of `header_has`.
pub(crate) fn read_ods(
    bytes: &[u8],
    file: &str,
    sheet: &str,
    header_has: &[&str],
    diagnostics: &mut Vec<ImportDiagnostic>,
) -> Option<Table> {
    let unreadable = |what: String| {
        ImportDiagnostic::new(ImportCode::UnreadableFile, Place::file(file), what)
            .with_help("the file must be Ofsted's OpenDocument spreadsheet as published")
    };
    let mut book = match Ods::new(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            diagnostics.push(unreadable(format!(
                "{file} cannot be read as an OpenDocument spreadsheet: {e}"
            )));
            return None;
        }
    };
    let range = match book.worksheet_range(sheet) {
        Ok(r) => r,
        Err(e) => {
            diagnostics.push(unreadable(format!("{file} has no sheet `{sheet}`: {e}")));
            return None;
        }
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let first_row = usize::try_from(first_row).unwrap_or(0);
    let first_col = usize::try_from(first_col).unwrap_or(0);
    let mut header: Option<(usize, Vec<String>)> = None;
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let number = first_row + i + 1;
        // Cells before the range's first column are empty.
        let mut cells: Vec<Raw> = vec![Raw::Empty; first_col];
        cells.extend(row.iter().map(raw_of));
        match &header {
            None => {
                let texts: Vec<String> = cells
                    .iter()
                    .map(|c| c.text().unwrap_or("").to_owned())
                    .collect();
                if header_has
                    .iter()
                    .all(|h| texts.iter().any(|t| t.trim().eq_ignore_ascii_case(h)))
                {
                    header = Some((number, texts));
                }
            }
            Some(_) => {
                if cells.iter().any(|c| *c != Raw::Empty) {
                    rows.push((number, cells));
                }
            }
        }
    }
    let Some((header_row, header)) = header else {
        diagnostics.push(unreadable(format!(
            "sheet `{sheet}` of {file} has no header row naming {}",
            header_has.join(", ")
        )));
        return None;
    };
    Some(Table {
        file: file.to_owned(),
        sheet: Some(sheet.to_owned()),
        header,
        header_row,
        rows,
        unreadable: 0,
    })
}

fn raw_of(d: &Data) -> Raw {
    match d {
        Data::Empty => Raw::Empty,
        Data::String(s) if s.trim().is_empty() => Raw::Empty,
        Data::String(s) => Raw::Text(s.trim().to_owned()),
        Data::Float(f) => Raw::Number(*f),
        #[allow(clippy::cast_precision_loss)]
        Data::Int(i) => Raw::Number(*i as f64),
        Data::Bool(b) => Raw::Text(b.to_string()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or_else(|| Raw::Text(s.clone()), Raw::Date),
        // A spreadsheet serial date: days since 30 December 1899.
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            #[allow(clippy::cast_possible_truncation)]
            let days = serial.floor() as i64;
            NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|epoch| epoch.checked_add_signed(chrono::Duration::try_days(days)?))
                .filter(|_| serial.is_finite() && (0.0..3e6).contains(&serial))
                .map_or_else(|| Raw::Text(format!("{serial}")), Raw::Date)
        }
        Data::DurationIso(s) => Raw::Text(s.clone()),
        Data::Error(e) => Raw::Text(format!("{e:?}")),
    }
}

/// Reads a CSV file with a header row. A leading byte-order mark is not part of the first
/// header; a row that cannot be read is an `unreadable_value` diagnostic naming its line.
pub(crate) fn read_csv(
    bytes: &[u8],
    file: &str,
    diagnostics: &mut Vec<ImportDiagnostic>,
) -> Option<Table> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(e) => {
            diagnostics.push(ImportDiagnostic::new(
                ImportCode::UnreadableFile,
                Place::file(file),
                format!("{file} has no readable CSV header row: {e}"),
            ));
            return None;
        }
    };
    let mut rows = Vec::new();
    let mut unreadable = 0;
    // Line numbers from byte offsets: the csv crate's own line count is one short after a
    // `\r\n` line end, which the published files use.
    let mut lines = LineCounter::new(bytes);
    for record in reader.records() {
        match record {
            Ok(r) => {
                let number = r.position().map_or(0, |p| lines.line_at(p.byte()));
                let cells: Vec<Raw> = r.iter().map(Raw::from_field).collect();
                if cells.iter().any(|c| *c != Raw::Empty) {
                    rows.push((number, cells));
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                let why = match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => "it is not valid UTF-8".to_owned(),
                    csv::ErrorKind::UnequalLengths { .. } => {
                        "its fields do not match the header".to_owned()
                    }
                    _ => "it is not CSV".to_owned(),
                };
                unreadable += 1;
                diagnostics.push(ImportDiagnostic::new(
                    ImportCode::UnreadableValue,
                    Place::row(file, None, line),
                    format!("row {line} of {file} cannot be read: {why}; it is not imported"),
                ));
            }
        }
    }
    Some(Table {
        file: file.to_owned(),
        sheet: None,
        header,
        header_row: 1,
        rows,
        unreadable,
    })
}

/// The 1-based line of a byte offset, for offsets met in increasing order (each byte is
/// counted once).
pub(crate) struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> LineCounter<'a> {
        LineCounter {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    pub(crate) fn line_at(&mut self, byte: u64) -> usize {
        let mut byte = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        // After a `\r\n`, the csv crate may place the record at the `\n`.
        if self.bytes.get(byte) == Some(&b'\n')
            && byte > 0
            && self.bytes.get(byte - 1) == Some(&b'\r')
        {
            byte += 1;
        }
        if byte < self.offset {
            // Out of order: count afresh.
            self.offset = 0;
            self.line = 1;
        }
        let seen = self.bytes.get(self.offset..byte).unwrap_or(&[]);
        self.line += seen.iter().filter(|b| **b == b'\n').count();
        self.offset = byte;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_are_numbered_as_lines_with_either_line_end() {
        for text in [
            "a,b\n1,2\n3,\"x\ny\"\n5,6\n",
            "a,b\r\n1,2\r\n3,\"x\r\ny\"\r\n5,6\r\n",
        ] {
            let mut d = Vec::new();
            let t = read_csv(text.as_bytes(), "t.csv", &mut d).unwrap_or_else(|| unreachable!());
            let numbers: Vec<usize> = t.rows.iter().map(|(n, _)| *n).collect();
            assert_eq!(numbers, [2, 3, 5], "{text:?}");
            assert!(d.is_empty());
        }
    }

    #[test]
    fn a_bom_is_not_part_of_the_first_header() {
        let mut d = Vec::new();
        let t = read_csv(b"\xEF\xBB\xBFurn,name\r\n1,x\r\n", "t.csv", &mut d)
            .unwrap_or_else(|| unreachable!());
        assert_eq!(t.header.first().map(String::as_str), Some("urn"));
    }
}

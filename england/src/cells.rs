//! Cells as the publishers wrote them, and what each one says: a value, a stand-in for a
//! missing value, or something unreadable. Nothing here guesses.

use chrono::NaiveDate;

/// A cell as read from a spreadsheet or a CSV file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Raw {
    /// Nothing in the cell.
    Empty,
    /// Text.
    Text(String),
    /// A number (spreadsheets only).
    Number(f64),
    /// A date (spreadsheets only).
    Date(NaiveDate),
}

impl Raw {
    /// A CSV field: text, or empty.
    pub(crate) fn from_field(s: &str) -> Raw {
        if s.trim().is_empty() {
            Raw::Empty
        } else {
            Raw::Text(s.trim().to_owned())
        }
    }

    /// How the cell reads in a message.
    pub(crate) fn shown(&self) -> String {
        match self {
            Raw::Empty => "an empty cell".to_owned(),
            Raw::Text(t) => format!("\"{t}\""),
            Raw::Number(n) => format!("{n}"),
            Raw::Date(d) => d.to_string(),
        }
    }

    /// The text, if the cell holds text.
    pub(crate) fn text(&self) -> Option<&str> {
        match self {
            Raw::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// Stand-ins the sources use for a value they do not have. Compared without case.
const PLACEHOLDERS: &[&str] = &[
    "NaN",
    "NA",
    "N/A",
    "01/01/1900",
    "1900-01-01",
    "Last inspection date not provided",
    "Next inspection time frame not found",
    "Inspection outcome section not found.",
];

/// Whether `raw` is a stand-in for a missing value (an empty cell counts).
pub(crate) fn is_placeholder(raw: &Raw) -> bool {
    match raw {
        Raw::Empty => true,
        Raw::Text(t) => PLACEHOLDERS
            .iter()
            .any(|p| p.eq_ignore_ascii_case(t.trim())),
        Raw::Date(d) => *d == NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default(),
        Raw::Number(n) => n.is_nan(),
    }
}

/// What a date cell says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DateCell {
    /// A day; `two_digit` when the year was written with two digits.
    Day { day: NaiveDate, two_digit: bool },
    /// A stand-in (or an empty cell): not known.
    Placeholder,
    /// Text that is not a date (the caller decides whether it is a documented value such as
    /// "Not revisited yet").
    Other(String),
}

/// Reads a date cell: a spreadsheet date, or text `dd/mm/yyyy`, `dd/mm/yy` or
/// `yyyy-mm-dd[Thh:mm:ss]`. A day that does not exist is `Other`.
pub(crate) fn date(raw: &Raw) -> DateCell {
    if is_placeholder(raw) {
        return DateCell::Placeholder;
    }
    match raw {
        Raw::Date(d) => DateCell::Day {
            day: *d,
            two_digit: false,
        },
        Raw::Text(t) => parse_date_text(t).unwrap_or_else(|| DateCell::Other(t.clone())),
        Raw::Number(n) => DateCell::Other(format!("{n}")),
        Raw::Empty => DateCell::Placeholder,
    }
}

fn parse_date_text(t: &str) -> Option<DateCell> {
    let t = t.trim();
    if let Some(iso) = t.get(..10) {
        if iso.as_bytes().get(4) == Some(&b'-') {
            let day = NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()?;
            let rest = t.get(10..).unwrap_or("");
            if rest.is_empty() || rest.starts_with('T') {
                return Some(DateCell::Day {
                    day,
                    two_digit: false,
                });
            }
            return None;
        }
    }
    let mut parts = t.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || d.len() > 2 || m.len() > 2 {
        return None;
    }
    let (d, m): (u32, u32) = (d.parse().ok()?, m.parse().ok()?);
    let (year, two_digit) = match y.len() {
        4 => (y.parse::<i32>().ok()?, false),
        // The 2023 framework's sources: every two-digit year is 20YY.
        2 => (2000 + y.parse::<i32>().ok()?, true),
        _ => return None,
    };
    let day = NaiveDate::from_ymd_opt(year, m, d)?;
    Some(DateCell::Day { day, two_digit })
}

/// What a count cell says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CountCell {
    /// A whole number ≥ 0.
    Count(u64),
    /// A stand-in (or an empty cell).
    Placeholder,
    /// Anything else.
    Other(String),
}

/// Reads a count: a whole number ≥ 0, as a spreadsheet number or as text.
pub(crate) fn count(raw: &Raw) -> CountCell {
    if is_placeholder(raw) {
        return CountCell::Placeholder;
    }
    let n = match raw {
        Raw::Number(n) => *n,
        Raw::Text(t) => match t.trim().parse::<f64>() {
            Ok(n) => n,
            Err(_) => return CountCell::Other(t.clone()),
        },
        other => return CountCell::Other(other.shown()),
    };
    if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n < 1e15 {
        // A whole number below 10^15 converts exactly.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        CountCell::Count(n as u64)
    } else {
        CountCell::Other(format!("{n}"))
    }
}

/// A name made comparable across sources: lower case, `&` as "and", punctuation and the
/// words "city of", "county" and "the" dropped, spaces collapsed. "Bristol, City of",
/// "City of Bristol" and "bristol" agree; so do "St. Helens" and "St Helens", "Durham" and
/// "County Durham".
pub(crate) fn normalise_name(name: &str) -> String {
    let lowered = name.to_lowercase().replace('&', " and ");
    let cleaned: String = lowered
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    let mut i = 0;
    while let Some(w) = words.get(i) {
        if *w == "city" && words.get(i + 1) == Some(&"of") {
            i += 2;
            continue;
        }
        if *w == "county" || *w == "the" {
            i += 1;
            continue;
        }
        out.push(w);
        i += 1;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn dates_in_every_published_form() {
        let t = |s: &str| date(&Raw::Text(s.to_owned()));
        assert_eq!(
            t("02/02/26"),
            DateCell::Day {
                day: day(2026, 2, 2),
                two_digit: true
            }
        );
        assert_eq!(
            t("27/03/2023"),
            DateCell::Day {
                day: day(2023, 3, 27),
                two_digit: false
            }
        );
        assert_eq!(
            t("2017-03-27T00:00:00"),
            DateCell::Day {
                day: day(2017, 3, 27),
                two_digit: false
            }
        );
        assert_eq!(t("01/01/1900"), DateCell::Placeholder);
        assert_eq!(t("NaN"), DateCell::Placeholder);
        assert_eq!(date(&Raw::Empty), DateCell::Placeholder);
        assert_eq!(date(&Raw::Date(day(1900, 1, 1))), DateCell::Placeholder);
        assert_eq!(t("31/02/2023"), DateCell::Other("31/02/2023".to_owned()));
        assert_eq!(
            t("Not revisited yet"),
            DateCell::Other("Not revisited yet".to_owned())
        );
        assert_eq!(t("1/2/123"), DateCell::Other("1/2/123".to_owned()));
    }

    #[test]
    fn counts() {
        assert_eq!(count(&Raw::Number(5.0)), CountCell::Count(5));
        assert_eq!(count(&Raw::Text("2".to_owned())), CountCell::Count(2));
        assert_eq!(count(&Raw::Text("NA".to_owned())), CountCell::Placeholder);
        assert_eq!(count(&Raw::Empty), CountCell::Placeholder);
        assert_eq!(count(&Raw::Number(2.5)), CountCell::Other("2.5".to_owned()));
        assert_eq!(count(&Raw::Number(-1.0)), CountCell::Other("-1".to_owned()));
    }

    #[test]
    fn names_agree_across_sources() {
        assert_eq!(
            normalise_name("Bristol, City of"),
            normalise_name("Bristol")
        );
        assert_eq!(normalise_name("St. Helens"), normalise_name("St Helens"));
        assert_eq!(normalise_name("County Durham"), normalise_name("Durham"));
        assert_eq!(
            normalise_name("Bournemouth, Christchurch & Poole"),
            normalise_name("Bournemouth, Christchurch and Poole")
        );
        assert_eq!(normalise_name("Southend-on-Sea"), "southend on sea");
        assert_ne!(normalise_name("North Somerset"), normalise_name("Somerset"));
    }
}

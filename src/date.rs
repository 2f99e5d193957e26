//! Dates with a precision: a day, a month, a year, or unknown.
//!
//! Sources often date an event only to the month ("the October 2021 meeting") or the year
//! ("in 2018, Leicester had a visit from inspectors"). An [`EventDate`] keeps exactly what
//! the source says; a [`DateSpan`] is the range of days it may stand for, and the rules
//! compare spans ("certainly before", "possibly after") instead of guessing a day.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The date of an event, as precise as its source.
///
/// Written in the timeline format as `"2020-10-16"` (a day), `"2021-10"` (a month),
/// `"2018"` (a year) or `null` (no source dates the event). The format's years have four
/// digits, 0000 to 9999; a date built in Rust outside that range prints in a form the
/// format does not read back.
///
/// # Example
/// ```
/// use send_lifecycle::EventDate;
///
/// let day: EventDate = "2020-10-16".parse()?;
/// let month: EventDate = "2021-10".parse()?;
/// assert_eq!(month.to_string(), "2021-10");
/// assert!(day.span().certainly_before(&month.span()));
///
/// // Dates that do not exist, or are not in one of the three forms, are rejected.
/// assert!("2021-02-30".parse::<EventDate>().is_err());
/// assert!("21-10-2020".parse::<EventDate>().is_err());
/// # Ok::<(), send_lifecycle::DateError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum EventDate {
    /// A single day.
    Day(NaiveDate),
    /// A whole month: the event happened on one of its days.
    Month {
        /// The year, 0 to 9999.
        year: i32,
        /// The month, 1 to 12.
        month: u32,
    },
    /// A whole year: the event happened on one of its days.
    Year(i32),
    /// No source dates the event: it lies somewhere between the events around it.
    Unknown,
}

/// Why a date string was rejected.
///
/// # Example
/// ```
/// use send_lifecycle::{DateError, EventDate};
///
/// let err = "2021-13".parse::<EventDate>().unwrap_err();
/// assert!(matches!(err, DateError::NoSuchDate { .. }));
/// assert!(err.to_string().contains("2021-13"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// The text is not `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    #[error(
        "\"{text}\" is not a date in one of the accepted forms: a day (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY)"
    )]
    BadForm {
        /// The text as given.
        text: String,
    },
    /// The text has the right form but names a day or month that does not exist.
    #[error("\"{text}\" names a date that does not exist")]
    NoSuchDate {
        /// The text as given.
        text: String,
    },
    /// A field that must name one day was given a month or a year.
    #[error("\"{text}\" is not a single day: this field needs a day (YYYY-MM-DD)")]
    NotADay {
        /// The text as given.
        text: String,
    },
}

impl EventDate {
    /// Parses the timeline format's date strings (`null` is handled by the caller as
    /// [`EventDate::Unknown`]).
    ///
    /// # Example
    /// ```
    /// use send_lifecycle::EventDate;
    /// assert_eq!(EventDate::parse("2018")?, EventDate::Year(2018));
    /// assert!(EventDate::parse("2021-1-5").is_err());
    /// # Ok::<(), send_lifecycle::DateError>(())
    /// ```
    pub fn parse(text: &str) -> Result<EventDate, DateError> {
        let bad = || DateError::BadForm {
            text: text.to_owned(),
        };
        let no_such = || DateError::NoSuchDate {
            text: text.to_owned(),
        };
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = b.get(r)?;
            let mut v: u32 = 0;
            for &c in part {
                if !c.is_ascii_digit() {
                    return None;
                }
                v = v * 10 + u32::from(c - b'0');
            }
            Some(v)
        };
        // The year is always four digits, so it fits an i32 exactly.
        let year = digits(0..4).ok_or_else(bad)? as i32;
        match b.len() {
            4 => Ok(EventDate::Year(year)),
            7 if b.get(4) == Some(&b'-') => {
                let month = digits(5..7).ok_or_else(bad)?;
                if (1..=12).contains(&month) {
                    Ok(EventDate::Month { year, month })
                } else {
                    Err(no_such())
                }
            }
            10 if b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') => {
                let month = digits(5..7).ok_or_else(bad)?;
                let day = digits(8..10).ok_or_else(bad)?;
                NaiveDate::from_ymd_opt(year, month, day)
                    .map(EventDate::Day)
                    .ok_or_else(no_such)
            }
            _ => Err(bad()),
        }
    }

    /// Parses a field that must be a single day (such as `new_deadline`).
    ///
    /// # Example
    /// ```
    /// use send_lifecycle::EventDate;
    /// assert!(EventDate::parse_day("2020-10-07").is_ok());
    /// assert!(EventDate::parse_day("2020-10").is_err());
    /// ```
    pub fn parse_day(text: &str) -> Result<NaiveDate, DateError> {
        match EventDate::parse(text)? {
            EventDate::Day(d) => Ok(d),
            _ => Err(DateError::NotADay {
                text: text.to_owned(),
            }),
        }
    }

    /// A date for one day.
    ///
    /// # Example
    /// ```
    /// use send_lifecycle::EventDate;
    /// assert_eq!(EventDate::ymd(2020, 10, 16).map(|d| d.to_string()), Some("2020-10-16".into()));
    /// assert_eq!(EventDate::ymd(2021, 2, 30), None);
    /// ```
    pub fn ymd(year: i32, month: u32, day: u32) -> Option<EventDate> {
        NaiveDate::from_ymd_opt(year, month, day).map(EventDate::Day)
    }

    /// The day, when the date is precise to the day.
    pub fn day(&self) -> Option<NaiveDate> {
        match self {
            EventDate::Day(d) => Some(*d),
            _ => None,
        }
    }

    /// Whether the source gave no date at all.
    pub fn is_unknown(&self) -> bool {
        matches!(self, EventDate::Unknown)
    }

    /// The days this date may stand for. [`EventDate::Unknown`] is unbounded on both sides.
    ///
    /// # Example
    /// ```
    /// use send_lifecycle::EventDate;
    /// let span = EventDate::parse("2021-10")?.span();
    /// assert_eq!(span.first().map(|d| d.to_string()), Some("2021-10-01".into()));
    /// assert_eq!(span.last().map(|d| d.to_string()), Some("2021-10-31".into()));
    /// # Ok::<(), send_lifecycle::DateError>(())
    /// ```
    pub fn span(&self) -> DateSpan {
        match *self {
            EventDate::Day(d) => DateSpan::day(d),
            EventDate::Month { year, month } => {
                let first = NaiveDate::from_ymd_opt(year, month, 1);
                let last = first
                    .and_then(|f| f.checked_add_months(Months::new(1)))
                    .and_then(|n| n.pred_opt());
                DateSpan::new(first, last)
            }
            EventDate::Year(year) => DateSpan::new(
                NaiveDate::from_ymd_opt(year, 1, 1),
                NaiveDate::from_ymd_opt(year, 12, 31),
            ),
            EventDate::Unknown => DateSpan::UNBOUNDED,
        }
    }
}

impl fmt::Display for EventDate {
    /// Writes the timeline format's string (`null` for an unknown date).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventDate::Day(d) if (0..=9999).contains(&d.year()) => write_day(f, *d),
            EventDate::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            EventDate::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            EventDate::Year(year) => write!(f, "{year:04}"),
            EventDate::Unknown => f.write_str("null"),
        }
    }
}

impl FromStr for EventDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EventDate::parse(s)
    }
}

impl From<NaiveDate> for EventDate {
    fn from(d: NaiveDate) -> Self {
        EventDate::Day(d)
    }
}

impl Serialize for EventDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            EventDate::Unknown => serializer.serialize_none(),
            other => serializer.collect_str(other),
        }
    }
}

impl<'de> Deserialize<'de> for EventDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text: Option<std::borrow::Cow<'de, str>> = Option::deserialize(deserializer)?;
        match text {
            None => Ok(EventDate::Unknown),
            Some(t) => EventDate::parse(&t).map_err(serde::de::Error::custom),
        }
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for EventDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "EventDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A day (YYYY-MM-DD), a month (YYYY-MM), a year (YYYY), or null when no source dates the event.",
            "type": ["string", "null"],
            "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
        })
    }
}

/// The range of days a date may stand for; either end may be open.
///
/// # Example
/// ```
/// use send_lifecycle::{DateSpan, EventDate};
/// let october = EventDate::parse("2021-10")?.span();
/// let mid_october = EventDate::parse("2021-10-15")?.span();
/// assert!(!october.certainly_before(&mid_october));
/// assert!(october.possibly_before(&mid_october));
/// assert!(DateSpan::UNBOUNDED.possibly_after(&october));
/// # Ok::<(), send_lifecycle::DateError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateSpan {
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
}

impl DateSpan {
    /// A span that could be any day at all.
    pub const UNBOUNDED: DateSpan = DateSpan {
        first: None,
        last: None,
    };

    /// A span of one day.
    pub fn day(d: NaiveDate) -> DateSpan {
        DateSpan {
            first: Some(d),
            last: Some(d),
        }
    }

    /// A span between two ends (`None` is open). Ends given the wrong way round are swapped.
    pub fn new(first: Option<NaiveDate>, last: Option<NaiveDate>) -> DateSpan {
        match (first, last) {
            (Some(a), Some(b)) if b < a => DateSpan {
                first: Some(b),
                last: Some(a),
            },
            _ => DateSpan { first, last },
        }
    }

    /// The earliest day of the span, if bounded below.
    pub fn first(&self) -> Option<NaiveDate> {
        self.first
    }

    /// The latest day of the span, if bounded above.
    pub fn last(&self) -> Option<NaiveDate> {
        self.last
    }

    /// The single day, when the span is exactly one day.
    pub fn exact(&self) -> Option<NaiveDate> {
        match (self.first, self.last) {
            (Some(a), Some(b)) if a == b => Some(a),
            _ => None,
        }
    }

    /// Every day of `self` is before every day of `other`.
    pub fn certainly_before(&self, other: &DateSpan) -> bool {
        matches!((self.last, other.first), (Some(a), Some(b)) if a < b)
    }

    /// Every day of `self` is after every day of `other`.
    pub fn certainly_after(&self, other: &DateSpan) -> bool {
        other.certainly_before(self)
    }

    /// Some day of `self` is before some day of `other`.
    pub fn possibly_before(&self, other: &DateSpan) -> bool {
        match (self.first, other.last) {
            (Some(a), Some(b)) => a < b,
            _ => true,
        }
    }

    /// Some day of `self` is after some day of `other`.
    pub fn possibly_after(&self, other: &DateSpan) -> bool {
        other.possibly_before(self)
    }

    /// The span narrowed to lie within `bounds` (used to place an undated event between its
    /// neighbours). When the two do not overlap, `self` is returned unchanged.
    pub fn within(&self, bounds: &DateSpan) -> DateSpan {
        let first = max_opt(self.first, bounds.first);
        let last = min_opt(self.last, bounds.last);
        match (first, last) {
            (Some(a), Some(b)) if b < a => *self,
            _ => DateSpan { first, last },
        }
    }
}

fn max_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, None) => a,
        (None, b) => b,
    }
}

fn min_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, None) => a,
        (None, b) => b,
    }
}

impl fmt::Display for DateSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

impl DateSpan {
    /// Writes the span as `Display` does, to any writer (a message appends it directly to
    /// its string: see `src/message.rs`).
    pub(crate) fn write_to(&self, f: &mut impl fmt::Write) -> fmt::Result {
        match (self.first, self.last) {
            (Some(a), Some(b)) if a == b => write_day(f, a),
            (Some(a), Some(b)) => {
                f.write_str("between ")?;
                write_day(f, a)?;
                f.write_str(" and ")?;
                write_day(f, b)
            }
            (Some(a), None) => {
                f.write_str("on or after ")?;
                write_day(f, a)
            }
            (None, Some(b)) => {
                f.write_str("on or before ")?;
                write_day(f, b)
            }
            (None, None) => f.write_str("an unknown date"),
        }
    }
}

/// Writes `day` as chrono's `Display` does (`2020-10-16`). Messages name many days, and
/// chrono's general formatter writes each a character at a time; the years the format can
/// hold (0000–9999) are written here in one piece, any other year by chrono.
pub(crate) fn write_day(f: &mut impl fmt::Write, day: NaiveDate) -> fmt::Result {
    let Ok(year) = u32::try_from(day.year()) else {
        return write!(f, "{day}");
    };
    if year > 9999 {
        return write!(f, "{day}");
    }
    let digit = |n: u32| char::from_digit(n % 10, 10).unwrap_or('0');
    let (month, dom) = (day.month(), day.day());
    let text: [char; 10] = [
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        '-',
        digit(month / 10),
        digit(month),
        '-',
        digit(dom / 10),
        digit(dom),
    ];
    let mut buf = [0u8; 10];
    for (b, c) in buf.iter_mut().zip(text) {
        // Every character above is an ASCII digit or '-'.
        *b = u8::try_from(c).unwrap_or(b'0');
    }
    f.write_str(std::str::from_utf8(&buf).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn days_are_written_as_chrono_writes_them() {
        let mut days = vec![
            NaiveDate::MIN,
            NaiveDate::MAX,
            d(0, 1, 1),
            d(9999, 12, 31),
            d(-1, 12, 31),
            d(10_000, 1, 1),
        ];
        days.extend(
            (0..3_000).filter_map(|n| d(1990, 1, 1).checked_add_days(chrono::Days::new(n * 7))),
        );
        for day in days {
            let mut ours = String::new();
            write_day(&mut ours, day).unwrap_or_default();
            assert_eq!(ours, day.to_string());
            assert_eq!(DateSpan::day(day).to_string(), day.to_string());
        }
    }

    #[test]
    fn the_three_forms_parse_and_print_back() {
        for text in ["2020-10-16", "2021-10", "2018", "0000", "9999-12-31"] {
            let parsed = EventDate::parse(text);
            assert_eq!(parsed.map(|p| p.to_string()), Ok(text.to_owned()));
        }
    }

    #[test]
    fn malformed_and_impossible_dates_are_rejected() {
        for text in [
            "2021-02-30",
            "2021-13",
            "2021-00",
            "2021-1-5",
            "21-10-2020",
            "2020/10/16",
            "",
            "２０２０",
            "2020-10-16T00:00",
            "+2020",
            "-202",
            "2020-1",
            "2019-02-29",
        ] {
            assert!(EventDate::parse(text).is_err(), "{text} should be rejected");
        }
        assert!(EventDate::parse("2020-02-29").is_ok());
    }

    #[test]
    fn a_month_spans_its_days_including_february_in_a_leap_year() {
        let s = EventDate::Month {
            year: 2020,
            month: 2,
        }
        .span();
        assert_eq!(
            (s.first(), s.last()),
            (Some(d(2020, 2, 1)), Some(d(2020, 2, 29)))
        );
        let dec = EventDate::Month {
            year: 9999,
            month: 12,
        }
        .span();
        assert_eq!(dec.last(), Some(d(9999, 12, 31)));
    }

    #[test]
    fn spans_compare_by_certainty() {
        let oct = EventDate::parse("2021-10")
            .map(|e| e.span())
            .unwrap_or(DateSpan::UNBOUNDED);
        let nov1 = DateSpan::day(d(2021, 11, 1));
        let oct31 = DateSpan::day(d(2021, 10, 31));
        assert!(oct.certainly_before(&nov1));
        assert!(!oct.certainly_before(&oct31));
        assert!(oct.possibly_before(&oct31));
        assert!(!DateSpan::UNBOUNDED.certainly_before(&nov1));
        assert!(!nov1.certainly_after(&DateSpan::UNBOUNDED));
        assert_eq!(
            DateSpan::UNBOUNDED.within(&oct),
            oct,
            "an unknown date placed between neighbours takes their span"
        );
    }

    #[test]
    fn serde_uses_the_contract_strings_and_null() {
        let dates = vec![
            EventDate::Unknown,
            EventDate::Year(2018),
            EventDate::Month {
                year: 2021,
                month: 5,
            },
            EventDate::Day(d(2020, 3, 27)),
        ];
        let json = serde_json::to_string(&dates).unwrap_or_default();
        assert_eq!(json, r#"[null,"2018","2021-05","2020-03-27"]"#);
        let back: Vec<EventDate> = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, dates);
        assert!(serde_json::from_str::<EventDate>("\"2021-02-30\"").is_err());
    }
}

//! Messages written piece by piece, without `core::fmt`.
//!
//! A finding's message names days, numbers, events and stages. Written with `format!`,
//! every piece goes through `core::fmt`'s machinery (an argument list, a formatter, padding
//! checks for each number) and the string grows from a guess at its length. On
//! Leicestershire the messages and help of its two findings took about 0.5 µs of a 10.5 µs
//! validation that way (measured by replacing them with one-letter strings). A
//! [`Message`] appends each piece directly to one string with room for a whole message.
//!
//! `monitoring_gap`, `revisit_later_than_usual` and `At` (every event's name and path in a
//! finding) use it; the other rules keep `format!`, which reads more easily, until a
//! measurement shows their messages matter.

use crate::date::DateSpan;

/// A message being written; [`Message::done`] gives the text.
#[derive(Debug)]
pub(crate) struct Message(String);

impl Message {
    /// An empty message with room for a typical one.
    pub(crate) fn new() -> Message {
        Message::with_capacity(192)
    }

    /// An empty message with room for `bytes` bytes: for a message known to run longer or
    /// shorter than a typical one, so that it is written without growing.
    pub(crate) fn with_capacity(bytes: usize) -> Message {
        Message(String::with_capacity(bytes))
    }

    /// Appends `text`.
    pub(crate) fn text(&mut self, text: &str) -> &mut Message {
        self.0.push_str(text);
        self
    }

    /// Appends `n` in decimal, as `Display` writes it.
    pub(crate) fn number(&mut self, n: i64) -> &mut Message {
        if n < 0 {
            self.0.push('-');
        }
        self.unsigned(n.unsigned_abs())
    }

    /// Appends `n` in decimal, as `Display` writes it.
    pub(crate) fn unsigned(&mut self, mut n: u64) -> &mut Message {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        loop {
            start -= 1;
            if let Some(d) = digits.get_mut(start) {
                // n % 10 < 10: the cast keeps it.
                *d = b'0' + (n % 10) as u8;
            }
            n /= 10;
            if n == 0 || start == 0 {
                break;
            }
        }
        let written = digits.get(start..).unwrap_or_default();
        self.0
            .push_str(std::str::from_utf8(written).unwrap_or_default());
        self
    }

    /// Appends `n` (an index or a count) in decimal.
    pub(crate) fn index(&mut self, n: usize) -> &mut Message {
        self.unsigned(n as u64)
    }

    /// Appends `span` as its `Display` writes it (`2020-10-16`, `between 2021-10-01 and
    /// 2021-10-31`, …).
    pub(crate) fn span(&mut self, span: DateSpan) -> &mut Message {
        let _ = span.write_to(&mut self.0);
        self
    }

    /// The text written; the message is left empty, to write another.
    pub(crate) fn done(&mut self) -> String {
        std::mem::take(&mut self.0)
    }
}

/// `/events/N` followed by `suffix` (`""`, `"/date"`, …): the path of event `index` or of a
/// member of it.
pub(crate) fn event_path(index: usize, suffix: &str) -> String {
    let mut path = Message::with_capacity(16 + suffix.len());
    path.text("/events/").index(index).text(suffix);
    path.done()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            350,
            i64::from(u32::MAX),
            i64::MAX,
            -1,
            -10,
            -350,
            i64::MIN,
        ] {
            assert_eq!(Message::new().number(n).done(), n.to_string(), "{n}");
        }
        assert_eq!(
            Message::new().unsigned(u64::MAX).done(),
            u64::MAX.to_string()
        );
        assert_eq!(
            Message::new().index(usize::MAX).done(),
            usize::MAX.to_string()
        );
    }

    #[test]
    fn days_and_spans_are_written_as_display_writes_them() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        for span in [
            DateSpan::day(day(2020, 10, 16)),
            DateSpan::new(Some(day(2021, 10, 1)), Some(day(2021, 10, 31))),
            DateSpan::new(Some(day(-5, 1, 1)), Some(day(12_000, 1, 1))),
            DateSpan::new(Some(day(2020, 1, 1)), None),
            DateSpan::new(None, Some(day(2020, 1, 1))),
            DateSpan::new(None, None),
        ] {
            assert_eq!(
                Message::new().span(span).done(),
                span.to_string(),
                "{span:?}"
            );
        }
    }

    #[test]
    fn pieces_follow_one_another() {
        let mut m = Message::new();
        let span = DateSpan::day(NaiveDate::MIN);
        m.text("event ").index(15).text(" (").span(span).text(")");
        assert_eq!(m.done(), format!("event 15 ({span})"));
        assert_eq!(event_path(10, ""), "/events/10");
        assert_eq!(event_path(0, "/date"), "/events/0/date");
    }
}

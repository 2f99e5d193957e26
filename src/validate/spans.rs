//! The span of days each rule may use for an event: its own date, narrowed by its
//! neighbours where they agree, and never narrowed by neighbours that contradict each other.
//!
//! Events are listed in the order they happened, so an undated event lies between the
//! events around it, and a month or a year can be narrowed by a day known before or after
//! it. But an event certainly earlier than one listed before it contradicts that order:
//! its date is wrong, or its neighbour's is, and nothing says which. Such an event is left
//! out of its neighbours' bounds (its own span stays as its source gives it), so that no
//! rule is handed a window the sources do not support. One forward and one backward pass.

use chrono::NaiveDate;

use crate::date::DateSpan;

/// Each event's span (`own`, one per event read, in order) narrowed by its neighbours. A
/// slot that could not be read has no span here; it never bounded its neighbours anyway. No rule reads an event's raw date: each reads this.
pub(crate) fn resolve(own: Vec<DateSpan>) -> Vec<DateSpan> {
    // Which events agree with the order of those before them.
    let mut in_order = Vec::with_capacity(own.len());
    let mut max_first: Option<NaiveDate> = None;
    for s in &own {
        let ok = match (s.last(), max_first) {
            (Some(l), Some(m)) => l >= m,
            _ => true,
        };
        in_order.push(ok);
        if ok {
            if let Some(f) = s.first() {
                max_first = Some(max_first.map_or(f, |m| m.max(f)));
            }
        }
    }
    // The earliest last day of the events after each one, among those in order.
    let mut after: Vec<Option<NaiveDate>> = vec![None; own.len()];
    let mut min_last: Option<NaiveDate> = None;
    for (i, s) in own.iter().enumerate().rev() {
        if let Some(slot) = after.get_mut(i) {
            *slot = min_last;
        }
        if in_order.get(i).copied().unwrap_or(false) {
            if let Some(l) = s.last() {
                min_last = Some(min_last.map_or(l, |m| m.min(l)));
            }
        }
    }
    // Narrowed in place: no third list for a long timeline.
    let mut spans = own;
    let mut max_first: Option<NaiveDate> = None;
    for ((s, hi), ok) in spans.iter_mut().zip(after).zip(in_order) {
        let own = *s;
        if !ok {
            continue;
        }
        let bounds_agree = match (max_first, hi) {
            (Some(lo), Some(hi)) => lo <= hi,
            _ => true,
        };
        if bounds_agree {
            *s = own.within(&DateSpan::new(max_first, hi));
        }
        if let Some(f) = own.first() {
            max_first = Some(max_first.map_or(f, |m| m.max(f)));
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::EventDate;

    fn spans(dates: &[&str]) -> Vec<DateSpan> {
        let own = dates
            .iter()
            .map(|d| EventDate::parse(d).unwrap_or(EventDate::Unknown).span())
            .collect();
        resolve(own)
    }

    fn day(s: &str) -> Option<NaiveDate> {
        EventDate::parse_day(s).ok()
    }

    #[test]
    fn an_undated_event_lies_between_its_neighbours() {
        let s = spans(&["2020-03-02", "", "2020-03-20"]);
        assert_eq!(s[1].first(), day("2020-03-02"));
        assert_eq!(s[1].last(), day("2020-03-20"));
    }

    #[test]
    fn a_misdated_later_event_does_not_narrow_or_reverse_the_window() {
        // The reproducer of issue 10: the window must not become 2020-01-06…2020-03-02.
        let s = spans(&["2020-03-02", "", "2020-03-20", "2020-01-06"]);
        assert_eq!(s[1].first(), day("2020-03-02"));
        assert_eq!(s[1].last(), day("2020-03-20"));
        // The misdated event keeps its own day.
        assert_eq!(s[3].exact(), day("2020-01-06"));
    }

    #[test]
    fn a_month_is_narrowed_by_a_day_known_before_it() {
        let s = spans(&["2021-10-12", "2021-10"]);
        assert_eq!(s[1].first(), day("2021-10-12"));
        assert_eq!(s[1].last(), day("2021-10-31"));
    }

    #[test]
    fn a_year_is_narrowed_by_both_neighbours() {
        let s = spans(&["2020-06-01", "2020", "2020-06-30"]);
        assert_eq!(s[1].first(), day("2020-06-01"));
        assert_eq!(s[1].last(), day("2020-06-30"));
    }
}

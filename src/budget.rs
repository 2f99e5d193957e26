//! The report's budget: at most so many diagnostics per event and so many in all, the rest
//! counted by code and summarised in one `limit_exceeded` diagnostic.
//!
//! A small document can describe a huge number of problems (an event with the same unknown
//! field repeated a hundred thousand times); without a budget the report would grow with
//! every repetition and each diagnostic would cost its message, path and expected values.
//! The budget is consulted **before** a diagnostic is built, so a refused one costs a
//! counter increment and no allocation.
//!
//! # How to use it (reader and validator alike)
//!
//! ```text
//! if budget.offer(Code::SchemaViolation, Some(event_index)) {
//!     diagnostics.push(Diagnostic::new(...));   // build the message only now
//! }
//! ...
//! diagnostics.extend(budget.summary());          // once, at the very end
//! ```
//!
//! The reader ([`crate::json`]) spends from the budget as it reads and hands it on in
//! `Decoded::budget`; whoever adds diagnostics after reading (the validator) keeps
//! offering to that same budget, so the limits hold for the whole report, and appends
//! [`Budget::summary`] once, after its last diagnostic.

use crate::diagnostic::{Code, Diagnostic};
use crate::json::Limits;

/// How many diagnostics of each code were left out, indexed like [`Code::ALL`].
const CODES: usize = Code::ALL.len();

/// Counts admitted diagnostics per event and in all, and the ones left out per code.
#[derive(Debug, Clone)]
pub(crate) struct Budget {
    per_event: usize,
    total: usize,
    /// Diagnostics admitted so far, in all.
    admitted: usize,
    /// Diagnostics admitted for each event, indexed by event index (grown on demand: four
    /// bytes per event at most, for an event that had a diagnostic or one listed before
    /// it). Saturates at `u32::MAX`, far above any sensible per-event limit.
    per_event_admitted: Vec<u32>,
    /// Diagnostics admitted about the document as a whole (no event index).
    document_admitted: usize,
    /// Diagnostics left out, per code.
    dropped: [usize; CODES],
    /// The first event (or `None` for the document) a diagnostic was left out for.
    first_dropped: Option<Option<usize>>,
}

impl Default for Budget {
    /// The budget of [`Limits::default`].
    fn default() -> Budget {
        Budget::new(&Limits::default())
    }
}

impl Budget {
    /// A budget with the limits' `max_diagnostics_per_event` and `max_diagnostics`.
    pub(crate) fn new(limits: &Limits) -> Budget {
        Budget {
            per_event: limits.max_diagnostics_per_event,
            total: limits.max_diagnostics,
            admitted: 0,
            per_event_admitted: Vec::new(),
            document_admitted: 0,
            dropped: [0; CODES],
            first_dropped: None,
        }
    }

    /// Whether one more diagnostic about `event_index` (`None`: the document as a whole,
    /// which counts as one more event for the per-event limit) fits; if it does, it is
    /// counted as admitted. Call this before building the diagnostic.
    pub(crate) fn admits(&mut self, event_index: Option<usize>) -> bool {
        if self.admitted >= self.total {
            return false;
        }
        let count = match event_index {
            None => self.document_admitted,
            Some(i) => self
                .per_event_admitted
                .get(i)
                .map_or(0, |&n| usize::try_from(n).unwrap_or(usize::MAX)),
        };
        if count >= self.per_event {
            return false;
        }
        match event_index {
            None => self.document_admitted += 1,
            Some(i) => {
                if self.per_event_admitted.len() <= i {
                    self.per_event_admitted.resize(i + 1, 0);
                }
                if let Some(n) = self.per_event_admitted.get_mut(i) {
                    *n = n.saturating_add(1);
                }
            }
        }
        self.admitted += 1;
        true
    }

    /// Counts a diagnostic of `code` about `event_index` that was not admitted.
    pub(crate) fn record_dropped(&mut self, code: Code, event_index: Option<usize>) {
        if let Some(n) = Code::ALL
            .iter()
            .position(|c| *c == code)
            .and_then(|k| self.dropped.get_mut(k))
        {
            *n = n.saturating_add(1);
        }
        if self.first_dropped.is_none() {
            self.first_dropped = Some(event_index);
        }
    }

    /// [`Budget::admits`], counting the diagnostic as left out when it is not: `true`
    /// means "build and push it".
    pub(crate) fn offer(&mut self, code: Code, event_index: Option<usize>) -> bool {
        let ok = self.admits(event_index);
        if !ok {
            self.record_dropped(code, event_index);
        }
        ok
    }

    /// Gives back `n` admissions for `event_index`: for diagnostics admitted and then
    /// withdrawn (replaced by a better one about the same place).
    pub(crate) fn refund(&mut self, event_index: Option<usize>, n: usize) {
        self.admitted = self.admitted.saturating_sub(n);
        match event_index {
            None => self.document_admitted = self.document_admitted.saturating_sub(n),
            Some(i) => {
                if let Some(c) = self.per_event_admitted.get_mut(i) {
                    *c = c.saturating_sub(u32::try_from(n).unwrap_or(u32::MAX));
                }
            }
        }
    }

    /// How many diagnostics were left out, in all.
    pub(crate) fn dropped(&self) -> usize {
        self.dropped.iter().sum()
    }

    /// One `limit_exceeded` diagnostic (path `""`) saying how many diagnostics were left
    /// out, of which codes, and how to see them; `None` when none were.
    pub(crate) fn summary(&self) -> Option<Diagnostic> {
        let dropped = self.dropped();
        if dropped == 0 {
            return None;
        }
        let mut by_code: Vec<(usize, Code)> = Code::ALL
            .iter()
            .zip(self.dropped.iter())
            .filter(|(_, &n)| n > 0)
            .map(|(&c, &n)| (n, c))
            .collect();
        // Most frequent first; ties in the contract's order of codes.
        by_code.sort_by_key(|&(n, _)| std::cmp::Reverse(n));
        let codes = by_code
            .iter()
            .map(|(n, c)| format!("{c} {}", thousands(*n)))
            .collect::<Vec<_>>()
            .join(", ");
        let first = match self.first_dropped {
            Some(Some(i)) => format!("; the first left out concerns event {i}"),
            Some(None) => "; the first left out concerns the document as a whole".to_owned(),
            None => String::new(),
        };
        let (one, verb) = if dropped == 1 {
            ("diagnostic", "was")
        } else {
            ("diagnostics", "were")
        };
        let message = format!(
            "{} further {one} {verb} left out ({codes}): a report lists at most {} diagnostics per event and {} in all{first}",
            thousands(dropped),
            thousands(self.per_event),
            thousands(self.total),
        );
        Some(
            Diagnostic::new(Code::LimitExceeded, "", message)
                .expecting([
                    format!(
                        "at most {} diagnostics per event",
                        thousands(self.per_event)
                    ),
                    format!("at most {} diagnostics in all", thousands(self.total)),
                ])
                .with_help(
                    "put right the problems reported and validate again to see the rest; \
                     a program embedding the crate can raise the limits with \
                     `Limits::default().max_diagnostics_per_event(n).max_diagnostics(m)` \
                     in `Options::with_limits`",
                ),
        )
    }
}

/// `n` with a comma between each group of three digits: 1,204.
fn thousands(n: usize) -> String {
    if n == usize::MAX {
        return "unlimited".to_owned();
    }
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(per_event: usize, total: usize) -> Limits {
        Limits::default()
            .max_diagnostics_per_event(per_event)
            .max_diagnostics(total)
    }

    #[test]
    fn admits_up_to_the_per_event_limit_then_counts_the_rest() {
        let mut b = Budget::new(&limits(2, 100));
        assert!(b.offer(Code::SchemaViolation, Some(3)));
        assert!(b.offer(Code::SchemaViolation, Some(3)));
        assert!(!b.offer(Code::SchemaViolation, Some(3)));
        assert!(!b.offer(Code::InvalidDate, Some(3)));
        // Another event has its own allowance; so has the document.
        assert!(b.offer(Code::SchemaViolation, Some(0)));
        assert!(b.offer(Code::SchemaViolation, None));
        assert!(b.offer(Code::SchemaViolation, None));
        assert!(!b.offer(Code::SchemaViolation, None));
        assert_eq!(b.dropped(), 3);
        let s = b.summary().expect("some were left out");
        assert_eq!((s.code, s.path.as_str()), (Code::LimitExceeded, ""));
        assert!(
            s.message.starts_with(
                "3 further diagnostics were left out (schema_violation 2, invalid_date 1)"
            ),
            "{}",
            s.message
        );
        assert!(s.message.contains("first left out concerns event 3"));
        assert!(s.help.as_deref().unwrap_or("").contains("max_diagnostics"));
    }

    #[test]
    fn the_total_limit_holds_across_events() {
        let mut b = Budget::new(&limits(10, 3));
        for i in 0..5 {
            b.offer(Code::TransitionNotAllowed, Some(i));
        }
        assert_eq!(b.dropped(), 2);
        let s = b.summary().expect("two left out");
        assert!(s
            .message
            .starts_with("2 further diagnostics were left out (transition_not_allowed 2)"));
    }

    #[test]
    fn nothing_left_out_means_no_summary() {
        let mut b = Budget::new(&Limits::default());
        assert!(b.offer(Code::InvalidDate, Some(0)));
        assert!(b.summary().is_none());
    }

    #[test]
    fn a_refund_makes_room_again() {
        let mut b = Budget::new(&limits(1, 100));
        assert!(b.admits(Some(2)));
        assert!(!b.admits(Some(2)));
        b.refund(Some(2), 1);
        assert!(b.admits(Some(2)));
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_204), "1,204");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}

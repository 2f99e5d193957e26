//! The report's budget: at most so many findings per event and in all, the rest counted
//! and summarised in one `limit_exceeded` finding. (Provisional: the reader's budget
//! replaces this file.)

use std::collections::BTreeMap;

use crate::diagnostic::{Code, Diagnostic};

/// Counts findings against the budget.
#[derive(Debug, Clone, Default)]
pub(crate) struct Budget {
    per_event: usize,
    total: usize,
    admitted: usize,
    /// Findings admitted for the event seen last (events come in order).
    current: Option<(usize, usize)>,
    left_out: BTreeMap<Code, usize>,
}

impl Budget {
    pub(crate) fn new(per_event: usize, total: usize) -> Budget {
        Budget {
            per_event,
            total,
            ..Budget::default()
        }
    }

    /// Whether one more finding of `code` about event `index` fits; when it does not, it is
    /// counted as left out.
    pub(crate) fn offer(&mut self, code: Code, index: Option<usize>) -> bool {
        let for_event = match (index, self.current) {
            (Some(i), Some((j, n))) if i == j => n,
            _ => 0,
        };
        let fits = self.admitted < self.total && (index.is_none() || for_event < self.per_event);
        if fits {
            self.admitted += 1;
            if let Some(i) = index {
                self.current = Some((i, for_event + 1));
            }
        } else {
            *self.left_out.entry(code).or_insert(0) += 1;
        }
        fits
    }

    /// The one finding that says what was left out, if anything was.
    pub(crate) fn summary(&self) -> Option<Diagnostic> {
        let n: usize = self.left_out.values().sum();
        if n == 0 {
            return None;
        }
        let codes: Vec<String> = self
            .left_out
            .iter()
            .map(|(c, k)| format!("{c} {k}"))
            .collect();
        Some(
            Diagnostic::new(
                Code::LimitExceeded,
                "",
                format!(
                    "{n} further findings were left out of the report ({}): at most {} are reported per event and {} in all",
                    codes.join(", "),
                    self.per_event,
                    self.total
                ),
            )
            .with_help("fix the findings reported and validate again, or raise the limits (Limits::max_diagnostics, Limits::max_diagnostics_per_event)"),
        )
    }
}

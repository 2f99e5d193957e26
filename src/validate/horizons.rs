//! `revisit_later_than_usual`: a step later than it usually comes.
//!
//! What counts from what, and how many months are usual, is the declaration's
//! (`horizons`).

use chrono::{Datelike, Months, NaiveDate};

use crate::date::DateSpan;
use crate::engine::{Transition, Verdict};
use crate::lifecycle::HorizonRule;
use crate::message::Message;
use crate::validate::rule::{At, Cx, Rule};

/// The horizon rule: for each horizon, the span it counts from while it is open.
#[derive(Default)]
pub(crate) struct Horizons {
    from: Vec<Option<DateSpan>>,
}

impl Horizons {
    /// The span the declaration's `k`-th horizon counts from, while it is open.
    pub(crate) fn open(&self, k: usize) -> Option<DateSpan> {
        self.from.get(k).copied().flatten()
    }
}

impl Rule for Horizons {
    fn before(&mut self, cx: &mut Cx<'_>, at: &At<'_>, _verdict: &Verdict) {
        let implied = cx.outcomes_only() && at.event.date.is_unknown();
        for (k, rule) in cx.decl.horizons.iter().enumerate() {
            if at.kind() != rule.event {
                continue;
            }
            // Only the first such step after the horizon opened is measured.
            if let Some(from) = self.from.get_mut(k).and_then(Option::take) {
                if !implied {
                    later_than_usual(cx, rule, at, from);
                }
            }
        }
    }

    fn after(&mut self, cx: &mut Cx<'_>, at: &At<'_>, t: &Transition) {
        if self.from.len() != cx.decl.horizons.len() {
            self.from = vec![None; cx.decl.horizons.len()];
        }
        let condition = cx.decl.rows.get(t.row_index()).map(|r| r.condition);
        for (rule, slot) in cx.decl.horizons.iter().zip(self.from.iter_mut()) {
            if Some(rule.from) == condition.map(|c| (at.kind(), c)) {
                *slot = if rule.from_receipt {
                    cx.core.report_reached
                } else {
                    Some(at.span)
                };
            }
        }
    }
}

fn later_than_usual(cx: &mut Cx<'_>, rule: &HorizonRule, at: &At<'_>, from: DateSpan) {
    let (Some(from_last), Some(first)) = (from.last(), at.span.first()) else {
        return;
    };
    let months = (rule.months)(cx.policy);
    let Some(usual) = from_last.checked_add_months(Months::new(months)) else {
        return;
    };
    if first <= usual || !cx.out.admits(rule.code, Some(at.index)) {
        return;
    }
    let about = months_between(from_last, first);
    // "the revisit started 2022-11-14 (event 15, …), about 25 months after the WSoA was
    // judged fit for purpose (2020-10-16); it usually starts within 18 months"
    // Room for the message with month-long spans on both sides (about 190 bytes with days).
    let mut m = Message::with_capacity(256);
    m.text("the ")
        .text(rule.what)
        .text(" started ")
        .span(at.span)
        .text(" (");
    at.name_in(&mut m);
    m.text("), about ")
        .number(about)
        .text(" months after ")
        .text(rule.from_what)
        .text(" (")
        .span(from)
        .text("); it usually starts within ")
        .unsigned(u64::from(months))
        .text(" months");
    let d = at
        .diagnostic(rule.code, "/date", m.done())
        .with_help(rule.help);
    cx.out.push_admitted(d);
}

/// Months from `a` to `b`, rounded to the nearest: 16 October 2020 to 14 November 2022 is
/// 24 months and 29 days, about 25 months.
pub(crate) fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    let m = (i64::from(b.year()) - i64::from(a.year())) * 12 + i64::from(b.month())
        - i64::from(a.month());
    let whole = if b.day() < a.day() { m - 1 } else { m };
    let rest = u32::try_from(whole)
        .ok()
        .and_then(|w| a.checked_add_months(Months::new(w)))
        .map_or(0, |anchor| (b - anchor).num_days());
    if rest >= 15 {
        whole + 1
    } else {
        whole
    }
}

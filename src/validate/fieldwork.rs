//! `inspection_too_long`, `revisit_too_long`: fieldwork longer than usual.
//!
//! Which events bracket fieldwork, how it is measured and its usual length are the
//! declaration's (`fieldwork`).

use crate::date::DateSpan;
use crate::engine::{Transition, Verdict};
use crate::lifecycle::{FieldworkRule, Length};
use crate::validate::rule::{At, Cx, Rule};

/// The fieldwork rule: when each kind of fieldwork last started.
#[derive(Default)]
pub(crate) struct Fieldwork {
    started: Vec<Option<(DateSpan, usize)>>,
}

impl Rule for Fieldwork {
    fn before(&mut self, cx: &mut Cx<'_>, at: &At<'_>, _verdict: &Verdict) {
        for (k, rule) in cx.decl.fieldwork.iter().enumerate() {
            if at.kind() == rule.end {
                if let Some(Some((start, si))) = self.started.get(k).copied() {
                    too_long(cx, rule, at, si, start);
                }
            }
        }
    }

    fn after(&mut self, cx: &mut Cx<'_>, at: &At<'_>, _t: &Transition) {
        if self.started.len() != cx.decl.fieldwork.len() {
            self.started = vec![None; cx.decl.fieldwork.len()];
        }
        for (rule, slot) in cx.decl.fieldwork.iter().zip(self.started.iter_mut()) {
            if at.kind() == rule.start {
                *slot = Some((at.span, at.index));
            }
        }
    }
}

fn too_long(
    cx: &mut Cx<'_>,
    rule: &FieldworkRule,
    at: &At<'_>,
    start_index: usize,
    start: DateSpan,
) {
    let end = at.span;
    let (Some(s), Some(e)) = (start.last(), end.first()) else {
        return;
    };
    if e < s {
        return;
    }
    let (length, unit) = match rule.length {
        Length::WorkingDays => {
            let cal = &cx.policy.calendar;
            (
                cal.working_days_between(s, e) + i64::from(cal.is_working_day(s)),
                "working days",
            )
        }
        Length::Days => ((e - s).num_days() + 1, "days"),
    };
    let limit = i64::from((rule.limit)(cx.policy));
    if length <= limit || !cx.out.admits(rule.code, Some(at.index)) {
        return;
    }
    let message = format!(
        "{} fieldwork lasted at least {length} {unit} (event {start_index}, {start}, to {}, {end}), longer than the usual {limit} {unit}",
        rule.what,
        at.named()
    );
    let d = at
        .diagnostic(rule.code, "/date", message)
        .expecting([format!("at most {limit} {unit}")])
        .with_related(crate::diagnostic::Related::new(
            crate::message::event_path(start_index, "/date"),
            "the start of the fieldwork",
        ));
    cx.out.push_admitted(d);
}

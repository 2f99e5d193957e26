//! `wsoa_late`, `app_late`, `deadline_passed`, `possibly_late`: plans submitted after
//! their deadline, and deadlines passed at the end with nothing submitted.
//!
//! Which deadline is due in which stage, and which event meets it, is the declaration's
//! (`deadlines`); the engine keeps each deadline as the events set, revise and meet it.

use crate::date::DateSpan;
use crate::diagnostic::Code;
use crate::engine::{Deadline, Verdict};
use crate::validate::rule::{At, Cx, End, Rule};

/// The deadline rules; they keep no state of their own.
#[derive(Default)]
pub(crate) struct Deadlines;

impl Rule for Deadlines {
    fn before(&mut self, cx: &mut Cx<'_>, at: &At<'_>, _verdict: &Verdict) {
        for rule in cx.decl.deadlines {
            if at.kind() != rule.met_by {
                continue;
            }
            let Some(dl) = cx.core.deadline(rule.plan) else {
                continue;
            };
            // Under outcomes only, an undated event may be one the sources only imply.
            if cx.outcomes_only() && at.event.date.is_unknown() {
                continue;
            }
            let what = rule.plan.name();
            let done = rule.plan.done();
            let submitted = at.span;
            if submitted.certainly_after(&DateSpan::day(dl.latest())) {
                if cx.out.admits(rule.late, Some(at.index)) {
                    let message = format!(
                        "the {what} was {done} {submitted} ({}), after its deadline of {dl} ({})",
                        at.named(),
                        dl.basis_text()
                    );
                    cx.out
                        .push_admitted(at.diagnostic(rule.late, "/date", message));
                }
            } else if submitted.possibly_after(&DateSpan::day(dl.earliest()))
                && cx.out.admits(Code::PossiblyLate, Some(at.index))
            {
                let message = format!(
                    "the {what} was {done} {submitted} ({}), which may be after its deadline of {dl} ({}); the dates are not precise enough to tell",
                    at.named(),
                    dl.basis_text()
                );
                cx.out
                    .push_admitted(at.diagnostic(Code::PossiblyLate, "/date", message));
            }
        }
    }

    fn finish(&mut self, cx: &mut Cx<'_>, end: &End) {
        // Under outcomes only, a plan missing from the record may well have been submitted.
        if cx.outcomes_only() {
            return;
        }
        for rule in cx.decl.deadlines {
            if !rule.due_in.contains(&end.stage) {
                continue;
            }
            if let Some(dl) = cx.core.deadline(rule.plan) {
                passed(cx, end, dl, rule.plan.name(), rule.plan.done());
            }
        }
    }
}

fn passed(cx: &mut Cx<'_>, end: &End, dl: Deadline, what: &str, done: &str) {
    let stage = end.stage;
    let when = end.when();
    let basis = dl.basis_text();
    if end.span.certainly_after(&DateSpan::day(dl.latest())) {
        cx.out.push(end.diagnostic(
            Code::DeadlinePassed,
            format!("{when} the area is in stage `{stage}` and its {what} deadline of {dl} ({basis}) has passed with no {what} {done}"),
        ));
    } else if end.span.possibly_after(&DateSpan::day(dl.earliest())) {
        cx.out.push(end.diagnostic(
            Code::PossiblyLate,
            format!("{when} the area is in stage `{stage}` and its {what} deadline of {dl} ({basis}) may have passed with no {what} {done}"),
        ));
    }
}

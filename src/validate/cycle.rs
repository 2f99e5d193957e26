//! `full_inspection_overdue`: the 2023 cycle's next full inspection later than its usual
//! horizon — 5 years after a `positive` outcome, 3 after the others, from the last full
//! inspection's start; the end of the first cycle for a partnership never inspected under
//! the framework.

use chrono::{Months, NaiveDate};

use crate::date::DateSpan;
use crate::diagnostic::Code;
use crate::engine::{Transition, Verdict};
use crate::event::{EventKind, Framework, Outcome};
use crate::lifecycle::Stage;
use crate::policy::Policy;
use crate::validate::rule::{At, Cx, End, Rule};

/// The cycle's state: the last full inspection's start under the 2023 framework.
#[derive(Default)]
pub(crate) struct Cycle {
    pub(crate) last_start: Option<DateSpan>,
}

/// The next full inspection's usual horizon, as (earliest, latest) days and its basis.
pub(crate) fn horizon(
    policy: &Policy,
    last_start: Option<DateSpan>,
    outcome: Option<Outcome>,
) -> (Option<NaiveDate>, Option<NaiveDate>, String) {
    match (last_start, outcome) {
        (Some(start), Some(o)) => {
            let years = if o == Outcome::Positive {
                policy.full_inspection_years_positive
            } else {
                policy.full_inspection_years_other
            };
            let add = |d: NaiveDate| d.checked_add_months(Months::new(years.saturating_mul(12)));
            (
                start.first().and_then(add),
                start.last().and_then(add),
                format!(
                    "within about {years} years of the last full inspection's start ({start}), after the outcome `{o}`"
                ),
            )
        }
        _ => (
            None,
            Some(policy.first_cycle_end),
            format!(
                "a partnership not yet inspected under the 2023 framework expects its first full inspection by the end of the first cycle ({})",
                policy.first_cycle_end
            ),
        ),
    }
}

impl Rule for Cycle {
    fn after(&mut self, cx: &mut Cx<'_>, at: &At<'_>, t: &Transition) {
        if cx.decl.framework == Framework::AreaSend2023
            && at.kind() == EventKind::InspectionStarted
            && t.to == Stage::Inspecting
        {
            self.last_start = Some(at.span);
        }
    }

    fn before(&mut self, _cx: &mut Cx<'_>, _at: &At<'_>, _verdict: &Verdict) {}

    fn finish(&mut self, cx: &mut Cx<'_>, end: &End) {
        if cx.decl.framework != Framework::AreaSend2023 || end.stage.is_full_inspection_under_way()
        {
            return;
        }
        let (_, latest, basis) = horizon(cx.policy, self.last_start, cx.core.outcome);
        let Some(latest) = latest else { return };
        if !end.span.certainly_after(&DateSpan::day(latest))
            || !cx.out.admits(Code::FullInspectionOverdue, None)
        {
            return;
        }
        let message = format!(
            "{} the area is in stage `{}` and no new full inspection is recorded, though the usual horizon ({latest}) has passed: {basis}",
            end.when(),
            end.stage
        );
        let d = end
            .diagnostic(Code::FullInspectionOverdue, message)
            .with_help("nothing is wrong for certain: a horizon is usual, not a deadline; if the inspection took place, add it");
        cx.out.push_admitted(d);
    }
}

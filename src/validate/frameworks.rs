//! `framework_anachronism`: an event of a framework dated outside the time it was in force.

use crate::date::DateSpan;
use crate::diagnostic::Code;
use crate::engine::Verdict;
use crate::event::{EventKind, Framework};
use crate::validate::rule::{At, Cx, Rule};

/// The rule; it keeps no state.
#[derive(Default)]
pub(crate) struct Frameworks;

impl Rule for Frameworks {
    fn before(&mut self, cx: &mut Cx<'_>, at: &At<'_>, _verdict: &Verdict) {
        let p = cx.policy;
        let start_2023 = DateSpan::day(p.framework_2023_start);
        let kind = at.kind();
        let problem = match (cx.decl.framework, kind) {
            (_, EventKind::FrameworkChanged) if at.span.certainly_before(&start_2023) => Some(format!(
                "the move to the 2023 area SEND framework is dated {}, before it came into force on {}",
                at.span, p.framework_2023_start
            )),
            (Framework::AreaSend2023, _) if at.span.certainly_before(&start_2023) => Some(format!(
                "an event of the 2023 area SEND framework is dated {}, before the framework came into force on {}",
                at.span, p.framework_2023_start
            )),
            (Framework::LocalAreaSend2016, EventKind::InspectionStarted | EventKind::InspectionEnded)
                if at.span.certainly_after(&DateSpan::day(p.last_2016_inspection)) =>
            {
                Some(format!(
                    "2016-framework inspection fieldwork is dated {}, after the last full inspections under that framework ({})",
                    at.span, p.last_2016_inspection
                ))
            }
            (Framework::LocalAreaSend2016, EventKind::RevisitStarted | EventKind::RevisitEnded)
                if at.span.certainly_after(&DateSpan::day(p.last_2016_revisit)) =>
            {
                Some(format!(
                    "a 2016-framework revisit is dated {}, after the last revisits under that framework ({})",
                    at.span, p.last_2016_revisit
                ))
            }
            _ => None,
        };
        let Some(what) = problem else { return };
        if cx.out.admits(Code::FrameworkAnachronism, Some(at.index)) {
            let message = format!("{}: {what}", at.named());
            let d = at
                .diagnostic(Code::FrameworkAnachronism, "/date", message)
                .with_help("check the date, and which framework the event belongs to (`framework_changed` moves the area to the 2023 framework, normally on 1 January 2023)");
            cx.out.push_admitted(d);
        }
    }
}

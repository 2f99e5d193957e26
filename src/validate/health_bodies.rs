//! `health_body_anachronism`: a clinical commissioning group (CCG) in force on or after
//! the day integrated care boards (ICBs) replaced them, or an ICB before it.

use crate::date::DateSpan;
use crate::diagnostic::{Code, Diagnostic};
use crate::engine::{Transition, Verdict};
use crate::event::{Area, EventDetail, HealthBody, HealthBodyKind};
use crate::validate::rule::{At, Cx, Rule};

/// The rule's state: the first CCG among the bodies in force (found again only when they
/// change, so that the check costs the same for one body or thousands), and whether the
/// CCG still in force has been reported.
#[derive(Default)]
pub(crate) struct HealthBodies {
    ccg_in_force: Option<usize>,
    reported: bool,
}

fn first_ccg(bodies: &[HealthBody]) -> Option<usize> {
    bodies.iter().position(|b| b.kind == HealthBodyKind::Ccg)
}

impl HealthBodies {
    /// The rule for an area whose record starts with `area`'s bodies; checks that an ICB
    /// listed there is not in force before ICBs existed (at the first dated event, `first`).
    pub(crate) fn start(cx: &mut Cx<'_>, area: &Area, first: Option<DateSpan>) -> HealthBodies {
        if let Some(first) = first {
            for (j, b) in area.health_bodies.iter().enumerate() {
                if b.kind == HealthBodyKind::Icb {
                    anachronism(cx, b, first, || format!("/area/health_bodies/{j}"), None);
                }
            }
        }
        HealthBodies {
            ccg_in_force: first_ccg(&area.health_bodies),
            reported: false,
        }
    }
}

impl Rule for HealthBodies {
    fn before(&mut self, cx: &mut Cx<'_>, at: &At<'_>, _verdict: &Verdict) {
        if let EventDetail::HealthBodyChanged { health_bodies } = &at.event.detail {
            for (j, b) in health_bodies.iter().enumerate() {
                let path = || format!("/events/{}/health_bodies/{j}", at.index);
                anachronism(cx, b, at.span, path, Some(at));
            }
            return;
        }
        if self.reported {
            return;
        }
        let icb_start = cx.policy.icb_start;
        let Some(ccg) = self.ccg_in_force.and_then(|k| cx.bodies.get(k)) else {
            return;
        };
        if !at.span.first().is_some_and(|f| f >= icb_start) {
            return;
        }
        self.reported = true;
        if !cx.out.admits(Code::HealthBodyAnachronism, Some(at.index)) {
            return;
        }
        let message = format!(
            "{} is dated {}, on or after {icb_start} when integrated care boards replaced clinical commissioning groups, but the CCG \"{}\" is still recorded as in force",
            at.named(),
            at.span,
            ccg.name
        );
        let d = at
            .diagnostic(Code::HealthBodyAnachronism, "", message)
            .with_help(format!(
                "record a `health_body_changed` event dated {icb_start} naming the integrated care board"
            ));
        cx.out.push_admitted(d);
    }

    fn after(&mut self, cx: &mut Cx<'_>, at: &At<'_>, _t: &Transition) {
        if let EventDetail::HealthBodyChanged { .. } = at.event.detail {
            self.reported = false;
            self.ccg_in_force = first_ccg(cx.bodies);
        }
    }
}

fn anachronism(
    cx: &mut Cx<'_>,
    body: &HealthBody,
    span: DateSpan,
    path: impl FnOnce() -> String,
    at: Option<&At<'_>>,
) {
    let icb_start = cx.policy.icb_start;
    let anachronistic = match body.kind {
        HealthBodyKind::Ccg => span.first().is_some_and(|f| f >= icb_start),
        HealthBodyKind::Icb => span.certainly_before(&DateSpan::day(icb_start)),
    };
    let index = at.map(|a| a.index);
    // The message is made only for a finding the budget admits.
    if !anachronistic || !cx.out.admits(Code::HealthBodyAnachronism, index) {
        return;
    }
    let name = &body.name;
    let whose = at.map_or_else(|| "the area's record".to_owned(), |at| at.named());
    // "on 2020-03-12", but "on or before 2020-03-12" and "between … and …" as they are.
    let when = match span.exact() {
        Some(day) => format!("on {day}"),
        None => span.to_string(),
    };
    let message = match body.kind {
        HealthBodyKind::Ccg => format!(
            "{whose} records the clinical commissioning group \"{name}\" in force {when}, but CCGs were abolished on {icb_start}"
        ),
        HealthBodyKind::Icb => format!(
            "{whose} records the integrated care board \"{name}\" in force {when}, before ICBs existed (from {icb_start})"
        ),
    };
    let mut d = Diagnostic::new(Code::HealthBodyAnachronism, path(), message);
    if let Some(at) = at {
        d = d.at_event(at.index).in_stage(at.stage);
        d.event_date = crate::validate::rule::dated(at.event.date);
    }
    cx.out.push_admitted(d);
}

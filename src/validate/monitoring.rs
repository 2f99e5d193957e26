//! `monitoring_gap`: longer than the interval plus its grace without a meeting.
//!
//! Which stages expect meetings, which event counts as one and how often, is the
//! declaration's (`meetings`).

use chrono::{Days, Months};

use crate::date::DateSpan;
use crate::diagnostic::Code;
use crate::engine::{Transition, Verdict};
use crate::event::EventDetail;
use crate::lifecycle::{MeetingRule, Stage};
use crate::message::{event_path, Message};
use crate::validate::rule::{At, Cx, End, Rule};

/// Where the current interval is measured from.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    span: DateSpan,
    index: usize,
}

/// The gap rule: the last meeting (or the entry into the stage) it measures from.
#[derive(Default)]
pub(crate) struct Gaps {
    anchor: Option<Anchor>,
}

impl Gaps {
    /// Where the interval now running is measured from, if one is.
    pub(crate) fn since(&self) -> Option<DateSpan> {
        self.anchor.map(|a| a.span)
    }
}

fn rule_for(cx: &Cx<'_>, stage: Stage) -> Option<&'static MeetingRule> {
    cx.decl.meetings.iter().find(|m| m.stages.contains(&stage))
}

impl Rule for Gaps {
    fn before(&mut self, cx: &mut Cx<'_>, at: &At<'_>, verdict: &Verdict) {
        let (Some(rule), Some(anchor)) = (rule_for(cx, at.stage), self.anchor) else {
            return;
        };
        // A meeting closes the interval; so does leaving the stages it runs across.
        if at.kind() == rule.meeting || !rule.stages.contains(&verdict.to()) {
            gap(cx, rule, at.stage, anchor, at.span, Some(at.index));
        }
    }

    fn after(&mut self, cx: &mut Cx<'_>, at: &At<'_>, t: &Transition) {
        let Some(rule) = rule_for(cx, t.to) else {
            self.anchor = None;
            return;
        };
        let here = Some(Anchor {
            span: at.span,
            index: at.index,
        });
        if !rule.stages.contains(&t.from) {
            // Entering the stages starts an interval, unless entered to await something else
            // (a further revisit is awaited in `monitoring` without quarterly meetings).
            self.anchor = here.filter(|_| !rule.not_entered_by.contains(&at.kind()));
        } else if at.kind() == rule.meeting {
            let last = matches!(
                at.event.detail,
                EventDetail::MonitoringMeeting {
                    final_before_revisit: Some(true),
                    ..
                }
            );
            self.anchor = here.filter(|_| !last);
        }
    }

    fn finish(&mut self, cx: &mut Cx<'_>, end: &End) {
        // Under outcomes only, meetings are not recorded: their absence is no evidence.
        if cx.outcomes_only() {
            return;
        }
        if let (Some(rule), Some(anchor)) = (rule_for(cx, end.stage), self.anchor) {
            gap(cx, rule, end.stage, anchor, end.span, None);
        }
    }
}

fn gap(
    cx: &mut Cx<'_>,
    rule: &MeetingRule,
    stage: Stage,
    from: Anchor,
    to: DateSpan,
    index: Option<usize>,
) {
    let (Some(last), Some(next)) = (from.span.last(), to.first()) else {
        return;
    };
    if cx.outcomes_only() {
        return;
    }
    let months = (rule.interval_months)(cx.policy);
    let grace = cx.policy.monitoring_grace_days;
    let Some(limit) = last
        .checked_add_months(Months::new(months))
        .and_then(|d| d.checked_add_days(Days::new(u64::from(grace))))
    else {
        return;
    };
    if next <= limit || !cx.out.admits(Code::MonitoringGap, index) {
        return;
    }
    let days = (next - last).num_days();
    let what = rule.what;
    // "at least 350 days passed in stage `monitoring` between event 8 (2020-10-16) and
    // event 10 (…) with no formal monitoring meeting on record; they are expected every 3
    // months, with 31 days' grace"
    // Room for the whole message (about 230 bytes in Leicestershire's case) and, apart, for
    // the help: neither grows as it is written.
    let mut m = Message::with_capacity(320);
    m.text("at least ")
        .number(days)
        .text(" days passed in stage `")
        .text(stage.as_str())
        .text("` between event ")
        .index(from.index)
        .text(" (")
        .span(from.span)
        .text(") and ");
    match index {
        Some(i) => m.text("event ").index(i).text(" (").span(to).text(")"),
        None => m.text("the end of the timeline (").span(to).text(")"),
    };
    m.text(" with no ")
        .text(what)
        .text(" on record; they are expected every ")
        .unsigned(u64::from(months))
        .text(" months, with ")
        .unsigned(u64::from(grace))
        .text(" days' grace");
    let message = m.done();
    let mut m = Message::with_capacity(128);
    m.text("if ")
        .text(crate::names::article(what))
        .text(" ")
        .text(what)
        .text(" took place, add it (with a month date if that is all the source gives)");
    let help = m.done();
    let path = index.map_or_else(|| "/events".to_owned(), |i| event_path(i, ""));
    let mut d = crate::diagnostic::Diagnostic::new(Code::MonitoringGap, path, message)
        .in_stage(stage)
        .with_help(help)
        .with_related(crate::diagnostic::Related::new(
            event_path(from.index, ""),
            "the event the interval is measured from",
        ));
    d.event_index = index;
    cx.out.push_admitted(d);
}

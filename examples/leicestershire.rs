//! Leicestershire, 2020–2022: what really happened, replayed step by step.
//!
//! The timeline in `testdata/leicestershire.json` is built from the public documents in
//! the seeds (each event cites its source). This example
//!
//! 1. replays it event by event on the runtime engine
//!    ([`Lifecycle`](send_lifecycle::Lifecycle)), printing for each event its date, what
//!    happened, the stage before → after, and what changed;
//! 2. shows what the validator says about it, and why;
//! 3. sums up where the area stands: each weakness's outcome, the WSoA deadline and when it
//!    was met, how long each phase took, and what the framework says comes next;
//! 4. walks the same path through the typestate API ([`typed::Inspected`]), where the order of
//!    events is checked by the compiler;
//! 5. with `--mermaid`, prints the lifecycle diagram with Leicestershire's path highlighted
//!    and a Gantt chart of its phases.
//!
//! The replay and the summing up are shared with `leicester_city`, in
//! `examples/support/mod.rs`; this file says what is particular to Leicestershire: its
//! timeline, why the validator says what it says, what comes next, and its typed walk.
//!
//! ```sh
//! cargo run --example leicestershire
//! cargo run --example leicestershire -- --mermaid
//! ```

mod support;

use std::error::Error;
use std::process::ExitCode;

use send_lifecycle::typed::{self, ReportOutcome, RevisitOutcome};
use send_lifecycle::{Code, EventDetail, EventKind, Policy, Stage, Timeline};

/// The timeline, built into the example so that it runs from any directory.
const TIMELINE: &str = include_str!("../testdata/leicestershire.json");

fn main() -> ExitCode {
    support::main(&support::Case {
        example: "leicestershire",
        timeline: TIMELINE,
        file: "testdata/leicestershire.json",
        years: "2020–2022",
        why,
        what_comes_next,
        typed_walk,
    })
}

/// Why the validator says what it says about this timeline.
fn why(code: Code) -> Option<&'static str> {
    match code {
        Code::MonitoringGap => Some(
            "the sources say DfE and NHS England met the area quarterly from the \
             fit-for-purpose judgement (seed 002 ¶10), but they date only the October 2021 and \
             January 2022 meetings. The meetings between October 2020 and October 2021 are \
             missing from the record, not known to be missing in reality, and the timeline \
             does not invent them.",
        ),
        Code::RevisitLaterThanUsual => Some(
            "revisits usually came within 18 months of the WSoA being judged fit for \
             purpose; after COVID-19 Leicestershire's came almost 25 months later (16 October \
             2020 to 14 November 2022). Worth knowing; nothing is wrong for certain.",
        ),
        _ => None,
    }
}
fn what_comes_next(stage: Stage) -> &'static str {
    match stage {
        Stage::AwaitingNextSteps => {
            "DfE and NHS England determine next steps, which may include the Secretary of \
             State using powers of intervention; Ofsted and CQC will not revisit unless the \
             Secretary of State directs (seed 001 line 92)."
        }
        other => other.describe(),
    }
}

/// Leicestershire's path through the typestate API: each method exists only in the stage
/// where the transition table allows its event, so this order is checked at compile time.
/// The dates, payloads and citations are the timeline's ([`support::Script`]).
fn typed_walk(
    timeline: &Timeline,
) -> Result<typed::Inspected<typed::AwaitingNextSteps>, Box<dyn Error>> {
    let mut script = support::Script::new(timeline);
    let area = typed::Inspected::new(timeline.area.clone(), Policy::default());
    let (area, e) = script.take(area, EventKind::InspectionStarted)?;
    let area = area.start_inspection(e.date)?;
    let (area, e) = script.take(area, EventKind::InspectionEnded)?;
    let area = area.end_inspection(e.date)?;
    let (area, e) = script.take(area, EventKind::ReportReceived)?;
    let area = area.receive_report(e.date)?;
    let (area, e) = script.take(area, EventKind::ReportPublished)?;
    let Some(report) = e.detail.as_report() else {
        return Err("not a published report".into());
    };
    let weaknesses = report.weaknesses.clone();
    let area = match area.publish_report_dated(e.date, weaknesses, report.letter_date)? {
        ReportOutcome::WsoaRequired(area) => area,
        ReportOutcome::NoWsoa(_) => {
            return Err("two significant weaknesses must require a WSoA".into())
        }
    };
    let (area, e) = script.take(area, EventKind::WsoaDeadlineRevised)?;
    let EventDetail::WsoaDeadlineRevised {
        new_deadline,
        reason,
    } = &e.detail
    else {
        return Err("not a revised deadline".into());
    };
    let area = area.revise_deadline(e.date, *new_deadline, reason.clone())?;
    let (area, e) = script.take(area, EventKind::WsoaSubmitted)?;
    let area = area.submit_wsoa(e.date)?;
    let (area, e) = script.take(area, EventKind::WsoaJudged)?;
    let area = area.judge_wsoa_fit(e.date)?;
    let mut area = area;
    for _ in 0..2 {
        let (a, e) = script.take(area, EventKind::MonitoringMeeting)?;
        let EventDetail::MonitoringMeeting {
            actions,
            final_before_revisit,
        } = &e.detail
        else {
            return Err("not a monitoring meeting".into());
        };
        let actions = actions.as_deref().copied();
        area = a.monitoring_meeting(e.date, actions, final_before_revisit.unwrap_or(false))?;
    }
    let (area, e) = script.take(area, EventKind::HealthBodyChanged)?;
    let EventDetail::HealthBodyChanged { health_bodies } = &e.detail else {
        return Err("not a change of health bodies".into());
    };
    let area = area.change_health_bodies(e.date, health_bodies.clone())?;
    let (area, e) = script.take(area, EventKind::RevisitStarted)?;
    let area = area.start_revisit(e.date)?;
    let (area, e) = script.take(area, EventKind::RevisitEnded)?;
    let area = area.end_revisit(e.date)?;
    let (area, e) = script.take(area, EventKind::RevisitOutcome)?;
    let EventDetail::RevisitOutcome { judgements, .. } = &e.detail else {
        return Err("not a revisit outcome".into());
    };
    match area.revisit_outcome(e.date, judgements.clone())? {
        RevisitOutcome::NextStepsNeeded(area) => Ok(script.finish(area)?),
        RevisitOutcome::AllSufficient(_) => Err("one weakness was found insufficient".into()),
    }
}

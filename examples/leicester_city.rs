//! Leicester City, 2018–2022: what really happened, replayed step by step, through the
//! decision to write an accelerated progress plan (APP).
//!
//! The timeline in `testdata/leicester_city.json` is built from the public documents in the
//! seeds (each event cites its source). The sources are sparse: the inspection and report
//! are dated only to the year (2018), the revisit to the month (May 2021), and the WSoA's
//! submission, its judgement, the revisit letter and the APP decision not at all. The
//! crate keeps exactly what they say, and reports only what can be said.
//!
//! Like `leicestershire`, this example replays the timeline on the runtime engine
//! ([`Lifecycle`](send_lifecycle::Lifecycle)), shows what the validator says and why, sums
//! up where the area stands, walks the same path through the typestate API
//! ([`typed::Inspected`]), and, with `--mermaid`, prints the lifecycle diagram with the path
//! highlighted and a Gantt chart.
//! That code is shared with `leicestershire`, in `examples/support/mod.rs`; this file says
//! what is particular to Leicester City: its timeline, why the validator says what it says,
//! what comes next, and its typed walk.
//!
//! ```sh
//! cargo run --example leicester_city
//! cargo run --example leicester_city -- --mermaid
//! ```

mod support;

use std::error::Error;
use std::process::ExitCode;

use send_lifecycle::typed::{self, ReportOutcome, RevisitOutcome};
use send_lifecycle::{Code, EventDetail, EventKind, NextStep, Policy, Stage, Timeline};

/// The timeline, built into the example so that it runs from any directory.
const TIMELINE: &str = include_str!("../testdata/leicester_city.json");

fn main() -> ExitCode {
    support::main(&support::Case {
        example: "leicester_city",
        timeline: TIMELINE,
        file: "testdata/leicester_city.json",
        years: "2018–2022",
        why,
        what_comes_next,
        typed_walk,
    })
}

/// Why the validator says what it says about this timeline.
fn why(code: Code) -> Option<&'static str> {
    match code {
        Code::PossiblyLate => Some(
            "no source dates the WSoA's submission, so it lies somewhere between its \
             neighbours: the 2018 report and the May 2021 revisit. The report itself is dated \
             only to the year, so the deadline is a window (70 working days after some day of \
             2018). The submission may have come after that window opened, but is not \
             certainly after it closed: the validator says \"possibly\" rather than guess.",
        ),
        _ => None,
    }
}
fn what_comes_next(stage: Stage) -> &'static str {
    match stage {
        Stage::AppDue => {
            "the area writes the accelerated progress plan with DfE and NHS England (seed 003 \
             line 18); DfE, with its SEND and NHS England advisers, judges it fit for purpose \
             and reviews progress about every six months (domain.md step 9). The sources do \
             not record the APP's submission or judgement, so the replay ends at app_due."
        }
        other => other.describe(),
    }
}

/// Leicester City's path through the typestate API: each method exists only in the stage
/// where the transition table allows its event, so this order is checked at compile time.
/// The dates (undated events are `EventDate::Unknown`, as `null` in the JSON), payloads and
/// citations are the timeline's ([`support::Script`]).
fn typed_walk(timeline: &Timeline) -> Result<typed::Inspected<typed::AppDue>, Box<dyn Error>> {
    let mut script = support::Script::new(timeline);
    let area = typed::Inspected::new(timeline.area.clone(), Policy::default());
    let (area, e) = script.take(area, EventKind::InspectionStarted)?;
    let area = area.start_inspection(e.date)?;
    let (area, e) = script.take(area, EventKind::InspectionEnded)?;
    let area = area.end_inspection(e.date)?;
    let (area, e) = script.take(area, EventKind::ReportPublished)?;
    let Some(report) = e.detail.as_report() else {
        return Err("not a published report".into());
    };
    let weaknesses = report.weaknesses.clone();
    let area = match area.publish_report_dated(e.date, weaknesses, report.letter_date)? {
        ReportOutcome::WsoaRequired(area) => area,
        ReportOutcome::NoWsoa(_) => return Err("five areas for improvement require a WSoA".into()),
    };
    let (area, e) = script.take(area, EventKind::WsoaSubmitted)?;
    let area = area.submit_wsoa(e.date)?;
    let (area, e) = script.take(area, EventKind::WsoaJudged)?;
    let area = area.judge_wsoa_fit(e.date)?;
    let (area, e) = script.take(area, EventKind::RevisitStarted)?;
    let area = area.start_revisit(e.date)?;
    let (area, e) = script.take(area, EventKind::RevisitEnded)?;
    let area = area.end_revisit(e.date)?;
    let (area, e) = script.take(area, EventKind::RevisitOutcome)?;
    let EventDetail::RevisitOutcome { judgements, .. } = &e.detail else {
        return Err("not a revisit outcome".into());
    };
    let area = match area.revisit_outcome(e.date, judgements.clone())? {
        RevisitOutcome::NextStepsNeeded(area) => area,
        RevisitOutcome::AllSufficient(_) => return Err("area 4 was not met".into()),
    };
    let (area, e) = script.take(area, EventKind::NextStepsDetermined)?;
    let EventDetail::NextStepsDetermined {
        decision: NextStep::AcceleratedProgressPlan,
    } = &e.detail
    else {
        return Err("the decision is not an APP".into());
    };
    let area = area.require_app(e.date)?;
    script.finish(area)
}

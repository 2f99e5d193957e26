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
//! 4. walks the same path through the typestate API ([`typed::Area`]), where the order of
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

use chrono::NaiveDate;
use send_lifecycle::typed::{self, ReportOutcome, RevisitOutcome};
use send_lifecycle::{
    ActionCounts, Code, EventDate, EventDetail, HealthBody, HealthBodyKind, Judgement, Policy,
    Progress, Stage, Timeline, Weakness,
};

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
fn typed_walk(
    timeline: &Timeline,
) -> Result<typed::Area<typed::AwaitingNextSteps>, Box<dyn Error>> {
    let day = EventDate::parse;
    let weaknesses: Vec<Weakness> = timeline
        .events
        .iter()
        .find_map(|e| match &e.detail {
            EventDetail::ReportPublished { weaknesses, .. } => Some(weaknesses.clone()),
            _ => None,
        })
        .ok_or("the timeline has no published report")?;
    let revised = NaiveDate::from_ymd_opt(2020, 10, 7).ok_or("no such day")?;
    let icb = HealthBody {
        kind: HealthBodyKind::Icb,
        name: "Leicester, Leicestershire and Rutland Integrated Care Board".to_owned(),
    };

    let area = typed::Area::new(timeline.area.clone(), Policy::default())
        .cite("seed 002 ¶5")
        .start_inspection(day("2020-02-03")?)?
        .end_inspection(day("2020-02-07")?)?
        .cite("seed 001 line 34")
        .receive_report(day("2020-03-27")?)?
        .cite("seed 002 ¶6");
    let area = match area.publish_report_dated(
        day("2020-05-15")?,
        weaknesses,
        Some(day("2020-03-27")?),
    )? {
        ReportOutcome::WsoaRequired(area) => area,
        ReportOutcome::NoWsoa(_) => {
            return Err("two significant weaknesses must require a WSoA".into())
        }
    };
    let area = area
        .cite("seed 002 ¶8")
        .revise_deadline(EventDate::Unknown, revised, None)?
        .cite("seed 000 line 18")
        .submit_wsoa(day("2020-10-07")?)?
        .cite("seed 000 line 3")
        .judge_wsoa_fit(day("2020-10-16")?)?
        .cite("seed 002 ¶12")
        .monitoring_meeting(
            day("2021-10")?,
            Some(ActionCounts {
                underway_percent: Some(87.8),
                ..ActionCounts::default()
            }),
            false,
        )?
        .cite("seed 002 ¶11–12")
        .monitoring_meeting(
            day("2022-01")?,
            Some(ActionCounts {
                underway_percent: Some(100.0),
                delayed: Some(7),
                ..ActionCounts::default()
            }),
            true,
        )?
        .cite("seed 001 line 27")
        .change_health_bodies(day("2022-07-01")?, vec![icb])?
        .cite("seed 001 line 34")
        .start_revisit(day("2022-11-14")?)?
        .end_revisit(day("2022-11-16")?)?
        .cite("seed 001 lines 68 and 90");
    let judgements = vec![
        Judgement::new("joint_commissioning", Progress::Sufficient),
        Judgement::new("ehc_plan_quality", Progress::Insufficient),
    ];
    match area.revisit_outcome(day("2022-12-13")?, judgements)? {
        RevisitOutcome::NextStepsNeeded(area) => Ok(area),
        RevisitOutcome::AllSufficient(_) => Err("one weakness was found insufficient".into()),
    }
}

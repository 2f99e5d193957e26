//! Target 3: the typestate API costs (almost) nothing over the runtime engine.
//!
//! One lifecycle — notice, inspection, report with three weaknesses, WSoA, 40 quarterly
//! monitoring meetings with action counts and notes, revisit, insufficient progress, an APP
//! with 10 reviews, a further revisit directed, 8 more meetings, a second revisit and its
//! outcome: 86 events — walked two ways over the same dates and payloads:
//!
//! - `engine`: `Lifecycle::apply` with each `Event`;
//! - `typed`: the `typed::Inspected` methods (`start_inspection`, `publish_report`, …), which
//!   build the same events and drive the same engine, checking the stage they must reach.
//!
//! The events are a walk of the shared generator (`tests/common/timelines.rs`) shaped by
//! the profile below. Both walks start from a clone of the same area and policy; the engine
//! applies a clone of each event, the typed API builds the same event from its date and
//! payload.
//! After the run it prints `typed / engine` (target: at most 1.1): the ratio of criterion's
//! medians, and the median ratio of 31 rounds timing the two in alternation.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "support/summary.rs"]
mod summary;
#[path = "support/timelines.rs"]
mod timelines;

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::Criterion;
use send_lifecycle::typed::{self, ReportOutcome, RevisitOutcome};
use send_lifecycle::{
    ActionCounts, Area, Event, EventDate, EventDetail, EventKind, Judgement, Lifecycle, NextStep,
    Policy, Progress, Rag, Rejection, Stage, Weakness,
};
use timelines::{Choices, Place, Profile};

const MEETINGS: usize = 40;
const REVIEWS: usize = 10;
const MORE_MEETINGS: usize = 8;
const NOTE: &str = "SEND and Inclusion Board reviews the WSoA action log";

/// The lifecycle both walks take, as a profile of the shared generator: at each step the
/// one kind below, 20 days after the event before, with the same payloads throughout.
struct OneLifecycle;

impl Profile for OneLifecycle {
    fn max_events(&self) -> usize {
        200
    }

    fn stop_percent(&self, place: &Place<'_>) -> u32 {
        if place.stage.is_terminal() {
            100
        } else {
            0
        }
    }

    fn weight(&self, place: &Place<'_>, kind: EventKind) -> u32 {
        use EventKind as K;
        let meetings = place.count(K::MonitoringMeeting);
        let next = match place.stage {
            Stage::NotInspected => K::InspectionNotified,
            Stage::Notified => K::InspectionStarted,
            Stage::Inspecting => K::InspectionEnded,
            Stage::AwaitingReport if place.count(K::ReportReceived) == 0 => K::ReportReceived,
            Stage::AwaitingReport => K::ReportPublished,
            Stage::WsoaDue => K::WsoaSubmitted,
            Stage::WsoaUnderReview => K::WsoaJudged,
            // A note after every fourth meeting of the first spell, from the first.
            Stage::Monitoring if place.visits == 1 => match place.last {
                Some((K::MonitoringMeeting, _)) if meetings % 4 == 1 => K::Note,
                _ if meetings == MEETINGS => K::RevisitNotified,
                _ => K::MonitoringMeeting,
            },
            Stage::Monitoring if meetings == MORE_MEETINGS => K::RevisitStarted,
            Stage::Monitoring => K::MonitoringMeeting,
            Stage::RevisitNotified => K::RevisitStarted,
            Stage::Revisiting => K::RevisitEnded,
            Stage::AwaitingRevisitOutcome => K::RevisitOutcome,
            Stage::AwaitingNextSteps => K::NextStepsDetermined,
            Stage::AppDue => K::AppSubmitted,
            Stage::AppUnderReview => K::AppJudged,
            Stage::AppMonitoring if place.count(K::AppReview) == REVIEWS => K::NextStepsDetermined,
            Stage::AppMonitoring => K::AppReview,
            _ => return 0,
        };
        u32::from(kind == next)
    }

    fn rebuild_ending_percent(&self) -> u32 {
        0
    }

    fn first_day(&self, _c: &mut Choices<'_>) -> NaiveDate {
        timelines::ymd(2016, 5, 2)
    }

    fn gap_days(&self, _place: &Place<'_>, _kind: EventKind) -> (u64, u64) {
        (20, 20)
    }

    fn date(&self, _c: &mut Choices<'_>, _kind: EventKind, day: NaiveDate) -> EventDate {
        EventDate::Day(day)
    }

    fn area(&self, _c: &mut Choices<'_>, _first_day: NaiveDate) -> Area {
        Area::new(
            "Leicestershire",
            "Leicestershire County Council",
            [send_lifecycle::HealthBody::new(
                send_lifecycle::HealthBodyKind::Ccg,
                "Leicestershire Clinical Commissioning Group",
            )],
        )
    }

    fn weaknesses(&self, _c: &mut Choices<'_>) -> Vec<Weakness> {
        vec![
            Weakness::new("W1", "The absence of a joint commissioning strategy"),
            Weakness::new("W2", "The quality of EHC plans"),
            Weakness::new("W3", "Waiting times for assessment"),
        ]
    }

    fn letter_date(&self, _c: &mut Choices<'_>, _day: NaiveDate) -> Option<EventDate> {
        None
    }

    fn fit(&self, _c: &mut Choices<'_>, _kind: EventKind) -> bool {
        true
    }

    /// The first revisit finds W2 insufficient; the second judges only W2, sufficient.
    fn judgements(&self, _c: &mut Choices<'_>, pending: &[String]) -> Vec<Judgement> {
        pending
            .iter()
            .map(|id| {
                let progress = if pending.len() > 1 && id == "W2" {
                    Progress::Insufficient
                } else {
                    Progress::Sufficient
                };
                Judgement::new(id.clone(), progress)
            })
            .collect()
    }

    fn decision(&self, _c: &mut Choices<'_>, stage: Stage) -> NextStep {
        if stage == Stage::AppMonitoring {
            NextStep::FurtherRevisit
        } else {
            NextStep::AcceleratedProgressPlan
        }
    }

    fn actions(&self, _c: &mut Choices<'_>, _place: &Place<'_>) -> Option<ActionCounts> {
        Some(ActionCounts {
            total: Some(41),
            underway: Some(36),
            completed: Some(3),
            delayed: Some(7),
            underway_percent: Some(87.8),
            rag: Some(Rag {
                red: Some(0),
                amber: Some(7),
                green: Some(34),
            }),
        })
    }

    fn final_before_revisit(&self, _c: &mut Choices<'_>, place: &Place<'_>) -> Option<bool> {
        let last = if place.visits == 1 {
            MEETINGS
        } else {
            MORE_MEETINGS
        };
        (place.count(EventKind::MonitoringMeeting) + 1 == last).then_some(true)
    }

    fn note_title(&self, _c: &mut Choices<'_>, _place: &Place<'_>) -> String {
        NOTE.to_owned()
    }

    fn source(&self, _c: &mut Choices<'_>, _place: &Place<'_>, _kind: EventKind) -> Option<String> {
        None
    }

    fn note(&self, _c: &mut Choices<'_>, _kind: EventKind) -> Option<String> {
        None
    }
}

/// What both walks share: the area, the policy and the events.
struct Script {
    area: Area,
    policy: Policy,
    events: Vec<Event>,
}

impl Script {
    fn new() -> Script {
        let walk = timelines::generator::walk(&mut Choices::seeded(86), &OneLifecycle);
        Script {
            area: walk.timeline.area,
            policy: Policy::default(),
            events: walk.timeline.events,
        }
    }
}

/// Hands out the script's events in order, for the typed walk.
struct Events<'a> {
    events: &'a [Event],
    next: usize,
}

impl<'a> Events<'a> {
    fn next(&mut self) -> &'a Event {
        let e = &self.events[self.next];
        self.next += 1;
        e
    }

    fn date(&mut self) -> EventDate {
        self.next().date
    }

    fn peek(&self) -> Option<EventKind> {
        self.events.get(self.next).map(Event::kind)
    }
}

fn engine_walk(s: &Script) -> Result<Lifecycle, Rejection> {
    let mut l = Lifecycle::new(s.area.clone(), s.policy.clone());
    for e in &s.events {
        l.apply(e.clone())?;
    }
    Ok(l)
}

fn typed_walk(s: &Script) -> Result<Lifecycle, Rejection> {
    let mut e = Events {
        events: &s.events,
        next: 0,
    };
    let a = typed::Inspected::new(s.area.clone(), s.policy.clone())
        .notify_inspection(e.date())?
        .start_inspection(e.date())?
        .end_inspection(e.date())?
        .receive_report(e.date())?;
    let event = e.next();
    let Some(report) = event.detail.as_report() else {
        panic!("not a report");
    };
    let ReportOutcome::WsoaRequired(a) = a.publish_report(event.date, report.weaknesses.clone())?
    else {
        panic!("the report lists weaknesses");
    };
    let mut a = a.submit_wsoa(e.date())?.judge_wsoa_fit(e.date())?;
    a = meetings_and_notes(a, &mut e)?;
    let a = a
        .notify_revisit(e.date())?
        .start_revisit(e.date())?
        .end_revisit(e.date())?;
    let event = e.next();
    let EventDetail::RevisitOutcome { judgements, .. } = &event.detail else {
        panic!("not an outcome");
    };
    let RevisitOutcome::NextStepsNeeded(a) = a.revisit_outcome(event.date, judgements.clone())?
    else {
        panic!("one weakness is insufficient");
    };
    let mut a = a
        .require_app(e.date())?
        .submit_app(e.date())?
        .judge_app_fit(e.date())?;
    while e.peek() == Some(EventKind::AppReview) {
        let event = e.next();
        let EventDetail::AppReview { actions } = &event.detail else {
            panic!("not a review");
        };
        a = a.app_review(event.date, actions.as_deref().copied())?;
    }
    let a = meetings_and_notes(a.direct_further_revisit(e.date())?, &mut e)?;
    let a = a.start_revisit(e.date())?.end_revisit(e.date())?;
    let event = e.next();
    let EventDetail::RevisitOutcome { judgements, .. } = &event.detail else {
        panic!("not an outcome");
    };
    let RevisitOutcome::AllSufficient(a) = a.revisit_outcome(event.date, judgements.clone())?
    else {
        panic!("the last weakness is sufficient");
    };
    Ok(a.into_lifecycle())
}

/// The monitoring meetings and notes at the cursor, through the typed API.
fn meetings_and_notes(
    mut a: typed::Inspected<typed::Monitoring>,
    e: &mut Events<'_>,
) -> Result<typed::Inspected<typed::Monitoring>, Rejection> {
    loop {
        match e.peek() {
            Some(EventKind::MonitoringMeeting) => {
                let event = e.next();
                let EventDetail::MonitoringMeeting {
                    actions,
                    final_before_revisit,
                } = &event.detail
                else {
                    panic!("not a meeting");
                };
                a = a.monitoring_meeting(
                    event.date,
                    actions.as_deref().copied(),
                    final_before_revisit.unwrap_or(false),
                )?;
            }
            Some(EventKind::Note) => {
                let event = e.next();
                let EventDetail::Note { title } = &event.detail else {
                    panic!("not a note");
                };
                a = a.note(event.date, title.clone())?;
            }
            _ => return Ok(a),
        }
    }
}

fn main() {
    let results = summary::Results::new();
    let mut c = Criterion::default().configure_from_args();
    let script = Script::new();

    // The two walks must be the same walk.
    let (e, t) = (engine_walk(&script).unwrap(), typed_walk(&script).unwrap());
    assert_eq!(e.history(), t.history());
    assert_eq!(e.history().len(), 86);
    assert_eq!(e.stage(), Stage::ConcludedSufficient);
    println!(
        "typed_vs_engine: {} events, ending in `{}`",
        e.history().len(),
        e.stage()
    );

    let mut g = c.benchmark_group("typed_vs_engine");
    g.throughput(criterion::Throughput::Elements(e.history().len() as u64));
    g.bench_function("engine", |b| {
        b.iter(|| black_box(engine_walk(black_box(&script))))
    });
    g.bench_function("typed", |b| {
        b.iter(|| black_box(typed_walk(black_box(&script))))
    });
    g.finish();

    c.final_summary();
    println!("\nTarget 3 — the typed API against the runtime engine (medians of this run):");
    // `cargo bench` passes `--bench`; `cargo test --benches` runs each bench once, without.
    if std::env::args().any(|a| a == "--bench") {
        let p = summary::paired(
            31,
            || {
                black_box(typed_walk(black_box(&script)).ok());
            },
            || {
                black_box(engine_walk(black_box(&script)).ok());
            },
        );
        summary::print_paired("typed / engine", &p, 1.0, 1.1);
    }
    results.ratio(
        "typed / engine",
        ("typed_vs_engine", "typed"),
        ("typed_vs_engine", "engine"),
        1.0,
        1.1,
    );
}

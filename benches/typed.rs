//! Target 3: the typestate API costs (almost) nothing over the runtime engine.
//!
//! One lifecycle — notice, inspection, report with three weaknesses, WSoA, 40 quarterly
//! monitoring meetings with action counts and notes, revisit, insufficient progress, an APP
//! with 10 reviews, a further revisit directed, 8 more meetings, a second revisit and its
//! outcome: 86 events — walked two ways over the same dates and payloads:
//!
//! - `engine`: `Lifecycle::apply` with each `Event`;
//! - `typed`: the `typed::Area` methods (`start_inspection`, `publish_report`, …), which
//!   build the same events and drive the same engine, checking the stage they must reach.
//!
//! Both start from a clone of the same area and policy and build their events in the loop.
//! After the run it prints `typed / engine` (target: at most 1.1): the ratio of criterion's
//! medians, and the median ratio of 31 rounds timing the two in alternation.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "support/summary.rs"]
mod summary;
#[path = "support/timelines.rs"]
mod timelines;

use std::hint::black_box;

use chrono::Days;
use criterion::Criterion;
use send_lifecycle::typed::{self, ReportOutcome, RevisitOutcome};
use send_lifecycle::{
    ActionCounts, Area, Event, EventDate, EventDetail, Judgement, Lifecycle, NextStep, Policy,
    Progress, Rag, Rejection, Stage, Weakness,
};

const MEETINGS: usize = 40;
const REVIEWS: usize = 10;
const MORE_MEETINGS: usize = 8;
const NOTE: &str = "SEND and Inclusion Board reviews the WSoA action log";

/// What both walks share: the area, the policy, the payloads and one date per event.
struct Script {
    area: Area,
    policy: Policy,
    weaknesses: Vec<Weakness>,
    first_outcome: Vec<Judgement>,
    second_outcome: Vec<Judgement>,
    actions: ActionCounts,
    dates: Vec<EventDate>,
}

impl Script {
    fn new() -> Script {
        let start = timelines::ymd(2016, 5, 2);
        let dates = (0..200u64)
            .map(|i| EventDate::Day(start + Days::new(i * 20)))
            .collect();
        let weaknesses = vec![
            Weakness::new("W1", "The absence of a joint commissioning strategy"),
            Weakness::new("W2", "The quality of EHC plans"),
            Weakness::new("W3", "Waiting times for assessment"),
        ];
        Script {
            area: Area::example(),
            policy: Policy::default(),
            first_outcome: vec![
                Judgement::new("W1", Progress::Sufficient),
                Judgement::new("W2", Progress::Insufficient),
                Judgement::new("W3", Progress::Sufficient),
            ],
            second_outcome: vec![Judgement::new("W2", Progress::Sufficient)],
            weaknesses,
            actions: ActionCounts {
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
            },
            dates,
        }
    }
}

/// Hands out the script's dates in order.
struct Dates<'a> {
    dates: &'a [EventDate],
    next: usize,
}

impl Dates<'_> {
    fn next(&mut self) -> EventDate {
        let d = self.dates[self.next];
        self.next += 1;
        d
    }
}

/// One event through the engine.
fn go(l: &mut Lifecycle, date: EventDate, detail: EventDetail) -> Result<(), Rejection> {
    l.apply(Event::new(date, detail)).map(|_| ())
}

fn engine_walk(s: &Script) -> Result<Lifecycle, Rejection> {
    let mut d = Dates {
        dates: &s.dates,
        next: 0,
    };
    let mut l = Lifecycle::new(s.area.clone(), s.policy.clone());
    go(&mut l, d.next(), EventDetail::InspectionNotified)?;
    go(&mut l, d.next(), EventDetail::InspectionStarted)?;
    go(&mut l, d.next(), EventDetail::InspectionEnded)?;
    go(&mut l, d.next(), EventDetail::ReportReceived)?;
    let weaknesses = s.weaknesses.clone();
    go(
        &mut l,
        d.next(),
        EventDetail::ReportPublished {
            weaknesses,
            letter_date: None,
        },
    )?;
    go(&mut l, d.next(), EventDetail::WsoaSubmitted)?;
    go(
        &mut l,
        d.next(),
        EventDetail::WsoaJudged {
            fit_for_purpose: true,
        },
    )?;
    for i in 0..MEETINGS {
        go(
            &mut l,
            d.next(),
            EventDetail::MonitoringMeeting {
                actions: Some(s.actions),
                final_before_revisit: (i + 1 == MEETINGS).then_some(true),
            },
        )?;
        if i % 4 == 0 {
            let title = NOTE.into();
            go(&mut l, d.next(), EventDetail::Note { title })?;
        }
    }
    go(&mut l, d.next(), EventDetail::RevisitNotified)?;
    go(&mut l, d.next(), EventDetail::RevisitStarted)?;
    go(&mut l, d.next(), EventDetail::RevisitEnded)?;
    let judgements = s.first_outcome.clone();
    go(&mut l, d.next(), EventDetail::RevisitOutcome { judgements })?;
    let decision = NextStep::AcceleratedProgressPlan;
    go(
        &mut l,
        d.next(),
        EventDetail::NextStepsDetermined { decision },
    )?;
    go(&mut l, d.next(), EventDetail::AppSubmitted)?;
    go(
        &mut l,
        d.next(),
        EventDetail::AppJudged {
            fit_for_purpose: true,
        },
    )?;
    for _ in 0..REVIEWS {
        let actions = Some(s.actions);
        go(&mut l, d.next(), EventDetail::AppReview { actions })?;
    }
    let decision = NextStep::FurtherRevisit;
    go(
        &mut l,
        d.next(),
        EventDetail::NextStepsDetermined { decision },
    )?;
    for i in 0..MORE_MEETINGS {
        go(
            &mut l,
            d.next(),
            EventDetail::MonitoringMeeting {
                actions: Some(s.actions),
                final_before_revisit: (i + 1 == MORE_MEETINGS).then_some(true),
            },
        )?;
    }
    go(&mut l, d.next(), EventDetail::RevisitStarted)?;
    go(&mut l, d.next(), EventDetail::RevisitEnded)?;
    let judgements = s.second_outcome.clone();
    go(&mut l, d.next(), EventDetail::RevisitOutcome { judgements })?;
    Ok(l)
}

fn typed_walk(s: &Script) -> Result<Lifecycle, Rejection> {
    let mut d = Dates {
        dates: &s.dates,
        next: 0,
    };
    let a = typed::Area::new(s.area.clone(), s.policy.clone())
        .notify_inspection(d.next())?
        .start_inspection(d.next())?
        .end_inspection(d.next())?
        .receive_report(d.next())?;
    let ReportOutcome::WsoaRequired(a) = a.publish_report(d.next(), s.weaknesses.clone())? else {
        panic!("the report lists weaknesses");
    };
    let mut a = a.submit_wsoa(d.next())?.judge_wsoa_fit(d.next())?;
    for i in 0..MEETINGS {
        a = a.monitoring_meeting(d.next(), Some(s.actions), i + 1 == MEETINGS)?;
        if i % 4 == 0 {
            a = a.note(d.next(), NOTE)?;
        }
    }
    let a = a
        .notify_revisit(d.next())?
        .start_revisit(d.next())?
        .end_revisit(d.next())?;
    let RevisitOutcome::NextStepsNeeded(a) =
        a.revisit_outcome(d.next(), s.first_outcome.clone())?
    else {
        panic!("one weakness is insufficient");
    };
    let mut a = a
        .require_app(d.next())?
        .submit_app(d.next())?
        .judge_app_fit(d.next())?;
    for _ in 0..REVIEWS {
        a = a.app_review(d.next(), Some(s.actions))?;
    }
    let mut a = a.direct_further_revisit(d.next())?;
    for i in 0..MORE_MEETINGS {
        a = a.monitoring_meeting(d.next(), Some(s.actions), i + 1 == MORE_MEETINGS)?;
    }
    let a = a.start_revisit(d.next())?.end_revisit(d.next())?;
    let RevisitOutcome::AllSufficient(a) = a.revisit_outcome(d.next(), s.second_outcome.clone())?
    else {
        panic!("the last weakness is sufficient");
    };
    Ok(a.into_lifecycle())
}

fn main() {
    let results = summary::Results::new();
    let mut c = Criterion::default().configure_from_args();
    let script = Script::new();

    // The two walks must be the same walk.
    let (e, t) = (engine_walk(&script).unwrap(), typed_walk(&script).unwrap());
    assert_eq!(e.history(), t.history());
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

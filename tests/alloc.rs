//! Applying an event on the happy path does not allocate (target 5 of the benchmarks).
//!
//! A counting global allocator (the `allocation-counter` crate: its `unsafe` lives there, as
//! this crate forbids its own) counts what `Lifecycle::apply` allocates for each event, the
//! history's room reserved beforehand with `Lifecycle::with_capacity`. The only events that
//! allocate are the two that bring new text into the state — `report_published` (the
//! weaknesses it lists) and `health_body_changed` (the bodies now in force) — and they
//! allocate that and nothing more. This file is its own test binary, so the counting
//! allocator touches no other test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "../benches/support/timelines.rs"]
mod timelines;

use std::collections::BTreeMap;

use allocation_counter::{measure, AllocationInfo};
use send_lifecycle::{
    ActionCounts, Area, Event, EventDate, EventDetail, EventKind, HealthBody, HealthBodyKind,
    Judgement, Lifecycle, NextStep, Policy, Progress, Weakness,
};

fn day(s: &str) -> EventDate {
    EventDate::parse(s).unwrap()
}

/// A lifecycle with every kind of event, in an order the table allows: a WSoA judged not fit
/// then fit, monitoring, the ICBs, a revisit with insufficient progress, an improvement
/// notice issued and lifted, an APP judged not fit then fit, reviews, a further revisit
/// that finds sufficient progress.
fn every_kind() -> Vec<Event> {
    let actions = Some(ActionCounts {
        total: Some(41),
        underway: Some(36),
        completed: Some(3),
        delayed: Some(7),
        underway_percent: Some(87.8),
        rag: None,
    });
    let e = |date: &str, detail| Event::new(day(date), detail);
    vec![
        e("2019-01-07", EventDetail::InspectionNotified),
        e("2019-01-14", EventDetail::InspectionStarted),
        e("2019-01-18", EventDetail::InspectionEnded),
        e("2019-03-01", EventDetail::ReportReceived),
        e(
            "2019-03-05",
            EventDetail::report(
                vec![
                    Weakness::new("W1", "Joint commissioning"),
                    Weakness::new("W2", "The quality of EHC plans"),
                    Weakness::new("W3", "Waiting times"),
                ],
                Some(day("2019-03-01")),
            ),
        ),
        e(
            "2019-04-01",
            EventDetail::WsoaDeadlineRevised {
                new_deadline: chrono::NaiveDate::from_ymd_opt(2019, 7, 1).unwrap(),
                reason: None,
            },
        ),
        e("2019-06-20", EventDetail::WsoaSubmitted),
        e(
            "2019-07-10",
            EventDetail::WsoaJudged {
                fit_for_purpose: false,
            },
        ),
        e("2019-08-20", EventDetail::WsoaSubmitted),
        e(
            "2019-09-10",
            EventDetail::WsoaJudged {
                fit_for_purpose: true,
            },
        ),
        e(
            "2019-12-02",
            EventDetail::MonitoringMeeting {
                actions: actions.map(Box::new),
                final_before_revisit: None,
            },
        ),
        e(
            "2020-03-02",
            EventDetail::Note {
                title: "Scrutiny committee report".to_owned(),
            },
        ),
        e(
            "2020-03-09",
            EventDetail::MonitoringMeeting {
                actions: None,
                final_before_revisit: Some(true),
            },
        ),
        e(
            "2022-07-01",
            EventDetail::HealthBodyChanged {
                health_bodies: vec![
                    HealthBody {
                        kind: HealthBodyKind::Icb,
                        name: "An Integrated Care Board".to_owned(),
                    },
                    HealthBody {
                        kind: HealthBodyKind::Icb,
                        name: "A Second Integrated Care Board".to_owned(),
                    },
                ],
            },
        ),
        e("2022-09-05", EventDetail::RevisitNotified),
        e("2022-09-19", EventDetail::RevisitStarted),
        e("2022-09-21", EventDetail::RevisitEnded),
        e(
            "2022-10-20",
            EventDetail::revisit_outcome(vec![
                Judgement::new("W1", Progress::Sufficient),
                Judgement::new("W2", Progress::Insufficient),
                Judgement::new("W3", Progress::Sufficient),
            ]),
        ),
        e(
            "2022-11-20",
            EventDetail::NextStepsDetermined {
                decision: NextStep::AcceleratedProgressPlan,
            },
        ),
        e("2022-12-01", EventDetail::ImprovementNoticeIssued),
        e("2023-01-10", EventDetail::AppSubmitted),
        e(
            "2023-02-01",
            EventDetail::AppJudged {
                fit_for_purpose: false,
            },
        ),
        e("2023-03-01", EventDetail::AppSubmitted),
        e(
            "2023-03-20",
            EventDetail::AppJudged {
                fit_for_purpose: true,
            },
        ),
        e("2023-06-01", EventDetail::ImprovementNoticeLifted),
        e(
            "2023-09-20",
            EventDetail::AppReview {
                actions: actions.map(Box::new),
            },
        ),
        e("2024-03-20", EventDetail::AppReview { actions: None }),
        e(
            "2024-04-01",
            EventDetail::NextStepsDetermined {
                decision: NextStep::FurtherRevisit,
            },
        ),
        e(
            "2024-06-01",
            EventDetail::MonitoringMeeting {
                actions: actions.map(Box::new),
                final_before_revisit: Some(true),
            },
        ),
        e("2024-09-16", EventDetail::RevisitStarted),
        e("2024-09-18", EventDetail::RevisitEnded),
        e(
            "2024-10-18",
            EventDetail::revisit_outcome(vec![Judgement::new("W2", Progress::Sufficient)]),
        ),
    ]
}

/// Applies each event, counting what that one call allocates.
fn apply_counting(area: Area, events: Vec<Event>) -> Vec<(Event, AllocationInfo)> {
    let mut lifecycle = Lifecycle::with_capacity(area, Policy::default(), events.len());
    events
        .into_iter()
        .map(|event| {
            let kept = event.clone();
            let mut result = None;
            let info = measure(|| result = Some(lifecycle.apply(event)));
            let result = result.unwrap();
            assert!(result.is_ok(), "{:?} was refused: {result:?}", kept.kind());
            (kept, info)
        })
        .collect()
}

/// What applying `event` may allocate: nothing, but for the text it brings into the state.
fn check(event: &Event, info: &AllocationInfo) {
    match &event.detail {
        // The weaknesses held: the list, each id and title, and the index by id — all kept
        // (nothing allocated and freed on the way).
        EventDetail::ReportPublished(report) => {
            assert!(info.count_total > 0 || report.weaknesses.is_empty());
            assert_eq!(
                info.count_current, info.count_total as i64,
                "report_published allocated something it did not keep: {info:?}"
            );
        }
        // The bodies now in force: the list and one name each.
        EventDetail::HealthBodyChanged { health_bodies } => {
            assert_eq!(
                info.count_total,
                1 + health_bodies.len() as u64,
                "health_body_changed: {info:?}"
            );
        }
        _ => assert_eq!(
            info.count_total,
            0,
            "applying {} allocated: {info:?}",
            event.kind()
        ),
    }
}

#[test]
fn applying_an_event_of_any_kind_allocates_only_the_text_it_keeps() {
    let counted = apply_counting(
        Area::new(
            "Leicestershire",
            "Leicestershire County Council",
            [send_lifecycle::HealthBody::new(
                send_lifecycle::HealthBodyKind::Ccg,
                "Leicestershire Clinical Commissioning Group",
            )],
        ),
        every_kind(),
    );
    let kinds: std::collections::BTreeSet<EventKind> =
        counted.iter().map(|(e, _)| e.kind()).collect();
    // Every kind of the 2016–2022 framework's record (the 2023 framework's kinds are not
    // walked here yet: see the CHANGELOG).
    let declared = EventKind::ALL
        .iter()
        .filter(|k| {
            send_lifecycle::Declaration::of(send_lifecycle::Framework::LocalAreaSend2016)
                .has_kind(**k)
        })
        .filter(|k| **k != EventKind::FrameworkChanged && **k != EventKind::WsoaSignedOff)
        .count();
    assert_eq!(kinds.len(), declared, "the lifecycle misses a kind");
    for (event, info) in &counted {
        check(event, info);
    }
}

#[test]
fn long_histories_apply_without_allocating() {
    // The synthetic timelines of the benches: 40 areas of the national set and a long
    // history of monitoring, notes, revisits, APPs and reviews.
    let mut per_kind: BTreeMap<EventKind, (u64, u64)> = BTreeMap::new();
    let mut timelines: Vec<_> = (0..40).map(timelines::national_area).collect();
    timelines.push(timelines::long(2_000));
    for t in timelines {
        for (event, info) in apply_counting(t.area, t.events) {
            check(&event, &info);
            let entry = per_kind.entry(event.kind()).or_default();
            entry.0 += 1;
            entry.1 += info.count_total;
        }
    }
    println!("kind: events applied, allocations");
    for (kind, (events, allocations)) in &per_kind {
        println!("  {kind}: {events}, {allocations}");
    }
    let events: u64 = per_kind.values().map(|(n, _)| n).sum();
    assert!(events > 3_000, "only {events} events applied");
}

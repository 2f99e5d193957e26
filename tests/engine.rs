//! The runtime engine and the typed API over it: transitions, rejections that change
//! nothing, the audit trail, and every row of the table exercised.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeSet;

use send_lifecycle::typed::{self, ReportOutcome, RevisitOutcome};
use send_lifecycle::{
    Code, Event, EventDate, EventDetail, EventKind, HealthBodyKind, Judgement, Lifecycle, NextStep,
    Policy, Progress, PublishedReport, RejectionReason, Stage, Timeline, Weakness, WeaknessStage,
    TRANSITIONS,
};

fn day(s: &str) -> EventDate {
    EventDate::parse(s).unwrap()
}

fn ev(date: &str, detail: EventDetail) -> Event {
    Event::new(
        if date == "null" {
            EventDate::Unknown
        } else {
            day(date)
        },
        detail,
    )
}

fn report(ids: &[&str]) -> EventDetail {
    EventDetail::report(
        ids.iter()
            .map(|id| Weakness::new(*id, format!("weakness {id}")))
            .collect(),
        None,
    )
}

fn judged(pairs: &[(&str, Progress)]) -> EventDetail {
    EventDetail::revisit_outcome(
        pairs
            .iter()
            .map(|(id, p)| Judgement::new(*id, *p))
            .collect(),
    )
}

fn decided(decision: NextStep) -> EventDetail {
    EventDetail::NextStepsDetermined { decision }
}

use Progress::{Insufficient, Sufficient};

/// Leicestershire's timeline, 2019–2022, read from `testdata/leicestershire.json` (where
/// every event cites its source) with the crate's own deserializer.
fn leicestershire() -> Timeline {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/leicestershire.json");
    let text = std::fs::read_to_string(path).expect("testdata/leicestershire.json");
    serde_json::from_str(&text).expect("a timeline")
}

/// The index of the first event of `kind`.
fn first(events: &[Event], kind: EventKind) -> usize {
    events
        .iter()
        .position(|e| e.kind() == kind)
        .unwrap_or_else(|| panic!("no {kind} in the timeline"))
}

/// Leicestershire's two weaknesses, as the timeline names them.
const JOINT: &str = "joint_commissioning";
const EHC: &str = "ehc_plan_quality";

#[test]
fn the_leicestershire_path_ends_awaiting_next_steps() {
    let timeline = leicestershire();
    let mut area = Lifecycle::new(timeline.area, Policy::default());
    let mut stages = vec![area.stage()];
    for e in timeline.events {
        let t = area.apply(e).unwrap();
        assert_eq!(t.from, *stages.last().unwrap());
        stages.push(t.to);
    }
    assert_eq!(area.stage(), Stage::AwaitingNextSteps);
    assert_eq!(
        area.weakness(JOINT).map(|w| w.stage),
        Some(WeaknessStage::Sufficient)
    );
    assert_eq!(
        area.weakness(EHC).map(|w| w.stage),
        Some(WeaknessStage::Insufficient)
    );
    assert_eq!(area.health_bodies()[0].kind, HealthBodyKind::Icb);
    assert!(stages.contains(&Stage::Monitoring));
}

#[test]
fn the_deadline_is_set_then_revised() {
    let timeline = leicestershire();
    let mut area = Lifecycle::new(timeline.area, Policy::default());
    let events = timeline.events;
    let revised = first(&events, EventKind::WsoaDeadlineRevised);
    for e in events[..revised].iter().cloned() {
        area.apply(e).unwrap();
    }
    // 70 working days from Friday 27 March 2020, the earliest date the report reached the area.
    assert_eq!(
        area.wsoa_deadline()
            .and_then(|d| d.day())
            .map(|d| d.to_string())
            .as_deref(),
        Some("2020-07-09")
    );
    let t = area.apply(events[revised].clone()).unwrap();
    assert_eq!(
        t.deadline_set
            .and_then(|d| d.day())
            .map(|d| d.to_string())
            .as_deref(),
        Some("2020-10-07")
    );
}

/// Applies `bad` to a lifecycle built from `prefix` and checks it is refused with `code` and
/// the lifecycle is exactly as it was.
#[track_caller]
fn refused_without_change(prefix: &[Event], bad: Event, code: Code) -> RejectionReason {
    let mut area = Lifecycle::new(leicestershire().area, Policy::default());
    for e in prefix.iter().cloned() {
        area.apply(e).unwrap();
    }
    let before = area.clone();
    let r = area.apply(bad).unwrap_err();
    assert_eq!(r.code(), code, "{r}");
    assert_eq!(area, before, "a rejected event changed the lifecycle");
    assert_eq!(r.stage(), area.stage());
    assert_eq!(r.event_index(), prefix.len());
    assert!(!r.to_string().is_empty());
    r.reason().clone()
}

#[test]
fn a_rejected_event_changes_nothing() {
    let all = leicestershire().events;
    let at = |kind| first(&all, kind);
    // Not allowed in the stage (awaiting the report).
    let reason = refused_without_change(
        &all[..=at(EventKind::InspectionEnded)],
        ev("2020-03-01", EventDetail::WsoaSubmitted),
        Code::TransitionNotAllowed,
    );
    assert_eq!(reason, RejectionReason::NotAllowed);
    // Out of order: before the inspection started, 3 February 2020.
    refused_without_change(
        &all[..=at(EventKind::InspectionStarted)],
        ev("2020-01-31", EventDetail::InspectionEnded),
        Code::EventsOutOfOrder,
    );
    // Duplicate weakness.
    refused_without_change(
        &all[..at(EventKind::ReportPublished)],
        ev("2020-05-15", report(&["W1", "W1"])),
        Code::DuplicateWeakness,
    );
    // Judgements: unknown, missing, repeated.
    let pre = &all[..at(EventKind::RevisitOutcome)];
    refused_without_change(
        pre,
        ev(
            "2022-12-13",
            judged(&[(JOINT, Sufficient), (EHC, Sufficient), ("W9", Sufficient)]),
        ),
        Code::UnknownWeakness,
    );
    refused_without_change(
        pre,
        ev("2022-12-13", judged(&[(JOINT, Sufficient)])),
        Code::MissingJudgement,
    );
    refused_without_change(
        pre,
        ev(
            "2022-12-13",
            judged(&[(EHC, Sufficient), (EHC, Insufficient), (JOINT, Sufficient)]),
        ),
        Code::DuplicateWeakness,
    );
    // A weakness already sufficient cannot be judged again at a further revisit.
    let mut further = all.clone();
    further.push(ev("2023-01-10", decided(NextStep::FurtherRevisit)));
    further.push(ev("2023-06-05", EventDetail::RevisitStarted));
    further.push(ev("2023-06-07", EventDetail::RevisitEnded));
    refused_without_change(
        &further,
        ev(
            "2023-07-10",
            judged(&[(JOINT, Sufficient), (EHC, Sufficient)]),
        ),
        Code::RejudgedWeakness,
    );
    // An improvement notice cannot be lifted when none is in force.
    let reason = refused_without_change(
        &all,
        ev("2023-01-10", EventDetail::ImprovementNoticeLifted),
        Code::TransitionNotAllowed,
    );
    assert!(matches!(reason, RejectionReason::ConditionNotMet { .. }));
}

#[test]
fn a_rejection_names_the_stage_the_event_and_what_was_allowed() {
    let mut area = Lifecycle::new(leicestershire().area, Policy::default());
    area.apply(ev("2020-02-03", EventDetail::InspectionStarted))
        .unwrap();
    let r = area
        .apply(ev("2020-02-04", EventDetail::WsoaSubmitted))
        .unwrap_err();
    assert_eq!(r.stage(), Stage::Inspecting);
    assert_eq!(r.event(), EventKind::WsoaSubmitted);
    assert!(r.allowed().contains(&EventKind::InspectionEnded));
    let text = r.to_string();
    assert!(
        text.contains("inspecting")
            && text.contains("wsoa_submitted")
            && text.contains("inspection_ended"),
        "{text}"
    );
}

#[test]
fn the_history_replays_to_the_same_state() {
    let timeline = leicestershire();
    let mut area = Lifecycle::new(timeline.area, Policy::default());
    for e in timeline.events {
        area.apply(e).unwrap();
    }
    let again = Lifecycle::replay(
        area.area().clone(),
        Policy::default(),
        area.history().to_vec(),
    )
    .unwrap();
    assert_eq!(again, area);
    assert_eq!(again.history().len(), leicestershire().events.len());
}

#[test]
fn check_predicts_apply_without_changing_anything() {
    let mut area = Lifecycle::new(leicestershire().area, Policy::default());
    let before = area.clone();
    assert_eq!(
        area.check(&ev("2020-02-03", EventDetail::InspectionStarted)),
        Ok(Stage::Inspecting)
    );
    assert_eq!(area, before);
    assert!(area
        .check(&ev("2020-02-03", EventDetail::WsoaSubmitted))
        .is_err());
    area.apply(ev("2020-02-03", EventDetail::InspectionStarted))
        .unwrap();
}

/// Paths that between them take every row of the table.
fn every_path() -> Vec<Vec<Event>> {
    let start = || {
        vec![
            ev("2020-01-27", EventDetail::InspectionNotified),
            ev("2020-02-03", EventDetail::InspectionStarted),
            ev("2020-02-07", EventDetail::InspectionEnded),
            ev("2020-03-20", EventDetail::ReportReceived),
        ]
    };
    let mut none = start();
    none.push(ev("2020-03-27", report(&[])));

    let monitoring = || {
        let mut p = start();
        p.extend([
            ev("2020-03-27", report(&["W1"])),
            ev(
                "2020-04-01",
                EventDetail::WsoaDeadlineRevised {
                    new_deadline: chrono::NaiveDate::from_ymd_opt(2020, 10, 7).unwrap(),
                    reason: Some("COVID-19".into()),
                },
            ),
            ev("2020-06-01", EventDetail::WsoaSubmitted),
            ev(
                "2020-06-15",
                EventDetail::WsoaJudged {
                    fit_for_purpose: false,
                },
            ),
            ev("2020-07-01", EventDetail::WsoaSubmitted),
            ev(
                "2020-07-15",
                EventDetail::WsoaJudged {
                    fit_for_purpose: true,
                },
            ),
            ev(
                "2020-10-15",
                EventDetail::MonitoringMeeting {
                    actions: None,
                    final_before_revisit: None,
                },
            ),
            ev("2021-01-04", EventDetail::RevisitNotified),
            ev("2021-01-18", EventDetail::RevisitStarted),
            ev("2021-01-20", EventDetail::RevisitEnded),
        ]);
        p
    };
    let mut sufficient = monitoring();
    sufficient.push(ev("2021-02-20", judged(&[("W1", Sufficient)])));

    let insufficient = || {
        let mut p = monitoring();
        p.push(ev("2021-02-20", judged(&[("W1", Insufficient)])));
        p
    };
    let mut app = insufficient();
    app.extend([
        ev("2021-03-01", decided(NextStep::AcceleratedProgressPlan)),
        ev("2021-04-01", EventDetail::AppSubmitted),
        ev(
            "2021-04-15",
            EventDetail::AppJudged {
                fit_for_purpose: false,
            },
        ),
        ev("2021-05-01", EventDetail::AppSubmitted),
        ev(
            "2021-05-15",
            EventDetail::AppJudged {
                fit_for_purpose: true,
            },
        ),
        ev("2021-09-01", EventDetail::AppReview { actions: None }),
        ev("2021-09-02", EventDetail::ImprovementNoticeIssued),
        ev("2021-10-01", decided(NextStep::ImprovementNotice)),
        ev("2021-11-01", decided(NextStep::AcceleratedProgressPlan)),
        ev("2021-12-01", EventDetail::ImprovementNoticeLifted),
        ev(
            "2021-12-02",
            EventDetail::Note {
                title: "a note".into(),
            },
        ),
        ev(
            "2021-12-03",
            EventDetail::HealthBodyChanged {
                health_bodies: leicestershire().area.health_bodies,
            },
        ),
    ]);
    // Insufficient progress, then an APP judged fit for purpose.
    let app_monitoring = || {
        let mut p = insufficient();
        p.extend([
            ev("2021-03-01", decided(NextStep::AcceleratedProgressPlan)),
            ev("2021-04-01", EventDetail::AppSubmitted),
            ev(
                "2021-05-15",
                EventDetail::AppJudged {
                    fit_for_purpose: true,
                },
            ),
        ]);
        p
    };
    let mut escalate = app_monitoring();
    escalate.extend([
        ev("2021-10-01", decided(NextStep::StatutoryDirection)),
        ev("2021-11-01", decided(NextStep::FurtherRevisit)),
    ]);
    let mut direct = insufficient();
    direct.extend([ev("2021-03-01", decided(NextStep::StatutoryDirection))]);
    let mut notice = insufficient();
    notice.extend([ev("2021-03-01", decided(NextStep::ImprovementNotice))]);
    let mut again = insufficient();
    again.extend([
        ev("2021-03-01", decided(NextStep::FurtherRevisit)),
        ev("2021-09-01", EventDetail::RevisitStarted),
        ev("2021-09-02", EventDetail::RevisitEnded),
        ev("2021-10-01", judged(&[("W1", Sufficient)])),
    ]);
    let mut app_further = app_monitoring();
    app_further.extend([ev("2021-10-01", decided(NextStep::FurtherRevisit))]);
    let mut app_notice = app_monitoring();
    app_notice.extend([ev("2021-10-01", decided(NextStep::ImprovementNotice))]);
    // Signed off without a revisit (Rotherham); and an open record moving to the 2023
    // framework (the 2016 record's own row: it stays in its stage as the legacy record).
    // The first eleven events of `monitoring()` end at its meeting, in `monitoring`.
    let in_monitoring = || monitoring().into_iter().take(11).collect::<Vec<_>>();
    let mut signed_off = in_monitoring();
    signed_off.push(ev("2020-12-01", EventDetail::WsoaSignedOff));
    let mut crossing = in_monitoring();
    crossing.push(ev(
        "2023-01-01",
        EventDetail::FrameworkChanged {
            framework: send_lifecycle::Framework::AreaSend2023,
        },
    ));
    vec![
        signed_off,
        crossing,
        none,
        sufficient,
        app,
        escalate,
        direct,
        notice,
        again,
        app_further,
        app_notice,
    ]
}

#[test]
fn every_row_of_the_table_is_used_by_some_real_path() {
    let mut used = BTreeSet::new();
    let mut stages = BTreeSet::new();
    for path in every_path() {
        let mut area = Lifecycle::new(leicestershire().area, Policy::default());
        for e in path {
            let t = area.apply(e).unwrap_or_else(|r| panic!("{r}"));
            used.insert(t.row_index());
            stages.insert(t.to);
        }
    }
    let unused: Vec<_> = (0..TRANSITIONS.len())
        .filter(|i| !used.contains(i))
        .map(|i| (i, TRANSITIONS[i].event()))
        .collect();
    assert!(unused.is_empty(), "rows never used: {unused:?}");
    let stages_2016 = send_lifecycle::Declaration::of(send_lifecycle::Framework::LocalAreaSend2016)
        .stages()
        .len();
    assert_eq!(
        stages.len() + 1,
        stages_2016,
        "every stage but not_inspected is entered"
    );
}

/// A typed walk's reading of a timeline: the events one at a time, in order; the notes
/// between them recorded as they come (a note is allowed in every stage).
struct Script {
    events: std::vec::IntoIter<Event>,
}

impl Script {
    /// Records the notes at the cursor, then takes the next event, which must be of `kind`,
    /// citing its source.
    fn take<S>(
        &mut self,
        mut area: typed::Inspected<S>,
        kind: EventKind,
    ) -> (typed::Inspected<S>, Event)
    where
        S: typed::StageMarker + std::fmt::Debug,
    {
        loop {
            let e = self
                .events
                .next()
                .unwrap_or_else(|| panic!("no {kind} left"));
            if let Some(source) = &e.source {
                area = area.cite(source.clone());
            }
            match &e.detail {
                EventDetail::Note { title } if kind != EventKind::Note => {
                    area = area.note(e.date, title.clone()).unwrap();
                }
                _ => {
                    assert_eq!(e.kind(), kind);
                    return (area, e);
                }
            }
        }
    }
}

#[test]
fn the_typed_api_walks_the_same_path_as_the_engine() {
    // Leicestershire through the typed API: the order of the calls is checked by the
    // compiler; every date, payload and citation is the timeline's.
    let timeline = leicestershire();
    let policy = Policy::default();
    let mut script = Script {
        events: timeline.events.clone().into_iter(),
    };
    let area = typed::Inspected::new(timeline.area.clone(), policy.clone());
    let (area, e) = script.take(area, EventKind::InspectionStarted);
    let area = area.start_inspection(e.date).unwrap();
    let (area, e) = script.take(area, EventKind::InspectionEnded);
    let area = area.end_inspection(e.date).unwrap();
    let (area, e) = script.take(area, EventKind::ReportReceived);
    let area = area.receive_report(e.date).unwrap();
    let (area, e) = script.take(area, EventKind::ReportPublished);
    let EventDetail::ReportPublished(report) = e.detail else {
        unreachable!()
    };
    let PublishedReport {
        weaknesses,
        letter_date,
        ..
    } = *report;
    let ReportOutcome::WsoaRequired(area) = area
        .publish_report_dated(e.date, weaknesses, letter_date)
        .unwrap()
    else {
        panic!("weaknesses require a WSoA")
    };
    let (area, e) = script.take(area, EventKind::WsoaDeadlineRevised);
    let EventDetail::WsoaDeadlineRevised {
        new_deadline,
        reason,
    } = e.detail
    else {
        unreachable!()
    };
    let area = area.revise_deadline(e.date, new_deadline, reason).unwrap();
    let (area, e) = script.take(area, EventKind::WsoaSubmitted);
    let area = area.submit_wsoa(e.date).unwrap();
    let (area, e) = script.take(area, EventKind::WsoaJudged);
    let mut area = area.judge_wsoa_fit(e.date).unwrap();
    for _ in 0..2 {
        let (a, e) = script.take(area, EventKind::MonitoringMeeting);
        let EventDetail::MonitoringMeeting {
            actions,
            final_before_revisit,
        } = e.detail
        else {
            unreachable!()
        };
        area = a
            .monitoring_meeting(
                e.date,
                actions.map(|a| *a),
                final_before_revisit.unwrap_or(false),
            )
            .unwrap();
    }
    let (area, e) = script.take(area, EventKind::HealthBodyChanged);
    let EventDetail::HealthBodyChanged { health_bodies } = e.detail else {
        unreachable!()
    };
    let area = area.change_health_bodies(e.date, health_bodies).unwrap();
    let (area, e) = script.take(area, EventKind::RevisitStarted);
    let area = area.start_revisit(e.date).unwrap();
    let (area, e) = script.take(area, EventKind::RevisitEnded);
    let area = area.end_revisit(e.date).unwrap();
    let (area, e) = script.take(area, EventKind::RevisitOutcome);
    let EventDetail::RevisitOutcome { judgements, .. } = e.detail else {
        unreachable!()
    };
    let outcome = area.revisit_outcome(e.date, judgements).unwrap();
    let RevisitOutcome::NextStepsNeeded(area) = outcome else {
        panic!("one weakness was insufficient")
    };
    assert!(script.events.next().is_none(), "the walk left events out");
    assert_eq!(area.stage(), Stage::AwaitingNextSteps);
    let typed_history = area.lifecycle().history().to_vec();
    // The typed API records the timeline's events (it keeps no event notes).
    let without_notes = |events: &[Event]| -> Vec<(EventDate, EventDetail, Option<String>)> {
        events
            .iter()
            .map(|e| (e.date, e.detail.clone(), e.source.clone()))
            .collect()
    };
    assert_eq!(
        without_notes(&typed_history),
        without_notes(&timeline.events)
    );
    // The runtime engine, given the same events, reaches the same state.
    let engine = Lifecycle::replay(timeline.area.clone(), policy, typed_history).unwrap();
    assert_eq!(&engine, area.lifecycle());
    let runtime = Lifecycle::replay(timeline.area, Policy::default(), timeline.events).unwrap();
    assert_eq!(runtime.stage(), engine.stage());
    assert_eq!(runtime.weaknesses(), engine.weaknesses());
}

#[test]
fn the_typed_api_still_checks_dates_at_run_time() {
    let area = typed::Inspected::new(leicestershire().area, Policy::default())
        .start_inspection(day("2020-02-03"))
        .unwrap();
    let r = area.clone().end_inspection(day("2020-01-01")).unwrap_err();
    assert_eq!(r.code(), Code::EventsOutOfOrder);
    // And payload rules: a duplicate weakness id.
    let area = area.end_inspection(day("2020-02-07")).unwrap();
    let r = area
        .publish_report(
            day("2020-03-27"),
            vec![Weakness::new("W", "a"), Weakness::new("W", "b")],
        )
        .unwrap_err();
    assert_eq!(r.code(), Code::DuplicateWeakness);
}

#[test]
fn a_report_without_weaknesses_concludes_in_the_typed_api() {
    let area = typed::Inspected::new(leicestershire().area, Policy::default())
        .notify_inspection(day("2019-01-07"))
        .unwrap()
        .start_inspection(day("2019-01-14"))
        .unwrap()
        .end_inspection(day("2019-01-18"))
        .unwrap();
    match area.publish_report(day("2019-03-01"), vec![]).unwrap() {
        ReportOutcome::NoWsoa(done) => assert_eq!(done.stage(), Stage::ConcludedNoWsoa),
        ReportOutcome::WsoaRequired(_) => panic!("no weakness, no WSoA"),
    }
}

/// The report and the engine give the weaknesses as one type: after the same events, the
/// report's list is the engine's.
#[test]
fn the_report_lists_the_weaknesses_the_engine_holds() {
    let timeline = leicestershire();
    let report = send_lifecycle::validate(&timeline, &send_lifecycle::Options::default());
    let area = Lifecycle::replay(timeline.area, Policy::default(), timeline.events).unwrap();
    let held: &[send_lifecycle::WeaknessStatus] = area.weaknesses();
    assert_eq!(report.weaknesses.as_slice(), held);
    assert_eq!(
        held.iter()
            .map(|w| (w.id.as_str(), w.stage))
            .collect::<Vec<_>>(),
        [
            (JOINT, WeaknessStage::Sufficient),
            (EHC, WeaknessStage::Insufficient)
        ]
    );
}

/// `framework_changed` is judged by the 2016 record's own row, which keeps it in its stage:
/// the transition says so (`from` = `to` = the 2016 stage), while the area now stands at the
/// 2023 framework's start, with the open 2016 record beside it as the legacy record.
#[test]
fn the_move_to_2023_reports_the_2016_records_row_and_the_area_starts_again() {
    // `every_path`'s second path: monitoring, then the move.
    let mut path = every_path().swap_remove(1);
    let change = path.pop().unwrap_or_else(|| panic!("an empty path"));
    assert_eq!(change.kind(), send_lifecycle::EventKind::FrameworkChanged);
    let mut area = Lifecycle::new(leicestershire().area, Policy::default());
    for e in path {
        area.apply(e).unwrap_or_else(|r| panic!("{r}"));
    }
    assert_eq!(area.stage(), Stage::Monitoring);
    let t = area.apply(change).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!((t.from, t.to), (Stage::Monitoring, Stage::Monitoring));
    assert_eq!(area.framework(), send_lifecycle::Framework::AreaSend2023);
    assert_eq!(area.stage(), Stage::NotInspected);
    assert_eq!(area.legacy_stage(), Some(Stage::Monitoring));
}

/// A typed method with more than one outcome returns the branch the engine took, read from
/// the verdict it applied by: under the 2023 framework `positive` and `inconsistent` lead to
/// the same stage, so only the row tells them apart. Each branch is checked against the
/// engine's own stage after the same event.
#[test]
fn each_branch_of_a_typed_method_is_the_row_the_engine_took() {
    use send_lifecycle::typed::area_send_2023::{FullReportOutcome, Inspected};
    use send_lifecycle::Outcome;
    for outcome in [
        Outcome::Positive,
        Outcome::Inconsistent,
        Outcome::WidespreadFailings,
    ] {
        let area = Inspected::new(leicestershire().area, Policy::default())
            .start_inspection(day("2023-10-16"))
            .unwrap()
            .end_inspection(day("2023-10-20"))
            .unwrap();
        let mut engine = area.lifecycle().clone();
        engine
            .apply(Event::new(
                day("2023-12-22"),
                EventDetail::area_report(outcome, None, None),
            ))
            .unwrap();
        let result = area
            .publish_report(day("2023-12-22"), outcome, None, None)
            .unwrap();
        let (branch, stage) = match &result {
            FullReportOutcome::Positive(a) => (Outcome::Positive, a.stage()),
            FullReportOutcome::Inconsistent(a) => (Outcome::Inconsistent, a.stage()),
            FullReportOutcome::WidespreadFailings(a) => (Outcome::WidespreadFailings, a.stage()),
        };
        assert_eq!(branch, outcome);
        assert_eq!(stage, engine.stage(), "{outcome:?}");
        let expected = if outcome == Outcome::WidespreadFailings {
            "pap_due"
        } else {
            "strategic_plan_due"
        };
        assert_eq!(stage.as_str(), expected, "{outcome:?}");
    }
}

/// A branching method the engine refuses hands the area back as it was, its pending
/// citation included, and records nothing.
#[test]
fn a_refused_branching_method_hands_the_area_back_with_its_citation() {
    let area = typed::Inspected::new(leicestershire().area, Policy::default())
        .start_inspection(day("2020-02-03"))
        .unwrap()
        .end_inspection(day("2020-02-07"))
        .unwrap()
        .cite("a pending citation (test text, not a source)");
    let before = area.clone();
    let refused = area
        .publish_report(day("2020-01-01"), vec![Weakness::new("W", "a")])
        .unwrap_err();
    assert_eq!(refused.code(), Code::EventsOutOfOrder);
    let back = refused.area;
    assert_eq!(back, before);
    // The citation is still pending: it goes with the next event recorded.
    let ReportOutcome::WsoaRequired(done) = back
        .publish_report(day("2020-03-27"), vec![Weakness::new("W", "a")])
        .unwrap()
    else {
        panic!("a weakness requires a WSoA");
    };
    let last = done.lifecycle().history().last().unwrap();
    assert_eq!(
        last.source.as_deref(),
        Some("a pending citation (test text, not a source)")
    );
}

//! A differential test: a second, deliberately simple reading of the rules that decide the
//! area's stage and each weakness's stage, compared with the engine (`Lifecycle::apply`)
//! event by event on generated valid timelines and on mutated ones.
//!
//! The reading ([`read`]) is one plain `match (stage, event)`, written from the contract
//! (`timeline-format.md`, "Stages", the 2016 framework) and the extensions the README
//! lists (`under_intervention` after an improvement notice or statutory direction, from
//! which DfE can require an APP or the Secretary of State a further revisit; a
//! `further_revisit` decision back to `monitoring`; fieldwork that starts without a recorded
//! notice) — not from the crate's transition table, which it never reads. It knows no
//! deadline and no date: order is not checked, so an event the engine refuses as
//! `events_out_of_order` is left out of the comparison, and every timeline is compared a
//! second time with all its dates removed, where nothing is refused for order.
//!
//! Where the contract does not settle a case (is a second `report_received` allowed? where
//! does an APP not fit for purpose lead?), the reading says so ([`Says::Silent`]) and
//! follows the engine for that event; [`silent_cases_are_few`] keeps their share small.
//!
//! The number of cases comes from `PROPTEST_CASES` (256 by default) with the fixed seed of
//! the other property tests (`tests/common/mod.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::fmt::Write as _;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use send_lifecycle::{
    Code, Event, EventDate, EventDetail, Judgement, Lifecycle, NextStep, Policy, Progress, Stage,
    Timeline, WeaknessStage,
};

use common::timelines::{choose_mutation, Choices};
use common::{config, walk};

/// Where the area stands, by the reading: its stage and its weaknesses' stages, in the
/// report's order.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reading {
    stage: Stage,
    weaknesses: Vec<(String, WeaknessStage)>,
}

impl Reading {
    fn start() -> Reading {
        Reading {
            stage: Stage::NotInspected,
            weaknesses: Vec::new(),
        }
    }

    fn to(&self, stage: Stage) -> Says {
        Says::Goes(Reading {
            stage,
            weaknesses: self.weaknesses.clone(),
        })
    }

    fn of(engine: &Lifecycle) -> Reading {
        Reading {
            stage: engine.stage(),
            weaknesses: engine
                .weaknesses()
                .iter()
                .map(|w| (w.id.clone(), w.stage))
                .collect(),
        }
    }
}

/// What the reading says of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Says {
    /// It applies, and the area is then here.
    Goes(Reading),
    /// It applies and changes nothing.
    Stays,
    /// It changes nothing, if it is allowed at all (the contract says only that it changes no
    /// stage: improvement notices).
    StaysIfAllowed,
    /// It cannot happen in this stage.
    Refused,
    /// The contract does not settle it.
    Silent,
}

/// The contract's rules, read plainly. `Stages`: `not_inspected` → `notified` →
/// `inspecting` → `awaiting_report` → `concluded_no_wsoa` (no significant weakness) or
/// `wsoa_due` → `wsoa_under_review` → (`wsoa_due` again if not fit) → `monitoring` →
/// `revisit_notified` → `revisiting` → `awaiting_revisit_outcome` → `concluded_sufficient`
/// (every weakness sufficient) or `awaiting_next_steps` → `app_due` → `app_under_review` →
/// `app_monitoring`. Weaknesses: `identified` → `in_action` (once the WSoA is fit for
/// purpose) → `sufficient` or `insufficient`. Notes, health body changes, improvement
/// notices and `report_received` (before publication) change no stage.
fn read(r: &Reading, event: &EventDetail) -> Says {
    use EventDetail as D;
    use Stage as S;
    match (r.stage, event) {
        // Allowed in every stage, changing none.
        (_, D::Note { .. }) => Says::Stays,
        (_, D::HealthBodyChanged { health_bodies }) if !health_bodies.is_empty() => Says::Stays,
        (_, D::ImprovementNoticeIssued | D::ImprovementNoticeLifted) => Says::StaysIfAllowed,
        // The inspection (README: it may start without a recorded notice).
        (S::NotInspected, D::InspectionNotified) => r.to(S::Notified),
        (S::NotInspected | S::Notified, D::InspectionStarted) => r.to(S::Inspecting),
        (S::Inspecting, D::InspectionEnded) => r.to(S::AwaitingReport),
        (S::AwaitingReport, D::ReportReceived) => Says::Stays,
        (S::AwaitingReport, D::ReportPublished(report)) => {
            let ids: Vec<&str> = report.weaknesses.iter().map(|w| w.id.as_str()).collect();
            if has_repeats(&ids) {
                return Says::Silent; // duplicate_weakness: applied or not, the contract does not say
            }
            Says::Goes(Reading {
                stage: if ids.is_empty() {
                    S::ConcludedNoWsoa
                } else {
                    S::WsoaDue
                },
                weaknesses: ids
                    .iter()
                    .map(|id| ((*id).to_owned(), WeaknessStage::Identified))
                    .collect(),
            })
        }
        // The written statement of action.
        (S::WsoaDue, D::WsoaDeadlineRevised { .. }) => Says::Stays,
        (S::WsoaDue, D::WsoaSubmitted) => r.to(S::WsoaUnderReview),
        (S::WsoaUnderReview, D::WsoaJudged { fit_for_purpose }) => {
            if *fit_for_purpose {
                Says::Goes(Reading {
                    stage: S::Monitoring,
                    weaknesses: r
                        .weaknesses
                        .iter()
                        .map(|(id, s)| {
                            let s = match s {
                                WeaknessStage::Identified => WeaknessStage::InAction,
                                other => *other,
                            };
                            (id.clone(), s)
                        })
                        .collect(),
                })
            } else {
                r.to(S::WsoaDue)
            }
        }
        // Monitoring and the revisit (README: a revisit may start without a notice).
        (S::Monitoring, D::MonitoringMeeting { .. }) => Says::Stays,
        // The additions: signed off without a revisit (Rotherham); every weakness not yet
        // sufficient is superseded.
        (S::Monitoring, D::WsoaSignedOff) => Says::Goes(Reading {
            stage: S::ConcludedSignedOff,
            weaknesses: r
                .weaknesses
                .iter()
                .map(|(id, s)| {
                    let s = if *s == WeaknessStage::Sufficient {
                        *s
                    } else {
                        WeaknessStage::Superseded
                    };
                    (id.clone(), s)
                })
                .collect(),
        }),
        (S::Monitoring, D::RevisitNotified) => r.to(S::RevisitNotified),
        (S::Monitoring | S::RevisitNotified, D::RevisitStarted) => r.to(S::Revisiting),
        (S::Revisiting, D::RevisitEnded) => r.to(S::AwaitingRevisitOutcome),
        (S::AwaitingRevisitOutcome, D::RevisitOutcome { judgements, .. }) => judge(r, judgements),
        // Next steps (README: under_intervention, and a further revisit back to monitoring).
        (S::AwaitingNextSteps, D::NextStepsDetermined { decision }) => match decision {
            NextStep::AcceleratedProgressPlan => r.to(S::AppDue),
            NextStep::FurtherRevisit => r.to(S::Monitoring),
            NextStep::ImprovementNotice | NextStep::StatutoryDirection => {
                r.to(S::UnderIntervention)
            }
            _ => Says::Silent,
        },
        (S::UnderIntervention, D::NextStepsDetermined { decision }) => match decision {
            NextStep::AcceleratedProgressPlan => r.to(S::AppDue),
            NextStep::FurtherRevisit => r.to(S::Monitoring),
            _ => Says::Refused,
        },
        // The accelerated progress plan.
        (S::AppDue, D::AppSubmitted) => r.to(S::AppUnderReview),
        (
            S::AppUnderReview,
            D::AppJudged {
                fit_for_purpose: true,
            },
        ) => r.to(S::AppMonitoring),
        (S::AppMonitoring, D::AppReview { .. }) => Says::Stays,
        // What the contract leaves open.
        (_, D::HealthBodyChanged { .. }) // to no health body at all
        | (S::WsoaUnderReview, D::WsoaDeadlineRevised { .. })
        | (S::RevisitNotified | S::AppMonitoring | S::UnderIntervention, D::MonitoringMeeting { .. })
        | (S::AppMonitoring, D::NextStepsDetermined { .. })
        | (S::AppUnderReview, D::AppJudged { .. }) => Says::Silent,
        _ => Says::Refused,
    }
}

fn has_repeats(ids: &[&str]) -> bool {
    ids.iter().enumerate().any(|(i, id)| ids[..i].contains(id))
}

/// A revisit outcome: it judges the weaknesses not yet sufficient, each once (the contract:
/// "only the weaknesses still insufficient are judged" at a further revisit). Every
/// weakness sufficient afterwards → `concluded_sufficient`, else `awaiting_next_steps`.
/// A judgement of a weakness the report did not list, of one already sufficient, twice,
/// or none for one to be judged, is an error whose effect on the engine the contract does
/// not settle.
fn judge(r: &Reading, judgements: &[Judgement]) -> Says {
    let judged: Vec<&str> = judgements.iter().map(|j| j.weakness.as_str()).collect();
    let to_judge: Vec<&str> = r
        .weaknesses
        .iter()
        .filter(|(_, s)| *s != WeaknessStage::Sufficient)
        .map(|(id, _)| id.as_str())
        .collect();
    let exact = !has_repeats(&judged)
        && judged.len() == to_judge.len()
        && judged.iter().all(|id| to_judge.contains(id));
    if !exact {
        return Says::Silent;
    }
    let weaknesses: Vec<(String, WeaknessStage)> = r
        .weaknesses
        .iter()
        .map(|(id, s)| {
            let s = match judgements.iter().find(|j| j.weakness == *id) {
                Some(j) if j.progress == Progress::Sufficient => WeaknessStage::Sufficient,
                Some(_) => WeaknessStage::Insufficient,
                None => *s,
            };
            (id.clone(), s)
        })
        .collect();
    let stage = if weaknesses
        .iter()
        .all(|(_, s)| *s == WeaknessStage::Sufficient)
    {
        Stage::ConcludedSufficient
    } else {
        Stage::AwaitingNextSteps
    };
    Says::Goes(Reading { stage, weaknesses })
}

/// How a comparison went.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    compared: usize,
    silent: usize,
    out_of_order: usize,
}

/// The events, one a line, for a failure message.
fn listing(events: &[Event]) -> String {
    let mut out = String::new();
    for (i, e) in events.iter().enumerate() {
        let _ = writeln!(out, "  {i:>3} {:<10} {:?}", e.date.to_string(), e.detail);
    }
    out
}

/// Replays `timeline` on the engine, comparing each event with `reading`.
fn compare(
    timeline: &Timeline,
    reading: fn(&Reading, &EventDetail) -> Says,
) -> Result<Tally, String> {
    let mut engine = Lifecycle::new(timeline.area.clone(), Policy::default());
    let mut r = Reading::start();
    let mut tally = Tally::default();
    for (i, e) in timeline.events.iter().enumerate() {
        let says = reading(&r, &e.detail);
        let before = r.clone();
        let result = engine.apply(e.clone());
        let disagree = |engine_did: String| {
            Err(format!(
                "event {i} ({}) in {}: the reading says {says:?}, the engine {engine_did}\nevents:\n{}",
                e.kind(),
                before.stage,
                listing(&timeline.events)
            ))
        };
        match (&says, result) {
            (_, Err(rejection)) if rejection.code() == Code::EventsOutOfOrder => {
                tally.out_of_order += 1;
            }
            (Says::Goes(next), Ok(t)) => {
                tally.compared += 1;
                let now = Reading::of(&engine);
                if &now != next || t.to != next.stage {
                    return disagree(format!("took it to {now:?}"));
                }
                r = now;
            }
            (Says::Stays | Says::StaysIfAllowed, Ok(_)) => {
                tally.compared += 1;
                let now = Reading::of(&engine);
                if now != before {
                    return disagree(format!("took it to {now:?}"));
                }
            }
            (Says::Goes(_) | Says::Stays, Err(rejection)) => {
                return disagree(format!("refused it: {rejection}"));
            }
            (Says::Refused, Ok(t)) => {
                return disagree(format!("took it to {}", t.to));
            }
            (Says::Refused | Says::StaysIfAllowed, Err(_)) => tally.compared += 1,
            (Says::Silent, Ok(_)) => {
                tally.silent += 1;
                r = Reading::of(&engine);
            }
            (Says::Silent, Err(_)) => tally.silent += 1,
        }
    }
    Ok(tally)
}

/// The same timeline with every date removed: nothing can then be out of order.
fn undated(timeline: &Timeline) -> Timeline {
    let mut t = timeline.clone();
    for e in &mut t.events {
        e.date = EventDate::Unknown;
    }
    t
}

/// Compares the timeline as it is and undated.
fn both(timeline: &Timeline) -> Result<Tally, TestCaseError> {
    let dated = compare(timeline, read).map_err(TestCaseError::fail)?;
    let undated = compare(&undated(timeline), read).map_err(TestCaseError::fail)?;
    Ok(Tally {
        compared: dated.compared + undated.compared,
        silent: dated.silent + undated.silent,
        out_of_order: dated.out_of_order + undated.out_of_order,
    })
}

/// A change to one payload that decides a branch: a judgement of fitness reversed, another
/// decision, a report with one weakness fewer or none.
fn change_payload(c: &mut Choices<'_>, timeline: &mut Timeline) {
    let candidates: Vec<usize> = timeline
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            matches!(
                e.detail,
                EventDetail::WsoaJudged { .. }
                    | EventDetail::AppJudged { .. }
                    | EventDetail::NextStepsDetermined { .. }
                    | EventDetail::ReportPublished(_)
            )
        })
        .map(|(i, _)| i)
        .collect();
    if candidates.is_empty() {
        return;
    }
    let i = *c.pick(&candidates);
    match &mut timeline.events[i].detail {
        EventDetail::WsoaJudged { fit_for_purpose }
        | EventDetail::AppJudged { fit_for_purpose } => {
            *fit_for_purpose = !*fit_for_purpose;
        }
        EventDetail::NextStepsDetermined { decision } => {
            *decision = *c.pick(NextStep::ALL);
        }
        EventDetail::ReportPublished(report) => {
            let weaknesses = &mut report.weaknesses;
            if c.chance(50) || weaknesses.is_empty() {
                weaknesses.clear();
            } else {
                let k = c.below(weaknesses.len());
                weaknesses.remove(k);
            }
        }
        _ => {}
    }
}

/// A valid timeline changed one to three times: an event dropped, two swapped, one
/// duplicated, a date moved, a judgement changed (the property tests' mutations), or a
/// payload that decides a branch changed.
fn mutated() -> impl Strategy<Value = Timeline> {
    (walk(), vec(any::<u8>(), 32)).prop_map(|(w, bytes)| {
        let mut c = Choices::new(&bytes);
        let mut t = w.timeline;
        for _ in 0..1 + c.below(3) {
            if c.chance(25) {
                change_payload(&mut c, &mut t);
            } else if let Some(m) = choose_mutation(&mut c, &t) {
                t = m.apply(&t);
            }
        }
        t
    })
}

/// One event of every kind, with payloads for each branch, that could come next in the
/// state of `engine` (undated, so never out of order).
fn every_kind_next(engine: &Lifecycle) -> Vec<Event> {
    use send_lifecycle::{HealthBody, HealthBodyKind, Weakness};
    let pending: Vec<&str> = engine
        .weaknesses()
        .iter()
        .filter(|w| w.stage != WeaknessStage::Sufficient)
        .map(|w| w.id.as_str())
        .collect();
    let outcome = |insufficient: usize| EventDetail::RevisitOutcome {
        judgements: pending
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let p = if i < insufficient {
                    Progress::Insufficient
                } else {
                    Progress::Sufficient
                };
                Judgement::new(*id, p)
            })
            .collect(),
        counts: None,
    };
    let mut details = vec![
        EventDetail::InspectionNotified,
        EventDetail::InspectionStarted,
        EventDetail::InspectionEnded,
        EventDetail::ReportReceived,
        EventDetail::report(
            vec![Weakness::new("X1", "a"), Weakness::new("X2", "b")],
            None,
        ),
        EventDetail::report(Vec::new(), None),
        EventDetail::WsoaDeadlineRevised {
            new_deadline: chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
            reason: None,
        },
        EventDetail::WsoaSubmitted,
        EventDetail::WsoaJudged {
            fit_for_purpose: true,
        },
        EventDetail::WsoaJudged {
            fit_for_purpose: false,
        },
        EventDetail::MonitoringMeeting {
            actions: None,
            final_before_revisit: None,
        },
        EventDetail::RevisitNotified,
        EventDetail::RevisitStarted,
        EventDetail::RevisitEnded,
        outcome(0),
        outcome(1),
        EventDetail::AppSubmitted,
        EventDetail::AppJudged {
            fit_for_purpose: true,
        },
        EventDetail::AppJudged {
            fit_for_purpose: false,
        },
        EventDetail::AppReview { actions: None },
        EventDetail::ImprovementNoticeIssued,
        EventDetail::ImprovementNoticeLifted,
        EventDetail::HealthBodyChanged {
            health_bodies: vec![HealthBody {
                kind: HealthBodyKind::Icb,
                name: "An ICB".to_owned(),
            }],
        },
        EventDetail::Note {
            title: "A note".to_owned(),
        },
    ];
    details.extend(
        NextStep::ALL
            .iter()
            .map(|&decision| EventDetail::NextStepsDetermined { decision }),
    );
    details
        .into_iter()
        .map(|d| Event::new(EventDate::Unknown, d))
        .collect()
}

/// Asks the reading and `Lifecycle::check` about every kind of event at every point of
/// `timeline`; the error names the point, the candidate and the events before it.
fn every_kind_everywhere(timeline: &Timeline) -> Result<usize, String> {
    let mut engine = Lifecycle::new(timeline.area.clone(), Policy::default());
    let mut asked = 0;
    for i in 0..=timeline.events.len() {
        let r = Reading::of(&engine);
        for candidate in every_kind_next(&engine) {
            let says = read(&r, &candidate.detail);
            let checked = engine.check(&candidate);
            let agree = match (&says, &checked) {
                (Says::Goes(next), Ok(to)) => *to == next.stage,
                (Says::Stays, Ok(to)) => *to == r.stage,
                (Says::StaysIfAllowed, Ok(to)) => *to == r.stage,
                (Says::StaysIfAllowed | Says::Refused | Says::Silent, Err(_)) => true,
                (Says::Silent, Ok(_)) => true,
                _ => false,
            };
            if !agree {
                return Err(format!(
                    "after event {} (in {}), a {:?}: the reading says {says:?}, the engine's check {checked:?}\nevents:\n{}",
                    i as isize - 1,
                    r.stage,
                    candidate.detail,
                    listing(&timeline.events[..i])
                ));
            }
            asked += 1;
        }
        match timeline.events.get(i) {
            Some(e) => {
                let _ = engine.apply(e.clone());
            }
            None => break,
        }
    }
    Ok(asked)
}

proptest! {
    #![proptest_config(config())]

    /// At every point of a generated timeline, valid or mutated, the engine's `check` takes
    /// or refuses each kind of event as the reading says (the single step, from the
    /// engine's own state).
    #[test]
    fn every_kind_at_every_point_is_judged_as_the_contract_says(
        t in prop_oneof![walk().prop_map(|w| w.timeline), mutated()]
    ) {
        every_kind_everywhere(&t).map_err(TestCaseError::fail)?;
    }

    /// On every generated valid timeline, the engine does what the contract's plain
    /// reading says, event by event.
    #[test]
    fn the_engine_reads_valid_timelines_as_the_contract_does(w in walk()) {
        both(&w.timeline)?;
    }

    /// On mutated timelines too: the engine takes what the reading takes, refuses what it
    /// refuses, and reaches the same stages.
    #[test]
    fn the_engine_reads_mutated_timelines_as_the_contract_does(t in mutated()) {
        both(&t)?;
    }
}

/// The real timelines, which the reading must follow with no silent step.
fn testdata(name: &str) -> Timeline {
    let path = format!("{}/testdata/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_real_timelines_read_as_the_contract_says() {
    for name in ["leicestershire", "leicester_city"] {
        let t = testdata(name);
        let tally = compare(&t, read).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(tally.compared, t.events.len(), "{name}: {tally:?}");
        assert_eq!(tally.silent + tally.out_of_order, 0, "{name}");
    }
}

#[test]
fn a_reading_that_differs_is_caught_and_the_events_are_shown() {
    // The comparison can fail: a reading that sends a fit WSoA back to wsoa_due.
    fn wrong(r: &Reading, e: &EventDetail) -> Says {
        match e {
            EventDetail::WsoaJudged {
                fit_for_purpose: true,
            } => r.to(Stage::WsoaDue),
            _ => read(r, e),
        }
    }
    let err = compare(&testdata("leicestershire"), wrong).unwrap_err();
    assert!(
        err.contains("event 8 (wsoa_judged) in wsoa_under_review"),
        "{err}"
    );
    assert!(err.contains("2020-10-16"), "the event list is shown: {err}");
    // And one that refuses what the contract allows.
    fn strict(r: &Reading, e: &EventDetail) -> Says {
        match e {
            EventDetail::Note { .. } => Says::Refused,
            _ => read(r, e),
        }
    }
    let err = compare(&testdata("leicestershire"), strict).unwrap_err();
    assert!(err.starts_with("event 0 (note)"), "{err}");
}

#[test]
fn the_candidates_cover_every_kind() {
    let engine = Lifecycle::new(testdata("leicestershire").area, Policy::default());
    let kinds: std::collections::BTreeSet<_> =
        every_kind_next(&engine).iter().map(Event::kind).collect();
    // The 2016–2022 framework's kinds, as this reading of the contract's version 1 knows
    // them (the additions' kinds are not read here).
    let version_1 = send_lifecycle::EventKind::ALL
        .iter()
        .filter(|k| {
            send_lifecycle::Declaration::of(send_lifecycle::Framework::LocalAreaSend2016)
                .has_kind(**k)
        })
        .filter(|k| {
            !matches!(
                k,
                send_lifecycle::EventKind::FrameworkChanged
                    | send_lifecycle::EventKind::WsoaSignedOff
            )
        })
        .count();
    assert_eq!(kinds.len(), version_1);
}

#[test]
fn silent_cases_are_few() {
    // Most events of generated timelines are ones the contract settles.
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let mut total = Tally::default();
    for _ in 0..300 {
        let t = mutated().new_tree(&mut runner).unwrap().current();
        let tally = both(&t).unwrap();
        total.compared += tally.compared;
        total.silent += tally.silent;
        total.out_of_order += tally.out_of_order;
    }
    println!("{total:?}");
    assert!(total.compared > 5_000, "{total:?}");
    assert!(total.silent * 20 < total.compared, "{total:?}");
}

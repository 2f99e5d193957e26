//! Deterministic timelines for the benches and the allocation test: a synthetic national set
//! of 152 areas, and long histories of any length.
//!
//! Both are walks of the one generator of valid timelines, `tests/common/timelines.rs`
//! (included below), from fixed seeds. The profiles here shape the walks — which kind they
//! want next in each stage, the gaps between dates, the payloads — but never decide whether
//! an event may come: the walk offers only the kinds `allowed_events` gives for the engine's
//! stage and takes only what `Lifecycle::check` accepts. A profile that wants what the table
//! no longer allows makes its walk stop early, which [`long`] (exactly `n` events) and the
//! typed bench (86 events) assert against.
//!
//! Every timeline built here is valid (no error diagnostic); [`check_valid`] says so before
//! a bench measures it, so that a bench never times the error path by accident.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

#[path = "../../tests/common/timelines.rs"]
pub mod generator;

use chrono::{Datelike, Days, NaiveDate};
use send_lifecycle::{
    validate_json, ActionCounts, Area, EventDate, EventKind, Framework, HealthBody, HealthBodyKind,
    Improvement, Judgement, Limits, NextStep, Options, Outcome, PriorityAction, Progress, Rag,
    Severity, Stage, Timeline, Weakness,
};

pub use generator::{ymd, Choices, Place, Profile};

const WEAKNESS_TITLES: &[&str] = &[
    "The absence of a clearly defined joint commissioning strategy for 0-25 SEND provision",
    "Systemic weakness in the quality of Education, Health and Care (EHC) plans, including the drawing up of these plans and the absence of good quality outcomes",
    "Weak strategic leadership of the SEND reforms across education, health and care",
    "Inconsistent identification and assessment of the needs of children and young people",
    "Poor co-production with parents and carers, who lack confidence in the local area",
    "Long waiting times for assessment by child and adolescent mental health services",
    "The local offer is not well known or useful to families",
    "Post-19 joint commissioning of health services is underdeveloped",
];

const NOTE_TITLES: &[&str] = &[
    "Children and Families Overview and Scrutiny Committee report on the WSoA",
    "SEND and Inclusion Board reviews the WSoA action log",
    "SEND peer challenge led by the regional co-ordinator",
    "Parent carer forum survey results published",
    "EHC plan multi-agency audit completed",
    "Joint commissioning strategy approved by the health and wellbeing board",
];

const NOTE_TEXT: &str =
    "Progress reported as good; the board asked for the next update in a quarter.";

/// The next Monday on or after `d`.
fn monday_on_or_after(d: NaiveDate) -> NaiveDate {
    let ahead = (7 - d.weekday().num_days_from_monday()) % 7;
    d + Days::new(u64::from(ahead))
}

/// Action counts as a monitoring meeting records them: the share underway rising over time.
fn actions(c: &mut Choices<'_>, total: u64, step: u64, steps: u64) -> ActionCounts {
    let underway = (total * (step + 1) / steps.max(1)).clamp(total / 3, total);
    let completed = underway / 4;
    let delayed = c.between(0, (total - completed) / 5);
    let red = c.between(0, delayed);
    let amber = delayed - red;
    let green = total - red - amber;
    ActionCounts {
        total: Some(total),
        underway: Some(underway),
        completed: Some(completed),
        delayed: Some(delayed),
        underway_percent: Some((underway as f64 * 1000.0 / total as f64).round() / 10.0),
        rag: c.chance(60).then_some(Rag {
            red: Some(red),
            amber: Some(amber),
            green: Some(green),
        }),
    }
}

fn weaknesses(c: &mut Choices<'_>, n: usize) -> Vec<Weakness> {
    (0..n)
        .map(|i| {
            let t = WEAKNESS_TITLES[(i + c.below(3)) % WEAKNESS_TITLES.len()];
            Weakness::new(format!("W{}", i + 1), t)
        })
        .collect()
}

fn area(name: &str, ccgs: usize) -> Area {
    Area {
        name: name.to_owned(),
        local_authority: format!("{name} Council"),
        health_bodies: (0..ccgs)
            .map(|i| HealthBody {
                kind: HealthBodyKind::Ccg,
                name: if ccgs == 1 {
                    format!("{name} Clinical Commissioning Group")
                } else {
                    format!("{name} Clinical Commissioning Group {}", i + 1)
                },
            })
            .collect(),
    }
}

fn icb(area: &Area) -> Vec<HealthBody> {
    vec![HealthBody {
        kind: HealthBodyKind::Icb,
        name: format!("{} Integrated Care Board", area.name),
    }]
}

/// A note as committee minutes give it: a numbered title, its minute and a remark.
fn note_title(c: &mut Choices<'_>, place: &Place<'_>) -> String {
    format!("{} ({})", c.pick(NOTE_TITLES), place.events)
}

/// Only `kind` now.
fn only(kind: EventKind, wanted: EventKind) -> u32 {
    u32::from(kind == wanted)
}

/// One area of the national set: a full lifecycle with a realistic monitoring history.
///
/// Notice, then fieldwork the Monday after, Monday to Friday, 2016–2019; the report about
/// two months later (sometimes received first) with 2–6 weaknesses; the WSoA within its 70
/// working days (a fifth of the time after a revised deadline, and now and then judged not
/// fit first); quarterly monitoring meetings, mostly with action counts, for one to four
/// years, notes after some; the CCG → ICB change when the history reaches July 2022; a
/// revisit, and on insufficient progress (half the areas) an APP with six-monthly reviews.
struct National {
    index: usize,
    /// The number of actions in the area's WSoA.
    total: u64,
}

impl Profile for National {
    fn max_events(&self) -> usize {
        200
    }

    fn stop_percent(&self, place: &Place<'_>) -> u32 {
        match place.stage {
            s if s.is_terminal() => 100,
            Stage::AppMonitoring => match place.count(EventKind::AppReview) {
                0 | 1 => 0,
                6.. => 100,
                _ => 25,
            },
            _ => 0,
        }
    }

    fn weight(&self, place: &Place<'_>, kind: EventKind) -> u32 {
        use EventKind as K;
        match place.stage {
            Stage::NotInspected => only(kind, K::InspectionNotified),
            Stage::Notified => only(kind, K::InspectionStarted),
            Stage::Inspecting => only(kind, K::InspectionEnded),
            Stage::AwaitingReport => match kind {
                K::ReportReceived if place.count(K::ReportReceived) == 0 => 30,
                K::ReportPublished if place.count(K::ReportReceived) == 0 => 70,
                K::ReportPublished => 1,
                _ => 0,
            },
            Stage::WsoaDue => match kind {
                K::WsoaDeadlineRevised
                    if place.count(K::WsoaDeadlineRevised) == 0 && place.visits == 1 =>
                {
                    20
                }
                K::WsoaSubmitted => 80,
                _ => 0,
            },
            Stage::WsoaUnderReview => only(kind, K::WsoaJudged),
            Stage::Monitoring => match kind {
                K::MonitoringMeeting => 60,
                K::Note if place.after(K::MonitoringMeeting) => 45,
                K::RevisitNotified if place.count(K::MonitoringMeeting) >= 4 => 11,
                _ => 0,
            },
            Stage::RevisitNotified => only(kind, K::RevisitStarted),
            Stage::Revisiting => only(kind, K::RevisitEnded),
            Stage::AwaitingRevisitOutcome => only(kind, K::RevisitOutcome),
            Stage::AwaitingNextSteps => only(kind, K::NextStepsDetermined),
            Stage::AppDue => only(kind, K::AppSubmitted),
            Stage::AppUnderReview => only(kind, K::AppJudged),
            Stage::AppMonitoring => only(kind, K::AppReview),
            _ => 0,
        }
    }

    fn rebuild_ending_percent(&self) -> u32 {
        0
    }

    fn first_day(&self, c: &mut Choices<'_>) -> NaiveDate {
        monday_on_or_after(ymd(2016, 5, 2) + Days::new(c.between(0, 3 * 365 + 180)))
    }

    fn gap_days(&self, place: &Place<'_>, kind: EventKind) -> (u64, u64) {
        use EventKind as K;
        match kind {
            K::InspectionStarted => (7, 7),
            K::InspectionEnded => (4, 4),
            K::ReportReceived => (36, 56),
            K::ReportPublished if place.after(K::ReportReceived) => (0, 5),
            K::ReportPublished => (36, 60),
            K::WsoaDeadlineRevised => (25, 30),
            // In time: the deadline is 70 working days (at least 98 days) from receipt.
            K::WsoaSubmitted if place.after(K::WsoaDeadlineRevised) => (50, 80),
            K::WsoaSubmitted if place.after(K::WsoaJudged) => (20, 50),
            K::WsoaSubmitted => (70, 90),
            K::WsoaJudged => (7, 30),
            K::MonitoringMeeting if place.after(K::Note) => (65, 85),
            K::MonitoringMeeting => (80, 100),
            K::Note => (5, 20),
            K::RevisitNotified => (30, 90),
            K::RevisitStarted => (14, 14),
            K::RevisitEnded => (2, 2),
            K::RevisitOutcome => (25, 40),
            K::NextStepsDetermined => (20, 60),
            K::AppSubmitted => (30, 60),
            K::AppJudged => (10, 30),
            K::AppReview => (150, 190),
            _ => (1, 30),
        }
    }

    fn date(&self, c: &mut Choices<'_>, kind: EventKind, day: NaiveDate) -> EventDate {
        if kind == EventKind::MonitoringMeeting && c.chance(20) {
            EventDate::Month {
                year: day.year(),
                month: day.month(),
            }
        } else {
            EventDate::Day(day)
        }
    }

    fn area(&self, c: &mut Choices<'_>, _first_day: NaiveDate) -> Area {
        area(&format!("Area {:03}", self.index), 1 + c.below(3))
    }

    fn icb_change(&self, area: &Area) -> Option<Vec<HealthBody>> {
        Some(icb(area))
    }

    fn weaknesses(&self, c: &mut Choices<'_>) -> Vec<Weakness> {
        let n = 2 + c.below(5);
        weaknesses(c, n)
    }

    fn letter_date(&self, _c: &mut Choices<'_>, _day: NaiveDate) -> Option<EventDate> {
        None
    }

    fn revised_deadline(&self, c: &mut Choices<'_>, day: NaiveDate) -> (NaiveDate, Option<String>) {
        let new = day + Days::new(c.between(90, 130));
        (new, Some("agreed with Ofsted".to_owned()))
    }

    fn fit(&self, c: &mut Choices<'_>, kind: EventKind) -> bool {
        kind == EventKind::AppJudged || c.chance(85)
    }

    fn judgements(&self, c: &mut Choices<'_>, pending: &[String]) -> Vec<Judgement> {
        let all_sufficient = c.chance(50);
        pending
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let progress = if all_sufficient || i + 1 < pending.len() {
                    Progress::Sufficient
                } else {
                    Progress::Insufficient
                };
                Judgement::new(id.clone(), progress)
            })
            .collect()
    }

    fn decision(&self, _c: &mut Choices<'_>, _stage: Stage) -> NextStep {
        NextStep::AcceleratedProgressPlan
    }

    fn actions(&self, c: &mut Choices<'_>, place: &Place<'_>) -> Option<ActionCounts> {
        if place.stage == Stage::AppMonitoring {
            let step = place.count(EventKind::AppReview) as u64;
            Some(actions(c, self.total / 2 + 1, step, 6))
        } else {
            let step = place.count(EventKind::MonitoringMeeting) as u64;
            c.chance(85).then(|| actions(c, self.total, step, 10))
        }
    }

    fn final_before_revisit(&self, _c: &mut Choices<'_>, _place: &Place<'_>) -> Option<bool> {
        None
    }

    fn note_title(&self, c: &mut Choices<'_>, place: &Place<'_>) -> String {
        note_title(c, place)
    }

    fn source(&self, c: &mut Choices<'_>, place: &Place<'_>, kind: EventKind) -> Option<String> {
        use EventKind as K;
        let name = format!("Area {:03}", self.index);
        let what = match kind {
            K::InspectionNotified => "inspection notice".to_owned(),
            K::InspectionStarted | K::InspectionEnded => "report letter, paragraph 1".to_owned(),
            K::ReportReceived => "council report".to_owned(),
            K::WsoaDeadlineRevised => "council report, paragraph 8".to_owned(),
            K::WsoaSubmitted | K::WsoaJudged => "fit-for-purpose letter".to_owned(),
            K::MonitoringMeeting => format!(
                "DfE and NHS England monitoring meeting {}",
                place.count(K::MonitoringMeeting) + 1
            ),
            K::Note => {
                return Some(format!(
                    "committee minutes {}, paragraph {}",
                    place.events,
                    c.between(1, 40)
                ))
            }
            K::NextStepsDetermined | K::AppJudged => "DfE letter".to_owned(),
            K::AppSubmitted => "APP".to_owned(),
            K::AppReview => format!("APP review {}", place.count(K::AppReview) + 1),
            _ => "revisit letter".to_owned(),
        };
        Some(format!("{name} {what}"))
    }

    fn note(&self, _c: &mut Choices<'_>, kind: EventKind) -> Option<String> {
        (kind == EventKind::Note).then(|| NOTE_TEXT.to_owned())
    }
}

/// Area `index` of the national set (from its own fixed seed).
pub fn national_area(index: usize) -> Timeline {
    let seed = 0x5E4D_0000 + index as u64;
    let total = Choices::seeded(!seed).between(20, 60);
    let profile = National { index, total };
    generator::walk(&mut Choices::seeded(seed), &profile).timeline
}

/// The national set: 152 areas, one document each.
pub fn national() -> Vec<Vec<u8>> {
    (0..152)
        .map(|i| serde_json::to_vec(&national_area(i)).unwrap())
        .collect()
}

/// A long history of exactly `n` events: inspection, report with four weaknesses, WSoA, then
/// again and again: 30 monitoring meetings (with action counts), each followed by two
/// notes; a revisit that leaves one weakness insufficient; an APP judged fit, 10 reviews
/// each followed by a note; a further revisit directed. Dates advance a day or two per event
/// (a million events reach the 48th century), so every interval rule is met.
struct Long {
    n: usize,
}

impl Profile for Long {
    fn max_events(&self) -> usize {
        self.n
    }

    fn stop_percent(&self, _place: &Place<'_>) -> u32 {
        0
    }

    fn weight(&self, place: &Place<'_>, kind: EventKind) -> u32 {
        use EventKind as K;
        let next = match place.stage {
            Stage::NotInspected => K::InspectionNotified,
            Stage::Notified => K::InspectionStarted,
            Stage::Inspecting => K::InspectionEnded,
            Stage::AwaitingReport => K::ReportPublished,
            Stage::WsoaDue => K::WsoaSubmitted,
            Stage::WsoaUnderReview => K::WsoaJudged,
            Stage::Monitoring => match place.last {
                Some((K::MonitoringMeeting, _)) | Some((K::Note, 1)) => K::Note,
                _ if place.count(K::MonitoringMeeting) >= 30 => K::RevisitNotified,
                _ => K::MonitoringMeeting,
            },
            Stage::RevisitNotified => K::RevisitStarted,
            Stage::Revisiting => K::RevisitEnded,
            Stage::AwaitingRevisitOutcome => K::RevisitOutcome,
            Stage::AwaitingNextSteps => K::NextStepsDetermined,
            Stage::AppDue => K::AppSubmitted,
            Stage::AppUnderReview => K::AppJudged,
            Stage::AppMonitoring => match place.last {
                Some((K::AppReview, _)) => K::Note,
                _ if place.count(K::AppReview) >= 10 => K::NextStepsDetermined,
                _ => K::AppReview,
            },
            _ => return 0,
        };
        only(kind, next)
    }

    fn rebuild_ending_percent(&self) -> u32 {
        0
    }

    fn first_day(&self, _c: &mut Choices<'_>) -> NaiveDate {
        ymd(2016, 5, 2) // a Monday: the notice, a week before the fieldwork
    }

    fn gap_days(&self, _place: &Place<'_>, kind: EventKind) -> (u64, u64) {
        match kind {
            EventKind::InspectionStarted => (7, 7),
            EventKind::InspectionEnded => (4, 4),
            EventKind::ReportPublished => (46, 46),
            EventKind::WsoaSubmitted => (60, 60),
            EventKind::WsoaJudged => (15, 15),
            EventKind::RevisitEnded => (2, 2),
            _ => (1, 1),
        }
    }

    fn date(&self, _c: &mut Choices<'_>, _kind: EventKind, day: NaiveDate) -> EventDate {
        EventDate::Day(day)
    }

    fn area(&self, _c: &mut Choices<'_>, _first_day: NaiveDate) -> Area {
        area("Longshire", 1)
    }

    fn icb_change(&self, area: &Area) -> Option<Vec<HealthBody>> {
        Some(icb(area))
    }

    fn weaknesses(&self, c: &mut Choices<'_>) -> Vec<Weakness> {
        weaknesses(c, 4)
    }

    fn letter_date(&self, _c: &mut Choices<'_>, _day: NaiveDate) -> Option<EventDate> {
        None
    }

    fn fit(&self, _c: &mut Choices<'_>, _kind: EventKind) -> bool {
        true
    }

    /// The first revisit finds the last weakness insufficient; later ones judge only it,
    /// and find it insufficient again.
    fn judgements(&self, _c: &mut Choices<'_>, pending: &[String]) -> Vec<Judgement> {
        pending
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let progress = if i + 1 < pending.len() {
                    Progress::Sufficient
                } else {
                    Progress::Insufficient
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

    fn actions(&self, c: &mut Choices<'_>, place: &Place<'_>) -> Option<ActionCounts> {
        Some(if place.stage == Stage::AppMonitoring {
            actions(c, 20, place.count(EventKind::AppReview) as u64, 10)
        } else {
            actions(c, 41, place.count(EventKind::MonitoringMeeting) as u64, 30)
        })
    }

    fn final_before_revisit(&self, _c: &mut Choices<'_>, place: &Place<'_>) -> Option<bool> {
        (place.count(EventKind::MonitoringMeeting) == 29).then_some(true)
    }

    fn note_title(&self, c: &mut Choices<'_>, place: &Place<'_>) -> String {
        note_title(c, place)
    }

    fn source(&self, c: &mut Choices<'_>, place: &Place<'_>, kind: EventKind) -> Option<String> {
        use EventKind as K;
        Some(
            match kind {
                K::InspectionNotified => "notice",
                K::InspectionStarted | K::InspectionEnded => "report letter, paragraph 1",
                K::WsoaSubmitted => "WSoA",
                K::WsoaJudged => "fit-for-purpose letter",
                K::MonitoringMeeting => "DfE and NHS England monitoring meeting",
                K::Note => {
                    return Some(format!(
                        "committee minutes {}, paragraph {}",
                        place.events,
                        c.between(1, 40)
                    ))
                }
                K::NextStepsDetermined if place.stage == Stage::AppMonitoring => {
                    "Secretary of State direction"
                }
                K::NextStepsDetermined | K::AppJudged => "DfE letter",
                K::AppSubmitted => "APP",
                K::AppReview => "APP review",
                _ => "revisit letter",
            }
            .to_owned(),
        )
    }

    fn note(&self, _c: &mut Choices<'_>, kind: EventKind) -> Option<String> {
        (kind == EventKind::Note).then(|| NOTE_TEXT.to_owned())
    }
}

/// A timeline of exactly `n` events with a long monitoring and review history ([`Long`]).
pub fn long(n: usize) -> Timeline {
    let walk = generator::walk(&mut Choices::seeded(0x10_0000 + n as u64), &Long { n });
    assert_eq!(walk.timeline.events.len(), n, "the long walk stopped early");
    walk.timeline
}

/// Options for trusted, large input.
pub fn unlimited() -> Options {
    // The synthetic histories run on for decades under the 2016 framework; the benches time
    // the rules on them, not the finding that 2016 revisits ended in 2022, so the policy
    // leaves that framework's end dates beyond them.
    let mut policy = send_lifecycle::Policy::default();
    policy.last_2016_inspection = NaiveDate::MAX;
    policy.last_2016_revisit = NaiveDate::MAX;
    Options::default()
        .with_limits(Limits::unlimited())
        .with_policy(policy)
}

/// Panics unless `bytes` validate with no finding at all: the benches time the path of a
/// record with nothing to report (the position scan, which runs only when there are
/// findings, has its own bench).
pub fn check_clean(what: &str, bytes: &[u8]) {
    let report = validate_json(bytes, &unlimited());
    assert!(
        report.diagnostics.is_empty(),
        "{what}: the generated timeline has findings: {:?}",
        report.diagnostics.first()
    );
}

/// Panics unless `bytes` validate with no error (benches must time the happy path).
pub fn check_valid(what: &str, bytes: &[u8]) {
    let report = validate_json(bytes, &unlimited());
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .collect();
    assert!(
        report.valid && errors.is_empty(),
        "{what}: the generated timeline is not valid: {:?}",
        errors.first()
    );
}

/// A 2023-framework record that runs on for exactly `n` events: cycle after cycle of full
/// inspections, each with widespread and/or systemic failings (three areas for priority
/// action, listed, with areas for improvement) or inconsistent outcomes, chosen by the
/// seed. After widespread failings: the PAP submitted and judged fit, thirty stocktakes
/// with action counts, each followed by a note, then the monitoring inspection, judging
/// every area for priority action; after inconsistent outcomes: the strategic plan
/// published. Between cycles an engagement meeting. The PAP is published before the first
/// stocktake. Dates advance a day per event (on-site fieldwork four days), from 2 January
/// 2023, so every deadline and horizon is met.
struct Long2023 {
    n: usize,
}

impl Profile for Long2023 {
    fn framework(&self, _c: &mut Choices<'_>) -> Framework {
        Framework::AreaSend2023
    }

    fn max_events(&self) -> usize {
        self.n
    }

    fn stop_percent(&self, _place: &Place<'_>) -> u32 {
        0
    }

    fn weight(&self, place: &Place<'_>, kind: EventKind) -> u32 {
        use EventKind as K;
        let next = match place.stage {
            Stage::NotInspected => K::InspectionNotified,
            Stage::AwaitingFullInspection => match place.last {
                Some((K::EngagementMeeting, _)) => K::InspectionNotified,
                _ => K::EngagementMeeting,
            },
            Stage::Notified => K::InspectionStarted,
            Stage::Inspecting => K::InspectionEnded,
            Stage::AwaitingReport => K::ReportPublished,
            Stage::StrategicPlanDue => K::StrategicPlanPublished,
            Stage::PapDue => K::PapSubmitted,
            Stage::PapUnderReview => K::PapJudged,
            Stage::PriorityMonitoring => match place.last {
                _ if place.count(K::PapPublished) == 0 && place.count(K::Stocktake) == 0 => {
                    K::PapPublished
                }
                Some((K::Stocktake, _)) => K::Note,
                _ if place.count(K::Stocktake) >= 30 => K::MonitoringInspectionNotified,
                _ => K::Stocktake,
            },
            Stage::MonitoringInspectionNotified => K::MonitoringInspectionStarted,
            Stage::MonitoringInspecting => K::MonitoringInspectionEnded,
            Stage::AwaitingMonitoringReport => K::MonitoringInspectionOutcome,
            _ => return 0,
        };
        only(kind, next)
    }

    fn rebuild_ending_percent(&self) -> u32 {
        0
    }

    fn first_day(&self, _c: &mut Choices<'_>) -> NaiveDate {
        ymd(2023, 1, 2)
    }

    fn first_day_in(&self, _c: &mut Choices<'_>, _framework: Framework) -> NaiveDate {
        ymd(2023, 1, 2)
    }

    fn gap_days(&self, _place: &Place<'_>, kind: EventKind) -> (u64, u64) {
        match kind {
            EventKind::InspectionEnded | EventKind::MonitoringInspectionEnded => (4, 4),
            _ => (1, 1),
        }
    }

    fn date(&self, _c: &mut Choices<'_>, _kind: EventKind, day: NaiveDate) -> EventDate {
        EventDate::Day(day)
    }

    fn area(&self, _c: &mut Choices<'_>, _first_day: NaiveDate) -> Area {
        let a = area("Longshire", 1);
        Area::new(a.name.clone(), a.local_authority.clone(), icb(&a))
    }

    fn icb_change(&self, _area: &Area) -> Option<Vec<HealthBody>> {
        None
    }

    fn letter_date(&self, _c: &mut Choices<'_>, _day: NaiveDate) -> Option<EventDate> {
        None
    }

    fn fit(&self, _c: &mut Choices<'_>, _kind: EventKind) -> bool {
        true
    }

    fn outcome(&self, c: &mut Choices<'_>) -> Outcome {
        if c.chance(70) {
            Outcome::WidespreadFailings
        } else {
            Outcome::Inconsistent
        }
    }

    fn priority_actions(
        &self,
        c: &mut Choices<'_>,
        outcome: Outcome,
    ) -> (Option<Vec<PriorityAction>>, Option<u64>) {
        if outcome != Outcome::WidespreadFailings {
            return (Some(Vec::new()), None);
        }
        let list = weaknesses(c, 3)
            .into_iter()
            .map(|w| {
                let mut a = PriorityAction::new(w.id, w.title);
                a.responsible = Some("the council and the integrated care board".to_owned());
                a
            })
            .collect();
        (Some(list), None)
    }

    fn improvements(&self, c: &mut Choices<'_>) -> (Option<Vec<Improvement>>, Option<u64>) {
        let list = weaknesses(c, 2)
            .into_iter()
            .map(|w| Improvement {
                id: w.id,
                title: w.title,
            })
            .collect();
        (Some(list), None)
    }

    fn actions(&self, c: &mut Choices<'_>, place: &Place<'_>) -> Option<ActionCounts> {
        Some(actions(c, 30, place.count(EventKind::Stocktake) as u64, 30))
    }

    fn note_title(&self, c: &mut Choices<'_>, place: &Place<'_>) -> String {
        note_title(c, place)
    }

    fn source(&self, c: &mut Choices<'_>, place: &Place<'_>, kind: EventKind) -> Option<String> {
        use EventKind as K;
        Some(
            match kind {
                K::InspectionNotified => "notification letter",
                K::InspectionStarted | K::InspectionEnded => "report, inspection dates",
                K::ReportPublished => "area SEND inspection report",
                K::PapSubmitted | K::PapJudged => {
                    "Ofsted and CQC letter on the priority action plan"
                }
                K::PapPublished => "the partnership's priority action plan",
                K::Stocktake => "DfE and NHS England stocktake",
                K::Note => {
                    return Some(format!(
                        "committee minutes {}, paragraph {}",
                        place.events,
                        c.between(1, 40)
                    ))
                }
                K::EngagementMeeting => "engagement meeting notes",
                K::StrategicPlanPublished => "the partnership's strategic plan",
                _ => "monitoring inspection report",
            }
            .to_owned(),
        )
    }

    fn note(&self, _c: &mut Choices<'_>, kind: EventKind) -> Option<String> {
        (kind == EventKind::Note).then(|| NOTE_TEXT.to_owned())
    }
}

/// A 2023-framework timeline of exactly `n` events ([`Long2023`]).
pub fn long_2023(n: usize) -> Timeline {
    let walk = generator::walk(&mut Choices::seeded(0x20_2300 + n as u64), &Long2023 { n });
    assert_eq!(
        walk.timeline.events.len(),
        n,
        "the long 2023 walk stopped early"
    );
    walk.timeline
}

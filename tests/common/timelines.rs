//! Valid timelines built by walking the transition table, and single mutations of them.
//!
//! Everything here is driven by a stream of choice bytes ([`Choices`]), so that the same
//! code serves the property tests (proptest generates and shrinks the bytes) and the
//! structured fuzz target (libFuzzer mutates them). It depends on nothing but the crate.
//!
//! The walk reads [`TRANSITIONS`]: at each step it takes the event kinds
//! [`allowed_events`] gives for the stage, picks one, picks a row of that kind whose condition
//! it can satisfy, and builds an event that meets the condition. A row added to the table is
//! therefore walked without any change here, unless it brings a new kind of condition or
//! event (then [`can_build`] says no, and the coverage test names the row).
//!
//! The walk keeps its own record of the stage, the weaknesses and the improvement notice —
//! it does not ask the engine — so that the properties compare the engine and the validator
//! with an independent account of where the area should be.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use chrono::{Datelike, Days, NaiveDate};
use send_lifecycle::{
    allowed_events, ActionCounts, Area, Code, Condition, Event, EventDate, EventDetail, EventKind,
    Framework, HealthBody, HealthBodyKind, Judgement, NextStep, Progress, Rag, Report, Rule,
    Severity, Stage, Timeline, Weakness, WeaknessStage, WeaknessTrigger, TRANSITIONS,
    WEAKNESS_TRANSITIONS,
};

/// The codes of a report's errors.
pub fn errors(report: &Report) -> Vec<Code> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.code)
        .collect()
}

/// The codes under which the validator refuses an event (the event is then not applied).
/// (A payload that contradicts the weaknesses held — duplicate_weakness, unknown_weakness,
/// missing_judgement, rejudged_weakness — is reported, and the event applied without the
/// offending entries, so those codes do not refuse.)
pub const REFUSALS: &[Code] = &[Code::TransitionNotAllowed];

/// The events a report says were refused, in report order (an event may appear twice only
/// if the validator is wrong).
pub fn refused_events(report: &Report) -> Vec<usize> {
    report
        .diagnostics
        .iter()
        .filter(|d| REFUSALS.contains(&d.code))
        .filter_map(|d| d.event_index)
        .collect()
}

/// A stream of choices. Past its end every choice is 0, the first option.
#[derive(Debug, Clone)]
pub struct Choices<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Choices<'a> {
    /// Choices read from `bytes`.
    pub fn new(bytes: &'a [u8]) -> Choices<'a> {
        Choices { bytes, at: 0 }
    }

    /// Whether every byte has been used.
    pub fn is_exhausted(&self) -> bool {
        self.at >= self.bytes.len()
    }

    /// The next byte (0 past the end).
    pub fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at = self.at.saturating_add(1);
        b
    }

    /// A number in `0..n` (0 when `n` is 0 or 1).
    pub fn below(&mut self, n: usize) -> usize {
        match n {
            0 | 1 => 0,
            2..=256 => usize::from(self.byte()) % n,
            _ => (usize::from(self.byte()) << 8 | usize::from(self.byte())) % n,
        }
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        let span = hi.saturating_sub(lo).saturating_add(1);
        lo + self.below(usize::try_from(span).unwrap_or(usize::MAX)) as u64
    }

    /// True about `percent` times in a hundred.
    pub fn chance(&mut self, percent: u32) -> bool {
        u32::from(self.byte()) * 100 < percent * 256
    }

    /// One of `items` (which must not be empty).
    pub fn pick<'b, T>(&mut self, items: &'b [T]) -> &'b T {
        let i = self.below(items.len());
        &items[i]
    }
}

/// The most events one walk produces.
pub const MAX_EVENTS: usize = 60;

/// A valid timeline, with the stages and rows the walk went through.
#[derive(Debug, Clone, PartialEq)]
pub struct Walk {
    /// The timeline.
    pub timeline: Timeline,
    /// The stage after each event, by the walk's own account.
    pub stages: Vec<Stage>,
    /// For each event, the index of the row of [`TRANSITIONS`] it applies by, and the stage
    /// it applies in.
    pub rows: Vec<(usize, Stage)>,
}

/// What the walk knows of the area.
#[derive(Debug, Clone)]
struct State {
    stage: Stage,
    weaknesses: Vec<(String, WeaknessStage)>,
    notice_in_force: bool,
    /// The day the last event happened on (its date may be coarser).
    day: NaiveDate,
}

impl State {
    /// The weakness stage `trigger` leads to from `from`, per [`WEAKNESS_TRANSITIONS`].
    fn weakness_step(from: WeaknessStage, trigger: WeaknessTrigger) -> Option<WeaknessStage> {
        WEAKNESS_TRANSITIONS
            .iter()
            .find(|r| r.from == from && r.trigger == trigger)
            .map(|r| r.to)
    }

    /// The weaknesses a revisit must judge: those a judgement can still move.
    fn pending(&self) -> Vec<String> {
        self.weaknesses
            .iter()
            .filter(|(_, s)| Self::weakness_step(*s, WeaknessTrigger::JudgedSufficient).is_some())
            .map(|(id, _)| id.clone())
            .collect()
    }

    fn is_sufficient_after(
        &self,
        id: &str,
        stage: WeaknessStage,
        judgements: &[Judgement],
    ) -> bool {
        stage == WeaknessStage::Sufficient
            || judgements
                .iter()
                .any(|j| j.weakness == id && j.progress == Progress::Sufficient)
    }

    /// Whether `condition` holds for `detail` now, as the condition's documentation reads.
    fn holds(&self, condition: Condition, detail: &EventDetail) -> bool {
        match (condition, detail) {
            (Condition::Always, _) => true,
            (Condition::NoWeaknesses, EventDetail::ReportPublished { weaknesses, .. }) => {
                weaknesses.is_empty()
            }
            (Condition::SomeWeaknesses, EventDetail::ReportPublished { weaknesses, .. }) => {
                !weaknesses.is_empty()
            }
            (
                Condition::FitForPurpose,
                EventDetail::WsoaJudged { fit_for_purpose }
                | EventDetail::AppJudged { fit_for_purpose },
            ) => *fit_for_purpose,
            (
                Condition::NotFitForPurpose,
                EventDetail::WsoaJudged { fit_for_purpose }
                | EventDetail::AppJudged { fit_for_purpose },
            ) => !*fit_for_purpose,
            (Condition::AllSufficient, EventDetail::RevisitOutcome { judgements }) => self
                .weaknesses
                .iter()
                .all(|(id, s)| self.is_sufficient_after(id, *s, judgements)),
            (Condition::SomeInsufficient, EventDetail::RevisitOutcome { judgements }) => !self
                .weaknesses
                .iter()
                .all(|(id, s)| self.is_sufficient_after(id, *s, judgements)),
            (Condition::Decision(d), EventDetail::NextStepsDetermined { decision }) => {
                d == *decision
            }
            (Condition::NoNoticeInForce, _) => !self.notice_in_force,
            (Condition::NoticeInForce, _) => self.notice_in_force,
            _ => false,
        }
    }

    /// Records what an applied event does to the weaknesses and the notice.
    fn record(&mut self, detail: &EventDetail) {
        match detail {
            EventDetail::ReportPublished { weaknesses, .. } => {
                self.weaknesses = weaknesses
                    .iter()
                    .map(|w| (w.id.clone(), WeaknessStage::Identified))
                    .collect();
            }
            EventDetail::WsoaJudged {
                fit_for_purpose: true,
            } => {
                for (_, s) in &mut self.weaknesses {
                    if let Some(next) = Self::weakness_step(*s, WeaknessTrigger::WsoaFitForPurpose)
                    {
                        *s = next;
                    }
                }
            }
            EventDetail::RevisitOutcome { judgements } => {
                for j in judgements {
                    let trigger = match j.progress {
                        Progress::Sufficient => WeaknessTrigger::JudgedSufficient,
                        _ => WeaknessTrigger::JudgedInsufficient,
                    };
                    for (id, s) in &mut self.weaknesses {
                        if *id == j.weakness {
                            if let Some(next) = Self::weakness_step(*s, trigger) {
                                *s = next;
                            }
                        }
                    }
                }
            }
            EventDetail::ImprovementNoticeIssued => self.notice_in_force = true,
            EventDetail::ImprovementNoticeLifted => self.notice_in_force = false,
            _ => {}
        }
    }
}

/// Whether the walk can build an event of `row`'s kind meeting `row`'s condition in `stage`
/// now. False for conditions and kinds it does not know (a row the walk cannot take).
fn can_build(row: &Rule, state: &State) -> bool {
    let kind_known = matches!(
        row.event,
        EventKind::InspectionNotified
            | EventKind::InspectionStarted
            | EventKind::InspectionEnded
            | EventKind::ReportReceived
            | EventKind::ReportPublished
            | EventKind::WsoaDeadlineRevised
            | EventKind::WsoaSubmitted
            | EventKind::WsoaJudged
            | EventKind::MonitoringMeeting
            | EventKind::RevisitNotified
            | EventKind::RevisitStarted
            | EventKind::RevisitEnded
            | EventKind::RevisitOutcome
            | EventKind::NextStepsDetermined
            | EventKind::AppSubmitted
            | EventKind::AppJudged
            | EventKind::AppReview
            | EventKind::ImprovementNoticeIssued
            | EventKind::ImprovementNoticeLifted
            | EventKind::HealthBodyChanged
            | EventKind::Note
    );
    kind_known
        && match row.condition {
            Condition::Always
            | Condition::NoWeaknesses
            | Condition::SomeWeaknesses
            | Condition::FitForPurpose
            | Condition::NotFitForPurpose
            | Condition::AllSufficient
            | Condition::Decision(_) => true,
            Condition::SomeInsufficient => !state.pending().is_empty(),
            Condition::NoNoticeInForce => !state.notice_in_force,
            Condition::NoticeInForce => state.notice_in_force,
            _ => false,
        }
}

/// Whether `row` is one the walk can ever take (its kind and condition are known to it).
pub fn row_is_buildable(row: &Rule) -> bool {
    let any_state = |notice| State {
        stage: Stage::NotInspected,
        weaknesses: vec![("W1".to_owned(), WeaknessStage::InAction)],
        notice_in_force: notice,
        day: NaiveDate::MIN,
    };
    can_build(row, &any_state(false)) || can_build(row, &any_state(true))
}

/// Weakness ids: ordinary ones, and some that need escaping in a JSON Pointer or in JSON.
pub const WEAKNESS_IDS: &[&str] = &[
    "W1",
    "W2",
    "W3",
    "W4",
    "joint_commissioning",
    "ehcp_quality",
    "post-19/health",
    "a~b",
    "\"quoted\"",
    "ümlaut",
    " spaced id ",
];

/// Titles and note texts: never blank.
const TEXTS: &[&str] = &[
    "The absence of a joint commissioning strategy",
    "Quality of EHC plans",
    "Scrutiny committee report",
    "Peer challenge",
    "Line one\nline two",
    "Back\\slash and \"quotes\" and a tab\t",
    "Ωmega — 🦀",
    "x",
];

const CITATIONS: &[&str] = &[
    "seed 001 ¶4",
    "seed 002 ¶10",
    "Ofsted letter",
    "DfE minutes",
];

fn text(c: &mut Choices<'_>) -> String {
    (*c.pick(TEXTS)).to_owned()
}

/// The day a date of one precision or another stands for: a day, its month, its year, or
/// nothing. The date's span always contains `day`, so dates built this way are never out of
/// order when the days are not.
pub fn coarsen(c: &mut Choices<'_>, day: NaiveDate) -> EventDate {
    match c.byte() {
        0..=191 => EventDate::Day(day),
        192..=217 => EventDate::Month {
            year: day.year(),
            month: day.month(),
        },
        218..=235 => EventDate::Year(day.year()),
        _ => EventDate::Unknown,
    }
}

/// Plausible days between the event before and an event of `kind`.
fn gap_days(kind: EventKind) -> (u64, u64) {
    match kind {
        EventKind::InspectionNotified => (0, 60),
        EventKind::InspectionStarted => (0, 9),
        EventKind::InspectionEnded => (0, 6),
        EventKind::ReportReceived => (14, 70),
        EventKind::ReportPublished => (0, 80),
        EventKind::WsoaDeadlineRevised => (0, 40),
        EventKind::WsoaSubmitted => (20, 110),
        EventKind::WsoaJudged => (5, 60),
        EventKind::MonitoringMeeting => (30, 120),
        EventKind::RevisitNotified => (30, 500),
        EventKind::RevisitStarted => (0, 20),
        EventKind::RevisitEnded => (0, 5),
        EventKind::RevisitOutcome => (10, 60),
        EventKind::NextStepsDetermined => (10, 120),
        EventKind::AppSubmitted => (10, 120),
        EventKind::AppJudged => (5, 60),
        EventKind::AppReview => (30, 200),
        _ => (0, 150),
    }
}

fn health_bodies(c: &mut Choices<'_>, day: NaiveDate) -> Vec<HealthBody> {
    let icb_era = day >= NaiveDate::from_ymd_opt(2022, 7, 1).unwrap_or(NaiveDate::MIN);
    let n = 1 + c.below(2);
    (0..n)
        .map(|i| {
            // Mostly the kind of the era; now and then the other (a warning, not an error).
            let icb = if c.chance(85) { icb_era } else { !icb_era };
            HealthBody {
                kind: if icb {
                    HealthBodyKind::Icb
                } else {
                    HealthBodyKind::Ccg
                },
                name: format!("Health body {i} {}", c.pick(TEXTS)),
            }
        })
        .collect()
}

/// Action counts that agree with each other (or none).
fn actions(c: &mut Choices<'_>) -> Option<ActionCounts> {
    if c.chance(50) {
        return None;
    }
    let total = c.between(0, 60);
    let part = |c: &mut Choices<'_>| c.chance(70).then(|| c.between(0, total));
    let underway = part(c);
    let completed = part(c);
    let delayed = part(c);
    let underway_percent = match (underway, c.chance(50)) {
        (Some(u), true) if total > 0 => Some(((u as f64) * 1000.0 / (total as f64)).round() / 10.0),
        (_, true) if total == 0 => Some(c.between(0, 100) as f64),
        _ => None,
    };
    let rag = match c.below(3) {
        0 => None,
        1 => {
            let red = c.between(0, total);
            let amber = c.between(0, total - red);
            Some(Rag {
                red: Some(red),
                amber: Some(amber),
                green: Some(total - red - amber),
            })
        }
        _ => {
            let red = c.between(0, total);
            Some(Rag {
                red: c.chance(50).then_some(red),
                amber: None,
                green: c.chance(50).then(|| c.between(0, total - red)),
            })
        }
    };
    Some(ActionCounts {
        total: c.chance(80).then_some(total),
        underway,
        completed,
        delayed,
        underway_percent,
        rag,
    })
}

/// Builds an event of `row.event` meeting `row.condition`, dated on `day`.
fn build(c: &mut Choices<'_>, state: &State, row: &Rule, day: NaiveDate) -> Option<EventDetail> {
    Some(match (row.event, row.condition) {
        (EventKind::InspectionNotified, _) => EventDetail::InspectionNotified,
        (EventKind::InspectionStarted, _) => EventDetail::InspectionStarted,
        (EventKind::InspectionEnded, _) => EventDetail::InspectionEnded,
        (EventKind::ReportReceived, _) => EventDetail::ReportReceived,
        (EventKind::ReportPublished, condition) => {
            let n = match condition {
                Condition::NoWeaknesses => 0,
                Condition::SomeWeaknesses => 1 + c.below(4),
                _ => c.below(5),
            };
            // Distinct ids, starting from a chosen place in the pool.
            let first = c.below(WEAKNESS_IDS.len());
            let weaknesses = (0..n)
                .map(|k| {
                    let id = WEAKNESS_IDS[(first + k) % WEAKNESS_IDS.len()];
                    Weakness::new(id, text(c))
                })
                .collect();
            // The letter is dated on or before publication.
            let letter_date = c.chance(30).then(|| {
                let back = c.between(0, 20);
                coarsen(c, day.checked_sub_days(Days::new(back)).unwrap_or(day))
            });
            EventDetail::ReportPublished {
                weaknesses,
                letter_date,
            }
        }
        (EventKind::WsoaDeadlineRevised, _) => EventDetail::WsoaDeadlineRevised {
            new_deadline: day
                .checked_add_days(Days::new(c.between(10, 200)))
                .unwrap_or(day),
            reason: c.chance(50).then(|| text(c)),
        },
        (EventKind::WsoaSubmitted, _) => EventDetail::WsoaSubmitted,
        (EventKind::WsoaJudged, condition) => EventDetail::WsoaJudged {
            fit_for_purpose: condition != Condition::NotFitForPurpose,
        },
        (EventKind::MonitoringMeeting, _) => EventDetail::MonitoringMeeting {
            actions: actions(c),
            final_before_revisit: match c.below(4) {
                0 => Some(true),
                1 => Some(false),
                _ => None,
            },
        },
        (EventKind::RevisitNotified, _) => EventDetail::RevisitNotified,
        (EventKind::RevisitStarted, _) => EventDetail::RevisitStarted,
        (EventKind::RevisitEnded, _) => EventDetail::RevisitEnded,
        (EventKind::RevisitOutcome, condition) => {
            // Exactly the weaknesses still to judge, in an order of the walk's choosing.
            let pending = state.pending();
            let mut judgements: Vec<Judgement> = pending
                .iter()
                .map(|id| {
                    let progress = if condition == Condition::AllSufficient || c.chance(50) {
                        Progress::Sufficient
                    } else {
                        Progress::Insufficient
                    };
                    Judgement::new(id.clone(), progress)
                })
                .collect();
            if condition == Condition::SomeInsufficient
                && judgements
                    .iter()
                    .all(|j| j.progress == Progress::Sufficient)
            {
                let k = c.below(judgements.len());
                judgements.get_mut(k)?.progress = Progress::Insufficient;
            }
            let turn = c.below(judgements.len().max(1));
            judgements.rotate_left(turn);
            EventDetail::RevisitOutcome { judgements }
        }
        (EventKind::NextStepsDetermined, Condition::Decision(decision)) => {
            EventDetail::NextStepsDetermined { decision }
        }
        (EventKind::NextStepsDetermined, _) => EventDetail::NextStepsDetermined {
            decision: *c.pick(NextStep::ALL),
        },
        (EventKind::AppSubmitted, _) => EventDetail::AppSubmitted,
        (EventKind::AppJudged, condition) => EventDetail::AppJudged {
            fit_for_purpose: condition != Condition::NotFitForPurpose,
        },
        (EventKind::AppReview, _) => EventDetail::AppReview {
            actions: actions(c),
        },
        (EventKind::ImprovementNoticeIssued, _) => EventDetail::ImprovementNoticeIssued,
        (EventKind::ImprovementNoticeLifted, _) => EventDetail::ImprovementNoticeLifted,
        (EventKind::HealthBodyChanged, _) => EventDetail::HealthBodyChanged {
            health_bodies: health_bodies(c, day),
        },
        (EventKind::Note, _) => EventDetail::Note { title: text(c) },
        _ => return None,
    })
}

/// The kinds allowed in every stage (notes, health body changes): the walk takes them only
/// now and then, so that they do not crowd out the lifecycle.
fn everywhere() -> Vec<EventKind> {
    EventKind::ALL
        .iter()
        .copied()
        .filter(|k| Stage::ALL.iter().all(|s| allowed_events(*s).contains(k)))
        .collect()
}

/// Walks the table from `not_inspected`, as far as the choices go (at most [`MAX_EVENTS`]).
pub fn valid_timeline(c: &mut Choices<'_>) -> Walk {
    let base = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or(NaiveDate::MIN);
    let start = base
        .checked_add_days(Days::new(c.between(0, 8 * 365)))
        .unwrap_or(base);
    let area = Area {
        name: text(c),
        local_authority: format!("{} Council", text(c)),
        health_bodies: health_bodies(c, start),
    };
    let side_kinds = everywhere();
    let mut state = State {
        stage: Stage::NotInspected,
        weaknesses: Vec::new(),
        notice_in_force: false,
        day: start,
    };
    let mut walk = Walk {
        timeline: Timeline {
            schema_version: 1,
            framework: Framework::default(),
            area,
            events: Vec::new(),
        },
        stages: Vec::new(),
        rows: Vec::new(),
    };
    while walk.timeline.events.len() < MAX_EVENTS && !c.is_exhausted() {
        if state.stage.is_terminal() && c.chance(70) {
            break;
        }
        let stage = state.stage;
        // The kinds the table allows here for which some row can be built now.
        let buildable = |k: &EventKind| {
            TRANSITIONS
                .iter()
                .any(|r| r.event == *k && r.from.contains(&stage) && can_build(r, &state))
        };
        let kinds: Vec<EventKind> = allowed_events(stage)
            .into_iter()
            .filter(buildable)
            .collect();
        let (side, main): (Vec<EventKind>, Vec<EventKind>) =
            kinds.iter().partition(|k| side_kinds.contains(k));
        let use_side = main.is_empty() || (!side.is_empty() && c.chance(10));
        let pool = if use_side { &side } else { &main };
        if pool.is_empty() {
            break;
        }
        let kind = *c.pick(pool);
        let rows: Vec<&Rule> = TRANSITIONS
            .iter()
            .filter(|r| r.event == kind && r.from.contains(&stage) && can_build(r, &state))
            .collect();
        // Rows that end the lifecycle are taken a quarter of the time when another row of the
        // kind goes on, so that walks reach the later stages.
        let (ending, going): (Vec<&Rule>, Vec<&Rule>) = rows
            .iter()
            .partition(|r| r.target_from(stage).is_terminal());
        let row = if !going.is_empty() && (ending.is_empty() || c.chance(75)) {
            *c.pick(&going)
        } else {
            *c.pick(&ending)
        };
        let (lo, hi) = gap_days(kind);
        let day = state
            .day
            .checked_add_days(Days::new(c.between(lo, hi)))
            .unwrap_or(state.day);
        let Some(detail) = build(c, &state, row, day) else {
            break;
        };
        // The first row, in table order, whose condition the event meets: the one that applies.
        let Some(applied) = TRANSITIONS.iter().position(|r| {
            r.event == kind && r.from.contains(&stage) && state.holds(r.condition, &detail)
        }) else {
            break;
        };
        let target = TRANSITIONS[applied].target_from(stage);
        let event = Event {
            date: coarsen(c, day),
            detail,
            source: c.chance(30).then(|| (*c.pick(CITATIONS)).to_owned()),
            note: c.chance(10).then(|| text(c)),
        };
        state.record(&event.detail);
        state.stage = target;
        state.day = day;
        walk.rows.push((applied, stage));
        walk.stages.push(target);
        walk.timeline.events.push(event);
    }
    walk
}

/// One change to a valid timeline.
#[derive(Debug, Clone, PartialEq)]
pub enum Mutation {
    /// Two events trade places.
    Swap(usize, usize),
    /// One event is left out.
    Remove(usize),
    /// One event is recorded twice in a row.
    Duplicate(usize),
    /// One event gets another date.
    MoveDate(usize, EventDate),
    /// One judgement of a revisit outcome is reversed.
    FlipJudgement(usize, usize),
    /// One judgement of a revisit outcome is left out.
    DropJudgement(usize, usize),
    /// One judgement names a weakness the report does not list.
    RenameJudged(usize, usize, String),
    /// One weakness of the report gets a new id (its judgements keep the old one).
    RenameReported(usize, usize, String),
    /// One weakness of the report gets the id of another.
    RepeatReportedId(usize, usize, usize),
}

impl Mutation {
    /// The codes this mutation can cause: a mutated timeline is either still valid or has an
    /// error with one of these codes.
    ///
    /// - Reordering (a swap, a moved date) can put an event certainly before one listed
    ///   earlier; a swap can also put an event where the table does not allow it, or move a
    ///   revisit outcome to the other revisit, where it misses or re-judges weaknesses.
    /// - A moved publication date can fall before the letter's date.
    /// - Leaving out or repeating an event leaves the area in a stage where the next event
    ///   (or the repeat) is not allowed — or is harmless (a note, a meeting, a notice).
    /// - Reversing a judgement changes the branch of the outcome (all sufficient or not), so
    ///   later events may not be allowed, and a later revisit then misses a weakness or
    ///   re-judges one.
    /// - Leaving a judgement out always misses a weakness.
    /// - A judgement naming an id the report lacks is an unknown weakness; a report weakness
    ///   renamed leaves its judgements naming an unknown id and itself unjudged.
    /// - Two report weaknesses with one id are a duplicate.
    pub fn expected(&self) -> &'static [Code] {
        match self {
            Mutation::Swap(..) => &[
                Code::EventsOutOfOrder,
                Code::TransitionNotAllowed,
                Code::MissingJudgement,
                Code::RejudgedWeakness,
            ],
            Mutation::Remove(_) | Mutation::Duplicate(_) => &[Code::TransitionNotAllowed],
            Mutation::MoveDate(..) => &[Code::EventsOutOfOrder, Code::LetterAfterPublication],
            Mutation::FlipJudgement(..) => &[
                Code::TransitionNotAllowed,
                Code::MissingJudgement,
                Code::RejudgedWeakness,
            ],
            Mutation::DropJudgement(..) => &[Code::MissingJudgement],
            Mutation::RenameJudged(..) => &[Code::UnknownWeakness],
            Mutation::RenameReported(..) => &[Code::UnknownWeakness, Code::MissingJudgement],
            Mutation::RepeatReportedId(..) => &[Code::DuplicateWeakness],
        }
    }

    /// A short name, for statistics.
    pub fn name(&self) -> &'static str {
        match self {
            Mutation::Swap(..) => "swap",
            Mutation::Remove(_) => "remove",
            Mutation::Duplicate(_) => "duplicate",
            Mutation::MoveDate(..) => "move_date",
            Mutation::FlipJudgement(..) => "flip_judgement",
            Mutation::DropJudgement(..) => "drop_judgement",
            Mutation::RenameJudged(..) => "rename_judged",
            Mutation::RenameReported(..) => "rename_reported",
            Mutation::RepeatReportedId(..) => "repeat_reported_id",
        }
    }

    /// The timeline with the mutation applied (indices out of range change nothing).
    pub fn apply(&self, timeline: &Timeline) -> Timeline {
        let mut t = timeline.clone();
        let events = &mut t.events;
        match self {
            Mutation::Swap(i, j) if *i < events.len() && *j < events.len() => events.swap(*i, *j),
            Mutation::Remove(i) if *i < events.len() => {
                events.remove(*i);
            }
            Mutation::Duplicate(i) if *i < events.len() => {
                let copy = events[*i].clone();
                events.insert(i + 1, copy);
            }
            Mutation::MoveDate(i, date) => {
                if let Some(e) = events.get_mut(*i) {
                    e.date = *date;
                }
            }
            Mutation::FlipJudgement(i, k) => {
                if let Some(j) = judgements_mut(events, *i).and_then(|js| js.get_mut(*k)) {
                    j.progress = match j.progress {
                        Progress::Sufficient => Progress::Insufficient,
                        _ => Progress::Sufficient,
                    };
                }
            }
            Mutation::DropJudgement(i, k) => {
                if let Some(js) = judgements_mut(events, *i) {
                    if *k < js.len() {
                        js.remove(*k);
                    }
                }
            }
            Mutation::RenameJudged(i, k, id) => {
                if let Some(j) = judgements_mut(events, *i).and_then(|js| js.get_mut(*k)) {
                    j.weakness.clone_from(id);
                }
            }
            Mutation::RenameReported(i, k, id) => {
                if let Some(w) = weaknesses_mut(events, *i).and_then(|ws| ws.get_mut(*k)) {
                    w.id.clone_from(id);
                }
            }
            Mutation::RepeatReportedId(i, k, other) => {
                if let Some(ws) = weaknesses_mut(events, *i) {
                    if let Some(id) = ws.get(*other).map(|w| w.id.clone()) {
                        if let Some(w) = ws.get_mut(*k) {
                            w.id = id;
                        }
                    }
                }
            }
            _ => {}
        }
        t
    }
}

fn judgements_mut(events: &mut [Event], i: usize) -> Option<&mut Vec<Judgement>> {
    match events.get_mut(i).map(|e| &mut e.detail) {
        Some(EventDetail::RevisitOutcome { judgements }) => Some(judgements),
        _ => None,
    }
}

fn weaknesses_mut(events: &mut [Event], i: usize) -> Option<&mut Vec<Weakness>> {
    match events.get_mut(i).map(|e| &mut e.detail) {
        Some(EventDetail::ReportPublished { weaknesses, .. }) => Some(weaknesses),
        _ => None,
    }
}

/// An id no weakness of `timeline` has.
fn fresh_id(timeline: &Timeline) -> String {
    let taken = |id: &str| {
        timeline.events.iter().any(|e| match &e.detail {
            EventDetail::ReportPublished { weaknesses, .. } => {
                weaknesses.iter().any(|w| w.id == id)
            }
            EventDetail::RevisitOutcome { judgements } => {
                judgements.iter().any(|j| j.weakness == id)
            }
            _ => false,
        })
    };
    (0..)
        .map(|n| format!("not_in_the_report_{n}"))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

/// Any date near `day`, of any precision.
fn any_date_near(c: &mut Choices<'_>, day: NaiveDate) -> EventDate {
    let offset = c.between(0, 6 * 365) as i64 - 3 * 365;
    let moved = if offset < 0 {
        day.checked_sub_days(Days::new(offset.unsigned_abs()))
    } else {
        day.checked_add_days(Days::new(offset.unsigned_abs()))
    }
    .unwrap_or(day);
    coarsen(c, moved)
}

/// One mutation that applies to `timeline`, chosen by `c` (none for an empty timeline).
pub fn choose_mutation(c: &mut Choices<'_>, timeline: &Timeline) -> Option<Mutation> {
    let events = &timeline.events;
    let n = events.len();
    if n == 0 {
        return None;
    }
    let outcomes: Vec<(usize, usize)> = events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match &e.detail {
            EventDetail::RevisitOutcome { judgements } if !judgements.is_empty() => {
                Some((i, judgements.len()))
            }
            _ => None,
        })
        .collect();
    let reports: Vec<(usize, usize)> = events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match &e.detail {
            EventDetail::ReportPublished { weaknesses, .. } if !weaknesses.is_empty() => {
                Some((i, weaknesses.len()))
            }
            _ => None,
        })
        .collect();
    let any_day = events
        .iter()
        .find_map(|e| e.date.span().first())
        .unwrap_or(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or(NaiveDate::MIN));
    Some(match c.below(9) {
        0 if n >= 2 => {
            let i = c.below(n);
            let j = (i + 1 + c.below(n - 1)) % n;
            Mutation::Swap(i.min(j), i.max(j))
        }
        1 => Mutation::Remove(c.below(n)),
        2 => Mutation::Duplicate(c.below(n)),
        3 => {
            let i = c.below(n);
            let near = events[i].date.span().first().unwrap_or(any_day);
            Mutation::MoveDate(i, any_date_near(c, near))
        }
        4 if !outcomes.is_empty() => {
            let (i, len) = *c.pick(&outcomes);
            Mutation::FlipJudgement(i, c.below(len))
        }
        5 if !outcomes.is_empty() => {
            let (i, len) = *c.pick(&outcomes);
            Mutation::DropJudgement(i, c.below(len))
        }
        6 if !outcomes.is_empty() => {
            let (i, len) = *c.pick(&outcomes);
            Mutation::RenameJudged(i, c.below(len), fresh_id(timeline))
        }
        7 if !reports.is_empty() => {
            let (i, len) = *c.pick(&reports);
            Mutation::RenameReported(i, c.below(len), fresh_id(timeline))
        }
        8 if reports.iter().any(|(_, len)| *len >= 2) => {
            let multi: Vec<(usize, usize)> = reports
                .iter()
                .copied()
                .filter(|(_, len)| *len >= 2)
                .collect();
            let (i, len) = *c.pick(&multi);
            let k = c.below(len);
            let other = (k + 1 + c.below(len - 1)) % len;
            Mutation::RepeatReportedId(i, k, other)
        }
        // The chosen kind does not apply here: fall back to one that always does.
        _ => Mutation::Remove(c.below(n)),
    })
}

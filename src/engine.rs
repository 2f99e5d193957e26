//! The runtime engine: applies events one at a time by looking them up in the transition
//! table.
//!
//! Applying is done in two steps: [`Core::plan`] works out, without changing anything,
//! whether the event is allowed and which row applies; [`Core::commit`] then makes the
//! change. A rejected event therefore leaves the lifecycle exactly as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::date::DateSpan;
use crate::diagnostic::Code;
use crate::event::{Area, Event, EventDetail, EventKind, HealthBody, NextStep, Progress};
use crate::policy::Policy;
use crate::table::{
    allowed_events, indexed_rows_for, weakness_step, Condition, Rule, Stage, WeaknessStage,
    WeaknessTrigger, TRANSITIONS,
};

/// A deadline, as a window: the earliest and latest day it may fall on. The two are equal
/// when the dates it rests on are known to the day.
///
/// # Example
/// ```
/// use send_lifecycle::{Deadline, DeadlineBasis};
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2020, 10, 7).unwrap_or_default();
/// let deadline = Deadline::exact(d, DeadlineBasis::Revised);
/// assert_eq!(deadline.day(), Some(d));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deadline {
    /// The earliest day the deadline may fall on.
    pub earliest: NaiveDate,
    /// The latest day the deadline may fall on.
    pub latest: NaiveDate,
    /// What the deadline rests on.
    pub basis: DeadlineBasis,
}

impl Deadline {
    /// A deadline known to the day.
    pub fn exact(day: NaiveDate, basis: DeadlineBasis) -> Deadline {
        Deadline {
            earliest: day,
            latest: day,
            basis,
        }
    }

    /// The day, when it is known exactly.
    pub fn day(&self) -> Option<NaiveDate> {
        (self.earliest == self.latest).then_some(self.earliest)
    }

    /// The window as a span of days.
    pub fn span(&self) -> DateSpan {
        DateSpan::new(Some(self.earliest), Some(self.latest))
    }

    /// `n` working days after the span `from` (`None` when `from` is open at either end).
    pub(crate) fn after(
        from: DateSpan,
        n: u32,
        policy: &Policy,
        basis: DeadlineBasis,
    ) -> Option<Deadline> {
        let cal = &policy.calendar;
        Some(Deadline {
            earliest: cal.add_working_days(from.first()?, n)?,
            latest: cal.add_working_days(from.last()?, n)?,
            basis,
        })
    }
}

impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day() {
            Some(d) => write!(f, "{d}"),
            None => write!(f, "between {} and {}", self.earliest, self.latest),
        }
    }
}

/// What a deadline rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeadlineBasis {
    /// Working days from the earliest date the report is known to have reached the area.
    ReportReceived,
    /// An agreed revised deadline.
    Revised,
    /// Working days from a "not fit for purpose" judgement (policy setting).
    Resubmission,
    /// Working days from the next-steps decision (policy setting).
    NextStepsDecision,
}

/// A weakness and its stage.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WeaknessStatus {
    /// The weakness's id.
    pub id: String,
    /// The weakness as the letter words it.
    pub title: String,
    /// Where it stands.
    pub stage: WeaknessStage,
}

/// Why an event was refused. Each reason maps to a diagnostic [`Code`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RejectionReason {
    /// The table has no row for this event in this stage.
    NotAllowed,
    /// The table has rows for this event in this stage, but none whose condition holds
    /// (an improvement notice issued while one is in force, or lifted when none is).
    ConditionNotMet {
        /// The conditions the rows needed.
        needed: Vec<Condition>,
    },
    /// The report lists the same weakness id twice.
    DuplicateWeakness {
        /// The id.
        id: String,
    },
    /// The revisit outcome judges the same weakness twice.
    DuplicateJudgement {
        /// The id.
        id: String,
    },
    /// A judgement names a weakness the report did not list.
    UnknownWeakness {
        /// The id.
        id: String,
    },
    /// The revisit outcome leaves out a weakness it must judge.
    MissingJudgement {
        /// The id.
        id: String,
    },
    /// A further revisit judges a weakness already found sufficient.
    RejudgedWeakness {
        /// The id.
        id: String,
    },
    /// The event is certainly earlier than an event applied before it.
    OutOfOrder {
        /// The index of the earlier-listed event it precedes.
        previous_index: usize,
        /// That event's date span.
        previous: DateSpan,
        /// This event's date span.
        this: DateSpan,
    },
    /// The typed API expected a different stage than the table gives (a bug in this
    /// crate; reported rather than panicking).
    UnexpectedStage {
        /// The stage the typed API expected.
        expected: Stage,
        /// The stage the table gives.
        actual: Stage,
    },
}

/// An event the engine refused. The lifecycle is unchanged.
///
/// # Example
/// ```
/// use send_lifecycle::{Area, Code, Event, EventDate, EventDetail, Lifecycle, Policy, Stage};
/// let mut area = Lifecycle::new(Area::example(), Policy::default());
/// let early = Event::new(EventDate::parse("2020-03-27")?, EventDetail::WsoaSubmitted);
/// let rejection = area.apply(early).unwrap_err();
/// assert_eq!(rejection.stage, Stage::NotInspected);
/// assert_eq!(rejection.code(), Code::TransitionNotAllowed);
/// assert!(rejection.to_string().contains("not_inspected"));
/// assert_eq!(area.history().len(), 0);
/// # Ok::<(), send_lifecycle::DateError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct Rejection {
    /// The stage the area was (and still is) in.
    pub stage: Stage,
    /// The kind of event refused.
    pub event: EventKind,
    /// Its position: the number of events applied before it.
    pub event_index: usize,
    /// Why.
    pub reason: RejectionReason,
    /// The event kinds the table allows in this stage.
    pub allowed: Vec<EventKind>,
}

impl Rejection {
    /// The diagnostic code this rejection is reported under.
    pub fn code(&self) -> Code {
        match &self.reason {
            RejectionReason::NotAllowed
            | RejectionReason::ConditionNotMet { .. }
            | RejectionReason::UnexpectedStage { .. } => Code::TransitionNotAllowed,
            RejectionReason::DuplicateWeakness { .. }
            | RejectionReason::DuplicateJudgement { .. } => Code::DuplicateWeakness,
            RejectionReason::UnknownWeakness { .. } => Code::UnknownWeakness,
            RejectionReason::MissingJudgement { .. } => Code::MissingJudgement,
            RejectionReason::RejudgedWeakness { .. } => Code::RejudgedWeakness,
            RejectionReason::OutOfOrder { .. } => Code::EventsOutOfOrder,
        }
    }

    /// A sentence a council officer can read: the event, the stage, and what was wrong.
    pub fn message(&self) -> String {
        let what = format!(
            "event {} ({}, `{}`)",
            self.event_index,
            self.event.describe(),
            self.event
        );
        let stage = format!("`{}` ({})", self.stage, self.stage.describe());
        match &self.reason {
            RejectionReason::NotAllowed => format!(
                "{what} cannot happen while the area is in stage {stage}; allowed here: {}",
                list_kinds(&self.allowed)
            ),
            RejectionReason::ConditionNotMet { needed } => {
                let decisions: Vec<_> = needed
                    .iter()
                    .filter_map(|c| match c {
                        Condition::Decision(d) => Some(d.as_str()),
                        _ => None,
                    })
                    .collect();
                if !decisions.is_empty() {
                    format!(
                        "{what} cannot happen in stage {stage} with this decision; the decisions possible here are {}",
                        decisions.join(", ")
                    )
                } else if needed.contains(&Condition::NoNoticeInForce) {
                    format!("{what} cannot happen in stage {stage}: an improvement notice is already in force")
                } else if needed.contains(&Condition::NoticeInForce) {
                    format!("{what} cannot happen in stage {stage}: no improvement notice is in force")
                } else {
                    let needed: Vec<_> = needed.iter().filter_map(|c| c.label()).collect();
                    format!(
                        "{what} cannot happen in stage {stage} now: it needs {}",
                        needed.join(" or ")
                    )
                }
            }
            RejectionReason::DuplicateWeakness { id } => format!(
                "{what} lists the weakness id \"{id}\" more than once; ids must be unique within the report"
            ),
            RejectionReason::DuplicateJudgement { id } => {
                format!("{what} judges the weakness \"{id}\" more than once")
            }
            RejectionReason::UnknownWeakness { id } => format!(
                "{what} judges a weakness \"{id}\" that the inspection report did not list"
            ),
            RejectionReason::MissingJudgement { id } => format!(
                "{what} does not judge the weakness \"{id}\", which the revisit must judge"
            ),
            RejectionReason::RejudgedWeakness { id } => format!(
                "{what} judges the weakness \"{id}\" again, but an earlier revisit already found sufficient progress on it; only weaknesses still insufficient are judged"
            ),
            RejectionReason::OutOfOrder {
                previous_index,
                previous,
                this,
            } => format!(
                "{what} is dated {this}, certainly earlier than event {previous_index} listed before it ({previous}); events must be listed in the order they happened"
            ),
            RejectionReason::UnexpectedStage { expected, actual } => format!(
                "{what} led to stage `{actual}` where the typed API expected `{expected}`"
            ),
        }
    }
}

fn list_kinds(kinds: &[EventKind]) -> String {
    if kinds.is_empty() {
        return "nothing".to_owned();
    }
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What an applied event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Transition {
    /// The event's position in the history.
    pub event_index: usize,
    /// Its kind.
    pub event: EventKind,
    /// The index of the row of [`TRANSITIONS`] that applied.
    pub rule: usize,
    /// The stage before.
    pub from: Stage,
    /// The stage after (the same as `from` for events that change no stage).
    pub to: Stage,
    /// The WSoA or APP deadline this event set or changed, if any.
    pub deadline_set: Option<Deadline>,
    /// How many weaknesses the event identified.
    pub weaknesses_identified: usize,
    /// How many weaknesses the event judged.
    pub weaknesses_judged: usize,
    /// Whether the health bodies in force changed.
    pub health_bodies_changed: bool,
}

impl Transition {
    /// The table row that applied.
    pub fn row(&self) -> Option<&'static Rule> {
        TRANSITIONS.get(self.rule)
    }
}

/// A checked event, ready to commit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plan {
    rule: usize,
    from: Stage,
    to: Stage,
}

/// Which of its checks [`Core::plan`] makes besides the table's.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Checks {
    /// Refuse an event certainly earlier than one applied before.
    pub(crate) order: bool,
    /// Refuse a payload that contradicts the weaknesses held.
    pub(crate) payload: bool,
}

impl Checks {
    /// The engine's: everything.
    pub(crate) const ALL: Checks = Checks {
        order: true,
        payload: true,
    };
}

impl Plan {
    /// The stage the event leads to.
    pub(crate) fn target(&self) -> Stage {
        self.to
    }
}

/// The state the rules read and write: everything but the history. The validator runs on
/// this directly, over borrowed events.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Core {
    pub(crate) stage: Stage,
    pub(crate) weaknesses: Vec<WeaknessStatus>,
    index: BTreeMap<String, usize>,
    pub(crate) health_bodies: Vec<HealthBody>,
    pub(crate) notice_in_force: bool,
    /// The earliest span the report is known to have reached the area.
    pub(crate) report_reached: Option<DateSpan>,
    pub(crate) wsoa_deadline: Option<Deadline>,
    pub(crate) app_deadline: Option<Deadline>,
    /// When the WSoA was (last) judged fit for purpose.
    pub(crate) wsoa_fit: Option<DateSpan>,
    /// How many revisits have started.
    pub(crate) revisits: u32,
    /// The latest first day of any applied dated event, and that event's index.
    latest: Option<(NaiveDate, usize, DateSpan)>,
    /// How many events have been applied.
    pub(crate) applied: usize,
}

impl Core {
    pub(crate) fn new(health_bodies: Vec<HealthBody>) -> Core {
        Core {
            stage: Stage::NotInspected,
            weaknesses: Vec::new(),
            index: BTreeMap::new(),
            health_bodies,
            notice_in_force: false,
            report_reached: None,
            wsoa_deadline: None,
            app_deadline: None,
            wsoa_fit: None,
            revisits: 0,
            latest: None,
            applied: 0,
        }
    }

    fn reject(&self, event: EventKind, index: usize, reason: RejectionReason) -> Rejection {
        Rejection {
            stage: self.stage,
            event,
            event_index: index,
            reason,
            allowed: allowed_events(self.stage),
        }
    }

    /// The out-of-order check: is `span` certainly earlier than an event applied before?
    pub(crate) fn order_problem(&self, span: DateSpan) -> Option<RejectionReason> {
        let (latest_first, previous_index, previous) = self.latest?;
        let this_last = span.last()?;
        (this_last < latest_first).then_some(RejectionReason::OutOfOrder {
            previous_index,
            previous,
            this: span,
        })
    }

    /// Works out whether `event` (dated `span`, at position `index`) may apply, and how.
    /// Changes nothing.
    pub(crate) fn plan(
        &self,
        event: &Event,
        span: DateSpan,
        index: usize,
        checks: Checks,
    ) -> Result<Plan, Rejection> {
        let kind = event.kind();
        if indexed_rows_for(self.stage, kind).next().is_none() {
            return Err(self.reject(kind, index, RejectionReason::NotAllowed));
        }
        let chosen = indexed_rows_for(self.stage, kind)
            .find(|(_, r)| self.holds(r.condition, &event.detail));
        let Some((rule_index, rule)) = chosen else {
            // No row held, so each one's condition was needed: listed only now, so that the
            // happy path allocates nothing.
            let needed = indexed_rows_for(self.stage, kind)
                .map(|(_, r)| r.condition)
                .collect();
            return Err(self.reject(kind, index, RejectionReason::ConditionNotMet { needed }));
        };
        if checks.payload {
            if let Some(reason) = self
                .review_payload(&event.detail, true)
                .0
                .into_iter()
                .next()
            {
                return Err(self.reject(kind, index, reason));
            }
        }
        if checks.order {
            if let Some(reason) = self.order_problem(span) {
                return Err(self.reject(kind, index, reason));
            }
        }
        Ok(Plan {
            rule: rule_index,
            from: self.stage,
            to: rule.target_from(self.stage),
        })
    }

    fn holds(&self, condition: Condition, detail: &EventDetail) -> bool {
        match (condition, detail) {
            (Condition::Always, _) => true,
            (Condition::NoWeaknesses, EventDetail::ReportPublished { weaknesses, .. }) => {
                weaknesses.is_empty()
            }
            (Condition::SomeWeaknesses, EventDetail::ReportPublished { weaknesses, .. }) => {
                !weaknesses.is_empty()
            }
            (Condition::FitForPurpose, EventDetail::WsoaJudged { fit_for_purpose })
            | (Condition::FitForPurpose, EventDetail::AppJudged { fit_for_purpose }) => {
                *fit_for_purpose
            }
            (Condition::NotFitForPurpose, EventDetail::WsoaJudged { fit_for_purpose })
            | (Condition::NotFitForPurpose, EventDetail::AppJudged { fit_for_purpose }) => {
                !*fit_for_purpose
            }
            (Condition::AllSufficient, EventDetail::RevisitOutcome { judgements }) => {
                self.all_sufficient_after(judgements)
            }
            (Condition::SomeInsufficient, EventDetail::RevisitOutcome { judgements }) => {
                !self.all_sufficient_after(judgements)
            }
            (Condition::Decision(d), EventDetail::NextStepsDetermined { decision }) => {
                d == *decision
            }
            (Condition::NoNoticeInForce, _) => !self.notice_in_force,
            (Condition::NoticeInForce, _) => self.notice_in_force,
            _ => false,
        }
    }

    fn all_sufficient_after(&self, judgements: &[crate::event::Judgement]) -> bool {
        // Each judgement is looked up once, so this is not quadratic in the weaknesses.
        let mut sufficient = Marks::new(self.weaknesses.len());
        for j in judgements {
            if j.progress == Progress::Sufficient {
                if let Some(&i) = self.index.get(j.weakness.as_str()) {
                    sufficient.insert(i);
                }
            }
        }
        self.weaknesses
            .iter()
            .enumerate()
            .all(|(i, w)| w.stage == WeaknessStage::Sufficient || sufficient.contains(i))
    }

    /// Checks an event's payload against the weaknesses held: every problem (or only the
    /// first, with `first_only`) and, when `all` problems are asked for and some entries had
    /// to be left out, the payload without them — so that the validator can carry on with
    /// what the event does say rather than refuse it whole.
    pub(crate) fn review_payload(
        &self,
        detail: &EventDetail,
        first_only: bool,
    ) -> (Vec<RejectionReason>, Option<EventDetail>) {
        let mut problems = Vec::new();
        match detail {
            EventDetail::ReportPublished {
                weaknesses,
                letter_date,
            } => {
                // A letter lists a handful: compare pairwise, without allocating; a set for
                // longer lists, so that no list is quadratic.
                let mut seen = BTreeSet::new();
                let mut kept = Vec::new();
                for (k, w) in weaknesses.iter().enumerate() {
                    let repeat = if weaknesses.len() <= SMALL_REPORT {
                        weaknesses.iter().take(k).any(|earlier| earlier.id == w.id)
                    } else {
                        !seen.insert(w.id.as_str())
                    };
                    if repeat {
                        problems.push(RejectionReason::DuplicateWeakness { id: w.id.clone() });
                        if first_only {
                            break;
                        }
                    } else if !first_only {
                        kept.push(w.clone());
                    }
                }
                let cleaned =
                    (!first_only && !problems.is_empty()).then_some(EventDetail::ReportPublished {
                        weaknesses: kept,
                        letter_date: *letter_date,
                    });
                (problems, cleaned)
            }
            EventDetail::RevisitOutcome { judgements } => {
                // Weaknesses judged so far, by position (ids are unique within the report).
                let mut seen = Marks::new(self.weaknesses.len());
                let mut kept = Vec::new();
                let mut left_out = false;
                for j in judgements {
                    let found = self
                        .index
                        .get(j.weakness.as_str())
                        .and_then(|&i| Some((i, self.weaknesses.get(i)?)));
                    // An id judged twice was known the first time, so an unknown id is
                    // never a repeat: checking it first reports what the letter got wrong.
                    let problem = match found {
                        None => Some(RejectionReason::UnknownWeakness {
                            id: j.weakness.clone(),
                        }),
                        Some((i, _)) if !seen.insert(i) => {
                            Some(RejectionReason::DuplicateJudgement {
                                id: j.weakness.clone(),
                            })
                        }
                        Some((_, w)) if weakness_step(w.stage, trigger(j.progress)).is_none() => {
                            Some(RejectionReason::RejudgedWeakness {
                                id: j.weakness.clone(),
                            })
                        }
                        Some(_) => None,
                    };
                    match problem {
                        Some(p) => {
                            problems.push(p);
                            left_out = true;
                            if first_only {
                                return (problems, None);
                            }
                        }
                        None if !first_only => kept.push(j.clone()),
                        None => {}
                    }
                }
                // Every weakness the table lets a judgement move must be judged. Left
                // unjudged, a weakness keeps its stage (and so is not sufficient).
                for (i, w) in self.weaknesses.iter().enumerate() {
                    if !seen.contains(i)
                        && weakness_step(w.stage, WeaknessTrigger::JudgedSufficient).is_some()
                    {
                        problems.push(RejectionReason::MissingJudgement { id: w.id.clone() });
                        if first_only {
                            break;
                        }
                    }
                }
                let cleaned = left_out.then_some(EventDetail::RevisitOutcome { judgements: kept });
                (problems, cleaned)
            }
            _ => (problems, None),
        }
    }

    pub(crate) fn weakness(&self, id: &str) -> Option<&WeaknessStatus> {
        self.index.get(id).and_then(|&i| self.weaknesses.get(i))
    }

    /// Makes the change `plan` describes. `plan` must come from [`Core::plan`] on the same
    /// state and event.
    pub(crate) fn commit(
        &mut self,
        plan: Plan,
        event: &Event,
        span: DateSpan,
        index: usize,
        policy: &Policy,
    ) -> Transition {
        let mut t = Transition {
            event_index: index,
            event: event.kind(),
            rule: plan.rule,
            from: plan.from,
            to: plan.to,
            deadline_set: None,
            weaknesses_identified: 0,
            weaknesses_judged: 0,
            health_bodies_changed: false,
        };
        match &event.detail {
            EventDetail::ReportReceived => self.report_reached_at(span),
            EventDetail::ReportPublished { weaknesses, .. } => {
                self.report_reached_at(span);
                self.weaknesses = weaknesses
                    .iter()
                    .map(|w| WeaknessStatus {
                        id: w.id.clone(),
                        title: w.title.clone(),
                        stage: WeaknessStage::Identified,
                    })
                    .collect();
                // Inserted one by one: collecting would sort in a scratch vector first.
                self.index = BTreeMap::new();
                for (i, w) in self.weaknesses.iter().enumerate() {
                    self.index.insert(w.id.clone(), i);
                }
                t.weaknesses_identified = weaknesses.len();
                if plan.to == Stage::WsoaDue {
                    self.wsoa_deadline = self.report_reached.and_then(|r| {
                        Deadline::after(
                            r,
                            policy.wsoa_deadline_working_days,
                            policy,
                            DeadlineBasis::ReportReceived,
                        )
                    });
                    t.deadline_set = self.wsoa_deadline;
                }
            }
            EventDetail::WsoaDeadlineRevised { new_deadline, .. } => {
                self.wsoa_deadline = Some(Deadline::exact(*new_deadline, DeadlineBasis::Revised));
                t.deadline_set = self.wsoa_deadline;
            }
            EventDetail::WsoaJudged { fit_for_purpose } => {
                if *fit_for_purpose {
                    self.wsoa_fit = Some(span);
                    self.wsoa_deadline = None;
                    for w in &mut self.weaknesses {
                        if let Some(next) =
                            weakness_step(w.stage, WeaknessTrigger::WsoaFitForPurpose)
                        {
                            w.stage = next;
                        }
                    }
                } else {
                    self.wsoa_deadline = policy.wsoa_resubmission_working_days.and_then(|n| {
                        Deadline::after(span, n, policy, DeadlineBasis::Resubmission)
                    });
                    t.deadline_set = self.wsoa_deadline;
                }
            }
            EventDetail::WsoaSubmitted => self.wsoa_deadline = None,
            EventDetail::RevisitStarted => self.revisits = self.revisits.saturating_add(1),
            EventDetail::RevisitOutcome { judgements } => {
                for j in judgements {
                    if let Some(&i) = self.index.get(&j.weakness) {
                        if let Some(w) = self.weaknesses.get_mut(i) {
                            if let Some(next) = weakness_step(w.stage, trigger(j.progress)) {
                                w.stage = next;
                                t.weaknesses_judged += 1;
                            }
                        }
                    }
                }
            }
            EventDetail::NextStepsDetermined { decision }
                if *decision == NextStep::AcceleratedProgressPlan =>
            {
                self.app_deadline = policy.app_deadline_working_days.and_then(|n| {
                    Deadline::after(span, n, policy, DeadlineBasis::NextStepsDecision)
                });
                t.deadline_set = self.app_deadline;
            }
            EventDetail::AppSubmitted => self.app_deadline = None,
            EventDetail::ImprovementNoticeIssued => self.notice_in_force = true,
            EventDetail::ImprovementNoticeLifted => self.notice_in_force = false,
            EventDetail::HealthBodyChanged { health_bodies } => {
                self.health_bodies = health_bodies.clone();
                t.health_bodies_changed = true;
            }
            _ => {}
        }
        if let Some(first) = span.first() {
            if self.latest.map_or(true, |(l, _, _)| first > l) {
                self.latest = Some((first, index, span));
            }
        }
        self.stage = plan.to;
        self.applied = self.applied.saturating_add(1);
        t
    }

    fn report_reached_at(&mut self, span: DateSpan) {
        // The earliest date the report is known to have reached the area: of the receipt
        // and the publication, whichever is earlier.
        let keep = match (self.report_reached, span.last()) {
            (Some(r), Some(b)) => r.last().is_some_and(|a| a <= b),
            (Some(r), None) => r.last().is_some(),
            (None, _) => false,
        };
        if !keep {
            self.report_reached = Some(span);
        }
    }
}

/// Reports with at most this many weaknesses are checked for repeated ids pairwise.
const SMALL_REPORT: usize = 16;

/// A set of weakness positions: a bit mask for up to 128 weaknesses (no allocation, as a
/// letter lists a handful), a vector beyond.
enum Marks {
    Small(u128),
    Large(Vec<bool>),
}

impl Marks {
    fn new(weaknesses: usize) -> Marks {
        if weaknesses <= 128 {
            Marks::Small(0)
        } else {
            Marks::Large(vec![false; weaknesses])
        }
    }

    /// Marks position `i`; false when it was marked already (or is out of range).
    fn insert(&mut self, i: usize) -> bool {
        match self {
            Marks::Small(bits) => {
                let Some(bit) = u32::try_from(i).ok().and_then(|i| 1u128.checked_shl(i)) else {
                    return false;
                };
                let fresh = *bits & bit == 0;
                *bits |= bit;
                fresh
            }
            Marks::Large(marks) => marks
                .get_mut(i)
                .is_some_and(|m| !std::mem::replace(m, true)),
        }
    }

    fn contains(&self, i: usize) -> bool {
        match self {
            Marks::Small(bits) => u32::try_from(i)
                .ok()
                .and_then(|i| 1u128.checked_shl(i))
                .is_some_and(|bit| bits & bit != 0),
            Marks::Large(marks) => marks.get(i).copied().unwrap_or(false),
        }
    }
}

fn trigger(p: Progress) -> WeaknessTrigger {
    match p {
        Progress::Sufficient => WeaknessTrigger::JudgedSufficient,
        Progress::Insufficient => WeaknessTrigger::JudgedInsufficient,
    }
}

/// The runtime engine: an area's lifecycle, applying events one at a time.
///
/// It tracks the stage, each weakness's stage, the health bodies in force, the WSoA and
/// APP deadlines, any improvement notice, and the full history of applied events (an
/// audit trail that [`Lifecycle::replay`] turns back into the same state).
///
/// # Example
/// ```
/// use send_lifecycle::{Area, Event, EventDate, EventDetail, Lifecycle, Policy, Stage, Weakness};
///
/// let day = |s: &str| EventDate::parse(s);
/// let mut area = Lifecycle::new(Area::example(), Policy::default());
/// area.apply(Event::new(day("2020-02-03")?, EventDetail::InspectionStarted))?;
/// area.apply(Event::new(day("2020-02-07")?, EventDetail::InspectionEnded))?;
/// let t = area.apply(Event::new(
///     day("2020-03-27")?,
///     EventDetail::ReportPublished {
///         weaknesses: vec![Weakness::new("W1", "The absence of a joint commissioning strategy")],
///         letter_date: None,
///     },
/// ))?;
/// assert_eq!(t.to, Stage::WsoaDue);
/// // 70 working days from Friday 27 March 2020.
/// assert_eq!(area.wsoa_deadline().and_then(|d| d.day()).map(|d| d.to_string()),
///            Some("2020-07-09".to_owned()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq)]
pub struct Lifecycle {
    /// Boxed, so that moving a lifecycle — as each method of the typestate API does — moves
    /// a pointer, not the whole state.
    state: Box<State>,
}

/// What a [`Lifecycle`] holds.
#[derive(Clone, PartialEq)]
struct State {
    area: Area,
    policy: Policy,
    core: Core,
    history: Vec<Event>,
}

impl fmt::Debug for Lifecycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As a derived `Debug` on the four fields would print it.
        let s = &self.state;
        f.debug_struct("Lifecycle")
            .field("area", &s.area)
            .field("policy", &s.policy)
            .field("core", &s.core)
            .field("history", &s.history)
            .finish()
    }
}

impl Lifecycle {
    /// A lifecycle for `area`, not yet inspected.
    pub fn new(area: Area, policy: Policy) -> Lifecycle {
        let core = Core::new(area.health_bodies.clone());
        Lifecycle {
            state: Box::new(State {
                area,
                policy,
                core,
                history: Vec::new(),
            }),
        }
    }

    /// The same, with room reserved for `events` events, so that applying that many does
    /// not allocate for the history.
    pub fn with_capacity(area: Area, policy: Policy, events: usize) -> Lifecycle {
        let mut l = Lifecycle::new(area, policy);
        l.state.history.reserve(events);
        l
    }

    /// Rebuilds a lifecycle from a history, applying each event in turn.
    ///
    /// # Errors
    /// The first event refused, as a [`Rejection`].
    pub fn replay(
        area: Area,
        policy: Policy,
        events: impl IntoIterator<Item = Event>,
    ) -> Result<Lifecycle, Rejection> {
        let mut l = Lifecycle::new(area, policy);
        for e in events {
            l.apply(e)?;
        }
        Ok(l)
    }

    /// Applies one event.
    ///
    /// # Errors
    /// A [`Rejection`] naming the stage, the event and what would have been allowed, when
    /// the table has no row for it, its payload contradicts the weaknesses held, or it is
    /// certainly earlier than an event applied before. The lifecycle is then unchanged.
    pub fn apply(&mut self, event: Event) -> Result<Transition, Rejection> {
        let index = self.state.history.len();
        let span = event.date.span();
        let plan = self.state.core.plan(&event, span, index, Checks::ALL)?;
        let t = self
            .state
            .core
            .commit(plan, &event, span, index, &self.state.policy);
        self.state.history.push(event);
        Ok(t)
    }

    /// Checks `event` as [`Lifecycle::apply`] would, changing nothing, and returns the stage
    /// it would lead to.
    ///
    /// # Errors
    /// As [`Lifecycle::apply`].
    pub fn check(&self, event: &Event) -> Result<Stage, Rejection> {
        self.state
            .core
            .plan(
                event,
                event.date.span(),
                self.state.history.len(),
                Checks::ALL,
            )
            .map(|p| p.to)
    }

    /// Applies `event` only if it leads to `expected`; used by the typed API, which knows
    /// the stage it must reach. Always inlined into each typed method (a plain `#[inline]`
    /// is not taken): the event is then built where it is used rather than copied into a
    /// call, which keeps the typed API within a few per cent of [`Lifecycle::apply`].
    #[inline(always)]
    pub(crate) fn apply_expecting(
        &mut self,
        event: Event,
        expected: &[Stage],
    ) -> Result<Transition, Rejection> {
        let index = self.state.history.len();
        let span = event.date.span();
        let plan = self.state.core.plan(&event, span, index, Checks::ALL)?;
        if !expected.contains(&plan.to) {
            let reason = RejectionReason::UnexpectedStage {
                expected: expected.first().copied().unwrap_or(plan.to),
                actual: plan.to,
            };
            return Err(self.state.core.reject(event.kind(), index, reason));
        }
        let t = self
            .state
            .core
            .commit(plan, &event, span, index, &self.state.policy);
        self.state.history.push(event);
        Ok(t)
    }

    /// The stage the area is in.
    pub fn stage(&self) -> Stage {
        self.state.core.stage
    }

    /// The significant weaknesses and their stages, in the report's order.
    pub fn weaknesses(&self) -> &[WeaknessStatus] {
        &self.state.core.weaknesses
    }

    /// One weakness by id.
    pub fn weakness(&self, id: &str) -> Option<&WeaknessStatus> {
        self.state.core.weakness(id)
    }

    /// The health bodies in force.
    pub fn health_bodies(&self) -> &[HealthBody] {
        &self.state.core.health_bodies
    }

    /// The WSoA deadline while a WSoA is due (70 working days from the earliest date the
    /// report is known to have reached the area, or the revised deadline).
    pub fn wsoa_deadline(&self) -> Option<Deadline> {
        self.state.core.wsoa_deadline
    }

    /// The APP deadline while an APP is due, if the policy sets one.
    pub fn app_deadline(&self) -> Option<Deadline> {
        self.state.core.app_deadline
    }

    /// Whether a DfE improvement notice is in force.
    pub fn improvement_notice_in_force(&self) -> bool {
        self.state.core.notice_in_force
    }

    /// The events applied so far: the audit trail.
    pub fn history(&self) -> &[Event] {
        &self.state.history
    }

    /// The area.
    pub fn area(&self) -> &Area {
        &self.state.area
    }

    /// The policy in use.
    pub fn policy(&self) -> &Policy {
        &self.state.policy
    }

    /// The event kinds allowed now.
    pub fn allowed(&self) -> Vec<EventKind> {
        allowed_events(self.state.core.stage)
    }
}

impl Area {
    /// A small example area (Leicestershire, with its CCG), for documentation and tests.
    pub fn example() -> Area {
        Area {
            name: "Leicestershire".to_owned(),
            local_authority: "Leicestershire County Council".to_owned(),
            health_bodies: vec![HealthBody {
                kind: crate::event::HealthBodyKind::Ccg,
                name: "Leicestershire Clinical Commissioning Group".to_owned(),
            }],
        }
    }
}

//! The state the rules read and write, and the one step function that judges an event.
//!
//! [`Core::judge`] decides, changing nothing, whether an event may apply: the row, every
//! payload problem with its place, the payload without the offending entries, and the
//! order verdict. [`Core::commit`] then makes the change the declaration's effects and
//! deadlines describe. A refused event therefore cannot leave the state half-changed.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;

use crate::date::DateSpan;
use crate::engine::rejection::{Rejection, RejectionReason};
use crate::engine::{Deadline, DeadlineBasis, WeaknessStatus};
use crate::event::{Event, EventDetail, EventKind, HealthBody, Judgement, Progress, Weakness};
use crate::lifecycle::{
    Condition, CountFrom, Declaration, Effect, PlanKind, Rule, Stage, WeaknessStage,
    WeaknessTrigger,
};
use crate::policy::Policy;

/// Which events the order of an event is judged against.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OrderBasis {
    /// The events applied before it: an event the engine refused does not count (the
    /// default, for the engine and the validator alike).
    #[default]
    Applied,
    /// Every event offered before it, applied or refused.
    Listed,
}

/// What the engine does with a problem of a kind that leaves the stage decidable.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OnProblem {
    /// Refuse the event whole (the default of [`crate::Lifecycle::apply`]).
    #[default]
    Refuse,
    /// Apply it all the same — for order, as dated; for a payload, without the offending
    /// entries — and report the problem (the validator's choice).
    ApplyAndReport,
}

/// The engine's settings: how strict [`crate::Lifecycle::apply`] is.
///
/// # Example
/// ```
/// use send_lifecycle::{EngineSettings, OnProblem, OrderBasis};
/// let lenient = EngineSettings::default()
///     .on_out_of_order(OnProblem::ApplyAndReport)
///     .order_basis(OrderBasis::Listed);
/// assert_ne!(lenient, EngineSettings::default());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct EngineSettings {
    /// Which events order is judged against.
    pub order_basis: OrderBasis,
    /// What to do with an event certainly earlier than one before it.
    pub out_of_order: OnProblem,
    /// What to do with a payload that contradicts the items held.
    pub payload: OnProblem,
}

impl EngineSettings {
    /// The same settings, judging order against `basis`.
    #[must_use]
    pub fn order_basis(mut self, basis: OrderBasis) -> EngineSettings {
        self.order_basis = basis;
        self
    }

    /// The same settings, doing `what` with an out-of-order event.
    #[must_use]
    pub fn on_out_of_order(mut self, what: OnProblem) -> EngineSettings {
        self.out_of_order = what;
        self
    }

    /// The same settings, doing `what` with a payload problem.
    #[must_use]
    pub fn on_payload_problem(mut self, what: OnProblem) -> EngineSettings {
        self.payload = what;
        self
    }

    /// The validator's settings: every problem that leaves the stage decidable is reported
    /// and the event applied.
    pub(crate) const VALIDATOR: EngineSettings = EngineSettings {
        order_basis: OrderBasis::Applied,
        out_of_order: OnProblem::ApplyAndReport,
        payload: OnProblem::ApplyAndReport,
    };
}

/// The engine's verdict on one event the table allows: which row applies and what, if
/// anything, is wrong with it. Nothing has changed yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub(crate) rule: usize,
    pub(crate) row: &'static Rule,
    pub(crate) from: Stage,
    pub(crate) to: Stage,
    pub(crate) problems: Vec<RejectionReason>,
    pub(crate) cleaned: Option<EventDetail>,
    pub(crate) out_of_order: Option<RejectionReason>,
}

impl Verdict {
    /// The row of the declaration that applies.
    pub fn row(&self) -> &'static Rule {
        self.row
    }

    /// The stage before.
    pub fn from(&self) -> Stage {
        self.from
    }

    /// The stage the event leads to.
    pub fn to(&self) -> Stage {
        self.to
    }

    /// Every problem of the payload against the items held (a repeated id, a judgement of
    /// an unknown weakness, a weakness left unjudged…), each with its place.
    pub fn payload_problems(&self) -> &[RejectionReason] {
        &self.problems
    }

    /// The payload without the offending entries, when there were any: what the event is
    /// applied as when payload problems are reported rather than refused.
    pub fn cleaned(&self) -> Option<&EventDetail> {
        self.cleaned.as_ref()
    }

    /// The order verdict: `Some` when the event is certainly earlier than an event before
    /// it (under the engine's [`OrderBasis`]).
    pub fn out_of_order(&self) -> Option<&RejectionReason> {
        self.out_of_order.as_ref()
    }
}

/// Where a deadline stands.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct DeadlineState {
    /// The deadline while the plan is due.
    pub(crate) current: Option<Deadline>,
    /// The latest deadline set, kept after the plan is submitted (for the report).
    pub(crate) last_set: Option<Deadline>,
}

/// The latest first day of an event, with its index and span.
type Latest = Option<(NaiveDate, usize, DateSpan)>;

/// The state the rules read and write: everything but the history. The validator runs on
/// this directly, over borrowed events.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Core {
    pub(crate) decl: &'static Declaration,
    pub(crate) settings: EngineSettings,
    pub(crate) stage: Stage,
    pub(crate) weaknesses: Vec<WeaknessStatus>,
    index: BTreeMap<String, usize>,
    pub(crate) health_bodies: Vec<HealthBody>,
    pub(crate) notice_in_force: bool,
    /// The earliest span the report is known to have reached the area.
    pub(crate) report_reached: Option<DateSpan>,
    /// One per rule of the declaration's deadlines, in its order.
    pub(crate) deadlines: Vec<DeadlineState>,
    latest_applied: Latest,
    latest_listed: Latest,
    /// How many events have been applied.
    pub(crate) applied: usize,
}

impl Core {
    pub(crate) fn new(
        decl: &'static Declaration,
        settings: EngineSettings,
        health_bodies: Vec<HealthBody>,
    ) -> Core {
        Core {
            decl,
            settings,
            stage: decl.start,
            weaknesses: Vec::new(),
            index: BTreeMap::new(),
            health_bodies,
            notice_in_force: false,
            report_reached: None,
            deadlines: vec![DeadlineState::default(); decl.deadlines.len()],
            latest_applied: None,
            latest_listed: None,
            applied: 0,
        }
    }

    pub(crate) fn reject(
        &self,
        event: EventKind,
        index: usize,
        reason: RejectionReason,
    ) -> Rejection {
        Rejection {
            stage: self.stage,
            event,
            event_index: index,
            reason,
            allowed: self.decl.allowed_events(self.stage),
        }
    }

    /// The deadline of `plan` while it is due.
    pub(crate) fn deadline(&self, plan: PlanKind) -> Option<Deadline> {
        self.deadline_state(plan).and_then(|d| d.current)
    }

    /// The latest deadline of `plan` set.
    pub(crate) fn last_deadline(&self, plan: PlanKind) -> Option<Deadline> {
        self.deadline_state(plan).and_then(|d| d.last_set)
    }

    fn deadline_state(&self, plan: PlanKind) -> Option<&DeadlineState> {
        self.decl
            .deadlines
            .iter()
            .position(|r| r.plan == plan)
            .and_then(|i| self.deadlines.get(i))
    }

    /// Judges `event` (dated `span`, at position `index`), changing nothing. `Err` when the
    /// table refuses it (no row for its kind in this stage, or no row whose condition
    /// holds); otherwise the verdict, with every payload and order problem.
    pub(crate) fn judge(
        &self,
        event: &Event,
        span: DateSpan,
        index: usize,
    ) -> Result<Verdict, Rejection> {
        let kind = event.kind();
        if self
            .decl
            .indexed_rows_for(self.stage, kind)
            .next()
            .is_none()
        {
            return Err(self.reject(kind, index, RejectionReason::NotAllowed));
        }
        // The payload is checked against the items held first, so that the branch is chosen
        // by what the event does say once the offending entries are left out.
        let (problems, cleaned) = if self.has_payload_problem(&event.detail) {
            self.review_payload(&event.detail)
        } else {
            (Vec::new(), None)
        };
        let detail = cleaned.as_ref().unwrap_or(&event.detail);
        let chosen = self
            .decl
            .indexed_rows_for(self.stage, kind)
            .find(|(_, r)| self.holds(r.condition, detail));
        let Some((rule, row)) = chosen else {
            // No row held, so each one's condition was needed: listed only now, so that the
            // happy path allocates nothing.
            let needed = self
                .decl
                .indexed_rows_for(self.stage, kind)
                .map(|(_, r)| r.condition)
                .collect();
            return Err(self.reject(kind, index, RejectionReason::ConditionNotMet { needed }));
        };
        Ok(Verdict {
            rule,
            row,
            from: self.stage,
            to: row.target_from(self.stage),
            problems,
            cleaned,
            out_of_order: self.order_problem(span),
        })
    }

    /// Notes that an event dated `span` was offered at `index`, applied or not (for
    /// [`OrderBasis::Listed`]).
    pub(crate) fn note_listed(&mut self, span: DateSpan, index: usize) {
        advance(&mut self.latest_listed, span, index);
    }

    /// The out-of-order check: is `span` certainly earlier than an event before it?
    fn order_problem(&self, span: DateSpan) -> Option<RejectionReason> {
        let latest = match self.settings.order_basis {
            OrderBasis::Applied => self.latest_applied,
            OrderBasis::Listed => self.latest_listed,
        };
        let (latest_first, previous_index, previous) = latest?;
        let this_last = span.last()?;
        (this_last < latest_first).then_some(RejectionReason::OutOfOrder {
            previous_index,
            previous,
            this: span,
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

    fn all_sufficient_after(&self, judgements: &[Judgement]) -> bool {
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

    /// Whether the payload has any problem: the cheap check of the happy path, which
    /// allocates nothing for a letter of a handful of weaknesses.
    fn has_payload_problem(&self, detail: &EventDetail) -> bool {
        match detail {
            EventDetail::ReportPublished { weaknesses, .. } => {
                if weaknesses.len() <= SMALL_REPORT {
                    weaknesses
                        .iter()
                        .enumerate()
                        .any(|(k, w)| weaknesses.iter().take(k).any(|e| e.id == w.id))
                } else {
                    let mut seen = HashSet::with_capacity(weaknesses.len());
                    weaknesses.iter().any(|w| !seen.insert(w.id.as_str()))
                }
            }
            EventDetail::RevisitOutcome { judgements } => {
                let mut seen = Marks::new(self.weaknesses.len());
                for j in judgements {
                    match self.index.get(j.weakness.as_str()).copied() {
                        None => return true,
                        Some(i) if !seen.insert(i) => return true,
                        Some(i) => {
                            let stage = self.weaknesses.get(i).map(|w| w.stage);
                            if stage
                                .and_then(|s| self.decl.item_step(s, trigger(j.progress)))
                                .is_none()
                            {
                                return true;
                            }
                        }
                    }
                }
                self.weaknesses.iter().enumerate().any(|(i, w)| {
                    !seen.contains(i)
                        && self
                            .decl
                            .item_step(w.stage, WeaknessTrigger::JudgedSufficient)
                            .is_some()
                })
            }
            _ => false,
        }
    }

    /// Every problem of the payload against the items held, each with its place, and the
    /// payload without the offending entries. Linear in the entries.
    fn review_payload(&self, detail: &EventDetail) -> (Vec<RejectionReason>, Option<EventDetail>) {
        match detail {
            EventDetail::ReportPublished {
                weaknesses,
                letter_date,
            } => {
                let mut problems = Vec::new();
                let mut seen = HashSet::with_capacity(weaknesses.len());
                let mut kept: Vec<Weakness> = Vec::with_capacity(weaknesses.len());
                for (position, w) in weaknesses.iter().enumerate() {
                    if seen.insert(w.id.as_str()) {
                        kept.push(w.clone());
                    } else {
                        problems.push(RejectionReason::DuplicateWeakness {
                            id: w.id.clone(),
                            position,
                        });
                    }
                }
                let cleaned = EventDetail::ReportPublished {
                    weaknesses: kept,
                    letter_date: *letter_date,
                };
                (problems, Some(cleaned))
            }
            EventDetail::RevisitOutcome { judgements } => self.review_judgements(judgements),
            _ => (Vec::new(), None),
        }
    }

    fn review_judgements(
        &self,
        judgements: &[Judgement],
    ) -> (Vec<RejectionReason>, Option<EventDetail>) {
        let mut problems = Vec::new();
        // Weaknesses judged so far, by position (ids are unique within the report).
        let mut seen = Marks::new(self.weaknesses.len());
        let mut kept = Vec::with_capacity(judgements.len());
        for j in judgements {
            let found = self
                .index
                .get(j.weakness.as_str())
                .and_then(|&i| Some((i, self.weaknesses.get(i)?)));
            // An id judged twice was known the first time, so an unknown id is never a
            // repeat: checking it first reports what the letter got wrong.
            let id = || j.weakness.clone();
            let problem = match found {
                None => Some(RejectionReason::UnknownWeakness { id: id() }),
                Some((i, _)) if !seen.insert(i) => {
                    Some(RejectionReason::DuplicateJudgement { id: id() })
                }
                Some((_, w)) if self.decl.item_step(w.stage, trigger(j.progress)).is_none() => {
                    Some(RejectionReason::RejudgedWeakness { id: id() })
                }
                Some(_) => None,
            };
            match problem {
                Some(p) => problems.push(p),
                None => kept.push(j.clone()),
            }
        }
        // Every weakness the table lets a judgement move must be judged. Left unjudged, a
        // weakness keeps its stage (and so is not sufficient).
        for (i, w) in self.weaknesses.iter().enumerate() {
            if !seen.contains(i)
                && self
                    .decl
                    .item_step(w.stage, WeaknessTrigger::JudgedSufficient)
                    .is_some()
            {
                problems.push(RejectionReason::MissingJudgement { id: w.id.clone() });
            }
        }
        (
            problems,
            Some(EventDetail::RevisitOutcome { judgements: kept }),
        )
    }

    pub(crate) fn weakness(&self, id: &str) -> Option<&WeaknessStatus> {
        self.index.get(id).and_then(|&i| self.weaknesses.get(i))
    }

    /// Makes the change `verdict` describes, applying `event` — or its cleaned payload,
    /// when the verdict has one. `verdict` must come from [`Core::judge`] on the same state
    /// and event.
    pub(crate) fn commit(
        &mut self,
        verdict: &Verdict,
        event: &Event,
        span: DateSpan,
        index: usize,
        policy: &Policy,
    ) -> Transition {
        let detail = verdict.cleaned.as_ref().unwrap_or(&event.detail);
        let mut t = Transition {
            event_index: index,
            event: event.kind(),
            row: verdict.rule,
            from: verdict.from,
            to: verdict.to,
            deadline_set: None,
            weaknesses_identified: 0,
            weaknesses_judged: 0,
            health_bodies_changed: false,
        };
        let kind = event.kind();
        let condition = verdict.row.condition;
        for &(k, when, effect) in self.decl.effects {
            if k == kind && (when == Condition::Always || when == condition) {
                self.effect(effect, detail, span, &mut t);
            }
        }
        self.deadlines_after(verdict, detail, span, policy, &mut t);
        advance(&mut self.latest_applied, span, index);
        self.stage = verdict.to;
        self.applied = self.applied.saturating_add(1);
        t
    }

    fn effect(&mut self, effect: Effect, detail: &EventDetail, span: DateSpan, t: &mut Transition) {
        match (effect, detail) {
            (Effect::ReportReached, _) => self.report_reached_at(span),
            (Effect::IdentifyItems, EventDetail::ReportPublished { weaknesses, .. }) => {
                self.weaknesses = weaknesses
                    .iter()
                    .map(|w| {
                        WeaknessStatus::new(
                            w.id.clone(),
                            w.title.clone(),
                            WeaknessStage::Identified,
                        )
                    })
                    .collect();
                // Inserted one by one: collecting would sort in a scratch vector first.
                self.index = BTreeMap::new();
                for (i, w) in self.weaknesses.iter().enumerate() {
                    self.index.insert(w.id.clone(), i);
                }
                t.weaknesses_identified = weaknesses.len();
            }
            (Effect::TriggerAllItems(trigger), _) => {
                for w in &mut self.weaknesses {
                    if let Some(next) = self.decl.item_step(w.stage, trigger) {
                        w.stage = next;
                    }
                }
            }
            (Effect::JudgeItems, EventDetail::RevisitOutcome { judgements }) => {
                for j in judgements {
                    let Some(&i) = self.index.get(&j.weakness) else {
                        continue;
                    };
                    if let Some(w) = self.weaknesses.get_mut(i) {
                        if let Some(next) = self.decl.item_step(w.stage, trigger(j.progress)) {
                            w.stage = next;
                            t.weaknesses_judged += 1;
                        }
                    }
                }
            }
            (Effect::NoticeIssued, _) => self.notice_in_force = true,
            (Effect::NoticeLifted, _) => self.notice_in_force = false,
            (Effect::ReplaceHealthBodies, EventDetail::HealthBodyChanged { health_bodies }) => {
                self.health_bodies = health_bodies.clone();
                t.health_bodies_changed = true;
            }
            _ => {}
        }
    }

    /// The declaration's deadlines after an applied event: set, revised, reset, met.
    fn deadlines_after(
        &mut self,
        verdict: &Verdict,
        detail: &EventDetail,
        span: DateSpan,
        policy: &Policy,
        t: &mut Transition,
    ) {
        let kind = detail.kind();
        let condition = verdict.row.condition;
        for (rule, state) in self.decl.deadlines.iter().zip(self.deadlines.iter_mut()) {
            if kind == rule.set_by && verdict.to == rule.due_in && verdict.from != rule.due_in {
                let from = match rule.count_from {
                    CountFrom::ReportReceipt => self.report_reached,
                    CountFrom::Event => Some(span),
                };
                state.current = from.and_then(|from| {
                    let n = (rule.working_days)(policy)?;
                    Deadline::after(from, n, policy, rule.basis)
                });
                if state.current.is_some() {
                    state.last_set = state.current;
                    t.deadline_set = state.current;
                }
            }
            if Some(kind) == rule.revised_by {
                if let EventDetail::WsoaDeadlineRevised { new_deadline, .. } = detail {
                    state.current = Some(Deadline::exact(*new_deadline, DeadlineBasis::Revised));
                    state.last_set = state.current;
                    t.deadline_set = state.current;
                }
            }
            if kind == rule.met_by {
                state.current = None;
            }
            if let Some((k, when, days)) = rule.resubmission {
                if k == kind && when == condition {
                    state.current = days(policy).and_then(|n| {
                        Deadline::after(span, n, policy, DeadlineBasis::Resubmission)
                    });
                    // The deadline the submission met no longer applies; the resubmission's
                    // (none by default) does.
                    state.last_set = state.current;
                    t.deadline_set = state.current;
                }
            }
            if rule.cleared_when == Some((kind, condition)) {
                state.current = None;
            }
        }
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

fn advance(latest: &mut Latest, span: DateSpan, index: usize) {
    if let Some(first) = span.first() {
        if latest.map_or(true, |(l, _, _)| first > l) {
            *latest = Some((first, index, span));
        }
    }
}

/// What an applied event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Transition {
    /// The event's position in the history.
    pub event_index: usize,
    /// Its kind.
    pub event: EventKind,
    /// The position of the row that applied among its declaration's rows
    /// ([`Transition::row_index`]); private so that the order of the rows is no field of
    /// the API. Serialised as `rule`, as before.
    #[serde(rename = "rule")]
    row: usize,
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
    ///
    /// # Example
    /// ```
    /// use send_lifecycle::{Area, Event, EventDate, EventDetail, EventKind, Lifecycle, Policy};
    /// // The area of testdata/leicestershire.json.
    /// let leicestershire = send_lifecycle::Area::new("Leicestershire", "Leicestershire County Council",
    ///     [send_lifecycle::HealthBody::new(send_lifecycle::HealthBodyKind::Ccg, "Leicestershire Clinical Commissioning Group")]);
    /// let mut area = Lifecycle::new(leicestershire, Policy::default());
    /// let t = area.apply(Event::new(EventDate::parse("2020-02-03")?, EventDetail::InspectionStarted))?;
    /// assert_eq!(t.row().map(|r| r.event()), Some(EventKind::InspectionStarted));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn row(&self) -> Option<&'static Rule> {
        crate::lifecycle::TRANSITIONS.get(self.row)
    }

    /// The position of the row that applied among the rows of its framework's declaration
    /// ([`crate::Declaration::rows`]): a key for telling rows apart (which rows a history
    /// used), not a stable number — rows may be added or reordered in any version.
    pub fn row_index(&self) -> usize {
        self.row
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

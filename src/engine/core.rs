//! The state the rules read and write, and the one step function that judges an event.
//!
//! [`Core::judge`] decides, changing nothing, whether an event may apply: the row, every
//! payload problem with its place, the payload without the offending entries, and the
//! order verdict. [`Core::commit`] then makes the change the declaration's effects and
//! deadlines describe. A refused event therefore cannot leave the state half-changed.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::date::DateSpan;
use crate::engine::items::{ById, Items};
use crate::engine::rejection::{Rejection, RejectionReason};
use crate::engine::{Deadline, DeadlineBasis, WeaknessStatus};
use crate::event::{
    ActionJudgement, Effectiveness, Event, EventDetail, EventKind, Framework, HealthBody,
    Improvement, Judgement, Outcome, Progress, ProgressCounts, PublishedReport,
};
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
    /// Boxed: it is rare, and a verdict is moved at every event (in the profile, the
    /// 32-byte reason inline was copied in two overlapping halves and read back across
    /// them: the engine's hottest spot).
    pub(crate) out_of_order: Option<Box<RejectionReason>>,
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
        self.out_of_order.as_deref()
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
    /// The items of the reports: 2016 weaknesses, or 2023 areas for priority action.
    pub(crate) items: Items,
    /// The 2023 reports' areas for improvement, every report's, and those known by count.
    pub(crate) improvements: Vec<Improvement>,
    pub(crate) improvement_count: u64,
    pub(crate) improvements_known: bool,
    /// The latest 2023 outcome.
    pub(crate) outcome: Option<Outcome>,
    /// Whether the latest priority action plan has been published.
    pub(crate) plan_published: bool,
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
            items: Items::default(),
            improvements: Vec::new(),
            improvement_count: 0,
            improvements_known: false,
            outcome: None,
            plan_published: false,
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
            allowed: self.decl.allowed_in(self.stage),
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
        let (problems, cleaned) = self.review_payload(&event.detail);
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
            out_of_order: self.order_problem(span).map(Box::new),
        })
    }

    /// Counts an event applied to another record of the area for the order of the next.
    pub(crate) fn advance_latest(&mut self, span: DateSpan, index: usize) {
        advance(&mut self.latest_applied, span, index);
        advance(&mut self.latest_listed, span, index);
    }

    /// What a new record takes from the one it follows: a notice in force and the order of
    /// the events so far.
    pub(crate) fn carry_over(&mut self, from: &Core) {
        self.notice_in_force = from.notice_in_force;
        self.latest_applied = from.latest_applied;
        self.latest_listed = from.latest_listed;
    }

    /// Notes that an event dated `span` was offered at `index`, applied or not (for
    /// [`OrderBasis::Listed`]).
    pub(crate) fn note_listed(&mut self, span: DateSpan, index: usize) {
        advance(&mut self.latest_listed, span, index);
    }

    /// The out-of-order check: is `span` certainly earlier than an event before it (under
    /// the settings' basis)? Part of every verdict; asked on its own for an event the table
    /// refuses, whose date may contradict the order too.
    pub(crate) fn order_problem(&self, span: DateSpan) -> Option<RejectionReason> {
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
            (Condition::NoWeaknesses, EventDetail::ReportPublished(r)) => {
                r.weaknesses.is_empty() && r.weakness_count.unwrap_or(0) == 0
            }
            (Condition::SomeWeaknesses, EventDetail::ReportPublished(r)) => {
                !r.weaknesses.is_empty() || r.weakness_count.unwrap_or(0) > 0
            }
            (Condition::Outcome(o), EventDetail::ReportPublished(r)) => r.outcome == Some(o),
            (Condition::FitForPurpose, EventDetail::WsoaJudged { fit_for_purpose })
            | (Condition::FitForPurpose, EventDetail::AppJudged { fit_for_purpose })
            | (Condition::FitForPurpose, EventDetail::PapJudged { fit_for_purpose }) => {
                *fit_for_purpose
            }
            (Condition::NotFitForPurpose, EventDetail::WsoaJudged { fit_for_purpose })
            | (Condition::NotFitForPurpose, EventDetail::AppJudged { fit_for_purpose })
            | (Condition::NotFitForPurpose, EventDetail::PapJudged { fit_for_purpose }) => {
                !*fit_for_purpose
            }
            (Condition::AllSufficient, EventDetail::RevisitOutcome { judgements, counts }) => {
                self.all_sufficient_after(judgements, counts.as_deref())
            }
            (Condition::SomeInsufficient, EventDetail::RevisitOutcome { judgements, counts }) => {
                !self.all_sufficient_after(judgements, counts.as_deref())
            }
            (Condition::Decision(d), EventDetail::NextStepsDetermined { decision }) => {
                d == *decision
            }
            (Condition::NoNoticeInForce, _) => !self.notice_in_force,
            (Condition::NoticeInForce, _) => self.notice_in_force,
            (Condition::PlanNotPublished, _) => !self.plan_published,
            _ => false,
        }
    }

    fn all_sufficient_after(
        &self,
        judgements: &[Judgement],
        counts: Option<&ProgressCounts>,
    ) -> bool {
        self.items.all_good_after(
            self.decl,
            revisit_by_id(judgements),
            counts.map(|c| (c.sufficient, c.insufficient)),
            WeaknessTrigger::JudgedSufficient,
            WeaknessStage::Sufficient,
        )
    }

    /// Every problem of the payload against the items held and the framework, each with its
    /// place, and — only when there is one — the payload without the offending entries.
    /// Allocates nothing for a payload without problems of a handful of items.
    fn review_payload(&self, detail: &EventDetail) -> (Vec<RejectionReason>, Option<EventDetail>) {
        match detail {
            EventDetail::ReportPublished(_) => self.review_report(detail),
            EventDetail::RevisitOutcome { judgements, counts } => {
                let total = counts
                    .as_ref()
                    .map(|c| c.sufficient.saturating_add(c.insufficient));
                let (problems, keep, keep_counts) = self.review_judged(
                    revisit_by_id(judgements),
                    total,
                    WeaknessTrigger::JudgedSufficient,
                );
                if problems.is_empty() {
                    return (problems, None);
                }
                let cleaned = EventDetail::RevisitOutcome {
                    judgements: kept(judgements, &keep),
                    counts: counts.as_ref().filter(|_| keep_counts).cloned(),
                };
                (problems, Some(cleaned))
            }
            EventDetail::MonitoringInspectionOutcome { judgements, counts } => {
                let total = counts
                    .as_ref()
                    .map(|c| c.effective_action.saturating_add(c.not_effective_action));
                let (problems, keep, keep_counts) = self.review_judged(
                    monitoring_by_id(judgements),
                    total,
                    WeaknessTrigger::JudgedEffective,
                );
                if problems.is_empty() {
                    return (problems, None);
                }
                let cleaned = EventDetail::MonitoringInspectionOutcome {
                    judgements: kept(judgements, &keep),
                    counts: counts.as_ref().filter(|_| keep_counts).cloned(),
                };
                (problems, Some(cleaned))
            }
            _ => (Vec::new(), None),
        }
    }

    /// The judgements of an outcome, by id and as counts.
    fn review_judged<'a>(
        &self,
        by_id: impl Iterator<Item = ById<'a>> + Clone,
        total: Option<u64>,
        judge: WeaknessTrigger,
    ) -> (Vec<RejectionReason>, Vec<bool>, bool) {
        let (mut problems, keep) =
            self.items
                .review_by_id(self.decl, by_id, judge, total.is_some());
        let mut keep_counts = true;
        if let Some(total) = total {
            if let Some(p) = self.items.review_counts(self.decl, judge, total) {
                problems.push(p);
                keep_counts = false;
            }
        }
        (problems, keep, keep_counts)
    }

    /// A report's problems: members of the other framework's version, repeated ids, items
    /// that contradict the outcome.
    fn review_report(&self, detail: &EventDetail) -> (Vec<RejectionReason>, Option<EventDetail>) {
        let EventDetail::ReportPublished(report) = detail else {
            return (Vec::new(), None);
        };
        let PublishedReport {
            weaknesses,
            outcome,
            priority_actions,
            priority_action_count,
            improvements,
            ..
        } = &**report;
        let is_2023 = self.decl.framework == Framework::AreaSend2023;
        let mut problems = self.foreign_members(detail);
        // Repeated ids are found without a copy; the lists are rebuilt only when cleaning.
        if !is_2023 {
            repeats(weaknesses, |w| w.id.as_str(), &mut problems);
        } else {
            let none = &[][..];
            repeats(
                priority_actions.as_deref().unwrap_or(none),
                |a| a.id.as_str(),
                &mut problems,
            );
            let none = &[][..];
            repeats(
                improvements.as_deref().unwrap_or(none),
                |a| a.id.as_str(),
                &mut problems,
            );
        }
        let mut drop_priority_actions = false;
        if let (true, Some(o)) = (is_2023, outcome) {
            let items = priority_actions
                .as_ref()
                .map(|p| p.len() as u64)
                .or(*priority_action_count);
            let given = priority_actions.is_some() || priority_action_count.is_some();
            let wanting = *o == Outcome::WidespreadFailings && given && items == Some(0);
            let extra = *o != Outcome::WidespreadFailings && items.unwrap_or(0) > 0;
            if wanting || extra {
                problems.push(RejectionReason::OutcomeItemsMismatch {
                    outcome: *o,
                    items: items.unwrap_or(0),
                });
            }
            // Applied by its outcome: no areas for priority action come with another.
            drop_priority_actions = extra;
        }
        if problems.is_empty() {
            return (problems, None);
        }
        let cleaned = cleaned_report(detail, is_2023, drop_priority_actions);
        (problems, Some(cleaned))
    }

    /// The members of a report of the other framework's version of it.
    fn foreign_members(&self, detail: &EventDetail) -> Vec<RejectionReason> {
        let EventDetail::ReportPublished(report) = detail else {
            return Vec::new();
        };
        let PublishedReport {
            weaknesses,
            weakness_count,
            outcome,
            priority_actions,
            priority_action_count,
            improvements,
            improvement_count,
            ..
        } = &**report;
        let in_force = self.decl.framework;
        let present: [(&'static str, bool); 7] = if in_force == Framework::AreaSend2023 {
            [
                ("weaknesses", !weaknesses.is_empty()),
                ("weakness_count", weakness_count.is_some()),
                ("", false),
                ("", false),
                ("", false),
                ("", false),
                ("", false),
            ]
        } else {
            [
                ("outcome", outcome.is_some()),
                ("priority_actions", priority_actions.is_some()),
                ("priority_action_count", priority_action_count.is_some()),
                ("improvements", improvements.is_some()),
                ("improvement_count", improvement_count.is_some()),
                ("", false),
                ("", false),
            ]
        };
        present
            .iter()
            .filter(|(_, p)| *p)
            .map(|(field, _)| RejectionReason::FrameworkMismatch {
                field: Some(field),
                in_force,
            })
            .collect()
    }

    /// The weakness by id, in the latest report.
    pub(crate) fn weakness(&self, id: &str) -> Option<&WeaknessStatus> {
        self.items.get(id)
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
        for (when, effect) in self.decl.effects.of(kind) {
            if when == Condition::Always || when == condition {
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
            (Effect::InspectionBegins, _) => self.report_reached = None,
            (Effect::IdentifyItems, EventDetail::ReportPublished(_)) => {
                t.weaknesses_identified = self.identify(detail);
            }
            (Effect::TriggerAllItems(trigger), _) => self.items.trigger_all(self.decl, trigger),
            (Effect::JudgeItems, EventDetail::RevisitOutcome { judgements, counts }) => {
                let by_id = revisit_by_id(judgements);
                let counts: Vec<_> = counts
                    .iter()
                    .flat_map(|c| {
                        [
                            (WeaknessTrigger::JudgedSufficient, c.sufficient),
                            (WeaknessTrigger::JudgedInsufficient, c.insufficient),
                        ]
                    })
                    .collect();
                t.weaknesses_judged =
                    self.items
                        .judge(self.decl, by_id, &counts, WeaknessTrigger::JudgedSufficient);
            }
            (
                Effect::JudgeItems,
                EventDetail::MonitoringInspectionOutcome { judgements, counts },
            ) => {
                let by_id = monitoring_by_id(judgements);
                let counts: Vec<_> = counts
                    .iter()
                    .flat_map(|c| {
                        [
                            (WeaknessTrigger::JudgedEffective, c.effective_action),
                            (WeaknessTrigger::JudgedNotEffective, c.not_effective_action),
                        ]
                    })
                    .collect();
                t.weaknesses_judged =
                    self.items
                        .judge(self.decl, by_id, &counts, WeaknessTrigger::JudgedEffective);
            }
            (Effect::NoticeIssued, _) => self.notice_in_force = true,
            (Effect::NoticeLifted, _) => self.notice_in_force = false,
            (Effect::PlanPublished, _) => self.plan_published = true,
            (Effect::ReplaceHealthBodies, EventDetail::HealthBodyChanged { health_bodies }) => {
                self.health_bodies = health_bodies.clone();
                t.health_bodies_changed = true;
            }
            // Closing the 2016 record is the area's, which holds both records.
            _ => {}
        }
    }

    /// A report's items identified: a 2016 letter's weaknesses replace any held; a 2023
    /// report's areas for priority action and for improvement join the earlier cycles'.
    fn identify(&mut self, detail: &EventDetail) -> usize {
        let EventDetail::ReportPublished(report) = detail else {
            return 0;
        };
        let PublishedReport {
            weaknesses,
            weakness_count,
            outcome,
            priority_actions,
            priority_action_count,
            improvements,
            improvement_count,
            ..
        } = &**report;
        if self.decl.framework == Framework::LocalAreaSend2016 {
            let listed = weaknesses.iter().map(|w| (w.id.as_str(), w.title.as_str()));
            return self.items.identify(listed, *weakness_count, true, false);
        }
        self.outcome = *outcome;
        self.plan_published = false;
        // Under `positive` and `inconsistent`, leaving priority actions out means none.
        let none_by_outcome = *outcome != Some(Outcome::WidespreadFailings);
        let known =
            priority_actions.is_some() || priority_action_count.is_some() || none_by_outcome;
        let listed = priority_actions
            .iter()
            .flatten()
            .map(|a| (a.id.as_str(), a.title.as_str()));
        let n = self
            .items
            .identify(listed, *priority_action_count, known, true);
        if let Some(list) = improvements {
            self.improvements.extend(list.iter().cloned());
            self.improvements_known = true;
        }
        if let Some(c) = improvement_count {
            self.improvement_count = self.improvement_count.saturating_add(*c);
            self.improvements_known = true;
        }
        n
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
            if kind == rule.set_by && verdict.to == rule.set_in && verdict.from != rule.set_in {
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
                    // The first deadline the event sets is the one it reports (the
                    // declaration lists the plan's own before its publication's).
                    t.deadline_set = t.deadline_set.or(state.current);
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
    /// The stage after (the same as `from` for events that change no stage), in the record
    /// that judged the event. For `framework_changed` that is the 2016 record, whose own
    /// row keeps it in its stage: `to` is the stage that record keeps (as the legacy record
    /// if it is open, [`crate::Lifecycle::legacy_stage`]), while the area itself now stands
    /// at the new framework's start ([`crate::Lifecycle::stage`], `not_inspected`). An event
    /// a legacy record takes reports the legacy record's stages here.
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

/// A revisit's judgements as the items read them (no copy: an iterator over them).
fn revisit_by_id(judgements: &[Judgement]) -> impl Iterator<Item = ById<'_>> + Clone {
    judgements.iter().map(|j| ById {
        id: j.weakness.as_str(),
        trigger: trigger(j.progress),
    })
}

/// A monitoring inspection's judgements as the items read them.
fn monitoring_by_id(judgements: &[ActionJudgement]) -> impl Iterator<Item = ById<'_>> + Clone {
    judgements.iter().map(|j| ById {
        id: j.action.as_str(),
        trigger: match j.effectiveness {
            Effectiveness::EffectiveAction => WeaknessTrigger::JudgedEffective,
            Effectiveness::NotEffectiveAction => WeaknessTrigger::JudgedNotEffective,
        },
    })
}

/// The entries of `all` that `keep` marks (an entry past its end is kept: `keep` is filled
/// only from the first entry with a problem on).
fn kept<T: Clone>(all: &[T], keep: &[bool]) -> Vec<T> {
    all.iter()
        .enumerate()
        .filter(|(i, _)| keep.get(*i).copied().unwrap_or(true))
        .map(|(_, j)| j.clone())
        .collect()
}

/// A report without the members of the other framework's version, the repeats of its ids,
/// and (`drop_priority_actions`) areas for priority action under another outcome.
fn cleaned_report(detail: &EventDetail, is_2023: bool, drop_priority_actions: bool) -> EventDetail {
    let EventDetail::ReportPublished(report) = detail else {
        return detail.clone();
    };
    let PublishedReport {
        weaknesses,
        weakness_count,
        outcome,
        priority_actions,
        priority_action_count,
        improvements,
        improvement_count,
        letter_date,
    } = &**report;
    let weaknesses = if is_2023 {
        Vec::new()
    } else {
        unique(weaknesses, |w| w.id.as_str())
    };
    let keep_actions = is_2023 && !drop_priority_actions;
    EventDetail::from(PublishedReport {
        weaknesses,
        weakness_count: weakness_count.filter(|_| !is_2023),
        outcome: outcome.filter(|_| is_2023),
        priority_actions: priority_actions
            .as_ref()
            .filter(|_| keep_actions)
            .map(|p| unique(p, |a| a.id.as_str())),
        priority_action_count: priority_action_count.filter(|_| keep_actions),
        improvements: improvements
            .as_ref()
            .filter(|_| is_2023)
            .map(|i| unique(i, |a| a.id.as_str())),
        improvement_count: improvement_count.filter(|_| is_2023),
        letter_date: *letter_date,
    })
}

/// Every repeat of an id in a list, reported at its position: pairwise for a letter of a
/// handful (no allocation), with a set for a longer list (no list is quadratic).
fn repeats<T>(list: &[T], id: impl Fn(&T) -> &str, problems: &mut Vec<RejectionReason>) {
    let positions = repeated(list, &id);
    // Room for exactly the repeats: a list of thousands of one id would otherwise grow the
    // problems by doubling, three times their size at the last step.
    problems.reserve_exact(positions.len());
    for position in positions {
        if let Some(item) = list.get(position) {
            problems.push(RejectionReason::DuplicateWeakness {
                id: id(item).to_owned(),
                position,
            });
        }
    }
}

/// The positions of the repeats of an id in a list, in order.
fn repeated<T>(list: &[T], id: impl Fn(&T) -> &str) -> Vec<usize> {
    if list.len() <= 16 {
        (0..list.len())
            .filter(|&k| {
                let this = list.get(k).map(&id);
                list.iter().take(k).any(|e| Some(id(e)) == this)
            })
            .collect()
    } else {
        let mut seen = HashSet::with_capacity(list.len());
        list.iter()
            .enumerate()
            .filter(|(_, item)| !seen.insert(id(item)))
            .map(|(k, _)| k)
            .collect()
    }
}

/// The entries of a list with the first of each id (the repeats are reported by
/// [`repeats`]), in a list of exactly their number.
fn unique<T: Clone>(list: &[T], id: impl Fn(&T) -> &str) -> Vec<T> {
    let repeats = repeated(list, id);
    let mut out = Vec::with_capacity(list.len().saturating_sub(repeats.len()));
    let mut next = repeats.iter().copied().peekable();
    for (position, item) in list.iter().enumerate() {
        if next.peek() == Some(&position) {
            next.next();
        } else {
            out.push(item.clone());
        }
    }
    out
}

fn trigger(p: Progress) -> WeaknessTrigger {
    match p {
        Progress::Sufficient => WeaknessTrigger::JudgedSufficient,
        Progress::Insufficient => WeaknessTrigger::JudgedInsufficient,
    }
}

//! The vocabulary of a declaration: rows, conditions, targets, item rows, and the facts
//! that decide no stage (effects, deadlines, meetings, fieldwork, horizons).

use serde::{Deserialize, Serialize};

use crate::diagnostic::Code;
use crate::engine::DeadlineBasis;
use crate::event::{EventKind, NextStep};
use crate::lifecycle::stage::{Stage, WeaknessStage};
use crate::policy::Policy;

/// What must hold, beyond the stage and the kind, for a row to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "when", content = "decision")]
#[non_exhaustive]
pub enum Condition {
    /// Nothing more.
    Always,
    /// The report lists no significant weakness.
    NoWeaknesses,
    /// The report lists at least one significant weakness.
    SomeWeaknesses,
    /// The plan was judged fit for purpose.
    FitForPurpose,
    /// The plan was judged not fit for purpose.
    NotFitForPurpose,
    /// After the judgements, every weakness has made sufficient progress.
    AllSufficient,
    /// After the judgements, some weakness has not.
    SomeInsufficient,
    /// The next-steps decision is this one.
    Decision(NextStep),
    /// No improvement notice is in force.
    NoNoticeInForce,
    /// An improvement notice is in force.
    NoticeInForce,
    /// The 2023 report's outcome is this one.
    Outcome(crate::event::Outcome),
    /// The priority action plan has not been published yet (it is published once).
    PlanNotPublished,
}

impl Condition {
    /// A short label for diagrams and messages, or `None` for [`Condition::Always`].
    pub fn label(&self) -> Option<&'static str> {
        Some(match self {
            Condition::Always => return None,
            Condition::NoWeaknesses => "no weaknesses",
            Condition::SomeWeaknesses => "weaknesses",
            Condition::FitForPurpose => "fit",
            Condition::NotFitForPurpose => "not fit",
            Condition::AllSufficient => "all sufficient",
            Condition::SomeInsufficient => "some insufficient",
            Condition::Decision(d) => d.as_str(),
            Condition::NoNoticeInForce => "no notice in force",
            Condition::NoticeInForce => "notice in force",
            Condition::Outcome(o) => o.as_str(),
            Condition::PlanNotPublished => "plan not yet published",
        })
    }
}

/// Where a row leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "to", content = "stage")]
#[non_exhaustive]
pub enum Target {
    /// To this stage.
    Stage(Stage),
    /// The area stays in the stage it is in (the event is recorded, the stage unchanged).
    Stay,
}

/// One row of the transition table: in any of `from`, an event of `event` for which
/// `condition` holds leads to `to`. Rows are declared inside the crate (one declaration per
/// framework) and read through the accessors.
///
/// # Example
/// ```
/// use send_lifecycle::{Condition, EventKind, Stage, Target, TRANSITIONS};
/// let row = TRANSITIONS
///     .iter()
///     .find(|r| r.event() == EventKind::InspectionEnded)
///     .ok_or("no row")?;
/// assert_eq!(row.from(), &[Stage::Inspecting]);
/// assert_eq!(row.condition(), Condition::Always);
/// assert_eq!(row.to(), Target::Stage(Stage::AwaitingReport));
/// assert_eq!(row.target_from(Stage::Inspecting), Stage::AwaitingReport);
/// # Ok::<(), &str>(())
/// ```
///
/// Its fields are the crate's:
/// ```compile_fail
/// fn kind(row: &send_lifecycle::Rule) -> send_lifecycle::EventKind {
///     row.event
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    // Private to the crate (the `transitions!` macro builds rows with a struct literal),
    // so that a row can carry more in a later version.
    pub(crate) from: &'static [Stage],
    pub(crate) event: EventKind,
    pub(crate) condition: Condition,
    pub(crate) to: Target,
}

impl Rule {
    /// The stages the row applies in.
    pub fn from(&self) -> &'static [Stage] {
        self.from
    }

    /// The event kind.
    pub fn event(&self) -> EventKind {
        self.event
    }

    /// What must hold besides.
    pub fn condition(&self) -> Condition {
        self.condition
    }

    /// Where it leads.
    pub fn to(&self) -> Target {
        self.to
    }

    /// The stage reached from `from` (which must be one of the row's stages).
    pub fn target_from(&self, from: Stage) -> Stage {
        match self.to {
            Target::Stage(s) => s,
            Target::Stay => from,
        }
    }
}

/// What happens to a weakness when an area event applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WeaknessTrigger {
    /// The WSoA was judged fit for purpose.
    WsoaFitForPurpose,
    /// A revisit judged sufficient progress on this weakness.
    JudgedSufficient,
    /// A revisit judged insufficient progress on this weakness.
    JudgedInsufficient,
    /// The item was closed without a judgement (sign-off, or the 2023 framework's first
    /// report).
    Supersede,
    /// The priority action plan was judged fit for purpose.
    PapFitForPurpose,
    /// A monitoring inspection found effective action on this area for priority action.
    JudgedEffective,
    /// A monitoring inspection found no effective action on it.
    JudgedNotEffective,
}

/// One row of the per-weakness table, read through the accessors.
///
/// # Example
/// ```
/// use send_lifecycle::{WeaknessStage, WeaknessTrigger, WEAKNESS_TRANSITIONS};
/// let row = WEAKNESS_TRANSITIONS
///     .iter()
///     .find(|r| r.trigger() == WeaknessTrigger::WsoaFitForPurpose)
///     .ok_or("no row")?;
/// assert_eq!((row.from(), row.to()), (WeaknessStage::Identified, WeaknessStage::InAction));
/// # Ok::<(), &str>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WeaknessRule {
    // Private to the crate, like `Rule`'s.
    pub(crate) from: WeaknessStage,
    pub(crate) trigger: WeaknessTrigger,
    pub(crate) to: WeaknessStage,
}

impl WeaknessRule {
    /// A row of a framework's item table (used by the declarations).
    pub(crate) const fn row(
        from: WeaknessStage,
        trigger: WeaknessTrigger,
        to: WeaknessStage,
    ) -> WeaknessRule {
        WeaknessRule { from, trigger, to }
    }

    /// The weakness's stage before.
    pub fn from(&self) -> WeaknessStage {
        self.from
    }

    /// What happened.
    pub fn trigger(&self) -> WeaknessTrigger {
        self.trigger
    }

    /// The weakness's stage after.
    pub fn to(&self) -> WeaknessStage {
        self.to
    }
}

/// What an applied event does to the state besides moving the stage. Effects are keyed by
/// event kind and row condition in [`crate::Declaration`]; the engine interprets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effect {
    /// The report has reached the area: the earliest such date is its receipt, from which
    /// deadlines count.
    ReportReached,
    /// A new full inspection begins: the last report's receipt no longer counts for the
    /// deadlines and horizons of the report to come (under the 2023 framework, whose cycle
    /// of full inspections goes on).
    InspectionBegins,
    /// The report's items (significant weaknesses) are identified, replacing those held.
    IdentifyItems,
    /// Every item held takes this trigger, where the item table allows it.
    TriggerAllItems(WeaknessTrigger),
    /// Each judged item takes the trigger its judgement names.
    JudgeItems,
    /// A DfE improvement notice comes into force.
    NoticeIssued,
    /// The improvement notice is lifted.
    NoticeLifted,
    /// The health bodies in force are replaced by the event's.
    ReplaceHealthBodies,
    /// The first report under the 2023 framework closes the open 2016 record: its
    /// weaknesses not yet sufficient are superseded.
    CloseLegacy,
    /// The priority action plan is published (it may be, once).
    PlanPublished,
}

/// Which plan a deadline is for; its name in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlanKind {
    /// The written statement of action.
    Wsoa,
    /// The accelerated progress plan.
    App,
    /// The priority action plan's submission.
    Pap,
    /// The priority action plan's publication.
    PapPublication,
    /// The updated strategic plan's publication.
    StrategicPlan,
}

impl PlanKind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            PlanKind::Wsoa => "WSoA",
            PlanKind::App => "APP",
            PlanKind::Pap => "priority action plan",
            PlanKind::PapPublication => "priority action plan's publication",
            PlanKind::StrategicPlan => "strategic plan",
        }
    }

    /// What submits (or publishes) the plan, in messages.
    pub(crate) fn done(self) -> &'static str {
        match self {
            PlanKind::PapPublication | PlanKind::StrategicPlan => "published",
            _ => "submitted",
        }
    }

    /// The `next_due` name of the step.
    pub(crate) fn what(self) -> &'static str {
        match self {
            PlanKind::Wsoa => "wsoa",
            PlanKind::App => "app",
            PlanKind::Pap => "pap",
            PlanKind::PapPublication => "pap_publication",
            PlanKind::StrategicPlan => "strategic_plan",
        }
    }
}

/// Where a deadline's working days count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CountFrom {
    /// The earliest date the report is known to have reached the area.
    ReportReceipt,
    /// The date of the event that sets the deadline.
    Event,
}

/// A number of working days the policy sets, if it sets one.
pub(crate) type PolicyDays = fn(&Policy) -> Option<u32>;

/// A deadline of the framework: when it is set, revised, reset and met, and what it is
/// called when it is missed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DeadlineRule {
    pub(crate) plan: PlanKind,
    /// The stages in which the plan is due (until it is met).
    pub(crate) due_in: &'static [Stage],
    /// An applied event of this kind that leads into `set_in` sets the deadline.
    pub(crate) set_by: EventKind,
    pub(crate) set_in: Stage,
    pub(crate) count_from: CountFrom,
    pub(crate) working_days: PolicyDays,
    pub(crate) basis: DeadlineBasis,
    /// An event that sets an agreed new deadline (its `new_deadline`).
    pub(crate) revised_by: Option<EventKind>,
    /// Submitting the plan meets (and clears) the deadline.
    pub(crate) met_by: EventKind,
    /// A judgement under this condition sets the resubmission deadline, if the policy has
    /// one; under `cleared_when` it clears the deadline.
    pub(crate) resubmission: Option<(EventKind, Condition, PolicyDays)>,
    pub(crate) cleared_when: Option<(EventKind, Condition)>,
    /// The code for a submission after the deadline.
    pub(crate) late: Code,
}

/// Meetings expected at an interval while the area is in a stage.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MeetingRule {
    /// The stages in which the meetings are expected: one interval runs across them.
    pub(crate) stages: &'static [Stage],
    /// The event that counts as a meeting.
    pub(crate) meeting: EventKind,
    pub(crate) interval_months: fn(&Policy) -> u32,
    /// What the meeting is called in messages.
    pub(crate) what: &'static str,
    /// Entering the stage by one of these kinds starts no interval (a further-revisit
    /// decision returns the area to `monitoring` to await the revisit).
    pub(crate) not_entered_by: &'static [EventKind],
}

/// How fieldwork is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Length {
    /// England and Wales working days, both ends counted.
    WorkingDays,
    /// Calendar days, both ends counted.
    Days,
}

/// A piece of fieldwork between two events, with its usual longest length.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldworkRule {
    pub(crate) start: EventKind,
    pub(crate) end: EventKind,
    pub(crate) length: Length,
    pub(crate) limit: fn(&Policy) -> u32,
    pub(crate) code: Code,
    pub(crate) what: &'static str,
}

/// A step usually taken within some months of another (a revisit within 18 months of the
/// WSoA being judged fit for purpose).
#[derive(Debug, Clone, Copy)]
pub(crate) struct HorizonRule {
    /// The applied row (kind and condition) the horizon counts from.
    pub(crate) from: (EventKind, Condition),
    /// Count from the report's receipt (the earlier of its receipt and publication) rather
    /// than the event's own date.
    pub(crate) from_receipt: bool,
    /// What it counts from, in messages.
    pub(crate) from_what: &'static str,
    /// The first event of this kind after it is checked.
    pub(crate) event: EventKind,
    pub(crate) what: &'static str,
    pub(crate) months: fn(&Policy) -> u32,
    pub(crate) code: Code,
    /// Said in the help: why a late step is not certainly wrong.
    pub(crate) help: &'static str,
}

//! The lifecycle as data: the one transition table.
//!
//! Every rule of which event may follow which stage lives here, and only here. The runtime
//! engine ([`crate::Lifecycle`]) looks rows up in [`TRANSITIONS`] and
//! [`WEAKNESS_TRANSITIONS`]; the typestate API ([`crate::typed`]) drives that engine; the
//! Mermaid diagram ([`crate::lifecycle_mermaid`]) is drawn from the rows; and the
//! reachability tests read the rows.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::event::{EventKind, NextStep};

macro_rules! stages {
    ($( $variant:ident => $name:literal, $text:literal; )*) => {
        /// The stage an area is in. The names are the contract's.
        ///
        /// # Example
        /// ```
        /// use send_lifecycle::Stage;
        /// assert_eq!(Stage::WsoaDue.as_str(), "wsoa_due");
        /// assert_eq!(Stage::from_name("monitoring"), Some(Stage::Monitoring));
        /// assert!(Stage::ConcludedSufficient.is_terminal());
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum Stage {
            $( #[doc = $text] $variant, )*
        }

        impl Stage {
            /// Every stage, in lifecycle order.
            pub const ALL: &'static [Stage] = &[ $( Stage::$variant, )* ];

            /// The contract's name of the stage.
            pub fn as_str(&self) -> &'static str {
                match self { $( Stage::$variant => $name, )* }
            }

            /// What the stage means, in plain words.
            pub fn describe(&self) -> &'static str {
                match self { $( Stage::$variant => $text, )* }
            }

            /// The stage with this contract name.
            pub fn from_name(name: &str) -> Option<Stage> {
                match name { $( $name => Some(Stage::$variant), )* _ => None }
            }
        }
    };
}

stages! {
    NotInspected => "not_inspected", "not yet inspected under the framework";
    Notified => "notified", "notified of an inspection";
    Inspecting => "inspecting", "inspection fieldwork under way";
    AwaitingReport => "awaiting_report", "inspected, awaiting the report letter";
    ConcludedNoWsoa => "concluded_no_wsoa", "concluded: no significant weakness, no WSoA required";
    WsoaDue => "wsoa_due", "a written statement of action (WSoA) is due";
    WsoaUnderReview => "wsoa_under_review", "the WSoA is with Ofsted and CQC for judgement";
    Monitoring => "monitoring", "the WSoA is fit for purpose; DfE and NHS England monitor it";
    RevisitNotified => "revisit_notified", "notified of a revisit";
    Revisiting => "revisiting", "revisit fieldwork under way";
    AwaitingRevisitOutcome => "awaiting_revisit_outcome", "revisited, awaiting the revisit letter";
    ConcludedSufficient => "concluded_sufficient", "concluded: sufficient progress on every weakness; monitoring ceases";
    AwaitingNextSteps => "awaiting_next_steps", "insufficient progress: DfE and NHS England to determine next steps";
    AppDue => "app_due", "an accelerated progress plan (APP) is due";
    AppUnderReview => "app_under_review", "the APP is with DfE for judgement";
    AppMonitoring => "app_monitoring", "the APP is fit for purpose; DfE and NHS England review it";
    UnderIntervention => "under_intervention", "DfE intervention: an improvement notice or statutory direction was decided";
}

impl Stage {
    /// A stage nothing follows: the lifecycle under this framework is over.
    pub fn is_terminal(&self) -> bool {
        matches!(self, Stage::ConcludedNoWsoa | Stage::ConcludedSufficient)
    }

    /// A stage an area may rightly stay in for a long time (monitoring, APP reviews,
    /// intervention): not an end, but not a dead end either.
    pub fn is_long_running(&self) -> bool {
        matches!(
            self,
            Stage::Monitoring | Stage::AppMonitoring | Stage::UnderIntervention
        )
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stage of one significant weakness.
///
/// # Example
/// ```
/// use send_lifecycle::WeaknessStage;
/// assert_eq!(WeaknessStage::InAction.as_str(), "in_action");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WeaknessStage {
    /// Named in the report letter; no fit-for-purpose WSoA yet.
    Identified,
    /// A fit-for-purpose WSoA sets out how it is tackled.
    InAction,
    /// A revisit found sufficient progress.
    Sufficient,
    /// A revisit found insufficient progress.
    Insufficient,
}

impl WeaknessStage {
    /// Every weakness stage.
    pub const ALL: &'static [WeaknessStage] = &[
        WeaknessStage::Identified,
        WeaknessStage::InAction,
        WeaknessStage::Sufficient,
        WeaknessStage::Insufficient,
    ];

    /// The contract's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            WeaknessStage::Identified => "identified",
            WeaknessStage::InAction => "in_action",
            WeaknessStage::Sufficient => "sufficient",
            WeaknessStage::Insufficient => "insufficient",
        }
    }
}

impl fmt::Display for WeaknessStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

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
/// `condition` holds leads to `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// The stages the row applies in.
    pub from: &'static [Stage],
    /// The event kind.
    pub event: EventKind,
    /// What must hold besides.
    pub condition: Condition,
    /// Where it leads.
    pub to: Target,
}

impl Rule {
    /// The stage reached from `from` (which must be one of the row's stages).
    pub fn target_from(&self, from: Stage) -> Stage {
        match self.to {
            Target::Stage(s) => s,
            Target::Stay => from,
        }
    }
}

use Condition as C;
use EventKind as E;
use Stage as S;

/// Every stage at all: for events that may be recorded whatever the stage.
const ANY: &[Stage] = Stage::ALL;
/// Stages after a revisit found insufficient progress, where DfE intervention can happen.
/// The typed API's `AfterInsufficientProgress` marker trait must match (tested there).
pub(crate) const AFTER_INSUFFICIENT: &[Stage] = &[
    S::AwaitingNextSteps,
    S::AppDue,
    S::AppUnderReview,
    S::AppMonitoring,
    S::UnderIntervention,
];

/// Stages an improvement notice may still be in force in: after insufficient progress, and
/// through a further revisit to its outcome. The typed API's `NoticeMayBeInForce` marker
/// trait must match (tested there).
pub(crate) const NOTICE_MAY_BE_IN_FORCE: &[Stage] = &[
    S::Monitoring,
    S::RevisitNotified,
    S::Revisiting,
    S::AwaitingRevisitOutcome,
    S::ConcludedSufficient,
    S::AwaitingNextSteps,
    S::AppDue,
    S::AppUnderReview,
    S::AppMonitoring,
    S::UnderIntervention,
];

const fn row(from: &'static [Stage], event: EventKind, condition: Condition, to: Target) -> Rule {
    Rule {
        from,
        event,
        condition,
        to,
    }
}

const fn go(s: Stage) -> Target {
    Target::Stage(s)
}

const STAY: Target = Target::Stay;

/// The transition table of the 2016–2022 framework: the single source of truth.
///
/// Rows are tried in order; the first whose stage, kind and condition all match applies.
///
/// # Example
/// ```
/// use send_lifecycle::{EventKind, Stage, TRANSITIONS, Target};
/// let row = TRANSITIONS
///     .iter()
///     .find(|r| r.from.contains(&Stage::Inspecting) && r.event == EventKind::InspectionEnded);
/// assert_eq!(row.map(|r| r.to), Some(Target::Stage(Stage::AwaitingReport)));
/// ```
#[rustfmt::skip]
pub const TRANSITIONS: &[Rule] = &[
    // Notice and inspection. The notice is often undated in the sources, so fieldwork may
    // start without a recorded notification.
    row(&[S::NotInspected], E::InspectionNotified, C::Always, go(S::Notified)),
    row(&[S::NotInspected, S::Notified], E::InspectionStarted, C::Always, go(S::Inspecting)),
    row(&[S::Inspecting], E::InspectionEnded, C::Always, go(S::AwaitingReport)),
    // The report letter: received (perhaps before publication), then published.
    row(&[S::AwaitingReport], E::ReportReceived, C::Always, STAY),
    row(&[S::AwaitingReport], E::ReportPublished, C::NoWeaknesses, go(S::ConcludedNoWsoa)),
    row(&[S::AwaitingReport], E::ReportPublished, C::SomeWeaknesses, go(S::WsoaDue)),
    // The written statement of action and its judgement; not fit → due again.
    row(&[S::WsoaDue], E::WsoaDeadlineRevised, C::Always, STAY),
    row(&[S::WsoaDue], E::WsoaSubmitted, C::Always, go(S::WsoaUnderReview)),
    row(&[S::WsoaUnderReview], E::WsoaJudged, C::FitForPurpose, go(S::Monitoring)),
    row(&[S::WsoaUnderReview], E::WsoaJudged, C::NotFitForPurpose, go(S::WsoaDue)),
    // Quarterly monitoring, then the revisit (its notice, too, is often undated).
    row(&[S::Monitoring], E::MonitoringMeeting, C::Always, STAY),
    row(&[S::Monitoring], E::RevisitNotified, C::Always, go(S::RevisitNotified)),
    row(&[S::Monitoring, S::RevisitNotified], E::RevisitStarted, C::Always, go(S::Revisiting)),
    row(&[S::Revisiting], E::RevisitEnded, C::Always, go(S::AwaitingRevisitOutcome)),
    row(&[S::AwaitingRevisitOutcome], E::RevisitOutcome, C::AllSufficient, go(S::ConcludedSufficient)),
    row(&[S::AwaitingRevisitOutcome], E::RevisitOutcome, C::SomeInsufficient, go(S::AwaitingNextSteps)),
    // Next steps after insufficient progress.
    row(&[S::AwaitingNextSteps, S::UnderIntervention], E::NextStepsDetermined, C::Decision(NextStep::AcceleratedProgressPlan), go(S::AppDue)),
    row(&[S::AwaitingNextSteps, S::AppMonitoring, S::UnderIntervention], E::NextStepsDetermined, C::Decision(NextStep::FurtherRevisit), go(S::Monitoring)),
    row(&[S::AwaitingNextSteps, S::AppMonitoring], E::NextStepsDetermined, C::Decision(NextStep::ImprovementNotice), go(S::UnderIntervention)),
    row(&[S::AwaitingNextSteps, S::AppMonitoring], E::NextStepsDetermined, C::Decision(NextStep::StatutoryDirection), go(S::UnderIntervention)),
    // The accelerated progress plan; not fit → due again.
    row(&[S::AppDue], E::AppSubmitted, C::Always, go(S::AppUnderReview)),
    row(&[S::AppUnderReview], E::AppJudged, C::FitForPurpose, go(S::AppMonitoring)),
    row(&[S::AppUnderReview], E::AppJudged, C::NotFitForPurpose, go(S::AppDue)),
    row(&[S::AppMonitoring], E::AppReview, C::Always, STAY),
    // An improvement notice follows insufficient progress and is in force until lifted,
    // which may be after a further revisit too; it changes no stage.
    row(AFTER_INSUFFICIENT, E::ImprovementNoticeIssued, C::NoNoticeInForce, STAY),
    row(NOTICE_MAY_BE_IN_FORCE, E::ImprovementNoticeLifted, C::NoticeInForce, STAY),
    // Recorded in any stage, changing none.
    row(ANY, E::HealthBodyChanged, C::Always, STAY),
    row(ANY, E::Note, C::Always, STAY),
];

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
}

/// One row of the per-weakness table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WeaknessRule {
    /// The weakness's stage before.
    pub from: WeaknessStage,
    /// What happened.
    pub trigger: WeaknessTrigger,
    /// The weakness's stage after.
    pub to: WeaknessStage,
}

const fn wrow(from: WeaknessStage, trigger: WeaknessTrigger, to: WeaknessStage) -> WeaknessRule {
    WeaknessRule { from, trigger, to }
}

/// The per-weakness table. A weakness found sufficient is never judged again: a further
/// revisit judges only the weaknesses still insufficient (no row leaves `sufficient`).
pub const WEAKNESS_TRANSITIONS: &[WeaknessRule] = {
    use WeaknessStage as W;
    use WeaknessTrigger as T;
    &[
        wrow(W::Identified, T::WsoaFitForPurpose, W::InAction),
        wrow(W::InAction, T::JudgedSufficient, W::Sufficient),
        wrow(W::InAction, T::JudgedInsufficient, W::Insufficient),
        wrow(W::Insufficient, T::JudgedSufficient, W::Sufficient),
        wrow(W::Insufficient, T::JudgedInsufficient, W::Insufficient),
    ]
};

/// The rows that apply to `event` in `stage`, with their indices, in table order.
pub(crate) fn indexed_rows_for(
    stage: Stage,
    event: EventKind,
) -> impl Iterator<Item = (usize, &'static Rule)> {
    TRANSITIONS
        .iter()
        .enumerate()
        .filter(move |(_, r)| r.event == event && r.from.contains(&stage))
}

/// The rows that apply to `event` in `stage`, in table order.
pub(crate) fn rows_for(stage: Stage, event: EventKind) -> impl Iterator<Item = &'static Rule> {
    indexed_rows_for(stage, event).map(|(_, r)| r)
}

/// The event kinds the table allows in `stage` (each once, in the contract's order).
///
/// # Example
/// ```
/// use send_lifecycle::{allowed_events, EventKind, Stage};
/// let allowed = allowed_events(Stage::Inspecting);
/// assert!(allowed.contains(&EventKind::InspectionEnded));
/// assert!(!allowed.contains(&EventKind::WsoaSubmitted));
/// ```
pub fn allowed_events(stage: Stage) -> Vec<EventKind> {
    EventKind::ALL
        .iter()
        .copied()
        .filter(|k| rows_for(stage, *k).next().is_some())
        .collect()
}

/// The weakness stage that `trigger` leads to from `from`, if the table allows it.
pub(crate) fn weakness_step(
    from: WeaknessStage,
    trigger: WeaknessTrigger,
) -> Option<WeaknessStage> {
    WEAKNESS_TRANSITIONS
        .iter()
        .find(|r| r.from == from && r.trigger == trigger)
        .map(|r| r.to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn successors(stage: Stage) -> BTreeSet<Stage> {
        TRANSITIONS
            .iter()
            .filter(|r| r.from.contains(&stage))
            .map(|r| r.target_from(stage))
            .collect()
    }

    fn reachable_from(start: Stage) -> BTreeSet<Stage> {
        let mut seen = BTreeSet::from([start]);
        let mut todo = vec![start];
        while let Some(s) = todo.pop() {
            for n in successors(s) {
                if seen.insert(n) {
                    todo.push(n);
                }
            }
        }
        seen
    }

    #[test]
    fn every_stage_is_reachable_from_not_inspected() {
        let reached = reachable_from(Stage::NotInspected);
        let missing: Vec<_> = Stage::ALL.iter().filter(|s| !reached.contains(s)).collect();
        assert!(missing.is_empty(), "unreachable stages: {missing:?}");
    }

    #[test]
    fn every_stage_can_reach_an_end_or_a_long_running_stage() {
        for &s in Stage::ALL {
            let ok = reachable_from(s)
                .iter()
                .any(|r| r.is_terminal() || r.is_long_running());
            assert!(ok, "{s} is a dead end");
        }
    }

    #[test]
    fn terminal_stages_lead_nowhere_else() {
        for &s in Stage::ALL.iter().filter(|s| s.is_terminal()) {
            assert_eq!(successors(s), BTreeSet::from([s]), "{s} must only stay put");
        }
    }

    #[test]
    fn every_event_kind_has_a_row_and_no_row_is_shadowed() {
        for &k in EventKind::ALL {
            assert!(TRANSITIONS.iter().any(|r| r.event == k), "{k} has no row");
        }
        // A row is unused when, for every one of its stages, an earlier row with the same
        // stage, kind and condition would always win.
        for (i, r) in TRANSITIONS.iter().enumerate() {
            assert!(!r.from.is_empty(), "row {i} applies in no stage");
            let live = r.from.iter().any(|s| {
                !TRANSITIONS[..i]
                    .iter()
                    .any(|e| e.event == r.event && e.condition == r.condition && e.from.contains(s))
            });
            assert!(live, "row {i} ({}) is shadowed by earlier rows", r.event);
        }
    }

    #[test]
    fn conditional_rows_cover_both_outcomes() {
        // Where a (stage, kind) pair branches, the branches must cover every outcome, or an
        // event could be refused for its payload alone.
        let pairs = [
            (C::NoWeaknesses, C::SomeWeaknesses),
            (C::FitForPurpose, C::NotFitForPurpose),
            (C::AllSufficient, C::SomeInsufficient),
        ];
        for r in TRANSITIONS {
            for (a, b) in pairs {
                let other = if r.condition == a {
                    b
                } else if r.condition == b {
                    a
                } else {
                    continue;
                };
                for s in r.from {
                    assert!(
                        rows_for(*s, r.event).any(|o| o.condition == other),
                        "{} in {s} has no row for {other:?}",
                        r.event
                    );
                }
            }
        }
    }

    #[test]
    fn the_weakness_table_reaches_every_stage_and_sufficient_is_final() {
        let targets: BTreeSet<_> = WEAKNESS_TRANSITIONS.iter().map(|r| r.to).collect();
        for s in &WeaknessStage::ALL[1..] {
            assert!(targets.contains(s), "{s} unreachable");
        }
        assert!(WEAKNESS_TRANSITIONS
            .iter()
            .all(|r| r.from != WeaknessStage::Sufficient));
    }
}

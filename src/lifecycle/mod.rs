//! The lifecycles, declared once per framework.
//!
//! A [`Declaration`] is plain data: the framework's stages, its rows (which event may follow
//! which stage, and where it leads), the rows of each item (a weakness), what each kind of
//! event does besides moving the stage, and the facts that decide no stage but that the
//! validator's rules read (deadlines, meetings, fieldwork, horizons). The runtime engine
//! ([`crate::Lifecycle`]), the typestate API ([`crate::typed`]), the validator, the Mermaid
//! diagrams and the reachability checks all read a declaration; none restates a rule.
//!
//! The 2016–2022 framework is [`local_area_send_2016`]; `DESIGN.md` shows how the 2023
//! area SEND framework slots in beside it.

pub(crate) mod area_send_2023;
pub(crate) mod declare;
pub(crate) mod local_area_send_2016;
mod rule;
mod stage;

pub use area_send_2023::TRANSITIONS_2023;
pub use local_area_send_2016::{TRANSITIONS, WEAKNESS_TRANSITIONS};
pub use rule::{Condition, Rule, Target, WeaknessRule, WeaknessTrigger};
pub(crate) use rule::{
    CountFrom, DeadlineRule, Effect, FieldworkRule, HorizonRule, Length, MeetingRule, PlanKind,
};
pub use stage::{area_send_2023 as markers_2023, local_area_send_2016 as markers_2016};
pub use stage::{ItemStage, Stage, StageMarker, WeaknessStage};

use crate::event::{EventKind, Framework};

/// One framework's lifecycle, declared once.
///
/// # Example
/// ```
/// use send_lifecycle::{Declaration, EventKind, Framework, Stage};
/// let d = Declaration::of(Framework::LocalAreaSend2016);
/// assert_eq!(d.start(), Stage::NotInspected);
/// assert!(d.terminal().contains(&Stage::ConcludedSufficient));
/// assert!(d.allowed_events(Stage::Inspecting).contains(&EventKind::InspectionEnded));
/// ```
#[derive(Debug)]
pub struct Declaration {
    pub(crate) framework: Framework,
    pub(crate) stages: &'static [Stage],
    pub(crate) start: Stage,
    pub(crate) terminal: &'static [Stage],
    /// The stages its items (weaknesses, areas for priority action) can be in.
    pub(crate) item_stages: &'static [WeaknessStage],
    pub(crate) long_running: &'static [Stage],
    pub(crate) rows: Rows,
    pub(crate) item_rows: &'static [WeaknessRule],
    pub(crate) effects: Effects,
    pub(crate) deadlines: &'static [DeadlineRule],
    pub(crate) meetings: &'static [MeetingRule],
    pub(crate) fieldwork: &'static [FieldworkRule],
    pub(crate) horizons: &'static [HorizonRule],
}

/// A transition table, with the set of its rows for each event kind and for each stage
/// (bit `i` is row `i`), worked out from the rows when the crate is compiled: the engine
/// finds the rows for a stage and an event by one intersection instead of a search of the
/// table at every event.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rows {
    all: &'static [Rule],
    by_kind: [u64; KINDS],
    by_stage: [u64; STAGES],
}

/// Room for every kind and every stage (with `Stage::Unknown`, declared last).
const KINDS: usize = EventKind::ALL.len() + 1;
const STAGES: usize = Stage::ALL.len() + 1;

impl Rows {
    /// The table `all`, indexed. A table of more than 64 rows, or a row naming a kind or
    /// stage beyond the room above, fails to compile.
    // Indexing is checked by the compiler here: a const evaluation that panics is an error.
    #[allow(clippy::indexing_slicing)]
    pub(crate) const fn new(all: &'static [Rule]) -> Rows {
        assert!(all.len() <= 64, "a transition table of at most 64 rows");
        let mut by_kind = [0u64; KINDS];
        let mut by_stage = [0u64; STAGES];
        let mut i = 0;
        while i < all.len() {
            let row = &all[i];
            by_kind[row.event as usize] |= 1 << i;
            let mut j = 0;
            while j < row.from.len() {
                by_stage[row.from[j] as usize] |= 1 << i;
                j += 1;
            }
            i += 1;
        }
        Rows {
            all,
            by_kind,
            by_stage,
        }
    }

    /// Whether some row is for `event` (a lookup, not a search of the table).
    fn has_kind(&self, event: EventKind) -> bool {
        self.by_kind
            .get(event as usize)
            .is_some_and(|&rows| rows != 0)
    }

    /// The rows for `event` in `stage`, as a set of row indices.
    fn with(&self, stage: Stage, event: EventKind) -> u64 {
        let kind = self.by_kind.get(event as usize).copied().unwrap_or(0);
        let stage = self.by_stage.get(stage as usize).copied().unwrap_or(0);
        kind & stage
    }
}

/// What events of each kind do besides moving the stage (see [`Effect`]), with the set of
/// entries for each kind worked out when the crate is compiled, as for [`Rows`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Effects {
    all: &'static [(EventKind, Condition, Effect)],
    by_kind: [u64; KINDS],
}

impl Effects {
    /// The list `all`, indexed; a list of more than 64 entries fails to compile.
    // Indexing is checked by the compiler here: a const evaluation that panics is an error.
    #[allow(clippy::indexing_slicing)]
    pub(crate) const fn new(all: &'static [(EventKind, Condition, Effect)]) -> Effects {
        assert!(all.len() <= 64, "at most 64 effects");
        let mut by_kind = [0u64; KINDS];
        let mut i = 0;
        while i < all.len() {
            by_kind[all[i].0 as usize] |= 1 << i;
            i += 1;
        }
        Effects { all, by_kind }
    }

    /// The entries for events of `kind`, in the order declared: each with the condition of
    /// the row applied under which it holds, and the effect.
    pub(crate) fn of(&self, kind: EventKind) -> impl Iterator<Item = (Condition, Effect)> {
        let all = self.all;
        let set = self.by_kind.get(kind as usize).copied().unwrap_or(0);
        members(set).filter_map(move |i| all.get(i).map(|&(_, when, effect)| (when, effect)))
    }
}

/// The indices in `set` (bit `i` is index `i`), smallest first.
fn members(mut set: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (set != 0).then(|| {
            let i = set.trailing_zeros() as usize;
            set &= set - 1;
            i
        })
    })
}

impl std::ops::Deref for Effects {
    type Target = [(EventKind, Condition, Effect)];
    fn deref(&self) -> &[(EventKind, Condition, Effect)] {
        self.all
    }
}

impl std::ops::Deref for Rows {
    type Target = [Rule];
    fn deref(&self) -> &[Rule] {
        self.all
    }
}

/// Declarations are compared by the framework they declare: there is one per framework.
impl PartialEq for Declaration {
    fn eq(&self, other: &Declaration) -> bool {
        self.framework == other.framework
    }
}

/// Every framework's declaration.
pub(crate) const DECLARATIONS: &[&Declaration] = &[
    &local_area_send_2016::DECLARATION,
    &area_send_2023::DECLARATION,
];

impl Declaration {
    /// The declaration of `framework`.
    pub fn of(framework: Framework) -> &'static Declaration {
        match framework {
            Framework::LocalAreaSend2016 => &local_area_send_2016::DECLARATION,
            Framework::AreaSend2023 => &area_send_2023::DECLARATION,
        }
    }

    /// The framework declared.
    pub fn framework(&self) -> Framework {
        self.framework
    }

    /// Its stages, in lifecycle order.
    pub fn stages(&self) -> &'static [Stage] {
        self.stages
    }

    /// The stage a record starts in.
    pub fn start(&self) -> Stage {
        self.start
    }

    /// The stages nothing follows.
    pub fn terminal(&self) -> &'static [Stage] {
        self.terminal
    }

    /// The stages an area may rightly stay in for a long time.
    pub fn long_running(&self) -> &'static [Stage] {
        self.long_running
    }

    /// The transition table: rows tried in order, the first that matches applies.
    pub fn rows(&self) -> &'static [Rule] {
        self.rows.all
    }

    /// The per-item table (weaknesses; areas for priority action).
    pub fn item_rows(&self) -> &'static [WeaknessRule] {
        self.item_rows
    }

    /// The stages its items can be in.
    pub fn item_stages(&self) -> &'static [WeaknessStage] {
        self.item_stages
    }

    /// Whether the declaration has any row for `kind`: whether the kind belongs to it.
    pub fn has_kind(&self, kind: EventKind) -> bool {
        self.rows.has_kind(kind)
    }

    /// The event kinds the table allows in `stage` (each once, in the contract's order).
    pub fn allowed_events(&self, stage: Stage) -> Vec<EventKind> {
        EventKind::ALL
            .iter()
            .copied()
            .filter(|k| self.rows_for(stage, *k).next().is_some())
            .collect()
    }

    /// The event kinds the table allows in `stage`, computed once per framework and stage
    /// (a refused event names them; a flood of refused events must not recompute them).
    pub(crate) fn allowed_in(&'static self, stage: Stage) -> &'static [EventKind] {
        use std::sync::OnceLock;
        static ALLOWED: [OnceLock<Vec<Vec<EventKind>>>; 2] = [OnceLock::new(), OnceLock::new()];
        let k = Framework::ALL
            .iter()
            .position(|f| *f == self.framework)
            .unwrap_or(0);
        let Some(cell) = ALLOWED.get(k) else {
            return &[];
        };
        let table =
            cell.get_or_init(|| Stage::ALL.iter().map(|s| self.allowed_events(*s)).collect());
        Stage::ALL
            .iter()
            .position(|s| *s == stage)
            .and_then(|i| table.get(i))
            .map_or(&[], Vec::as_slice)
    }

    /// The rows that apply to `event` in `stage`, with their indices, in table order.
    pub(crate) fn indexed_rows_for(
        &self,
        stage: Stage,
        event: EventKind,
    ) -> impl Iterator<Item = (usize, &'static Rule)> {
        let rows = self.rows.all;
        members(self.rows.with(stage, event)).filter_map(move |i| Some((i, rows.get(i)?)))
    }

    /// The rows that apply to `event` in `stage`, in table order.
    pub(crate) fn rows_for(
        &self,
        stage: Stage,
        event: EventKind,
    ) -> impl Iterator<Item = &'static Rule> {
        self.indexed_rows_for(stage, event).map(|(_, r)| r)
    }

    /// The item stage that `trigger` leads to from `from`, if the item table allows it.
    pub(crate) fn item_step(
        &self,
        from: WeaknessStage,
        trigger: WeaknessTrigger,
    ) -> Option<WeaknessStage> {
        self.item_rows
            .iter()
            .find(|r| r.from == from && r.trigger == trigger)
            .map(|r| r.to)
    }

    /// The stage-changing successors of `stage`, for the graph checks and diagrams.
    #[cfg(test)]
    pub(crate) fn successors(&self, stage: Stage) -> impl Iterator<Item = Stage> + '_ {
        self.rows
            .iter()
            .filter(move |r| r.from.contains(&stage))
            .map(move |r| r.target_from(stage))
    }
}

/// The event kinds the 2016–2022 table allows in `stage` (each once, in the contract's
/// order).
///
/// # Example
/// ```
/// use send_lifecycle::{allowed_events, EventKind, Stage};
/// let allowed = allowed_events(Stage::Inspecting);
/// assert!(allowed.contains(&EventKind::InspectionEnded));
/// assert!(!allowed.contains(&EventKind::WsoaSubmitted));
/// ```
pub fn allowed_events(stage: Stage) -> Vec<EventKind> {
    local_area_send_2016::DECLARATION.allowed_events(stage)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn reachable_from(d: &Declaration, start: Stage) -> BTreeSet<Stage> {
        let mut seen = BTreeSet::from([start]);
        let mut todo = vec![start];
        while let Some(s) = todo.pop() {
            for n in d.successors(s) {
                if seen.insert(n) {
                    todo.push(n);
                }
            }
        }
        seen
    }

    #[test]
    fn the_effects_found_for_a_kind_are_those_a_search_of_the_list_finds() {
        for d in DECLARATIONS {
            for &kind in EventKind::ALL {
                let indexed: Vec<_> = d.effects.of(kind).collect();
                let searched: Vec<_> = d
                    .effects
                    .iter()
                    .filter(|(k, _, _)| *k == kind)
                    .map(|&(_, when, effect)| (when, effect))
                    .collect();
                assert_eq!(indexed, searched, "{:?} {kind}", d.framework);
            }
            let all: usize = EventKind::ALL
                .iter()
                .map(|&k| d.effects.of(k).count())
                .sum();
            assert_eq!(all, d.effects.len());
        }
    }

    #[test]
    fn the_rows_found_for_a_stage_and_an_event_are_those_a_search_of_the_table_finds() {
        let mut found = 0;
        for d in DECLARATIONS {
            for &stage in Stage::ALL.iter().chain([&Stage::Unknown]) {
                for &kind in EventKind::ALL {
                    let indexed: Vec<usize> =
                        d.indexed_rows_for(stage, kind).map(|(i, _)| i).collect();
                    let searched: Vec<usize> = d
                        .rows
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| r.event == kind && r.from.contains(&stage))
                        .map(|(i, _)| i)
                        .collect();
                    assert_eq!(indexed, searched, "{:?} {stage} {kind}", d.framework);
                    found += indexed.len();
                }
            }
            for &kind in EventKind::ALL {
                let searched = d.rows.iter().any(|r| r.event == kind);
                assert_eq!(d.has_kind(kind), searched, "{:?} {kind}", d.framework);
            }
        }
        // Every row is found from each of its stages.
        let rows: usize = DECLARATIONS
            .iter()
            .flat_map(|d| d.rows.iter())
            .map(|r| r.from.len())
            .sum();
        assert_eq!(found, rows);
    }

    #[test]
    fn every_stage_is_reachable_from_the_start() {
        for d in DECLARATIONS {
            let reached = reachable_from(d, d.start);
            let missing: Vec<_> = d.stages.iter().filter(|s| !reached.contains(s)).collect();
            assert!(missing.is_empty(), "unreachable stages: {missing:?}");
        }
    }

    #[test]
    fn every_stage_can_reach_an_end_or_a_long_running_stage() {
        for d in DECLARATIONS {
            for &s in d.stages {
                let ok = reachable_from(d, s)
                    .iter()
                    .any(|r| d.terminal.contains(r) || d.long_running.contains(r));
                assert!(ok, "{s} is a dead end");
            }
        }
    }

    #[test]
    fn rows_name_only_the_declarations_stages() {
        for d in DECLARATIONS {
            for (i, r) in d.rows.iter().enumerate() {
                for s in r.from.iter().chain(match &r.to {
                    Target::Stage(t) => std::slice::from_ref(t),
                    _ => &[],
                }) {
                    assert!(d.stages.contains(s), "row {i} names {s}, not a stage of it");
                }
            }
        }
    }

    #[test]
    fn terminal_stages_lead_nowhere_else() {
        for d in DECLARATIONS {
            for &s in d.terminal {
                let next: BTreeSet<_> = d.successors(s).collect();
                assert_eq!(next, BTreeSet::from([s]), "{s} must only stay put");
            }
        }
    }

    #[test]
    fn every_event_kind_has_a_row_and_no_row_is_shadowed() {
        for &k in EventKind::ALL {
            assert!(DECLARATIONS.iter().any(|d| d.has_kind(k)), "{k} has no row");
        }
        for d in DECLARATIONS {
            // A row is unused when, for every one of its stages, an earlier row with the
            // same stage, kind and condition would always win.
            for (i, r) in d.rows.iter().enumerate() {
                assert!(!r.from.is_empty(), "row {i} applies in no stage");
                let earlier = d.rows.get(..i).unwrap_or_default();
                let live = r.from.iter().any(|s| {
                    !earlier.iter().any(|e| {
                        e.event == r.event && e.condition == r.condition && e.from.contains(s)
                    })
                });
                assert!(live, "row {i} ({}) is shadowed by earlier rows", r.event);
            }
        }
    }

    #[test]
    fn conditional_rows_cover_both_outcomes() {
        // Where a (stage, kind) pair branches, the branches must cover every outcome, or an
        // event could be refused for its payload alone.
        use Condition as C;
        let pairs = [
            (C::NoWeaknesses, C::SomeWeaknesses),
            (C::FitForPurpose, C::NotFitForPurpose),
            (C::AllSufficient, C::SomeInsufficient),
        ];
        for d in DECLARATIONS {
            for r in d.rows.iter() {
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
                            d.rows_for(*s, r.event).any(|o| o.condition == other),
                            "{} in {s} has no row for {other:?}",
                            r.event
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_item_table_reaches_every_stage_and_sufficient_is_final() {
        for d in DECLARATIONS {
            let targets: BTreeSet<_> = d.item_rows.iter().map(|r| r.to).collect();
            for s in d.item_stages.iter().skip(1) {
                assert!(targets.contains(s), "{s} unreachable");
            }
            for r in d.item_rows {
                assert!(d.item_stages.contains(&r.from) && d.item_stages.contains(&r.to));
            }
            assert!(d
                .item_rows
                .iter()
                .all(|r| r.from != WeaknessStage::Sufficient));
        }
    }

    #[test]
    fn the_facts_name_only_kinds_and_stages_the_rows_use() {
        for d in DECLARATIONS {
            let kinds: BTreeSet<_> = d.rows.iter().map(|r| r.event).collect();
            for (k, _, _) in d.effects.iter() {
                assert!(kinds.contains(k));
            }
            for rule in d.deadlines {
                assert!(rule.due_in.iter().all(|s| d.stages.contains(s)));
                assert!(d
                    .rows
                    .iter()
                    .any(|r| r.event == rule.set_by && r.to == Target::Stage(rule.set_in)));
                assert!(d
                    .rows
                    .iter()
                    .any(|r| r.event == rule.met_by
                        && rule.due_in.iter().any(|s| r.from.contains(s))));
            }
            for m in d.meetings {
                for s in m.stages {
                    assert!(d.rows_for(*s, m.meeting).next().is_some());
                }
            }
        }
    }

    #[test]
    fn every_stage_belongs_to_a_framework() {
        for s in Stage::ALL {
            assert!(DECLARATIONS.iter().any(|d| d.stages.contains(s)), "{s}");
        }
    }
}

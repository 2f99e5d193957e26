//! An area's records side by side: the framework in force, and the 2016 record kept open
//! beside the 2023 framework (the legacy record) — two regions of one state, as a
//! statechart's parallel regions. Each record judges by its own declaration; this module
//! only routes an event to the record whose framework it belongs to, and carries out what
//! belongs to the area: the move to another framework, and the closing of the legacy
//! record.

use crate::date::DateSpan;
use crate::engine::core::{Core, EngineSettings, Transition, Verdict};
use crate::engine::rejection::{Rejection, RejectionReason};
use crate::engine::WeaknessStatus;
use crate::event::{Event, EventDetail, EventKind, Framework, HealthBody, Improvement};
use crate::lifecycle::{Declaration, Effect, WeaknessTrigger};
use crate::policy::Policy;

/// Which record judges an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Record {
    /// The framework in force.
    Main,
    /// The 2016 record kept open under the 2023 framework.
    Legacy,
}

/// The records of one area.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Records {
    /// The record of the framework in force.
    pub(crate) main: Core,
    /// The 2016 record after the framework changed, open or closed (kept for its
    /// weaknesses, which the report always lists).
    pub(crate) legacy: Option<Core>,
    /// Whether the legacy record is still open.
    pub(crate) legacy_open: bool,
}

impl Records {
    /// The records of an area whose timeline starts under `framework`.
    pub(crate) fn new(
        framework: Framework,
        settings: EngineSettings,
        bodies: Vec<HealthBody>,
    ) -> Records {
        Records {
            main: Core::new(Declaration::of(framework), settings, bodies),
            legacy: None,
            legacy_open: false,
        }
    }

    /// The record that judges `kind`: the framework in force for its own kinds and those
    /// both share; the open legacy record for a 2016-only kind.
    pub(crate) fn route(&self, kind: EventKind) -> Result<Record, RejectionReason> {
        if kind == EventKind::FrameworkChanged || self.main.decl.has_kind(kind) {
            return Ok(Record::Main);
        }
        match &self.legacy {
            Some(l) if self.legacy_open && l.decl.has_kind(kind) => Ok(Record::Legacy),
            _ => Err(RejectionReason::FrameworkMismatch {
                field: None,
                in_force: self.main.decl.framework,
            }),
        }
    }

    /// The record itself.
    pub(crate) fn core(&self, record: Record) -> &Core {
        match (record, &self.legacy) {
            (Record::Legacy, Some(l)) => l,
            _ => &self.main,
        }
    }

    /// The open legacy record, if there is one.
    pub(crate) fn open_legacy(&self) -> Option<&Core> {
        self.legacy.as_ref().filter(|_| self.legacy_open)
    }

    /// Which record is the 2016 one, in force or kept: the one whose weaknesses the report
    /// lists.
    fn which_2016(&self) -> Option<Record> {
        if self.main.decl.framework == Framework::LocalAreaSend2016 {
            Some(Record::Main)
        } else {
            self.legacy.as_ref().map(|_| Record::Legacy)
        }
    }

    /// The 2016 record, in force or kept: the one whose weaknesses the report lists.
    pub(crate) fn record_2016(&self) -> Option<&Core> {
        self.which_2016().map(|r| self.core(r))
    }

    /// The 2023 record, if the area is under that framework.
    pub(crate) fn record_2023(&self) -> Option<&Core> {
        (self.main.decl.framework == Framework::AreaSend2023).then_some(&self.main)
    }

    /// Hands over, the replay being done, what the report lists: the 2016 record's
    /// weaknesses, and the 2023 record's areas for priority action and improvements.
    pub(crate) fn take_lists(
        &mut self,
    ) -> (Vec<WeaknessStatus>, Vec<WeaknessStatus>, Vec<Improvement>) {
        let weaknesses = match (self.which_2016(), self.legacy.as_mut()) {
            (Some(Record::Main), _) => std::mem::take(&mut self.main.items.all),
            (Some(Record::Legacy), Some(l)) => std::mem::take(&mut l.items.all),
            _ => Vec::new(),
        };
        if self.record_2023().is_none() {
            return (weaknesses, Vec::new(), Vec::new());
        }
        let priority_actions = std::mem::take(&mut self.main.items.all);
        let improvements = std::mem::take(&mut self.main.improvements);
        (weaknesses, priority_actions, improvements)
    }

    /// Judges `event`, changing nothing: which record judges it, and that record's verdict.
    pub(crate) fn judge(
        &self,
        event: &Event,
        span: DateSpan,
        index: usize,
    ) -> Result<(Record, Verdict), Rejection> {
        let kind = event.kind();
        let record = self
            .route(kind)
            .map_err(|reason| self.main.reject(kind, index, reason))?;
        if let EventDetail::FrameworkChanged { framework } = event.detail {
            // Once, from the 2016 framework to the 2023 one.
            let allowed = self.main.decl.framework == Framework::LocalAreaSend2016
                && framework == Framework::AreaSend2023;
            if !allowed {
                return Err(self.main.reject(kind, index, RejectionReason::NotAllowed));
            }
        }
        let verdict = self.core(record).judge(event, span, index)?;
        Ok((record, verdict))
    }

    /// The order check of an event the table refused, against the events applied before.
    pub(crate) fn order_problem(&self, span: DateSpan) -> Option<RejectionReason> {
        self.main.order_problem(span)
    }

    /// A rejection of `kind` at `index` by the framework in force.
    pub(crate) fn reject(
        &self,
        kind: EventKind,
        index: usize,
        reason: RejectionReason,
    ) -> Rejection {
        self.main.reject(kind, index, reason)
    }

    /// Notes an event offered (for the listed order basis), in every record.
    pub(crate) fn note_listed(&mut self, span: DateSpan, index: usize) {
        self.main.note_listed(span, index);
        if let Some(l) = &mut self.legacy {
            l.note_listed(span, index);
        }
    }

    /// Makes the change `verdict` describes in `record`, and what the area does besides:
    /// the move to the 2023 framework, and the closing of the legacy record.
    pub(crate) fn commit(
        &mut self,
        record: Record,
        verdict: &Verdict,
        event: &Event,
        span: DateSpan,
        index: usize,
        policy: &Policy,
    ) -> Transition {
        let t = match (record, &mut self.legacy) {
            (Record::Legacy, Some(l)) => {
                let t = l.commit(verdict, event, span, index, policy);
                if l.decl.terminal.contains(&l.stage) {
                    self.legacy_open = false;
                }
                self.main.advance_latest(span, index);
                t
            }
            _ => {
                let t = self.main.commit(verdict, event, span, index, policy);
                if let Some(l) = &mut self.legacy {
                    l.advance_latest(span, index);
                }
                t
            }
        };
        if let EventDetail::FrameworkChanged { framework } = event.detail {
            self.change_framework(framework);
        }
        let closes = self
            .main
            .decl
            .effects
            .of(event.kind())
            .any(|(_, e)| e == Effect::CloseLegacy);
        if record == Record::Main && closes && self.legacy_open {
            if let Some(l) = &mut self.legacy {
                l.items.trigger_all(l.decl, WeaknessTrigger::Supersede);
            }
            self.legacy_open = false;
        }
        t
    }

    /// The move to another framework: a new record in force from its start; the old one
    /// kept, open unless it was never inspected or had concluded. A notice in force, the
    /// health bodies and the order of events carry across.
    fn change_framework(&mut self, framework: Framework) {
        let decl = Declaration::of(framework);
        let mut next = Core::new(decl, self.main.settings, self.main.health_bodies.clone());
        next.carry_over(&self.main);
        let old = std::mem::replace(&mut self.main, next);
        self.legacy_open = old.stage != old.decl.start && !old.decl.terminal.contains(&old.stage);
        self.legacy = Some(old);
    }
}

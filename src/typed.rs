//! The typestate API: an area's lifecycle in which an illegal transition does not compile.
//!
//! [`Area<S>`](Area) carries its stage in its type. Each method consumes the area and
//! returns it in the next stage, so calling `submit_wsoa` before the report is published is
//! a type error, not a runtime one. The methods restate no rule: each builds the event and
//! hands it to the runtime engine ([`Lifecycle`]), which looks it up in the one transition
//! table; the engine also checks dates, so each method returns a `Result`.
//!
//! # Example
//! ```
//! use send_lifecycle::typed::{Area, ReportOutcome};
//! use send_lifecycle::{EventDate, Policy, Weakness};
//!
//! let day = |s: &str| EventDate::parse(s);
//! let area = Area::new(send_lifecycle::Area::example(), Policy::default())
//!     .start_inspection(day("2020-02-03")?)?
//!     .end_inspection(day("2020-02-07")?)?;
//! let ReportOutcome::WsoaRequired(area) = area.publish_report(
//!     day("2020-05-15")?,
//!     vec![Weakness::new("joint_commissioning", "The absence of a joint commissioning strategy")],
//! )? else {
//!     panic!("a report with a weakness requires a WSoA");
//! };
//! let area = area.submit_wsoa(day("2020-10-07")?)?.judge_wsoa_fit(day("2020-10-16")?)?;
//! assert_eq!(area.stage(), send_lifecycle::Stage::Monitoring);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Events in the wrong order do not compile:
//! ```compile_fail,E0599
//! use send_lifecycle::typed::Area;
//! use send_lifecycle::{EventDate, Policy};
//! let area = Area::new(send_lifecycle::Area::example(), Policy::default());
//! // A WSoA cannot be submitted before the area is even inspected.
//! let area = area.submit_wsoa(EventDate::Unknown);
//! ```
//! ```compile_fail,E0599
//! use send_lifecycle::typed::Area;
//! use send_lifecycle::{EventDate, Policy};
//! let area = Area::new(send_lifecycle::Area::example(), Policy::default())
//!     .start_inspection(EventDate::Unknown).unwrap();
//! // The report cannot be published while fieldwork is still under way.
//! let outcome = area.publish_report(EventDate::Unknown, vec![]);
//! ```
//! ```compile_fail,E0599
//! use send_lifecycle::typed::{Area, Monitoring};
//! fn revisit_before_monitoring(area: Area<send_lifecycle::typed::WsoaDue>) {
//!     // A revisit needs a WSoA judged fit for purpose first.
//!     let _ = area.start_revisit(send_lifecycle::EventDate::Unknown);
//! }
//! ```
//! ```compile_fail,E0599
//! use send_lifecycle::typed::Area;
//! fn judge_twice(area: Area<send_lifecycle::typed::WsoaUnderReview>) {
//!     let monitoring = area.judge_wsoa_fit(send_lifecycle::EventDate::Unknown).unwrap();
//!     // Monitoring is no place to judge the WSoA again.
//!     let _ = monitoring.judge_wsoa_fit(send_lifecycle::EventDate::Unknown);
//! }
//! ```
//! ```compile_fail,E0599
//! use send_lifecycle::typed::Area;
//! fn app_without_decision(area: Area<send_lifecycle::typed::AwaitingRevisitOutcome>) {
//!     // An APP is written only after DfE and NHS England decide on one.
//!     let _ = area.submit_app(send_lifecycle::EventDate::Unknown);
//! }
//! ```
//! ```compile_fail,E0382
//! use send_lifecycle::typed::Area;
//! fn reuse(area: Area<send_lifecycle::typed::Inspecting>) {
//!     let ended = area.end_inspection(send_lifecycle::EventDate::Unknown);
//!     // Methods consume the area: the old stage cannot be used again.
//!     let again = area.end_inspection(send_lifecycle::EventDate::Unknown);
//! }
//! ```
//! ```compile_fail,E0599
//! use send_lifecycle::typed::Area;
//! fn notice_before_revisit(area: Area<send_lifecycle::typed::Monitoring>) {
//!     // An improvement notice follows a revisit that found insufficient progress.
//!     let _ = area.issue_improvement_notice(send_lifecycle::EventDate::Unknown);
//! }
//! ```

use std::marker::PhantomData;

use crate::date::EventDate;
use crate::engine::{Lifecycle, Rejection, Transition};
use crate::event::{ActionCounts, Event, EventDetail, HealthBody, Judgement, NextStep, Weakness};
use crate::policy::Policy;
use crate::table::Stage;

mod sealed {
    pub trait Sealed {}
}

/// A stage as a type. Implemented only by this module's marker types.
pub trait StageMarker: sealed::Sealed {
    /// The runtime stage the type stands for.
    const STAGE: Stage;
}

/// Stages after a revisit found insufficient progress, in which an improvement notice can
/// be issued or lifted.
pub trait AfterInsufficientProgress: StageMarker {}

macro_rules! markers {
    ($( $name:ident => $stage:ident; )*) => {
        $(
            #[doc = concat!("The `", stringify!($stage), "` stage as a type (see [`Stage::", stringify!($stage), "`]).")]
            #[derive(Debug, Clone, Copy, PartialEq, Eq)]
            pub enum $name {}
            impl sealed::Sealed for $name {}
            impl StageMarker for $name {
                const STAGE: Stage = Stage::$stage;
            }
        )*
        /// Every marker's stage, for the test that checks they cover the table.
        #[cfg(test)]
        const MARKED: &[Stage] = &[ $( Stage::$stage, )* ];
    };
}

markers! {
    NotInspected => NotInspected;
    Notified => Notified;
    Inspecting => Inspecting;
    AwaitingReport => AwaitingReport;
    ConcludedNoWsoa => ConcludedNoWsoa;
    WsoaDue => WsoaDue;
    WsoaUnderReview => WsoaUnderReview;
    Monitoring => Monitoring;
    RevisitNotified => RevisitNotified;
    Revisiting => Revisiting;
    AwaitingRevisitOutcome => AwaitingRevisitOutcome;
    ConcludedSufficient => ConcludedSufficient;
    AwaitingNextSteps => AwaitingNextSteps;
    AppDue => AppDue;
    AppUnderReview => AppUnderReview;
    AppMonitoring => AppMonitoring;
    UnderIntervention => UnderIntervention;
}

/// Stages in which an improvement notice may still be in force, and so be lifted: after
/// insufficient progress, and through a further revisit to its outcome.
pub trait NoticeMayBeInForce: StageMarker {}

impl<S: AfterInsufficientProgress> NoticeMayBeInForce for S {}
impl NoticeMayBeInForce for Monitoring {}
impl NoticeMayBeInForce for RevisitNotified {}
impl NoticeMayBeInForce for Revisiting {}
impl NoticeMayBeInForce for AwaitingRevisitOutcome {}
impl NoticeMayBeInForce for ConcludedSufficient {}

impl AfterInsufficientProgress for AwaitingNextSteps {}
impl AfterInsufficientProgress for AppDue {}
impl AfterInsufficientProgress for AppUnderReview {}
impl AfterInsufficientProgress for AppMonitoring {}
impl AfterInsufficientProgress for UnderIntervention {}

/// An area whose stage is `S`, over the runtime engine.
#[derive(Debug, Clone, PartialEq)]
pub struct Area<S: StageMarker> {
    engine: Lifecycle,
    source: Option<String>,
    stage: PhantomData<S>,
}

/// What a published report leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportOutcome {
    /// No significant weakness: no WSoA is required.
    NoWsoa(Area<ConcludedNoWsoa>),
    /// Significant weaknesses: a WSoA is due.
    WsoaRequired(Area<WsoaDue>),
}

/// What a revisit letter leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum RevisitOutcome {
    /// Every weakness made sufficient progress: monitoring ceases.
    AllSufficient(Area<ConcludedSufficient>),
    /// Some weakness did not: DfE and NHS England determine next steps.
    NextStepsNeeded(Area<AwaitingNextSteps>),
}

/// An event the typed API refused, with the area exactly as it was, so that one wrong
/// date does not lose the lifecycle. It dereferences to the engine's [`Rejection`].
///
/// # Example
/// ```
/// use send_lifecycle::typed::Area;
/// use send_lifecycle::{Code, EventDate, Policy};
/// let area = Area::new(send_lifecycle::Area::example(), Policy::default())
///     .start_inspection(EventDate::parse("2020-02-03")?)?;
/// let refused = area.end_inspection(EventDate::parse("2020-01-31")?).unwrap_err();
/// assert_eq!(refused.code(), Code::EventsOutOfOrder);
/// // The area comes back unchanged: correct the date and carry on.
/// let area = refused.area.end_inspection(EventDate::parse("2020-02-07")?)?;
/// assert_eq!(area.lifecycle().history().len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Refused<S: StageMarker> {
    /// The area, as it was before the refused event.
    pub area: Area<S>,
    /// Why the engine refused the event.
    pub rejection: Rejection,
}

impl<S: StageMarker> std::fmt::Display for Refused<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.rejection.fmt(f)
    }
}

impl<S: StageMarker + std::fmt::Debug> std::error::Error for Refused<S> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.rejection)
    }
}

impl<S: StageMarker> std::ops::Deref for Refused<S> {
    type Target = Rejection;
    fn deref(&self) -> &Rejection {
        &self.rejection
    }
}

impl<S: StageMarker> From<Refused<S>> for Rejection {
    fn from(r: Refused<S>) -> Rejection {
        r.rejection
    }
}

impl Area<NotInspected> {
    /// A new area, not yet inspected.
    pub fn new(area: crate::event::Area, policy: Policy) -> Area<NotInspected> {
        Area {
            engine: Lifecycle::new(area, policy),
            source: None,
            stage: PhantomData,
        }
    }
}

impl<S: StageMarker> Area<S> {
    /// The stage, as the runtime value.
    pub fn stage(&self) -> Stage {
        S::STAGE
    }

    /// The runtime engine underneath (its history, deadlines and weaknesses).
    pub fn lifecycle(&self) -> &Lifecycle {
        &self.engine
    }

    /// Gives up the types and returns the runtime engine.
    pub fn into_lifecycle(self) -> Lifecycle {
        self.engine
    }

    /// Cites a source for the next event (seed file and paragraph).
    pub fn cite(mut self, source: impl Into<String>) -> Area<S> {
        self.source = Some(source.into());
        self
    }

    fn event(&self, date: EventDate, detail: EventDetail) -> Event {
        Event {
            date,
            detail,
            source: self.source.clone(),
            note: None,
        }
    }

    /// Applies an event that must lead to `T`'s stage; refused, the area comes back as it
    /// was (its pending citation included).
    fn to<T: StageMarker>(
        mut self,
        date: EventDate,
        detail: EventDetail,
    ) -> Result<Area<T>, Refused<S>> {
        let event = self.event(date, detail);
        match self.engine.apply_expecting(event, &[T::STAGE]) {
            Ok(_) => Ok(Area {
                engine: self.engine,
                source: None,
                stage: PhantomData,
            }),
            Err(rejection) => Err(Refused {
                area: self,
                rejection,
            }),
        }
    }

    /// Applies an event that leads to `A`'s or `B`'s stage, telling which.
    fn branch<A: StageMarker, B: StageMarker>(
        mut self,
        date: EventDate,
        detail: EventDetail,
    ) -> Result<Result<Area<A>, Area<B>>, Refused<S>> {
        let event = self.event(date, detail);
        let t: Transition = match self.engine.apply_expecting(event, &[A::STAGE, B::STAGE]) {
            Ok(t) => t,
            Err(rejection) => {
                return Err(Refused {
                    area: self,
                    rejection,
                })
            }
        };
        let engine = self.engine;
        Ok(if t.to == A::STAGE {
            Ok(Area {
                engine,
                source: None,
                stage: PhantomData,
            })
        } else {
            Err(Area {
                engine,
                source: None,
                stage: PhantomData,
            })
        })
    }

    /// Records a note; the stage is unchanged.
    ///
    /// # Errors
    /// When the date is certainly earlier than an event before it.
    pub fn note(self, date: EventDate, title: impl Into<String>) -> Result<Area<S>, Refused<S>> {
        self.to(
            date,
            EventDetail::Note {
                title: title.into(),
            },
        )
    }

    /// Records a change of health partners (CCG → ICB); the stage is unchanged.
    ///
    /// # Errors
    /// When the date is certainly earlier than an event before it.
    pub fn change_health_bodies(
        self,
        date: EventDate,
        health_bodies: Vec<HealthBody>,
    ) -> Result<Area<S>, Refused<S>> {
        self.to(date, EventDetail::HealthBodyChanged { health_bodies })
    }
}

impl<S: NoticeMayBeInForce> Area<S> {
    /// DfE lifts the improvement notice (also after a further revisit); the stage is
    /// unchanged.
    ///
    /// # Errors
    /// When no notice is in force, or the date is out of order.
    pub fn lift_improvement_notice(self, date: EventDate) -> Result<Area<S>, Refused<S>> {
        self.to(date, EventDetail::ImprovementNoticeLifted)
    }
}

impl<S: AfterInsufficientProgress> Area<S> {
    /// DfE issues an improvement notice; the stage is unchanged.
    ///
    /// # Errors
    /// When a notice is already in force, or the date is out of order.
    pub fn issue_improvement_notice(self, date: EventDate) -> Result<Area<S>, Refused<S>> {
        self.to(date, EventDetail::ImprovementNoticeIssued)
    }
}

macro_rules! simple {
    ($from:ident { $( $(#[$doc:meta])* $method:ident => $detail:expr, $to:ident; )* }) => {
        impl Area<$from> {
            $(
                $(#[$doc])*
                ///
                /// # Errors
                /// When the date is certainly earlier than an event before it.
                pub fn $method(self, date: EventDate) -> Result<Area<$to>, Refused<$from>> {
                    self.to(date, $detail)
                }
            )*
        }
    };
}

simple!(NotInspected {
    /// The area is notified of an inspection.
    notify_inspection => EventDetail::InspectionNotified, Notified;
    /// Fieldwork starts (the notice undated).
    start_inspection => EventDetail::InspectionStarted, Inspecting;
});
simple!(Notified {
    /// Fieldwork starts.
    start_inspection => EventDetail::InspectionStarted, Inspecting;
});
simple!(Inspecting {
    /// Fieldwork ends.
    end_inspection => EventDetail::InspectionEnded, AwaitingReport;
});
simple!(AwaitingReport {
    /// The report letter is received, before publication.
    receive_report => EventDetail::ReportReceived, AwaitingReport;
});
simple!(WsoaDue {
    /// The WSoA is submitted to Ofsted.
    submit_wsoa => EventDetail::WsoaSubmitted, WsoaUnderReview;
});
simple!(WsoaUnderReview {
    /// Ofsted and CQC judge the WSoA fit for purpose.
    judge_wsoa_fit => EventDetail::WsoaJudged { fit_for_purpose: true }, Monitoring;
    /// Ofsted and CQC judge the WSoA not fit for purpose: it is due again.
    judge_wsoa_not_fit => EventDetail::WsoaJudged { fit_for_purpose: false }, WsoaDue;
});
simple!(Monitoring {
    /// The area is notified of the revisit.
    notify_revisit => EventDetail::RevisitNotified, RevisitNotified;
    /// Revisit fieldwork starts (the notice undated).
    start_revisit => EventDetail::RevisitStarted, Revisiting;
});
simple!(RevisitNotified {
    /// Revisit fieldwork starts.
    start_revisit => EventDetail::RevisitStarted, Revisiting;
});
simple!(Revisiting {
    /// Revisit fieldwork ends.
    end_revisit => EventDetail::RevisitEnded, AwaitingRevisitOutcome;
});
simple!(AwaitingNextSteps {
    /// DfE and NHS England require an accelerated progress plan.
    require_app => EventDetail::NextStepsDetermined { decision: NextStep::AcceleratedProgressPlan }, AppDue;
    /// The Secretary of State directs a further revisit: monitoring resumes until then.
    direct_further_revisit => EventDetail::NextStepsDetermined { decision: NextStep::FurtherRevisit }, Monitoring;
    /// DfE decides on an improvement notice.
    decide_improvement_notice => EventDetail::NextStepsDetermined { decision: NextStep::ImprovementNotice }, UnderIntervention;
    /// The Secretary of State decides on a statutory direction.
    decide_statutory_direction => EventDetail::NextStepsDetermined { decision: NextStep::StatutoryDirection }, UnderIntervention;
});
simple!(AppDue {
    /// The APP is submitted to DfE.
    submit_app => EventDetail::AppSubmitted, AppUnderReview;
});
simple!(AppUnderReview {
    /// DfE judges the APP fit for purpose.
    judge_app_fit => EventDetail::AppJudged { fit_for_purpose: true }, AppMonitoring;
    /// DfE judges the APP not fit for purpose: it is due again.
    judge_app_not_fit => EventDetail::AppJudged { fit_for_purpose: false }, AppDue;
});
simple!(AppMonitoring {
    /// The Secretary of State directs a further revisit.
    direct_further_revisit => EventDetail::NextStepsDetermined { decision: NextStep::FurtherRevisit }, Monitoring;
    /// DfE escalates to an improvement notice.
    decide_improvement_notice => EventDetail::NextStepsDetermined { decision: NextStep::ImprovementNotice }, UnderIntervention;
    /// The Secretary of State escalates to a statutory direction.
    decide_statutory_direction => EventDetail::NextStepsDetermined { decision: NextStep::StatutoryDirection }, UnderIntervention;
});
simple!(UnderIntervention {
    /// DfE and NHS England require an accelerated progress plan.
    require_app => EventDetail::NextStepsDetermined { decision: NextStep::AcceleratedProgressPlan }, AppDue;
    /// The Secretary of State directs a further revisit.
    direct_further_revisit => EventDetail::NextStepsDetermined { decision: NextStep::FurtherRevisit }, Monitoring;
});

impl Area<AwaitingReport> {
    /// The report letter is published with its significant weaknesses (none: no WSoA).
    ///
    /// # Errors
    /// When two weaknesses share an id, or the date is out of order.
    pub fn publish_report(
        self,
        date: EventDate,
        weaknesses: Vec<Weakness>,
    ) -> Result<ReportOutcome, Refused<AwaitingReport>> {
        self.publish_report_dated(date, weaknesses, None)
    }

    /// As [`Area::publish_report`], with the date on the letter when it differs.
    ///
    /// # Errors
    /// As [`Area::publish_report`].
    pub fn publish_report_dated(
        self,
        date: EventDate,
        weaknesses: Vec<Weakness>,
        letter_date: Option<EventDate>,
    ) -> Result<ReportOutcome, Refused<AwaitingReport>> {
        let detail = EventDetail::ReportPublished {
            weaknesses,
            letter_date,
        };
        Ok(
            match self.branch::<ConcludedNoWsoa, WsoaDue>(date, detail)? {
                Ok(done) => ReportOutcome::NoWsoa(done),
                Err(due) => ReportOutcome::WsoaRequired(due),
            },
        )
    }
}

impl Area<WsoaDue> {
    /// An agreed new deadline for the WSoA.
    ///
    /// # Errors
    /// When the date is certainly earlier than an event before it.
    pub fn revise_deadline(
        self,
        date: EventDate,
        new_deadline: chrono::NaiveDate,
        reason: Option<String>,
    ) -> Result<Area<WsoaDue>, Refused<WsoaDue>> {
        self.to(
            date,
            EventDetail::WsoaDeadlineRevised {
                new_deadline,
                reason,
            },
        )
    }
}

impl Area<Monitoring> {
    /// A formal DfE and NHS England monitoring meeting.
    ///
    /// # Errors
    /// When the date is certainly earlier than an event before it.
    pub fn monitoring_meeting(
        self,
        date: EventDate,
        actions: Option<ActionCounts>,
        final_before_revisit: bool,
    ) -> Result<Area<Monitoring>, Refused<Monitoring>> {
        self.to(
            date,
            EventDetail::MonitoringMeeting {
                actions,
                final_before_revisit: final_before_revisit.then_some(true),
            },
        )
    }
}

impl Area<AwaitingRevisitOutcome> {
    /// The revisit letter: one judgement per weakness still to judge.
    ///
    /// # Errors
    /// When a judgement names an unknown weakness, one already sufficient, or leaves one
    /// out; or the date is out of order.
    pub fn revisit_outcome(
        self,
        date: EventDate,
        judgements: Vec<Judgement>,
    ) -> Result<RevisitOutcome, Refused<AwaitingRevisitOutcome>> {
        let detail = EventDetail::RevisitOutcome { judgements };
        Ok(
            match self.branch::<ConcludedSufficient, AwaitingNextSteps>(date, detail)? {
                Ok(done) => RevisitOutcome::AllSufficient(done),
                Err(next) => RevisitOutcome::NextStepsNeeded(next),
            },
        )
    }
}

impl Area<AppMonitoring> {
    /// A DfE and NHS England review of the APP.
    ///
    /// # Errors
    /// When the date is certainly earlier than an event before it.
    pub fn app_review(
        self,
        date: EventDate,
        actions: Option<ActionCounts>,
    ) -> Result<Area<AppMonitoring>, Refused<AppMonitoring>> {
        self.to(date, EventDetail::AppReview { actions })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_is_a_marker_for_every_stage_of_the_table() {
        assert_eq!(MARKED, Stage::ALL);
    }

    fn after<S: AfterInsufficientProgress>() -> Stage {
        S::STAGE
    }

    #[test]
    fn the_after_insufficient_progress_markers_are_the_tables_stages() {
        let typed = [
            after::<AwaitingNextSteps>(),
            after::<AppDue>(),
            after::<AppUnderReview>(),
            after::<AppMonitoring>(),
            after::<UnderIntervention>(),
        ];
        assert_eq!(typed.as_slice(), crate::table::AFTER_INSUFFICIENT);
    }

    fn lift<S: NoticeMayBeInForce>() -> Stage {
        S::STAGE
    }

    #[test]
    fn the_notice_may_be_in_force_markers_are_the_tables_stages() {
        let typed = [
            lift::<Monitoring>(),
            lift::<RevisitNotified>(),
            lift::<Revisiting>(),
            lift::<AwaitingRevisitOutcome>(),
            lift::<ConcludedSufficient>(),
            lift::<AwaitingNextSteps>(),
            lift::<AppDue>(),
            lift::<AppUnderReview>(),
            lift::<AppMonitoring>(),
            lift::<UnderIntervention>(),
        ];
        assert_eq!(typed.as_slice(), crate::table::NOTICE_MAY_BE_IN_FORCE);
    }
}

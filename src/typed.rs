//! The typestate API: an area's lifecycle in which an illegal transition does not compile.
//!
//! [`Inspected<S>`](Inspected) carries its stage in its type. Each method consumes the area
//! and returns it in the next stage, so calling `submit_wsoa` before the report is published
//! is a type error, not a runtime one. The methods are generated from the framework's
//! declaration (`src/lifecycle/local_area_send_2016.rs`), one per row and stage, by the
//! same macro that emits the runtime table, so no method can exist without its row. Each
//! builds the event and hands it to the runtime engine ([`Lifecycle`](crate::Lifecycle)), which judges it by
//! that table; the engine also checks dates and payloads, so each method returns a
//! `Result`.
//!
//! # Example
//! ```
//! use send_lifecycle::typed::{Inspected, ReportOutcome};
//! use send_lifecycle::{EventDate, Policy, Weakness};
//!
//! let day = |s: &str| EventDate::parse(s);
//! // The area of testdata/leicestershire.json.
//! let leicestershire = send_lifecycle::Area::new("Leicestershire", "Leicestershire County Council",
//!     [send_lifecycle::HealthBody::new(send_lifecycle::HealthBodyKind::Ccg, "Leicestershire Clinical Commissioning Group")]);
//! let area = Inspected::new(leicestershire, Policy::default())
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
//! use send_lifecycle::typed::Inspected;
//! use send_lifecycle::{EventDate, Policy};
//! // The area of testdata/leicestershire.json.
//! let leicestershire = send_lifecycle::Area::new("Leicestershire", "Leicestershire County Council",
//!     [send_lifecycle::HealthBody::new(send_lifecycle::HealthBodyKind::Ccg, "Leicestershire Clinical Commissioning Group")]);
//! let area = Inspected::new(leicestershire, Policy::default());
//! // A WSoA cannot be submitted before the area is even inspected.
//! let area = area.submit_wsoa(EventDate::Unknown);
//! ```
//! ```compile_fail,E0599
//! use send_lifecycle::typed::Inspected;
//! use send_lifecycle::{EventDate, Policy};
//! // The area of testdata/leicestershire.json.
//! let leicestershire = send_lifecycle::Area::new("Leicestershire", "Leicestershire County Council",
//!     [send_lifecycle::HealthBody::new(send_lifecycle::HealthBodyKind::Ccg, "Leicestershire Clinical Commissioning Group")]);
//! let area = Inspected::new(leicestershire, Policy::default())
//!     .start_inspection(EventDate::Unknown).unwrap();
//! // The report cannot be published while fieldwork is still under way.
//! let outcome = area.publish_report(EventDate::Unknown, vec![]);
//! ```
//! ```compile_fail,E0599
//! use send_lifecycle::typed::{Inspected, Monitoring};
//! fn revisit_before_monitoring(area: Inspected<send_lifecycle::typed::WsoaDue>) {
//!     // A revisit needs a WSoA judged fit for purpose first.
//!     let _ = area.start_revisit(send_lifecycle::EventDate::Unknown);
//! }
//! ```
//! ```compile_fail,E0599
//! use send_lifecycle::typed::Inspected;
//! fn judge_twice(area: Inspected<send_lifecycle::typed::WsoaUnderReview>) {
//!     let monitoring = area.judge_wsoa_fit(send_lifecycle::EventDate::Unknown).unwrap();
//!     // Monitoring is no place to judge the WSoA again.
//!     let _ = monitoring.judge_wsoa_fit(send_lifecycle::EventDate::Unknown);
//! }
//! ```
//! ```compile_fail,E0599
//! use send_lifecycle::typed::Inspected;
//! fn app_without_decision(area: Inspected<send_lifecycle::typed::AwaitingRevisitOutcome>) {
//!     // An APP is written only after DfE and NHS England decide on one.
//!     let _ = area.submit_app(send_lifecycle::EventDate::Unknown);
//! }
//! ```
//! ```compile_fail,E0382
//! use send_lifecycle::typed::Inspected;
//! fn reuse(area: Inspected<send_lifecycle::typed::Inspecting>) {
//!     let ended = area.end_inspection(send_lifecycle::EventDate::Unknown);
//!     // Methods consume the area: the old stage cannot be used again.
//!     let again = area.end_inspection(send_lifecycle::EventDate::Unknown);
//! }
//! ```
//! ```compile_fail,E0599
//! use send_lifecycle::typed::Inspected;
//! fn notice_before_revisit(area: Inspected<send_lifecycle::typed::Monitoring>) {
//!     // An improvement notice follows a revisit that found insufficient progress.
//!     let _ = area.issue_improvement_notice(send_lifecycle::EventDate::Unknown);
//! }
//! ```

/// The typestate area and its refusal, for one framework's marker types (each framework has
/// its own, so that methods on stages of the same name do not clash).
macro_rules! typestate {
    ($framework:expr) => {
        /// An area whose stage is `S`, over the runtime engine.
        ///
        /// Each method consumes the area and returns it in the stage its row leads to; a step with
        /// more than one outcome returns an outcome enum (for the 2016 framework `ReportOutcome`, `RevisitOutcome`; for the 2023 one `FullReportOutcome`).
        ///
        /// # Example
        /// ```
        /// use send_lifecycle::typed::{Inspected, ReportOutcome};
        /// use send_lifecycle::{Area, EventDate, HealthBody, HealthBodyKind, Policy, Stage};
        /// let leicestershire = Area::new("Leicestershire", "Leicestershire County Council",
        ///     [HealthBody::new(HealthBodyKind::Ccg, "Leicestershire Clinical Commissioning Group")]);
        /// let day = |s: &str| EventDate::parse(s);
        /// let area = Inspected::new(leicestershire, Policy::default())
        ///     .cite("Leicestershire County Council, scrutiny committee report of 8 March 2022, para 5")
        ///     .start_inspection(day("2020-02-03")?)?
        ///     .end_inspection(day("2020-02-07")?)?;
        /// assert_eq!(area.stage(), Stage::AwaitingReport);
        /// // A report with no significant weakness ends the lifecycle.
        /// let ReportOutcome::NoWsoa(done) = area.publish_report(day("2020-03-27")?, vec![])? else {
        ///     panic!("no weakness, no WSoA");
        /// };
        /// assert_eq!(done.stage(), Stage::ConcludedNoWsoa);
        /// assert!(done.lifecycle().history()[0].source.is_some());
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, PartialEq)]
        pub struct Inspected<S: StageMarker> {
            engine: Lifecycle,
            source: Option<String>,
            stage: PhantomData<S>,
        }

        /// An event the typed API refused, with the area exactly as it was, so that one wrong
        /// date does not lose the lifecycle.
        ///
        /// # Example
        /// ```
        /// use send_lifecycle::typed::Inspected;
        /// use send_lifecycle::{Code, EventDate, Policy};
        /// let area = Inspected::new(send_lifecycle::Area::new("Leicestershire", "Leicestershire County Council", [send_lifecycle::HealthBody::new(send_lifecycle::HealthBodyKind::Ccg, "Leicestershire Clinical Commissioning Group")]), Policy::default())
        ///     .start_inspection(EventDate::parse("2020-02-03")?)?;
        /// let refused = area.end_inspection(EventDate::parse("2020-01-31")?).unwrap_err();
        /// assert_eq!(refused.code(), Code::EventsOutOfOrder);
        /// // The area comes back unchanged: correct the date and carry on.
        /// let area = refused.area.end_inspection(EventDate::parse("2020-02-07")?)?;
        /// assert_eq!(area.lifecycle().history().len(), 2);
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct Refused<S: StageMarker> {
            /// The area, as it was before the refused event.
            pub area: Inspected<S>,
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

        impl<S: StageMarker> Refused<S> {
            /// The diagnostic code of the refusal.
            pub fn code(&self) -> crate::Code {
                self.rejection.code()
            }
        }

        impl<S: StageMarker> From<Refused<S>> for Rejection {
            fn from(r: Refused<S>) -> Rejection {
                r.rejection
            }
        }

        impl Inspected<NotInspected> {
            /// A new area, not yet inspected under this framework.
            pub fn new(area: crate::event::Area, policy: Policy) -> Inspected<NotInspected> {
                Inspected {
                    engine: Lifecycle::for_framework(area, policy, $framework),
                    source: None,
                    stage: PhantomData,
                }
            }
        }

        impl<S: StageMarker> Inspected<S> {
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

            /// Cites a source for the next event (publisher, title, date, section).
            pub fn cite(mut self, source: impl Into<String>) -> Inspected<S> {
                self.source = Some(source.into());
                self
            }

            /// The event a method records, with the pending citation.
            pub(crate) fn event(&self, date: EventDate, detail: EventDetail) -> Event {
                Event {
                    date,
                    detail,
                    source: self.source.clone(),
                    note: None,
                }
            }

            /// The refusal of an event, handing the area back as it was.
            pub(crate) fn refuse(self, rejection: Rejection) -> Refused<S> {
                Refused {
                    area: self,
                    rejection,
                }
            }

            /// Applies `event` if `choose` accepts the engine's verdict, and hands the area to
            /// the constructor it picked (for a method with more than one outcome: the variant
            /// of the branch the engine took). Refused by the engine or by `choose`, the area
            /// comes back as it was. The event is judged once.
            pub(crate) fn apply_branch<O>(
                mut self,
                event: Event,
                choose: impl FnOnce(&Verdict) -> Result<fn(Inspected<S>) -> O, RejectionReason>,
            ) -> Result<O, Refused<S>> {
                match self.engine.apply_choosing(event, choose, |_, make| make) {
                    Ok(make) => {
                        self.source = None;
                        Ok(make(self))
                    }
                    Err(rejection) => Err(self.refuse(rejection)),
                }
            }

            /// The same area typed at stage `T`: only for an area the engine has just led to
            /// `T` (a constructor picked by [`Inspected::apply_branch`]'s `choose`).
            pub(crate) fn into_stage<T: StageMarker>(self) -> Inspected<T> {
                Inspected {
                    engine: self.engine,
                    source: self.source,
                    stage: PhantomData,
                }
            }

            /// Applies `event`, which must lead to `T`'s stage; refused, the area comes back as it
            /// was (its pending citation included).
            pub(crate) fn apply<T: StageMarker>(
                mut self,
                event: Event,
            ) -> Result<Inspected<T>, Refused<S>> {
                match self.engine.apply_expecting(event, T::STAGE) {
                    Ok(_) => Ok(Inspected {
                        engine: self.engine,
                        source: None,
                        stage: PhantomData,
                    }),
                    Err(rejection) => Err(self.refuse(rejection)),
                }
            }

            /// Builds and applies the event of a generated method.
            #[inline(always)]
            pub(crate) fn step<T: StageMarker>(
                self,
                date: EventDate,
                detail: EventDetail,
            ) -> Result<Inspected<T>, Refused<S>> {
                let event = self.event(date, detail);
                self.apply(event)
            }
        }
    };
}

/// The 2016–2022 framework's typestate API: its stages as types, and the area over them.
/// Everything here is also at the root of [`crate::typed`].
pub mod local_area_send_2016 {
    use std::marker::PhantomData;

    use crate::date::EventDate;
    use crate::engine::{Lifecycle, Rejection, RejectionReason, Verdict};
    use crate::event::{Event, EventDetail, Weakness};
    use crate::lifecycle::Stage;
    use crate::policy::Policy;

    pub use crate::lifecycle::local_area_send_2016::{ReportOutcome, RevisitOutcome};
    pub use crate::lifecycle::markers_2016::*;
    pub use crate::lifecycle::StageMarker;

    typestate!(crate::Framework::LocalAreaSend2016);

    impl Inspected<AwaitingReport> {
        /// The report letter is published with its significant weaknesses (none: no WSoA);
        /// [`Inspected::publish_report_dated`] with no separate letter date.
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
    }
}

/// The 2023 area SEND framework's typestate API: its stages as types, the area over them,
/// and the outcome of a full inspection.
///
/// ```
/// use send_lifecycle::typed::area_send_2023::{FullReportOutcome, Inspected};
/// use send_lifecycle::{EventDate, Outcome, Policy};
/// let day = |s: &str| EventDate::parse(s);
/// let area = Inspected::new(send_lifecycle::Area::new("Leicestershire", "Leicestershire County Council", [send_lifecycle::HealthBody::new(send_lifecycle::HealthBodyKind::Ccg, "Leicestershire Clinical Commissioning Group")]), Policy::default())
///     .start_inspection(day("2023-10-16")?)?
///     .end_inspection(day("2023-10-20")?)?;
/// let FullReportOutcome::Inconsistent(area) =
///     area.publish_report(day("2023-12-22")?, Outcome::Inconsistent, None, None)?
/// else {
///     panic!("an inconsistent outcome asks for the strategic plan");
/// };
/// let area = area.publish_strategic_plan(day("2024-02-14")?)?;
/// assert_eq!(area.stage().as_str(), "awaiting_full_inspection");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A monitoring inspection follows only widespread failings and a plan judged fit:
/// ```compile_fail,E0599
/// use send_lifecycle::typed::area_send_2023::StrategicPlanDue;
/// fn monitoring_after_inconsistent(area: send_lifecycle::typed::area_send_2023::Inspected<StrategicPlanDue>) {
///     let _ = area.start_monitoring_inspection(send_lifecycle::EventDate::Unknown);
/// }
/// ```
/// ```compile_fail,E0599
/// use send_lifecycle::typed::area_send_2023::PapDue;
/// fn publish_before_submitting(area: send_lifecycle::typed::area_send_2023::Inspected<PapDue>) {
///     // The plan is published once it has been submitted.
///     let _ = area.publish_pap(send_lifecycle::EventDate::Unknown);
/// }
/// ```
/// ```compile_fail,E0599
/// use send_lifecycle::typed::area_send_2023::AwaitingFullInspection;
/// fn no_revisit_under_2023(area: send_lifecycle::typed::area_send_2023::Inspected<AwaitingFullInspection>) {
///     // There is no revisit under the 2023 framework.
///     let _ = area.start_revisit(send_lifecycle::EventDate::Unknown);
/// }
/// ```
pub mod area_send_2023 {
    use std::marker::PhantomData;

    use crate::date::EventDate;
    use crate::engine::{Lifecycle, Rejection, RejectionReason, Verdict};
    use crate::event::{Event, EventDetail};
    use crate::lifecycle::Stage;
    use crate::policy::Policy;

    pub use crate::lifecycle::area_send_2023::FullReportOutcome;
    pub use crate::lifecycle::markers_2023::*;
    pub use crate::lifecycle::StageMarker;

    typestate!(crate::Framework::AreaSend2023);
}

pub use local_area_send_2016::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Area;
    use crate::lifecycle::Stage;
    use crate::{EventDate, HealthBody, HealthBodyKind, Policy};

    #[test]
    fn a_method_exists_for_every_row_and_stage_and_leads_where_the_row_does() {
        // Walks one path per branch and checks each method's stage against the table.
        let d = crate::lifecycle::Declaration::of(crate::Framework::LocalAreaSend2016);
        let day = |s: &str| EventDate::parse(s).unwrap_or(EventDate::Unknown);
        let area = Inspected::new(
            Area::new(
                "Leicestershire",
                "Leicestershire County Council",
                [HealthBody::new(
                    HealthBodyKind::Ccg,
                    "Leicestershire Clinical Commissioning Group",
                )],
            ),
            Policy::default(),
        );
        let area = area.notify_inspection(day("2020-01-27")).ok();
        let area = area.and_then(|a| a.start_inspection(day("2020-02-03")).ok());
        let area = area.and_then(|a| a.end_inspection(day("2020-02-07")).ok());
        let Some(area) = area else {
            panic!("the inspection path was refused");
        };
        assert_eq!(area.stage(), Stage::AwaitingReport);
        let row = d
            .rows_for(Stage::Inspecting, crate::EventKind::InspectionEnded)
            .next()
            .map(|r| r.target_from(Stage::Inspecting));
        assert_eq!(row, Some(area.stage()));
        match area.publish_report(day("2020-03-27"), vec![]) {
            Ok(ReportOutcome::NoWsoa(done)) => assert_eq!(done.stage(), Stage::ConcludedNoWsoa),
            other => panic!("a report with no weakness concludes: {other:?}"),
        }
    }
}

//! The runtime engine: judges events one at a time against a framework's declaration.
//!
//! [`Lifecycle::judge`] is the one step function: it returns the row that applies, every
//! payload problem with its place, the cleaned payload and the order verdict, changing
//! nothing. [`Lifecycle::apply`] acts on that verdict under the engine's settings, and the
//! validator acts on the same verdict under its own.

mod area;
mod core;
mod deadline;
mod items;
mod rejection;

use std::fmt;

use serde::{Deserialize, Serialize};

pub(crate) use self::area::{Record, Records};
pub(crate) use self::core::Core;
pub use self::core::{EngineSettings, OnProblem, OrderBasis, Transition, Verdict};
pub(crate) use self::items::Items;
pub use deadline::{Deadline, DeadlineBasis};
pub use rejection::{Rejection, RejectionReason};

use crate::event::{Area, Event, EventKind, Framework, HealthBody};
use crate::lifecycle::{PlanKind, Stage, WeaknessStage};
use crate::names::{read_name, written};
use crate::policy::Policy;

/// A weakness and its stage: what [`Lifecycle::weaknesses`] holds and what a [`Report`]
/// lists (as `{"id", "title", "stage"}`).
///
/// [`Report`]: crate::Report
///
/// # Example
/// ```
/// use send_lifecycle::{WeaknessStage, WeaknessStatus};
/// let w = WeaknessStatus::new("W1", "No joint commissioning strategy", WeaknessStage::InAction);
/// assert_eq!(serde_json::to_string(&w)?,
///            r#"{"id":"W1","title":"No joint commissioning strategy","stage":"in_action"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(from = "WeaknessIn")]
pub struct WeaknessStatus {
    /// The weakness's id.
    pub id: String,
    /// The weakness as the letter words it.
    pub title: String,
    /// Where it stands ([`WeaknessStage::Unknown`] for a stage of a newer version, whose
    /// name is [`WeaknessStatus::stage_name`]).
    pub stage: WeaknessStage,
    /// The stage's name as a newer version's report gave it, when this version does not
    /// know it.
    newer_stage: Option<Box<str>>,
}

impl WeaknessStatus {
    /// A weakness `id`, worded `title`, in `stage`.
    pub fn new(id: impl Into<String>, title: impl Into<String>, stage: WeaknessStage) -> Self {
        WeaknessStatus {
            id: id.into(),
            title: title.into(),
            stage,
            newer_stage: None,
        }
    }

    /// The stage's name: the contract's, or the one a newer version's report gave.
    pub fn stage_name(&self) -> &str {
        written(
            self.stage,
            WeaknessStage::Unknown,
            self.stage.as_str(),
            self.newer_stage.as_deref(),
        )
    }
}

impl Serialize for WeaknessStatus {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("WeaknessStatus", 3)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("title", &self.title)?;
        s.serialize_field("stage", self.stage_name())?;
        s.end()
    }
}

/// A weakness as read from a report: its stage as text; unknown fields ignored.
#[derive(Deserialize)]
struct WeaknessIn {
    id: String,
    title: String,
    stage: String,
}

impl From<WeaknessIn> for WeaknessStatus {
    fn from(w: WeaknessIn) -> WeaknessStatus {
        let (stage, newer_stage) = read_name(w.stage, WeaknessStage::Unknown);
        WeaknessStatus {
            id: w.id,
            title: w.title,
            stage,
            newer_stage,
        }
    }
}

/// The runtime engine: an area's lifecycle, applying events one at a time.
///
/// Under the default [`EngineSettings`] it refuses any event the table does not allow, a
/// payload that contradicts the weaknesses held, and an event certainly earlier than one
/// applied before. It tracks the stage, each weakness's stage, the health bodies in force, the WSoA and
/// APP deadlines, any improvement notice, and the full history of applied events (an
/// audit trail that [`Lifecycle::replay`] turns back into the same state).
///
/// # Example
/// ```
/// use send_lifecycle::{Area, Event, EventDate, EventDetail, Lifecycle, Policy, Stage, Weakness};
///
/// let day = |s: &str| EventDate::parse(s);
/// // The area of testdata/leicestershire.json.
/// let leicestershire = send_lifecycle::Area::new("Leicestershire", "Leicestershire County Council",
///     [send_lifecycle::HealthBody::new(send_lifecycle::HealthBodyKind::Ccg, "Leicestershire Clinical Commissioning Group")]);
/// let mut area = Lifecycle::new(leicestershire, Policy::default());
/// area.apply(Event::new(day("2020-02-03")?, EventDetail::InspectionStarted))?;
/// area.apply(Event::new(day("2020-02-07")?, EventDetail::InspectionEnded))?;
/// let t = area.apply(Event::new(
///     day("2020-03-27")?,
///     EventDetail::report(
///         vec![Weakness::new("W1", "The absence of a joint commissioning strategy")],
///         None,
///     ),
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
    records: Records,
    history: Vec<Event>,
}

impl fmt::Debug for Lifecycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As a derived `Debug` on the four fields would print it.
        let s = &self.state;
        f.debug_struct("Lifecycle")
            .field("area", &s.area)
            .field("policy", &s.policy)
            .field("records", &s.records)
            .field("history", &s.history)
            .finish()
    }
}

impl Lifecycle {
    /// A lifecycle for `area` under the 2016–2022 framework, not yet inspected, with the
    /// strict default [`EngineSettings`].
    pub fn new(area: Area, policy: Policy) -> Lifecycle {
        Lifecycle::with_settings(area, policy, EngineSettings::default())
    }

    /// A lifecycle with explicit engine settings: which events order is judged against,
    /// and whether an out-of-order event or a payload problem refuses the event.
    ///
    /// # Example
    /// ```
    /// use send_lifecycle::{Area, EngineSettings, Event, EventDate, EventDetail, Lifecycle, OnProblem, Policy};
    /// let settings = EngineSettings::default().on_out_of_order(OnProblem::ApplyAndReport);
    /// // The area of testdata/leicestershire.json.
    /// let leicestershire = send_lifecycle::Area::new("Leicestershire", "Leicestershire County Council",
    ///     [send_lifecycle::HealthBody::new(send_lifecycle::HealthBodyKind::Ccg, "Leicestershire Clinical Commissioning Group")]);
    /// let mut area = Lifecycle::with_settings(leicestershire, Policy::default(), settings);
    /// area.apply(Event::new(EventDate::parse("2020-02-03")?, EventDetail::InspectionStarted))?;
    /// // Certainly earlier than the start, but applied: the caller reports it.
    /// let end = Event::new(EventDate::parse("2020-01-31")?, EventDetail::InspectionEnded);
    /// assert!(area.judge(&end)?.out_of_order().is_some());
    /// assert!(area.apply(end).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_settings(area: Area, policy: Policy, settings: EngineSettings) -> Lifecycle {
        Lifecycle::start(area, policy, settings, Framework::LocalAreaSend2016)
    }

    /// A lifecycle whose record starts under `framework` (the 2023 area SEND framework for
    /// a partnership first inspected under it), with the strict default settings.
    ///
    /// # Example
    /// ```
    /// use send_lifecycle::{Area, Framework, Lifecycle, Policy, Stage};
    /// let area = Lifecycle::for_framework(Area::new("Testshire", "Testshire Council", []), Policy::default(), Framework::AreaSend2023);
    /// assert_eq!(area.framework(), Framework::AreaSend2023);
    /// assert_eq!(area.stage(), Stage::NotInspected);
    /// ```
    pub fn for_framework(area: Area, policy: Policy, framework: Framework) -> Lifecycle {
        Lifecycle::start(area, policy, EngineSettings::default(), framework)
    }

    /// A lifecycle under `framework` with `settings`.
    pub fn start(
        area: Area,
        policy: Policy,
        settings: EngineSettings,
        framework: Framework,
    ) -> Lifecycle {
        let records = Records::new(framework, settings, area.health_bodies.clone());
        Lifecycle {
            state: Box::new(State {
                area,
                policy,
                records,
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

    /// Rebuilds a lifecycle from a history, applying each event in turn (with the default
    /// settings).
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
    /// the table has no row for it or, under the default settings, its payload contradicts
    /// the weaknesses held or it is certainly earlier than an event applied before. The
    /// lifecycle is then unchanged — except under [`OrderBasis::Listed`], where the refused
    /// event's date still counts for the order of the next.
    pub fn apply(&mut self, event: Event) -> Result<Transition, Rejection> {
        self.apply_choosing(event, |_| Ok(()), |t, ()| t)
    }

    /// Judges `event` as [`Lifecycle::apply`] would, changing nothing: the row, every
    /// payload problem with its place, the cleaned payload and the order verdict. This is
    /// the one step function; [`Lifecycle::apply`] and the validator both act on it.
    ///
    /// # Example
    /// ```
    /// use send_lifecycle::{Area, Event, EventDate, EventDetail, Lifecycle, Policy, Stage};
    /// use send_lifecycle::{HealthBody, HealthBodyKind, Weakness};
    /// let leicestershire = Area::new("Leicestershire", "Leicestershire County Council",
    ///     [HealthBody::new(HealthBodyKind::Ccg, "Leicestershire Clinical Commissioning Group")]);
    /// let mut area = Lifecycle::new(leicestershire, Policy::default());
    /// let day = |s: &str| EventDate::parse(s);
    /// area.apply(Event::new(day("2020-02-03")?, EventDetail::InspectionStarted))?;
    /// area.apply(Event::new(day("2020-02-07")?, EventDetail::InspectionEnded))?;
    ///
    /// // A report listing one weakness twice: the row applies, the repeat is a problem.
    /// let w = || Weakness::new("W1", "The absence of a joint commissioning strategy");
    /// let report = Event::new(day("2020-03-27")?, EventDetail::report(vec![w(), w()], None));
    /// let verdict = area.judge(&report)?;
    /// assert_eq!((verdict.from(), verdict.to()), (Stage::AwaitingReport, Stage::WsoaDue));
    /// assert_eq!(verdict.payload_problems().len(), 1);
    /// assert!(verdict.cleaned().is_some());
    /// assert!(verdict.out_of_order().is_none());
    /// // Judging changed nothing.
    /// assert_eq!(area.stage(), Stage::AwaitingReport);
    ///
    /// // An event the table has no row for is refused.
    /// let early = Event::new(day("2020-02-08")?, EventDetail::WsoaSubmitted);
    /// assert!(area.judge(&early).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// A [`Rejection`] when the table refuses the event (no row, or no row whose
    /// condition holds).
    pub fn judge(&self, event: &Event) -> Result<Verdict, Rejection> {
        let s = &self.state;
        s.records
            .judge(event, event.date.span(), s.history.len())
            .map(|(_, v)| v)
    }

    /// Checks `event` as [`Lifecycle::apply`] would, changing nothing, and returns the stage
    /// it would lead to.
    ///
    /// # Errors
    /// As [`Lifecycle::apply`].
    pub fn check(&self, event: &Event) -> Result<Stage, Rejection> {
        let verdict = self.judge(event)?;
        match self.blocking(&verdict) {
            Some(reason) => Err(self.rejection(event.kind(), reason)),
            None => Ok(verdict.to),
        }
    }

    /// The problem of `verdict` that the settings make refuse the event, if any.
    fn blocking(&self, verdict: &Verdict) -> Option<RejectionReason> {
        let settings = self.state.records.main.settings;
        if settings.payload == OnProblem::Refuse {
            if let Some(p) = verdict.problems.first() {
                return Some(p.clone());
            }
        }
        if settings.out_of_order == OnProblem::Refuse {
            return verdict.out_of_order.as_deref().cloned();
        }
        None
    }

    /// A rejection of an event of `kind` offered next, for `reason`.
    pub(crate) fn rejection(&self, kind: EventKind, reason: RejectionReason) -> Rejection {
        self.state
            .records
            .reject(kind, self.state.history.len(), reason)
    }

    /// Applies `event` only if it leads to `expected`; used by the typed API, which knows
    /// the stage it must reach. Always inlined into each typed method (a plain `#[inline]`
    /// is not taken): the event is then built where it is used rather than copied into a
    /// call, which keeps the typed API within a few per cent of [`Lifecycle::apply`].
    #[inline(always)]
    pub(crate) fn apply_expecting(
        &mut self,
        event: Event,
        expected: Stage,
    ) -> Result<Transition, Rejection> {
        self.apply_choosing(
            event,
            |verdict| {
                if verdict.to == expected {
                    Ok(())
                } else {
                    Err(RejectionReason::Internal {
                        reached: verdict.to,
                    })
                }
            },
            |t, ()| t,
        )
    }

    /// Judges `event` once, lets `choose` accept the verdict (returning what the caller
    /// needs of it, such as which branch of a row was taken) or refuse it, and applies the
    /// event only when both the settings and `choose` accept it. A typed method with more
    /// than one outcome thus judges its event once, not once to find the branch and again
    /// to apply it. The settings' refusal (a payload problem, an event out of order) comes
    /// before `choose`'s. It returns `done(transition, choice)` rather than the pair:
    /// returning the pair cost [`Lifecycle::apply`] 26 more instructions an event.
    #[inline(always)]
    pub(crate) fn apply_choosing<B, R>(
        &mut self,
        event: Event,
        choose: impl FnOnce(&Verdict) -> Result<B, RejectionReason>,
        done: impl FnOnce(Transition, B) -> R,
    ) -> Result<R, Rejection> {
        let index = self.state.history.len();
        let span = event.date.span();
        let judged = self.state.records.judge(&event, span, index);
        if self.state.records.main.settings.order_basis == OrderBasis::Listed {
            // Under this basis a refused event still counts for the order of the next.
            self.state.records.note_listed(span, index);
        }
        let (record, verdict) = judged?;
        let chosen = match self.blocking(&verdict) {
            Some(reason) => Err(reason),
            None => choose(&verdict),
        };
        let chosen = match chosen {
            Ok(chosen) => chosen,
            Err(reason) => {
                return Err(self
                    .state
                    .records
                    .core(record)
                    .reject(event.kind(), index, reason))
            }
        };
        let s = &mut *self.state;
        let t = s
            .records
            .commit(record, &verdict, &event, span, index, &s.policy);
        let event = match verdict.cleaned {
            Some(detail) => Event { detail, ..event },
            None => event,
        };
        s.history.push(event);
        Ok(done(t, chosen))
    }

    /// The stage the area is in.
    pub fn stage(&self) -> Stage {
        self.state.records.main.stage
    }

    /// The significant weaknesses and their stages, in the report's order.
    pub fn weaknesses(&self) -> &[WeaknessStatus] {
        self.state
            .records
            .record_2016()
            .map_or(&[], |c| c.items.all.as_slice())
    }

    /// One weakness by id.
    pub fn weakness(&self, id: &str) -> Option<&WeaknessStatus> {
        self.state
            .records
            .record_2016()
            .and_then(|c| c.weakness(id))
    }

    /// The health bodies in force.
    pub fn health_bodies(&self) -> &[HealthBody] {
        &self.state.records.main.health_bodies
    }

    /// The WSoA deadline while a WSoA is due (70 working days from the earliest date the
    /// report is known to have reached the area, or the revised deadline).
    pub fn wsoa_deadline(&self) -> Option<Deadline> {
        self.state
            .records
            .record_2016()
            .and_then(|c| c.deadline(PlanKind::Wsoa))
    }

    /// The APP deadline while an APP is due, if the policy sets one.
    pub fn app_deadline(&self) -> Option<Deadline> {
        self.state
            .records
            .record_2016()
            .and_then(|c| c.deadline(PlanKind::App))
    }

    /// The engine's settings.
    pub fn settings(&self) -> EngineSettings {
        self.state.records.main.settings
    }

    /// The framework in force.
    pub fn framework(&self) -> Framework {
        self.state.records.main.decl.framework
    }

    /// The stage of the 2016 record kept open beside the 2023 framework, if there is one.
    pub fn legacy_stage(&self) -> Option<Stage> {
        self.state.records.open_legacy().map(|c| c.stage)
    }

    /// The areas for priority action of the 2023 reports, every cycle's (latest last).
    pub fn priority_actions(&self) -> &[WeaknessStatus] {
        self.state
            .records
            .record_2023()
            .map_or(&[], |c| c.items.all.as_slice())
    }

    /// Whether a DfE improvement notice is in force.
    pub fn improvement_notice_in_force(&self) -> bool {
        self.state.records.main.notice_in_force
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
        let main = &self.state.records.main;
        main.decl.allowed_events(main.stage)
    }
}

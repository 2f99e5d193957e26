//! Validation: replays a timeline on the runtime engine and reports every problem.
//!
//! The engine alone judges each step ([`crate::Lifecycle::judge`]): which row applies,
//! every payload problem, the cleaned payload, the order verdict. This module acts on that
//! verdict — reporting every problem and applying what can be applied — and adds the rules
//! that decide no stage, one module per family of codes:
//!
//! | module | codes |
//! |---|---|
//! | `spans` | (the span of days each rule may use) |
//! | `deadlines` | `wsoa_late`, `app_late`, `deadline_passed`, `possibly_late` |
//! | `monitoring` | `monitoring_gap` |
//! | `fieldwork` | `inspection_too_long`, `revisit_too_long` |
//! | `horizons` | `revisit_later_than_usual` |
//! | `health_bodies` | `health_body_anachronism` |
//! | `text` | `empty_text` |
//! | `actions` | `invalid_action_counts` |
//! | `letter` | `letter_after_publication` |
//!
//! The engine's refusals (`transition_not_allowed`, `events_out_of_order`,
//! `duplicate_weakness`, `unknown_weakness`, `missing_judgement`, `rejudged_weakness`) are
//! built into diagnostics by [`crate::Rejection::diagnostic`]; the reader's findings
//! (`malformed_json`, `schema_violation`, `unsupported_schema_version`, `invalid_date`,
//! `limit_exceeded`) by the reader. It never stops at the first problem: after a refused
//! event it carries on from the last good stage.

mod actions;
mod as_of;
mod deadlines;
mod fieldwork;
mod health_bodies;
mod horizons;
mod letter;
mod monitoring;
pub(crate) mod rule;
mod spans;
mod text;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::budget::Budget;
use crate::date::DateSpan;
use crate::diagnostic::{Code, Diagnostic};
use crate::engine::{Core, Deadline, EngineSettings, Rejection};
use crate::event::{Area, Event, HealthBody, Timeline};
use crate::json::{decode, Limits};
use crate::lifecycle::{Declaration, PlanKind, Stage};
use crate::policy::Policy;
use crate::report::Report;
use rule::{dated, At, Cx, End, Rule, Sink};

/// How to validate: the policy, the day to judge deadlines at, and the input limits.
///
/// Built from [`Options::new`] (the defaults) with the `as_of`, `with_policy` and
/// `with_limits` builders; each returns the changed options, so a call whose result is
/// dropped is a warning.
///
/// # Example
/// ```
/// use send_lifecycle::{Limits, Options, Policy};
/// let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1);
/// let options = Options::new()
///     .as_of(day)
///     .with_limits(Limits::default().max_events(500))
///     .with_policy(Policy::default());
/// assert_eq!(options.as_of, day);
/// assert_eq!(options.limits.max_events, 500);
/// assert_eq!(Options::new(), Options::default());
/// ```
///
/// The builders are `#[must_use]`:
/// ```compile_fail
/// #[deny(unused_must_use)]
/// fn forgotten(options: send_lifecycle::Options) {
///     options.as_of(None);
/// }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Options {
    /// The numbers of the framework.
    pub policy: Policy,
    /// Judge deadlines as of this day, rather than the date of the last event.
    pub as_of: Option<NaiveDate>,
    /// Input limits (for [`validate_json`]; the typed [`validate`] reads no input).
    pub limits: Limits,
}

impl Options {
    /// The default options: the default [`Policy`], deadlines judged as of the last event,
    /// the default [`Limits`].
    #[must_use]
    pub fn new() -> Options {
        Options::default()
    }

    /// The same options, judging deadlines as of `day` (`None`: as of the last event).
    #[must_use]
    pub fn as_of(mut self, day: Option<NaiveDate>) -> Options {
        self.as_of = day;
        self
    }

    /// The same options with `policy`.
    #[must_use]
    pub fn with_policy(mut self, policy: Policy) -> Options {
        self.policy = policy;
        self
    }

    /// The same options with `limits`.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Options {
        self.limits = limits;
        self
    }
}

/// Validates a timeline given as JSON bytes. Every failure — malformed JSON (with line and
/// column), a wrong shape, an unsupported version, input past the limits — comes back as a
/// diagnostic in the report; this never panics and never returns an `Err`.
///
/// # Example
/// ```
/// use send_lifecycle::{validate_json, Options};
/// let report = validate_json(br#"{"schema_version": 1,
///     "area": {"name": "X", "local_authority": "X Council",
///              "health_bodies": [{"kind": "ccg", "name": "X CCG"}]},
///     "events": [{"date": "2020-02-03", "kind": "inspection_started"}]}"#, &Options::default());
/// assert!(report.valid);
/// assert_eq!(report.stage.as_str(), "inspecting");
///
/// let broken = validate_json(b"{\"schema_version\": 1,", &Options::default());
/// assert!(!broken.valid);
/// assert_eq!(broken.diagnostics[0].code.as_str(), "malformed_json");
/// ```
pub fn validate_json(bytes: &[u8], options: &Options) -> Report {
    // No rule reads an event's `source` or `note`: they are checked, not kept.
    let decoded = decode(bytes, &options.limits, false);
    // The reader has spent from the report's budget; the rules spend the rest.
    let mut out = Sink {
        diagnostics: decoded.diagnostics,
        budget: decoded.budget,
    };
    let total = decoded.events.len() + decoded.events_skipped;
    let usable = !decoded.malformed
        && decoded.schema_version == Some(1)
        && decoded.framework.is_some()
        && decoded.has_events;
    let mut run = match (usable, decoded.framework) {
        (true, Some(framework)) => run(
            Declaration::of(framework),
            decoded.area.as_ref(),
            &decoded.events,
            decoded.spans,
            options,
            &mut out,
            None,
        ),
        _ => Run::empty(total),
    };
    run.events_total = total;
    finish(out, run)
}

fn finish(mut out: Sink, run: Run) -> Report {
    if let Some(summary) = out.budget.summary() {
        out.diagnostics.push(summary);
    }
    Report::from_parts(run.stage, out.diagnostics, run)
}

/// Validates a timeline given as a JSON string. See [`validate_json`].
///
/// # Example
/// ```
/// let report = send_lifecycle::validate_str("[]", &Default::default());
/// assert_eq!(report.diagnostics[0].code.as_str(), "schema_violation");
/// ```
pub fn validate_str(text: &str, options: &Options) -> Report {
    validate_json(text.as_bytes(), options)
}

/// Validates a typed timeline. The same rules as [`validate_json`], without the reading.
///
/// # Example
/// ```
/// use send_lifecycle::{validate, Area, Event, EventDate, EventDetail, Options, Timeline, Framework};
/// // The area of testdata/leicestershire.json.
/// let leicestershire = send_lifecycle::Area::new("Leicestershire", "Leicestershire County Council",
///     [send_lifecycle::HealthBody::new(send_lifecycle::HealthBodyKind::Ccg, "Leicestershire Clinical Commissioning Group")]);
/// let timeline = Timeline {
///     schema_version: 1,
///     framework: Framework::default(),
///     area: leicestershire,
///     events: vec![
///         Event::new(EventDate::parse("2020-02-03")?, EventDetail::InspectionStarted),
///         Event::new(EventDate::parse("2020-02-01")?, EventDetail::InspectionEnded),
///     ],
/// };
/// let report = validate(&timeline, &Options::default());
/// assert!(!report.valid);
/// assert_eq!(report.diagnostics[0].code.as_str(), "events_out_of_order");
/// # Ok::<(), send_lifecycle::DateError>(())
/// ```
pub fn validate(timeline: &Timeline, options: &Options) -> Report {
    validate_with(timeline, options, None)
}

fn validate_with(
    timeline: &Timeline,
    options: &Options,
    trace: Option<&mut Vec<AppliedEvent>>,
) -> Report {
    let mut out = Sink {
        diagnostics: Vec::new(),
        budget: Budget::new(&options.limits),
    };
    if timeline.schema_version != 1 {
        out.push(
            Diagnostic::new(
                Code::UnsupportedSchemaVersion,
                "/schema_version",
                format!(
                    "schema_version is {}, but this crate reads version 1 of the timeline format only; no rule was checked",
                    timeline.schema_version
                ),
            )
            .expecting(["1"]),
        );
        return finish(out, Run::empty(timeline.events.len()));
    }
    let events: Vec<Option<&Event>> = timeline.events.iter().map(Some).collect();
    let own = events
        .iter()
        .map(|s| s.map_or(DateSpan::UNBOUNDED, |e| e.date.span()))
        .collect();
    let decl = Declaration::of(timeline.framework);
    let run = run(
        decl,
        Some(&timeline.area),
        &events,
        own,
        options,
        &mut out,
        trace,
    );
    finish(out, run)
}

/// One event as the validator applied it: the event (with its payload cleaned of the
/// entries the engine refused), and the stage and weakness stages it left the area in.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AppliedEvent {
    /// The event's index in the timeline.
    pub index: usize,
    /// The event as applied.
    pub event: Event,
    /// The stage after it.
    pub stage: Stage,
    /// Every weakness and its stage after it.
    pub weaknesses: Vec<crate::engine::WeaknessStatus>,
}

/// Validates a typed timeline as [`validate`] does, and returns besides the events it
/// applied, each with the state it left: what a caller needs to replay the validator's
/// reading through [`crate::Lifecycle`] (with [`EngineSettings`] that apply an
/// out-of-order event, as the validator does) and check that the two agree.
///
/// # Example
/// ```
/// use send_lifecycle::{validate_traced, Area, Event, EventDate, EventDetail, Framework, Options, Timeline};
/// // The area of testdata/leicestershire.json.
/// let leicestershire = send_lifecycle::Area::new("Leicestershire", "Leicestershire County Council",
///     [send_lifecycle::HealthBody::new(send_lifecycle::HealthBodyKind::Ccg, "Leicestershire Clinical Commissioning Group")]);
/// let timeline = Timeline {
///     schema_version: 1,
///     framework: Framework::default(),
///     area: leicestershire,
///     events: vec![
///         Event::new(EventDate::parse("2020-02-03")?, EventDetail::InspectionStarted),
///         Event::new(EventDate::parse("2020-03-27")?, EventDetail::WsoaSubmitted),
///         Event::new(EventDate::parse("2020-02-07")?, EventDetail::InspectionEnded),
///     ],
/// };
/// let (report, applied) = validate_traced(&timeline, &Options::default());
/// assert_eq!(report.events_applied, 2);
/// assert_eq!(applied.iter().map(|a| a.index).collect::<Vec<_>>(), [0, 2]);
/// assert_eq!(applied[1].stage.as_str(), "awaiting_report");
/// # Ok::<(), send_lifecycle::DateError>(())
/// ```
pub fn validate_traced(timeline: &Timeline, options: &Options) -> (Report, Vec<AppliedEvent>) {
    let mut applied = Vec::new();
    let report = validate_with(timeline, options, Some(&mut applied));
    (report, applied)
}

/// What a run of the rules leaves for the report.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) stage: Stage,
    pub(crate) weaknesses: Vec<crate::engine::WeaknessStatus>,
    pub(crate) wsoa_deadline: Option<Deadline>,
    pub(crate) app_deadline: Option<Deadline>,
    pub(crate) health_bodies: Vec<HealthBody>,
    pub(crate) improvement_notice_in_force: bool,
    pub(crate) events_total: usize,
    pub(crate) events_applied: usize,
}

impl Run {
    fn empty(total: usize) -> Run {
        Run {
            stage: Stage::NotInspected,
            weaknesses: Vec::new(),
            wsoa_deadline: None,
            app_deadline: None,
            health_bodies: Vec::new(),
            improvement_notice_in_force: false,
            events_total: total,
            events_applied: 0,
        }
    }

    fn of(core: Core, total: usize) -> Run {
        Run {
            stage: core.stage,
            wsoa_deadline: core.last_deadline(PlanKind::Wsoa),
            app_deadline: core.last_deadline(PlanKind::App),
            // The replay is over: the report takes the state rather than a copy.
            weaknesses: core.weaknesses,
            health_bodies: core.health_bodies,
            improvement_notice_in_force: core.notice_in_force,
            events_total: total,
            events_applied: core.applied,
        }
    }
}

/// Anything that can stand in the events list: a read event or an unreadable slot.
pub(crate) trait Slot {
    fn event(&self) -> Option<&Event>;
}

impl Slot for Option<Event> {
    fn event(&self) -> Option<&Event> {
        self.as_ref()
    }
}

impl Slot for Option<&Event> {
    fn event(&self) -> Option<&Event> {
        *self
    }
}

/// Every rule module, in one place: adding a family of rules is adding its module and one
/// field here.
#[derive(Default)]
struct Rules {
    text: text::Text,
    actions: actions::Actions,
    letter: letter::Letter,
    deadlines: deadlines::Deadlines,
    gaps: monitoring::Gaps,
    fieldwork: fieldwork::Fieldwork,
    horizons: horizons::Horizons,
    health_bodies: health_bodies::HealthBodies,
}

impl Rules {
    fn each(&mut self) -> [&mut dyn Rule; 8] {
        [
            &mut self.text,
            &mut self.actions,
            &mut self.letter,
            &mut self.deadlines,
            &mut self.gaps,
            &mut self.fieldwork,
            &mut self.horizons,
            &mut self.health_bodies,
        ]
    }
}

/// The replay: each event judged by the engine, every problem reported, what can be
/// applied applied, and every rule shown each event. `own` holds each slot's own span.
fn run<S: Slot>(
    decl: &'static Declaration,
    area: Option<&Area>,
    events: &[S],
    own: Vec<DateSpan>,
    options: &Options,
    out: &mut Sink,
    mut trace: Option<&mut Vec<AppliedEvent>>,
) -> Run {
    let policy = &options.policy;
    let spans = spans::resolve(own);
    let bodies = area.map(|a| a.health_bodies.clone()).unwrap_or_default();
    let mut core = Core::new(decl, EngineSettings::VALIDATOR, bodies);
    let mut rules = Rules::default();
    if let Some(a) = area {
        let mut cx = Cx {
            policy,
            decl,
            core: &core,
            out,
        };
        text::Text::area(&mut cx, a);
        let first = spans.iter().copied().find(|s| s.first().is_some());
        rules.health_bodies = health_bodies::HealthBodies::start(&mut cx, a, first);
    }
    let mut end = DateSpan::UNBOUNDED;
    for (i, slot) in events.iter().enumerate() {
        let Some(event) = slot.event() else { continue };
        let span = spans.get(i).copied().unwrap_or(DateSpan::UNBOUNDED);
        // The end of the timeline is its latest date, whatever the order events are listed in.
        if span.first() >= end.first() {
            end = span;
        }
        let stage = core.stage;
        let at = At {
            index: i,
            event,
            span,
            stage,
        };
        let applied = step(&mut core, &mut rules, policy, out, at);
        if let (Some(trace), Some(cleaned)) = (trace.as_deref_mut(), applied) {
            trace.push(AppliedEvent {
                index: i,
                event: cleaned.unwrap_or_else(|| event.clone()),
                stage: core.stage,
                weaknesses: core.weaknesses.clone(),
            });
        }
    }
    if let Some(day) = options.as_of {
        as_of::before_every_event(day, events, &spans, out);
    }
    let end = End {
        span: options.as_of.map_or(end, DateSpan::day),
        as_of: options.as_of,
        stage: core.stage,
    };
    let mut cx = Cx {
        policy,
        decl,
        core: &core,
        out,
    };
    for r in rules.each() {
        r.finish(&mut cx, &end);
    }
    Run::of(core, events.len())
}

/// One event: read by every rule, judged by the engine, its problems reported, applied
/// (without the offending entries of its payload) unless the table refuses it. Returns
/// `None` when it was refused, and when it was applied, its cleaned payload if it had to
/// be cleaned (so that the happy path copies nothing).
fn step(
    core: &mut Core,
    rules: &mut Rules,
    policy: &Policy,
    out: &mut Sink,
    at: At<'_>,
) -> Option<Option<Event>> {
    let decl = core.decl;
    let i = at.index;
    let event = at.event;
    {
        let mut cx = Cx {
            policy,
            decl,
            core,
            out: &mut *out,
        };
        for r in rules.each() {
            r.read(&mut cx, &at);
        }
    }
    let verdict = core.judge(event, at.span, i);
    core.note_listed(at.span, i);
    let verdict = match verdict {
        Ok(v) => v,
        Err(rejection) => {
            report(out, &rejection, event);
            return None;
        }
    };
    for reason in verdict
        .out_of_order()
        .into_iter()
        .chain(verdict.payload_problems())
    {
        if out.admits(reason.code(), Some(i)) {
            let mut d = core.reject(event.kind(), i, reason.clone()).diagnostic();
            d.event_date = dated(event.date);
            out.push_admitted(d);
        }
    }
    // The rules see the event as it is applied: without the offending entries.
    let cleaned = verdict.cleaned().map(|detail| Event {
        date: event.date,
        detail: detail.clone(),
        source: None,
        note: None,
    });
    let at = At {
        event: cleaned.as_ref().unwrap_or(event),
        ..at
    };
    {
        let mut cx = Cx {
            policy,
            decl,
            core,
            out: &mut *out,
        };
        for r in rules.each() {
            r.before(&mut cx, &at, &verdict);
        }
    }
    let t = core.commit(&verdict, event, at.span, i, policy);
    let mut cx = Cx {
        policy,
        decl,
        core,
        out,
    };
    for r in rules.each() {
        r.after(&mut cx, &at, &t);
    }
    Some(cleaned)
}

/// Reports an event the engine refused.
fn report(out: &mut Sink, rejection: &Rejection, event: &Event) {
    if out.admits(rejection.code(), Some(rejection.event_index)) {
        let mut d = rejection.diagnostic();
        d.event_date = dated(event.date);
        out.push_admitted(d);
    }
}

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
mod cycle;
mod deadlines;
mod fieldwork;
mod frameworks;
mod health_bodies;
mod horizons;
mod letter;
mod monitoring;
mod next_due;
pub(crate) mod rule;
mod spans;
mod text;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::budget::Budget;
use crate::date::{DateSpan, EventDate};
use crate::diagnostic::{Code, Diagnostic};
use crate::engine::{Deadline, EngineSettings, Record, Records, Rejection};
use crate::event::{Area, Coverage, Event, EventDetail, Framework, HealthBody, Timeline};
use crate::json::{decode, Limits};
use crate::lifecycle::{PlanKind, Stage};
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
    let (mut report, places) = validate_json_without_positions(bytes, options);
    // Positions (src/position.rs): the line and column of every diagnostic, in one scan of
    // the text that jumps to the events concerned (the reader noted where each began);
    // valid input without findings skips it.
    crate::position::annotate(bytes, &mut report.diagnostics, Some(&places));
    report
}

/// The report without positions, and where the events read began.
pub(crate) fn validate_json_without_positions(
    bytes: &[u8],
    options: &Options,
) -> (Report, crate::store::Places) {
    // No rule reads an event's `source` or `note`: they are checked, not kept.
    let decoded = decode(bytes, &options.limits, false);
    // The reader has spent from the report's budget; the rules spend the rest.
    let mut out = Sink {
        diagnostics: decoded.diagnostics,
        budget: decoded.budget,
    };
    let total = decoded.slots + decoded.events_skipped;
    let usable = !decoded.malformed
        && decoded.schema_version == Some(1)
        && decoded.framework.is_some()
        && decoded.has_events;
    let own = own_spans(decoded.events.len(), decoded.events.dates());
    // The replay takes the events over, block by block: each is freed once judged.
    let (places, events) = decoded.events.into_parts();
    let mut run = match (usable, decoded.framework) {
        (true, Some(framework)) => run(
            framework,
            decoded.coverage,
            decoded.area.as_ref(),
            Listing {
                events: places.indices().zip(events),
                own,
                total,
            },
            options,
            &mut out,
            None,
        ),
        _ => Run::empty(total),
    };
    run.events_total = total;
    (finish(out, run), places)
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
/// coverage: Default::default(),
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
    let events = timeline.events.iter().enumerate();
    let run = run(
        timeline.framework,
        timeline.coverage,
        Some(&timeline.area),
        Listing {
            events,
            own: own_spans(
                timeline.events.len(),
                timeline.events.iter().map(|e| &e.date),
            ),
            total: timeline.events.len(),
        },
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
/// coverage: Default::default(),
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
    pub(crate) framework: Framework,
    pub(crate) outcome: Option<crate::event::Outcome>,
    pub(crate) legacy: Option<crate::report::Legacy>,
    pub(crate) priority_actions: Vec<crate::engine::WeaknessStatus>,
    pub(crate) improvements: Vec<crate::event::Improvement>,
    pub(crate) item_counts: crate::report::ItemCounts,
    pub(crate) next_due: Vec<crate::report::NextDue>,
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
            framework: Framework::default(),
            outcome: None,
            legacy: None,
            priority_actions: Vec::new(),
            improvements: Vec::new(),
            item_counts: crate::report::ItemCounts::default(),
            next_due: Vec::new(),
            weaknesses: Vec::new(),
            wsoa_deadline: None,
            app_deadline: None,
            health_bodies: Vec::new(),
            improvement_notice_in_force: false,
            events_total: total,
            events_applied: 0,
        }
    }

    /// The outcome of a replay. What the report lists is moved out of the records, which
    /// are done with, rather than copied.
    fn of(replay: Replay<'_>, total: usize, options: &Options, end: DateSpan) -> Run {
        let next_due = next_due::next_due(&replay, options, end);
        let mut records = replay.records;
        let r2016 = records.record_2016();
        let applied = records.main.applied + records.legacy.as_ref().map_or(0, |l| l.applied);
        let mut run = Run {
            stage: records.main.stage,
            framework: records.main.decl.framework,
            outcome: records.record_2023().and_then(|c| c.outcome),
            legacy: records.open_legacy().map(|l| crate::report::Legacy {
                framework: l.decl.framework,
                stage: l.stage,
                wsoa_deadline: l.last_deadline(PlanKind::Wsoa).and_then(|d| d.day()),
            }),
            wsoa_deadline: r2016.and_then(|c| c.last_deadline(PlanKind::Wsoa)),
            app_deadline: r2016.and_then(|c| c.last_deadline(PlanKind::App)),
            weaknesses: Vec::new(),
            priority_actions: Vec::new(),
            improvements: Vec::new(),
            item_counts: item_counts(&records),
            next_due,
            health_bodies: std::mem::take(&mut records.main.health_bodies),
            improvement_notice_in_force: records.main.notice_in_force,
            events_total: total,
            events_applied: applied,
        };
        (run.weaknesses, run.priority_actions, run.improvements) = records.take_lists();
        run
    }
}

/// The events a replay works through: those read, each with its index in the document
/// (a slot that could not be read is not listed), their own date spans in the same order,
/// and how many slots the document has.
struct Listing<I> {
    events: I,
    own: Vec<DateSpan>,
    total: usize,
}

/// Each event's own span, in a list of exactly `n` (no room to spare on a long timeline).
fn own_spans<'e>(n: usize, dates: impl Iterator<Item = &'e EventDate>) -> Vec<DateSpan> {
    let mut own = Vec::with_capacity(n);
    own.extend(dates.map(EventDate::span));
    own
}

/// Declares a set of rules: the struct that holds each rule's state, and one method per
/// hook of [`Rule`] that shows the event to every rule in the order listed. The calls are
/// direct (no `dyn`), so that a hook a rule does not implement costs nothing.
macro_rules! rule_set {
    ($(#[$meta:meta])* $vis:vis struct $name:ident { $($fvis:vis $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Default)]
        $vis struct $name {
            $($fvis $field: $ty,)*
        }

        // Not every set is shown each hook (the record rules are not shown events as
        // read), so a hook may go unused.
        #[allow(dead_code)]
        impl $name {
            fn read(&mut self, cx: &mut Cx<'_>, at: &At<'_>) {
                $(Rule::read(&mut self.$field, cx, at);)*
            }
            fn before(&mut self, cx: &mut Cx<'_>, at: &At<'_>, verdict: &crate::engine::Verdict) {
                $(Rule::before(&mut self.$field, cx, at, verdict);)*
            }
            fn after(&mut self, cx: &mut Cx<'_>, at: &At<'_>, t: &crate::engine::Transition) {
                $(Rule::after(&mut self.$field, cx, at, t);)*
            }
            fn finish(&mut self, cx: &mut Cx<'_>, end: &End) {
                $(Rule::finish(&mut self.$field, cx, end);)*
            }
        }
    };
}

rule_set! {
    /// The rules that concern the area as a whole: adding one is adding its module and one
    /// field here.
    struct AreaRules {
        text: text::Text,
        actions: actions::Actions,
        letter: letter::Letter,
        health_bodies: health_bodies::HealthBodies,
        frameworks: frameworks::Frameworks,
    }
}

rule_set! {
    /// The rules that follow one record (the framework in force, or the legacy 2016 record
    /// beside it), each with its own state: adding one is adding its module and one field
    /// here.
    pub(crate) struct RecordRules {
        deadlines: deadlines::Deadlines,
        pub(crate) gaps: monitoring::Gaps,
        fieldwork: fieldwork::Fieldwork,
        pub(crate) horizons: horizons::Horizons,
        pub(crate) cycle: cycle::Cycle,
    }
}

/// The state of a replay: the records and the rules that follow them.
struct Replay<'o> {
    records: Records,
    area_rules: AreaRules,
    main_rules: RecordRules,
    legacy_rules: RecordRules,
    policy: &'o Policy,
    coverage: Coverage,
}

impl Replay<'_> {
    fn cx<'a>(&'a self, record: Record, out: &'a mut Sink) -> Cx<'a> {
        cx_of(&self.records, self.policy, self.coverage, record, out)
    }
}

/// What the rules of `record` may read: a function of the fields it needs rather than a
/// method, so that the rules can be borrowed beside it.
fn cx_of<'a>(
    records: &'a Records,
    policy: &'a Policy,
    coverage: Coverage,
    record: Record,
    out: &'a mut Sink,
) -> Cx<'a> {
    let core = records.core(record);
    Cx {
        policy,
        decl: core.decl,
        core,
        bodies: &records.main.health_bodies,
        coverage,
        out,
    }
}

/// The replay: each event judged by the engine, every problem reported, what can be
/// applied applied, and every rule shown each event.
fn run<I, E>(
    framework: Framework,
    coverage: Coverage,
    area: Option<&Area>,
    listing: Listing<I>,
    options: &Options,
    out: &mut Sink,
    mut trace: Option<&mut Vec<AppliedEvent>>,
) -> Run
where
    I: Iterator<Item = (usize, E)>,
    E: std::borrow::Borrow<Event>,
{
    let Listing { events, own, total } = listing;
    let spans = spans::resolve(own);
    let bodies = area.map(|a| a.health_bodies.clone()).unwrap_or_default();
    let mut replay = Replay {
        records: Records::new(framework, EngineSettings::VALIDATOR, bodies),
        area_rules: AreaRules::default(),
        main_rules: RecordRules::default(),
        legacy_rules: RecordRules::default(),
        policy: &options.policy,
        coverage,
    };
    if let Some(a) = area {
        let first = spans.iter().copied().find(|s| s.first().is_some());
        let mut cx = replay.cx(Record::Main, out);
        text::Text::area(&mut cx, a);
        let health = health_bodies::HealthBodies::start(&mut cx, a, first);
        replay.area_rules.health_bodies = health;
    }
    let mut end = DateSpan::UNBOUNDED;
    // The earliest dated event, for the as-of day to be judged against.
    let mut earliest: Option<(NaiveDate, usize, DateSpan)> = None;
    for ((i, event), &span) in events.zip(&spans) {
        let event = event.borrow();
        if let Some(first) = span.first() {
            if earliest.map_or(true, |(f, _, _)| first < f) {
                earliest = Some((first, i, span));
            }
        }
        // The end of the timeline is its latest date, whatever the order events are listed in.
        if span.first() >= end.first() {
            end = span;
        }
        let applied = step(&mut replay, out, i, event, span);
        if let (Some(trace), Some(cleaned)) = (trace.as_deref_mut(), applied) {
            let weaknesses = replay
                .records
                .record_2016()
                .map(|c| c.items.all.clone())
                .unwrap_or_default();
            trace.push(AppliedEvent {
                index: i,
                event: cleaned.unwrap_or_else(|| event.clone()),
                stage: replay.records.main.stage,
                weaknesses,
            });
        }
    }
    if let Some(day) = options.as_of {
        as_of::before_every_event(day, earliest.map(|(_, i, span)| (i, span)), out);
    }
    finish_rules(&mut replay, out, end, options.as_of);
    Run::of(replay, total, options, end)
}

/// The rules at the end of the timeline, for the framework in force and an open legacy
/// record.
fn finish_rules(replay: &mut Replay<'_>, out: &mut Sink, end: DateSpan, as_of: Option<NaiveDate>) {
    let span = as_of.map_or(end, DateSpan::day);
    let Replay {
        records,
        main_rules,
        legacy_rules,
        policy,
        coverage,
        ..
    } = replay;
    let end = End {
        span,
        as_of,
        stage: records.main.stage,
    };
    main_rules.finish(
        &mut cx_of(records, policy, *coverage, Record::Main, out),
        &end,
    );
    if let Some(legacy) = records.open_legacy() {
        let end = End {
            span,
            as_of,
            stage: legacy.stage,
        };
        legacy_rules.finish(
            &mut cx_of(records, policy, *coverage, Record::Legacy, out),
            &end,
        );
    }
}

/// One event: read by every rule, judged by the engine, its problems reported, applied
/// (without the offending entries of its payload) unless the table refuses it. Returns
/// `None` when it was refused, and when it was applied, its cleaned payload if it had to
/// be cleaned (so that the happy path copies nothing).
fn step(
    replay: &mut Replay<'_>,
    out: &mut Sink,
    i: usize,
    event: &Event,
    span: DateSpan,
) -> Option<Option<Event>> {
    let Replay {
        records,
        area_rules,
        main_rules,
        legacy_rules,
        policy,
        coverage,
    } = replay;
    let (policy, coverage) = (*policy, *coverage);
    let mut at = At {
        index: i,
        event,
        span,
        stage: records.main.stage,
    };
    area_rules.read(
        &mut cx_of(records, policy, coverage, Record::Main, out),
        &at,
    );
    let judged = records.judge(event, span, i);
    records.note_listed(span, i);
    // Borrowed where the engine left it, not moved out of the result: the copy, read back
    // at once, was the replay's hottest spot in the profile.
    let (record, verdict) = match &judged {
        Ok((record, verdict)) => (*record, verdict),
        Err(rejection) => {
            report(out, rejection, event);
            // Refused, its date may still contradict the order of the events before it.
            if let Some(reason) = records.order_problem(span) {
                report(out, &records.reject(event.kind(), i, reason), event);
            }
            return None;
        }
    };
    at.stage = records.core(record).stage;
    report_problems(records.core(record), verdict, event, i, out);
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
        let rules = match record {
            Record::Main => &mut *main_rules,
            Record::Legacy => &mut *legacy_rules,
        };
        let mut cx = cx_of(records, policy, coverage, record, out);
        area_rules.before(&mut cx, &at, verdict);
        rules.before(&mut cx, &at, verdict);
    }
    let t = records.commit(record, verdict, event, span, i, policy);
    // After a move to the 2023 framework the rules that followed the 2016 record follow
    // it as the legacy record; the framework in force starts with fresh ones.
    let record = if matches!(record, Record::Main)
        && matches!(event.detail, EventDetail::FrameworkChanged { .. })
        && records.main.decl.framework != Framework::LocalAreaSend2016
    {
        *legacy_rules = std::mem::take(main_rules);
        Record::Legacy
    } else {
        record
    };
    let rules = match record {
        Record::Main => main_rules,
        Record::Legacy => legacy_rules,
    };
    let mut cx = cx_of(records, policy, coverage, record, out);
    area_rules.after(&mut cx, &at, &t);
    rules.after(&mut cx, &at, &t);
    Some(cleaned)
}

/// Per kind of item, how many are in each stage (a kind whose items are unknown is left out).
fn item_counts(records: &Records) -> crate::report::ItemCounts {
    use std::collections::BTreeMap;
    let counts = |items: &crate::engine::Items| -> BTreeMap<String, u64> {
        items
            .stage_counts()
            .into_iter()
            .map(|(s, n)| (s.as_str().to_owned(), n))
            .collect()
    };
    let mut out = crate::report::ItemCounts::default();
    if let Some(c) = records
        .record_2016()
        .filter(|c| c.items.reported && c.items.known)
    {
        out.weaknesses = Some(counts(&c.items));
    }
    if let Some(c) = records.record_2023() {
        if c.items.reported && c.items.known {
            out.priority_actions = Some(counts(&c.items));
        }
        if c.improvements_known {
            let n = c.improvements.len() as u64 + c.improvement_count;
            let mut m = BTreeMap::new();
            if n > 0 {
                m.insert("identified".to_owned(), n);
            }
            out.improvements = Some(m);
        }
    }
    out
}

/// Reports the problems the engine found in an event it applies: its order, its payload.
fn report_problems(
    core: &crate::engine::Core,
    verdict: &crate::engine::Verdict,
    event: &Event,
    i: usize,
    out: &mut Sink,
) {
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
}

/// Reports an event the engine refused.
fn report(out: &mut Sink, rejection: &Rejection, event: &Event) {
    if out.admits(rejection.code(), Some(rejection.event_index)) {
        let mut d = rejection.diagnostic();
        d.event_date = dated(event.date);
        out.push_admitted(d);
    }
}

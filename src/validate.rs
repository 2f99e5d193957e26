//! Validation: replays a timeline on the runtime engine and reports every problem.
//!
//! The engine decides which events may happen ([`crate::TRANSITIONS`]); this module adds the
//! checks that do not decide a stage — deadlines, gaps, durations, text, counts — and turns
//! everything into [`Diagnostic`]s. It never stops at the first problem: after a refused
//! event it carries on from the last good stage.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::date::DateSpan;
use crate::diagnostic::{Code, Diagnostic};
use crate::engine::{Checks, Core, Deadline, DeadlineBasis, Rejection, RejectionReason};
use crate::event::{ActionCounts, Area, Event, EventDetail, HealthBodyKind, Timeline};
use crate::json::{decode, Limits};
use crate::policy::Policy;
use crate::report::{Report, WeaknessReport};
use crate::table::Stage;

/// How to validate: the policy, the day to judge deadlines at, and the input limits.
///
/// # Example
/// ```
/// use send_lifecycle::{Options, Policy};
/// let options = Options::default().as_of(chrono::NaiveDate::from_ymd_opt(2026, 1, 1));
/// assert_eq!(options.policy, Policy::default());
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
    /// The same options, judging deadlines as of `day`.
    pub fn as_of(mut self, day: Option<NaiveDate>) -> Options {
        self.as_of = day;
        self
    }

    /// The same options with `policy`.
    pub fn with_policy(mut self, policy: Policy) -> Options {
        self.policy = policy;
        self
    }

    /// The same options with `limits`.
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
    let mut report = validate_json_without_positions(bytes, options);
    // Positions (src/position.rs): the line and column of every diagnostic, in one scan of
    // the text; valid input without findings skips it.
    crate::position::annotate(bytes, &mut report.diagnostics);
    report
}

fn validate_json_without_positions(bytes: &[u8], options: &Options) -> Report {
    // No rule reads an event's `source` or `note`: they are checked, not kept.
    let decoded = decode(bytes, &options.limits, false);
    let mut diagnostics = decoded.diagnostics;
    let total = decoded.events.len() + decoded.events_skipped;
    let usable = !decoded.malformed
        && decoded.schema_version == Some(1)
        && decoded.framework.is_some()
        && decoded.has_events;
    if !usable {
        return Report::from_parts(Stage::NotInspected, diagnostics, Run::empty(total));
    }
    let run = run(
        decoded.area.as_ref(),
        &decoded.events,
        decoded.spans,
        options,
        &mut diagnostics,
    );
    let mut run = run;
    run.events_total = total;
    date_diagnostics(&mut diagnostics, &decoded.events);
    Report::from_parts(run.stage, diagnostics, run)
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
/// let timeline = Timeline {
///     schema_version: 1,
///     framework: Framework::default(),
///     area: Area::example(),
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
    let mut diagnostics = Vec::new();
    if timeline.schema_version != 1 {
        diagnostics.push(
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
        return Report::from_parts(
            Stage::NotInspected,
            diagnostics,
            Run::empty(timeline.events.len()),
        );
    }
    let events: Vec<Option<&Event>> = timeline.events.iter().map(Some).collect();
    let own = own_spans(&events);
    let run = run(
        Some(&timeline.area),
        &events,
        own,
        options,
        &mut diagnostics,
    );
    date_diagnostics(&mut diagnostics, &events);
    Report::from_parts(run.stage, diagnostics, run)
}

/// Gives each diagnostic about an event that event's date, for people reading the report.
fn date_diagnostics<S: Slot>(diagnostics: &mut [Diagnostic], events: &[S]) {
    for d in diagnostics {
        let date = d
            .event_index
            .and_then(|i| events.get(i))
            .and_then(|s| s.event())
            .map(|e| e.date);
        d.event_date = date.filter(|d| !d.is_unknown());
    }
}

/// What a run of the rules leaves for the report.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) stage: Stage,
    pub(crate) weaknesses: Vec<WeaknessReport>,
    pub(crate) wsoa_deadline: Option<Deadline>,
    pub(crate) app_deadline: Option<Deadline>,
    pub(crate) health_bodies: Vec<crate::event::HealthBody>,
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

/// The latest first day of the events so far, with the index and span of the event that set it.
type Latest = Option<(NaiveDate, usize, DateSpan)>;

fn advance(latest: &mut Latest, span: DateSpan, index: usize) {
    if let Some(first) = span.first() {
        if latest.map_or(true, |(l, _, _)| first > l) {
            *latest = Some((first, index, span));
        }
    }
}

/// Each slot's own date span (unbounded where the event was not read).
fn own_spans<S: Slot>(events: &[S]) -> Vec<DateSpan> {
    events
        .iter()
        .map(|s| s.event().map_or(DateSpan::UNBOUNDED, |e| e.date.span()))
        .collect()
}

/// Each event's span (`own`, one per slot) narrowed by its neighbours: events are listed in
/// the order they happened, so an undated event lies between the ones around it, and a
/// month or a year can be narrowed by a day known before or after it.
fn resolve_spans(own: Vec<DateSpan>) -> Vec<DateSpan> {
    let mut after: Vec<Option<NaiveDate>> = vec![None; own.len()];
    let mut min_last: Option<NaiveDate> = None;
    for (i, s) in own.iter().enumerate().rev() {
        if let Some(slot) = after.get_mut(i) {
            *slot = min_last;
        }
        if let Some(l) = s.last() {
            min_last = Some(min_last.map_or(l, |m| m.min(l)));
        }
    }
    let mut max_first: Option<NaiveDate> = None;
    // Narrowed in place: no third list for a long timeline.
    let mut spans = own;
    for (s, hi) in spans.iter_mut().zip(after) {
        let own = *s;
        *s = own.within(&DateSpan::new(max_first, hi));
        if let Some(f) = own.first() {
            max_first = Some(max_first.map_or(f, |m| m.max(f)));
        }
    }
    spans
}

/// Where a monitoring interval is measured from.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    span: DateSpan,
    index: usize,
}

/// The rules beyond the table, and the replay. `own` holds each slot's own date span.
fn run<S: Slot>(
    area: Option<&Area>,
    events: &[S],
    own: Vec<DateSpan>,
    options: &Options,
    out: &mut Vec<Diagnostic>,
) -> Run {
    let policy = &options.policy;
    let spans = resolve_spans(own);
    let mut core = Core::new(area.map(|a| a.health_bodies.clone()).unwrap_or_default());
    let mut latest: Latest = None;
    let mut applied = 0usize;
    let mut last_wsoa_deadline: Option<Deadline> = None;
    let mut last_app_deadline: Option<Deadline> = None;
    let mut fieldwork_start: Option<(DateSpan, usize)> = None;
    let mut anchor: Option<Anchor> = None;
    let mut anachronism_reported = false;
    // The first CCG among the health bodies in force, found again only when they change, so
    // that the check below costs the same for one body or thousands.
    let first_ccg = |bodies: &[crate::event::HealthBody]| {
        bodies.iter().position(|b| b.kind == HealthBodyKind::Ccg)
    };
    let mut ccg_in_force = first_ccg(&core.health_bodies);
    let mut end_span = DateSpan::UNBOUNDED;

    if let Some(a) = area {
        check_area(a, policy, events, out);
    }

    // Findings about an event name the stage the area was in when it came, unless the rule
    // that made them set one.
    let mut findings_from = (out.len(), core.stage);
    for (i, slot) in events.iter().enumerate() {
        in_stage(out, findings_from);
        findings_from = (out.len(), core.stage);
        let Some(event) = slot.event() else { continue };
        let own = event.date.span();
        let span = spans.get(i).copied().unwrap_or(own);
        // The end of the timeline is its latest date, whatever the order events are listed in.
        if span.first() >= end_span.first() {
            end_span = span;
        }

        check_event_text(event, i, out);
        if let Some(reason) = order_problem(latest, own) {
            push_rejection(out, &reject(&core, event, i, reason), event, i);
        }
        advance(&mut latest, own, i);

        let table_only = Checks {
            order: false,
            payload: false,
        };
        let plan = match core.plan(event, span, i, table_only) {
            Ok(p) => p,
            Err(r) => {
                push_rejection(out, &r, event, i);
                continue;
            }
        };
        // A payload that contradicts the weaknesses held (a repeated id, a judgement of an
        // unknown weakness…) is reported in full, every problem of it; the event is then
        // applied without the offending entries, so that one slip in a letter does not
        // leave the area stuck in the wrong stage and hide the rest of the timeline.
        let (problems, cleaned) = if core.review_payload(&event.detail, true).0.is_empty() {
            (Vec::new(), None)
        } else {
            core.review_payload(&event.detail, false)
        };
        for reason in problems {
            push_rejection(out, &reject(&core, event, i, reason), event, i);
        }
        let cleaned_event = cleaned.map(|detail| Event {
            date: event.date,
            detail,
            source: None,
            note: None,
        });
        let (event, plan) = match &cleaned_event {
            Some(e) => match core.plan(e, span, i, table_only) {
                Ok(p) => (e, p),
                Err(r) => {
                    push_rejection(out, &r, event, i);
                    continue;
                }
            },
            None => (event, plan),
        };
        let before = core.stage;

        // Checks that read the state before the event.
        match &event.detail {
            EventDetail::WsoaSubmitted => {
                if let Some(dl) = core.wsoa_deadline {
                    check_deadline_met(out, i, before, span, dl, "WSoA", Code::WsoaLate);
                }
            }
            EventDetail::AppSubmitted => {
                if let Some(dl) = core.app_deadline {
                    check_deadline_met(out, i, before, span, dl, "APP", Code::AppLate);
                }
            }
            EventDetail::InspectionEnded | EventDetail::RevisitEnded => {
                if let Some((start, si)) = fieldwork_start {
                    check_fieldwork(out, policy, event, i, si, start, span);
                }
            }
            EventDetail::RevisitStarted => {
                if let (0, Some(fit)) = (core.revisits, core.wsoa_fit) {
                    check_revisit_timing(out, policy, i, fit, span);
                }
            }
            _ => {}
        }
        let interval = match before {
            Stage::Monitoring => Some((
                policy.monitoring_interval_months,
                "formal monitoring meeting",
            )),
            Stage::AppMonitoring => Some((policy.app_review_interval_months, "APP review")),
            _ => None,
        };
        let to = Some(plan.target());
        let counts_as_meeting = matches!(
            event.detail,
            EventDetail::MonitoringMeeting { .. } | EventDetail::AppReview { .. }
        );
        if let (Some((months, what)), Some(a)) = (interval, anchor) {
            if counts_as_meeting || to != Some(before) {
                check_gap(out, policy, before, months, what, a, span, Some(i));
            }
        }
        if let EventDetail::HealthBodyChanged { health_bodies } = &event.detail {
            for (j, b) in health_bodies.iter().enumerate() {
                anachronism(
                    out,
                    policy,
                    b.kind,
                    &b.name,
                    span,
                    format!("/events/{i}/health_bodies/{j}"),
                    Some(i),
                );
            }
        } else if !anachronism_reported {
            if let Some(ccg) = ccg_in_force.and_then(|k| core.health_bodies.get(k)) {
                if span.first().is_some_and(|f| f >= policy.icb_start) {
                    anachronism_reported = true;
                    out.push(
                        Diagnostic::new(
                            Code::HealthBodyAnachronism,
                            format!("/events/{i}"),
                            format!(
                                "event {i} ({}) is dated {span}, on or after {} when integrated care boards replaced clinical commissioning groups, but the CCG \"{}\" is still recorded as in force",
                                event.kind().describe(),
                                policy.icb_start,
                                ccg.name
                            ),
                        )
                        .at_event(i)
                        .in_stage(before)
                        .with_help(format!("record a `health_body_changed` event dated {} naming the integrated care board", policy.icb_start)),
                    );
                }
            }
        }

        let t = core.commit(plan, event, span, i, policy);
        applied += 1;
        if let EventDetail::HealthBodyChanged { .. } = event.detail {
            anachronism_reported = false;
            ccg_in_force = first_ccg(&core.health_bodies);
        }
        match &event.detail {
            EventDetail::WsoaDeadlineRevised { .. } | EventDetail::ReportPublished { .. }
                if t.deadline_set.is_some() =>
            {
                last_wsoa_deadline = t.deadline_set;
            }
            // Not fit for purpose: the deadline met by the submission no longer applies;
            // the resubmission's deadline (none by default) does.
            EventDetail::WsoaJudged {
                fit_for_purpose: false,
            } => last_wsoa_deadline = t.deadline_set,
            EventDetail::NextStepsDetermined { .. } if t.deadline_set.is_some() => {
                last_app_deadline = t.deadline_set;
            }
            EventDetail::InspectionStarted | EventDetail::RevisitStarted => {
                fieldwork_start = Some((span, i));
            }
            _ => {}
        }
        // Where the next monitoring interval is measured from.
        // A further revisit decision returns the area to `monitoring` to await the revisit:
        // no quarterly meetings are expected then, so no interval is measured.
        let entered = t.to != t.from
            && matches!(t.to, Stage::Monitoring | Stage::AppMonitoring)
            && !matches!(event.detail, EventDetail::NextStepsDetermined { .. });
        if entered {
            anchor = Some(Anchor { span, index: i });
        } else if counts_as_meeting {
            let last = matches!(
                event.detail,
                EventDetail::MonitoringMeeting {
                    final_before_revisit: Some(true),
                    ..
                }
            );
            anchor = (!last).then_some(Anchor { span, index: i });
        }
        if !matches!(t.to, Stage::Monitoring | Stage::AppMonitoring) {
            anchor = None;
        }
    }

    in_stage(out, findings_from);

    // At the end of the timeline (or the as-of day).
    let end = options.as_of.map_or(end_span, DateSpan::day);
    let stage = core.stage;
    if let Some(a) = anchor {
        let (months, what) = if stage == Stage::AppMonitoring {
            (policy.app_review_interval_months, "APP review")
        } else {
            (
                policy.monitoring_interval_months,
                "formal monitoring meeting",
            )
        };
        check_gap(out, policy, stage, months, what, a, end, None);
    }
    if stage == Stage::WsoaDue {
        if let Some(dl) = core.wsoa_deadline {
            check_deadline_passed(out, stage, end, dl, "WSoA", options.as_of);
        }
    }
    if stage == Stage::AppDue {
        if let Some(dl) = core.app_deadline {
            check_deadline_passed(out, stage, end, dl, "APP", options.as_of);
        }
    }

    Run {
        stage,
        // The replay is over: the report takes the state rather than a copy.
        weaknesses: core
            .weaknesses
            .into_iter()
            .map(|w| WeaknessReport {
                id: w.id,
                title: w.title,
                stage: w.stage,
            })
            .collect(),
        wsoa_deadline: last_wsoa_deadline,
        app_deadline: last_app_deadline,
        health_bodies: core.health_bodies,
        improvement_notice_in_force: core.notice_in_force,
        events_total: events.len(),
        events_applied: applied,
    }
}

/// Gives the findings from position `from` on the stage `stage`, where they have none.
fn in_stage(out: &mut [Diagnostic], (from, stage): (usize, Stage)) {
    for d in out.iter_mut().skip(from) {
        if d.stage.is_none() && d.event_index.is_some() {
            d.stage = Some(stage);
        }
    }
}

/// The out-of-order rule: an event certainly earlier than one listed before it.
fn order_problem(latest: Latest, span: DateSpan) -> Option<RejectionReason> {
    let (first, previous_index, previous) = latest?;
    span.last()
        .is_some_and(|l| l < first)
        .then_some(RejectionReason::OutOfOrder {
            previous_index,
            previous,
            this: span,
        })
}

fn reject(core: &Core, event: &Event, i: usize, reason: RejectionReason) -> Rejection {
    Rejection {
        stage: core.stage,
        event: event.kind(),
        event_index: i,
        reason,
        allowed: crate::table::allowed_events(core.stage),
    }
}

fn push_rejection(out: &mut Vec<Diagnostic>, r: &Rejection, event: &Event, i: usize) {
    let path = match (&r.reason, &event.detail) {
        (RejectionReason::OutOfOrder { .. }, _) => format!("/events/{i}/date"),
        (
            RejectionReason::DuplicateWeakness { id },
            EventDetail::ReportPublished { weaknesses, .. },
        ) => {
            let j = weaknesses
                .iter()
                .enumerate()
                .filter(|(_, w)| w.id == *id)
                .nth(1)
                .map_or(0, |(j, _)| j);
            format!("/events/{i}/weaknesses/{j}/id")
        }
        (
            RejectionReason::UnknownWeakness { id }
            | RejectionReason::RejudgedWeakness { id }
            | RejectionReason::DuplicateJudgement { id },
            _,
        ) => format!(
            "/events/{i}/judgements/{}",
            crate::diagnostic::pointer_token(id)
        ),
        (RejectionReason::MissingJudgement { .. }, _) => format!("/events/{i}/judgements"),
        _ => format!("/events/{i}/kind"),
    };
    let mut d = Diagnostic::new(r.code(), path, r.message())
        .at_event(i)
        .in_stage(r.stage);
    match &r.reason {
        RejectionReason::NotAllowed => {
            d = d.expecting(r.allowed.iter().map(|k| k.as_str()));
            d = d.with_help(format!(
                "the area is in stage `{}` ({}); check the event's kind, and that no earlier event is missing",
                r.stage,
                r.stage.describe()
            ));
        }
        RejectionReason::ConditionNotMet { needed } => {
            // The kind is allowed here, but not with this payload or in this state: say
            // what would have been accepted instead.
            if let EventDetail::NextStepsDetermined { .. } = event.detail {
                d.path = format!("/events/{i}/decision");
                d = d.expecting(needed.iter().filter_map(|c| match c {
                    crate::table::Condition::Decision(n) => Some(n.as_str()),
                    _ => None,
                }));
            } else {
                d = d.with_help(match event.detail {
                    EventDetail::ImprovementNoticeIssued => {
                        "an improvement notice is already in force: record `improvement_notice_lifted` first"
                    }
                    EventDetail::ImprovementNoticeLifted => {
                        "no improvement notice is in force: record `improvement_notice_issued` first"
                    }
                    _ => "check the event's fields against the stage",
                });
            }
        }
        RejectionReason::OutOfOrder { previous, .. } => {
            d = d.with_help(format!(
                "list events in the order they happened, or correct the date (the earlier-listed event is dated {previous})"
            ));
        }
        RejectionReason::MissingJudgement { .. } => {
            d = d.with_help("a revisit judges every weakness not yet found sufficient");
        }
        _ => {}
    }
    out.push(d);
}

fn check_deadline_met(
    out: &mut Vec<Diagnostic>,
    i: usize,
    stage: Stage,
    submitted: DateSpan,
    dl: Deadline,
    what: &str,
    late_code: Code,
) {
    let basis = basis_text(dl.basis);
    if submitted.certainly_after(&DateSpan::day(dl.latest)) {
        out.push(
            Diagnostic::new(
                late_code,
                format!("/events/{i}/date"),
                format!(
                    "the {what} was submitted {submitted} (event {i}), after its deadline of {dl} ({basis})"
                ),
            )
            .at_event(i)
            .in_stage(stage),
        );
    } else if submitted.possibly_after(&DateSpan::day(dl.earliest)) {
        out.push(
            Diagnostic::new(
                Code::PossiblyLate,
                format!("/events/{i}/date"),
                format!(
                    "the {what} was submitted {submitted} (event {i}), which may be after its deadline of {dl} ({basis}); the dates are not precise enough to tell"
                ),
            )
            .at_event(i)
            .in_stage(stage),
        );
    }
}

fn check_deadline_passed(
    out: &mut Vec<Diagnostic>,
    stage: Stage,
    end: DateSpan,
    dl: Deadline,
    what: &str,
    as_of: Option<NaiveDate>,
) {
    let when = match as_of {
        Some(d) => format!("as of {d}"),
        None => format!("at the end of the timeline ({end})"),
    };
    let basis = basis_text(dl.basis);
    if end.certainly_after(&DateSpan::day(dl.latest)) {
        out.push(
            Diagnostic::new(
                Code::DeadlinePassed,
                "/events",
                format!("{when} the area is in stage `{stage}` and its {what} deadline of {dl} ({basis}) has passed with no {what} submitted"),
            )
            .in_stage(stage),
        );
    } else if end.possibly_after(&DateSpan::day(dl.earliest)) {
        out.push(
            Diagnostic::new(
                Code::PossiblyLate,
                "/events",
                format!("{when} the area is in stage `{stage}` and its {what} deadline of {dl} ({basis}) may have passed with no {what} submitted"),
            )
            .in_stage(stage),
        );
    }
}

fn basis_text(b: DeadlineBasis) -> &'static str {
    match b {
        DeadlineBasis::ReportReceived => {
            "working days from the earliest date the report reached the area"
        }
        DeadlineBasis::Revised => "the agreed revised deadline",
        DeadlineBasis::Resubmission => "working days from the not-fit-for-purpose judgement",
        DeadlineBasis::NextStepsDecision => "working days from the next-steps decision",
    }
}

fn check_fieldwork(
    out: &mut Vec<Diagnostic>,
    policy: &Policy,
    event: &Event,
    i: usize,
    start_index: usize,
    start: DateSpan,
    end: DateSpan,
) {
    let (Some(s), Some(e)) = (start.last(), end.first()) else {
        return;
    };
    if e < s {
        return;
    }
    let (code, length, limit, unit, what) = if matches!(event.detail, EventDetail::InspectionEnded)
    {
        let cal = &policy.calendar;
        let n = cal.working_days_between(s, e) + i64::from(cal.is_working_day(s));
        (
            Code::InspectionTooLong,
            n,
            i64::from(policy.inspection_max_working_days),
            "working days",
            "inspection",
        )
    } else {
        let n = (e - s).num_days() + 1;
        (
            Code::RevisitTooLong,
            n,
            i64::from(policy.revisit_max_days),
            "days",
            "revisit",
        )
    };
    if length > limit {
        out.push(
            Diagnostic::new(
                code,
                format!("/events/{i}/date"),
                format!(
                    "{what} fieldwork lasted at least {length} {unit} (event {start_index}, {start}, to event {i}, {end}), longer than the usual {limit} {unit}"
                ),
            )
            .at_event(i)
            .expecting([format!("at most {limit} {unit}")]),
        );
    }
}

fn check_revisit_timing(
    out: &mut Vec<Diagnostic>,
    policy: &Policy,
    i: usize,
    fit: DateSpan,
    start: DateSpan,
) {
    let (Some(fit_last), Some(first)) = (fit.last(), start.first()) else {
        return;
    };
    let Some(usual) = fit_last.checked_add_months(Months::new(policy.revisit_usual_months)) else {
        return;
    };
    if first > usual {
        let months = months_between(fit_last, first);
        out.push(
            Diagnostic::new(
                Code::RevisitLaterThanUsual,
                format!("/events/{i}/date"),
                format!(
                    "the revisit started {start}, about {months} months after the WSoA was judged fit for purpose ({fit}); revisits usually start within {} months",
                    policy.revisit_usual_months
                ),
            )
            .at_event(i)
            .with_help("nothing is wrong for certain: revisits after COVID-19 were often later (Leicestershire: 25 months)"),
        );
    }
}

/// Months from `a` to `b`, rounded to the nearest: 16 October 2020 to 14 November 2022 is
/// 24 months and 29 days, about 25 months.
fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    use chrono::Datelike;
    let m = (i64::from(b.year()) - i64::from(a.year())) * 12 + i64::from(b.month())
        - i64::from(a.month());
    let whole = if b.day() < a.day() { m - 1 } else { m };
    let rest = u32::try_from(whole)
        .ok()
        .and_then(|w| a.checked_add_months(Months::new(w)))
        .map_or(0, |anchor| (b - anchor).num_days());
    if rest >= 15 {
        whole + 1
    } else {
        whole
    }
}

#[allow(clippy::too_many_arguments)]
fn check_gap(
    out: &mut Vec<Diagnostic>,
    policy: &Policy,
    stage: Stage,
    months: u32,
    what: &str,
    from: Anchor,
    to: DateSpan,
    index: Option<usize>,
) {
    let (Some(last), Some(next)) = (from.span.last(), to.first()) else {
        return;
    };
    let Some(limit) = last.checked_add_months(Months::new(months)).and_then(|d| {
        d.checked_add_days(chrono::Days::new(u64::from(policy.monitoring_grace_days)))
    }) else {
        return;
    };
    if next <= limit {
        return;
    }
    let days = (next - last).num_days();
    let until = match index {
        Some(i) => format!("event {i} ({to})"),
        None => format!("the end of the timeline ({to})"),
    };
    let mut d = Diagnostic::new(
        Code::MonitoringGap,
        index.map_or_else(|| "/events".to_owned(), |i| format!("/events/{i}")),
        format!(
            "at least {days} days passed in stage `{stage}` between event {} ({}) and {until} with no {what} on record; they are expected every {months} months, with {} days' grace",
            from.index, from.span, policy.monitoring_grace_days
        ),
    )
    .in_stage(stage)
    .with_help(format!("if a {what} took place, add it (with a month date if that is all the source gives)"));
    d.event_index = index;
    out.push(d);
}

fn anachronism(
    out: &mut Vec<Diagnostic>,
    policy: &Policy,
    kind: HealthBodyKind,
    name: &str,
    span: DateSpan,
    path: String,
    index: Option<usize>,
) {
    let cut = DateSpan::day(policy.icb_start);
    let problem = match kind {
        HealthBodyKind::Ccg if span.first().is_some_and(|f| f >= policy.icb_start) => {
            Some(format!("the clinical commissioning group \"{name}\" is recorded in force on {span}, but CCGs were abolished on {}", policy.icb_start))
        }
        HealthBodyKind::Icb if span.certainly_before(&cut) => Some(format!(
            "the integrated care board \"{name}\" is recorded in force on {span}, before ICBs existed (from {})",
            policy.icb_start
        )),
        _ => None,
    };
    if let Some(message) = problem {
        let mut d = Diagnostic::new(Code::HealthBodyAnachronism, path, message);
        d.event_index = index;
        out.push(d);
    }
}

fn check_area<S: Slot>(area: &Area, policy: &Policy, events: &[S], out: &mut Vec<Diagnostic>) {
    blank(out, &area.name, "/area/name", None, "the area's name");
    blank(
        out,
        &area.local_authority,
        "/area/local_authority",
        None,
        "the local authority's name",
    );
    let first = events
        .iter()
        .filter_map(|s| s.event())
        .map(|e| e.date.span())
        .find(|s| s.first().is_some());
    for (j, b) in area.health_bodies.iter().enumerate() {
        blank(
            out,
            &b.name,
            format_args!("/area/health_bodies/{j}/name"),
            None,
            "a health body's name",
        );
        if let (HealthBodyKind::Icb, Some(first)) = (b.kind, first) {
            anachronism(
                out,
                policy,
                b.kind,
                &b.name,
                first,
                format!("/area/health_bodies/{j}"),
                None,
            );
        }
    }
}

/// Reports `text` when blank. The path is formatted only then: most text is not blank.
fn blank(
    out: &mut Vec<Diagnostic>,
    text: &str,
    path: impl std::fmt::Display,
    index: Option<usize>,
    what: &str,
) {
    if text.trim().is_empty() {
        let path = path.to_string();
        let message = format!("{what} at `{path}` is blank");
        let mut d = Diagnostic::new(Code::EmptyText, path, message)
            .with_help("write the name, title or id as the source gives it");
        d.event_index = index;
        out.push(d);
    }
}

fn check_event_text(event: &Event, i: usize, out: &mut Vec<Diagnostic>) {
    match &event.detail {
        EventDetail::ReportPublished {
            weaknesses,
            letter_date,
        } => {
            for (j, w) in weaknesses.iter().enumerate() {
                blank(
                    out,
                    &w.id,
                    format_args!("/events/{i}/weaknesses/{j}/id"),
                    Some(i),
                    "a weakness id",
                );
                blank(
                    out,
                    &w.title,
                    format_args!("/events/{i}/weaknesses/{j}/title"),
                    Some(i),
                    "a weakness title",
                );
            }
            if let Some(letter) = letter_date {
                let (l, p) = (letter.span(), event.date.span());
                if l.certainly_after(&p) {
                    out.push(
                        Diagnostic::new(
                            Code::LetterAfterPublication,
                            format!("/events/{i}/letter_date"),
                            format!("the report letter of event {i} is dated {l}, after its publication on {p}; a letter is dated on or before the day it is published"),
                        )
                        .at_event(i)
                        .with_help("check the two dates; if the area received the letter first, record `report_received`"),
                    );
                }
            }
        }
        EventDetail::RevisitOutcome { judgements } => {
            for j in judgements {
                if j.weakness.trim().is_empty() {
                    let path = format!(
                        "/events/{i}/judgements/{}",
                        crate::diagnostic::pointer_token(&j.weakness)
                    );
                    blank(out, &j.weakness, &path, Some(i), "a judged weakness id");
                }
            }
        }
        EventDetail::Note { title } => blank(
            out,
            title,
            format_args!("/events/{i}/title"),
            Some(i),
            "a note's title",
        ),
        EventDetail::HealthBodyChanged { health_bodies } => {
            for (j, b) in health_bodies.iter().enumerate() {
                blank(
                    out,
                    &b.name,
                    format_args!("/events/{i}/health_bodies/{j}/name"),
                    Some(i),
                    "a health body's name",
                );
            }
        }
        EventDetail::MonitoringMeeting {
            actions: Some(a), ..
        }
        | EventDetail::AppReview { actions: Some(a) } => {
            check_actions(a, format_args!("/events/{i}/actions"), i, out);
        }
        _ => {}
    }
}

/// The `actions` rules: parts within the whole, percentages within 0–100, RAG adding up.
/// `path` is formatted only for a diagnostic.
pub(crate) fn check_actions(
    a: &ActionCounts,
    path: impl std::fmt::Display,
    i: usize,
    out: &mut Vec<Diagnostic>,
) {
    let mut bad = |field: &str, message: String| {
        out.push(
            Diagnostic::new(
                Code::InvalidActionCounts,
                format!("{path}/{field}"),
                format!("event {i}: {message}"),
            )
            .at_event(i),
        );
    };
    if let Some(total) = a.total {
        for (field, v) in [
            ("underway", a.underway),
            ("completed", a.completed),
            ("delayed", a.delayed),
        ] {
            if let Some(v) = v.filter(|v| *v > total) {
                bad(
                    field,
                    format!("{v} actions {field}, more than the {total} actions in total"),
                );
            }
        }
    }
    if let Some(p) = a.underway_percent {
        if !(0.0..=100.0).contains(&p) {
            bad(
                "underway_percent",
                format!("{p}% of actions underway is not a percentage between 0 and 100"),
            );
        } else if let (Some(t), Some(u)) = (a.total, a.underway) {
            if t > 0 {
                let actual = u as f64 * 100.0 / t as f64;
                if (actual - p).abs() > 1.0 {
                    bad(
                        "underway_percent",
                        format!(
                            "{p}% underway contradicts {u} of {t} actions underway ({actual:.1}%)"
                        ),
                    );
                }
            }
        }
    }
    if let Some(rag) = a.rag {
        let parts = [rag.red, rag.amber, rag.green];
        let sum: u128 = parts.iter().flatten().map(|v| u128::from(*v)).sum();
        if let Some(total) = a.total {
            let all = parts.iter().all(Option::is_some);
            if (all && sum != u128::from(total)) || sum > u128::from(total) {
                bad(
                    "rag",
                    format!(
                        "the RAG ratings add up to {sum}, but there are {total} actions in total"
                    ),
                );
            }
        }
    }
}

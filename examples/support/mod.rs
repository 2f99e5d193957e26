//! The code the `leicestershire` and `leicester_city` examples share: it replays a real
//! area's timeline and explains it, in the same five steps for both.
//!
//! Each example says only what is particular to its area, in a [`Case`]: which timeline it
//! replays, why the validator says what it says about it, what comes next from the stage
//! where it ends, and its walk through the typestate API. [`main`] does the rest:
//!
//! 1. replays the timeline event by event on the runtime engine ([`Lifecycle`]), printing
//!    for each event its date, what happened, the stage before → after, and what changed;
//! 2. shows what the validator says about it, and why;
//! 3. sums up where the area stands: each weakness's outcome, the WSoA deadline and when it
//!    was met, how long each phase took, and what the framework says comes next;
//! 4. walks the same path through the typestate API ([`typed::Inspected`]), where the order of
//!    events is checked by the compiler, and checks that both end in the same place;
//! 5. with `--mermaid`, prints the lifecycle diagram with the area's path highlighted and a
//!    Gantt chart of its phases.
//!
//! It lives in `examples/support/mod.rs` so that cargo does not take it for an example of
//! its own; each example includes it with `mod support;`.

/// Prints a line. When standard output is closed (`| head`), stops quietly as command-line
/// tools do, where `println!` would panic.
macro_rules! say {
    () => {
        say!("")
    };
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout().lock(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

use std::error::Error;
use std::process::ExitCode;

use send_lifecycle::typed::{self, StageMarker};
use send_lifecycle::{
    gantt_mermaid, path_mermaid, validate_str, ActionCounts, Code, DeadlineBasis, Event, EventDate,
    EventDetail, EventKind, Lifecycle, Options, Phase, Policy, Progress, Severity, Stage, Timeline,
    Transition, TRANSITIONS,
};

/// What one example says about its area; `S` is the stage where its typed walk ends.
pub struct Case<S: StageMarker> {
    /// The example's name, for its usage line and error messages.
    pub example: &'static str,
    /// The timeline's JSON, built into the example with `include_str!`.
    pub timeline: &'static str,
    /// Where the timeline comes from, as the output names it.
    pub file: &'static str,
    /// The years the timeline covers, for the headings (`2020–2022`).
    pub years: &'static str,
    /// Why the validator reports a code for this timeline, where that needs explaining.
    pub why: fn(Code) -> Option<&'static str>,
    /// What the framework says comes next from the stage where the timeline ends.
    pub what_comes_next: fn(Stage) -> &'static str,
    /// The same path through the typestate API, ending in stage `S`.
    pub typed_walk: TypedWalk<S>,
}

/// A walk through the typestate API that ends in stage `S`, or says why it could not.
pub type TypedWalk<S> = fn(&Timeline) -> Result<typed::Inspected<S>, Box<dyn Error>>;

/// Reads the arguments (`--mermaid` or nothing), runs the case and reports any error.
pub fn main<S: StageMarker>(case: &Case<S>) -> ExitCode {
    let mut mermaid = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--mermaid" => mermaid = true,
            other => {
                eprintln!(
                    "unknown argument {other:?}; usage: {} [--mermaid]",
                    case.example
                );
                return ExitCode::FAILURE;
            }
        }
    }
    match run(case, mermaid) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: {e}", case.example);
            ExitCode::FAILURE
        }
    }
}

fn run<S: StageMarker>(case: &Case<S>, mermaid: bool) -> Result<(), Box<dyn Error>> {
    let timeline: Timeline = serde_json::from_str(case.timeline)?;
    let name = timeline.area.name.clone();

    // 1. The runtime engine, one event at a time.
    say!(
        "{name}, {}: what happened, replayed on the runtime engine",
        case.years
    );
    say!(
        "({} events from {}, each citing its source document)",
        timeline.events.len(),
        case.file
    );
    say!();
    let mut engine = Lifecycle::new(timeline.area.clone(), Policy::default());
    let mut steps: Vec<(Event, Transition)> = Vec::new();
    for (i, event) in timeline.events.iter().enumerate() {
        let before = engine.weaknesses().to_vec();
        let t = engine.apply(event.clone())?;
        let what = wrap(&what_happened(event), 17, 19);
        say!("{i:>3}  {:<10}  {what}", show_date(&event.date));
        if t.from == t.to {
            say!("{:17}stays in {}", "", t.to);
        } else {
            say!("{:17}{} → {}", "", t.from, t.to);
        }
        for change in changes(&t, &before, &engine) {
            say!("{:17}+ {}", "", wrap(&change, 19, 19));
        }
        if let Some(note) = &event.note {
            say!("{:17}· {}", "", wrap(note, 19, 19));
        }
        steps.push((event.clone(), t));
    }

    // 2. The validator: the same rules, plus the checks that decide no stage.
    let report = validate_str(case.timeline, &Options::default());
    say!();
    say!(
        "The validator: {}; {}, {}, {}",
        if report.valid { "valid" } else { "INVALID" },
        count(report.count(Severity::Error), "error"),
        count(report.count(Severity::Warning), "warning"),
        count(report.count(Severity::Info), "info"),
    );
    for d in &report.diagnostics {
        let head = format!("  {}[{}] ", d.severity(), d.code);
        say!("{head}{}", wrap(&d.message, head.len(), 6));
        if let Some(why) = (case.why)(d.code) {
            say!("      why: {}", wrap(why, 11, 11));
        }
    }
    if report.stage != engine.stage() {
        return Err(format!(
            "the validator ends in {} but the engine in {}",
            report.stage,
            engine.stage()
        )
        .into());
    }

    // 3. Where the area stands.
    say!();
    say!("Where {name} stands");
    let stage = engine.stage();
    say!("  stage: {stage}");
    say!("    ({})", stage.describe());
    say!("  weaknesses:");
    for w in engine.weaknesses() {
        say!("    {:<20} {}", w.id, w.stage);
        say!("      {}", wrap(&w.title, 6, 6));
    }
    print_wsoa(&steps, engine.policy())?;
    say!("  health bodies: {}", health_bodies(&engine));
    let phases = phases(&steps);
    print_phases(&phases, engine.policy());
    say!(
        "  what comes next: {}",
        wrap((case.what_comes_next)(stage), 19, 19)
    );
    say!("  from {stage}, the transition table leads on with:");
    for rule in TRANSITIONS.iter().filter(|r| r.from().contains(&stage)) {
        let to = rule.target_from(stage);
        if to != stage {
            let condition = rule
                .condition()
                .label()
                .map(|c| format!(" [{c}]"))
                .unwrap_or_default();
            say!("    {}{condition} → {to}", rule.event());
        }
    }

    // 4. The same path through the typestate API.
    let typed_area = (case.typed_walk)(&timeline)?;
    let typed_engine = typed_area.lifecycle();
    let runtime_path = stage_path(&steps);
    let typed_path = path_of(typed_engine)?;
    say!();
    say!("The typestate API walks the same path (an illegal order would not compile):");
    say!("  {}", wrap(&join_stages(&typed_path), 2, 4));
    if typed_path != runtime_path
        || typed_engine.stage() != engine.stage()
        || typed_engine.weaknesses() != engine.weaknesses()
    {
        return Err("the typed API and the runtime engine disagree".into());
    }
    say!(
        "  and ends in {} with the same weaknesses as the runtime engine.",
        typed_engine.stage()
    );

    // 5. Diagrams.
    if mermaid {
        say!();
        say!("The lifecycle, with the path {name} took highlighted:");
        say!("```mermaid\n{}```", path_mermaid(&runtime_path));
        say!();
        say!("{name}'s phases:");
        say!(
            "```mermaid\n{}```",
            gantt(&format!("{name}, {}", case.years), &phases)
        );
    } else {
        say!();
        say!("Run with `-- --mermaid` for the lifecycle diagram and a Gantt chart of the phases.");
    }
    Ok(())
}

fn count(n: usize, word: &str) -> String {
    match (n, word) {
        (1, _) | (_, "info") => format!("{n} {word}"),
        _ => format!("{n} {word}s"),
    }
}

/// The date as the source gives it.
fn show_date(date: &EventDate) -> String {
    if date.is_unknown() {
        "undated".to_owned()
    } else {
        date.to_string()
    }
}

/// What happened, in a council officer's words.
fn what_happened(event: &Event) -> String {
    let kind = event.kind().describe();
    match &event.detail {
        EventDetail::ReportPublished {
            letter_date: Some(letter),
            ..
        } => format!("{kind} (the letter is dated {letter})"),
        EventDetail::WsoaJudged { fit_for_purpose } => {
            let fit = if *fit_for_purpose { "fit" } else { "not fit" };
            format!("{kind}: {fit} for purpose")
        }
        EventDetail::MonitoringMeeting {
            actions,
            final_before_revisit,
        } => {
            let mut text = kind.to_owned();
            if let Some(a) = actions {
                text.push_str(&progress(a));
            }
            if *final_before_revisit == Some(true) {
                text.push_str("; the last before the revisit");
            }
            text
        }
        EventDetail::RevisitOutcome { judgements } => {
            let sufficient = judgements
                .iter()
                .filter(|j| j.progress == Progress::Sufficient)
                .count();
            format!(
                "{kind}: sufficient progress on {sufficient} of {}",
                judgements.len()
            )
        }
        EventDetail::NextStepsDetermined { decision } => format!("{kind}: {}", decision.as_str()),
        EventDetail::Note { title } => format!("note: {title}"),
        _ => kind.to_owned(),
    }
}

fn progress(a: &ActionCounts) -> String {
    let mut parts = Vec::new();
    if let Some(p) = a.underway_percent {
        parts.push(format!("{p}% of actions underway"));
    }
    if let Some(d) = a.delayed {
        parts.push(format!("{d} with minor delays"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(": {}", parts.join(", "))
    }
}

/// What an applied event changed, beyond the stage.
fn changes(
    t: &Transition,
    before: &[send_lifecycle::WeaknessStatus],
    engine: &Lifecycle,
) -> Vec<String> {
    let mut out = Vec::new();
    if t.weaknesses_identified > 0 {
        let ids: Vec<&str> = engine.weaknesses().iter().map(|w| w.id.as_str()).collect();
        out.push(format!(
            "{} significant weaknesses identified: {}",
            t.weaknesses_identified,
            ids.join(", ")
        ));
    }
    if let Some(d) = t.deadline_set {
        out.push(match d.basis() {
            DeadlineBasis::ReportReceived => format!(
                "WSoA deadline set: {d} ({} working days after the report reached the area)",
                engine.policy().wsoa_deadline_working_days
            ),
            DeadlineBasis::Revised => format!("WSoA deadline revised: {d}"),
            _ => format!("deadline set: {d}"),
        });
    }
    for w in engine.weaknesses() {
        let old = before.iter().find(|b| b.id == w.id).map(|b| b.stage);
        if let Some(old) = old.filter(|old| *old != w.stage) {
            out.push(format!("{}: {old} → {}", w.id, w.stage));
        }
    }
    if t.health_bodies_changed {
        out.push(format!("health bodies now: {}", health_bodies(engine)));
    }
    out
}

/// The area's health bodies, as `kind: name`, comma-separated.
fn health_bodies(engine: &Lifecycle) -> String {
    engine
        .health_bodies()
        .iter()
        .map(|b| format!("{}: {}", b.kind.as_str(), b.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The WSoA: its deadlines, its submission and its judgement.
fn print_wsoa(steps: &[(Event, Transition)], policy: &Policy) -> Result<(), Box<dyn Error>> {
    let calendar = &policy.calendar;
    // The deadline counts from the earliest date the report reached the area.
    let reached = steps
        .iter()
        .find(|(e, _)| {
            matches!(
                e.detail,
                EventDetail::ReportReceived | EventDetail::ReportPublished { .. }
            )
        })
        .map(|(e, _)| e.date)
        .ok_or("the report never reached the area")?;
    let mut in_force = None;
    for (event, t) in steps {
        if let Some(d) = t.deadline_set {
            if d.basis() == DeadlineBasis::ReportReceived {
                let text = format!(
                    "{d}, {} working days after the report letter reached the area ({reached})",
                    policy.wsoa_deadline_working_days
                );
                say!("  WSoA deadline: {}", wrap(&text, 17, 4));
            } else {
                say!("    revised to {d} (no source dates the agreement)");
            }
            in_force = Some(d);
        }
        match event.detail {
            EventDetail::WsoaSubmitted => match (event.date.day(), in_force) {
                (Some(day), Some(deadline)) => {
                    let spare = calendar.working_days_between(day, deadline.latest());
                    let when = match spare {
                        0 => "on the deadline day".to_owned(),
                        n if n > 0 => format!("{n} working days before the deadline"),
                        n => format!("{} working days after the deadline", -n),
                    };
                    say!("    submitted {day}, {when}");
                }
                _ => say!(
                    "    submitted {}: not known to the day, so not comparable with the deadline",
                    show_date(&event.date)
                ),
            },
            EventDetail::WsoaJudged {
                fit_for_purpose: true,
            } => say!(
                "    judged fit for purpose: {}",
                if event.date.is_unknown() {
                    "undated in the sources".to_owned()
                } else {
                    event.date.to_string()
                }
            ),
            _ => {}
        }
    }
    if in_force.is_none() {
        return Err("no WSoA deadline was set".into());
    }
    Ok(())
}

/// A stage the area was in, from the event that entered it to the one that left it.
struct PhaseRow {
    stage: Stage,
    start: EventDate,
    /// `None` while the area is still in it at the last event.
    end: Option<EventDate>,
}

fn phases(steps: &[(Event, Transition)]) -> Vec<PhaseRow> {
    let mut rows: Vec<PhaseRow> = Vec::new();
    for (event, t) in steps.iter().filter(|(_, t)| t.from != t.to) {
        if let Some(last) = rows.last_mut() {
            last.end = Some(event.date);
        }
        rows.push(PhaseRow {
            stage: t.to,
            start: event.date,
            end: None,
        });
    }
    rows
}

fn print_phases(phases: &[PhaseRow], policy: &Policy) {
    let calendar = &policy.calendar;
    say!("  phases (from the day a stage began to the day the next began):");
    for p in phases {
        let start = show_date(&p.start);
        match p.end {
            None => say!(
                "    {:<26}{start} → (still in it at the last event)",
                p.stage.as_str()
            ),
            Some(end) => match (p.start.day(), end.day()) {
                (Some(a), Some(b)) => say!(
                    "    {:<26}{a} → {b}  {:>4} days  {:>4} working days",
                    p.stage.as_str(),
                    (b - a).num_days(),
                    calendar.working_days_between(a, b)
                ),
                _ => say!(
                    "    {:<26}{start} → {}  (not known to the day)",
                    p.stage.as_str(),
                    show_date(&end)
                ),
            },
        }
    }
}

/// The Gantt chart: month and year dates are drawn as their whole span; a phase bounded by
/// an undated event cannot be drawn, and is named in a comment instead.
fn gantt(title: &str, phases: &[PhaseRow]) -> String {
    let last_day = phases.last().and_then(|p| p.start.span().last());
    let mut drawn = Vec::new();
    let mut undrawn = Vec::new();
    for p in phases {
        let start = p.start.span().first();
        let end = match p.end {
            Some(e) => e.span().last(),
            None => last_day,
        };
        match (start, end) {
            (Some(start), Some(end)) => drawn.push(Phase::new(p.stage, start, end)),
            _ => undrawn.push(p.stage.as_str()),
        }
    }
    let mut chart = gantt_mermaid(title, &drawn);
    let imprecise = |d: &EventDate| !d.is_unknown() && d.day().is_none();
    if phases
        .iter()
        .any(|p| imprecise(&p.start) || p.end.as_ref().is_some_and(imprecise))
    {
        chart.push_str("    %% month and year dates are drawn as the whole month or year\n");
    }
    if !undrawn.is_empty() {
        chart.push_str(&format!(
            "    %% not drawn, bounded by an undated event: {}\n",
            undrawn.join(", ")
        ));
    }
    chart
}

/// The stages the area passed through, in order.
fn stage_path(steps: &[(Event, Transition)]) -> Vec<Stage> {
    let mut path = vec![Stage::NotInspected];
    path.extend(
        steps
            .iter()
            .filter(|(_, t)| t.from != t.to)
            .map(|(_, t)| t.to),
    );
    path
}

/// The same, for any engine: its history replayed.
fn path_of(engine: &Lifecycle) -> Result<Vec<Stage>, Box<dyn Error>> {
    let mut fresh = Lifecycle::new(engine.area().clone(), engine.policy().clone());
    let mut steps = Vec::new();
    for event in engine.history() {
        let t = fresh.apply(event.clone())?;
        steps.push((event.clone(), t));
    }
    Ok(stage_path(&steps))
}

fn join_stages(path: &[Stage]) -> String {
    path.iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" → ")
}

/// Wraps `text`, which starts at column `start`, at 92 columns, indenting continuation
/// lines by `indent` spaces.
fn wrap(text: &str, start: usize, indent: usize) -> String {
    const WIDTH: usize = 92;
    let mut out = String::new();
    let mut column = start;
    let mut first_word = true;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if !first_word && column + 1 + len > WIDTH {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            column = indent;
        } else if !first_word {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += len;
        first_word = false;
    }
    out
}

/// A typed walk's reading of the timeline: the walk states only the order of its method
/// calls (which the compiler checks against the table), and takes every date, payload and
/// citation from the timeline's events, one at a time and in order, so that the timeline is
/// stated once, in its JSON file.
pub struct Script<'a> {
    events: &'a [Event],
    next: usize,
}

impl<'a> Script<'a> {
    /// Starts at the timeline's first event.
    pub fn new(timeline: &'a Timeline) -> Script<'a> {
        Script {
            events: &timeline.events,
            next: 0,
        }
    }

    /// Records the notes at the cursor (a note changes no stage, so every stage takes one),
    /// then takes the next event, which must be of `kind`, and cites its source for it.
    pub fn take<S: StageMarker + std::fmt::Debug + 'static>(
        &mut self,
        mut area: typed::Inspected<S>,
        kind: EventKind,
    ) -> Result<(typed::Inspected<S>, &'a Event), Box<dyn Error>> {
        loop {
            let event = self
                .events
                .get(self.next)
                .ok_or_else(|| format!("the timeline ends before its {kind}"))?;
            self.next += 1;
            if let Some(source) = &event.source {
                area = area.cite(source.clone());
            }
            match &event.detail {
                EventDetail::Note { title } if kind != EventKind::Note => {
                    area = area.note(event.date, title.clone())?;
                }
                _ if event.kind() == kind => return Ok((area, event)),
                _ => {
                    return Err(format!(
                        "event {} is {}, but the walk expects {kind}",
                        self.next - 1,
                        event.kind()
                    )
                    .into())
                }
            }
        }
    }

    /// Records the notes at the cursor and checks that no other event is left.
    pub fn finish<S: StageMarker + std::fmt::Debug + 'static>(
        &mut self,
        mut area: typed::Inspected<S>,
    ) -> Result<typed::Inspected<S>, Box<dyn Error>> {
        while let Some(event) = self.events.get(self.next) {
            self.next += 1;
            let EventDetail::Note { title } = &event.detail else {
                return Err(format!(
                    "the walk ends before event {} ({})",
                    self.next - 1,
                    event.kind()
                )
                .into());
            };
            if let Some(source) = &event.source {
                area = area.cite(source.clone());
            }
            area = area.note(event.date, title.clone())?;
        }
        Ok(area)
    }
}

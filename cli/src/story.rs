//! The story of a timeline: what happened, event by event, on the runtime engine; what the
//! validator says; where the area stands; and its diagrams.
//!
//! `send-lifecycle replay` tells it for any record. The `leicestershire` and
//! `leicester_city` examples tell it for theirs too (they include this file with
//! `#[path]`, adding their own walk through the typestate API), so the two cannot drift.
//! It uses the library and `serde_json` only.

use std::error::Error;
use std::io::{self, Write};

use send_lifecycle::{
    gantt_mermaid, path_mermaid, validate_str, ActionCounts, Code, DeadlineBasis, Event, EventDate,
    EventDetail, Lifecycle, Options, Phase, Policy, Progress, Rejection, Report, Severity, Stage,
    Timeline, Transition,
};

/// Writes a line to `$out`, returning from the function on a write error.
macro_rules! say {
    ($out:expr) => {
        writeln!($out)?
    };
    ($out:expr, $($arg:tt)*) => {
        writeln!($out, $($arg)*)?
    };
}

/// What the teller knows of a record beyond its timeline.
pub struct Teller<'a> {
    /// Where the timeline comes from, as the output names it.
    pub file: &'a str,
    /// The years the record covers, for the headings (`2020–2022`); `None`: from its dates.
    pub years: Option<&'a str>,
    /// Why the validator reports a code for this record, where that needs explaining.
    pub why: fn(Code) -> Option<&'static str>,
    /// What the framework says comes next from the stage where the record ends.
    pub what_comes_next: fn(Stage) -> &'static str,
}

impl Teller<'_> {
    /// A teller with nothing particular to say about `file`.
    pub fn plain(file: &str) -> Teller<'_> {
        Teller {
            file,
            years: None,
            why: |_| None,
            what_comes_next: |stage| stage.describe(),
        }
    }
}

/// A record replayed: the engine after it, each applied event with its transition, each
/// refused one with its rejection, and the validator's report.
pub struct Replayed {
    /// The area's name.
    pub name: String,
    /// The years the record covers.
    pub years: String,
    /// The engine after the last event.
    pub engine: Lifecycle,
    /// Each event the engine applied, with what it did.
    pub steps: Vec<(Event, Transition)>,
    /// Each event the engine refused, by index.
    pub refused: Vec<(usize, Rejection)>,
    /// The validator's report on the same text.
    pub report: Report,
}

/// Why a record cannot be told: it is not a readable timeline. The report says why.
#[derive(Debug)]
pub struct Unreadable(pub Report);

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the record is not a readable timeline")
    }
}

impl Error for Unreadable {}

/// Tells steps 1–3 of the story of the timeline `text`: the replay, the validator's
/// findings and where the area stands.
pub fn tell(
    out: &mut dyn Write,
    text: &str,
    teller: &Teller<'_>,
) -> Result<Replayed, Box<dyn Error>> {
    let report = validate_str(text, &Options::default());
    let timeline: Timeline = match serde_json::from_str(text) {
        Ok(t) => t,
        Err(_) => return Err(Box::new(Unreadable(report))),
    };
    let name = timeline.area.name.clone();
    let years = match teller.years {
        Some(y) => y.to_owned(),
        None => years_of(&timeline),
    };

    // 1. The runtime engine, one event at a time.
    say!(
        out,
        "{name}, {years}: what happened, replayed on the runtime engine"
    );
    let cited = timeline
        .events
        .iter()
        .filter(|e| e.source.is_some())
        .count();
    let citing = if cited == timeline.events.len() {
        "each citing its source document".to_owned()
    } else {
        format!("{cited} citing a source")
    };
    say!(
        out,
        "({} events from {}, {citing})",
        timeline.events.len(),
        teller.file
    );
    say!(out);
    let mut engine = Lifecycle::new(timeline.area.clone(), Policy::default());
    let mut steps: Vec<(Event, Transition)> = Vec::new();
    let mut refused = Vec::new();
    for (i, event) in timeline.events.iter().enumerate() {
        let before = engine.weaknesses().to_vec();
        let what = wrap(&what_happened(event), 17, 19);
        say!(out, "{i:>3}  {:<10}  {what}", show_date(&event.date));
        let t = match engine.apply(event.clone()) {
            Ok(t) => t,
            Err(r) => {
                say!(out, "{:17}REFUSED: {}", "", wrap(&r.to_string(), 26, 19));
                say!(out, "{:17}stays in {}", "", engine.stage());
                refused.push((i, r));
                continue;
            }
        };
        if t.from == t.to {
            say!(out, "{:17}stays in {}", "", t.to);
        } else {
            say!(out, "{:17}{} → {}", "", t.from, t.to);
        }
        for change in changes(&t, &before, &engine) {
            say!(out, "{:17}+ {}", "", wrap(&change, 19, 19));
        }
        if let Some(note) = &event.note {
            say!(out, "{:17}· {}", "", wrap(note, 19, 19));
        }
        steps.push((event.clone(), t));
    }

    // 2. The validator: the same rules, plus the checks that decide no stage.
    say!(out);
    say!(
        out,
        "The validator: {}; {}, {}, {}",
        if report.valid { "valid" } else { "INVALID" },
        count(report.count(Severity::Error), "error"),
        count(report.count(Severity::Warning), "warning"),
        count(report.count(Severity::Info), "info"),
    );
    for d in &report.diagnostics {
        let head = format!("  {}[{}] ", d.severity(), d.code);
        say!(out, "{head}{}", wrap(&d.message, head.len(), 6));
        if let Some(why) = (teller.why)(d.code) {
            say!(out, "      why: {}", wrap(why, 11, 11));
        }
    }

    // 3. Where the area stands.
    say!(out);
    say!(out, "Where {name} stands");
    let stage = engine.stage();
    say!(out, "  stage: {stage}");
    say!(out, "    ({})", stage.describe());
    if engine.framework() != send_lifecycle::Framework::LocalAreaSend2016 {
        say!(out, "  framework: {}", engine.framework().describe());
        if let Some(o) = report.outcome {
            say!(out, "  latest outcome: {o}");
        }
        match engine.legacy_stage() {
            Some(l) => say!(out, "  the 2016 record is still open, in {l}"),
            None if !engine.weaknesses().is_empty() => {
                say!(out, "  the 2016 record is closed")
            }
            None => {}
        }
        if !engine.priority_actions().is_empty() {
            say!(out, "  areas for priority action:");
        }
        for a in engine.priority_actions() {
            say!(out, "    {:<20} {}", a.id, a.stage);
            say!(out, "      {}", wrap(&a.title, 6, 6));
        }
    }
    if !report.next_due.is_empty() {
        say!(out, "  next due:");
    }
    for d in &report.next_due {
        let window = match (d.earliest, d.latest) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a} to {b}"),
            (None, Some(b)) => format!("by {b}"),
            (Some(a), None) => format!("from {a}"),
            (None, None) => "no date".to_owned(),
        };
        let kind = if d.firm { "deadline" } else { "usual horizon" };
        say!(out, "    {:<22} {window} ({kind})", d.what);
        say!(out, "      {}", wrap(&d.basis, 6, 6));
    }
    if !engine.weaknesses().is_empty() {
        say!(out, "  weaknesses:");
    }
    for w in engine.weaknesses() {
        say!(out, "    {:<20} {}", w.id, w.stage);
        say!(out, "      {}", wrap(&w.title, 6, 6));
    }
    print_wsoa(out, &steps, engine.policy())?;
    say!(out, "  health bodies: {}", health_bodies(&engine));
    let phases = phases(&steps);
    print_phases(out, &phases, engine.policy())?;
    say!(
        out,
        "  what comes next: {}",
        wrap((teller.what_comes_next)(stage), 19, 19)
    );
    say!(out, "  from {stage}, the transition table leads on with:");
    let rows = send_lifecycle::Declaration::of(engine.framework()).rows();
    for rule in rows.iter().filter(|r| r.from().contains(&stage)) {
        let to = rule.target_from(stage);
        if to != stage {
            let condition = rule
                .condition()
                .label()
                .map(|c| format!(" [{c}]"))
                .unwrap_or_default();
            say!(out, "    {}{condition} → {to}", rule.event());
        }
    }
    Ok(Replayed {
        name,
        years,
        engine,
        steps,
        refused,
        report,
    })
}

/// Step 5: the lifecycle diagram with the record's path highlighted, and a Gantt chart of
/// its phases.
pub fn diagrams(out: &mut dyn Write, replayed: &Replayed) -> io::Result<()> {
    let name = &replayed.name;
    say!(out);
    say!(out, "The lifecycle, with the path {name} took highlighted:");
    say!(
        out,
        "```mermaid\n{}```",
        path_mermaid(&stage_path(&replayed.steps))
    );
    say!(out);
    say!(out, "{name}'s phases:");
    say!(
        out,
        "```mermaid\n{}```",
        gantt(
            &format!("{name}, {}", replayed.years),
            &phases(&replayed.steps)
        )
    );
    Ok(())
}

/// The Gantt chart of a replayed record's phases (Mermaid).
pub fn gantt_chart(replayed: &Replayed) -> String {
    gantt(
        &format!("{}, {}", replayed.name, replayed.years),
        &phases(&replayed.steps),
    )
}

/// The years a timeline's dates cover (`2020–2022`, `2018`), or `undated`.
fn years_of(timeline: &Timeline) -> String {
    let years: Vec<i32> = timeline
        .events
        .iter()
        .filter_map(|e| e.date.span().first().map(|d| chrono::Datelike::year(&d)))
        .collect();
    match (years.iter().min(), years.iter().max()) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => "undated".to_owned(),
    }
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
        EventDetail::ReportPublished(r) => match (&r.letter_date, &r.outcome) {
            (Some(letter), _) => format!("{kind} (the letter is dated {letter})"),
            (None, Some(o)) => format!("{kind}: outcome `{o}`"),
            (None, None) => kind.to_owned(),
        },
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
        EventDetail::RevisitOutcome {
            counts: Some(c), ..
        } => format!(
            "{kind}: sufficient progress on {} of {} (given by count)",
            c.sufficient,
            c.sufficient + c.insufficient
        ),
        EventDetail::RevisitOutcome { judgements, .. } => {
            let sufficient = judgements
                .iter()
                .filter(|j| j.progress == Progress::Sufficient)
                .count();
            format!(
                "{kind}: sufficient progress on {sufficient} of {}",
                judgements.len()
            )
        }
        EventDetail::PapJudged { fit_for_purpose } => {
            let fit = if *fit_for_purpose { "fit" } else { "not fit" };
            format!("{kind}: {fit} for purpose")
        }
        EventDetail::MonitoringInspectionOutcome { judgements, counts } => {
            let effective = judgements
                .iter()
                .filter(|j| j.effectiveness == send_lifecycle::Effectiveness::EffectiveAction)
                .count() as u64
                + counts.as_ref().map_or(0, |c| c.effective_action);
            let all = judgements.len() as u64
                + counts
                    .as_ref()
                    .map_or(0, |c| c.effective_action + c.not_effective_action);
            format!("{kind}: effective action on {effective} of {all} areas for priority action")
        }
        EventDetail::FrameworkChanged { framework } => format!("{kind}: {framework}"),
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
    let in_2023 = engine.framework() == send_lifecycle::Framework::AreaSend2023;
    if t.weaknesses_identified > 0 {
        let (what, items) = if in_2023 {
            ("areas for priority action", engine.priority_actions())
        } else {
            ("significant weaknesses", engine.weaknesses())
        };
        let ids: Vec<&str> = items.iter().map(|w| w.id.as_str()).collect();
        let named = if ids.is_empty() {
            " (given by count)".to_owned()
        } else {
            format!(": {}", ids.join(", "))
        };
        out.push(format!(
            "{} {what} identified{named}",
            t.weaknesses_identified
        ));
    }
    if let Some(d) = t.deadline_set {
        let plan = if in_2023 {
            "priority action plan"
        } else {
            "WSoA"
        };
        out.push(match d.basis() {
            DeadlineBasis::ReportReceived => {
                format!("{plan} deadline set: {d} ({})", d.basis_text())
            }
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
fn print_wsoa(
    out: &mut dyn Write,
    steps: &[(Event, Transition)],
    policy: &Policy,
) -> io::Result<()> {
    let calendar = &policy.calendar;
    // The deadline counts from the earliest date the report reached the area.
    let reached = steps
        .iter()
        .find(|(e, _)| {
            matches!(
                e.detail,
                EventDetail::ReportReceived | EventDetail::ReportPublished(_)
            )
        })
        .map(|(e, _)| e.date);
    let Some(reached) = reached else {
        say!(
            out,
            "  WSoA: none yet (no inspection report has reached the area)"
        );
        return Ok(());
    };
    let mut in_force = None;
    // The WSoA belongs to the 2016 record: the steps before any move to the 2023 framework.
    let until_change = steps
        .iter()
        .position(|(e, _)| matches!(e.detail, EventDetail::FrameworkChanged { .. }))
        .unwrap_or(steps.len());
    for (event, t) in steps.iter().take(until_change) {
        if let Some(d) = t.deadline_set {
            if d.basis() == DeadlineBasis::ReportReceived {
                let text = format!(
                    "{d}, {} working days after the report letter reached the area ({reached})",
                    policy.wsoa_deadline_working_days
                );
                say!(out, "  WSoA deadline: {}", wrap(&text, 17, 4));
            } else {
                say!(out, "    revised to {d} (no source dates the agreement)");
            }
            in_force = Some(d);
        }
        match event.detail {
            EventDetail::WsoaSubmitted => {
                match (event.date.day(), in_force) {
                    (Some(day), Some(deadline)) => {
                        let spare = calendar.working_days_between(day, deadline.latest());
                        let when = match spare {
                            0 => "on the deadline day".to_owned(),
                            n if n > 0 => format!("{n} working days before the deadline"),
                            n => format!("{} working days after the deadline", -n),
                        };
                        say!(out, "    submitted {day}, {when}");
                    }
                    _ => say!(out,
                    "    submitted {}: not known to the day, so not comparable with the deadline",
                    show_date(&event.date)
                ),
                }
            }
            EventDetail::WsoaJudged {
                fit_for_purpose: true,
            } => say!(
                out,
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
        say!(
            out,
            "  WSoA: none required (the report named no significant weakness)"
        );
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

fn print_phases(out: &mut dyn Write, phases: &[PhaseRow], policy: &Policy) -> io::Result<()> {
    let calendar = &policy.calendar;
    say!(
        out,
        "  phases (from the day a stage began to the day the next began):"
    );
    for p in phases {
        let start = show_date(&p.start);
        match p.end {
            None => say!(
                out,
                "    {:<26}{start} → (still in it at the last event)",
                p.stage.as_str()
            ),
            Some(end) => match (p.start.day(), end.day()) {
                (Some(a), Some(b)) => say!(
                    out,
                    "    {:<26}{a} → {b}  {:>4} days  {:>4} working days",
                    p.stage.as_str(),
                    (b - a).num_days(),
                    calendar.working_days_between(a, b)
                ),
                _ => say!(
                    out,
                    "    {:<26}{start} → {}  (not known to the day)",
                    p.stage.as_str(),
                    show_date(&end)
                ),
            },
        }
    }
    Ok(())
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
pub fn stage_path(steps: &[(Event, Transition)]) -> Vec<Stage> {
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
pub fn path_of(engine: &Lifecycle) -> Result<Vec<Stage>, Box<dyn Error>> {
    let mut fresh = Lifecycle::new(engine.area().clone(), engine.policy().clone());
    let mut steps = Vec::new();
    for event in engine.history() {
        let t = fresh.apply(event.clone())?;
        steps.push((event.clone(), t));
    }
    Ok(stage_path(&steps))
}

pub fn join_stages(path: &[Stage]) -> String {
    path.iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" → ")
}

/// Wraps `text`, which starts at column `start`, at 92 columns, indenting continuation
/// lines by `indent` spaces.
pub fn wrap(text: &str, start: usize, indent: usize) -> String {
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

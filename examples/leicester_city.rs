//! Leicester City, 2018–2022: what really happened, replayed step by step, through the
//! decision to write an accelerated progress plan (APP).
//!
//! The timeline in `testdata/leicester_city.json` is built from the public documents in the
//! seeds (each event cites its source). The sources are sparse: the inspection and report
//! are dated only to the year (2018), the revisit to the month (May 2021), and the WSoA's
//! submission, its judgement, the revisit letter and the APP decision not at all. The
//! crate keeps exactly what they say, and reports only what can be said.
//!
//! Like `leicestershire`, this example replays the timeline on the runtime engine
//! ([`Lifecycle`]), shows what the validator says and why, sums up where the area stands,
//! walks the same path through the typestate API ([`typed::Area`]), and, with
//! `--mermaid`, prints the lifecycle diagram with the path highlighted and a Gantt chart.
//!
//! ```sh
//! cargo run --example leicester_city
//! cargo run --example leicester_city -- --mermaid
//! ```

use std::error::Error;
use std::process::ExitCode;

use send_lifecycle::typed::{self, ReportOutcome, RevisitOutcome};
use send_lifecycle::{
    gantt_mermaid, path_mermaid, validate_str, ActionCounts, Code, DeadlineBasis, Event, EventDate,
    EventDetail, Judgement, Lifecycle, Options, Phase, Policy, Progress, Severity, Stage, Timeline,
    Transition, Weakness, TRANSITIONS,
};

/// The timeline, built into the example so that it runs from any directory.
const TIMELINE: &str = include_str!("../testdata/leicester_city.json");

fn main() -> ExitCode {
    let mut mermaid = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--mermaid" => mermaid = true,
            other => {
                eprintln!("unknown argument {other:?}; usage: leicester_city [--mermaid]");
                return ExitCode::FAILURE;
            }
        }
    }
    match run(mermaid) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("leicester_city: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(mermaid: bool) -> Result<(), Box<dyn Error>> {
    let timeline: Timeline = serde_json::from_str(TIMELINE)?;
    let name = timeline.area.name.clone();

    // 1. The runtime engine, one event at a time.
    println!("{name}, 2018–2022: what happened, replayed on the runtime engine");
    println!(
        "({} events from testdata/leicester_city.json, each citing its source document)",
        timeline.events.len()
    );
    println!();
    let mut engine = Lifecycle::new(timeline.area.clone(), Policy::default());
    let mut steps: Vec<(Event, Transition)> = Vec::new();
    for (i, event) in timeline.events.iter().enumerate() {
        let before = engine.weaknesses().to_vec();
        let t = engine.apply(event.clone())?;
        let what = wrap(&what_happened(event), 17, 19);
        println!("{i:>3}  {:<10}  {what}", show_date(&event.date));
        if t.from == t.to {
            println!("{:17}stays in {}", "", t.to);
        } else {
            println!("{:17}{} → {}", "", t.from, t.to);
        }
        for change in changes(&t, &before, &engine) {
            println!("{:17}+ {}", "", wrap(&change, 19, 19));
        }
        if let Some(note) = &event.note {
            println!("{:17}· {}", "", wrap(note, 19, 19));
        }
        steps.push((event.clone(), t));
    }

    // 2. The validator: the same rules, plus the checks that decide no stage.
    let report = validate_str(TIMELINE, &Options::default());
    println!();
    println!(
        "The validator: {}; {}, {}, {}",
        if report.valid { "valid" } else { "INVALID" },
        count(report.count(Severity::Error), "error"),
        count(report.count(Severity::Warning), "warning"),
        count(report.count(Severity::Info), "info"),
    );
    for d in &report.diagnostics {
        let head = format!("  {}[{}] ", d.severity, d.code);
        println!("{head}{}", wrap(&d.message, head.len(), 6));
        if let Some(why) = why(d.code) {
            println!("      why: {}", wrap(why, 11, 11));
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
    println!();
    println!("Where {name} stands");
    let stage = engine.stage();
    println!("  stage: {stage}");
    println!("    ({})", stage.describe());
    println!("  weaknesses:");
    for w in engine.weaknesses() {
        println!("    {:<20} {}", w.id, w.stage);
        println!("      {}", wrap(&w.title, 6, 6));
    }
    print_wsoa(&steps, engine.policy())?;
    let bodies: Vec<String> = engine
        .health_bodies()
        .iter()
        .map(|b| format!("{}: {}", b.kind.as_str(), b.name))
        .collect();
    println!("  health bodies: {}", bodies.join(", "));
    let phases = phases(&steps);
    print_phases(&phases, engine.policy());
    println!(
        "  what comes next: {}",
        wrap(what_comes_next(stage), 19, 19)
    );
    println!("  from {stage}, the transition table leads on with:");
    for rule in TRANSITIONS.iter().filter(|r| r.from.contains(&stage)) {
        let to = rule.target_from(stage);
        if to != stage {
            let condition = rule
                .condition
                .label()
                .map(|c| format!(" [{c}]"))
                .unwrap_or_default();
            println!("    {}{condition} → {to}", rule.event);
        }
    }

    // 4. The same path through the typestate API.
    let typed_area = typed_walk(&timeline)?;
    let typed_engine = typed_area.lifecycle();
    let runtime_path = stage_path(&steps);
    let typed_path = path_of(typed_engine)?;
    println!();
    println!("The typestate API walks the same path (an illegal order would not compile):");
    println!("  {}", wrap(&join_stages(&typed_path), 2, 4));
    if typed_path != runtime_path
        || typed_engine.stage() != engine.stage()
        || typed_engine.weaknesses() != engine.weaknesses()
    {
        return Err("the typed API and the runtime engine disagree".into());
    }
    println!(
        "  and ends in {} with the same weaknesses as the runtime engine.",
        typed_engine.stage()
    );

    // 5. Diagrams.
    if mermaid {
        println!();
        println!("The lifecycle, with the path {name} took highlighted:");
        println!("```mermaid\n{}```", path_mermaid(&runtime_path));
        println!();
        println!("{name}'s phases:");
        println!(
            "```mermaid\n{}```",
            gantt(&format!("{name}, 2018–2022"), &phases)
        );
    } else {
        println!();
        println!(
            "Run with `-- --mermaid` for the lifecycle diagram and a Gantt chart of the phases."
        );
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
        out.push(match d.basis {
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
        let names: Vec<String> = engine
            .health_bodies()
            .iter()
            .map(|b| format!("{}: {}", b.kind.as_str(), b.name))
            .collect();
        out.push(format!("health bodies now: {}", names.join(", ")));
    }
    out
}

/// Why the validator says what it says about this timeline.
fn why(code: Code) -> Option<&'static str> {
    match code {
        Code::PossiblyLate => Some(
            "no source dates the WSoA's submission, so it lies somewhere between its \
             neighbours: the 2018 report and the May 2021 revisit. The report itself is dated \
             only to the year, so the deadline is a window (70 working days after some day of \
             2018). The submission may have come after that window opened, but is not \
             certainly after it closed: the validator says \"possibly\" rather than guess.",
        ),
        _ => None,
    }
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
            if d.basis == DeadlineBasis::ReportReceived {
                let text = format!(
                    "{d}, {} working days after the report letter reached the area ({reached})",
                    policy.wsoa_deadline_working_days
                );
                println!("  WSoA deadline: {}", wrap(&text, 17, 4));
            } else {
                println!("    revised to {d} (no source dates the agreement)");
            }
            in_force = Some(d);
        }
        match event.detail {
            EventDetail::WsoaSubmitted => match (event.date.day(), in_force) {
                (Some(day), Some(deadline)) => {
                    let spare = calendar.working_days_between(day, deadline.latest);
                    let when = match spare {
                        0 => "on the deadline day".to_owned(),
                        n if n > 0 => format!("{n} working days before the deadline"),
                        n => format!("{} working days after the deadline", -n),
                    };
                    println!("    submitted {day}, {when}");
                }
                _ => println!(
                    "    submitted {}: not known to the day, so not comparable with the deadline",
                    show_date(&event.date)
                ),
            },
            EventDetail::WsoaJudged {
                fit_for_purpose: true,
            } => println!(
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
    println!("  phases (from the day a stage began to the day the next began):");
    for p in phases {
        let start = show_date(&p.start);
        match p.end {
            None => println!(
                "    {:<26}{start} → (still in it at the last event)",
                p.stage.as_str()
            ),
            Some(end) => match (p.start.day(), end.day()) {
                (Some(a), Some(b)) => println!(
                    "    {:<26}{a} → {b}  {:>4} days  {:>4} working days",
                    p.stage.as_str(),
                    (b - a).num_days(),
                    calendar.working_days_between(a, b)
                ),
                _ => println!(
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
            (Some(start), Some(end)) => drawn.push(Phase {
                stage: p.stage,
                start,
                end,
            }),
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

fn what_comes_next(stage: Stage) -> &'static str {
    match stage {
        Stage::AppDue => {
            "the area writes the accelerated progress plan with DfE and NHS England (seed 003 \
             line 18); DfE, with its SEND and NHS England advisers, judges it fit for purpose \
             and reviews progress about every six months (domain.md step 9). The sources do \
             not record the APP's submission or judgement, so the replay ends at app_due."
        }
        other => other.describe(),
    }
}

/// Leicester City's path through the typestate API: each method exists only in the stage
/// where the transition table allows its event, so this order is checked at compile time.
/// Undated events are `EventDate::Unknown`, as in the JSON (`null`).
fn typed_walk(timeline: &Timeline) -> Result<typed::Area<typed::AppDue>, Box<dyn Error>> {
    let date = EventDate::parse;
    let undated = EventDate::Unknown;
    let weaknesses: Vec<Weakness> = timeline
        .events
        .iter()
        .find_map(|e| match &e.detail {
            EventDetail::ReportPublished { weaknesses, .. } => Some(weaknesses.clone()),
            _ => None,
        })
        .ok_or("the timeline has no published report")?;

    let area = typed::Area::new(timeline.area.clone(), Policy::default())
        .cite("seed 004 line 3")
        .start_inspection(date("2018")?)?
        .end_inspection(date("2018")?)?
        .cite("seed 004 lines 5–13");
    let area = match area.publish_report(date("2018")?, weaknesses)? {
        ReportOutcome::WsoaRequired(area) => area,
        ReportOutcome::NoWsoa(_) => return Err("five areas for improvement require a WSoA".into()),
    };
    let area = area
        .cite("seed 004 line 13")
        .submit_wsoa(undated)?
        .cite("inferred: a revisit took place")
        .judge_wsoa_fit(undated)?
        .cite("seed 004 line 27")
        .start_revisit(date("2021-05")?)?
        .end_revisit(date("2021-05")?)?
        .cite("seed 003 lines 16 and 18");
    let judgements = vec![
        Judgement::new("area_1", Progress::Sufficient),
        Judgement::new("area_2", Progress::Sufficient),
        Judgement::new("area_3", Progress::Sufficient),
        Judgement::new("area_4", Progress::Insufficient),
        Judgement::new("area_5", Progress::Sufficient),
    ];
    let area = match area.revisit_outcome(undated, judgements)? {
        RevisitOutcome::NextStepsNeeded(area) => area,
        RevisitOutcome::AllSufficient(_) => return Err("area 4 was not met".into()),
    };
    Ok(area.cite("seed 003 line 18").require_app(undated)?)
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

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
//! Steps 1–3 and 5 are the story that `send-lifecycle replay` tells of any record: they live
//! in the command-line tool's `cli/src/story.rs`, which this file includes, so the examples
//! and the tool tell it the same way. This file keeps what only an example does: its
//! arguments and the walk through the typestate API (step 4), checked against the engine.
//!
//! It lives in `examples/support/mod.rs` so that cargo does not take it for an example of
//! its own; each example includes it with `mod support;`.

use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;

use send_lifecycle::typed::{self, StageMarker};
use send_lifecycle::{Code, Event, EventDetail, EventKind, Stage, Timeline};

#[path = "../../cli/src/story.rs"]
#[allow(dead_code)]
mod story;

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
        // Standard output closed (`| head`): stop quietly, as command-line tools do.
        Err(e)
            if e.downcast_ref::<io::Error>().map(io::Error::kind)
                == Some(io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", case.example);
            ExitCode::FAILURE
        }
    }
}

fn run<S: StageMarker>(case: &Case<S>, mermaid: bool) -> Result<(), Box<dyn Error>> {
    let mut out = io::stdout().lock();
    let out: &mut dyn Write = &mut out;

    // 1–3. The replay on the runtime engine, the validator, where the area stands.
    let teller = story::Teller {
        file: case.file,
        years: Some(case.years),
        why: case.why,
        what_comes_next: case.what_comes_next,
    };
    let replayed = story::tell(out, case.timeline, &teller)?;
    if let Some((_, refused)) = replayed.refused.first() {
        return Err(format!("the engine refused an event: {refused}").into());
    }
    let engine = &replayed.engine;
    if replayed.report.stage != engine.stage() {
        return Err(format!(
            "the validator ends in {} but the engine in {}",
            replayed.report.stage,
            engine.stage()
        )
        .into());
    }

    // 4. The same path through the typestate API.
    let timeline: Timeline = serde_json::from_str(case.timeline)?;
    let typed_area = (case.typed_walk)(&timeline)?;
    let typed_engine = typed_area.lifecycle();
    let runtime_path = story::stage_path(&replayed.steps);
    let typed_path = story::path_of(typed_engine)?;
    writeln!(out)?;
    writeln!(
        out,
        "The typestate API walks the same path (an illegal order would not compile):"
    )?;
    writeln!(
        out,
        "  {}",
        story::wrap(&story::join_stages(&typed_path), 2, 4)
    )?;
    if typed_path != runtime_path
        || typed_engine.stage() != engine.stage()
        || typed_engine.weaknesses() != engine.weaknesses()
    {
        return Err("the typed API and the runtime engine disagree".into());
    }
    writeln!(
        out,
        "  and ends in {} with the same weaknesses as the runtime engine.",
        typed_engine.stage()
    )?;

    // 5. Diagrams.
    if mermaid {
        story::diagrams(out, &replayed)?;
    } else {
        writeln!(out)?;
        writeln!(
            out,
            "Run with `-- --mermaid` for the lifecycle diagram and a Gantt chart of the phases."
        )?;
    }
    Ok(())
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

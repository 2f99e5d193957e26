//! Oxfordshire, 2017–2025: one record across both frameworks, replayed step by step.
//!
//! The timeline in `testdata/oxfordshire.json` (every event citing its public source) runs
//! from the 2016 framework's inspection of September 2017, its written statement of action
//! and revisit, an accelerated progress plan, through the move to the 2023 area SEND
//! framework — the 2016 record staying open beside it as the legacy record — to the 2023
//! inspection of July 2023 (widespread and/or systemic failings, five areas for priority
//! action), which closes the legacy record; the priority action plan, a DfE improvement
//! notice during its review, and the monitoring inspection of autumn 2025 that found
//! effective action on all five. This example
//!
//! 1. replays it event by event on the runtime engine, printing for each event what
//!    happened and the stage before → after (of the record that judged it);
//! 2. shows what the validator says about it, and why;
//! 3. sums up where the area stands: the framework in force, the latest outcome, the areas
//!    for priority action, what is due next, the 2016 weaknesses (closed, or superseded by
//!    the 2023 report);
//! 4. with `--mermaid`, prints the lifecycle diagram and a Gantt chart of its phases.
//!
//! ```sh
//! cargo run --example oxfordshire
//! cargo run --example oxfordshire -- --mermaid
//! ```

#[path = "../cli/src/story.rs"]
#[allow(dead_code)]
mod story;

use std::io::{self, Write};
use std::process::ExitCode;

use send_lifecycle::{Code, Stage};

/// The timeline, built into the example so that it runs from any directory.
const TIMELINE: &str = include_str!("../testdata/oxfordshire.json");

fn why(code: Code) -> Option<&'static str> {
    match code {
        Code::MonitoringInspectionLaterThanUsual => Some(
            "the report reached the partnership on 15 September 2023; a monitoring inspection \
             usually follows within about 18 months, and Oxfordshire's began on 15 September \
             2025, two years on (Nottinghamshire's too came later than 18 months).",
        ),
        _ => None,
    }
}

fn what_comes_next(stage: Stage) -> &'static str {
    match stage {
        Stage::AwaitingFullInspection => {
            "the next full inspection, usually within about three years of the last one's \
             start after widespread and/or systemic failings (July 2026)"
        }
        _ => "what the 2023 framework's table allows from here",
    }
}

fn main() -> ExitCode {
    let mut mermaid = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--mermaid" => mermaid = true,
            other => {
                eprintln!("unknown argument {other:?}; usage: oxfordshire [--mermaid]");
                return ExitCode::FAILURE;
            }
        }
    }
    let teller = story::Teller {
        file: "testdata/oxfordshire.json",
        years: Some("2017–2025"),
        why,
        what_comes_next,
    };
    let mut out = io::stdout().lock();
    let result = story::tell(&mut out, TIMELINE, &teller).and_then(|replayed| {
        if mermaid {
            story::diagrams(&mut out, &replayed)?;
        }
        out.flush()?;
        Ok(())
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // Standard output closed (`| head`): stop quietly, as command-line tools do.
        Err(e)
            if e.downcast_ref::<io::Error>().map(io::Error::kind)
                == Some(io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("oxfordshire: {e}");
            ExitCode::FAILURE
        }
    }
}

//! The command-line face of the validation API.
//!
//! ```text
//! cargo run --example validate -- [--format human|json] [--as-of YYYY-MM-DD] FILE
//! ```
//!
//! FILE `-` reads standard input. Human output reads like a compiler's; JSON output is
//! exactly the report. Exit status: 0 when valid (warnings allowed), 1 when there is an
//! error, 2 when the file cannot be read or the arguments are wrong.

use std::io::{Read, Write};
use std::process::ExitCode;

use send_lifecycle::{validate_json, Options};

const USAGE: &str = "usage: validate [--format human|json] [--as-of YYYY-MM-DD] FILE
  FILE            a timeline in the JSON timeline format, version 1 (`-` for standard input)
  --format FORMAT human (default): one block per diagnostic, then a summary
                  json: the validation report, exactly
  --as-of DAY     judge deadlines as of this day (default: the last event's date)
exit status: 0 valid (warnings allowed), 1 errors found, 2 unreadable input or bad arguments";

/// How the report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Compiler-like text.
    Human,
    /// The report JSON.
    Json,
}

/// Parsed arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    /// Output format.
    pub format: Format,
    /// The as-of day.
    pub as_of: Option<chrono::NaiveDate>,
    /// The file (`-` for standard input).
    pub file: String,
}

/// Parses the arguments (without the program name).
pub fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut format = Format::Human;
    let mut as_of = None;
    let mut file = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--format" => {
                format = match it.next().map(String::as_str) {
                    Some("human") => Format::Human,
                    Some("json") => Format::Json,
                    Some(other) => {
                        return Err(format!("unknown format `{other}`: use human or json"))
                    }
                    None => return Err("--format needs a value: human or json".into()),
                }
            }
            "--as-of" => {
                let day = it.next().ok_or("--as-of needs a day, YYYY-MM-DD")?;
                as_of = Some(
                    send_lifecycle::EventDate::parse_day(day)
                        .map_err(|e| format!("--as-of: {e}"))?,
                );
            }
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            path => {
                if file.replace(path.to_owned()).is_some() {
                    return Err("give one FILE only".into());
                }
            }
        }
    }
    let file = file.ok_or("no FILE given")?;
    Ok(Args {
        format,
        as_of,
        file,
    })
}

/// Runs the command: reads the input, validates, prints; returns the exit status.
pub fn run(
    args: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    let args = match parse_args(args) {
        Ok(a) => a,
        Err(problem) => {
            if !problem.is_empty() {
                let _ = writeln!(stderr, "error: {problem}");
            }
            let _ = writeln!(stderr, "{USAGE}");
            return 2;
        }
    };
    let mut bytes = Vec::new();
    let read = if args.file == "-" {
        stdin.read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(&args.file).map(|b| bytes = b)
    };
    if let Err(e) = read {
        let _ = writeln!(stderr, "error: cannot read `{}`: {e}", args.file);
        return 2;
    }
    let options = Options::default().as_of(args.as_of);
    let report = validate_json(&bytes, &options);
    let name = if args.file == "-" {
        "<stdin>"
    } else {
        args.file.as_str()
    };
    let text = match args.format {
        Format::Human => report.render_human(name),
        Format::Json => report.to_json() + "\n",
    };
    if stdout.write_all(text.as_bytes()).is_err() {
        return 2;
    }
    if report.valid {
        0
    } else {
        1
    }
}

#[allow(dead_code)] // Integration tests include this file and call `run` directly.
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let status = run(
        &args,
        &mut std::io::stdin(),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    );
    ExitCode::from(status)
}

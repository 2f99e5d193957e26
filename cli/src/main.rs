//! `send-lifecycle`: validate, replay and explain timelines of the joint local area SEND
//! inspection lifecycle in England (the timeline format, version 1).
//!
//! Exit status: 0 when every input is valid (warnings allowed), 1 when an input has errors,
//! 2 when an input cannot be read or the arguments are wrong.

mod explain;
mod render;
#[allow(dead_code)] // Parts of the story only the examples tell (their typed walk).
mod story;

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use send_lifecycle::{lifecycle_mermaid, path_mermaid, validate_reader, Limits, Options};

use render::{Checked, Outcome, Unread};

/// The JSON Schema of the timeline format, version 1.
const SCHEMA: &str = include_str!("../../schema/timeline-v1.schema.json");

#[derive(Debug, Parser)]
#[command(
    name = "send-lifecycle",
    version,
    about = "Validate, replay and explain SEND inspection timelines (Ofsted/CQC local area SEND inspections, England)",
    after_help = "Exit status: 0 valid (warnings allowed), 1 errors found, 2 unreadable input or bad arguments."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check timelines and report every problem, with its line and column.
    Validate(ValidateArgs),
    /// Tell the story of a record: each event on the runtime engine, what the validator
    /// says, where the area stands.
    Replay {
        /// A timeline (JSON, version 1), or `-` for standard input.
        file: String,
        /// Add the lifecycle diagram with the record's path and a Gantt chart (Mermaid).
        #[arg(long)]
        mermaid: bool,
    },
    /// Print the lifecycle as a Mermaid diagram.
    Diagram {
        /// The framework whose lifecycle to draw.
        #[arg(long, value_enum, default_value_t = FrameworkArg::LocalAreaSend2016)]
        framework: FrameworkArg,
        /// Highlight the path this record's area took.
        #[arg(long, value_name = "FILE")]
        path: Option<String>,
        /// Print a Gantt chart of the record's phases instead (needs --path).
        #[arg(long, requires = "path")]
        gantt: bool,
    },
    /// Print the JSON Schema of the timeline format, version 1.
    Schema,
    /// Where every area in England stands, from Ofsted's published data.
    ///
    /// The data ships with the tool: Ofsted's 2016 statistics, its 2023 management
    /// information and Data to Insight's scrape of 2023 reports, joined into one record per
    /// area and validated as of a day.
    England {
        /// Judge every record as of this day (YYYY-MM-DD, or `today`) [default: the newest
        /// source's snapshot, 2026-06-29].
        #[arg(long, value_name = "DAY|today", value_parser = parse_as_of)]
        as_of: Option<chrono::NaiveDate>,
        /// How to print the view.
        #[arg(long, value_enum, default_value_t = EnglandFormat::Table)]
        format: EnglandFormat,
        /// Read newer files of the same published formats instead of the shipped ones: any of
        /// the four may be given, the others stay the shipped ones.
        #[command(flatten)]
        sources: EnglandSources,
    },
    /// Explain a diagnostic code: what it means, a record that triggers it, the fix.
    Explain {
        /// A code, such as `wsoa_late`.
        code: String,
    },
}

/// Files to read instead of the shipped ones, each in its publisher's format.
#[derive(Debug, Args)]
struct EnglandSources {
    /// Ofsted's 2016-framework statistics (the ODS as published).
    #[arg(long, value_name = "FILE.ods")]
    statistics: Option<std::path::PathBuf>,
    /// Ofsted's management information for January to August 2023 (CSV).
    #[arg(long, value_name = "FILE.csv")]
    management: Option<std::path::PathBuf>,
    /// Data to Insight's scrape of 2023-framework reports (CSV). Its snapshot, the
    /// default day of the view, is the `YYYY-MM-DD` in its name (else the latest
    /// publication it lists).
    #[arg(long, value_name = "FILE.csv")]
    scrape: Option<std::path::PathBuf>,
    /// Data to Insight's crosswalk of area codes (CSV).
    #[arg(long, value_name = "FILE.csv")]
    lookup: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EnglandFormat {
    /// By region, 80 columns wide, with the national counts first.
    Table,
    /// One line per area, for spreadsheets and Power BI.
    Csv,
    /// The whole view: rows, counts, files read and every problem of the sources.
    Json,
    /// Every problem of the sources and every finding of the validator, one a line.
    Problems,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FrameworkArg {
    /// The 2016–2022 joint local area SEND framework (Ofsted and CQC).
    #[value(name = "local_area_send_2016")]
    LocalAreaSend2016,
}

#[derive(Debug, Args)]
struct ValidateArgs {
    /// Timelines: files, directories (searched for `*.json`, leaving out `*.expected.json`
    /// and hidden entries), or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// Judge deadlines as of this day (YYYY-MM-DD, or `today`) rather than the last event.
    #[arg(long, value_name = "DAY|today", value_parser = parse_as_of)]
    as_of: Option<chrono::NaiveDate>,
    /// Read at most N bytes of each input [default: 33554432, 32 MiB].
    #[arg(long, value_name = "N", conflicts_with = "no_limits")]
    max_bytes: Option<usize>,
    /// Check at most N events of each timeline [default: 100000].
    #[arg(long, value_name = "N", conflicts_with = "no_limits")]
    max_events: Option<usize>,
    /// Lift every input limit (size, events, text length) for input you trust.
    #[arg(long)]
    no_limits: bool,
    /// Print the findings only, without a summary line per input.
    #[arg(short, long)]
    quiet: bool,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Human, alias = "output-format")]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// `file:line:col: severity[code]: message`, the source line, notes; a summary per input.
    Human,
    /// The report (an array of `{file, report}` for several inputs).
    Json,
    /// One diagnostic a line, with its file.
    Ndjson,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…`).
    Github,
}

fn parse_as_of(text: &str) -> Result<chrono::NaiveDate, String> {
    if text == "today" {
        return Ok(chrono::Local::now().date_naive());
    }
    send_lifecycle::EventDate::parse_day(text)
        .map_err(|e| format!("{e} (give a day as YYYY-MM-DD, or `today`)"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = io::stdout().lock();
    let status = match cli.command {
        Command::Validate(args) => validate(&args, &mut stdout),
        Command::Replay { file, mermaid } => replay(&file, mermaid, &mut stdout),
        Command::Diagram {
            framework: FrameworkArg::LocalAreaSend2016,
            path,
            gantt,
        } => diagram(path.as_deref(), gantt, &mut stdout),
        Command::Schema => emit(&mut stdout, SCHEMA),
        Command::England {
            as_of,
            format,
            sources,
        } => england(as_of, format, &sources, &mut stdout),
        Command::Explain { code } => match explain::entry(&code) {
            Some(e) => emit(&mut stdout, &e.render()),
            None => {
                let codes: Vec<&str> = explain::ENTRIES.iter().map(|e| e.code).collect();
                eprintln!(
                    "send-lifecycle: no code `{code}`; the codes are: {}",
                    codes.join(", ")
                );
                2
            }
        },
    };
    ExitCode::from(status)
}

/// Writes `text` to standard output; a closed pipe (`| head`) is not an error.
/// The national view. Exit status 0: findings about the sources are part of the view; 2
/// when a file given cannot be read.
fn england(
    as_of: Option<chrono::NaiveDate>,
    format: EnglandFormat,
    sources: &EnglandSources,
    out: &mut dyn Write,
) -> u8 {
    use send_lifecycle_england::{SourceFile, SourceFiles};
    let read = |p: &Option<std::path::PathBuf>| -> Result<Option<(String, Vec<u8>)>, String> {
        let Some(path) = p else { return Ok(None) };
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Ok(Some((name, bytes)))
    };
    let given = [
        read(&sources.statistics),
        read(&sources.management),
        read(&sources.scrape),
        read(&sources.lookup),
    ];
    let mut files: Vec<Option<(String, Vec<u8>)>> = Vec::with_capacity(4);
    for g in given {
        match g {
            Ok(f) => files.push(f),
            Err(e) => {
                eprintln!("send-lifecycle: cannot read {e}");
                return 2;
            }
        }
    }
    let shipped = send_lifecycle_england::shipped();
    let pick = |i: usize, default: SourceFile<'static>| -> SourceFile<'_> {
        match files.get(i).and_then(Option::as_ref) {
            Some((name, bytes)) => SourceFile { name, bytes },
            None => default,
        }
    };
    let mut chosen = SourceFiles {
        statistics_2016: pick(0, shipped.statistics_2016),
        management_2023: pick(1, shipped.management_2023),
        scrape_2023: pick(2, shipped.scrape_2023),
        lookup: pick(3, shipped.lookup),
        snapshot: shipped.snapshot,
    };
    if sources.scrape.is_some() {
        let read = send_lifecycle_england::read_sources(&chosen);
        chosen.snapshot = send_lifecycle_england::snapshot_in_name(chosen.scrape_2023.name)
            .or_else(|| {
                read.scrape
                    .rows
                    .iter()
                    .filter_map(|r| r.publication.as_ref().map(|p| p.value))
                    .max()
            })
            .unwrap_or(shipped.snapshot);
    }
    let view = send_lifecycle_england::import(&chosen).national(as_of);
    let text = match format {
        EnglandFormat::Table => view.to_table(),
        EnglandFormat::Csv => view.to_csv(),
        EnglandFormat::Json => view.to_json() + "\n",
        EnglandFormat::Problems => {
            let mut t = String::new();
            for f in &view.files {
                t.push_str(&format!(
                    "{}: {} rows read, {} imported, {} not imported {:?}\n",
                    f.file,
                    f.rows_read,
                    f.rows_imported,
                    f.rows_not_imported.len(),
                    f.rows_not_imported
                ));
            }
            for d in &view.import_diagnostics {
                t.push_str(&format!("{d}\n"));
            }
            for r in &view.rows {
                for d in &r.report.diagnostics {
                    t.push_str(&format!(
                        "{} ({}) {}: {}[{}]: {}\n",
                        r.area_name,
                        r.area_code,
                        d.path,
                        d.severity(),
                        d.code,
                        d.message
                    ));
                }
            }
            t
        }
    };
    emit(out, &text)
}

fn emit(out: &mut dyn Write, text: &str) -> u8 {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("send-lifecycle: cannot write the output: {e}");
            2
        }
        _ => 0,
    }
}

fn validate(args: &ValidateArgs, out: &mut dyn Write) -> u8 {
    let mut limits = if args.no_limits {
        Limits::unlimited()
    } else {
        Limits::default()
    };
    if let Some(n) = args.max_bytes {
        limits.max_input_bytes = n;
    }
    if let Some(n) = args.max_events {
        limits.max_events = n;
    }
    let options = Options::default().as_of(args.as_of).with_limits(limits);

    let (names, mut unreadable) = expand(&args.inputs);
    let many =
        names.len() + unreadable.len() > 1 || args.inputs.iter().any(|i| Path::new(i).is_dir());
    let mut outcomes: Vec<Outcome> = Vec::new();
    for input in names {
        match check(&input, &options) {
            Ok(c) => outcomes.push(Outcome::Checked(c)),
            Err(error) => unreadable.push(Unread { name: input, error }),
        }
    }
    for u in &unreadable {
        eprintln!("send-lifecycle: cannot read `{}`: {}", u.name, u.error);
    }
    let invalid = outcomes
        .iter()
        .any(|o| matches!(o, Outcome::Checked(c) if !c.report.valid));
    let failed = !unreadable.is_empty();
    outcomes.extend(unreadable.into_iter().map(Outcome::Unread));

    let color =
        io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let text = match args.format {
        Format::Human => render::human(&outcomes, args.quiet, color),
        Format::Json => render::json(&outcomes, many),
        Format::Ndjson => render::ndjson(&outcomes),
        Format::Sarif => render::sarif(&outcomes),
        Format::Github => render::github(&outcomes),
    };
    let written = emit(out, &text);
    if failed || written != 0 {
        2
    } else if invalid {
        1
    } else {
        0
    }
}

/// The inputs to read, in order: files and `-` as given, directories' timelines sorted by
/// path. Directories without any timeline are reported as unreadable.
fn expand(inputs: &[String]) -> (Vec<String>, Vec<Unread>) {
    let mut names = Vec::new();
    let mut unreadable = Vec::new();
    for input in inputs {
        let path = Path::new(input);
        if input != "-" && path.is_dir() {
            let mut found = Vec::new();
            if let Err(e) = timelines_in(path, &mut found) {
                unreadable.push(Unread {
                    name: input.clone(),
                    error: e.to_string(),
                });
                continue;
            }
            if found.is_empty() {
                unreadable.push(Unread {
                    name: input.clone(),
                    error: "the directory holds no `*.json` timeline".to_owned(),
                });
            }
            found.sort();
            names.extend(found.iter().map(|p| p.display().to_string()));
        } else {
            names.push(input.clone());
        }
    }
    (names, unreadable)
}

/// Every `*.json` file under `dir`, except `*.expected.json` (the expected reports beside
/// test timelines) and hidden files and directories.
fn timelines_in(dir: &Path, found: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            timelines_in(&path, found)?;
        } else if name.ends_with(".json") && !name.ends_with(".expected.json") {
            found.push(path);
        }
    }
    Ok(())
}

/// A reader that keeps a copy of what is read through it, so that the human format can
/// show source lines of what `validate_reader` read (and no more than it read).
struct Keep<R> {
    inner: R,
    kept: Vec<u8>,
}

impl<R: Read> Read for Keep<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.kept
            .extend_from_slice(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}

/// Reads and validates one input (`-`: standard input).
fn check(input: &str, options: &Options) -> Result<Checked, String> {
    let (name, reader): (String, Box<dyn Read>) = if input == "-" {
        ("<stdin>".to_owned(), Box::new(io::stdin().lock()))
    } else {
        let file = std::fs::File::open(input).map_err(|e| e.to_string())?;
        (input.to_owned(), Box::new(file))
    };
    let mut keep = Keep {
        inner: reader,
        kept: Vec::new(),
    };
    let mut report = validate_reader(&mut keep, options).map_err(|e| e.to_string())?;
    // The library's help names its `Limits` fields; on the command line, name the options.
    for d in &mut report.diagnostics {
        if let Some(help) = &mut d.help {
            for (field, option) in [
                (
                    "`Limits::max_input_bytes`",
                    "raise the limit with `--max-bytes N` (or lift every limit with `--no-limits`)",
                ),
                (
                    "`Limits::max_events`",
                    "raise the limit with `--max-events N` (or lift every limit with `--no-limits`)",
                ),
                (
                    "`Limits::max_text_bytes`",
                    "lift the limits with `--no-limits`",
                ),
            ] {
                if help.contains(field) {
                    *help = help.replace(&format!("raise {field}"), option).replace(field, option);
                }
            }
        }
    }
    Ok(Checked {
        name,
        bytes: keep.kept,
        report,
    })
}

/// Reads a record for `replay` and `diagram`, within the default limits.
fn read_record(input: &str) -> Result<Checked, u8> {
    check(input, &Options::default()).map_err(|e| {
        eprintln!("send-lifecycle: cannot read `{input}`: {e}");
        2
    })
}

fn replay(input: &str, mermaid: bool, out: &mut dyn Write) -> u8 {
    let record = match read_record(input) {
        Ok(r) => r,
        Err(status) => return status,
    };
    let valid = record.report.valid;
    let mut told = Vec::new();
    let result = match std::str::from_utf8(&record.bytes) {
        Ok(text) => story::tell(&mut told, text, &story::Teller::plain(&record.name))
            .map_err(|e| e.downcast::<story::Unreadable>().is_ok()),
        Err(_) => Err(true),
    };
    match result {
        Ok(replayed) => {
            if mermaid {
                let _ = story::diagrams(&mut told, &replayed);
            } else {
                told.extend_from_slice(
                    b"\nRun with --mermaid for the lifecycle diagram and a Gantt chart of the phases.\n",
                );
            }
            let written = emit(out, &String::from_utf8_lossy(&told));
            if written != 0 {
                written
            } else if valid {
                0
            } else {
                1
            }
        }
        Err(_) => {
            // Not a timeline the engine can read: say why, as `validate` does.
            let text = render::human(&[Outcome::Checked(record)], false, false);
            let written = emit(
                out,
                &format!("{text}The record cannot be replayed until these errors are put right.\n"),
            );
            if written != 0 {
                written
            } else {
                1
            }
        }
    }
}

fn diagram(path: Option<&str>, gantt: bool, out: &mut dyn Write) -> u8 {
    let Some(input) = path else {
        return emit(out, &lifecycle_mermaid());
    };
    let record = match read_record(input) {
        Ok(r) => r,
        Err(status) => return status,
    };
    let told = std::str::from_utf8(&record.bytes)
        .ok()
        .and_then(|text| story::tell(&mut io::sink(), text, &story::Teller::plain(input)).ok());
    let Some(replayed) = told else {
        eprintln!(
            "send-lifecycle: `{input}` is not a readable timeline; `send-lifecycle validate {input}` says why"
        );
        return 1;
    };
    if gantt {
        emit(out, &story::gantt_chart(&replayed))
    } else {
        emit(out, &path_mermaid(&story::stage_path(&replayed.steps)))
    }
}

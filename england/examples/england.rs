//! Where every area in England stands, from Ofsted's published data shipped in `data/`.
//!
//! ```sh
//! cargo run --example england                      # the table, as of the newest snapshot
//! cargo run --example england -- --csv             # CSV for spreadsheets and Power BI
//! cargo run --example england -- --json            # the view as JSON
//! cargo run --example england -- --as-of 2024-01-01
//! cargo run --example england -- --problems        # every problem of the sources
//! ```

use std::process::ExitCode;

use chrono::NaiveDate;
use send_lifecycle_england::{import, shipped};

fn main() -> ExitCode {
    let mut format = "table";
    let mut as_of = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--csv" => format = "csv",
            "--json" => format = "json",
            "--problems" => format = "problems",
            "--as-of" => match args
                .next()
                .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d"))
            {
                Some(Ok(d)) => as_of = Some(d),
                _ => {
                    eprintln!("--as-of takes a day, YYYY-MM-DD");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                println!("usage: england [--csv | --json | --problems] [--as-of YYYY-MM-DD]");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("unknown argument `{other}` (try --help)");
                return ExitCode::from(2);
            }
        }
    }
    let england = import(&shipped());
    let view = england.national(as_of);
    match format {
        "csv" => print!("{}", view.to_csv()),
        "json" => println!("{}", view.to_json()),
        "problems" => {
            for f in &view.files {
                println!(
                    "{}: {} rows read, {} imported, not imported: {:?}",
                    f.file, f.rows_read, f.rows_imported, f.rows_not_imported
                );
            }
            for d in &view.import_diagnostics {
                println!("{d}");
            }
            for r in &view.rows {
                for d in &r.report.diagnostics {
                    println!(
                        "{} ({}): {}[{}] {}: {}",
                        r.area_name,
                        r.area_code,
                        d.severity(),
                        d.code,
                        d.path,
                        d.message
                    );
                }
            }
        }
        _ => print!("{}", view.to_table()),
    }
    ExitCode::SUCCESS
}

//! The `send-lifecycle` command as a user meets it.
//!
//! `tests/cmd/*.toml` are case files (trycmd): each runs the built binary from the
//! workspace root with its arguments (and `*.stdin`), and compares its exit status,
//! standard output and standard error with the files beside it. The tests below are the
//! cases a case file cannot hold: a 50 MB input made on the fly, an endless standard
//! input, and the SARIF output checked against the SARIF 2.1.0 schema.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[test]
fn case_files() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml");
}

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The workspace root, where the case files run too.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_send-lifecycle"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // The child may stop reading early (a limit): a closed pipe is not a failure here.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().unwrap()
}

/// A valid timeline of about `bytes` bytes: an inspection, a report, then notes with long
/// titles (each well under the text limit).
fn big_timeline(bytes: usize) -> (String, usize) {
    let mut text = String::from(
        r#"{"schema_version": 1,
 "area": {"name": "Bigshire", "local_authority": "Bigshire Council",
          "health_bodies": [{"kind": "ccg", "name": "Bigshire CCG"}]},
 "events": [
  {"date": "2020-02-03", "kind": "inspection_started"},
  {"date": "2020-02-07", "kind": "inspection_ended"},
  {"date": "2020-03-27", "kind": "report_published", "weaknesses": []}"#,
    );
    let title = "a scrutiny committee heard how the area is doing ".repeat(8);
    let mut events = 3;
    while text.len() < bytes {
        text.push_str(",\n  {\"date\": \"2020-04-01\", \"kind\": \"note\", \"title\": \"");
        text.push_str(&title);
        text.push_str("\"}");
        events += 1;
    }
    text.push_str("\n ]}\n");
    (text, events)
}

#[test]
fn a_50_mb_file_is_refused_by_default_and_read_with_max_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.json");
    let (text, events) = big_timeline(50_000_000);
    std::fs::write(&file, &text).unwrap();
    let file = file.to_str().unwrap();

    // Default: 32 MiB, so the file is not read past the limit.
    let out = run(&["validate", "--format", "ndjson", file], b"");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert_eq!(lines[0]["code"], "limit_exceeded");
    assert_eq!(lines[0]["path"], "");
    assert_eq!(
        (lines[0]["line"].as_u64(), lines[0]["column"].as_u64()),
        (Some(1), Some(1))
    );
    let message = lines[0]["message"].as_str().unwrap();
    assert!(
        message.contains("more than the limit of 33554432 bytes"),
        "{message}"
    );
    assert!(
        message.contains("reading stopped after 33554433 bytes"),
        "{message}"
    );

    // Raised past the file's size (and the event limit past its events): read and valid.
    assert!(events > 100_000, "{events} events");
    let out = run(
        &[
            "validate",
            "--quiet",
            "--max-bytes",
            "60000000",
            "--max-events",
            "200000",
            file,
        ],
        b"",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = run(&["validate", "--no-limits", file], b"");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(&format!("valid — stage `concluded_no_wsoa`; 0 errors, 0 warnings, 0 info; {events} of {events} events applied")),
        "{stdout}"
    );
}

#[test]
fn an_endless_standard_input_is_read_to_the_limit_only() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_send-lifecycle"))
        .args([
            "validate",
            "--max-bytes",
            "100000",
            "--format",
            "ndjson",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // Feed spaces until the child stops reading (the pipe breaks), or give up after 1 GB.
    let writer = std::thread::spawn(move || {
        let chunk = [b' '; 65536];
        let mut written = 0usize;
        while written < 1_000_000_000 {
            if input.write_all(&chunk).is_err() {
                return (written, true);
            }
            written += chunk.len();
        }
        (written, false)
    });
    let out = child.wait_with_output().unwrap();
    let (written, stopped) = writer.join().unwrap();
    assert!(stopped, "the command read all {written} bytes offered");
    assert!(
        written < 10_000_000,
        "{written} bytes were taken before the command stopped"
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("\"code\":\"limit_exceeded\""), "{stdout}");
    assert!(
        stdout.contains("reading stopped after 100001 bytes"),
        "{stdout}"
    );
}

/// The official SARIF 2.1.0 schema, as the `serde-sarif` package ships it (see
/// tests/data/README.md), found through `cargo metadata`.
fn sarif_schema() -> serde_json::Value {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let manifest = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .expect("serde-sarif is a dev-dependency")["manifest_path"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = Path::new(&manifest)
        .parent()
        .unwrap()
        .join("src/schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    // The OASIS schema of SARIF 2.1.0, not some other file.
    assert_eq!(
        schema["$id"],
        "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
    );
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    // The pattern of every `language` property (which this tool never writes) holds a lone
    // `]`: a literal in ECMAScript regular expressions, as the schema means, but an error to
    // the `jsonschema` crate's checking of the schema itself. Leave that pattern out.
    fn drop_language_patterns(v: &mut serde_json::Value) -> usize {
        const PATTERN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
        match v {
            serde_json::Value::Object(map) => {
                let mut n = 0;
                if map.get("pattern").and_then(|p| p.as_str()) == Some(PATTERN) {
                    map.remove("pattern");
                    n += 1;
                }
                n + map.values_mut().map(drop_language_patterns).sum::<usize>()
            }
            serde_json::Value::Array(items) => items.iter_mut().map(drop_language_patterns).sum(),
            _ => 0,
        }
    }
    let mut schema = schema;
    assert!(drop_language_patterns(&mut schema) >= 1);
    schema
}

const INVALID: &str = r#"{"schema_version": 1,
 "area": {"name": "Ünïcødé Borough", "local_authority": "Ünïcødé Borough Council",
          "health_bodies": [{"kind": "ccg", "name": "Ünïcødé CCG"}]},
 "events": [
  {"date": "2020-02-03", "kind": "inspection_started"},
  {"date": "2020-02-30", "kind": "inspection_ended"},
  {"date": "2020-03-27", "kind": "report_publised"},
  {"date": "2020-01-10", "kind": "wsoa_submitted"}
 ]}"#;

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let validator = jsonschema::validator_for(&sarif_schema()).unwrap();
    // The schema must be able to fail: a log without `version` is not SARIF.
    assert!(!validator.is_valid(&serde_json::json!({"runs": []})));

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("with space %.json");
    std::fs::write(&file, INVALID).unwrap();
    for args in [
        vec!["validate", "--format", "sarif", "testdata/"],
        vec!["validate", "--format", "sarif", file.to_str().unwrap(), "-"],
        vec!["validate", "--format", "sarif", "no/such/file.json"],
    ] {
        let out = run(&args, INVALID.as_bytes());
        let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        // And serde-sarif's own model reads it.
        let _: serde_sarif::sarif::Sarif = serde_json::from_value(log.clone()).unwrap();

        let results = log["runs"][0]["results"].as_array().unwrap();
        for r in results {
            let region = &r["locations"][0]["physicalLocation"]["region"];
            assert!(region["startLine"].as_u64().unwrap() >= 1, "{r}");
            assert!(region["startColumn"].as_u64().unwrap() >= 1, "{r}");
            let rule = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(
                log["runs"][0]["tool"]["driver"]["rules"][rule]["id"],
                r["ruleId"]
            );
        }
        if args.len() == 5 {
            // Four errors in each of the two inputs; columns count characters.
            assert_eq!(results.len(), 8, "{log:#}");
            let uri = &results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
            assert!(
                uri.as_str().unwrap().ends_with("/with%20space%20%25.json"),
                "{uri}"
            );
            let kind = results
                .iter()
                .find(|r| r["ruleId"] == "schema_violation")
                .unwrap();
            let region = &kind["locations"][0]["physicalLocation"]["region"];
            assert_eq!(
                (region["startLine"].as_u64(), region["startColumn"].as_u64()),
                (Some(7), Some(34))
            );
        }
    }
}

#[test]
fn the_json_report_gives_every_diagnostic_a_position_of_its_value() {
    let out = run(&["validate", "--format", "json", "-"], INVALID.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let at: Vec<(String, u64, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    // Counted by hand in INVALID: `"2020-02-30"` starts at 6:12, `"report_publised"` at 7:34,
    // event 3's date at 8:12 and its kind at 8:34.
    let expected = [
        ("invalid_date", 6, 12),
        ("schema_violation", 7, 34),
        ("events_out_of_order", 8, 12),
        ("transition_not_allowed", 8, 34),
    ];
    let expected: Vec<(String, u64, u64)> = expected
        .iter()
        .map(|(c, l, k)| ((*c).to_owned(), *l, *k))
        .collect();
    assert_eq!(at, expected);
}

#[test]
fn no_colour_without_a_terminal_even_without_no_color() {
    let out = Command::new(env!("CARGO_BIN_EXE_send-lifecycle"))
        .args(["validate", "testdata/"])
        .current_dir(root())
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    // testdata/codes/ holds timelines that are invalid on purpose.
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !out.stdout.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("warning[monitoring_gap]"));
}

#[test]
fn the_schema_command_prints_the_committed_schema() {
    let out = run(&["schema"], b"");
    assert_eq!(out.status.code(), Some(0));
    let committed = std::fs::read(root().join("schema/timeline-v1.schema.json")).unwrap();
    assert_eq!(out.stdout, committed);
}

#[test]
fn england_prints_every_area_in_each_format() {
    let csv = run(&["england", "--format", "csv"], b"");
    assert_eq!(csv.status.code(), Some(0));
    let text = String::from_utf8_lossy(&csv.stdout);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("area_code,area_name,region,framework,stage,outcome,outcome_published,legacy_stage,weaknesses_total,weaknesses_sufficient,weaknesses_insufficient,priority_actions_total,next_due,next_due_earliest,next_due_latest,next_due_firm,errors,warnings,infos")
    );
    assert_eq!(lines.count(), 153, "one line per local area partnership");

    let json = run(
        &["england", "--format", "json", "--as-of", "2024-01-01"],
        b"",
    );
    assert_eq!(json.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap_or_default();
    assert_eq!(v["as_of"], "2024-01-01");
    assert_eq!(v["rows"].as_array().map(Vec::len), Some(153));

    let table = run(&["england"], b"");
    assert!(
        String::from_utf8_lossy(&table.stdout).starts_with("England: 153 areas as of 2026-06-29")
    );

    let bad = run(&["england", "--as-of", "2024-13-01"], b"");
    assert_eq!(bad.status.code(), Some(2));
    let missing = run(&["england", "--scrape", "/nonexistent/scrape.csv"], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/scrape.csv"));
}

#[test]
fn england_reads_a_newer_scrape_and_takes_its_snapshot_from_its_name() {
    // The shipped scrape cut to its header and first row (Barnsley, published 18/05/26),
    // under a name that gives another snapshot.
    let shipped = root().join("england/data/area_send_2023_reports_2026-06-29.csv");
    let text = std::fs::read_to_string(shipped).unwrap_or_default();
    let cut: Vec<&str> = text.lines().take(2).collect();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("area_send_2023_reports_2026-07-31.csv");
    std::fs::write(&file, cut.join("\n") + "\n").unwrap_or_else(|e| panic!("{e}"));
    let out = run(
        &[
            "england",
            "--format",
            "json",
            "--scrape",
            &file.to_string_lossy(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(v["as_of"], "2026-07-31");
    let scrape = v["files"]
        .as_array()
        .and_then(|f| {
            f.iter()
                .find(|f| f["file"] == "area_send_2023_reports_2026-07-31.csv")
        })
        .cloned()
        .unwrap_or_default();
    assert_eq!(scrape["rows_read"], 1);
    // Only Barnsley has a 2023 report from the scrape; the MI's 16 still count.
    let barnsley = v["rows"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["area_name"] == "Barnsley"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(barnsley["outcome"], "positive");
}

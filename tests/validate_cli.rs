//! The `validate` example: its output formats and exit statuses.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "../examples/validate.rs"]
#[allow(dead_code, missing_docs)]
mod cli;

fn run(args: &[&str], stdin: &str) -> (u8, String, String) {
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = cli::run(&args, &mut stdin.as_bytes(), &mut out, &mut err);
    (
        status,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

const VALID: &str = r#"{"schema_version": 1,
  "area": {"name": "A", "local_authority": "A Council", "health_bodies": [{"kind": "ccg", "name": "A CCG"}]},
  "events": [
    {"date": "2020-02-03", "kind": "inspection_started"},
    {"date": "2020-02-07", "kind": "inspection_ended"},
    {"date": "2020-03-27", "kind": "report_published", "weaknesses": [{"id": "W1", "title": "t"}]}
  ]}"#;

#[test]
fn a_valid_timeline_exits_0_and_summarises() {
    let (status, out, err) = run(&["-"], VALID);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("<stdin>: valid — stage `wsoa_due`"), "{out}");
    assert!(out.contains("3 of 3 events applied"), "{out}");
}

#[test]
fn warnings_alone_still_exit_0() {
    // As of 10 July 2020 the 9 July deadline has passed: a warning, not an error.
    let (status, out, _) = run(&["--as-of", "2020-07-10", "-"], VALID);
    assert_eq!(status, 0);
    assert!(out.contains("warning[deadline_passed]"), "{out}");
}

#[test]
fn errors_exit_1_with_compiler_like_blocks() {
    let bad = VALID.replace("2020-02-07", "2020-02-01");
    let (status, out, _) = run(&["-"], &bad);
    assert_eq!(status, 1);
    assert!(
        out.starts_with("error[events_out_of_order]: event 1"),
        "{out}"
    );
    assert!(
        out.contains("--> <stdin>: event 1 (2020-02-01) at `/events/1/date`"),
        "{out}"
    );
    assert!(out.contains("= help:"), "{out}");
    assert!(out.contains("INVALID"), "{out}");
}

#[test]
fn json_output_is_exactly_the_report() {
    let (status, out, _) = run(&["--format", "json", "-"], VALID);
    assert_eq!(status, 0);
    let report: send_lifecycle::Report = serde_json::from_str(&out).unwrap();
    let direct = send_lifecycle::validate_str(VALID, &Default::default());
    assert_eq!(report, direct);
    assert_eq!(out, direct.to_json() + "\n");
}

#[test]
fn malformed_input_is_a_report_not_a_crash() {
    let (status, out, _) = run(&["--format", "json", "-"], "{\"schema_version\":");
    assert_eq!(status, 1);
    assert!(out.contains("\"malformed_json\""), "{out}");
}

#[test]
fn bad_arguments_and_unreadable_files_exit_2_with_usage() {
    for args in [
        &[][..],
        &["--format", "xml", "-"][..],
        &["--as-of", "2020-13-01", "-"][..],
        &["--bogus", "-"][..],
        &["a.json", "b.json"][..],
    ] {
        let (status, out, err) = run(args, VALID);
        assert_eq!(status, 2, "{args:?}");
        assert!(out.is_empty());
        assert!(err.contains("usage: validate"), "{err}");
    }
    let (status, _, err) = run(&["/nonexistent/timeline.json"], "");
    assert_eq!(status, 2);
    assert!(err.contains("cannot read"), "{err}");
}

//! `validate_json` on arbitrary bytes: it returns a report and never panics, and the report
//! is consistent (valid exactly when no diagnostic is an error, at most as many events
//! applied as given, the JSON of the report reads back as the same report, and validating
//! again gives the same bytes).
#![no_main]

use libfuzzer_sys::fuzz_target;
use send_lifecycle::{validate_json, Options, Report, Severity};

fuzz_target!(|data: &[u8]| {
    let options = Options::default();
    let report = validate_json(data, &options);
    let has_error = report
        .diagnostics
        .iter()
        .any(|d| d.severity() == Severity::Error);
    assert_eq!(
        report.valid, !has_error,
        "`valid` disagrees with the diagnostics"
    );
    assert!(
        report.events_applied <= report.events_total,
        "more events applied ({}) than given ({})",
        report.events_applied,
        report.events_total
    );
    for d in &report.diagnostics {
        if let Some(i) = d.event_index {
            assert!(
                i < report.events_total,
                "a diagnostic names event {i} of {}",
                report.events_total
            );
        }
    }
    let json = report.to_json();
    let back: Report = match serde_json::from_str(&json) {
        Ok(r) => r,
        Err(e) => panic!("the report's JSON does not read back: {e}\n{json}"),
    };
    assert_eq!(back, report, "report → JSON → report is not the identity");
    assert_eq!(
        validate_json(data, &options).to_json(),
        json,
        "validation is not deterministic"
    );
    // The human rendering must not panic either.
    let _ = report.render_human("fuzz.json");
});

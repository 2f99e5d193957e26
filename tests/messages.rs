//! Messages say as much as they can, in correct English: a trailing comma is named where
//! it stops the reading, with the events read before it counted; the article before a
//! vowel is "an"; an as-of day before anything happened is reported, not accepted silently.

#![allow(clippy::indexing_slicing)]

use send_lifecycle::{validate, validate_str, Code, Options, Severity, Timeline};

const AREA: &str = r#""area": {"name": "Testshire", "local_authority": "Testshire County Council",
    "health_bodies": [{"kind": "ccg", "name": "Testshire CCG"}]}"#;
use send_lifecycle::validate_json;
use std::fs;
use std::path::Path;

#[test]
fn a_trailing_comma_is_placed_and_the_events_before_it_are_counted() {
    // serde_json stops at the `]` after the comma, in column 3 of its line.
    let text = format!(
        "{{\n  \"schema_version\": 1, {AREA},\n  \"events\": [\n    {{\"date\": \"2020-02-03\", \"kind\": \"inspection_started\"}},\n    {{\"date\": \"2020-02-07\", \"kind\": \"inspection_ended\"}},\n  ]\n}}\n"
    );
    // The line of that `]`, counted in the text.
    let bracket_line = text
        .lines()
        .position(|l| l.trim() == "]")
        .map(|i| i + 1)
        .and_then(|n| u32::try_from(n).ok());
    let report = validate_str(&text, &Options::new());
    assert!(!report.valid);
    assert_eq!(report.diagnostics.len(), 1, "{report}");
    let d = &report.diagnostics[0];
    assert_eq!(d.code, Code::MalformedJson);
    assert_eq!((d.line, d.column), (bracket_line, Some(3)), "{report}");
    assert!(d.message.contains("comma"), "{}", d.message);
    assert!(d.message.contains("2 events"), "{}", d.message);
    assert!(d
        .help
        .as_deref()
        .is_some_and(|h| h.contains("remove the comma")));
    // Counted, not checked.
    assert_eq!((report.events_total, report.events_applied), (2, 0));
}

#[test]
fn malformed_json_places_its_column_in_characters() {
    // "é" is two bytes: the stray `x` is the 14th character of line 1 but its 15th byte.
    let report = validate_str("{\"name\": \"é\" x}", &Options::new());
    let d = &report.diagnostics[0];
    assert_eq!(d.code, Code::MalformedJson);
    assert_eq!((d.line, d.column), (Some(1), Some(14)), "{}", d.message);
}

#[test]
fn an_app_review_takes_an() {
    // Into app_monitoring on 1 October 2021; the timeline ends 272 days later with no APP
    // review, beyond six months and 31 days' grace.
    let text = format!(
        r#"{{"schema_version": 1, {AREA}, "events": [
    {{"date": "2020-02-03", "kind": "inspection_started"}},
    {{"date": "2020-02-07", "kind": "inspection_ended"}},
    {{"date": "2020-03-27", "kind": "report_published", "weaknesses": [{{"id": "W1", "title": "Joint commissioning"}}]}},
    {{"date": "2020-07-01", "kind": "wsoa_submitted"}},
    {{"date": "2020-09-01", "kind": "wsoa_judged", "fit_for_purpose": true}},
    {{"date": "2020-12-01", "kind": "monitoring_meeting"}},
    {{"date": "2021-03-01", "kind": "monitoring_meeting"}},
    {{"date": "2021-05-10", "kind": "revisit_started"}},
    {{"date": "2021-05-12", "kind": "revisit_ended"}},
    {{"date": "2021-06-20", "kind": "revisit_outcome", "judgements": {{"W1": "insufficient"}}}},
    {{"date": "2021-07-15", "kind": "next_steps_determined", "decision": "accelerated_progress_plan"}},
    {{"date": "2021-09-01", "kind": "app_submitted"}},
    {{"date": "2021-10-01", "kind": "app_judged", "fit_for_purpose": true}},
    {{"date": "2022-06-30", "kind": "note", "title": "nothing heard"}}
  ]}}"#
    );
    let report = validate_str(&text, &Options::new());
    let gap = report
        .diagnostics
        .iter()
        .find(|d| d.code == Code::MonitoringGap)
        .unwrap_or_else(|| panic!("no monitoring_gap:\n{report}"));
    assert!(gap.message.contains("at least 272 days"), "{}", gap.message);
    let help = gap.help.as_deref().unwrap_or("");
    assert!(help.starts_with("if an APP review took place"), "{help}");
}

#[test]
fn an_as_of_day_before_every_event_is_reported_for_typed_timelines_too() {
    let text = format!(
        r#"{{"schema_version": 1, {AREA}, "events": [
    {{"date": "2020-02", "kind": "inspection_started"}},
    {{"date": "2020-02-07", "kind": "inspection_ended"}}]}}"#
    );
    let timeline: Timeline = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let day = |s: &str| s.parse::<chrono::NaiveDate>().ok();
    let found = |as_of: &str| {
        validate(&timeline, &Options::new().as_of(day(as_of)))
            .diagnostics
            .into_iter()
            .filter(|d| d.code == Code::AsOfBeforeEvents)
            .collect::<Vec<_>>()
    };
    // February 2020 begins on the 1st: the 31st of January is certainly before it.
    let before = found("2020-01-31");
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].severity(), Severity::Warning);
    assert_eq!(before[0].path, "");
    assert_eq!(before[0].related[0].path, "/events/0/date");
    assert!(
        before[0].message.contains("as of 2020-01-31"),
        "{}",
        before[0].message
    );
    // The 1st of February may be the day fieldwork started.
    assert!(found("2020-02-01").is_empty());
    // Without an as-of day, nothing to report.
    assert!(validate(&timeline, &Options::new())
        .diagnostics
        .iter()
        .all(|d| d.code != Code::AsOfBeforeEvents));
}

/// Every finding about an event names the event, and every finding in a stage names the
/// stage — over every real case and code fixture.
fn timelines_in(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.ends_with(".json") && !name.ends_with(".expected.json") {
            out.push(p);
        }
    }
}

#[test]
fn every_message_names_its_event_and_its_stage() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut files = Vec::new();
    timelines_in(&root, &mut files);
    timelines_in(&root.join("codes"), &mut files);
    files.sort();
    assert!(files.len() > 50, "only {} timelines found", files.len());
    let mut wrong = Vec::new();
    let mut checked = 0;
    for f in &files {
        let bytes = fs::read(f).unwrap_or_default();
        let report = validate_json(&bytes, &Options::default());
        for d in &report.diagnostics {
            checked += 1;
            if let Some(i) = d.event_index {
                if !d.message.contains(&format!("event {i}")) {
                    wrong.push(format!(
                        "{}: {} does not name event {i}: {}",
                        f.display(),
                        d.code,
                        d.message
                    ));
                }
            }
            if let Some(s) = d.stage {
                if !d.message.contains(s.as_str()) {
                    wrong.push(format!(
                        "{}: {} does not name stage {s}: {}",
                        f.display(),
                        d.code,
                        d.message
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} messages:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(checked > 50, "only {checked} diagnostics checked");
}

#[test]
fn an_undated_anachronism_reads_on_or_before_not_on_on() {
    // An ICB recorded by an undated change, with the next event on 12 March 2020: the change
    // lies on or before that day, certainly before ICBs existed (found by the fuzzer's
    // `mutate_timeline`, which printed "in force on on or before 2020-03-12").
    let text = r#"{"schema_version": 1, "area": {"name": "Testshire", "local_authority": "Testshire County Council",
    "health_bodies": [{"kind": "ccg", "name": "Testshire CCG"}]}, "events": [
    {"date": null, "kind": "health_body_changed", "health_bodies": [{"kind": "icb", "name": "Testshire ICB"}]},
    {"date": "2020-03-12", "kind": "inspection_notified"}]}"#;
    let report = validate_str(text, &Options::new());
    let found: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::HealthBodyAnachronism)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(found.len(), 1, "{report}");
    assert!(
        found[0].contains("in force on or before 2020-03-12, before ICBs existed"),
        "{}",
        found[0]
    );
    assert!(!found[0].contains("on on"), "{}", found[0]);
}

/// A 2023 report written as a 2016 letter (weaknesses, no outcome) is told what it lacks:
/// the `outcome` field and its three values, not a bare list of condition names.
#[test]
fn a_2023_report_without_an_outcome_is_told_to_give_one() {
    let text = r#"{"schema_version":1,"framework":"area_send_2023",
      "area":{"name":"X","local_authority":"X Council","health_bodies":[{"kind":"icb","name":"X ICB"}]},
      "events":[{"date":"2024-02-12","kind":"inspection_started"},{"date":"2024-02-16","kind":"inspection_ended"},
                {"date":"2024-05-07","kind":"report_published","weaknesses":[{"id":"W1","title":"t"}]}]}"#;
    let report = validate_str(text, &Options::new());
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == Code::TransitionNotAllowed)
        .unwrap_or_else(|| panic!("no transition_not_allowed: {:?}", report.diagnostics));
    assert_eq!(d.event_index, Some(2));
    for part in [
        "without an `outcome`",
        "positive",
        "inconsistent",
        "widespread_failings",
    ] {
        assert!(d.message.contains(part), "{:?} lacks {part:?}", d.message);
    }
}

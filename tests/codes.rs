//! Every diagnostic code of the contract, triggered by a small timeline — and a near miss
//! that must not trigger it. Expected dates are worked out by hand from `domain.md`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use send_lifecycle::{validate_json, validate_str, Code, Limits, Options, Report, Severity};

/// A timeline document for a CCG-era area with these events (a JSON array body).
fn doc(events: &str) -> String {
    format!(
        r#"{{"schema_version": 1, "framework": "local_area_send_2016",
  "area": {{"name": "Testshire", "local_authority": "Testshire County Council",
            "health_bodies": [{{"kind": "ccg", "name": "Testshire CCG"}}]}},
  "events": [{events}]}}"#
    )
}

/// Inspection 3–7 February 2020 and a report with weaknesses W1 and W2 published `published`.
fn inspected(published: &str) -> String {
    format!(
        r#"{{"date": "2020-02-03", "kind": "inspection_started"}},
  {{"date": "2020-02-07", "kind": "inspection_ended"}},
  {{"date": "{published}", "kind": "report_published",
    "weaknesses": [{{"id": "W1", "title": "Joint commissioning"}}, {{"id": "W2", "title": "EHC plans"}}]}}"#
    )
}

/// Inspected, WSoA submitted on 1 July 2020 (in time) and judged fit for purpose on `fit`.
fn monitoring(fit: &str) -> String {
    format!(
        r#"{},
  {{"date": "2020-07-01", "kind": "wsoa_submitted"}},
  {{"date": "{fit}", "kind": "wsoa_judged", "fit_for_purpose": true}}"#,
        inspected("2020-03-27")
    )
}

fn check(events: &str) -> Report {
    validate_str(&doc(events), &Options::default())
}

/// The (code, path) pairs of a report.
fn found(r: &Report) -> Vec<(Code, String)> {
    r.diagnostics
        .iter()
        .map(|d| (d.code, d.path.clone()))
        .collect()
}

fn has(r: &Report, code: Code) -> bool {
    r.diagnostics.iter().any(|d| d.code == code)
}

#[track_caller]
fn assert_only(r: &Report, code: Code, path: &str) {
    let hits: Vec<_> = r.diagnostics.iter().filter(|d| d.code == code).collect();
    assert_eq!(
        hits.len(),
        1,
        "expected one {code}, got {:#?}",
        r.diagnostics
    );
    assert_eq!(hits[0].path, path, "{:#?}", hits[0]);
    assert_eq!(hits[0].severity, code.severity());
    assert!(!hits[0].message.is_empty());
}

#[track_caller]
fn assert_none(r: &Report, code: Code) {
    assert!(!has(r, code), "unexpected {code}: {:#?}", r.diagnostics);
}

#[test]
fn every_code_has_its_contract_severity() {
    use Severity::*;
    let expected = [
        ("malformed_json", Error),
        ("schema_violation", Error),
        ("unsupported_schema_version", Error),
        ("invalid_date", Error),
        ("events_out_of_order", Error),
        ("transition_not_allowed", Error),
        ("duplicate_weakness", Error),
        ("unknown_weakness", Error),
        ("missing_judgement", Error),
        ("rejudged_weakness", Error),
        ("invalid_action_counts", Error),
        ("letter_after_publication", Error),
        ("empty_text", Error),
        ("limit_exceeded", Error),
        ("wsoa_late", Warning),
        ("deadline_passed", Warning),
        ("monitoring_gap", Warning),
        ("inspection_too_long", Warning),
        ("revisit_too_long", Warning),
        ("health_body_anachronism", Warning),
        ("revisit_later_than_usual", Info),
        ("possibly_late", Info),
        // Added by this crate: the contract names no code for a late APP.
        ("app_late", Warning),
    ];
    assert_eq!(Code::ALL.len(), expected.len());
    for (name, severity) in expected {
        let code = Code::from_name(name).unwrap_or_else(|| panic!("no code {name}"));
        assert_eq!(code.severity(), severity, "{name}");
        assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{name}\""));
    }
}

#[test]
fn a_clean_timeline_has_no_diagnostics() {
    let r = check(&inspected("2020-03-27"));
    assert!(r.valid);
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(r.stage.as_str(), "wsoa_due");
    assert_eq!(r.events_applied, 3);
}

#[test]
fn malformed_json() {
    let r = validate_json(
        b"{\"schema_version\": 1,\n \"events\": [",
        &Options::default(),
    );
    assert_only(&r, Code::MalformedJson, "");
    assert!(
        r.diagnostics[0].message.contains("line 2"),
        "{}",
        r.diagnostics[0].message
    );
    assert!(!r.valid);
    let r = validate_json(b"{\"schema_version\": 1} trailing", &Options::default());
    assert_only(&r, Code::MalformedJson, "");
    // Near miss: the same document, complete.
    assert_none(&check(""), Code::MalformedJson);
}

#[test]
fn schema_violation() {
    let r = check(r#"{"dat": "2020-02-03", "date": "2020-02-03", "kind": "inspection_started"}"#);
    assert_only(&r, Code::SchemaViolation, "/events/0/dat");
    // The misspelt field is reported, but the event itself is still applied.
    assert_eq!(r.stage.as_str(), "inspecting");
    let r = check(r#"{"date": "2020-02-03", "kind": "inspection_begun"}"#);
    assert_only(&r, Code::SchemaViolation, "/events/0/kind");
    assert!(r.diagnostics[0]
        .expected
        .iter()
        .any(|e| e == "inspection_started"));
    let r = check(r#"{"date": "2020-02-03", "kind": "wsoa_judged", "fit_for_purpose": "yes"}"#);
    assert_only(&r, Code::SchemaViolation, "/events/0/fit_for_purpose");
    let r = check(r#"{"date": "2020-02-03", "kind": "inspection_started", "title": "x"}"#);
    assert_only(&r, Code::SchemaViolation, "/events/0/title");
    let r = check(r#"{"date": "2020-02-03", "date": "2020-02-04", "kind": "inspection_started"}"#);
    assert_only(&r, Code::SchemaViolation, "/events/0/date");
    let r = validate_str(
        r#"{"schema_version": 1, "events": []}"#,
        &Options::default(),
    );
    // A missing member is reported at the object that lacks it (the contract's additions),
    // and the message names it.
    assert_only(&r, Code::SchemaViolation, "");
    assert!(r.diagnostics[0].message.contains("has no `area`"));
    // Near miss: `source` and `note` belong to every event.
    let r = check(
        r#"{"date": "2020-02-03", "kind": "inspection_started", "source": "seed 002 ¶5", "note": "x"}"#,
    );
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
}

#[test]
fn unsupported_schema_version() {
    let r = validate_str(
        r#"{"schema_version": 2, "area": {}, "events": [{}]}"#,
        &Options::default(),
    );
    assert!(has(&r, Code::UnsupportedSchemaVersion));
    assert!(!r.valid);
    assert_eq!(r.events_applied, 0);
    assert_none(&check(""), Code::UnsupportedSchemaVersion);
}

#[test]
fn invalid_date() {
    for bad in ["2021-02-30", "2021-13", "2021-1-5", "21-10-2020"] {
        let r = check(&format!(
            r#"{{"date": "{bad}", "kind": "inspection_started"}}"#
        ));
        assert_only(&r, Code::InvalidDate, "/events/0/date");
        // The event is kept, undated, so one typo does not hide the rest.
        assert_eq!(r.stage.as_str(), "inspecting", "{bad}");
    }
    let r = check(r#"{"date": "2020-02-29", "kind": "inspection_started"}"#);
    assert!(
        r.diagnostics.is_empty(),
        "2020 is a leap year: {:#?}",
        r.diagnostics
    );
}

#[test]
fn events_out_of_order() {
    let r = check(
        r#"{"date": "2020-02-03", "kind": "inspection_started"},
           {"date": "2020-02-01", "kind": "inspection_ended"}"#,
    );
    assert_only(&r, Code::EventsOutOfOrder, "/events/1/date");
    assert_eq!(r.diagnostics[0].event_index, Some(1));
    // Near miss: February 2020 includes days after the 3rd: not certainly earlier.
    let r = check(
        r#"{"date": "2020-02-03", "kind": "inspection_started"},
           {"date": "2020-02", "kind": "inspection_ended"}"#,
    );
    assert_none(&r, Code::EventsOutOfOrder);
    // An undated event is never out of order.
    let r = check(
        r#"{"date": "2020-02-03", "kind": "inspection_started"},
           {"date": null, "kind": "inspection_ended"}"#,
    );
    assert!(r.valid, "{:#?}", r.diagnostics);
}

#[test]
fn transition_not_allowed() {
    let r = check(r#"{"date": "2020-10-07", "kind": "wsoa_submitted"}"#);
    assert_only(&r, Code::TransitionNotAllowed, "/events/0/kind");
    let d = &r.diagnostics[0];
    assert_eq!(d.stage.map(|s| s.as_str()), Some("not_inspected"));
    assert!(d.expected.iter().any(|e| e == "inspection_started"));
    assert!(d.message.contains("not_inspected") && d.message.contains("wsoa_submitted"));
    assert_none(
        &check(r#"{"date": "2020-02-03", "kind": "inspection_started"}"#),
        Code::TransitionNotAllowed,
    );
}

#[test]
fn duplicate_weakness() {
    let r = check(
        r#"{"date": "2020-02-03", "kind": "inspection_started"},
           {"date": "2020-02-07", "kind": "inspection_ended"},
           {"date": "2020-03-27", "kind": "report_published",
            "weaknesses": [{"id": "W1", "title": "a"}, {"id": "W1", "title": "b"}]}"#,
    );
    assert_only(&r, Code::DuplicateWeakness, "/events/2/weaknesses/1/id");
    assert_none(&check(&inspected("2020-03-27")), Code::DuplicateWeakness);
}

/// Monitoring, then a revisit 10–11 May 2021 and an outcome with these judgements.
fn revisited(judgements: &str) -> String {
    format!(
        r#"{},
  {{"date": "2021-05-10", "kind": "revisit_started"}},
  {{"date": "2021-05-11", "kind": "revisit_ended"}},
  {{"date": "2021-06-14", "kind": "revisit_outcome", "judgements": {judgements}}}"#,
        monitoring("2021-01-15")
    )
}

#[test]
fn unknown_weakness() {
    let r = check(&revisited(
        r#"{"W1": "sufficient", "W2": "sufficient", "W9": "sufficient"}"#,
    ));
    assert_only(&r, Code::UnknownWeakness, "/events/7/judgements/W9");
    let r = check(&revisited(r#"{"W1": "sufficient", "W2": "sufficient"}"#));
    assert!(r.valid, "{:#?}", r.diagnostics);
    assert_eq!(r.stage.as_str(), "concluded_sufficient");
}

#[test]
fn missing_judgement() {
    let r = check(&revisited(r#"{"W1": "sufficient"}"#));
    assert_only(&r, Code::MissingJudgement, "/events/7/judgements");
    assert!(r.diagnostics[0].message.contains("\"W2\""));
    let r = check(&revisited(r#"{"W1": "sufficient", "W2": "insufficient"}"#));
    assert!(r.valid, "{:#?}", r.diagnostics);
    assert_eq!(r.stage.as_str(), "awaiting_next_steps");
}

#[test]
fn rejudged_weakness() {
    let further = |judgements: &str| {
        format!(
            r#"{},
  {{"date": "2021-07-01", "kind": "next_steps_determined", "decision": "further_revisit"}},
  {{"date": "2021-09-06", "kind": "revisit_started"}},
  {{"date": "2021-09-07", "kind": "revisit_ended"}},
  {{"date": "2021-10-11", "kind": "revisit_outcome", "judgements": {judgements}}}"#,
            revisited(r#"{"W1": "sufficient", "W2": "insufficient"}"#)
        )
    };
    let r = check(&further(r#"{"W1": "sufficient", "W2": "sufficient"}"#));
    assert_only(&r, Code::RejudgedWeakness, "/events/11/judgements/W1");
    // Near miss: the further revisit judges only the weakness still insufficient.
    let r = check(&further(r#"{"W2": "sufficient"}"#));
    assert!(r.valid, "{:#?}", r.diagnostics);
    assert_eq!(r.stage.as_str(), "concluded_sufficient");
}

#[test]
fn invalid_action_counts() {
    let meeting = |actions: &str| {
        check(&format!(
            r#"{}, {{"date": "2021-03-01", "kind": "monitoring_meeting", "actions": {actions}}}"#,
            monitoring("2021-01-15")
        ))
    };
    assert_only(
        &meeting(r#"{"total": 10, "underway": 11}"#),
        Code::InvalidActionCounts,
        "/events/5/actions/underway",
    );
    assert_only(
        &meeting(r#"{"total": 10, "rag": {"red": 1, "amber": 2, "green": 3}}"#),
        Code::InvalidActionCounts,
        "/events/5/actions/rag",
    );
    assert_only(
        &meeting(r#"{"underway_percent": 101}"#),
        Code::InvalidActionCounts,
        "/events/5/actions/underway_percent",
    );
    assert_only(
        &meeting(r#"{"completed": -1}"#),
        Code::InvalidActionCounts,
        "/events/5/actions/completed",
    );
    let ok = meeting(
        r#"{"total": 10, "underway": 10, "completed": 3, "underway_percent": 100.0, "rag": {"red": 3, "amber": 3, "green": 4}}"#,
    );
    assert!(ok.valid, "{:#?}", ok.diagnostics);
}

#[test]
fn letter_after_publication() {
    let report = |letter: &str| {
        check(&format!(
            r#"{{"date": "2020-02-03", "kind": "inspection_started"}},
               {{"date": "2020-02-07", "kind": "inspection_ended"}},
               {{"date": "2020-05-15", "kind": "report_published", "letter_date": "{letter}",
                 "weaknesses": [{{"id": "W1", "title": "a"}}]}}"#
        ))
    };
    assert_only(
        &report("2020-06-01"),
        Code::LetterAfterPublication,
        "/events/2/letter_date",
    );
    // May 2020 includes days before the 15th.
    assert_none(&report("2020-05"), Code::LetterAfterPublication);
    assert_none(&report("2020-03-27"), Code::LetterAfterPublication);
}

#[test]
fn empty_text() {
    let r = check(r#"{"date": "2020-01-21", "kind": "note", "title": "  "}"#);
    assert_only(&r, Code::EmptyText, "/events/0/title");
    let r = validate_str(
        &doc("").replace("\"Testshire\"", "\"\""),
        &Options::default(),
    );
    assert_only(&r, Code::EmptyText, "/area/name");
    assert_none(
        &check(r#"{"date": "2020-01-21", "kind": "note", "title": "Scrutiny committee"}"#),
        Code::EmptyText,
    );
}

#[test]
fn limit_exceeded() {
    let mut limits = Limits::default();
    limits.max_events = 2;
    let options = Options::default().with_limits(limits);
    let three = doc(&inspected("2020-03-27"));
    let r = validate_str(&three, &options);
    assert_only(&r, Code::LimitExceeded, "/events");
    assert_eq!((r.events_total, r.events_applied), (3, 2));
    let mut limits = Limits::default();
    limits.max_events = 3;
    assert_none(
        &validate_str(&three, &Options::default().with_limits(limits)),
        Code::LimitExceeded,
    );

    let mut limits = Limits::default();
    limits.max_text_bytes = 30;
    let r = validate_str(
        &check_text_doc("a title longer than thirty bytes"),
        &Options::default().with_limits(limits),
    );
    assert_only(&r, Code::LimitExceeded, "/events/0/title");

    let mut limits = Limits::default();
    limits.max_input_bytes = 10;
    let r = validate_str(&three, &Options::default().with_limits(limits));
    assert_only(&r, Code::LimitExceeded, "");
}

fn check_text_doc(title: &str) -> String {
    doc(&format!(
        r#"{{"date": "2020-01-21", "kind": "note", "title": "{title}"}}"#
    ))
}

#[test]
fn wsoa_late() {
    // Published Friday 27 March 2020: 70 working days later is Thursday 9 July 2020.
    let submitted = |day: &str| {
        check(&format!(
            r#"{}, {{"date": "{day}", "kind": "wsoa_submitted"}}"#,
            inspected("2020-03-27")
        ))
    };
    let late = submitted("2020-07-10");
    assert_only(&late, Code::WsoaLate, "/events/3/date");
    assert!(late.diagnostics[0].message.contains("2020-07-09"));
    assert_eq!(
        late.wsoa_deadline.map(|d| d.to_string()).as_deref(),
        Some("2020-07-09")
    );
    assert!(submitted("2020-07-09").diagnostics.is_empty());
    // A revised deadline replaces the statutory one (Leicestershire: 7 October 2020).
    let revised = check(&format!(
        r#"{}, {{"date": null, "kind": "wsoa_deadline_revised", "new_deadline": "2020-10-07"}},
               {{"date": "2020-10-07", "kind": "wsoa_submitted"}}"#,
        inspected("2020-03-27")
    ));
    assert!(revised.diagnostics.is_empty(), "{:#?}", revised.diagnostics);
    assert_eq!(
        revised.wsoa_deadline.map(|d| d.to_string()).as_deref(),
        Some("2020-10-07")
    );
}

#[test]
fn the_deadline_counts_from_the_earliest_date_the_report_reached_the_area() {
    // Received 27 March, published 15 May 2020: the deadline is 9 July, not 24 August.
    let r = check(
        r#"{"date": "2020-02-03", "kind": "inspection_started"},
           {"date": "2020-02-07", "kind": "inspection_ended"},
           {"date": "2020-03-27", "kind": "report_received"},
           {"date": "2020-05-15", "kind": "report_published", "weaknesses": [{"id": "W1", "title": "a"}]}"#,
    );
    assert_eq!(
        r.wsoa_deadline.map(|d| d.to_string()).as_deref(),
        Some("2020-07-09")
    );
    let r = check(&inspected("2020-05-15"));
    assert_eq!(
        r.wsoa_deadline.map(|d| d.to_string()).as_deref(),
        Some("2020-08-24")
    );
}

#[test]
fn deadline_passed() {
    let ending = |day: &str| {
        check(&format!(
            r#"{}, {{"date": "{day}", "kind": "note", "title": "Scrutiny committee"}}"#,
            inspected("2020-03-27")
        ))
    };
    let r = ending("2020-07-10");
    assert_only(&r, Code::DeadlinePassed, "/events");
    assert_none(&ending("2020-07-09"), Code::DeadlinePassed);
    // As of a given day.
    let as_of = |d| Options::default().as_of(chrono::NaiveDate::from_ymd_opt(2020, 7, d));
    let doc = doc(&inspected("2020-03-27"));
    assert!(has(&validate_str(&doc, &as_of(10)), Code::DeadlinePassed));
    assert_none(&validate_str(&doc, &as_of(9)), Code::DeadlinePassed);
}

#[test]
fn monitoring_gap() {
    // Fit on 15 January 2021: a quarter is 15 April, plus 31 days' grace is 16 May.
    let meeting = |day: &str| {
        check(&format!(
            r#"{}, {{"date": "{day}", "kind": "monitoring_meeting"}}"#,
            monitoring("2021-01-15")
        ))
    };
    let r = meeting("2021-05-17");
    assert_only(&r, Code::MonitoringGap, "/events/5");
    assert_eq!(
        r.diagnostics[0].stage.map(|s| s.as_str()),
        Some("monitoring")
    );
    assert!(meeting("2021-05-16").diagnostics.is_empty());
    // A month date is a gap only when certain: May 2021 may be the 1st.
    assert_none(&meeting("2021-05"), Code::MonitoringGap);
    // At the end of the timeline too.
    let r = check(&format!(
        r#"{}, {{"date": "2021-06-01", "kind": "note", "title": "x"}}"#,
        monitoring("2021-01-15")
    ));
    assert_only(&r, Code::MonitoringGap, "/events");
}

#[test]
fn inspection_too_long() {
    let ended = |day: &str| {
        check(&format!(
            r#"{{"date": "2020-02-03", "kind": "inspection_started"}},
               {{"date": "{day}", "kind": "inspection_ended"}}"#
        ))
    };
    // Monday 3 to Monday 10 February 2020 is six working days.
    assert_only(
        &ended("2020-02-10"),
        Code::InspectionTooLong,
        "/events/1/date",
    );
    assert!(ended("2020-02-07").diagnostics.is_empty());
    // Thursday 9 to Wednesday 15 April 2020 spans Good Friday and Easter Monday: 3 working days.
    let r = check(
        r#"{"date": "2020-04-09", "kind": "inspection_started"},
           {"date": "2020-04-15", "kind": "inspection_ended"}"#,
    );
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
}

#[test]
fn revisit_too_long() {
    let ended = |day: &str| {
        check(&format!(
            r#"{}, {{"date": "2021-05-10", "kind": "revisit_started"}},
                  {{"date": "{day}", "kind": "revisit_ended"}}"#,
            monitoring("2021-01-15")
        ))
    };
    let with_meetings = |r: Report| {
        r.diagnostics
            .into_iter()
            .filter(|d| d.code != Code::MonitoringGap)
            .count()
    };
    assert_only(&ended("2021-05-14"), Code::RevisitTooLong, "/events/6/date");
    assert_eq!(with_meetings(ended("2021-05-13")), 0);
}

#[test]
fn health_body_anachronism() {
    let r = check(r#"{"date": "2022-07-01", "kind": "note", "title": "x"}"#);
    assert_only(&r, Code::HealthBodyAnachronism, "/events/0");
    assert_none(
        &check(r#"{"date": "2022-06-30", "kind": "note", "title": "x"}"#),
        Code::HealthBodyAnachronism,
    );
    // The change itself, on 1 July 2022, is right; an ICB a day early is not.
    let change = |day: &str| {
        check(&format!(
            r#"{{"date": "{day}", "kind": "health_body_changed",
                "health_bodies": [{{"kind": "icb", "name": "Testshire ICB"}}]}},
               {{"date": "2022-12-01", "kind": "note", "title": "x"}}"#
        ))
    };
    assert!(
        change("2022-07-01").diagnostics.is_empty(),
        "{:#?}",
        change("2022-07-01").diagnostics
    );
    assert_only(
        &change("2022-06-30"),
        Code::HealthBodyAnachronism,
        "/events/0/health_bodies/0",
    );
}

#[test]
fn revisit_later_than_usual() {
    // Fit on 16 October 2020: 18 months later is 16 April 2022.
    let revisit = |day: &str| {
        let monitoring = monitoring("2020-10-16");
        check(&format!(
            r#"{monitoring}, {{"date": "2021-01-15", "kind": "monitoring_meeting"}},
               {{"date": "2021-04-15", "kind": "monitoring_meeting"}},
               {{"date": "2021-07-15", "kind": "monitoring_meeting"}},
               {{"date": "2021-10-15", "kind": "monitoring_meeting"}},
               {{"date": "2022-01-14", "kind": "monitoring_meeting", "final_before_revisit": true}},
               {{"date": "{day}", "kind": "revisit_started"}}"#
        ))
    };
    let r = revisit("2022-04-18");
    assert_only(&r, Code::RevisitLaterThanUsual, "/events/10/date");
    assert!(r.valid, "info does not make a timeline invalid");
    assert!(
        revisit("2022-04-15").diagnostics.is_empty(),
        "{:#?}",
        revisit("2022-04-15").diagnostics
    );
}

#[test]
fn possibly_late() {
    let submitted = |date: &str| {
        check(&format!(
            r#"{}, {{"date": "{date}", "kind": "wsoa_submitted"}}"#,
            inspected("2020-03-27")
        ))
    };
    // July 2020 may be before or after the 9 July deadline.
    assert_only(&submitted("2020-07"), Code::PossiblyLate, "/events/3/date");
    assert_none(&submitted("2020-07"), Code::WsoaLate);
    assert!(submitted("2020-06").diagnostics.is_empty());
    // August 2020 is certainly late.
    assert!(has(&submitted("2020-08"), Code::WsoaLate));
}

#[test]
fn one_bad_event_does_not_hide_the_rest() {
    let r = check(
        r#"{"date": "2020-02-03", "kind": "inspection_started"},
           {"date": "2020-02-07", "kind": "wsoa_submitted"},
           {"date": "2020-02-07", "kind": "inspection_ended"},
           {"date": "2020-02-30", "kind": "note", "title": "x"},
           {"date": "2020-03-27", "kind": "report_published", "weaknesses": []}"#,
    );
    assert_eq!(
        found(&r),
        vec![
            (Code::TransitionNotAllowed, "/events/1/kind".to_owned()),
            (Code::InvalidDate, "/events/3/date".to_owned()),
        ]
    );
    assert_eq!(r.stage.as_str(), "concluded_no_wsoa");
    assert_eq!((r.events_total, r.events_applied), (5, 4));
}

#[test]
fn anything_at_all_gets_a_report() {
    let deep = "[".repeat(10_000);
    for input in [
        &b""[..],
        b"null",
        b"[]",
        b"\xff\xfe",
        b"{\"schema_version\": 1, \"area\": 5, \"events\": {}}",
        deep.as_bytes(),
    ] {
        let r = validate_json(input, &Options::default());
        assert!(!r.valid, "{:?}", String::from_utf8_lossy(input));
        assert!(!r.diagnostics.is_empty());
    }
}

#[test]
fn leicestershire_revisit_came_about_25_months_after_fit_for_purpose() {
    // 16 October 2020 to 14 November 2022: 24 months and 29 days.
    let monitoring = monitoring("2020-10-16");
    let r = check(&format!(
        r#"{monitoring}, {{"date": "2022-11-14", "kind": "revisit_started"}}"#
    ));
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == Code::RevisitLaterThanUsual)
        .expect("a late revisit");
    assert!(d.message.contains("about 25 months"), "{}", d.message);
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(doc(&inspected("2020-03-27")).as_bytes());
    let r = validate_json(&bytes, &Options::default());
    assert!(r.valid, "{:#?}", r.diagnostics);
}

#[test]
fn any_schema_version_but_the_integer_1_is_unsupported() {
    for version in ["\"1\"", "1.0", "2", "0", "-1", "true", "null"] {
        let text = doc("").replace(
            "\"schema_version\": 1",
            &format!("\"schema_version\": {version}"),
        );
        let r = validate_str(&text, &Options::default());
        assert_only(&r, Code::UnsupportedSchemaVersion, "/schema_version");
    }
}

#[test]
fn after_a_wsoa_not_fit_for_purpose_the_old_deadline_is_not_reported() {
    let r = check(&format!(
        r#"{}, {{"date": "2020-07-01", "kind": "wsoa_submitted"}},
               {{"date": "2020-07-20", "kind": "wsoa_judged", "fit_for_purpose": false}},
               {{"date": "2021-06-01", "kind": "note", "title": "x"}}"#,
        inspected("2020-03-27")
    ));
    assert!(r.valid, "{:#?}", r.diagnostics);
    assert_eq!(r.stage.as_str(), "wsoa_due");
    // The sources give no resubmission deadline, so none is set (a policy setting).
    assert_eq!(r.wsoa_deadline, None);
}

#[test]
fn a_further_revisit_is_awaited_without_quarterly_meetings_and_a_notice_can_be_lifted_later() {
    let r = check(&format!(
        r#"{},
  {{"date": "2021-06-20", "kind": "improvement_notice_issued"}},
  {{"date": "2021-07-01", "kind": "next_steps_determined", "decision": "further_revisit"}},
  {{"date": "2022-03-07", "kind": "revisit_started"}},
  {{"date": "2022-03-08", "kind": "revisit_ended"}},
  {{"date": "2022-04-11", "kind": "revisit_outcome", "judgements": {{"W2": "sufficient"}}}},
  {{"date": "2022-05-03", "kind": "improvement_notice_lifted"}}"#,
        revisited(r#"{"W1": "sufficient", "W2": "insufficient"}"#)
    ));
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(r.stage.as_str(), "concluded_sufficient");
    assert!(!r.improvement_notice_in_force);
}

#[test]
fn app_late() {
    // The sources set no APP deadline; a caller's policy can: here 20 working days from the
    // decision on Thursday 1 July 2021, which is Thursday 29 July 2021.
    let mut policy = send_lifecycle::Policy::default();
    policy.app_deadline_working_days = Some(20);
    let options = Options::default().with_policy(policy);
    let app = |day: &str| {
        validate_str(
            &doc(&format!(
                r#"{},
  {{"date": "2021-07-01", "kind": "next_steps_determined", "decision": "accelerated_progress_plan"}},
  {{"date": "{day}", "kind": "app_submitted"}}"#,
                revisited(r#"{"W1": "sufficient", "W2": "insufficient"}"#)
            )),
            &options,
        )
    };
    assert_only(&app("2021-07-30"), Code::AppLate, "/events/9/date");
    assert!(
        app("2021-07-29").diagnostics.is_empty(),
        "{:#?}",
        app("2021-07-29").diagnostics
    );
}

#[test]
fn every_slip_in_a_letter_is_reported_and_the_rest_of_the_timeline_still_checked() {
    // Two repeated ids: both reported; the report is applied with W1 and W2 once each, so
    // the late submission after it is still found.
    let r = check(
        r#"{"date": "2020-02-03", "kind": "inspection_started"},
           {"date": "2020-02-07", "kind": "inspection_ended"},
           {"date": "2020-03-27", "kind": "report_published",
            "weaknesses": [{"id": "W1", "title": "a"}, {"id": "W1", "title": "b"},
                           {"id": "W2", "title": "c"}, {"id": "W2", "title": "d"}]},
           {"date": "2020-07-10", "kind": "wsoa_submitted"}"#,
    );
    assert_eq!(
        found(&r),
        vec![
            (
                Code::DuplicateWeakness,
                "/events/2/weaknesses/1/id".to_owned()
            ),
            (
                Code::DuplicateWeakness,
                "/events/2/weaknesses/3/id".to_owned()
            ),
            (Code::WsoaLate, "/events/3/date".to_owned()),
        ]
    );
    assert_eq!(r.weaknesses.len(), 2);
    assert_eq!(r.stage.as_str(), "wsoa_under_review");
    assert_eq!(r.events_applied, 4);

    // Two unknown ids and a missing one: all three reported; the known judgement applies.
    let r = check(&revisited(
        r#"{"W1": "sufficient", "W3": "sufficient", "W4": "insufficient"}"#,
    ));
    assert_eq!(
        found(&r),
        vec![
            (Code::MissingJudgement, "/events/7/judgements".to_owned()),
            (Code::UnknownWeakness, "/events/7/judgements/W3".to_owned()),
            (Code::UnknownWeakness, "/events/7/judgements/W4".to_owned()),
        ]
    );
    // W2 was not judged, so progress on it is not sufficient: next steps are awaited.
    assert_eq!(r.stage.as_str(), "awaiting_next_steps");
    assert_eq!(r.weaknesses[0].stage.as_str(), "sufficient");
    assert_eq!(r.weaknesses[1].stage.as_str(), "in_action");
}

//! Rules read each event's span as narrowed by its neighbours — and never a span that
//! neighbours contradicting each other would make up (issue 10, findings 2 and 3).

use send_lifecycle::{validate_str, Code, Options, Report};

fn report(events: &str) -> Report {
    let doc = format!(
        r#"{{"schema_version":1,"area":{{"name":"X","local_authority":"X Council","health_bodies":[{{"kind":"ccg","name":"X CCG"}}]}},"events":[{events}]}}"#
    );
    validate_str(&doc, &Options::default())
}

fn codes(r: &Report) -> Vec<Code> {
    r.diagnostics.iter().map(|d| d.code).collect()
}

/// The reproducer of the issue: an undated start between 2 and 20 March, then a note
/// misdated 6 January. Before the fix the start's window became 6 January – 2 March and
/// `inspection_too_long` was reported as certain ("at least 15 working days").
#[test]
fn a_misdated_event_does_not_make_a_certain_finding_out_of_a_guess() {
    let r = report(
        r#"{"date":"2020-03-02","kind":"note","title":"a"},
           {"date":null,"kind":"inspection_started"},
           {"date":"2020-03-20","kind":"inspection_ended"},
           {"date":"2020-01-06","kind":"note","title":"misdated"}"#,
    );
    assert_eq!(
        codes(&r),
        vec![Code::EventsOutOfOrder],
        "{:#?}",
        r.diagnostics
    );
    assert_eq!(r.diagnostics[0].event_index, Some(3));
}

/// The same neighbours without the misdated note still narrow the undated start: the
/// fieldwork may have lasted one day or fifteen, so nothing is certain either way.
#[test]
fn an_undated_start_between_known_days_is_not_certainly_too_long() {
    let r = report(
        r#"{"date":"2020-03-02","kind":"note","title":"a"},
           {"date":null,"kind":"inspection_started"},
           {"date":"2020-03-20","kind":"inspection_ended"}"#,
    );
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
}

/// A start known to the day, three weeks before its end, is too long for certain.
#[test]
fn a_known_start_three_weeks_before_its_end_is_too_long() {
    let r = report(
        r#"{"date":"2020-03-02","kind":"inspection_started"},
           {"date":"2020-03-20","kind":"inspection_ended"}"#,
    );
    assert_eq!(codes(&r), vec![Code::InspectionTooLong]);
    // 2–20 March 2020: 15 working days (no bank holiday).
    assert!(r.diagnostics[0]
        .message
        .contains("at least 15 working days"));
}

/// An undated publication followed by an event of 1 June 2020 was published by then, so
/// a letter dated 2030 is certainly after it.
#[test]
fn the_letter_is_judged_against_the_narrowed_publication() {
    let r = report(
        r#"{"date":"2020-02-03","kind":"inspection_started"},
           {"date":"2020-02-07","kind":"inspection_ended"},
           {"date":null,"kind":"report_published","weaknesses":[],"letter_date":"2030-01-01"},
           {"date":"2020-06-01","kind":"note","title":"later"}"#,
    );
    assert_eq!(
        codes(&r),
        vec![Code::LetterAfterPublication],
        "{:#?}",
        r.diagnostics
    );
    assert_eq!(r.diagnostics[0].path, "/events/2/letter_date");
    // The message gives the publication's window as narrowed, read as a sentence (it once
    // said "after its publication on on or before 2020-06-01").
    assert!(
        r.diagnostics[0].message.contains(
            "is dated 2030-01-01, after its publication between 2020-02-07 and 2020-06-01;"
        ),
        "{}",
        r.diagnostics[0].message
    );
    // With nothing after it, the publication could be any day from 7 February 2020 on: a
    // letter of 2030 is then not certainly late.
    let open = report(
        r#"{"date":"2020-02-03","kind":"inspection_started"},
           {"date":"2020-02-07","kind":"inspection_ended"},
           {"date":null,"kind":"report_published","weaknesses":[],"letter_date":"2030-01-01"}"#,
    );
    assert!(open.diagnostics.is_empty(), "{:#?}", open.diagnostics);
}

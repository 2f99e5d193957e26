//! What `validate_json` takes in memory on documents built to make it large (issue 10):
//! a small multiple of the input at its peak.
//!
//! A counting global allocator (the `allocation-counter` crate; its `unsafe` lives there)
//! measures the peak heap of one validation. This file is its own test binary, so the
//! counting touches no other test. Time is the benches' business (`benches/adversarial.rs`);
//! heap is counted, not timed, so it is checked here too, for every shape that once grew
//! past its input or might: the benches' three shapes and four more, down to slots of two
//! bytes, at most 4× the input.
//!
//! Two shapes take more. Events whose payload is a box of its own (`"actions":{}` is 12
//! bytes of JSON and a 128-byte `ActionCounts`) are held to 6×: the validator keeps what
//! it read until the replay, so a document of nothing but such members costs what they
//! cost typed. One report listing a megabyte of weaknesses is held to 10×: each
//! weakness (a 48-byte pair of strings for some 23 bytes of JSON) is kept as read, as the
//! engine's item, and in the report, which lists every weakness with its stage — the
//! answer is as large as the question. Both are still linear in the input.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use allocation_counter::measure;
use send_lifecycle::{validate_json, Options};

const HEAD: &str = r#"{"schema_version":1,"area":{"name":"X","local_authority":"X Council","health_bodies":[{"kind":"ccg","name":"X CCG"}]},"events":["#;

/// `HEAD`, then `element` repeated (comma-separated) until the document is about `bytes`
/// long, then the end.
fn repeated(element: &str, bytes: usize) -> String {
    let mut s = HEAD.to_owned();
    let mut first = true;
    while s.len() + element.len() + 3 < bytes {
        if !first {
            s.push(',');
        }
        first = false;
        s.push_str(element);
    }
    s.push_str("]}");
    s
}

/// The peak heap of validating `text`, as a multiple of its length; every shape has
/// findings but one (a report of distinct weaknesses), which `valid` says.
fn peak_of(text: &str, valid: bool) -> f64 {
    let options = Options::default();
    let mut report = None;
    let info = measure(|| {
        report = Some(validate_json(text.as_bytes(), &options).valid);
    });
    assert_eq!(report, Some(valid), "the shape is not what it means to be");
    info.bytes_max as f64 / text.len() as f64
}

fn peak(text: &str) -> f64 {
    peak_of(text, false)
}

const MIB: usize = 1 << 20;

#[test]
fn many_small_events_take_at_most_four_times_their_size() {
    let shapes = [
        // Refused for their kind: a WSoA before any inspection (47 bytes each).
        (
            "refused",
            r#"{"date":"2020-03-27","kind":"wsoa_submitted"}"#,
        ),
        // The smallest events that can be read: no date known (or an impossible one, which
        // is reported and the event kept, undated), a kind with no fields.
        ("smallest", r#"{"date":null,"kind":"stocktake"}"#),
        ("smallest, bad date", r#"{"date":"","kind":"stocktake"}"#),
        // Slots that cannot be read: no date or kind, or not an object at all.
        ("empty objects", "{}"),
        ("numbers", "1"),
        ("unknown kind", r#"{"date":null,"kind":"x"}"#),
    ];
    let mut seen = Vec::new();
    for (name, element) in shapes {
        let text = repeated(element, MIB);
        let ratio = peak(&text);
        seen.push(format!("{name}: {ratio:.2}x"));
        assert!(
            ratio <= 4.0,
            "{name}: peak heap {ratio:.2}x the input ({seen:?})"
        );
    }
    eprintln!("{seen:?}");
}

#[test]
fn dense_payloads_take_a_few_times_their_size() {
    let mut seen = Vec::new();
    for (name, element) in [
        (
            "stocktakes",
            r#"{"date":"","kind":"stocktake","actions":{}}"#,
        ),
        (
            "reviews",
            r#"{"date":null,"kind":"app_review","actions":{}}"#,
        ),
    ] {
        let text = repeated(element, MIB);
        let ratio = peak(&text);
        seen.push(format!("{name}: {ratio:.2}x"));
        assert!(
            ratio <= 6.0,
            "{name}: peak heap {ratio:.2}x the input ({seen:?})"
        );
    }
    // One report listing a megabyte of weaknesses: all with one id (each repeat a finding),
    // or each its own.
    for (name, distinct) in [("repeated weaknesses", false), ("weaknesses", true)] {
        let mut text = format!(
            r#"{HEAD}{{"date":"2020-02-03","kind":"inspection_started"}},{{"date":"2020-02-07","kind":"inspection_ended"}},{{"date":"2020-03-27","kind":"report_published","weaknesses":["#
        );
        let mut i = 0;
        while text.len() < MIB {
            if i > 0 {
                text.push(',');
            }
            let id = if distinct {
                format!("{i:x}")
            } else {
                "a".to_owned()
            };
            text.push_str(&format!(r#"{{"id":"{id}","title":"b"}}"#));
            i += 1;
        }
        text.push_str("]}]}");
        let ratio = peak_of(&text, distinct);
        seen.push(format!("{name}: {ratio:.2}x"));
        assert!(
            ratio <= 10.0,
            "{name}: peak heap {ratio:.2}x the input ({seen:?})"
        );
    }
    eprintln!("{seen:?}");
}

#[test]
fn one_event_repeating_a_member_takes_at_most_four_times_its_size() {
    let mut text = format!(r#"{HEAD}{{"date":"2020-02-03","kind":"inspection_started""#);
    while text.len() < MIB {
        text.push_str(r#","x":0"#);
    }
    text.push_str("}]}");
    let ratio = peak(&text);
    assert!(ratio <= 4.0, "peak heap {ratio:.2}x the input");
}

#[test]
fn many_weaknesses_judged_many_times_take_at_most_four_times_their_size() {
    // 400 weaknesses, a revisit judging all of them 100 times (all but the first refused).
    let n = 400;
    let weaknesses: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id":"W{i}","title":"t"}}"#))
        .collect();
    let judgements: Vec<String> = (0..n)
        .map(|i| format!(r#""W{i}":"insufficient""#))
        .collect();
    let outcome = format!(
        r#"{{"date":"2021-07-01","kind":"revisit_outcome","judgements":{{{}}}}}"#,
        judgements.join(",")
    );
    let text = format!(
        r#"{HEAD}{{"date":"2020-02-03","kind":"inspection_started"}},{{"date":"2020-02-07","kind":"inspection_ended"}},{{"date":"2020-03-27","kind":"report_published","weaknesses":[{}]}},{{"date":"2020-06-01","kind":"wsoa_submitted"}},{{"date":"2020-06-15","kind":"wsoa_judged","fit_for_purpose":true}},{{"date":"2021-06-01","kind":"revisit_started"}},{{"date":"2021-06-03","kind":"revisit_ended"}},{}]}}"#,
        weaknesses.join(","),
        vec![outcome; 100].join(",")
    );
    assert!(text.len() > MIB / 2, "{}", text.len());
    let ratio = peak(&text);
    assert!(ratio <= 4.0, "peak heap {ratio:.2}x the input");
}

//! Structured fuzzing: the input's bytes choose a valid timeline (a walk of the transition
//! table, as in the property tests) and one mutation of it. Checked:
//!
//! - the valid timeline (a 2016 record, a 2023 record or one crossing from 2016 into 2023)
//!   validates with no error, in the stage the walk reached;
//! - the mutated timeline (2016 and 2023 records; crossing records are checked as walked)
//!   is still valid or has an error the mutation can cause;
//! - a rejected event leaves the engine as it was;
//! - every event of the mutated timeline is applied or refused by a diagnostic;
//! - both timelines and their reports round-trip through JSON, and the typed and JSON
//!   validators agree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use send_lifecycle::{validate, validate_json, Lifecycle, Options, Policy, Report, Timeline};

#[path = "../../tests/common/timelines.rs"]
mod timelines;

use timelines::{
    choose_mutation, errors, refused_events, valid_2023_timeline, valid_crossing_timeline,
    valid_timeline, Choices,
};

/// Bytes reserved, at the start of the input, for choosing the mutation.
const MUTATION_BYTES: usize = 8;

/// Checks what holds for any timeline, and returns its report.
fn check_any(timeline: &Timeline, options: &Options) -> Report {
    // The timeline reads back from its JSON.
    let json = match serde_json::to_vec(timeline) {
        Ok(j) => j,
        Err(e) => panic!("a timeline does not serialise: {e}"),
    };
    match serde_json::from_slice::<Timeline>(&json) {
        Ok(back) => assert_eq!(&back, timeline, "timeline → JSON → timeline differs"),
        Err(e) => panic!("a timeline's JSON does not read back: {e}"),
    }
    // The typed and JSON validators agree, and the report reads back from its JSON.
    // They differ only in positions: a JSON text has lines and columns, a typed timeline
    // none.
    let report = validate(timeline, options);
    let mut from_json = validate_json(&json, options);
    for d in &mut from_json.diagnostics {
        (d.line, d.column) = (None, None);
        for r in &mut d.related {
            (r.line, r.column) = (None, None);
        }
    }
    assert_eq!(from_json, report, "typed and JSON validation differ");
    match serde_json::from_str::<Report>(&report.to_json()) {
        Ok(back) => assert_eq!(back, report, "report → JSON → report differs"),
        Err(e) => panic!("a report's JSON does not read back: {e}"),
    }
    // Every event is applied or refused, once.
    let mut refused = refused_events(&report);
    let named = refused.len();
    refused.sort_unstable();
    refused.dedup();
    assert_eq!(refused.len(), named, "an event is refused twice");
    assert_eq!(report.events_total, timeline.events.len());
    assert_eq!(
        report.events_applied + named,
        timeline.events.len(),
        "an event is unaccounted for"
    );
    // A rejected event leaves the engine as it was.
    let mut engine =
        Lifecycle::for_framework(timeline.area.clone(), Policy::default(), timeline.framework);
    for e in &timeline.events {
        let before = engine.clone();
        if engine.apply(e.clone()).is_err() {
            assert_eq!(engine, before, "a rejected event changed the engine");
        }
    }
    report
}

fuzz_target!(|data: &[u8]| {
    let (mutation_bytes, walk_bytes) = data.split_at(data.len().min(MUTATION_BYTES));
    // The first byte picks the walk: a 2016 record, a 2023 record (both mutated below) or a
    // record crossing from 2016 into 2023 (checked as walked: a mutation across the
    // crossing may cause `framework_mismatch`, which the mutations' codes do not list).
    let pick = mutation_bytes.first().copied().unwrap_or(0) % 4;
    let walk = match pick {
        2 => valid_2023_timeline(&mut Choices::new(walk_bytes)),
        3 => valid_crossing_timeline(&mut Choices::new(walk_bytes)),
        _ => valid_timeline(&mut Choices::new(walk_bytes)),
    };
    let options = Options::default();

    let report = check_any(&walk.timeline, &options);
    assert!(
        report.valid,
        "a walked timeline has errors {:?}\n{}",
        errors(&report),
        report.render_human("walk.json")
    );
    // The walk records each transition's `to`; after `framework_changed` that is the 2016
    // record's stage, while the report gives the 2023 record's, so a crossing record is
    // held to an engine's replay instead (as in tests/properties.rs).
    if pick == 3 {
        let mut engine = Lifecycle::new(walk.timeline.area.clone(), Policy::default());
        for e in &walk.timeline.events {
            assert!(engine.apply(e.clone()).is_ok(), "a walked event is refused");
        }
        assert_eq!(
            report.stage,
            engine.stage(),
            "the validator's stage differs from a replay's"
        );
    } else if let Some(last) = walk.stages.last() {
        assert_eq!(
            report.stage, *last,
            "the validator's stage differs from the walk's"
        );
    }

    if pick == 3 {
        return;
    }
    let Some(mutation) = choose_mutation(&mut Choices::new(mutation_bytes), &walk.timeline) else {
        return;
    };
    let mutated = mutation.apply(&walk.timeline);
    let report = check_any(&mutated, &options);
    let found = errors(&report);
    assert!(
        report.valid || found.iter().any(|c| mutation.expected().contains(c)),
        "{mutation:?} expected one of {:?}, found {found:?}\n{}",
        mutation.expected(),
        report.render_human("mutated.json")
    );
});

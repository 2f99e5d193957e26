//! Generators (proptest strategies) shared by the property tests: dates of every precision,
//! valid timelines walked from the transition table, mutations of them, arbitrary timelines
//! and arbitrary bytes.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

pub mod timelines;

use chrono::NaiveDate;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::RngSeed;
use send_lifecycle::{
    ActionCounts, Area, Event, EventDate, EventDetail, Framework, HealthBody, HealthBodyKind,
    Judgement, NextStep, Progress, Rag, Timeline, Weakness,
};

use timelines::{choose_mutation, valid_2023_timeline, valid_timeline, Choices, Mutation, Walk};

/// The seed used unless `PROPTEST_RNG_SEED` says otherwise: CI runs the same cases every time.
pub const DEFAULT_SEED: u64 = 0x5E4D_2016;

/// The number of cases comes from `PROPTEST_CASES` (proptest's default config reads it; 256
/// when unset); the seed from `PROPTEST_RNG_SEED`, else [`DEFAULT_SEED`]. Failures are not
/// persisted to files: a failing case is printed, and the fixed seed reproduces it.
pub fn config() -> ProptestConfig {
    let default = ProptestConfig::default();
    let rng_seed = match default.rng_seed {
        RngSeed::Random => RngSeed::Fixed(DEFAULT_SEED),
        chosen => chosen,
    };
    ProptestConfig {
        failure_persistence: None,
        rng_seed,
        ..default
    }
}

/// A day in `years` (mostly 2010–2030 when that lies within).
pub fn day_in(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = NaiveDate> {
    let (lo, hi) = (*years.start(), *years.end());
    let recent = (lo.max(2010), hi.min(2030));
    let year = if recent.0 <= recent.1 {
        prop_oneof![3 => recent.0..=recent.1, 1 => lo..=hi].boxed()
    } else {
        (lo..=hi).boxed()
    };
    (year, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
        // Clamp the day to the month's length.
        (0..4)
            .find_map(|back| NaiveDate::from_ymd_opt(y, m, d - back))
            .unwrap_or(NaiveDate::MIN)
    })
}

/// Dates of every precision: a day, a month, a year (0000–9999) or unknown.
pub fn event_date() -> impl Strategy<Value = EventDate> {
    prop_oneof![
        6 => day_in(0..=9999).prop_map(EventDate::Day),
        2 => (prop_oneof![3 => 2010i32..=2030, 1 => 0i32..=9999], 1u32..=12)
            .prop_map(|(year, month)| EventDate::Month { year, month }),
        1 => prop_oneof![3 => 2010i32..=2030, 1 => 0i32..=9999].prop_map(EventDate::Year),
        1 => Just(EventDate::Unknown),
    ]
}

/// A valid timeline: the walk of the table (default profile) the choice bytes lead to.
pub fn walk() -> impl Strategy<Value = Walk> {
    vec(any::<u8>(), 0..1500).prop_map(|bytes| valid_timeline(&mut Choices::new(&bytes)))
}

/// A valid timeline and one mutation of it.
pub fn mutated() -> impl Strategy<Value = (Walk, Mutation)> {
    (walk(), vec(any::<u8>(), 8)).prop_filter_map("an empty timeline has no mutation", |(w, b)| {
        let m = choose_mutation(&mut Choices::new(&b), &w.timeline)?;
        Some((w, m))
    })
}

/// A valid timeline of the 2023 area SEND framework: the walk of its table
/// ([`timelines::Anything2023`]) the choice bytes lead to.
pub fn walk_2023() -> impl Strategy<Value = Walk> {
    vec(any::<u8>(), 0..1500).prop_map(|bytes| valid_2023_timeline(&mut Choices::new(&bytes)))
}

/// A valid 2023-framework timeline and one mutation of it (the mutations are the 2016
/// walk's: those that reorder, drop, repeat or redate events apply to any timeline).
pub fn mutated_2023() -> impl Strategy<Value = (Walk, Mutation)> {
    (walk_2023(), vec(any::<u8>(), 8)).prop_filter_map(
        "an empty timeline has no mutation",
        |(w, b)| {
            let m = choose_mutation(&mut Choices::new(&b), &w.timeline)?;
            Some((w, m))
        },
    )
}

/// Text of any kind: blank, short Unicode, or the walk's texts.
pub fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        1 => Just("  \t".to_owned()),
        3 => "\\PC{1,20}",
        3 => select(timelines::WEAKNESS_IDS).prop_map(str::to_owned),
    ]
}

fn weakness_id() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(timelines::WEAKNESS_IDS).prop_map(str::to_owned),
        1 => Just(String::new()),
        1 => "[a-z/~]{1,3}",
    ]
}

fn health_body() -> impl Strategy<Value = HealthBody> {
    (
        select(&[HealthBodyKind::Ccg, HealthBodyKind::Icb][..]),
        any_text(),
    )
        .prop_map(|(kind, name)| HealthBody { kind, name })
}

fn count() -> impl Strategy<Value = Option<u64>> {
    option::of(prop_oneof![3 => 0u64..60, 1 => any::<u64>()])
}

/// Any finite number: floats must survive a trip through JSON exactly.
fn finite_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        2 => -10.0f64..110.0,
        1 => (0u32..=1000).prop_map(|n| f64::from(n) / 10.0),
        1 => prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO,
    ]
}

fn any_actions() -> impl Strategy<Value = Option<ActionCounts>> {
    option::of(
        (
            (count(), count(), count(), count()),
            option::of(finite_f64()),
            option::of(
                (count(), count(), count()).prop_map(|(red, amber, green)| Rag {
                    red,
                    amber,
                    green,
                }),
            ),
        )
            .prop_map(
                |((total, underway, completed, delayed), underway_percent, rag)| ActionCounts {
                    total,
                    underway,
                    completed,
                    delayed,
                    underway_percent,
                    rag,
                },
            ),
    )
}

/// Any event detail, with any fields.
pub fn any_detail() -> impl Strategy<Value = EventDetail> {
    use EventDetail as D;
    let fieldless = select(vec![
        D::InspectionNotified,
        D::InspectionStarted,
        D::InspectionEnded,
        D::ReportReceived,
        D::WsoaSubmitted,
        D::RevisitNotified,
        D::RevisitStarted,
        D::RevisitEnded,
        D::AppSubmitted,
        D::ImprovementNoticeIssued,
        D::ImprovementNoticeLifted,
    ]);
    let progress = select(&[Progress::Sufficient, Progress::Insufficient][..]);
    prop_oneof![
        6 => fieldless,
        2 => (
            vec((weakness_id(), any_text()).prop_map(|(id, title)| Weakness::new(id, title)), 0..5),
            option::of(event_date()),
        )
            .prop_map(|(weaknesses, letter_date)| D::report(weaknesses, letter_date)),
        1 => (day_in(0..=9999), option::of(any_text()))
            .prop_map(|(new_deadline, reason)| D::WsoaDeadlineRevised { new_deadline, reason }),
        1 => any::<bool>().prop_map(|fit_for_purpose| D::WsoaJudged { fit_for_purpose }),
        1 => (any_actions(), option::of(any::<bool>())).prop_map(|(actions, final_before_revisit)| {
            D::MonitoringMeeting { actions: actions.map(Box::new), final_before_revisit }
        }),
        2 => vec((weakness_id(), progress).prop_map(|(w, p)| Judgement::new(w, p)), 0..5)
            .prop_map(D::revisit_outcome),
        1 => select(NextStep::ALL).prop_map(|decision| D::NextStepsDetermined { decision }),
        1 => any::<bool>().prop_map(|fit_for_purpose| D::AppJudged { fit_for_purpose }),
        1 => any_actions().prop_map(|actions| D::AppReview { actions: actions.map(Box::new) }),
        1 => vec(health_body(), 1..3).prop_map(|health_bodies| D::HealthBodyChanged { health_bodies }),
        1 => any_text().prop_map(|title| D::Note { title }),
    ]
}

/// Any event: any date, any detail, any citation and note.
pub fn any_event() -> impl Strategy<Value = Event> {
    (
        event_date(),
        any_detail(),
        option::of(any_text()),
        option::of(any_text()),
    )
        .prop_map(|(date, detail, source, note)| Event {
            date,
            detail,
            source,
            note,
        })
}

/// An arbitrary timeline: any area, and any events in any order.
pub fn arbitrary_timeline() -> impl Strategy<Value = Timeline> {
    (
        any_text(),
        any_text(),
        vec(health_body(), 1..3),
        vec(any_event(), 0..30),
    )
        .prop_map(|(name, local_authority, health_bodies, events)| Timeline {
            schema_version: 1,
            framework: Framework::default(),
            coverage: Default::default(),
            area: Area {
                name,
                local_authority,
                health_bodies,
            },
            events,
        })
}

/// Arbitrary events spliced into a valid timeline: deep stages, then anything.
pub fn spliced_timeline() -> impl Strategy<Value = Timeline> {
    (
        walk(),
        vec((any::<prop::sample::Index>(), any_event()), 1..6),
    )
        .prop_map(|(w, extra)| {
            let mut t = w.timeline;
            for (at, e) in extra {
                let i = at.index(t.events.len() + 1);
                t.events.insert(i, e);
            }
            t
        })
}

/// Any timeline: arbitrary, a mutated valid one, a valid one with arbitrary events spliced
/// in, or a valid one.
pub fn any_timeline() -> impl Strategy<Value = Timeline> {
    prop_oneof![
        3 => arbitrary_timeline(),
        3 => mutated().prop_map(|(w, m)| m.apply(&w.timeline)),
        3 => spliced_timeline(),
        1 => walk().prop_map(|w| w.timeline),
    ]
}

/// The format's own words, for JSON that is nearly a timeline.
const WORDS: &[&str] = &[
    "schema_version",
    "framework",
    "area",
    "events",
    "name",
    "local_authority",
    "health_bodies",
    "kind",
    "date",
    "source",
    "note",
    "weaknesses",
    "id",
    "title",
    "letter_date",
    "new_deadline",
    "reason",
    "fit_for_purpose",
    "actions",
    "total",
    "underway",
    "completed",
    "delayed",
    "underway_percent",
    "rag",
    "red",
    "amber",
    "green",
    "final_before_revisit",
    "judgements",
    "decision",
    "ccg",
    "icb",
    "W1",
    "sufficient",
    "insufficient",
    "inspection_started",
    "inspection_ended",
    "report_published",
    "wsoa_submitted",
    "wsoa_judged",
    "revisit_outcome",
    "next_steps_determined",
    "further_revisit",
    "accelerated_progress_plan",
    "note",
    "2020-02-03",
    "2021-10",
    "2018",
    "2021-02-30",
    "local_area_send_2016",
];

/// JSON values built from the format's own words, nested a little.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;

    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-2i64..100).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        finite_f64().prop_map(Value::from),
        select(WORDS).prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            vec((select(WORDS), inner), 0..6).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

/// Arbitrary bytes: noise, JSON in the format's words, and timelines' JSON cut short or with
/// a few bytes changed.
pub fn any_bytes() -> impl Strategy<Value = Vec<u8>> {
    let edited = (
        any_timeline(),
        vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 0..3),
    )
        .prop_map(|(t, edits)| {
            let mut bytes = serde_json::to_vec(&t).unwrap_or_default();
            for (at, b, op) in edits {
                let i = at.index(bytes.len() + 1);
                match op {
                    0 => bytes.insert(i, b),
                    1 if i < bytes.len() => bytes[i] = b,
                    _ if i < bytes.len() => {
                        bytes.remove(i);
                    }
                    _ => {}
                }
            }
            bytes
        });
    let cut = (any_timeline(), any::<prop::sample::Index>()).prop_map(|(t, at)| {
        let bytes = serde_json::to_vec(&t).unwrap_or_default();
        let i = at.index(bytes.len() + 1);
        bytes[..i].to_vec()
    });
    // A field of one event (or of the document) replaced by any JSON value.
    let replaced = (
        walk(),
        any::<prop::sample::Index>(),
        select(WORDS),
        json_value(),
    )
        .prop_map(|(w, at, key, value)| {
            let mut doc = serde_json::to_value(&w.timeline).unwrap_or_default();
            let n = w.timeline.events.len();
            let target = match doc.get_mut("events").and_then(|e| e.as_array_mut()) {
                Some(events) if n > 0 => events.get_mut(at.index(n)),
                _ => None,
            };
            let object = match target {
                Some(event) => event.as_object_mut(),
                None => doc.as_object_mut(),
            };
            if let Some(object) = object {
                object.insert(key.to_owned(), value);
            }
            serde_json::to_vec(&doc).unwrap_or_default()
        });
    prop_oneof![
        1 => vec(any::<u8>(), 0..512),
        2 => json_value().prop_map(|v| serde_json::to_vec(&v).unwrap_or_default()),
        2 => edited,
        1 => cut,
        3 => replaced,
    ]
}

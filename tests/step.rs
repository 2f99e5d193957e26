//! The engine is the only judge of a step: `Lifecycle::judge` gives the row, every payload
//! problem with its place, the cleaned payload and the order verdict, and the validator
//! reports what that verdict says — no more, no less.

use send_lifecycle::{
    validate, Area, Code, EngineSettings, Event, EventDate, EventDetail, Framework, HealthBody,
    HealthBodyKind, Lifecycle, OnProblem, Options, OrderBasis, Policy, RejectionReason, Stage,
    Timeline, Weakness,
};

fn day(s: &str) -> EventDate {
    EventDate::parse(s).unwrap_or(EventDate::Unknown)
}

/// The area of testdata/leicestershire.json.
fn leicestershire() -> Area {
    Area::new(
        "Leicestershire",
        "Leicestershire County Council",
        [HealthBody::new(
            HealthBodyKind::Ccg,
            "Leicestershire Clinical Commissioning Group",
        )],
    )
}

fn timeline(events: Vec<Event>) -> Timeline {
    Timeline {
        schema_version: 1,
        framework: Framework::default(),
        coverage: Default::default(),
        area: leicestershire(),
        events,
    }
}

fn codes(t: &Timeline) -> Vec<(Code, Option<usize>)> {
    validate(t, &Options::default())
        .diagnostics
        .iter()
        .map(|d| (d.code, d.event_index))
        .collect()
}

/// The disagreement of issue 9: the validator reported `events_out_of_order` on event 2
/// while `Lifecycle::apply` accepted it. Order is judged against the events applied, by
/// both: event 1 was refused, so it does not make event 2 out of order.
#[test]
fn the_validator_and_the_engine_judge_order_against_the_same_events() {
    let events = vec![
        Event::new(day("2020-02-03"), EventDetail::InspectionStarted),
        Event::new(day("2025-01-01"), EventDetail::WsoaSubmitted),
        Event::new(day("2020-02-07"), EventDetail::InspectionEnded),
    ];
    let found = codes(&timeline(events.clone()));
    assert_eq!(found, vec![(Code::TransitionNotAllowed, Some(1))]);

    let mut engine = Lifecycle::new(leicestershire(), Policy::default());
    assert!(engine.apply(events[0].clone()).is_ok());
    assert!(engine.apply(events[1].clone()).is_err());
    assert!(engine.apply(events[2].clone()).is_ok());
    assert_eq!(engine.stage(), Stage::AwaitingReport);
}

/// Under the other basis, a refused event still counts for the order of the next — in the
/// engine as the setting says.
#[test]
fn order_against_the_events_listed_is_an_explicit_setting() {
    let settings = EngineSettings::default().order_basis(OrderBasis::Listed);
    let mut engine = Lifecycle::with_settings(leicestershire(), Policy::default(), settings);
    assert!(engine
        .apply(Event::new(
            day("2020-02-03"),
            EventDetail::InspectionStarted
        ))
        .is_ok());
    assert!(engine
        .apply(Event::new(day("2025-01-01"), EventDetail::WsoaSubmitted))
        .is_err());
    let refused = engine.apply(Event::new(day("2020-02-07"), EventDetail::InspectionEnded));
    match refused {
        Err(r) => assert!(
            matches!(
                r.reason(),
                RejectionReason::OutOfOrder {
                    previous_index: 1,
                    ..
                }
            ),
            "{r}"
        ),
        Ok(t) => panic!("listed order should refuse it, but it applied: {t:?}"),
    }
}

/// Every repeat is reported once, at its own position, and the report is applied without
/// the repeats — so `[W1, W1, W1]` names `/weaknesses/1/id` and `/weaknesses/2/id`.
#[test]
fn each_repeated_id_is_named_at_its_own_position() {
    let report_with = |ids: &[&str]| {
        EventDetail::report(
            ids.iter()
                .map(|id| Weakness::new(*id, "a weakness"))
                .collect(),
            None,
        )
    };
    let events = vec![
        Event::new(day("2020-02-03"), EventDetail::InspectionStarted),
        Event::new(day("2020-02-07"), EventDetail::InspectionEnded),
        Event::new(day("2020-03-27"), report_with(&["W1", "W1", "W1"])),
    ];
    let report = validate(&timeline(events.clone()), &Options::default());
    let paths: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::DuplicateWeakness)
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        paths,
        ["/events/2/weaknesses/1/id", "/events/2/weaknesses/2/id"]
    );
    assert_eq!(report.stage, Stage::WsoaDue);
    assert_eq!(report.weaknesses.len(), 1);

    // The engine's verdict says the same, with the cleaned payload.
    let mut engine = Lifecycle::new(leicestershire(), Policy::default());
    for e in &events[..2] {
        assert!(engine.apply(e.clone()).is_ok());
    }
    let verdict = engine.judge(&events[2]);
    let Ok(verdict) = verdict else {
        panic!("the table allows a report here: {verdict:?}");
    };
    assert_eq!(verdict.payload_problems().len(), 2);
    assert_eq!(verdict.to(), Stage::WsoaDue);
    assert_eq!(
        verdict.cleaned(),
        Some(&report_with(&["W1"])),
        "the cleaned payload keeps the first of each id"
    );
    // Strict by default, the engine refuses the event whole; lenient, it applies the
    // cleaned payload.
    assert!(engine.clone().apply(events[2].clone()).is_err());
    let mut lenient = Lifecycle::with_settings(
        leicestershire(),
        Policy::default(),
        EngineSettings::default().on_payload_problem(OnProblem::ApplyAndReport),
    );
    for e in &events {
        assert!(lenient.apply(e.clone()).is_ok());
    }
    assert_eq!(lenient.weaknesses().len(), 1);
}

/// An out-of-order event's diagnostic names the earlier event it contradicts as a related
/// place.
#[test]
fn an_out_of_order_event_points_at_the_event_it_contradicts() {
    let events = vec![
        Event::new(day("2020-02-03"), EventDetail::InspectionStarted),
        Event::new(day("2020-01-31"), EventDetail::InspectionEnded),
    ];
    let report = validate(&timeline(events), &Options::default());
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == Code::EventsOutOfOrder);
    let Some(d) = d else {
        panic!("no events_out_of_order in {:?}", report.diagnostics);
    };
    assert_eq!(d.path, "/events/1/date");
    assert_eq!(d.related.len(), 1);
    assert_eq!(d.related[0].path, "/events/0/date");
}

/// The area these tests (and the crate's doctests) build by hand is the one the real
/// timeline gives.
#[test]
fn the_hand_built_area_is_the_real_timelines() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/leicestershire.json");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let real: Timeline = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(real.area, leicestershire());
}

//! Replaying, through `Lifecycle::apply`, the events the validator applied gives the same
//! stage and the same weakness stages after every event: the validator has no reading of
//! the lifecycle of its own.

mod common;

use proptest::prelude::*;
use send_lifecycle::{
    validate_traced, EngineSettings, Lifecycle, OnProblem, Options, Policy, Timeline,
};

use common::{any_timeline, config, mutated, mutated_2023, walk, walk_2023};

fn replays_the_same(t: &Timeline) -> Result<(), TestCaseError> {
    let (_, applied) = validate_traced(t, &Options::default());
    // The validator applies an out-of-order event as dated, and a payload without its
    // offending entries (a weakness left unjudged keeps its stage), reporting both. The
    // engine replays under the same settings.
    let settings = EngineSettings::default()
        .on_out_of_order(OnProblem::ApplyAndReport)
        .on_payload_problem(OnProblem::ApplyAndReport);
    // The record starts under the timeline's framework (the 2016 one unless it says).
    let mut engine = Lifecycle::start(t.area.clone(), Policy::default(), settings, t.framework);
    for a in applied {
        let result = engine.apply(a.event.clone());
        prop_assert!(
            result.is_ok(),
            "event {} applied by the validator, refused by the engine: {:?}",
            a.index,
            result
        );
        prop_assert_eq!(engine.stage(), a.stage, "stage after event {}", a.index);
        prop_assert_eq!(
            engine.weaknesses(),
            a.weaknesses.as_slice(),
            "weaknesses after event {}",
            a.index
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// On valid generated timelines.
    #[test]
    fn the_engine_replays_what_the_validator_applied_on_valid_timelines(w in walk()) {
        replays_the_same(&w.timeline)?;
    }

    /// On valid timelines with one mutation each.
    #[test]
    fn the_engine_replays_what_the_validator_applied_on_mutated_timelines((w, m) in mutated()) {
        replays_the_same(&m.apply(&w.timeline))?;
    }

    /// On valid generated 2023-framework timelines.
    #[test]
    fn the_engine_replays_what_the_validator_applied_on_valid_2023_timelines(w in walk_2023()) {
        replays_the_same(&w.timeline)?;
    }

    /// On valid 2023-framework timelines with one mutation each.
    #[test]
    fn the_engine_replays_what_the_validator_applied_on_mutated_2023_timelines((w, m) in mutated_2023()) {
        replays_the_same(&m.apply(&w.timeline))?;
    }

    /// On arbitrary timelines.
    #[test]
    fn the_engine_replays_what_the_validator_applied_on_any_timeline(t in any_timeline()) {
        replays_the_same(&t)?;
    }
}

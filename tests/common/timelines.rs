//! The one generator of valid timelines, and single mutations of them.
//!
//! Shared by the property tests (`tests/common/mod.rs`), the benches and the allocation test
//! (`benches/support/timelines.rs`, which `tests/alloc.rs` includes too) and the structured
//! fuzz target (`fuzz/fuzz_targets/mutate_timeline.rs`). Each includes this file with
//! `#[path = "…"] mod …;` rather than through a crate of its own, because a test-support
//! crate would have to be published or path-depended on by the library's dev-dependencies
//! and the fuzz workspace alike; a file depends on nothing but the library, `chrono` and
//! `std`, which all three have.
//!
//! Everything here is driven by a stream of choices ([`Choices`]): bytes that proptest
//! generates and shrinks or libFuzzer mutates, or an endless seeded stream for the benches
//! (the same seed builds the same timeline on every run).
//!
//! [`walk`] reads the transition table through the engine: at each step it takes the event
//! kinds [`allowed_events`] gives for the engine's stage, picks one (weighted by a
//! [`Profile`]), builds an event of that kind, asks [`Lifecycle::check`] whether it applies
//! and to what stage, and applies it. A row added to the table is therefore walked without
//! any change here, unless it brings a new kind of event (then [`row_is_buildable`] says no
//! and the coverage test names the row). A profile says how a walk is shaped: how far it
//! goes, which kinds it favours where, the gaps between dates, the payloads. [`Anything`],
//! the default, reaches every row from every stage; the benches' profiles shape realistic
//! lifecycles.
//!
//! The walk asks the engine, so it is no oracle for the engine: the independent reading of
//! the rules, written from the contract, is `tests/differential.rs`.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use chrono::{Datelike, Days, NaiveDate};
use send_lifecycle::{
    allowed_events, ActionCounts, ActionJudgement, Area, Code, Declaration, Effectiveness,
    EffectivenessCounts, Event, EventDate, EventDetail, EventKind, Framework, HealthBody,
    HealthBodyKind, Improvement, Judgement, Lifecycle, NextStep, Outcome, Policy, PriorityAction,
    Progress, Rag, Report, Rule, Severity, Stage, Timeline, Weakness, WeaknessStage,
    WeaknessTrigger, WEAKNESS_TRANSITIONS,
};

/// The codes of a report's errors.
pub fn errors(report: &Report) -> Vec<Code> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .map(|d| d.code)
        .collect()
}

/// The codes under which the validator refuses an event (the event is then not applied).
/// (A payload that contradicts the weaknesses held — duplicate_weakness, unknown_weakness,
/// missing_judgement, rejudged_weakness — is reported, and the event applied without the
/// offending entries, so those codes do not refuse.)
pub const REFUSALS: &[Code] = &[Code::TransitionNotAllowed];

/// The events a report says were refused, in report order (an event may appear twice only
/// if the validator is wrong).
pub fn refused_events(report: &Report) -> Vec<usize> {
    report
        .diagnostics
        .iter()
        .filter(|d| REFUSALS.contains(&d.code))
        .filter_map(|d| d.event_index)
        .collect()
}

/// Where the choices come from.
#[derive(Debug, Clone)]
enum Source<'a> {
    /// Given bytes; past their end every choice is 0, the first option.
    Bytes(&'a [u8]),
    /// SplitMix64 from a seed: endless, and the same for the same seed.
    Seeded(u64),
}

/// A stream of choices.
#[derive(Debug, Clone)]
pub struct Choices<'a> {
    source: Source<'a>,
    at: usize,
}

impl<'a> Choices<'a> {
    /// Choices read from `bytes`.
    pub fn new(bytes: &'a [u8]) -> Choices<'a> {
        Choices {
            source: Source::Bytes(bytes),
            at: 0,
        }
    }

    /// An endless stream of choices from `seed` (for the benches).
    pub fn seeded(seed: u64) -> Choices<'static> {
        Choices {
            source: Source::Seeded(seed),
            at: 0,
        }
    }

    /// Whether every byte has been used (never, for a seeded stream).
    pub fn is_exhausted(&self) -> bool {
        match self.source {
            Source::Bytes(bytes) => self.at >= bytes.len(),
            Source::Seeded(_) => false,
        }
    }

    /// The next byte (0 past the end).
    pub fn byte(&mut self) -> u8 {
        let b = match &mut self.source {
            Source::Bytes(bytes) => bytes.get(self.at).copied().unwrap_or(0),
            Source::Seeded(state) => {
                *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = *state;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                (z ^ (z >> 31)) as u8
            }
        };
        self.at = self.at.saturating_add(1);
        b
    }

    /// A number in `0..n` (0 when `n` is 0 or 1).
    pub fn below(&mut self, n: usize) -> usize {
        match n {
            0 | 1 => 0,
            2..=256 => usize::from(self.byte()) % n,
            _ => (usize::from(self.byte()) << 8 | usize::from(self.byte())) % n,
        }
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        let span = hi.saturating_sub(lo).saturating_add(1);
        lo + self.below(usize::try_from(span).unwrap_or(usize::MAX)) as u64
    }

    /// True about `percent` times in a hundred.
    pub fn chance(&mut self, percent: u32) -> bool {
        u32::from(self.byte()) * 100 < percent * 256
    }

    /// One of `items` (which must not be empty).
    pub fn pick<'b, T>(&mut self, items: &'b [T]) -> &'b T {
        let i = self.below(items.len());
        &items[i]
    }
}

/// The most events one walk of the default profile produces.
pub const MAX_EVENTS: usize = 60;

/// A valid timeline, with the stages and rows the walk went through.
#[derive(Debug, Clone, PartialEq)]
pub struct Walk {
    /// The timeline.
    pub timeline: Timeline,
    /// The stage after each event, as the engine gave it.
    pub stages: Vec<Stage>,
    /// For each event, the index of the row of the transition table it applied by, and the
    /// stage it applied in.
    pub rows: Vec<(usize, Stage)>,
}

/// Where a walk is, as a profile sees it.
#[derive(Debug, Clone)]
pub struct Place<'a> {
    /// The framework the walk is in (the one [`Profile::framework`] chose).
    pub framework: Framework,
    /// The stage the area is in.
    pub stage: Stage,
    /// Events so far.
    pub events: usize,
    /// The kind of the last event, and how many events of that kind end the walk so far.
    pub last: Option<(EventKind, usize)>,
    /// How many times the area has entered this stage (1 the first time).
    pub visits: usize,
    /// The weaknesses of the report (in a 2023 walk: the latest report's areas for priority
    /// action listed by id), with their stages.
    pub weaknesses: &'a [(String, WeaknessStage)],
    /// In a 2023 walk, how many areas for priority action the latest report gave only as a
    /// count (`priority_action_count`), if it gave them so.
    pub counted: Option<u64>,
    /// Events of each kind since the area last entered its stage.
    in_stage: &'a [(EventKind, usize)],
}

impl Place<'_> {
    /// Events of `kind` since the area last entered its stage.
    pub fn count(&self, kind: EventKind) -> usize {
        self.in_stage
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    }

    /// Whether the last event was of `kind`.
    pub fn after(&self, kind: EventKind) -> bool {
        self.last.is_some_and(|(k, _)| k == kind)
    }

    /// The weaknesses a revisit must judge: those a judgement can still move (per
    /// [`WEAKNESS_TRANSITIONS`]). In a 2023 walk, the latest report's areas for priority
    /// action a monitoring inspection must judge: those the 2023 item table still lets a
    /// `judged_effective` judgement move.
    pub fn pending(&self) -> Vec<String> {
        if self.framework == Framework::AreaSend2023 {
            let rows = Declaration::of(Framework::AreaSend2023).item_rows();
            return self
                .weaknesses
                .iter()
                .filter(|(_, s)| {
                    rows.iter()
                        .any(|r| r.from() == *s && r.trigger() == WeaknessTrigger::JudgedEffective)
                })
                .map(|(id, _)| id.clone())
                .collect();
        }
        self.weaknesses
            .iter()
            .filter(|(_, s)| {
                WEAKNESS_TRANSITIONS
                    .iter()
                    .any(|r| r.from() == *s && r.trigger() == WeaknessTrigger::JudgedSufficient)
            })
            .map(|(id, _)| id.clone())
            .collect()
    }
}

/// Whether `kind` is allowed in every stage (notes, health body changes).
pub fn everywhere(kind: EventKind) -> bool {
    static EVERYWHERE: std::sync::OnceLock<Vec<EventKind>> = std::sync::OnceLock::new();
    EVERYWHERE
        .get_or_init(|| {
            EventKind::ALL
                .iter()
                .copied()
                .filter(|k| Stage::ALL.iter().all(|s| allowed_events(*s).contains(k)))
                .collect()
        })
        .contains(&kind)
}

/// Whether `kind` is allowed in every stage of `framework`'s declaration. For the 2016
/// framework this is [`everywhere`] (kept as it was, so that 2016 walks are unchanged).
pub fn everywhere_in(framework: Framework, kind: EventKind) -> bool {
    if framework == Framework::LocalAreaSend2016 {
        return everywhere(kind);
    }
    let d = Declaration::of(framework);
    d.stages()
        .iter()
        .all(|s| d.allowed_events(*s).contains(&kind))
}

/// How a walk is shaped. Every method has a default: together they are [`Anything`], the
/// property tests' profile, which reaches every row of the table from every stage.
pub trait Profile {
    /// The framework the walk's record is in from its start (2016–2022 by default). Read
    /// once, before anything else; the default reads no choice, so profiles that keep it
    /// walk exactly as they did before 2023 walks existed.
    fn framework(&self, _c: &mut Choices<'_>) -> Framework {
        Framework::LocalAreaSend2016
    }

    /// The most events.
    fn max_events(&self) -> usize {
        MAX_EVENTS
    }

    /// Per cent chance of stopping here, before the next event.
    fn stop_percent(&self, place: &Place<'_>) -> u32 {
        if place.stage.is_terminal() {
            70
        } else {
            0
        }
    }

    /// Whether the walk may record the move to the 2023 framework (`framework_changed`)
    /// here. By default never: the walk stays in the framework it started in. A crossing
    /// profile ([`Crossing`]) allows it only where the 2016 record is not yet inspected or
    /// has concluded, so that no 2016 record is kept open beside the 2023 one.
    fn may_cross(&self, _place: &Place<'_>) -> bool {
        false
    }

    /// How much to favour `kind` next, among the kinds the table allows here (0: never).
    /// By default the kinds allowed everywhere come up about one time in ten.
    fn weight(&self, place: &Place<'_>, kind: EventKind) -> u32 {
        if everywhere_in(place.framework, kind) || kind == EventKind::WsoaSignedOff {
            // Signing off ends the lifecycle: rare, so that walks still reach revisits.
            1
        } else {
            9
        }
    }

    /// Per cent chance, when an event would end the lifecycle, of building another payload
    /// for it (which may go on instead), so that walks reach the later stages.
    fn rebuild_ending_percent(&self) -> u32 {
        75
    }

    /// The first event's day.
    fn first_day(&self, c: &mut Choices<'_>) -> NaiveDate {
        let base = ymd(2015, 1, 1);
        base.checked_add_days(Days::new(c.between(0, 8 * 365)))
            .unwrap_or(base)
    }

    /// The first event's day of a walk in `framework`: [`Profile::first_day`] for the 2016
    /// framework; for the 2023 framework a day of 2023–2025, never before it came into
    /// force on 1 January 2023 (an earlier 2023 event is a `framework_anachronism`).
    fn first_day_in(&self, c: &mut Choices<'_>, framework: Framework) -> NaiveDate {
        if framework == Framework::LocalAreaSend2016 {
            return self.first_day(c);
        }
        let base = area_send_2023_start();
        base.checked_add_days(Days::new(c.between(0, 3 * 365)))
            .unwrap_or(base)
    }

    /// The days between the event before and an event of `kind`.
    fn gap_days(&self, _place: &Place<'_>, kind: EventKind) -> (u64, u64) {
        match kind {
            EventKind::InspectionNotified => (0, 60),
            EventKind::InspectionStarted => (0, 9),
            EventKind::InspectionEnded => (0, 6),
            EventKind::ReportReceived => (14, 70),
            EventKind::ReportPublished => (0, 80),
            EventKind::WsoaDeadlineRevised => (0, 40),
            EventKind::WsoaSubmitted => (20, 110),
            EventKind::WsoaJudged => (5, 60),
            EventKind::MonitoringMeeting => (30, 120),
            EventKind::RevisitNotified => (30, 500),
            EventKind::RevisitStarted => (0, 20),
            EventKind::RevisitEnded => (0, 5),
            EventKind::RevisitOutcome => (10, 60),
            EventKind::NextStepsDetermined => (10, 120),
            EventKind::AppSubmitted => (10, 120),
            EventKind::AppJudged => (5, 60),
            EventKind::AppReview => (30, 200),
            // The 2023 framework: the PAP within its 35 working days of receipt (49
            // calendar days at most) and published within 70, stocktakes about six-monthly
            // (the gap warnings are only warnings, but a realistic walk avoids most).
            EventKind::StrategicPlanPublished => (10, 90),
            EventKind::PapSubmitted => (5, 40),
            EventKind::PapJudged => (5, 40),
            EventKind::PapPublished => (0, 40),
            EventKind::Stocktake => (30, 180),
            EventKind::EngagementMeeting => (30, 365),
            EventKind::MonitoringInspectionNotified => (60, 480),
            EventKind::MonitoringInspectionStarted => (0, 14),
            EventKind::MonitoringInspectionEnded => (0, 5),
            EventKind::MonitoringInspectionOutcome => (10, 60),
            _ => (0, 150),
        }
    }

    /// How precisely an event of `kind` on `day` is dated.
    fn date(&self, c: &mut Choices<'_>, _kind: EventKind, day: NaiveDate) -> EventDate {
        coarsen(c, day)
    }

    /// The area.
    fn area(&self, c: &mut Choices<'_>, first_day: NaiveDate) -> Area {
        Area {
            name: text(c),
            local_authority: format!("{} Council", text(c)),
            health_bodies: health_bodies(c, first_day),
        }
    }

    /// The health bodies the area changes to on 1 July 2022, when ICBs replaced CCGs: the
    /// walk then records the change the first time a date reaches that day. None: no such
    /// change (the default walk changes health bodies now and then, as any other event).
    fn icb_change(&self, _area: &Area) -> Option<Vec<HealthBody>> {
        None
    }

    /// The weaknesses of a report.
    fn weaknesses(&self, c: &mut Choices<'_>) -> Vec<Weakness> {
        let n = c.below(5);
        // Distinct ids, starting from a chosen place in the pool.
        let first = c.below(WEAKNESS_IDS.len());
        (0..n)
            .map(|k| Weakness::new(WEAKNESS_IDS[(first + k) % WEAKNESS_IDS.len()], text(c)))
            .collect()
    }

    /// The letter's date of a report published on `day` (on or before it), if recorded.
    fn letter_date(&self, c: &mut Choices<'_>, day: NaiveDate) -> Option<EventDate> {
        c.chance(30).then(|| {
            let back = c.between(0, 20);
            coarsen(c, day.checked_sub_days(Days::new(back)).unwrap_or(day))
        })
    }

    /// A revised WSoA deadline set on `day`, and its reason.
    fn revised_deadline(&self, c: &mut Choices<'_>, day: NaiveDate) -> (NaiveDate, Option<String>) {
        let new = day
            .checked_add_days(Days::new(c.between(10, 200)))
            .unwrap_or(day);
        (new, c.chance(50).then(|| text(c)))
    }

    /// Whether a WSoA or an APP (`kind`) is judged fit for purpose.
    fn fit(&self, c: &mut Choices<'_>, _kind: EventKind) -> bool {
        c.chance(50)
    }

    /// The judgements of a revisit outcome: exactly the weaknesses still to judge, in an
    /// order of the walk's choosing.
    fn judgements(&self, c: &mut Choices<'_>, pending: &[String]) -> Vec<Judgement> {
        let mut judgements: Vec<Judgement> = pending
            .iter()
            .map(|id| {
                let progress = if c.chance(50) {
                    Progress::Sufficient
                } else {
                    Progress::Insufficient
                };
                Judgement::new(id.clone(), progress)
            })
            .collect();
        let turn = c.below(judgements.len().max(1));
        judgements.rotate_left(turn);
        judgements
    }

    /// The outcome of a 2023-framework full inspection report.
    fn outcome(&self, c: &mut Choices<'_>) -> Outcome {
        *c.pick(Outcome::ALL)
    }

    /// The areas for priority action of a 2023 report with `outcome`: listed, counted
    /// (`priority_action_count`), or neither (the source does not say). They agree with the
    /// outcome, as the validator requires (no `outcome_items_mismatch`): at least one under
    /// widespread failings, none under another outcome.
    fn priority_actions(
        &self,
        c: &mut Choices<'_>,
        outcome: Outcome,
    ) -> (Option<Vec<PriorityAction>>, Option<u64>) {
        if outcome != Outcome::WidespreadFailings {
            return match c.below(3) {
                0 => (None, None),
                1 => (Some(Vec::new()), None),
                _ => (None, Some(0)),
            };
        }
        match c.below(10) {
            0 => (None, None),
            1 | 2 => (None, Some(c.between(1, 6))),
            _ => {
                let n = 1 + c.below(4);
                let first = c.below(WEAKNESS_IDS.len());
                let list = (0..n)
                    .map(|k| {
                        let mut a = PriorityAction::new(
                            WEAKNESS_IDS[(first + k) % WEAKNESS_IDS.len()],
                            text(c),
                        );
                        a.responsible = c.chance(30).then(|| text(c));
                        a
                    })
                    .collect();
                (Some(list), None)
            }
        }
    }

    /// The areas for improvement of a 2023 report: listed (distinct ids), counted
    /// (`improvement_count`, as a source that gives only numbers has them), or neither (the
    /// source does not say).
    fn improvements(&self, c: &mut Choices<'_>) -> (Option<Vec<Improvement>>, Option<u64>) {
        match c.below(10) {
            0..=2 => return (None, None),
            3 | 4 => return (None, Some(c.between(0, 4))),
            _ => {}
        }
        let n = c.below(4);
        let first = c.below(WEAKNESS_IDS.len());
        let list = (0..n)
            .map(|k| Improvement {
                id: WEAKNESS_IDS[(first + k) % WEAKNESS_IDS.len()].to_owned(),
                title: text(c),
            })
            .collect();
        (Some(list), None)
    }

    /// A monitoring inspection's outcome: a judgement on exactly the areas for priority
    /// action still to judge (`pending`, in an order of the walk's choosing), or — when
    /// the report gave them only as a count — counts that add up to that count.
    fn monitoring_outcome(
        &self,
        c: &mut Choices<'_>,
        pending: &[String],
        counted: Option<u64>,
    ) -> (Vec<ActionJudgement>, Option<EffectivenessCounts>) {
        if let Some(n) = counted {
            let effective = c.between(0, n);
            return (
                Vec::new(),
                Some(EffectivenessCounts {
                    effective_action: effective,
                    not_effective_action: n - effective,
                }),
            );
        }
        let mut judgements: Vec<ActionJudgement> = pending
            .iter()
            .map(|id| {
                let e = if c.chance(50) {
                    Effectiveness::EffectiveAction
                } else {
                    Effectiveness::NotEffectiveAction
                };
                ActionJudgement::new(id.clone(), e)
            })
            .collect();
        let turn = c.below(judgements.len().max(1));
        judgements.rotate_left(turn);
        (judgements, None)
    }

    /// The next steps decided in `stage`.
    fn decision(&self, c: &mut Choices<'_>, _stage: Stage) -> NextStep {
        *c.pick(NextStep::ALL)
    }

    /// The action counts a monitoring meeting or APP review records.
    fn actions(&self, c: &mut Choices<'_>, _place: &Place<'_>) -> Option<ActionCounts> {
        actions(c)
    }

    /// A monitoring meeting's `final_before_revisit`.
    fn final_before_revisit(&self, c: &mut Choices<'_>, _place: &Place<'_>) -> Option<bool> {
        match c.below(4) {
            0 => Some(true),
            1 => Some(false),
            _ => None,
        }
    }

    /// A note's title.
    fn note_title(&self, c: &mut Choices<'_>, _place: &Place<'_>) -> String {
        text(c)
    }

    /// The health bodies a `health_body_changed` event on `day` records.
    fn changed_health_bodies(&self, c: &mut Choices<'_>, day: NaiveDate) -> Vec<HealthBody> {
        health_bodies(c, day)
    }

    /// The `source` of an event of `kind`.
    fn source(&self, c: &mut Choices<'_>, _place: &Place<'_>, _kind: EventKind) -> Option<String> {
        c.chance(30).then(|| (*c.pick(CITATIONS)).to_owned())
    }

    /// The `note` of an event of `kind`.
    fn note(&self, c: &mut Choices<'_>, _kind: EventKind) -> Option<String> {
        c.chance(10).then(|| text(c))
    }
}

/// The default profile: anything the table allows, as far as the choices go (at most
/// [`MAX_EVENTS`] events), with dates of every precision and awkward text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Anything;

impl Profile for Anything {}

/// A day of the proleptic Gregorian calendar (the arguments must make one).
pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The day the 2023 area SEND framework came into force.
pub fn area_send_2023_start() -> NaiveDate {
    ymd(2023, 1, 1)
}

/// The day integrated care boards replaced clinical commissioning groups.
pub fn icb_start() -> NaiveDate {
    ymd(2022, 7, 1)
}

/// Whether the walk can build an event of `row`'s kind (whether one of them meets the row's
/// condition is the engine's to say, and the coverage test's to check).
pub fn row_is_buildable(row: &Rule) -> bool {
    kind_is_buildable(row.event())
}

/// Whether [`build`] knows `kind`.
pub fn kind_is_buildable(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::InspectionNotified
            | EventKind::InspectionStarted
            | EventKind::InspectionEnded
            | EventKind::ReportReceived
            | EventKind::ReportPublished
            | EventKind::WsoaDeadlineRevised
            | EventKind::WsoaSubmitted
            | EventKind::WsoaJudged
            | EventKind::MonitoringMeeting
            | EventKind::RevisitNotified
            | EventKind::RevisitStarted
            | EventKind::RevisitEnded
            | EventKind::RevisitOutcome
            | EventKind::NextStepsDetermined
            | EventKind::AppSubmitted
            | EventKind::AppJudged
            | EventKind::AppReview
            | EventKind::ImprovementNoticeIssued
            | EventKind::ImprovementNoticeLifted
            | EventKind::HealthBodyChanged
            | EventKind::WsoaSignedOff
            | EventKind::Note
            // The 2023 framework's.
            | EventKind::StrategicPlanPublished
            | EventKind::PapSubmitted
            | EventKind::PapJudged
            | EventKind::PapPublished
            | EventKind::Stocktake
            | EventKind::EngagementMeeting
            | EventKind::MonitoringInspectionNotified
            | EventKind::MonitoringInspectionStarted
            | EventKind::MonitoringInspectionEnded
            | EventKind::MonitoringInspectionOutcome
            | EventKind::StatutoryDirectionIssued
            // The crossing (walked only where a profile's `may_cross` allows it).
            | EventKind::FrameworkChanged
    )
}

/// Weakness ids: ordinary ones, and some that need escaping in a JSON Pointer or in JSON.
pub const WEAKNESS_IDS: &[&str] = &[
    "W1",
    "W2",
    "W3",
    "W4",
    "joint_commissioning",
    "ehcp_quality",
    "post-19/health",
    "a~b",
    "\"quoted\"",
    "ümlaut",
    " spaced id ",
];

/// Titles and note texts: never blank.
const TEXTS: &[&str] = &[
    "The absence of a joint commissioning strategy",
    "Quality of EHC plans",
    "Scrutiny committee report",
    "Peer challenge",
    "Line one\nline two",
    "Back\\slash and \"quotes\" and a tab\t",
    "Ωmega — 🦀",
    "x",
];

const CITATIONS: &[&str] = &[
    "seed 001 ¶4",
    "seed 002 ¶10",
    "Ofsted letter",
    "DfE minutes",
];

fn text(c: &mut Choices<'_>) -> String {
    (*c.pick(TEXTS)).to_owned()
}

/// The day a date of one precision or another stands for: a day, its month, its year, or
/// nothing. The date's span always contains `day`, so dates built this way are never out of
/// order when the days are not.
pub fn coarsen(c: &mut Choices<'_>, day: NaiveDate) -> EventDate {
    match c.byte() {
        0..=191 => EventDate::Day(day),
        192..=217 => EventDate::Month {
            year: day.year(),
            month: day.month(),
        },
        218..=235 => EventDate::Year(day.year()),
        _ => EventDate::Unknown,
    }
}

fn health_bodies(c: &mut Choices<'_>, day: NaiveDate) -> Vec<HealthBody> {
    let icb_era = day >= icb_start();
    let n = 1 + c.below(2);
    (0..n)
        .map(|i| {
            // Mostly the kind of the era; now and then the other (a warning, not an error).
            let icb = if c.chance(85) { icb_era } else { !icb_era };
            HealthBody {
                kind: if icb {
                    HealthBodyKind::Icb
                } else {
                    HealthBodyKind::Ccg
                },
                name: format!("Health body {i} {}", c.pick(TEXTS)),
            }
        })
        .collect()
}

/// Action counts that agree with each other (or none).
fn actions(c: &mut Choices<'_>) -> Option<ActionCounts> {
    if c.chance(50) {
        return None;
    }
    let total = c.between(0, 60);
    let part = |c: &mut Choices<'_>| c.chance(70).then(|| c.between(0, total));
    let underway = part(c);
    let completed = part(c);
    let delayed = part(c);
    let underway_percent = match (underway, c.chance(50)) {
        (Some(u), true) if total > 0 => Some(((u as f64) * 1000.0 / (total as f64)).round() / 10.0),
        (_, true) if total == 0 => Some(c.between(0, 100) as f64),
        _ => None,
    };
    let rag = match c.below(3) {
        0 => None,
        1 => {
            let red = c.between(0, total);
            let amber = c.between(0, total - red);
            Some(Rag {
                red: Some(red),
                amber: Some(amber),
                green: Some(total - red - amber),
            })
        }
        _ => {
            let red = c.between(0, total);
            Some(Rag {
                red: c.chance(50).then_some(red),
                amber: None,
                green: c.chance(50).then(|| c.between(0, total - red)),
            })
        }
    };
    Some(ActionCounts {
        total: c.chance(80).then_some(total),
        underway,
        completed,
        delayed,
        underway_percent,
        rag,
    })
}

/// Builds an event of `kind` dated on `day`, as `profile` shapes it.
fn build<P: Profile + ?Sized>(
    profile: &P,
    c: &mut Choices<'_>,
    place: &Place<'_>,
    kind: EventKind,
    day: NaiveDate,
) -> Option<EventDetail> {
    Some(match kind {
        EventKind::InspectionNotified => EventDetail::InspectionNotified,
        EventKind::InspectionStarted => EventDetail::InspectionStarted,
        EventKind::InspectionEnded => EventDetail::InspectionEnded,
        EventKind::ReportReceived => EventDetail::ReportReceived,
        EventKind::ReportPublished if place.framework == Framework::AreaSend2023 => {
            let outcome = profile.outcome(c);
            let (priority_actions, count) = profile.priority_actions(c, outcome);
            let (improvements, counted_improvements) = profile.improvements(c);
            let mut detail = EventDetail::area_report(outcome, priority_actions, improvements);
            if let EventDetail::ReportPublished(report) = &mut detail {
                report.priority_action_count = count;
                report.improvement_count = counted_improvements;
                report.letter_date = profile.letter_date(c, day);
            }
            detail
        }
        EventKind::ReportPublished => {
            EventDetail::report(profile.weaknesses(c), profile.letter_date(c, day))
        }
        EventKind::WsoaDeadlineRevised => {
            let (new_deadline, reason) = profile.revised_deadline(c, day);
            EventDetail::WsoaDeadlineRevised {
                new_deadline,
                reason,
            }
        }
        EventKind::WsoaSubmitted => EventDetail::WsoaSubmitted,
        EventKind::WsoaJudged => EventDetail::WsoaJudged {
            fit_for_purpose: profile.fit(c, kind),
        },
        EventKind::MonitoringMeeting => EventDetail::MonitoringMeeting {
            actions: profile.actions(c, place).map(Box::new),
            final_before_revisit: profile.final_before_revisit(c, place),
        },
        EventKind::RevisitNotified => EventDetail::RevisitNotified,
        EventKind::RevisitStarted => EventDetail::RevisitStarted,
        EventKind::RevisitEnded => EventDetail::RevisitEnded,
        EventKind::RevisitOutcome => {
            EventDetail::revisit_outcome(profile.judgements(c, &place.pending()))
        }
        EventKind::NextStepsDetermined => EventDetail::NextStepsDetermined {
            decision: profile.decision(c, place.stage),
        },
        EventKind::AppSubmitted => EventDetail::AppSubmitted,
        EventKind::AppJudged => EventDetail::AppJudged {
            fit_for_purpose: profile.fit(c, kind),
        },
        EventKind::AppReview => EventDetail::AppReview {
            actions: profile.actions(c, place).map(Box::new),
        },
        EventKind::ImprovementNoticeIssued => EventDetail::ImprovementNoticeIssued,
        EventKind::ImprovementNoticeLifted => EventDetail::ImprovementNoticeLifted,
        EventKind::HealthBodyChanged => EventDetail::HealthBodyChanged {
            health_bodies: profile.changed_health_bodies(c, day),
        },
        EventKind::WsoaSignedOff => EventDetail::WsoaSignedOff,
        EventKind::Note => EventDetail::Note {
            title: profile.note_title(c, place),
        },
        EventKind::StrategicPlanPublished => EventDetail::StrategicPlanPublished,
        EventKind::PapSubmitted => EventDetail::PapSubmitted,
        EventKind::PapJudged => EventDetail::PapJudged {
            fit_for_purpose: profile.fit(c, kind),
        },
        EventKind::PapPublished => EventDetail::PapPublished,
        EventKind::Stocktake => EventDetail::Stocktake {
            actions: profile.actions(c, place).map(Box::new),
        },
        EventKind::EngagementMeeting => EventDetail::EngagementMeeting,
        EventKind::MonitoringInspectionNotified => EventDetail::MonitoringInspectionNotified,
        EventKind::MonitoringInspectionStarted => EventDetail::MonitoringInspectionStarted,
        EventKind::MonitoringInspectionEnded => EventDetail::MonitoringInspectionEnded,
        EventKind::MonitoringInspectionOutcome => {
            let (judgements, counts) =
                profile.monitoring_outcome(c, &place.pending(), place.counted);
            EventDetail::MonitoringInspectionOutcome {
                judgements,
                counts: counts.map(Box::new),
            }
        }
        EventKind::StatutoryDirectionIssued => EventDetail::StatutoryDirectionIssued,
        EventKind::FrameworkChanged => EventDetail::FrameworkChanged {
            framework: Framework::AreaSend2023,
        },
        _ => return None,
    })
}

/// What the walk keeps of where it is, to show a profile as a [`Place`].
struct Track {
    framework: Framework,
    in_stage: Vec<(EventKind, usize)>,
    visits: Vec<(Stage, usize)>,
    last: Option<(EventKind, usize)>,
    weaknesses: Vec<(String, WeaknessStage)>,
    /// In a 2023 walk: the latest report's areas for priority action by id, in its order.
    report_ids: Vec<String>,
    /// In a 2023 walk: the latest report's `priority_action_count`.
    counted: Option<u64>,
}

impl Track {
    fn place(&self, engine: &Lifecycle, events: usize) -> Place<'_> {
        let stage = engine.stage();
        Place {
            framework: self.framework,
            counted: self.counted,
            stage,
            events,
            last: self.last,
            visits: self
                .visits
                .iter()
                .find(|(s, _)| *s == stage)
                .map_or(0, |(_, n)| *n),
            weaknesses: &self.weaknesses,
            in_stage: &self.in_stage,
        }
    }

    fn record(&mut self, kind: EventKind, from: Stage, to: Stage, engine: &Lifecycle) {
        if from != to {
            self.in_stage.clear();
            match self.visits.iter_mut().find(|(s, _)| *s == to) {
                Some((_, n)) => *n += 1,
                None => self.visits.push((to, 1)),
            }
        }
        match self.in_stage.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => self.in_stage.push((kind, 1)),
        }
        self.last = match self.last {
            Some((k, n)) if k == kind => Some((k, n + 1)),
            _ => Some((kind, 1)),
        };
        if self.framework == Framework::AreaSend2023 {
            if matches!(
                kind,
                EventKind::ReportPublished
                    | EventKind::PapJudged
                    | EventKind::MonitoringInspectionOutcome
            ) {
                // The latest report's items: for each of its ids, the last item of that id
                // (earlier cycles' items come first in the engine's list).
                let all = engine.priority_actions();
                self.weaknesses = self
                    .report_ids
                    .iter()
                    .filter_map(|id| {
                        all.iter()
                            .rev()
                            .find(|w| w.id == *id)
                            .map(|w| (id.clone(), w.stage))
                    })
                    .collect();
            }
        } else if matches!(
            kind,
            EventKind::ReportPublished | EventKind::WsoaJudged | EventKind::RevisitOutcome
        ) {
            self.weaknesses = engine
                .weaknesses()
                .iter()
                .map(|w| (w.id.clone(), w.stage))
                .collect();
        }
    }
}

/// Builds an event of `kind` on `day` that the engine accepts (trying a few payloads), with
/// the stage it leads to; None when no payload tried applies.
fn accepted<P: Profile + ?Sized>(
    profile: &P,
    c: &mut Choices<'_>,
    engine: &Lifecycle,
    place: &Place<'_>,
    kind: EventKind,
    day: NaiveDate,
) -> Option<(Event, Stage)> {
    let mut ending = None;
    for _ in 0..4 {
        let detail = build(profile, c, place, kind, day)?;
        let event = Event {
            date: profile.date(c, kind, day),
            detail,
            source: profile.source(c, place, kind),
            note: profile.note(c, kind),
        };
        let Ok(to) = engine.check(&event) else {
            continue;
        };
        if !to.is_terminal() || to == place.stage {
            return Some((event, to));
        }
        if !c.chance(profile.rebuild_ending_percent()) {
            return Some((event, to));
        }
        ending.get_or_insert((event, to));
    }
    ending
}

/// Walks the table from `not_inspected` as the default profile ([`Anything`]) shapes it.
pub fn valid_timeline(c: &mut Choices<'_>) -> Walk {
    walk(c, &Anything)
}

/// The default profile in the 2023 area SEND framework: a record that starts under it
/// (`Lifecycle::for_framework(…, Framework::AreaSend2023)`, `Timeline.framework` set to
/// match), dated from 1 January 2023 on, with anything its table allows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Anything2023;

impl Profile for Anything2023 {
    fn framework(&self, _c: &mut Choices<'_>) -> Framework {
        Framework::AreaSend2023
    }
}

/// A crossing record: a 2016 record (anything its table allows) that moves into the 2023
/// framework by the `framework_changed` row — on or after 1 January 2023, and only from
/// `not_inspected` or a concluded stage, so that no 2016 record stays open beside the
/// 2023 one — and goes on under the 2023 table.
#[derive(Debug, Clone, Copy, Default)]
pub struct Crossing;

impl Profile for Crossing {
    fn may_cross(&self, place: &Place<'_>) -> bool {
        place.framework == Framework::LocalAreaSend2016
            && (place.stage == Stage::NotInspected || place.stage.is_terminal())
    }

    fn stop_percent(&self, place: &Place<'_>) -> u32 {
        // Cross rather than stop in a concluded 2016 stage.
        if place.framework == Framework::LocalAreaSend2016 {
            0
        } else {
            Anything.stop_percent(place)
        }
    }

    fn weight(&self, place: &Place<'_>, kind: EventKind) -> u32 {
        if kind == EventKind::FrameworkChanged {
            // Now and then before the first inspection; soon once the 2016 record concludes.
            if place.stage.is_terminal() {
                30
            } else {
                2
            }
        } else {
            Anything.weight(place, kind)
        }
    }
}

/// Walks a crossing record ([`Crossing`]).
pub fn valid_crossing_timeline(c: &mut Choices<'_>) -> Walk {
    walk(c, &Crossing)
}

/// A record that crosses frameworks with its 2016 record still open: the part of a 2016
/// walk dated before 1 January 2023 (cut wherever the walk is, so the 2016 record may be
/// open in any stage), `framework_changed` on 1 January 2023, then a 2023 walk's events.
/// Until the 2023 walk's first report the 2016 record stays open as the legacy record;
/// that report closes it.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenCrossing {
    /// The record.
    pub timeline: Timeline,
    /// The 2016 events kept (the prefix before `framework_changed`).
    pub kept_2016: usize,
    /// The 2016 stage at the crossing.
    pub stage_2016: Stage,
    /// The 2023 walk's stages, after each of its events.
    pub stages_2023: Vec<Stage>,
}

/// Builds an [`OpenCrossing`] from the choices.
pub fn valid_open_crossing_timeline(c: &mut Choices<'_>) -> OpenCrossing {
    let old = walk(c, &Anything);
    let new = walk(c, &Anything2023);
    let cut = old
        .timeline
        .events
        .iter()
        .position(|e| {
            e.date
                .span()
                .last()
                .map_or(true, |d| d >= area_send_2023_start())
        })
        .unwrap_or(old.timeline.events.len());
    let mut timeline = old.timeline.clone();
    timeline.events.truncate(cut);
    timeline.events.push(Event {
        date: EventDate::Day(area_send_2023_start()),
        detail: EventDetail::FrameworkChanged {
            framework: Framework::AreaSend2023,
        },
        source: Some("Ofsted and CQC, area SEND framework, from 1 January 2023".to_owned()),
        note: None,
    });
    timeline.events.extend(new.timeline.events.iter().cloned());
    OpenCrossing {
        timeline,
        kept_2016: cut,
        stage_2016: cut
            .checked_sub(1)
            .and_then(|i| old.stages.get(i).copied())
            .unwrap_or(Stage::NotInspected),
        stages_2023: new.stages,
    }
}

/// Walks the 2023 framework's table from `not_inspected` as [`Anything2023`] shapes it.
pub fn valid_2023_timeline(c: &mut Choices<'_>) -> Walk {
    walk(c, &Anything2023)
}

/// Walks the table from `not_inspected` through the engine, as `profile` shapes the walk,
/// until the choices run out, the profile stops, no allowed kind can be built, or the
/// profile's most events are reached.
pub fn walk<P: Profile + ?Sized>(c: &mut Choices<'_>, profile: &P) -> Walk {
    let framework = profile.framework(c);
    let first_day = profile.first_day_in(c, framework);
    let area = profile.area(c, first_day);
    let mut icb = profile.icb_change(&area);
    let mut engine = Lifecycle::for_framework(area.clone(), Policy::default(), framework);
    let mut track = Track {
        framework,
        report_ids: Vec::new(),
        counted: None,
        in_stage: Vec::new(),
        visits: vec![(Stage::NotInspected, 1)],
        last: None,
        weaknesses: Vec::new(),
    };
    let mut walk = Walk {
        timeline: Timeline {
            schema_version: 1,
            framework,
            coverage: Default::default(),
            area,
            events: Vec::new(),
        },
        stages: Vec::new(),
        rows: Vec::new(),
    };
    let mut day = first_day;
    let mut first = true;
    let max = profile.max_events();
    'walk: while walk.timeline.events.len() < max && !c.is_exhausted() {
        let place = track.place(&engine, walk.timeline.events.len());
        if c.chance(profile.stop_percent(&place)) {
            break;
        }
        // The kinds the engine's framework allows now (for a 2016 engine, the same as
        // `allowed_events(place.stage)`).
        let mut kinds: Vec<(EventKind, u32)> = engine
            .allowed()
            .into_iter()
            .filter(|k| kind_is_buildable(*k))
            .filter(|k| *k != EventKind::FrameworkChanged || profile.may_cross(&place))
            .map(|k| (k, profile.weight(&place, k)))
            .filter(|(_, w)| *w > 0)
            .collect();
        let (event, to) = loop {
            let total: u32 = kinds.iter().map(|(_, w)| w).sum();
            if total == 0 {
                break 'walk;
            }
            let mut at = c.below(total as usize) as u32;
            let Some(i) = kinds.iter().position(|(_, w)| {
                let here = at < *w;
                at = at.saturating_sub(*w);
                here
            }) else {
                break 'walk;
            };
            let kind = kinds[i].0;
            let (lo, hi) = profile.gap_days(&place, kind);
            let next = if first {
                day
            } else {
                day.checked_add_days(Days::new(c.between(lo, hi)))
                    .unwrap_or(day)
            };
            // The move to the 2023 framework is never dated before it came into force.
            let next = if kind == EventKind::FrameworkChanged {
                next.max(area_send_2023_start())
            } else {
                next
            };
            match accepted(profile, c, &engine, &place, kind, next) {
                Some(found) => {
                    day = next;
                    break found;
                }
                None => {
                    kinds.remove(i);
                }
            }
        };
        first = false;
        // The ICB change comes first when this event reaches 1 July 2022.
        if let Some(bodies) = icb.as_ref().filter(|_| day >= icb_start()) {
            let change = Event {
                date: EventDate::Day(icb_start()),
                detail: EventDetail::HealthBodyChanged {
                    health_bodies: bodies.clone(),
                },
                source: Some("Health and Care Act 2022".to_owned()),
                note: None,
            };
            icb = None;
            if let Ok(t) = engine.apply(change.clone()) {
                track.record(EventKind::HealthBodyChanged, t.from, t.to, &engine);
                walk.rows.push((t.row_index(), t.from));
                walk.stages.push(t.to);
                walk.timeline.events.push(change);
                if walk.timeline.events.len() >= max {
                    break;
                }
            }
        }
        let kind = event.kind();
        if let EventDetail::ReportPublished(report) = &event.detail {
            if track.framework == Framework::AreaSend2023 {
                track.report_ids = report
                    .priority_actions
                    .iter()
                    .flatten()
                    .map(|a| a.id.clone())
                    .collect();
                track.counted = report.priority_action_count.filter(|n| *n > 0);
            }
        }
        match engine.apply(event.clone()) {
            Ok(t) => {
                debug_assert_eq!(t.to, to);
                if kind == EventKind::FrameworkChanged {
                    // The 2016 record is closed (the walk crosses only from a stage that
                    // closes it); the walk goes on in the 2023 record.
                    track.framework = engine.framework();
                    track.weaknesses.clear();
                    track.report_ids.clear();
                    track.counted = None;
                }
                track.record(kind, t.from, t.to, &engine);
                walk.rows.push((t.row_index(), t.from));
                walk.stages.push(t.to);
                walk.timeline.events.push(event);
            }
            Err(_) => break,
        }
    }
    walk
}

/// One change to a valid timeline.
#[derive(Debug, Clone, PartialEq)]
pub enum Mutation {
    /// Two events trade places.
    Swap(usize, usize),
    /// One event is left out.
    Remove(usize),
    /// One event is recorded twice in a row.
    Duplicate(usize),
    /// One event gets another date.
    MoveDate(usize, EventDate),
    /// One judgement of a revisit outcome is reversed.
    FlipJudgement(usize, usize),
    /// One judgement of a revisit outcome is left out.
    DropJudgement(usize, usize),
    /// One judgement names a weakness the report does not list.
    RenameJudged(usize, usize, String),
    /// One weakness of the report gets a new id (its judgements keep the old one).
    RenameReported(usize, usize, String),
    /// One weakness of the report gets the id of another.
    RepeatReportedId(usize, usize, usize),
}

impl Mutation {
    /// The codes this mutation can cause: a mutated timeline is either still valid or has an
    /// error with one of these codes.
    ///
    /// - Reordering (a swap, a moved date) can put an event certainly before one listed
    ///   earlier; a swap can also put an event where the table does not allow it, or move a
    ///   revisit outcome to the other revisit, where it misses or re-judges weaknesses.
    /// - A moved publication date can fall before the letter's date; so can an undated
    ///   publication swapped to an earlier place, where its neighbours narrow it to days
    ///   before its letter (found by the `mutate_timeline` fuzz target).
    /// - Leaving out or repeating an event leaves the area in a stage where the next event
    ///   (or the repeat) is not allowed — or is harmless (a note, a meeting, a notice).
    /// - Reversing a judgement changes the branch of the outcome (all sufficient or not), so
    ///   later events may not be allowed, and a later revisit then misses a weakness or
    ///   re-judges one.
    /// - Leaving a judgement out always misses a weakness.
    /// - A judgement naming an id the report lacks is an unknown weakness; a report weakness
    ///   renamed leaves its judgements naming an unknown id and itself unjudged.
    /// - Two report weaknesses with one id are a duplicate.
    pub fn expected(&self) -> &'static [Code] {
        match self {
            Mutation::Swap(..) => &[
                Code::EventsOutOfOrder,
                Code::TransitionNotAllowed,
                Code::MissingJudgement,
                Code::RejudgedWeakness,
                Code::LetterAfterPublication,
            ],
            Mutation::Remove(_) | Mutation::Duplicate(_) => &[Code::TransitionNotAllowed],
            Mutation::MoveDate(..) => &[Code::EventsOutOfOrder, Code::LetterAfterPublication],
            Mutation::FlipJudgement(..) => &[
                Code::TransitionNotAllowed,
                Code::MissingJudgement,
                Code::RejudgedWeakness,
            ],
            Mutation::DropJudgement(..) => &[Code::MissingJudgement],
            Mutation::RenameJudged(..) => &[Code::UnknownWeakness],
            Mutation::RenameReported(..) => &[Code::UnknownWeakness, Code::MissingJudgement],
            Mutation::RepeatReportedId(..) => &[Code::DuplicateWeakness],
        }
    }

    /// A short name, for statistics.
    pub fn name(&self) -> &'static str {
        match self {
            Mutation::Swap(..) => "swap",
            Mutation::Remove(_) => "remove",
            Mutation::Duplicate(_) => "duplicate",
            Mutation::MoveDate(..) => "move_date",
            Mutation::FlipJudgement(..) => "flip_judgement",
            Mutation::DropJudgement(..) => "drop_judgement",
            Mutation::RenameJudged(..) => "rename_judged",
            Mutation::RenameReported(..) => "rename_reported",
            Mutation::RepeatReportedId(..) => "repeat_reported_id",
        }
    }

    /// The timeline with the mutation applied (indices out of range change nothing).
    pub fn apply(&self, timeline: &Timeline) -> Timeline {
        let mut t = timeline.clone();
        let events = &mut t.events;
        match self {
            Mutation::Swap(i, j) if *i < events.len() && *j < events.len() => events.swap(*i, *j),
            Mutation::Remove(i) if *i < events.len() => {
                events.remove(*i);
            }
            Mutation::Duplicate(i) if *i < events.len() => {
                let copy = events[*i].clone();
                events.insert(i + 1, copy);
            }
            Mutation::MoveDate(i, date) => {
                if let Some(e) = events.get_mut(*i) {
                    e.date = *date;
                }
            }
            Mutation::FlipJudgement(i, k) => {
                if let Some(j) = judgements_mut(events, *i).and_then(|js| js.get_mut(*k)) {
                    j.progress = match j.progress {
                        Progress::Sufficient => Progress::Insufficient,
                        _ => Progress::Sufficient,
                    };
                }
            }
            Mutation::DropJudgement(i, k) => {
                if let Some(js) = judgements_mut(events, *i) {
                    if *k < js.len() {
                        js.remove(*k);
                    }
                }
            }
            Mutation::RenameJudged(i, k, id) => {
                if let Some(j) = judgements_mut(events, *i).and_then(|js| js.get_mut(*k)) {
                    j.weakness.clone_from(id);
                }
            }
            Mutation::RenameReported(i, k, id) => {
                if let Some(w) = weaknesses_mut(events, *i).and_then(|ws| ws.get_mut(*k)) {
                    w.id.clone_from(id);
                }
            }
            Mutation::RepeatReportedId(i, k, other) => {
                if let Some(ws) = weaknesses_mut(events, *i) {
                    if let Some(id) = ws.get(*other).map(|w| w.id.clone()) {
                        if let Some(w) = ws.get_mut(*k) {
                            w.id = id;
                        }
                    }
                }
            }
            _ => {}
        }
        t
    }
}

fn judgements_mut(events: &mut [Event], i: usize) -> Option<&mut Vec<Judgement>> {
    match events.get_mut(i).map(|e| &mut e.detail) {
        Some(EventDetail::RevisitOutcome { judgements, .. }) => Some(judgements),
        _ => None,
    }
}

fn weaknesses_mut(events: &mut [Event], i: usize) -> Option<&mut Vec<Weakness>> {
    match events.get_mut(i).map(|e| &mut e.detail) {
        Some(EventDetail::ReportPublished(report)) => Some(&mut report.weaknesses),
        _ => None,
    }
}

/// An id no weakness of `timeline` has.
fn fresh_id(timeline: &Timeline) -> String {
    let taken = |id: &str| {
        timeline.events.iter().any(|e| match &e.detail {
            EventDetail::ReportPublished(report) => report.weaknesses.iter().any(|w| w.id == id),
            EventDetail::RevisitOutcome { judgements, .. } => {
                judgements.iter().any(|j| j.weakness == id)
            }
            _ => false,
        })
    };
    (0..)
        .map(|n| format!("not_in_the_report_{n}"))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

/// Any date near `day`, of any precision.
fn any_date_near(c: &mut Choices<'_>, day: NaiveDate) -> EventDate {
    let offset = c.between(0, 6 * 365) as i64 - 3 * 365;
    let moved = if offset < 0 {
        day.checked_sub_days(Days::new(offset.unsigned_abs()))
    } else {
        day.checked_add_days(Days::new(offset.unsigned_abs()))
    }
    .unwrap_or(day);
    coarsen(c, moved)
}

/// One mutation that applies to `timeline`, chosen by `c` (none for an empty timeline).
pub fn choose_mutation(c: &mut Choices<'_>, timeline: &Timeline) -> Option<Mutation> {
    let events = &timeline.events;
    let n = events.len();
    if n == 0 {
        return None;
    }
    let outcomes: Vec<(usize, usize)> = events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match &e.detail {
            EventDetail::RevisitOutcome { judgements, .. } if !judgements.is_empty() => {
                Some((i, judgements.len()))
            }
            _ => None,
        })
        .collect();
    let reports: Vec<(usize, usize)> = events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match &e.detail {
            EventDetail::ReportPublished(report) if !report.weaknesses.is_empty() => {
                Some((i, report.weaknesses.len()))
            }
            _ => None,
        })
        .collect();
    let any_day = events
        .iter()
        .find_map(|e| e.date.span().first())
        .unwrap_or(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or(NaiveDate::MIN));
    Some(match c.below(9) {
        0 if n >= 2 => {
            let i = c.below(n);
            let j = (i + 1 + c.below(n - 1)) % n;
            Mutation::Swap(i.min(j), i.max(j))
        }
        1 => Mutation::Remove(c.below(n)),
        2 => Mutation::Duplicate(c.below(n)),
        3 => {
            let i = c.below(n);
            let near = events[i].date.span().first().unwrap_or(any_day);
            Mutation::MoveDate(i, any_date_near(c, near))
        }
        4 if !outcomes.is_empty() => {
            let (i, len) = *c.pick(&outcomes);
            Mutation::FlipJudgement(i, c.below(len))
        }
        5 if !outcomes.is_empty() => {
            let (i, len) = *c.pick(&outcomes);
            Mutation::DropJudgement(i, c.below(len))
        }
        6 if !outcomes.is_empty() => {
            let (i, len) = *c.pick(&outcomes);
            Mutation::RenameJudged(i, c.below(len), fresh_id(timeline))
        }
        7 if !reports.is_empty() => {
            let (i, len) = *c.pick(&reports);
            Mutation::RenameReported(i, c.below(len), fresh_id(timeline))
        }
        8 if reports.iter().any(|(_, len)| *len >= 2) => {
            let multi: Vec<(usize, usize)> = reports
                .iter()
                .copied()
                .filter(|(_, len)| *len >= 2)
                .collect();
            let (i, len) = *c.pick(&multi);
            let k = c.below(len);
            let other = (k + 1 + c.below(len - 1)) % len;
            Mutation::RepeatReportedId(i, k, other)
        }
        // The chosen kind does not apply here: fall back to one that always does.
        _ => Mutation::Remove(c.below(n)),
    })
}

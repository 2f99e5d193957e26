//! `next_due`: what the area must do or expect next, for the framework in force and an open
//! legacy record — each with its window, its basis, and whether it is a firm deadline or a
//! usual horizon.

use chrono::{Months, NaiveDate};

use crate::date::DateSpan;
use crate::engine::Core;
use crate::event::{Coverage, EventKind, Framework};
use crate::lifecycle::{PlanKind, Stage};
use crate::report::NextDue;
use crate::validate::{cycle, Options, RecordRules, Replay};

/// Every entry, sorted by the latest day (unbounded last).
pub(super) fn next_due(replay: &Replay<'_>, options: &Options, end: DateSpan) -> Vec<NextDue> {
    let mut out = Vec::new();
    let records = &replay.records;
    let outcomes_only = replay.coverage == Coverage::OutcomesOnly;
    entries(
        &records.main,
        &replay.main_rules,
        options,
        end,
        outcomes_only,
        &mut out,
    );
    if let Some(legacy) = records.open_legacy() {
        entries(
            legacy,
            &replay.legacy_rules,
            options,
            end,
            outcomes_only,
            &mut out,
        );
    }
    out.sort_by_key(|e| (e.latest.is_none(), e.latest, e.earliest));
    out
}

fn entry(
    what: &'static str,
    core: &Core,
    window: (Option<NaiveDate>, Option<NaiveDate>),
    basis: String,
    firm: bool,
    unrecorded: bool,
) -> NextDue {
    NextDue {
        what: what.to_owned(),
        framework: core.decl.framework,
        earliest: window.0,
        latest: window.1,
        basis,
        firm,
        recorded: unrecorded.then_some(false),
    }
}

fn entries(
    core: &Core,
    rules: &RecordRules,
    options: &Options,
    end: DateSpan,
    outcomes_only: bool,
    out: &mut Vec<NextDue>,
) {
    let policy = &options.policy;
    let stage = core.stage;
    // Plans due: firm where a deadline is set, otherwise due with no deadline.
    for rule in core.decl.deadlines {
        if !rule.due_in.contains(&stage) {
            continue;
        }
        if rule.plan == PlanKind::PapPublication && core.plan_published {
            continue;
        }
        let e = match core.deadline(rule.plan) {
            Some(dl) => entry(
                rule.plan.what(),
                core,
                (Some(dl.earliest()), Some(dl.latest())),
                format!("{} ({})", dl, dl.basis_text()),
                true,
                outcomes_only,
            ),
            None => entry(
                rule.plan.what(),
                core,
                (None, None),
                format!("the {} is due; no deadline is set", rule.plan.name()),
                false,
                outcomes_only,
            ),
        };
        out.push(e);
    }
    if stage == Stage::WsoaUnderReview {
        out.push(entry(
            "wsoa_judgement",
            core,
            (None, None),
            "Ofsted and CQC are to judge the WSoA submitted; no deadline is known".to_owned(),
            false,
            outcomes_only,
        ));
    }
    // The next meeting, a usual interval after the last (or the entry into the stages).
    if let (Some(rule), Some(since)) = (
        core.decl
            .meetings
            .iter()
            .find(|m| m.stages.contains(&stage)),
        rules.gaps.since(),
    ) {
        let months = (rule.interval_months)(policy);
        let what = match rule.meeting {
            EventKind::AppReview => "app_review",
            EventKind::Stocktake => "stocktake",
            _ => "monitoring_meeting",
        };
        out.push(entry(
            what,
            core,
            (add_months(since.first(), months), add_months(since.last(), months)),
            format!(
                "a {} about every {months} months; the last on record (or the start of the interval) {since}",
                rule.what
            ),
            false,
            outcomes_only,
        ));
    }
    horizon_entries(core, rules, options, end, out);
}

/// The usual horizons: a 2016 revisit, a 2023 monitoring inspection and next full
/// inspection. Inspections are recorded even by official statistics, so these are never
/// marked unrecorded.
fn horizon_entries(
    core: &Core,
    rules: &RecordRules,
    options: &Options,
    end: DateSpan,
    out: &mut Vec<NextDue>,
) {
    let policy = &options.policy;
    for (k, h) in core.decl.horizons.iter().enumerate() {
        let Some(from) = rules.horizons.open(k) else {
            continue;
        };
        let months = (h.months)(policy);
        let window = (
            add_months(from.first(), months),
            add_months(from.last(), months),
        );
        let what = match h.event {
            EventKind::RevisitStarted => {
                // No revisit is expected after the 2016 framework's revisits ended.
                let past_end = end.first().is_some_and(|d| d > policy.last_2016_revisit);
                if past_end || window.0.is_some_and(|d| d > policy.last_2016_revisit) {
                    continue;
                }
                "revisit"
            }
            _ => "monitoring_inspection",
        };
        out.push(entry(
            what,
            core,
            window,
            format!(
                "usually within {months} months after {} ({from})",
                h.from_what
            ),
            false,
            false,
        ));
    }
    let inspecting = core.stage.is_full_inspection_under_way();
    if core.decl.framework == Framework::AreaSend2023 && !inspecting {
        let (earliest, latest, basis) =
            cycle::horizon(policy, rules.cycle.last_start, core.outcome);
        out.push(entry(
            "full_inspection",
            core,
            (earliest, latest),
            basis,
            false,
            false,
        ));
    }
}

fn add_months(d: Option<NaiveDate>, months: u32) -> Option<NaiveDate> {
    d?.checked_add_months(Months::new(months))
}

//! `invalid_action_counts`: progress on a plan's actions that contradicts itself.

use std::fmt::Display;

use crate::diagnostic::Code;
use crate::event::{ActionCounts, EventDetail};
use crate::validate::rule::{At, Cx, Rule};

/// The action-count rule; it keeps no state.
#[derive(Default)]
pub(crate) struct Actions;

impl Rule for Actions {
    fn read(&mut self, cx: &mut Cx<'_>, at: &At<'_>) {
        match &at.event.detail {
            EventDetail::MonitoringMeeting {
                actions: Some(a), ..
            }
            | EventDetail::AppReview { actions: Some(a) } => check(cx, at, a),
            _ => {}
        }
    }
}

/// The `actions` rules: parts within the whole, percentages within 0–100, RAG adding up.
fn check(cx: &mut Cx<'_>, at: &At<'_>, a: &ActionCounts) {
    let mut bad = |field: &str, what: &dyn Display| {
        if cx.out.admits(Code::InvalidActionCounts, Some(at.index)) {
            let message = format!("{}: {what}", at.named());
            let suffix = format!("/actions/{field}");
            cx.out
                .push_admitted(at.diagnostic(Code::InvalidActionCounts, &suffix, message));
        }
    };
    if let Some(total) = a.total {
        for (field, v) in [
            ("underway", a.underway),
            ("completed", a.completed),
            ("delayed", a.delayed),
        ] {
            if let Some(v) = v.filter(|v| *v > total) {
                bad(
                    field,
                    &format_args!("{v} actions {field}, more than the {total} actions in total"),
                );
            }
        }
    }
    if let Some(p) = a.underway_percent {
        if !(0.0..=100.0).contains(&p) {
            bad(
                "underway_percent",
                &format_args!("{p}% of actions underway is not a percentage between 0 and 100"),
            );
        } else if let (Some(t), Some(u)) = (a.total, a.underway) {
            if t > 0 {
                let actual = u as f64 * 100.0 / t as f64;
                if (actual - p).abs() > 1.0 {
                    bad(
                        "underway_percent",
                        &format_args!(
                            "{p}% underway contradicts {u} of {t} actions underway ({actual:.1}%)"
                        ),
                    );
                }
            }
        }
    }
    if let (Some(rag), Some(total)) = (a.rag, a.total) {
        let parts = [rag.red, rag.amber, rag.green];
        let sum: u128 = parts.iter().flatten().map(|v| u128::from(*v)).sum();
        let all = parts.iter().all(Option::is_some);
        if (all && sum != u128::from(total)) || sum > u128::from(total) {
            bad(
                "rag",
                &format_args!(
                    "the RAG ratings add up to {sum}, but there are {total} actions in total"
                ),
            );
        }
    }
}

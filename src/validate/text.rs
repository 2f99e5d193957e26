//! `empty_text`: a blank name, title or id.

use std::fmt::Display;

use crate::diagnostic::{pointer_token, Code, Diagnostic};
use crate::event::{Area, EventDetail, PublishedReport};
use crate::validate::rule::{dated, At, Cx, Rule};

/// The text rule; it keeps no state.
#[derive(Default)]
pub(crate) struct Text;

impl Text {
    /// Checks the area's own names.
    pub(crate) fn area(cx: &mut Cx<'_>, area: &Area) {
        blank(cx, &area.name, "/area/name", None, "the area's name");
        blank(
            cx,
            &area.local_authority,
            "/area/local_authority",
            None,
            "the local authority's name",
        );
        for (j, b) in area.health_bodies.iter().enumerate() {
            blank(
                cx,
                &b.name,
                format_args!("/area/health_bodies/{j}/name"),
                None,
                "a health body's name",
            );
        }
    }
}

impl Rule for Text {
    fn read(&mut self, cx: &mut Cx<'_>, at: &At<'_>) {
        let i = at.index;
        let detail = &at.event.detail;
        let at = Some(at);
        match detail {
            EventDetail::ReportPublished(report) => {
                let PublishedReport {
                    weaknesses,
                    priority_actions,
                    improvements,
                    ..
                } = &**report;
                for (j, w) in weaknesses.iter().enumerate() {
                    let id = format_args!("/events/{i}/weaknesses/{j}/id");
                    blank(cx, &w.id, id, at, "a weakness id");
                    let title = format_args!("/events/{i}/weaknesses/{j}/title");
                    blank(cx, &w.title, title, at, "a weakness title");
                }
                for (j, a) in priority_actions.iter().flatten().enumerate() {
                    let id = format_args!("/events/{i}/priority_actions/{j}/id");
                    blank(cx, &a.id, id, at, "an area for priority action's id");
                    let title = format_args!("/events/{i}/priority_actions/{j}/title");
                    blank(
                        cx,
                        &a.title,
                        title,
                        at,
                        "an area for priority action's title",
                    );
                }
                for (j, a) in improvements.iter().flatten().enumerate() {
                    let id = format_args!("/events/{i}/improvements/{j}/id");
                    blank(cx, &a.id, id, at, "an area for improvement's id");
                    let title = format_args!("/events/{i}/improvements/{j}/title");
                    blank(cx, &a.title, title, at, "an area for improvement's title");
                }
            }
            EventDetail::MonitoringInspectionOutcome { judgements, .. } => {
                for j in judgements.iter().filter(|j| j.action.trim().is_empty()) {
                    let path = format!("/events/{i}/judgements/{}", pointer_token(&j.action));
                    blank(cx, &j.action, &path, at, "a judged area's id");
                }
            }
            EventDetail::RevisitOutcome { judgements, .. } => {
                for j in judgements.iter().filter(|j| j.weakness.trim().is_empty()) {
                    let path = format!("/events/{i}/judgements/{}", pointer_token(&j.weakness));
                    blank(cx, &j.weakness, &path, at, "a judged weakness id");
                }
            }
            EventDetail::Note { title } => {
                blank(
                    cx,
                    title,
                    format_args!("/events/{i}/title"),
                    at,
                    "a note's title",
                );
            }
            EventDetail::HealthBodyChanged { health_bodies } => {
                for (j, b) in health_bodies.iter().enumerate() {
                    let path = format_args!("/events/{i}/health_bodies/{j}/name");
                    blank(cx, &b.name, path, at, "a health body's name");
                }
            }
            _ => {}
        }
    }
}

/// Reports `text` when blank. The path is formatted only then: most text is not blank.
fn blank(cx: &mut Cx<'_>, text: &str, path: impl Display, at: Option<&At<'_>>, what: &str) {
    if !text.trim().is_empty() || !cx.out.admits(Code::EmptyText, at.map(|a| a.index)) {
        return;
    }
    let path = path.to_string();
    let message = match at {
        Some(at) => format!("{what} at `{path}`, in {}, is blank", at.named()),
        None => format!("{what} at `{path}` is blank"),
    };
    let mut d = Diagnostic::new(Code::EmptyText, path, message)
        .with_help("write the name, title or id as the source gives it");
    if let Some(at) = at {
        d = d.at_event(at.index).in_stage(at.stage);
        d.event_date = dated(at.event.date);
    }
    cx.out.push_admitted(d);
}

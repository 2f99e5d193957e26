//! `as_of_before_events`: the as-of day the caller gave is earlier than every dated event.
//!
//! The day is an option, not part of the document, so a day before anything happened is
//! no `schema_violation`; but it makes every deadline lie in the future and silences
//! `deadline_passed`, so it is reported rather than accepted silently.

use chrono::NaiveDate;

use super::rule::Sink;
use crate::date::DateSpan;
use crate::diagnostic::{Code, Diagnostic, Related};
use crate::message::event_path;

/// Reports `day` when it is certainly earlier than every event with a date: `earliest` is
/// the earliest dated event read (its index and span; the first listed of those sharing
/// the earliest first day), `None` when no event has a date (then nothing is judged).
pub(super) fn before_every_event(
    day: NaiveDate,
    earliest: Option<(usize, DateSpan)>,
    out: &mut Sink,
) {
    let Some((index, span)) = earliest else {
        return;
    };
    let Some(first) = span.first() else {
        return;
    };
    if day >= first || !out.admits(Code::AsOfBeforeEvents, None) {
        return;
    }
    let d = Diagnostic::new(
        Code::AsOfBeforeEvents,
        "",
        format!(
            "deadlines are judged as of {day}, which is earlier than every event of the timeline (the earliest, event {index}, is dated {span}); no deadline can have passed by then"
        ),
    )
    .expecting([format!("an as-of day on or after {first}")])
    .with_help("check the as-of day (`--as-of`, `Options::as_of`): leave it out to judge deadlines as of the last event")
    .with_related(Related::new(
        event_path(index, "/date"),
        format!("event {index}, the earliest, is dated {span}"),
    ));
    out.push_admitted(d);
}

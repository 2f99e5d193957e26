//! `letter_after_publication`: a report letter dated after its publication.

use crate::diagnostic::Code;
use crate::validate::rule::{At, Cx, Rule};

/// The letter rule; it keeps no state.
#[derive(Default)]
pub(crate) struct Letter;

impl Rule for Letter {
    fn read(&mut self, cx: &mut Cx<'_>, at: &At<'_>) {
        let Some(letter) = at
            .event
            .detail
            .as_report()
            .and_then(|r| r.letter_date.as_ref())
        else {
            return;
        };
        // The publication's span as narrowed by its neighbours: an undated publication
        // followed by an event of 1 June 2020 was published by then.
        let (l, p) = (letter.span(), at.span);
        if !l.certainly_after(&p) || !cx.out.admits(Code::LetterAfterPublication, Some(at.index)) {
            return;
        }
        // A publication known to the day is "on" it; a narrowed one says its own bounds
        // ("on or before 2025-09-05", "between … and …").
        let published = match p.exact() {
            Some(day) => format!("on {day}"),
            None => p.to_string(),
        };
        let message = format!(
            "the report letter of {} is dated {l}, after its publication {published}; a letter is dated on or before the day it is published",
            at.named()
        );
        let d = at
            .diagnostic(Code::LetterAfterPublication, "/letter_date", message)
            .with_help("check the two dates; if the area received the letter first, record `report_received`")
            .with_related(crate::diagnostic::Related::new(
                crate::message::event_path(at.index, "/date"),
                "the publication date",
            ));
        cx.out.push_admitted(d);
    }
}

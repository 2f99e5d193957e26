//! What every rule module shares: the trait a rule implements, the event it is shown, and
//! the sink its findings go to.

use crate::date::{DateSpan, EventDate};
use crate::diagnostic::{Code, Diagnostic};
use crate::engine::{Core, Transition, Verdict};
use crate::event::{Event, EventKind};
use crate::lifecycle::{Declaration, Stage};
use crate::message::{event_path, Message};
use crate::policy::Policy;

/// A family of rules that decide no stage (deadlines, gaps, durations, text, counts…).
/// Each module owns its state behind this trait; the replay calls every hook in turn.
pub(crate) trait Rule {
    /// Every event read, whether or not the engine applies it (text and counts).
    fn read(&mut self, _cx: &mut Cx<'_>, _at: &At<'_>) {}
    /// An event the engine applies, before it changes the state (`cx.core` is the state
    /// the event found).
    fn before(&mut self, _cx: &mut Cx<'_>, _at: &At<'_>, _verdict: &Verdict) {}
    /// The same event, after the engine changed the state.
    fn after(&mut self, _cx: &mut Cx<'_>, _at: &At<'_>, _t: &Transition) {}
    /// At the end of the timeline (or the as-of day).
    fn finish(&mut self, _cx: &mut Cx<'_>, _end: &End) {}
}

/// What a rule may read, and where its findings go.
pub(crate) struct Cx<'a> {
    pub(crate) policy: &'a Policy,
    /// The declaration of the record that judged the event.
    pub(crate) decl: &'static Declaration,
    /// That record's state.
    pub(crate) core: &'a Core,
    /// The area's health bodies in force (the area's, whichever record judged).
    pub(crate) bodies: &'a [crate::event::HealthBody],
    /// How much of the story the record means to tell.
    pub(crate) coverage: crate::event::Coverage,
    pub(crate) out: &'a mut Sink,
}

impl Cx<'_> {
    /// Whether the record holds outcomes only, so that the absence of an event is no
    /// evidence, and an undated event may be one the sources only imply.
    pub(crate) fn outcomes_only(&self) -> bool {
        self.coverage == crate::event::Coverage::OutcomesOnly
    }
}

/// The event a rule is shown: its index, the event as read, the span of days the rule may
/// use (its own date narrowed by its neighbours, never wider than what is known), and the
/// stage the area was in when it came.
pub(crate) struct At<'a> {
    pub(crate) index: usize,
    pub(crate) event: &'a Event,
    pub(crate) span: DateSpan,
    pub(crate) stage: Stage,
}

impl At<'_> {
    /// The event's kind.
    pub(crate) fn kind(&self) -> EventKind {
        self.event.kind()
    }

    /// "event 4, `wsoa_submitted` in stage `wsoa_due`": how a message names the event and
    /// the stage it concerns.
    pub(crate) fn named(&self) -> String {
        let mut m = Message::new();
        self.name_in(&mut m);
        m.done()
    }

    /// Appends [`At::named`]'s words to `m`.
    pub(crate) fn name_in(&self, m: &mut Message) {
        m.text("event ")
            .index(self.index)
            .text(", `")
            .text(self.kind().as_str())
            .text("` in stage `")
            .text(self.stage.as_str())
            .text("`");
    }

    /// A finding about this event, complete: code, path (`/events/N` + `suffix`), message,
    /// event index and date, and stage.
    pub(crate) fn diagnostic(&self, code: Code, suffix: &str, message: String) -> Diagnostic {
        let mut d = Diagnostic::new(code, event_path(self.index, suffix), message)
            .at_event(self.index)
            .in_stage(self.stage);
        d.event_date = dated(self.event.date);
        d
    }
}

/// The date a person reading the report is shown for an event, if it has one.
pub(crate) fn dated(date: EventDate) -> Option<EventDate> {
    (!date.is_unknown()).then_some(date)
}

/// The end of the timeline, as rules at the end see it.
pub(crate) struct End {
    /// The latest span of the timeline, or the as-of day.
    pub(crate) span: DateSpan,
    /// The as-of day, when given.
    pub(crate) as_of: Option<chrono::NaiveDate>,
    /// The stage the area ended in.
    pub(crate) stage: Stage,
}

impl End {
    /// "as of 2026-01-01" or "at the end of the timeline (2022-12-13)".
    pub(crate) fn when(&self) -> String {
        match self.as_of {
            Some(d) => format!("as of {d}"),
            None => format!("at the end of the timeline ({})", self.span),
        }
    }

    /// A finding about the timeline as a whole at its end.
    pub(crate) fn diagnostic(&self, code: Code, message: String) -> Diagnostic {
        Diagnostic::new(code, "/events", message).in_stage(self.stage)
    }
}

/// Where findings go: a list with a budget, so that no input can make the report huge.
/// A rule asks [`Sink::admits`] before it builds a message, so that a finding beyond the
/// budget costs no allocation.
pub(crate) struct Sink {
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) budget: crate::budget::Budget,
}

impl Sink {
    /// Whether a finding of `code` about event `index` still fits the budget; when it does
    /// not, it is counted as left out.
    pub(crate) fn admits(&mut self, code: Code, index: Option<usize>) -> bool {
        self.budget.offer(code, index)
    }

    /// Adds a finding, if the budget admits it.
    pub(crate) fn push(&mut self, d: Diagnostic) {
        if self.budget.offer(d.code, d.event_index) {
            self.diagnostics.push(d);
        }
    }

    /// Adds a finding the budget has already admitted.
    pub(crate) fn push_admitted(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }
}

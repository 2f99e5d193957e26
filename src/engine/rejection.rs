//! Why the engine refuses an event or a part of it, and the one place such a refusal
//! becomes a [`Diagnostic`].

use crate::date::DateSpan;
use crate::diagnostic::{pointer_token, Code, Diagnostic, Related};
use crate::event::EventKind;
use crate::lifecycle::{Condition, Stage};
use crate::message::event_path;

/// Why an event (or an entry of its payload) was refused. Each reason maps to a
/// diagnostic [`Code`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RejectionReason {
    /// The table has no row for this event in this stage.
    NotAllowed,
    /// The table has rows for this event in this stage, but none whose condition holds
    /// (an improvement notice issued while one is in force, or lifted when none is).
    ConditionNotMet {
        /// The conditions the rows needed.
        needed: Vec<Condition>,
    },
    /// The report lists the same weakness id again.
    DuplicateWeakness {
        /// The id.
        id: String,
        /// The position of the repeat in the report's `weaknesses`.
        position: usize,
    },
    /// The revisit outcome judges the same weakness twice.
    DuplicateJudgement {
        /// The id.
        id: String,
    },
    /// A judgement names a weakness the report did not list.
    UnknownWeakness {
        /// The id.
        id: String,
    },
    /// The revisit outcome leaves out a weakness it must judge.
    MissingJudgement {
        /// The id.
        id: String,
    },
    /// A further revisit judges a weakness already found sufficient.
    RejudgedWeakness {
        /// The id.
        id: String,
    },
    /// The event is certainly earlier than an event before it.
    OutOfOrder {
        /// The index of the earlier-listed event it precedes.
        previous_index: usize,
        /// That event's date span.
        previous: DateSpan,
        /// This event's date span.
        this: DateSpan,
    },
    /// Judgements by id of items the report gave only as a number.
    JudgedByIdButCounted {
        /// The id.
        id: String,
    },
    /// An outcome given as counts while items to be judged are known by id.
    CountsForListedItems {
        /// How many items known by id are still to be judged.
        listed: usize,
    },
    /// Outcome counts that do not add up to the items still to be judged.
    CountsDoNotAddUp {
        /// The counts' total.
        given: u64,
        /// The items still to be judged.
        expected: u64,
    },
    /// An event or field of a framework not in force (and no open 2016 record to take it).
    FrameworkMismatch {
        /// The field of the other framework's version of the kind, or `None` for the kind
        /// itself.
        field: Option<&'static str>,
        /// The framework in force.
        in_force: crate::event::Framework,
    },
    /// `widespread_failings` with no area for priority action, or areas for priority
    /// action under another outcome.
    OutcomeItemsMismatch {
        /// The outcome.
        outcome: crate::event::Outcome,
        /// How many areas for priority action the report gives.
        items: u64,
    },
    /// The typestate API asked for a stage the table does not give (a bug in this crate,
    /// reported rather than panicking; the typed methods are generated from the same rows
    /// as the table, so it cannot happen).
    #[doc(hidden)]
    Internal {
        /// The stage the table gives.
        reached: Stage,
    },
}

impl RejectionReason {
    /// The diagnostic code it is reported under.
    pub fn code(&self) -> Code {
        match self {
            RejectionReason::NotAllowed
            | RejectionReason::ConditionNotMet { .. }
            | RejectionReason::Internal { .. } => Code::TransitionNotAllowed,
            RejectionReason::DuplicateWeakness { .. }
            | RejectionReason::DuplicateJudgement { .. } => Code::DuplicateWeakness,
            RejectionReason::UnknownWeakness { .. } => Code::UnknownWeakness,
            RejectionReason::MissingJudgement { .. } => Code::MissingJudgement,
            RejectionReason::RejudgedWeakness { .. } => Code::RejudgedWeakness,
            RejectionReason::OutOfOrder { .. } => Code::EventsOutOfOrder,
            RejectionReason::JudgedByIdButCounted { .. }
            | RejectionReason::CountsForListedItems { .. }
            | RejectionReason::CountsDoNotAddUp { .. } => Code::JudgementCountsMismatch,
            RejectionReason::FrameworkMismatch { .. } => Code::FrameworkMismatch,
            RejectionReason::OutcomeItemsMismatch { .. } => Code::OutcomeItemsMismatch,
        }
    }

    /// Where in the event the problem lies, as the rest of a JSON Pointer after
    /// `/events/N` (for a refused kind: `/kind`).
    pub(crate) fn pointer_in_event(&self, kind: EventKind) -> String {
        match self {
            RejectionReason::OutOfOrder { .. } => "/date".to_owned(),
            RejectionReason::DuplicateWeakness { position, .. } => {
                format!("/weaknesses/{position}/id")
            }
            RejectionReason::UnknownWeakness { id }
            | RejectionReason::RejudgedWeakness { id }
            | RejectionReason::DuplicateJudgement { id } => {
                format!("/judgements/{}", pointer_token(id))
            }
            RejectionReason::MissingJudgement { .. } => "/judgements".to_owned(),
            RejectionReason::JudgedByIdButCounted { id } => {
                format!("/judgements/{}", pointer_token(id))
            }
            RejectionReason::CountsForListedItems { .. }
            | RejectionReason::CountsDoNotAddUp { .. } => "/counts".to_owned(),
            RejectionReason::FrameworkMismatch { field: Some(f), .. } => format!("/{f}"),
            RejectionReason::OutcomeItemsMismatch { .. } => "/outcome".to_owned(),
            RejectionReason::ConditionNotMet { .. } if kind == EventKind::NextStepsDetermined => {
                "/decision".to_owned()
            }
            _ => "/kind".to_owned(),
        }
    }
}

/// An event the engine refused. The lifecycle is unchanged.
///
/// # Example
/// ```
/// use send_lifecycle::{Area, Code, Event, EventDate, EventDetail, EventKind, Lifecycle, Policy};
/// use send_lifecycle::{RejectionReason, Stage};
/// // The area of testdata/leicestershire.json.
/// let leicestershire = send_lifecycle::Area::new("Leicestershire", "Leicestershire County Council",
///     [send_lifecycle::HealthBody::new(send_lifecycle::HealthBodyKind::Ccg, "Leicestershire Clinical Commissioning Group")]);
/// let mut area = Lifecycle::new(leicestershire, Policy::default());
/// let early = Event::new(EventDate::parse("2020-03-27")?, EventDetail::WsoaSubmitted);
/// let rejection = area.apply(early).unwrap_err();
/// assert_eq!(rejection.stage(), Stage::NotInspected);
/// assert_eq!(rejection.event(), EventKind::WsoaSubmitted);
/// assert_eq!(rejection.event_index(), 0);
/// assert_eq!(rejection.reason(), &RejectionReason::NotAllowed);
/// assert!(rejection.allowed().contains(&EventKind::InspectionStarted));
/// assert_eq!(rejection.code(), Code::TransitionNotAllowed);
/// assert!(rejection.to_string().contains("not_inspected"));
/// assert_eq!(area.history().len(), 0);
/// # Ok::<(), send_lifecycle::DateError>(())
/// ```
///
/// The fields are private, so that a rejection can grow without a breaking change:
/// ```compile_fail
/// fn stage(r: &send_lifecycle::Rejection) -> send_lifecycle::Stage {
///     r.stage
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct Rejection {
    // Private, read through the accessors, so that a rejection can carry more in a later
    // version without a breaking change.
    pub(crate) stage: Stage,
    pub(crate) event: EventKind,
    pub(crate) event_index: usize,
    pub(crate) reason: RejectionReason,
    pub(crate) allowed: &'static [EventKind],
}

impl Rejection {
    /// The stage the area was (and still is) in.
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The kind of event refused.
    pub fn event(&self) -> EventKind {
        self.event
    }

    /// Its position: the index of the event in the timeline (for [`crate::Lifecycle`]: the
    /// number of events offered before it).
    pub fn event_index(&self) -> usize {
        self.event_index
    }

    /// Why it was refused.
    pub fn reason(&self) -> &RejectionReason {
        &self.reason
    }

    /// The event kinds the table allows in this stage.
    pub fn allowed(&self) -> &[EventKind] {
        self.allowed
    }

    /// The diagnostic code this rejection is reported under.
    pub fn code(&self) -> Code {
        self.reason.code()
    }

    /// A sentence a council officer can read: the event, the stage, and what was wrong.
    pub fn message(&self) -> String {
        let what = format!(
            "event {} ({}, `{}`)",
            self.event_index,
            self.event.describe(),
            self.event
        );
        let stage = format!("`{}` ({})", self.stage, self.stage.describe());
        match &self.reason {
            RejectionReason::NotAllowed => format!(
                "{what} cannot happen while the area is in stage {stage}; allowed here: {}",
                list_kinds(self.allowed)
            ),
            RejectionReason::ConditionNotMet { needed } => condition_message(&what, &stage, needed),
            RejectionReason::DuplicateWeakness { id, .. } => format!(
                "{what}, in stage {stage}, lists the weakness id \"{id}\" more than once; ids must be unique within the report"
            ),
            RejectionReason::DuplicateJudgement { id } => {
                format!("{what}, in stage {stage}, judges the weakness \"{id}\" more than once")
            }
            RejectionReason::UnknownWeakness { id } => format!(
                "{what}, in stage {stage}, judges a weakness \"{id}\" that the inspection report did not list"
            ),
            RejectionReason::MissingJudgement { id } => format!(
                "{what}, in stage {stage}, does not judge the weakness \"{id}\", which the revisit must judge"
            ),
            RejectionReason::RejudgedWeakness { id } => format!(
                "{what}, in stage {stage}, judges the weakness \"{id}\" again, but an earlier revisit already found sufficient progress on it; only weaknesses still insufficient are judged"
            ),
            RejectionReason::OutOfOrder {
                previous_index,
                previous,
                this,
            } => format!(
                "{what}, in stage {stage}, is dated {this}, certainly earlier than event {previous_index} listed before it ({previous}); events must be listed in the order they happened"
            ),
            RejectionReason::JudgedByIdButCounted { id } => format!(
                "{what}, in stage {stage}, judges \"{id}\" by id, but the report gave its items only as a number; judge them with `counts`"
            ),
            RejectionReason::CountsForListedItems { listed } => format!(
                "{what}, in stage {stage}, gives its outcome as counts, but {listed} of the items still to be judged are known by id; judge those by id"
            ),
            RejectionReason::CountsDoNotAddUp { given, expected } => format!(
                "{what}, in stage {stage}, gives counts adding up to {given}, but {expected} items are still to be judged"
            ),
            RejectionReason::FrameworkMismatch { field: None, in_force } => format!(
                "{what} belongs to another framework than the one in force, {} (`{in_force}`), and no open 2016 record can take it; the area is in stage {stage}",
                in_force.describe()
            ),
            RejectionReason::FrameworkMismatch { field: Some(f), in_force } => format!(
                "{what}, in stage {stage}, gives `{f}`, a member of the other framework's version of the event; the framework in force is {} (`{in_force}`)",
                in_force.describe()
            ),
            RejectionReason::OutcomeItemsMismatch { outcome, items } => {
                if *outcome == crate::event::Outcome::WidespreadFailings {
                    format!("{what}, in stage {stage}, finds widespread and/or systemic failings but gives no area for priority action; such a report names the areas for priority action the plan must address")
                } else {
                    format!("{what}, in stage {stage}, gives {items} areas for priority action under the outcome `{outcome}`; only widespread and/or systemic failings have them")
                }
            }
            RejectionReason::Internal { reached } => format!(
                "{what} would lead from stage {stage} to `{reached}`, which the typed method does not stand for (a bug in send-lifecycle: please report it)"
            ),
        }
    }

    /// The rejection as a finding: code, message, path, stage, what was allowed, help, and
    /// the related place (the earlier event an out-of-order event contradicts). Built here
    /// and only here.
    pub fn diagnostic(&self) -> Diagnostic {
        let i = self.event_index;
        let path = event_path(i, &self.reason.pointer_in_event(self.event));
        let d = Diagnostic::new(self.code(), path, self.message())
            .at_event(i)
            .in_stage(self.stage);
        match &self.reason {
            RejectionReason::NotAllowed => d
                .expecting(self.allowed.iter().map(|k| k.as_str()))
                .with_help(format!(
                    "the area is in stage `{}` ({}); check the event's kind, and that no earlier event is missing",
                    self.stage,
                    self.stage.describe()
                )),
            RejectionReason::ConditionNotMet { needed } => {
                let decisions: Vec<&str> = needed
                    .iter()
                    .filter_map(|c| match c {
                        Condition::Decision(n) => Some(n.as_str()),
                        _ => None,
                    })
                    .collect();
                if !decisions.is_empty() {
                    d.expecting(decisions)
                } else if needed.contains(&Condition::NoNoticeInForce) {
                    d.with_help("an improvement notice is already in force: record `improvement_notice_lifted` first")
                } else if needed.contains(&Condition::NoticeInForce) {
                    d.with_help("no improvement notice is in force: record `improvement_notice_issued` first")
                } else {
                    d.with_help("check the event's fields against the stage")
                }
            }
            RejectionReason::OutOfOrder {
                previous_index,
                previous,
                ..
            } => d
                .with_help(format!(
                    "list events in the order they happened, or correct the date (the earlier-listed event is dated {previous})"
                ))
                .with_related(Related::new(
                    event_path(*previous_index, "/date"),
                    format!("event {previous_index}, listed before it, is dated {previous}"),
                )),
            RejectionReason::MissingJudgement { .. } => {
                d.with_help("a revisit judges every weakness not yet found sufficient")
            }
            RejectionReason::DuplicateWeakness { id, .. } => d.with_help(format!(
                "give each weakness its own id; if \"{id}\" is listed twice by mistake, remove the repeat"
            )),
            _ => d,
        }
    }
}

fn condition_message(what: &str, stage: &str, needed: &[Condition]) -> String {
    let decisions: Vec<_> = needed
        .iter()
        .filter_map(|c| match c {
            Condition::Decision(d) => Some(d.as_str()),
            _ => None,
        })
        .collect();
    if !decisions.is_empty() {
        format!(
            "{what} cannot happen in stage {stage} with this decision; the decisions possible here are {}",
            decisions.join(", ")
        )
    } else if needed.contains(&Condition::NoNoticeInForce) {
        format!("{what} cannot happen in stage {stage}: an improvement notice is already in force")
    } else if needed.contains(&Condition::NoticeInForce) {
        format!("{what} cannot happen in stage {stage}: no improvement notice is in force")
    } else if !needed.is_empty() && needed.iter().all(|c| matches!(c, Condition::Outcome(_))) {
        // A 2023 report without an outcome (perhaps written as a 2016 letter).
        let outcomes: Vec<_> = needed.iter().filter_map(|c| c.label()).collect();
        format!(
            "{what} cannot happen in stage {stage} without an `outcome`: a report under the 2023 framework gives one of {} (a 2016 letter's `weaknesses` do not stand for it)",
            outcomes.join(", ")
        )
    } else {
        let needed: Vec<_> = needed.iter().filter_map(|c| c.label()).collect();
        format!(
            "{what} cannot happen in stage {stage} now: it needs {}",
            needed.join(" or ")
        )
    }
}

fn list_kinds(kinds: &[EventKind]) -> String {
    if kinds.is_empty() {
        return "nothing".to_owned();
    }
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

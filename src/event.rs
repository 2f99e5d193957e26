//! The timeline format, version 1: the document, the area, and its events.
//!
//! These types mirror `timeline-format.md` field for field. They serialise to the contract's
//! JSON; reading goes through [`crate::validate_json`] (every problem as a diagnostic) or
//! `serde_json` with these types' `Deserialize` (the first problem as an error), both of
//! which refuse unknown fields and kinds.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::EventDate;

/// A whole timeline document: one area and the events that happened to it, in order.
///
/// # Example
/// ```
/// use send_lifecycle::{Event, EventDetail, EventDate, Timeline};
///
/// let json = r#"{
///   "schema_version": 1,
///   "area": { "name": "Leicestershire", "local_authority": "Leicestershire County Council",
///             "health_bodies": [ { "kind": "ccg", "name": "Leicestershire CCG" } ] },
///   "events": [ { "date": "2020-02-03", "kind": "inspection_started" } ]
/// }"#;
/// let timeline: Timeline = serde_json::from_str(json)?;
/// assert_eq!(timeline.events.len(), 1);
/// assert_eq!(timeline.events[0].detail, EventDetail::InspectionStarted);
/// // Written back, it is the same document.
/// let again: Timeline = serde_json::from_str(&serde_json::to_string(&timeline)?)?;
/// assert_eq!(again, timeline);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct Timeline {
    /// Always 1 for this format, written as the integer 1.
    #[cfg_attr(
        feature = "schema",
        schemars(range(min = 1, max = 1), extend("const" = 1))
    )]
    pub schema_version: u32,
    /// Which inspection framework the events belong to. Optional: absent or `null` is the
    /// 2016 framework, as the reader has it.
    #[cfg_attr(feature = "schema", schemars(default, with = "Option<Framework>"))]
    pub framework: Framework,
    /// How much of the story the record means to tell. Optional: absent is `complete`.
    #[serde(skip_serializing_if = "Coverage::is_complete")]
    #[cfg_attr(feature = "schema", schemars(default))]
    pub coverage: Coverage,
    /// The local area.
    pub area: Area,
    /// The events, in the order they happened.
    pub events: Vec<Event>,
}

/// The inspection framework a timeline follows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Framework {
    /// The joint Ofsted and CQC local area SEND inspection framework, 2016–2022.
    #[default]
    #[serde(rename = "local_area_send_2016")]
    LocalAreaSend2016,
    /// The Ofsted and CQC area SEND framework, in force from 1 January 2023.
    #[serde(rename = "area_send_2023")]
    AreaSend2023,
}

impl Framework {
    /// Every framework, the earliest first.
    pub const ALL: &'static [Framework] = &[Framework::LocalAreaSend2016, Framework::AreaSend2023];

    /// The contract's name for the framework.
    pub fn as_str(&self) -> &'static str {
        match self {
            Framework::LocalAreaSend2016 => "local_area_send_2016",
            Framework::AreaSend2023 => "area_send_2023",
        }
    }

    /// The framework with this contract name.
    pub fn from_name(name: &str) -> Option<Framework> {
        Framework::ALL.iter().copied().find(|f| f.as_str() == name)
    }

    /// The framework in a few words.
    pub fn describe(&self) -> &'static str {
        match self {
            Framework::LocalAreaSend2016 => "the 2016–2022 joint local area SEND framework",
            Framework::AreaSend2023 => "the 2023 area SEND framework",
        }
    }
}

impl fmt::Display for Framework {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much of an area's story a record means to tell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Coverage {
    /// The record means to list every event (the default).
    #[default]
    Complete,
    /// The record holds inspections, reports and outcomes only (official statistics, a
    /// scrape): the absence of an event is no evidence that it did not happen.
    OutcomesOnly,
}

impl Coverage {
    /// The contract's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Coverage::Complete => "complete",
            Coverage::OutcomesOnly => "outcomes_only",
        }
    }

    /// Whether this is the default, [`Coverage::Complete`] (not written out).
    pub fn is_complete(&self) -> bool {
        *self == Coverage::Complete
    }
}

/// A local area: a council and its health partners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct Area {
    /// The area's name, e.g. "Leicestershire".
    #[cfg_attr(feature = "schema", schemars(length(min = 1), pattern(r"\S")))]
    pub name: String,
    /// The local authority (council).
    #[cfg_attr(feature = "schema", schemars(length(min = 1), pattern(r"\S")))]
    pub local_authority: String,
    /// The health bodies in force at the start of the timeline (one or more).
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub health_bodies: Vec<HealthBody>,
}

impl Area {
    /// An area: its name, its local authority, and the health bodies in force at the start
    /// of the timeline.
    ///
    /// # Example
    /// ```
    /// use send_lifecycle::{Area, HealthBody, HealthBodyKind};
    /// // As testdata/leicestershire.json gives it.
    /// let area = Area::new(
    ///     "Leicestershire",
    ///     "Leicestershire County Council",
    ///     [HealthBody::new(HealthBodyKind::Ccg, "Leicestershire Clinical Commissioning Group")],
    /// );
    /// assert_eq!(area.health_bodies[0].kind, HealthBodyKind::Ccg);
    /// ```
    pub fn new(
        name: impl Into<String>,
        local_authority: impl Into<String>,
        health_bodies: impl IntoIterator<Item = HealthBody>,
    ) -> Area {
        Area {
            name: name.into(),
            local_authority: local_authority.into(),
            health_bodies: health_bodies.into_iter().collect(),
        }
    }
}

impl HealthBody {
    /// A health body of `kind` called `name`.
    pub fn new(kind: HealthBodyKind, name: impl Into<String>) -> HealthBody {
        HealthBody {
            kind,
            name: name.into(),
        }
    }
}

/// A health partner of the area.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HealthBody {
    /// A clinical commissioning group or an integrated care board.
    pub kind: HealthBodyKind,
    /// Its name.
    #[cfg_attr(feature = "schema", schemars(length(min = 1), pattern(r"\S")))]
    pub name: String,
}

/// What kind of NHS body a health partner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum HealthBodyKind {
    /// A clinical commissioning group (CCG): abolished on 1 July 2022.
    Ccg,
    /// An integrated care board (ICB): from 1 July 2022.
    Icb,
}

impl HealthBodyKind {
    /// The contract's name (`ccg` or `icb`).
    pub fn as_str(&self) -> &'static str {
        match self {
            HealthBodyKind::Ccg => "ccg",
            HealthBodyKind::Icb => "icb",
        }
    }
}

/// One event on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct Event {
    /// When it happened, as precisely as the source says.
    pub date: EventDate,
    /// What happened, with the fields of its kind.
    #[serde(flatten)]
    pub detail: EventDetail,
    /// A citation: the document and paragraph the event comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Event {
    /// An event with no source or note.
    ///
    /// # Example
    /// ```
    /// use send_lifecycle::{Event, EventDate, EventDetail, EventKind};
    /// let e = Event::new(EventDate::parse("2020-02-03")?, EventDetail::InspectionStarted);
    /// assert_eq!(e.kind(), EventKind::InspectionStarted);
    /// # Ok::<(), send_lifecycle::DateError>(())
    /// ```
    pub fn new(date: EventDate, detail: EventDetail) -> Event {
        Event {
            date,
            detail,
            source: None,
            note: None,
        }
    }

    /// The same event with a source citation.
    pub fn with_source(mut self, source: impl Into<String>) -> Event {
        self.source = Some(source.into());
        self
    }

    /// The event's kind.
    pub fn kind(&self) -> EventKind {
        self.detail.kind()
    }
}

/// What an event is, with the fields its kind carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventDetail {
    /// The area is told an inspection starts (normally 5 working days' notice).
    InspectionNotified,
    /// Ofsted and CQC fieldwork begins.
    InspectionStarted,
    /// Fieldwork ends.
    InspectionEnded,
    /// The principal authorities receive the report letter.
    ReportReceived,
    /// The inspection report is published: under the 2016 framework a letter listing the
    /// significant weaknesses (by name, or only their number), under the 2023 framework a
    /// report with its outcome and its areas for priority action and for improvement.
    /// Serialised with only the members given.
    // Boxed, and so are the counts below: the largest payloads would otherwise set the
    // size of every event (issue 10). The doc above is the schema's description.
    ReportPublished(Box<PublishedReport>),
    /// An agreed new deadline for the WSoA.
    WsoaDeadlineRevised {
        /// The new deadline (a day).
        #[cfg_attr(
            feature = "schema",
            schemars(regex(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"))
        )]
        new_deadline: chrono::NaiveDate,
        /// Why it was revised.
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The WSoA is submitted to Ofsted.
    WsoaSubmitted,
    /// Ofsted and CQC judge the WSoA.
    WsoaJudged {
        /// Fit for purpose, or not (then the WSoA is due again).
        fit_for_purpose: bool,
    },
    /// A formal DfE and NHS England monitoring meeting.
    MonitoringMeeting {
        /// Progress on the plan's actions.
        #[serde(skip_serializing_if = "Option::is_none")]
        actions: Option<Box<ActionCounts>>,
        /// This was the last formal meeting before the revisit.
        #[serde(skip_serializing_if = "Option::is_none")]
        final_before_revisit: Option<bool>,
    },
    /// The area is told of the revisit.
    RevisitNotified,
    /// Revisit fieldwork begins.
    RevisitStarted,
    /// Revisit fieldwork ends.
    RevisitEnded,
    /// The revisit letter: progress judged per weakness, by id or as counts.
    #[serde(serialize_with = "judged::revisit")]
    RevisitOutcome {
        /// One judgement per weakness judged, in the letter's order (empty when `counts`
        /// gives the outcome instead).
        #[cfg_attr(
            feature = "schema",
            schemars(
                default,
                with = "std::collections::BTreeMap<String, Progress>",
                extend("propertyNames" = { "minLength": 1, "pattern": "\\S" })
            )
        )]
        judgements: Vec<Judgement>,
        /// How many weaknesses made sufficient progress and how many did not, when a source
        /// gives only numbers.
        counts: Option<Box<ProgressCounts>>,
    },
    /// DfE and NHS England decide next steps after insufficient progress.
    NextStepsDetermined {
        /// What they decided.
        decision: NextStep,
    },
    /// The accelerated progress plan (APP) is submitted to DfE.
    AppSubmitted,
    /// DfE judges the APP.
    AppJudged {
        /// Fit for purpose, or not (then the APP is due again).
        fit_for_purpose: bool,
    },
    /// A DfE and NHS England progress review of the APP.
    AppReview {
        /// Progress on the plan's actions.
        #[serde(skip_serializing_if = "Option::is_none")]
        actions: Option<Box<ActionCounts>>,
    },
    /// A DfE improvement notice is issued.
    ImprovementNoticeIssued,
    /// The improvement notice is lifted.
    ImprovementNoticeLifted,
    /// The area's health partners change.
    HealthBodyChanged {
        /// The health bodies in force from this event on.
        #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
        health_bodies: Vec<HealthBody>,
    },
    /// The area moves to another framework (normally the 2023 area SEND framework, on
    /// 1 January 2023).
    FrameworkChanged {
        /// The framework from this event on.
        framework: Framework,
    },
    /// DfE and NHS England sign the WSoA off without a revisit.
    WsoaSignedOff,
    /// The partnership publishes its updated strategic plan.
    StrategicPlanPublished,
    /// The priority action plan (PAP) is submitted to Ofsted and CQC.
    PapSubmitted,
    /// Ofsted and CQC evaluate the priority action plan.
    PapJudged {
        /// Fit for purpose, or not (then the PAP is due again).
        fit_for_purpose: bool,
    },
    /// The partnership publishes its priority action plan.
    PapPublished,
    /// A DfE and NHS England stocktake (about six-monthly).
    Stocktake {
        /// Progress on the plan's actions.
        #[serde(skip_serializing_if = "Option::is_none")]
        actions: Option<Box<ActionCounts>>,
    },
    /// An Ofsted and CQC engagement meeting (about annual).
    EngagementMeeting,
    /// The partnership is told of a monitoring inspection.
    MonitoringInspectionNotified,
    /// Monitoring inspection fieldwork begins.
    MonitoringInspectionStarted,
    /// Monitoring inspection fieldwork ends.
    MonitoringInspectionEnded,
    /// The monitoring inspection report: action judged per area for priority action, by id
    /// or as counts.
    #[serde(serialize_with = "judged::monitoring")]
    MonitoringInspectionOutcome {
        /// One judgement per area for priority action, in the report's order (empty when
        /// `counts` gives the outcome instead).
        #[cfg_attr(
            feature = "schema",
            schemars(
                default,
                with = "std::collections::BTreeMap<String, Effectiveness>",
                extend("propertyNames" = { "minLength": 1, "pattern": "\\S" })
            )
        )]
        judgements: Vec<ActionJudgement>,
        /// How many areas saw effective action and how many did not.
        counts: Option<Box<EffectivenessCounts>>,
    },
    /// The Secretary of State issues a statutory direction.
    StatutoryDirectionIssued,
    /// Anything worth keeping on the record that changes no stage.
    Note {
        /// What it is.
        #[cfg_attr(feature = "schema", schemars(length(min = 1), pattern(r"\S")))]
        title: String,
    },
}

macro_rules! event_fields {
    ($( $variant:ident => $name:literal, $value:ident, $text:literal; )*) => {
        /// A member of an event object in the timeline format: the four every event has
        /// (`date`, `kind`, `source`, `note`) and those of particular kinds, which
        /// [`EventKind::fields`] lists. This table and that one are the format's only
        /// statement of the event fields; the reader works from them.
        ///
        /// # Example
        /// ```
        /// use send_lifecycle::{EventField, FieldValue};
        /// assert_eq!(EventField::from_name("letter_date"), Some(EventField::LetterDate));
        /// assert_eq!(EventField::LetterDate.as_str(), "letter_date");
        /// assert_eq!(EventField::LetterDate.value(), FieldValue::Date);
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum EventField {
            $( #[doc = $text] $variant, )*
        }

        impl EventField {
            /// Every event field, the four common ones first.
            pub const ALL: &'static [EventField] = &[ $( EventField::$variant, )* ];

            /// The member's name in the JSON.
            pub fn as_str(&self) -> &'static str {
                match self { $( EventField::$variant => $name, )* }
            }

            /// The field with this name.
            pub fn from_name(name: &str) -> Option<EventField> {
                match name { $( $name => Some(EventField::$variant), )* _ => None }
            }

            /// What its value is.
            pub fn value(&self) -> FieldValue {
                match self { $( EventField::$variant => FieldValue::$value, )* }
            }

            /// What the field holds, in a few words.
            pub fn describe(&self) -> &'static str {
                match self { $( EventField::$variant => $text, )* }
            }
        }
    };
}

event_fields! {
    Date => "date", Date, "when it happened: a day, month, year or null";
    Kind => "kind", Kind, "what happened: an event kind";
    Source => "source", OptionalText, "a citation: the document and paragraph (optional)";
    Note => "note", OptionalText, "free text (optional)";
    Weaknesses => "weaknesses", Weaknesses, "the significant weaknesses, as {id, title}";
    LetterDate => "letter_date", Date, "the date on the letter, when it differs from publication";
    NewDeadline => "new_deadline", Day, "the new WSoA deadline, a day";
    Reason => "reason", OptionalText, "why the deadline was revised";
    FitForPurpose => "fit_for_purpose", Bool, "whether the plan is fit for purpose";
    Actions => "actions", Actions, "progress on the plan's actions";
    FinalBeforeRevisit => "final_before_revisit", OptionalBool, "the last formal meeting before the revisit";
    Judgements => "judgements", Judgements, "progress judged per weakness id";
    Decision => "decision", Decision, "the next step DfE and NHS England decided";
    HealthBodies => "health_bodies", HealthBodies, "the health bodies in force from this event on";
    Title => "title", Text, "what the note is";
    WeaknessCount => "weakness_count", Count, "the number of significant weaknesses, when only that is known";
    Outcome => "outcome", Outcome, "the outcome of a 2023-framework inspection";
    PriorityActions => "priority_actions", PriorityActions, "the areas for priority action, as {id, title, responsible}";
    PriorityActionCount => "priority_action_count", Count, "the number of areas for priority action, when only that is known";
    Improvements => "improvements", Improvements, "the areas for improvement, as {id, title}";
    ImprovementCount => "improvement_count", Count, "the number of areas for improvement, when only that is known";
    Counts => "counts", Counts, "how many items were judged each way, when only numbers are known";
    Framework => "framework", Framework, "the framework the area moves to";
}

impl EventField {
    /// The fields every event has, whatever its kind.
    pub const COMMON: &'static [FieldSpec] = &[
        FieldSpec::required(EventField::Date),
        FieldSpec::required(EventField::Kind),
        FieldSpec::optional(EventField::Source),
        FieldSpec::optional(EventField::Note),
    ];

    /// One bit per field, for sets of fields held in a `u32`.
    pub(crate) const fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl fmt::Display for EventField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The type of an event field's value in the JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldValue {
    /// A date of the format: `"YYYY-MM-DD"`, `"YYYY-MM"`, `"YYYY"` or `null`.
    Date,
    /// A day, `"YYYY-MM-DD"`.
    Day,
    /// An event kind's name.
    Kind,
    /// A string.
    Text,
    /// A string or `null`.
    OptionalText,
    /// `true` or `false`.
    Bool,
    /// `true`, `false` or `null`.
    OptionalBool,
    /// An array of `{id, title}` weaknesses.
    Weaknesses,
    /// An [`ActionCounts`] object, or `null`.
    Actions,
    /// An object from weakness id to `"sufficient"` or `"insufficient"`.
    Judgements,
    /// A [`NextStep`] name.
    Decision,
    /// An array of one or more `{kind, name}` health bodies.
    HealthBodies,
    /// A whole number, 0 or more.
    Count,
    /// An [`Outcome`] name.
    Outcome,
    /// An array of `{id, title, responsible?}` areas for priority action.
    PriorityActions,
    /// An array of `{id, title}` areas for improvement.
    Improvements,
    /// An object of counts: `{sufficient, insufficient}` or `{effective_action,
    /// not_effective_action}`.
    Counts,
    /// A [`Framework`] name.
    Framework,
}

/// One field an event kind carries, and whether the kind requires it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct FieldSpec {
    /// The field.
    pub field: EventField,
    /// Whether an event of the kind must have it.
    pub required: bool,
}

impl FieldSpec {
    /// A field the kind requires.
    pub const fn required(field: EventField) -> FieldSpec {
        FieldSpec {
            field,
            required: true,
        }
    }

    /// A field the kind may carry.
    pub const fn optional(field: EventField) -> FieldSpec {
        FieldSpec {
            field,
            required: false,
        }
    }
}

/// `!` for a required field, `?` for an optional one.
macro_rules! field_spec {
    ($field:ident !) => {
        FieldSpec::required(EventField::$field)
    };
    ($field:ident ?) => {
        FieldSpec::optional(EventField::$field)
    };
}

macro_rules! event_kinds {
    ($( $variant:ident [ $( $field:ident $req:tt ),* ] => $name:literal, $text:literal; )*) => {
        /// The kind of an event: the contract's `kind` field.
        ///
        /// # Example
        /// ```
        /// use send_lifecycle::{EventField, EventKind};
        /// assert_eq!(EventKind::WsoaJudged.as_str(), "wsoa_judged");
        /// assert_eq!(EventKind::from_name("wsoa_judged"), Some(EventKind::WsoaJudged));
        /// assert_eq!(EventKind::ALL.len(), 34);
        /// let fields = EventKind::WsoaJudged.fields();
        /// assert_eq!((fields[0].field, fields[0].required), (EventField::FitForPurpose, true));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum EventKind {
            $( #[doc = $text] $variant, )*
        }

        impl EventKind {
            /// Every kind, in the contract's order.
            pub const ALL: &'static [EventKind] = &[ $( EventKind::$variant, )* ];

            /// The contract's name of the kind.
            pub fn as_str(&self) -> &'static str {
                match self { $( EventKind::$variant => $name, )* }
            }

            /// What the event means, in a few words a council officer would use.
            pub fn describe(&self) -> &'static str {
                match self { $( EventKind::$variant => $text, )* }
            }

            /// The kind with this contract name.
            pub fn from_name(name: &str) -> Option<EventKind> {
                match name { $( $name => Some(EventKind::$variant), )* _ => None }
            }

            /// The fields an event of this kind carries beyond the common ones
            /// ([`EventField::COMMON`]), in the contract's order, each required or not.
            pub fn fields(&self) -> &'static [FieldSpec] {
                match self {
                    $( EventKind::$variant => {
                        const FIELDS: &[FieldSpec] = &[ $( field_spec!($field $req), )* ];
                        FIELDS
                    } )*
                }
            }
        }

        impl EventDetail {
            /// The kind of this event.
            pub fn kind(&self) -> EventKind {
                match self { $( EventDetail::$variant { .. } => EventKind::$variant, )* }
            }
        }
    };
}

// Each kind with its own fields (`!` required, `?` optional), its name and its meaning:
// the one statement of them. `EventDetail` holds the same fields as Rust types, which a
// test below checks against this table.
event_kinds! {
    InspectionNotified [] => "inspection_notified", "the area is notified of an inspection";
    InspectionStarted [] => "inspection_started", "inspection fieldwork starts";
    InspectionEnded [] => "inspection_ended", "inspection fieldwork ends";
    ReportReceived [] => "report_received", "the report letter is received";
    ReportPublished [Weaknesses ?, WeaknessCount ?, Outcome ?, PriorityActions ?, PriorityActionCount ?, Improvements ?, ImprovementCount ?, LetterDate ?] => "report_published", "the inspection report is published";
    WsoaDeadlineRevised [NewDeadline !, Reason ?] => "wsoa_deadline_revised", "the WSoA deadline is revised";
    WsoaSubmitted [] => "wsoa_submitted", "the written statement of action (WSoA) is submitted";
    WsoaJudged [FitForPurpose !] => "wsoa_judged", "Ofsted and CQC judge the WSoA";
    MonitoringMeeting [Actions ?, FinalBeforeRevisit ?] => "monitoring_meeting", "a DfE and NHS England monitoring meeting";
    RevisitNotified [] => "revisit_notified", "the area is notified of a revisit";
    RevisitStarted [] => "revisit_started", "revisit fieldwork starts";
    RevisitEnded [] => "revisit_ended", "revisit fieldwork ends";
    RevisitOutcome [Judgements ?, Counts ?] => "revisit_outcome", "the revisit letter judges progress";
    NextStepsDetermined [Decision !] => "next_steps_determined", "DfE and NHS England determine next steps";
    AppSubmitted [] => "app_submitted", "the accelerated progress plan (APP) is submitted";
    AppJudged [FitForPurpose !] => "app_judged", "DfE judges the APP";
    AppReview [Actions ?] => "app_review", "a DfE and NHS England review of the APP";
    ImprovementNoticeIssued [] => "improvement_notice_issued", "a DfE improvement notice is issued";
    ImprovementNoticeLifted [] => "improvement_notice_lifted", "the improvement notice is lifted";
    HealthBodyChanged [HealthBodies !] => "health_body_changed", "the area's health partners change";
    FrameworkChanged [Framework !] => "framework_changed", "the area moves to another inspection framework";
    WsoaSignedOff [] => "wsoa_signed_off", "DfE and NHS England sign the WSoA off without a revisit";
    StrategicPlanPublished [] => "strategic_plan_published", "the partnership publishes its updated strategic plan";
    PapSubmitted [] => "pap_submitted", "the priority action plan (PAP) is submitted";
    PapJudged [FitForPurpose !] => "pap_judged", "Ofsted and CQC evaluate the priority action plan";
    PapPublished [] => "pap_published", "the partnership publishes its priority action plan";
    Stocktake [Actions ?] => "stocktake", "a DfE and NHS England stocktake";
    EngagementMeeting [] => "engagement_meeting", "an Ofsted and CQC engagement meeting";
    MonitoringInspectionNotified [] => "monitoring_inspection_notified", "the partnership is notified of a monitoring inspection";
    MonitoringInspectionStarted [] => "monitoring_inspection_started", "monitoring inspection fieldwork starts";
    MonitoringInspectionEnded [] => "monitoring_inspection_ended", "monitoring inspection fieldwork ends";
    MonitoringInspectionOutcome [Judgements ?, Counts ?] => "monitoring_inspection_outcome", "the monitoring inspection report judges the action taken";
    StatutoryDirectionIssued [] => "statutory_direction_issued", "the Secretary of State issues a statutory direction";
    Note [Title !] => "note", "a note on the record";
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A significant weakness named in the inspection report letter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct Weakness {
    /// A short id, unique within the report (`"W1"`, `"joint_commissioning"`).
    #[cfg_attr(feature = "schema", schemars(length(min = 1), pattern(r"\S")))]
    pub id: String,
    /// The weakness as the letter words it.
    #[cfg_attr(feature = "schema", schemars(length(min = 1), pattern(r"\S")))]
    pub title: String,
}

impl Weakness {
    /// A weakness from its id and title.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Weakness {
        Weakness {
            id: id.into(),
            title: title.into(),
        }
    }
}

/// The progress a revisit found on one weakness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Progress {
    /// Sufficient progress.
    Sufficient,
    /// Not sufficient progress.
    Insufficient,
}

impl Progress {
    /// The contract's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Progress::Sufficient => "sufficient",
            Progress::Insufficient => "insufficient",
        }
    }
}

/// A revisit's judgement on one weakness.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Judgement {
    /// The weakness's id, as listed in the report.
    pub weakness: String,
    /// The progress found.
    pub progress: Progress,
}

impl Judgement {
    /// A judgement from a weakness id and the progress found.
    pub fn new(weakness: impl Into<String>, progress: Progress) -> Judgement {
        Judgement {
            weakness: weakness.into(),
            progress,
        }
    }
}

/// The outcome of a full inspection under the 2023 area SEND framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// "Typically positive experiences and outcomes": next full inspection within about
    /// five years.
    Positive,
    /// "Inconsistent experiences and outcomes": next full inspection within about three
    /// years.
    Inconsistent,
    /// "Widespread and/or systemic failings": a priority action plan, a monitoring
    /// inspection within about 18 months, a full reinspection within about three years.
    WidespreadFailings,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: &'static [Outcome] = &[
        Outcome::Positive,
        Outcome::Inconsistent,
        Outcome::WidespreadFailings,
    ];

    /// The contract's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Positive => "positive",
            Outcome::Inconsistent => "inconsistent",
            Outcome::WidespreadFailings => "widespread_failings",
        }
    }

    /// The outcome with this contract name.
    pub fn from_name(name: &str) -> Option<Outcome> {
        Outcome::ALL.iter().copied().find(|o| o.as_str() == name)
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An area for priority action named in a 2023-framework report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct PriorityAction {
    /// A short id, unique within the report.
    #[cfg_attr(feature = "schema", schemars(length(min = 1), pattern(r"\S")))]
    pub id: String,
    /// The area for priority action as the report words it.
    #[cfg_attr(feature = "schema", schemars(length(min = 1), pattern(r"\S")))]
    pub title: String,
    /// The body or bodies the report names as responsible (free text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responsible: Option<String>,
}

impl PriorityAction {
    /// An area for priority action from its id and title.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> PriorityAction {
        PriorityAction {
            id: id.into(),
            title: title.into(),
            responsible: None,
        }
    }
}

/// An area for improvement named in a 2023-framework report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct Improvement {
    /// A short id, unique within the report.
    #[cfg_attr(feature = "schema", schemars(length(min = 1), pattern(r"\S")))]
    pub id: String,
    /// The area for improvement as the report words it.
    #[cfg_attr(feature = "schema", schemars(length(min = 1), pattern(r"\S")))]
    pub title: String,
}

/// What a monitoring inspection found on one area for priority action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Effectiveness {
    /// The partnership has taken effective action.
    EffectiveAction,
    /// It has not.
    NotEffectiveAction,
}

impl Effectiveness {
    /// The contract's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Effectiveness::EffectiveAction => "effective_action",
            Effectiveness::NotEffectiveAction => "not_effective_action",
        }
    }
}

/// A monitoring inspection's judgement on one area for priority action.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ActionJudgement {
    /// The area for priority action's id, as the latest report lists it.
    pub action: String,
    /// What was found.
    pub effectiveness: Effectiveness,
}

impl ActionJudgement {
    /// A judgement from an id and what was found.
    pub fn new(action: impl Into<String>, effectiveness: Effectiveness) -> ActionJudgement {
        ActionJudgement {
            action: action.into(),
            effectiveness,
        }
    }
}

/// A revisit's outcome as numbers: how many weaknesses made sufficient progress, and how
/// many did not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct ProgressCounts {
    /// Weaknesses with sufficient progress.
    pub sufficient: u64,
    /// Weaknesses without.
    pub insufficient: u64,
}

/// A monitoring inspection's outcome as numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct EffectivenessCounts {
    /// Areas for priority action where effective action was taken.
    pub effective_action: u64,
    /// Areas where it was not.
    pub not_effective_action: u64,
}

/// What a published inspection report says: the payload of
/// [`EventDetail::ReportPublished`]. Under the 2016 framework a letter listing the
/// significant weaknesses (by name, or only their number); under the 2023 framework a
/// report with its outcome and its areas for priority action and for improvement (as lists
/// or only their numbers). Every member is optional; it is written with only the members
/// given.
///
/// # Example
/// ```
/// use send_lifecycle::{EventDetail, Outcome, PublishedReport};
/// // A 2023 report known only by its outcome and the number of its areas for priority action.
/// let report = PublishedReport {
///     outcome: Some(Outcome::WidespreadFailings),
///     priority_action_count: Some(2),
///     ..Default::default()
/// };
/// let detail = EventDetail::from(report);
/// assert_eq!(detail.kind().as_str(), "report_published");
/// assert_eq!(detail.as_report().and_then(|r| r.priority_action_count), Some(2));
/// assert_eq!(
///     serde_json::to_string(&detail)?,
///     r#"{"kind":"report_published","outcome":"widespread_failings","priority_action_count":2}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
// Inlined in the schema, as the variant's own members were: the schema is unchanged.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(inline))]
pub struct PublishedReport {
    /// 2016: the significant weaknesses by id and title; empty means none (no WSoA is
    /// required) unless `weakness_count` gives their number instead.
    #[cfg_attr(feature = "schema", schemars(default))]
    pub weaknesses: Vec<Weakness>,
    /// 2016: the number of significant weaknesses, when a source gives only that.
    pub weakness_count: Option<u64>,
    /// 2023: the outcome.
    pub outcome: Option<Outcome>,
    /// 2023: the areas for priority action, when the source lists them.
    pub priority_actions: Option<Vec<PriorityAction>>,
    /// 2023: their number, when a source gives only that.
    pub priority_action_count: Option<u64>,
    /// 2023: the areas for improvement, when the source lists them.
    pub improvements: Option<Vec<Improvement>>,
    /// 2023: their number, when a source gives only that.
    pub improvement_count: Option<u64>,
    /// The date on the letter, when it differs from publication.
    pub letter_date: Option<EventDate>,
}

/// A report is written with only the members it was given: a 2016 letter's `weaknesses`
/// or `weakness_count`, a 2023 report's `outcome` and its items as lists or counts.
impl Serialize for PublishedReport {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;

        let PublishedReport {
            weaknesses,
            weakness_count,
            outcome,
            priority_actions,
            priority_action_count,
            improvements,
            improvement_count,
            letter_date,
        } = self;
        let mut st = s.serialize_struct("ReportPublished", 8)?;
        if let Some(n) = weakness_count {
            st.serialize_field("weakness_count", n)?;
        }
        // A 2016 letter lists its weaknesses (an empty list when there are none); a 2023
        // report lists none, unless a caller gave some (then they are written, and the
        // validator reports them).
        if weakness_count.is_none() && (outcome.is_none() || !weaknesses.is_empty()) {
            st.serialize_field("weaknesses", weaknesses)?;
        }
        if let Some(o) = outcome {
            st.serialize_field("outcome", o)?;
        }
        if let Some(p) = priority_actions {
            st.serialize_field("priority_actions", p)?;
        }
        if let Some(n) = priority_action_count {
            st.serialize_field("priority_action_count", n)?;
        }
        if let Some(i) = improvements {
            st.serialize_field("improvements", i)?;
        }
        if let Some(n) = improvement_count {
            st.serialize_field("improvement_count", n)?;
        }
        if let Some(d) = letter_date {
            st.serialize_field("letter_date", d)?;
        }
        st.end()
    }
}

impl From<PublishedReport> for EventDetail {
    fn from(report: PublishedReport) -> EventDetail {
        EventDetail::ReportPublished(Box::new(report))
    }
}

/// Judgements are an object from item id to what was found in the contract; here a `Vec`
/// keeps the letter's order and lets a repeated id be reported rather than lost. An outcome
/// given as counts is written as `counts`.
mod judged {
    use serde::ser::{SerializeMap, SerializeStruct};
    use serde::{Serialize, Serializer};

    use super::{ActionJudgement, EffectivenessCounts, Judgement, ProgressCounts};

    struct Revisit<'a>(&'a [Judgement]);
    struct Monitoring<'a>(&'a [ActionJudgement]);

    impl Serialize for Revisit<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(self.0.len()))?;
            for j in self.0 {
                map.serialize_entry(&j.weakness, &j.progress)?;
            }
            map.end()
        }
    }

    impl Serialize for Monitoring<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(self.0.len()))?;
            for j in self.0 {
                map.serialize_entry(&j.action, &j.effectiveness)?;
            }
            map.end()
        }
    }

    #[allow(clippy::ref_option)]
    pub(super) fn revisit<S: Serializer>(
        judgements: &[Judgement],
        counts: &Option<Box<ProgressCounts>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("RevisitOutcome", 1)?;
        match counts {
            Some(c) if judgements.is_empty() => st.serialize_field("counts", c)?,
            _ => st.serialize_field("judgements", &Revisit(judgements))?,
        }
        st.end()
    }

    #[allow(clippy::ref_option)]
    pub(super) fn monitoring<S: Serializer>(
        judgements: &[ActionJudgement],
        counts: &Option<Box<EffectivenessCounts>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("MonitoringInspectionOutcome", 1)?;
        match counts {
            Some(c) if judgements.is_empty() => st.serialize_field("counts", c)?,
            _ => st.serialize_field("judgements", &Monitoring(judgements))?,
        }
        st.end()
    }
}

impl EventDetail {
    /// A 2016-framework report letter listing its significant weaknesses (none: no WSoA).
    ///
    /// # Example
    /// ```
    /// use send_lifecycle::{EventDetail, Weakness};
    /// let d = EventDetail::report(vec![Weakness::new("W1", "No joint commissioning strategy")], None);
    /// assert_eq!(d.kind().as_str(), "report_published");
    /// ```
    pub fn report(weaknesses: Vec<Weakness>, letter_date: Option<EventDate>) -> EventDetail {
        EventDetail::from(PublishedReport {
            weaknesses,
            letter_date,
            ..PublishedReport::default()
        })
    }

    /// A 2023-framework report with its outcome and areas for priority action and for
    /// improvement (`None`: the source does not list them).
    pub fn area_report(
        outcome: Outcome,
        priority_actions: Option<Vec<PriorityAction>>,
        improvements: Option<Vec<Improvement>>,
    ) -> EventDetail {
        EventDetail::from(PublishedReport {
            outcome: Some(outcome),
            priority_actions,
            improvements,
            ..PublishedReport::default()
        })
    }

    /// The published report, when this is a `report_published` event.
    ///
    /// # Example
    /// ```
    /// use send_lifecycle::{EventDetail, Weakness};
    /// let d = EventDetail::report(vec![Weakness::new("W1", "No joint commissioning strategy")], None);
    /// assert_eq!(d.as_report().map(|r| r.weaknesses.len()), Some(1));
    /// assert_eq!(EventDetail::InspectionStarted.as_report(), None);
    /// ```
    pub fn as_report(&self) -> Option<&PublishedReport> {
        match self {
            EventDetail::ReportPublished(report) => Some(report),
            _ => None,
        }
    }

    /// A revisit letter judging weaknesses by id.
    pub fn revisit_outcome(judgements: Vec<Judgement>) -> EventDetail {
        EventDetail::RevisitOutcome {
            judgements,
            counts: None,
        }
    }
}

/// What DfE and NHS England decide after a revisit finds insufficient progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NextStep {
    /// The area writes an accelerated progress plan (APP).
    AcceleratedProgressPlan,
    /// DfE issues an improvement notice.
    ImprovementNotice,
    /// The Secretary of State directs the area.
    StatutoryDirection,
    /// The Secretary of State directs a further revisit.
    FurtherRevisit,
}

impl NextStep {
    /// Every decision.
    pub const ALL: &'static [NextStep] = &[
        NextStep::AcceleratedProgressPlan,
        NextStep::ImprovementNotice,
        NextStep::StatutoryDirection,
        NextStep::FurtherRevisit,
    ];

    /// The contract's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            NextStep::AcceleratedProgressPlan => "accelerated_progress_plan",
            NextStep::ImprovementNotice => "improvement_notice",
            NextStep::StatutoryDirection => "statutory_direction",
            NextStep::FurtherRevisit => "further_revisit",
        }
    }
}

/// Progress on a plan's actions, as a monitoring meeting or APP review records it. Every
/// member is optional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct ActionCounts {
    /// How many actions the plan has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// How many are underway.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub underway: Option<u64>,
    /// How many are completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed: Option<u64>,
    /// How many are delayed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delayed: Option<u64>,
    /// The share underway, 0–100.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 0, max = 100)))]
    pub underway_percent: Option<f64>,
    /// A red/amber/green rating of the actions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rag: Option<Rag>,
}

/// A red/amber/green (RAG) count of actions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct Rag {
    /// Actions rated red.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub red: Option<u64>,
    /// Actions rated amber.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amber: Option<u64>,
    /// Actions rated green.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub green: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Events of `kind` that between them give every optional field, written by hand from
    /// the `EventDetail` variants (not from the table it checks): a list and a count of
    /// the same items cannot stand together, so some kinds need two.
    #[allow(clippy::too_many_lines)] // a table: one arm per kind
    fn full(kind: EventKind) -> Vec<EventDetail> {
        let actions = || {
            Some(Box::new(ActionCounts {
                total: Some(1),
                ..ActionCounts::default()
            }))
        };
        let one = |d: EventDetail| vec![d];
        match kind {
            EventKind::InspectionNotified => one(EventDetail::InspectionNotified),
            EventKind::InspectionStarted => one(EventDetail::InspectionStarted),
            EventKind::InspectionEnded => one(EventDetail::InspectionEnded),
            EventKind::ReportReceived => one(EventDetail::ReportReceived),
            EventKind::ReportPublished => vec![
                EventDetail::from(PublishedReport {
                    weaknesses: vec![],
                    weakness_count: None,
                    outcome: Some(Outcome::WidespreadFailings),
                    priority_actions: Some(vec![]),
                    priority_action_count: None,
                    improvements: Some(vec![]),
                    improvement_count: None,
                    letter_date: Some(EventDate::Unknown),
                }),
                EventDetail::from(PublishedReport {
                    weaknesses: vec![],
                    weakness_count: Some(2),
                    outcome: None,
                    priority_actions: None,
                    priority_action_count: Some(1),
                    improvements: None,
                    improvement_count: Some(1),
                    letter_date: None,
                }),
                EventDetail::report(vec![], None),
            ],
            EventKind::WsoaDeadlineRevised => one(EventDetail::WsoaDeadlineRevised {
                new_deadline: chrono::NaiveDate::MIN,
                reason: Some(String::new()),
            }),
            EventKind::WsoaSubmitted => one(EventDetail::WsoaSubmitted),
            EventKind::WsoaJudged => one(EventDetail::WsoaJudged {
                fit_for_purpose: true,
            }),
            EventKind::MonitoringMeeting => one(EventDetail::MonitoringMeeting {
                actions: actions(),
                final_before_revisit: Some(true),
            }),
            EventKind::RevisitNotified => one(EventDetail::RevisitNotified),
            EventKind::RevisitStarted => one(EventDetail::RevisitStarted),
            EventKind::RevisitEnded => one(EventDetail::RevisitEnded),
            EventKind::RevisitOutcome => vec![
                EventDetail::revisit_outcome(vec![]),
                EventDetail::RevisitOutcome {
                    judgements: vec![],
                    counts: Some(Box::new(ProgressCounts {
                        sufficient: 1,
                        insufficient: 0,
                    })),
                },
            ],
            EventKind::NextStepsDetermined => one(EventDetail::NextStepsDetermined {
                decision: NextStep::FurtherRevisit,
            }),
            EventKind::AppSubmitted => one(EventDetail::AppSubmitted),
            EventKind::AppJudged => one(EventDetail::AppJudged {
                fit_for_purpose: false,
            }),
            EventKind::AppReview => one(EventDetail::AppReview { actions: actions() }),
            EventKind::ImprovementNoticeIssued => one(EventDetail::ImprovementNoticeIssued),
            EventKind::ImprovementNoticeLifted => one(EventDetail::ImprovementNoticeLifted),
            EventKind::HealthBodyChanged => one(EventDetail::HealthBodyChanged {
                health_bodies: vec![],
            }),
            EventKind::FrameworkChanged => one(EventDetail::FrameworkChanged {
                framework: Framework::AreaSend2023,
            }),
            EventKind::WsoaSignedOff => one(EventDetail::WsoaSignedOff),
            EventKind::StrategicPlanPublished => one(EventDetail::StrategicPlanPublished),
            EventKind::PapSubmitted => one(EventDetail::PapSubmitted),
            EventKind::PapJudged => one(EventDetail::PapJudged {
                fit_for_purpose: true,
            }),
            EventKind::PapPublished => one(EventDetail::PapPublished),
            EventKind::Stocktake => one(EventDetail::Stocktake { actions: actions() }),
            EventKind::EngagementMeeting => one(EventDetail::EngagementMeeting),
            EventKind::MonitoringInspectionNotified => {
                one(EventDetail::MonitoringInspectionNotified)
            }
            EventKind::MonitoringInspectionStarted => one(EventDetail::MonitoringInspectionStarted),
            EventKind::MonitoringInspectionEnded => one(EventDetail::MonitoringInspectionEnded),
            EventKind::MonitoringInspectionOutcome => vec![
                EventDetail::MonitoringInspectionOutcome {
                    judgements: vec![],
                    counts: None,
                },
                EventDetail::MonitoringInspectionOutcome {
                    judgements: vec![],
                    counts: Some(Box::new(EffectivenessCounts {
                        effective_action: 1,
                        not_effective_action: 0,
                    })),
                },
            ],
            EventKind::StatutoryDirectionIssued => one(EventDetail::StatutoryDirectionIssued),
            EventKind::Note => one(EventDetail::Note {
                title: String::new(),
            }),
        }
    }

    #[test]
    fn the_field_table_is_the_rust_types_field_for_field() {
        for &kind in EventKind::ALL {
            let mut written: Vec<String> = Vec::new();
            for detail in full(kind) {
                let event = Event::new(EventDate::Unknown, detail).with_source("s");
                let event = Event {
                    note: Some("n".into()),
                    ..event
                };
                assert_eq!(event.kind(), kind);
                let json = serde_json::to_value(&event).unwrap_or_default();
                assert_eq!(json["kind"], kind.as_str());
                for k in json
                    .as_object()
                    .map(|o| o.keys().cloned().collect::<Vec<_>>())
                    .unwrap_or_default()
                {
                    if !written.contains(&k) {
                        written.push(k);
                    }
                }
            }
            let mut declared: Vec<String> = EventField::COMMON
                .iter()
                .chain(kind.fields())
                .map(|f| f.field.as_str().to_owned())
                .collect();
            written.sort_unstable();
            declared.sort_unstable();
            assert_eq!(written, declared, "{kind}");
        }
    }

    #[test]
    fn every_field_has_its_own_name_and_bit() {
        let mut bits = 0u32;
        for &f in EventField::ALL {
            assert_eq!(EventField::from_name(f.as_str()), Some(f));
            assert_eq!(bits & f.bit(), 0, "{f}");
            bits |= f.bit();
        }
        assert_eq!(EventField::from_name("nope"), None);
        // A field is required for a kind only where the contract says so.
        assert!(EventKind::Note.fields()[0].required);
        assert!(!EventKind::MonitoringMeeting.fields()[0].required);
    }

    #[test]
    fn an_event_stays_small() {
        // The validator keeps every event of a document, so the slot size bounds its memory
        // on hostile input (many small events): issue 10. The large payloads are boxed.
        assert!(
            std::mem::size_of::<Event>() <= 104,
            "Event is {} bytes",
            std::mem::size_of::<Event>()
        );
    }

    #[test]
    fn a_2016_report_is_written_with_its_weaknesses_or_their_number() {
        let day = |s: &str| EventDate::parse(s).unwrap();
        let letter = Event::new(
            day("2019-03-05"),
            EventDetail::report(
                vec![
                    Weakness::new("W1", "Joint commissioning"),
                    Weakness::new("W2", "Waiting times"),
                ],
                Some(day("2019-03-01")),
            ),
        )
        .with_source("letter, p. 1");
        assert_eq!(
            serde_json::to_string(&letter).unwrap(),
            r#"{"date":"2019-03-05","kind":"report_published","weaknesses":[{"id":"W1","title":"Joint commissioning"},{"id":"W2","title":"Waiting times"}],"letter_date":"2019-03-01","source":"letter, p. 1"}"#
        );
        // None: an empty list is written.
        let none = Event::new(day("2019-03"), EventDetail::report(vec![], None));
        assert_eq!(
            serde_json::to_string(&none).unwrap(),
            r#"{"date":"2019-03","kind":"report_published","weaknesses":[]}"#
        );
        // Only their number: the count stands for the list, which is not written.
        let counted = EventDetail::from(PublishedReport {
            weaknesses: vec![Weakness::new("W1", "Joint commissioning")],
            weakness_count: Some(3),
            ..PublishedReport::default()
        });
        assert_eq!(
            serde_json::to_string(&counted).unwrap(),
            r#"{"kind":"report_published","weakness_count":3}"#
        );
    }

    #[test]
    fn a_2023_report_is_written_with_only_the_members_given() {
        let day = |s: &str| EventDate::parse(s).unwrap();
        let mut detail = EventDetail::area_report(
            Outcome::WidespreadFailings,
            Some(vec![PriorityAction {
                responsible: Some("the ICB".to_owned()),
                ..PriorityAction::new("P1", "Waiting times")
            }]),
            None,
        );
        if let EventDetail::ReportPublished(report) = &mut detail {
            report.improvement_count = Some(4);
            report.letter_date = Some(day("2023-11-10"));
        }
        let report = Event {
            note: Some("on the council's site".to_owned()),
            ..Event::new(day("2023-11-20"), detail)
        };
        assert_eq!(
            serde_json::to_string(&report).unwrap(),
            r#"{"date":"2023-11-20","kind":"report_published","outcome":"widespread_failings","priority_actions":[{"id":"P1","title":"Waiting times","responsible":"the ICB"}],"improvement_count":4,"letter_date":"2023-11-10","note":"on the council's site"}"#
        );
        let listed = EventDetail::area_report(
            Outcome::Inconsistent,
            Some(vec![]),
            Some(vec![Improvement {
                id: "I1".to_owned(),
                title: "Transitions".to_owned(),
            }]),
        );
        assert_eq!(
            serde_json::to_string(&listed).unwrap(),
            r#"{"kind":"report_published","outcome":"inconsistent","priority_actions":[],"improvements":[{"id":"I1","title":"Transitions"}]}"#
        );
        let counted = EventDetail::from(PublishedReport {
            outcome: Some(Outcome::Positive),
            priority_action_count: Some(0),
            improvement_count: Some(2),
            ..PublishedReport::default()
        });
        assert_eq!(
            serde_json::to_string(&counted).unwrap(),
            r#"{"kind":"report_published","outcome":"positive","priority_action_count":0,"improvement_count":2}"#
        );
        // Weaknesses given to a 2023 report are written (the validator reports them).
        let stray = EventDetail::from(PublishedReport {
            weaknesses: vec![Weakness::new("W1", "Joint commissioning")],
            outcome: Some(Outcome::Positive),
            ..PublishedReport::default()
        });
        assert_eq!(
            serde_json::to_string(&stray).unwrap(),
            r#"{"kind":"report_published","weaknesses":[{"id":"W1","title":"Joint commissioning"}],"outcome":"positive"}"#
        );
        assert_eq!(
            stray.as_report().map(|r| r.weaknesses.len()),
            Some(1),
            "as_report gives the payload"
        );
    }
}

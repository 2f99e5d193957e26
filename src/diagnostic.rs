//! Diagnostics: a finding about a timeline, as data.
//!
//! A diagnostic has a stable [`Code`], a [`Severity`], a message that stands on its own, and
//! a JSON Pointer to the place concerned. One model feeds both the JSON report and the
//! human rendering.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::EventDate;
use crate::lifecycle::Stage;
use crate::names::{read_name, written};

macro_rules! codes {
    ($( $variant:ident => $name:literal, $sev:ident, $text:literal; )*) => {
        /// A diagnostic's stable code. Codes are never renamed or removed; new ones may be
        /// added, so match with a wildcard arm.
        ///
        /// # Example
        /// ```
        /// use send_lifecycle::{Code, Severity};
        /// assert_eq!(Code::WsoaLate.as_str(), "wsoa_late");
        /// assert_eq!(Code::WsoaLate.severity(), Severity::Warning);
        /// assert_eq!(Code::from_name("invalid_date"), Some(Code::InvalidDate));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $( #[doc = $text] $variant, )*
            /// A code this version does not know, read from a report written by a newer
            /// version. The name read is kept by the [`Diagnostic`] that holds it
            /// ([`Diagnostic::code_name`]) and written back when it is serialised. Never
            /// in [`Code::ALL`], never given by [`Code::from_name`].
            Unknown,
        }

        impl Code {
            /// Every code this version knows, in the contract's order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The contract's name of the code (`"unknown"` for [`Code::Unknown`], whose
            /// own name is [`Diagnostic::code_name`]).
            pub fn as_str(&self) -> &'static str {
                match self { $( Code::$variant => $name, )* Code::Unknown => "unknown" }
            }

            /// The severity the contract gives the code ([`Severity::Unknown`] for
            /// [`Code::Unknown`]).
            pub fn severity(&self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* Code::Unknown => Severity::Unknown }
            }

            /// When the code is reported, in one sentence.
            pub fn explain(&self) -> &'static str {
                match self {
                    $( Code::$variant => $text, )*
                    Code::Unknown => "A code of a newer version of this crate, which this version does not know.",
                }
            }

            /// The code with this contract name.
            pub fn from_name(name: &str) -> Option<Code> {
                match name { $( $name => Some(Code::$variant), )* _ => None }
            }
        }
    };
}

codes! {
    MalformedJson => "malformed_json", Error, "The input is not JSON; the message gives the line and column.";
    SchemaViolation => "schema_violation", Error, "The input has the wrong shape: an unknown kind or field, a missing field, or a value of the wrong type.";
    UnsupportedSchemaVersion => "unsupported_schema_version", Error, "`schema_version` is not 1.";
    InvalidDate => "invalid_date", Error, "A date does not exist or is not a day, a month, a year or null.";
    EventsOutOfOrder => "events_out_of_order", Error, "An event is certainly earlier than an event listed before it.";
    TransitionNotAllowed => "transition_not_allowed", Error, "The event cannot happen in the stage the area is in.";
    DuplicateWeakness => "duplicate_weakness", Error, "Two weaknesses (or two judgements) share an id.";
    UnknownWeakness => "unknown_weakness", Error, "A judgement names a weakness the report did not list.";
    MissingJudgement => "missing_judgement", Error, "A revisit outcome leaves out a weakness it must judge.";
    RejudgedWeakness => "rejudged_weakness", Error, "A further revisit judges a weakness already found sufficient.";
    InvalidActionCounts => "invalid_action_counts", Error, "Action counts contradict each other or are out of range.";
    LetterAfterPublication => "letter_after_publication", Error, "The report letter is dated after its publication.";
    EmptyText => "empty_text", Error, "A name, title or id is blank.";
    LimitExceeded => "limit_exceeded", Error, "The input is beyond a documented limit (size, events, text length).";
    WsoaLate => "wsoa_late", Warning, "The WSoA was submitted after its deadline.";
    DeadlinePassed => "deadline_passed", Warning, "At the end of the timeline (or the as-of date) a WSoA or APP deadline has passed with nothing submitted.";
    MonitoringGap => "monitoring_gap", Warning, "Longer than the monitoring interval plus its grace passed without a formal monitoring meeting (or APP review).";
    InspectionTooLong => "inspection_too_long", Warning, "Inspection fieldwork lasted longer than 5 working days.";
    RevisitTooLong => "revisit_too_long", Warning, "Revisit fieldwork lasted longer than 4 days.";
    HealthBodyAnachronism => "health_body_anachronism", Warning, "A CCG is in force on or after 1 July 2022, or an ICB before it.";
    RevisitLaterThanUsual => "revisit_later_than_usual", Info, "The revisit started more than 18 months after the WSoA was judged fit for purpose.";
    PossiblyLate => "possibly_late", Info, "A month- or year-precision date may have missed a deadline.";
    AppLate => "app_late", Warning, "The APP was submitted after a deadline the policy sets (the sources set none, so by default there is none).";
    FrameworkMismatch => "framework_mismatch", Error, "An event of a framework not in force (and no open 2016 record to take it), or a field of the other framework's version of a shared kind.";
    OutcomeItemsMismatch => "outcome_items_mismatch", Error, "Widespread failings with no area for priority action, or areas for priority action under another outcome.";
    JudgementCountsMismatch => "judgement_counts_mismatch", Error, "Outcome counts that do not add up to the items still to be judged, or judgements by id of items known only by count.";
    PapLate => "pap_late", Warning, "The priority action plan was submitted, or published, after its deadline (by default 35 and 70 working days from receipt of the report).";
    StrategicPlanLate => "strategic_plan_late", Warning, "The strategic plan was published after a deadline the policy sets (by default none).";
    FrameworkAnachronism => "framework_anachronism", Warning, "A framework change before 1 January 2023, a 2023-framework event before it, 2016 full-inspection fieldwork after 30 April 2022, or a 2016 revisit after 31 December 2022.";
    MonitoringInspectionLaterThanUsual => "monitoring_inspection_later_than_usual", Info, "A monitoring inspection started more than 18 months after receipt of the report.";
    FullInspectionOverdue => "full_inspection_overdue", Info, "At the end of the timeline (or the as-of date) the next full inspection's usual horizon has passed with no new full inspection.";
    AsOfBeforeEvents => "as_of_before_events", Warning, "The as-of day the caller gave (`Options::as_of`, `--as-of`) is earlier than every dated event, so no deadline can have passed by it: the day is probably wrong.";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a diagnostic is. Ordered from the least to the most serious, so that
/// `.max()` over a report's diagnostics gives the worst.
///
/// # Example
/// ```
/// use send_lifecycle::Severity;
/// assert!(Severity::Info < Severity::Warning && Severity::Warning < Severity::Error);
/// assert_eq!("warning".parse::<Severity>(), Ok(Severity::Warning));
/// assert_eq!(Severity::Error.to_string(), "error");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Severity {
    /// A severity this version does not know, read from a report written by a newer
    /// version; the name read is kept by the [`Diagnostic`] ([`Diagnostic::severity_name`]).
    /// Ordered below [`Severity::Info`]: where it belongs is not known.
    Unknown,
    /// Worth knowing; nothing is wrong for certain.
    Info,
    /// Possible but outside the framework's norms (a late WSoA, a long gap).
    Warning,
    /// The timeline is impossible or unreadable: the report is not valid.
    Error,
}

impl Severity {
    /// Every severity this version knows, from the least serious.
    pub const ALL: &'static [Severity] = &[Severity::Info, Severity::Warning, Severity::Error];

    /// The contract's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Unknown => "unknown",
        }
    }

    /// The severity with this contract name.
    pub fn from_name(name: &str) -> Option<Severity> {
        Severity::ALL.iter().copied().find(|s| s.as_str() == name)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding about a timeline.
///
/// # Example
/// ```
/// use send_lifecycle::{Code, Diagnostic, Severity};
/// let d = Diagnostic::new(Code::InvalidDate, "/events/3/date", "event 3 has a date that does not exist: \"2021-02-30\"")
///     .at_event(3);
/// assert_eq!(d.severity(), Severity::Error);
/// let json = serde_json::to_string(&d)?;
/// assert!(json.contains(r#""code":"invalid_date""#));
/// assert_eq!(serde_json::from_str::<Diagnostic>(&json)?, d);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(from = "DiagnosticIn")]
#[non_exhaustive]
pub struct Diagnostic {
    /// The stable code.
    pub code: Code,
    /// How serious it is: always the code's own severity ([`Code::severity`]) for the codes
    /// of this version. Kept (rather than derived each time) so that a report from a
    /// newer version, whose codes this one may not know, keeps what it said.
    severity: Severity,
    /// A sentence that stands on its own: the stage, the event, the dates, what was expected.
    pub message: String,
    /// A JSON Pointer (RFC 6901) to the place concerned; `""` is the whole document.
    pub path: String,
    /// The index of the event concerned, if one is.
    pub event_index: Option<usize>,
    /// The date of the event concerned, when it has one (for people reading the report).
    pub event_date: Option<EventDate>,
    /// The stage the area was in, where it matters.
    pub stage: Option<Stage>,
    /// What would have been allowed instead (event kinds, date forms, limits).
    pub expected: Vec<String>,
    /// How to put it right.
    pub help: Option<String>,
    /// The 1-based line, in the JSON text read, of the value `path` points at (for a
    /// missing member: the object that lacks it; for `malformed_json`: where reading
    /// stopped). `None` for a timeline that was not read from text.
    pub line: Option<u32>,
    /// The 1-based column of that value, counted in characters (Unicode scalar values)
    /// from the start of its line; a byte-order mark is not counted.
    pub column: Option<u32>,
    /// Other places the finding concerns, such as the earlier event an out-of-order event
    /// contradicts.
    pub related: Vec<Related>,
    /// The names read from a newer version's report that this version does not know
    /// (code, severity, stage), kept to be written back; `None` for every diagnostic of
    /// this version.
    newer: Option<Box<NewerNames>>,
}

/// Names of a diagnostic this version does not know.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
struct NewerNames {
    code: Option<Box<str>>,
    severity: Option<Box<str>>,
    stage: Option<Box<str>>,
}

/// A diagnostic as written: every name as text (the kept one where this version does not
/// know it), the fields in the report's order.
#[derive(Serialize)]
struct DiagnosticOut<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    event_index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event_date: Option<EventDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    expected: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u32>,
    #[serde(skip_serializing_if = "<[Related]>::is_empty")]
    related: &'a [Related],
}

impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        DiagnosticOut {
            code: self.code_name(),
            severity: self.severity_name(),
            message: &self.message,
            path: &self.path,
            event_index: self.event_index,
            event_date: self.event_date,
            stage: self.stage_name(),
            expected: &self.expected,
            help: self.help.as_deref(),
            line: self.line,
            column: self.column,
            related: &self.related,
        }
        .serialize(serializer)
    }
}

/// A diagnostic as read: names as text, so that one of a newer version is kept; unknown
/// fields are ignored.
#[derive(Deserialize)]
struct DiagnosticIn {
    code: String,
    severity: String,
    message: String,
    path: String,
    #[serde(default)]
    event_index: Option<usize>,
    #[serde(default)]
    event_date: Option<EventDate>,
    #[serde(default)]
    stage: Option<String>,
    #[serde(default)]
    expected: Vec<String>,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    line: Option<u32>,
    #[serde(default)]
    column: Option<u32>,
    #[serde(default)]
    related: Vec<Related>,
}

impl From<DiagnosticIn> for Diagnostic {
    fn from(d: DiagnosticIn) -> Diagnostic {
        let (code, code_kept) = read_name(d.code, Code::Unknown);
        let (severity, severity_kept) = read_name(d.severity, Severity::Unknown);
        let (stage, stage_kept) = match d.stage.map(|s| read_name(s, Stage::Unknown)) {
            Some((stage, kept)) => (Some(stage), kept),
            None => (None, None),
        };
        let newer =
            (code_kept.is_some() || severity_kept.is_some() || stage_kept.is_some()).then(|| {
                Box::new(NewerNames {
                    code: code_kept,
                    severity: severity_kept,
                    stage: stage_kept,
                })
            });
        Diagnostic {
            code,
            severity,
            message: d.message,
            path: d.path,
            event_index: d.event_index,
            event_date: d.event_date,
            stage,
            expected: d.expected,
            help: d.help,
            line: d.line,
            column: d.column,
            related: d.related,
            newer,
        }
    }
}

/// Another place a [`Diagnostic`] concerns, with what it has to do with the finding.
///
/// # Example
/// ```
/// use send_lifecycle::Related;
/// let r = Related::new("/events/2", "the event listed before it");
/// assert_eq!(r.path, "/events/2");
/// assert_eq!(r.line, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Related {
    /// A JSON Pointer to the place.
    pub path: String,
    /// Its 1-based line in the JSON text read, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Its 1-based column (in characters), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// What the place has to do with the finding.
    pub message: String,
}

impl Related {
    /// A related place with no position yet.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Related {
        Related {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

impl Diagnostic {
    /// A diagnostic with the code's own severity.
    pub fn new(code: Code, path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            path: path.into(),
            event_index: None,
            event_date: None,
            stage: None,
            expected: Vec::new(),
            help: None,
            line: None,
            column: None,
            related: Vec::new(),
            newer: None,
        }
    }

    /// The same, with a related place.
    pub fn with_related(mut self, related: Related) -> Diagnostic {
        // Most findings have one related place: room for exactly that one (a second grows
        // the list as usual).
        if self.related.is_empty() {
            self.related.reserve_exact(1);
        }
        self.related.push(related);
        self
    }

    /// How serious it is ([`Severity::Unknown`] for a severity of a newer version, whose
    /// name is [`Diagnostic::severity_name`]).
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The code's name: the contract's, or, for a [`Code::Unknown`] read from a newer
    /// version's report, the name that report gave.
    ///
    /// # Example
    /// ```
    /// use send_lifecycle::{Code, Diagnostic, Severity, Stage};
    /// let newer = r#"{"code": "plan_overdue", "severity": "critical", "message": "m",
    ///                 "path": "", "stage": "recovery_plan_due", "confidence": 0.9}"#;
    /// let d: Diagnostic = serde_json::from_str(newer)?;
    /// assert_eq!((d.code, d.code_name()), (Code::Unknown, "plan_overdue"));
    /// assert_eq!((d.severity(), d.severity_name()), (Severity::Unknown, "critical"));
    /// assert_eq!((d.stage, d.stage_name()), (Some(Stage::Unknown), Some("recovery_plan_due")));
    /// // Written back as read (the unknown field `confidence` is not kept).
    /// let again = serde_json::to_string(&d)?;
    /// assert_eq!(again, r#"{"code":"plan_overdue","severity":"critical","message":"m","path":"","stage":"recovery_plan_due"}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn code_name(&self) -> &str {
        let kept = self.newer.as_ref().and_then(|n| n.code.as_deref());
        written(self.code, Code::Unknown, self.code.as_str(), kept)
    }

    /// The severity's name: the contract's, or the one a newer version's report gave.
    pub fn severity_name(&self) -> &str {
        let kept = self.newer.as_ref().and_then(|n| n.severity.as_deref());
        written(
            self.severity,
            Severity::Unknown,
            self.severity.as_str(),
            kept,
        )
    }

    /// The stage's name, where a stage is given: the contract's, or the one a newer
    /// version's report gave.
    pub fn stage_name(&self) -> Option<&str> {
        let stage = self.stage?;
        let kept = self.newer.as_ref().and_then(|n| n.stage.as_deref());
        Some(written(stage, Stage::Unknown, stage.as_str(), kept))
    }

    /// The same, about event `index`.
    pub fn at_event(mut self, index: usize) -> Diagnostic {
        self.event_index = Some(index);
        self
    }

    /// The same, in `stage`.
    pub fn in_stage(mut self, stage: Stage) -> Diagnostic {
        self.stage = Some(stage);
        self
    }

    /// The same, with what would have been allowed.
    pub fn expecting<I, T>(mut self, expected: I) -> Diagnostic
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        self.expected = expected.into_iter().map(Into::into).collect();
        self
    }

    /// The same, with help.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The fixed order of diagnostics in a report: those about the document as a whole
    /// first, then by event index, then code (by its name, as a consumer of the JSON sees
    /// it), then path and message.
    pub(crate) fn sort_key(&self) -> (Option<usize>, &'static str, &str, &str) {
        (
            self.event_index,
            self.code.as_str(),
            &self.path,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}",
            self.severity_name(),
            self.code_name(),
            self.message
        )
    }
}

/// Escapes one JSON Pointer reference token (RFC 6901: `~` → `~0`, `/` → `~1`).
pub(crate) fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

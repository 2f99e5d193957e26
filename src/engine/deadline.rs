//! Deadlines as windows of days, and what they rest on.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::date::DateSpan;
use crate::policy::Policy;

/// A deadline, as a window: the earliest and latest day it may fall on. The two are equal
/// when the dates it rests on are known to the day.
///
/// # Example
/// ```
/// use send_lifecycle::{Deadline, DeadlineBasis};
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2020, 10, 7).unwrap_or_default();
/// let deadline = Deadline::exact(d, DeadlineBasis::Revised);
/// assert_eq!(deadline.day(), Some(d));
/// assert_eq!((deadline.earliest(), deadline.latest()), (d, d));
/// assert_eq!((deadline.basis(), deadline.working_days()), (DeadlineBasis::Revised, None));
/// // The report's JSON shape.
/// assert_eq!(serde_json::to_string(&deadline)?,
///            r#"{"earliest":"2020-10-07","latest":"2020-10-07","basis":"revised"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// It is built by the engine (or [`Deadline::exact`]), not field by field:
/// ```compile_fail
/// use send_lifecycle::{Deadline, DeadlineBasis};
/// let d = chrono::NaiveDate::MIN;
/// let _ = Deadline { earliest: d, latest: d, basis: DeadlineBasis::Revised, working_days: None };
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deadline {
    // Private, read through the accessors, so that a deadline can carry more in a later
    // version; the serialised names are the report's (`earliest`, `latest`, `basis`,
    // `working_days`).
    earliest: NaiveDate,
    latest: NaiveDate,
    basis: DeadlineBasis,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    working_days: Option<u32>,
}

impl Deadline {
    /// The earliest day the deadline may fall on.
    pub fn earliest(&self) -> NaiveDate {
        self.earliest
    }

    /// The latest day the deadline may fall on.
    pub fn latest(&self) -> NaiveDate {
        self.latest
    }

    /// What the deadline rests on.
    pub fn basis(&self) -> DeadlineBasis {
        self.basis
    }

    /// How many working days it counts, where it counts some (not for a revised deadline).
    pub fn working_days(&self) -> Option<u32> {
        self.working_days
    }

    /// A deadline known to the day.
    pub fn exact(day: NaiveDate, basis: DeadlineBasis) -> Deadline {
        Deadline {
            earliest: day,
            latest: day,
            basis,
            working_days: None,
        }
    }

    /// The day, when it is known exactly.
    pub fn day(&self) -> Option<NaiveDate> {
        (self.earliest == self.latest).then_some(self.earliest)
    }

    /// What the deadline rests on, in words, with its number of working days.
    pub fn basis_text(&self) -> String {
        self.basis.describe(self.working_days)
    }

    /// The window as a span of days.
    pub fn span(&self) -> DateSpan {
        DateSpan::new(Some(self.earliest), Some(self.latest))
    }

    /// `n` working days after the span `from` (`None` when `from` is open at either end).
    pub(crate) fn after(
        from: DateSpan,
        n: u32,
        policy: &Policy,
        basis: DeadlineBasis,
    ) -> Option<Deadline> {
        let cal = &policy.calendar;
        Some(Deadline {
            earliest: cal.add_working_days(from.first()?, n)?,
            latest: cal.add_working_days(from.last()?, n)?,
            basis,
            working_days: Some(n),
        })
    }
}

impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day() {
            Some(d) => write!(f, "{d}"),
            None => write!(f, "between {} and {}", self.earliest, self.latest),
        }
    }
}

/// What a deadline rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeadlineBasis {
    /// Working days from the earliest date the report is known to have reached the area.
    ReportReceived,
    /// An agreed revised deadline.
    Revised,
    /// Working days from a "not fit for purpose" judgement (policy setting).
    Resubmission,
    /// Working days from the next-steps decision (policy setting).
    NextStepsDecision,
}

impl DeadlineBasis {
    /// What the basis means, for messages: `n` is the number of working days, where the
    /// deadline counts some.
    pub(crate) fn describe(self, n: Option<u32>) -> String {
        let days = n.map_or_else(
            || "working days".to_owned(),
            |n| format!("{n} working days"),
        );
        match self {
            DeadlineBasis::ReportReceived => {
                format!("{days} from the earliest date the report reached the area")
            }
            DeadlineBasis::Revised => "the agreed revised deadline".to_owned(),
            DeadlineBasis::Resubmission => {
                format!("{days} from the not-fit-for-purpose judgement")
            }
            DeadlineBasis::NextStepsDecision => format!("{days} from the next-steps decision"),
        }
    }
}

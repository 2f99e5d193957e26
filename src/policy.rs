//! Every number of the framework in one value, with its source and a default callers can
//! change.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;

/// The numbers the lifecycle's rules use.
///
/// The defaults are the 2016–2022 framework's, each documented with its source; where the
/// sources say nothing (what follows a WSoA that is not fit for purpose, an APP's
/// deadline, the grace allowed on a quarterly meeting), the default is stated as a choice,
/// and callers can set their own.
///
/// Serialised with every field optional: `{}` is the default policy, and an unknown field
/// is an error.
///
/// # Example
/// ```
/// use send_lifecycle::Policy;
///
/// let mut policy = Policy::default();
/// assert_eq!(policy.wsoa_deadline_working_days, 70);
/// // A caller that treats revisits after 24 months as unusual:
/// policy.revisit_usual_months = 24;
/// let json = serde_json::to_string(&policy)?;
/// let back: Policy = serde_json::from_str(&json)?;
/// assert_eq!(back, policy);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Policy {
    /// Working days from receiving the report to the WSoA deadline. Default 70: the
    /// explanatory note to SI 2015/1792, "within 70 working days of receiving the report".
    pub wsoa_deadline_working_days: u32,
    /// Working days from a "not fit for purpose" judgement to the deadline for the revised
    /// WSoA. The sources give none, so the default is `None`: no deadline is set and no
    /// lateness is reported for a resubmission.
    pub wsoa_resubmission_working_days: Option<u32>,
    /// Months between formal DfE and NHS England monitoring meetings. Default 3: quarterly
    /// (Leicestershire County Council, Children and Families Overview and Scrutiny
    /// Committee, 8 March 2022, report "Written Statement of Action", para 10).
    pub monitoring_interval_months: u32,
    /// Days allowed beyond the interval before `monitoring_gap` is reported. The sources give
    /// no grace; the default, 31 days, tolerates a meeting that slips into the next month.
    pub monitoring_grace_days: u32,
    /// Months between DfE and NHS England reviews of an accelerated progress plan (APP).
    /// Default 6: reviews about every six months (the project's research notes; no public
    /// source states the interval — see `docs/domain.md`, step 9).
    /// A longer gap in `app_monitoring` is reported as `monitoring_gap`.
    pub app_review_interval_months: u32,
    /// Working days from the next-steps decision to the APP deadline. The sources give none:
    /// default `None`, no deadline.
    pub app_deadline_working_days: Option<u32>,
    /// The most working days inspection fieldwork normally lasts. Default 5: the working
    /// week after the notice; no source states it as a limit (`docs/domain.md`, step 1).
    pub inspection_max_working_days: u32,
    /// The most days (calendar days) revisit fieldwork normally lasts. Default 4: two to
    /// four days (the project's research notes; `docs/domain.md`, step 7).
    pub revisit_max_days: u32,
    /// Months after the WSoA is judged fit for purpose within which a revisit usually starts.
    /// Default 18 (Department for Education, November 2018, as `docs/domain.md` cites it).
    pub revisit_usual_months: u32,
    /// The day integrated care boards (ICBs) replaced clinical commissioning groups (CCGs).
    /// Default 1 July 2022 (Health and Care Act 2022).
    pub icb_start: NaiveDate,
    /// The working-day calendar: England and Wales bank holidays, plus any the caller adds.
    pub calendar: Calendar,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            wsoa_deadline_working_days: 70,
            wsoa_resubmission_working_days: None,
            monitoring_interval_months: 3,
            monitoring_grace_days: 31,
            app_review_interval_months: 6,
            app_deadline_working_days: None,
            inspection_max_working_days: 5,
            revisit_max_days: 4,
            revisit_usual_months: 18,
            icb_start: NaiveDate::from_ymd_opt(2022, 7, 1).unwrap_or(NaiveDate::MIN),
            calendar: Calendar::england_and_wales(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_the_documented_ones() {
        let p = Policy::default();
        assert_eq!(p.wsoa_deadline_working_days, 70);
        assert_eq!(p.monitoring_interval_months, 3);
        assert_eq!(p.inspection_max_working_days, 5);
        assert_eq!(p.revisit_max_days, 4);
        assert_eq!(p.revisit_usual_months, 18);
        assert_eq!(p.app_review_interval_months, 6);
        assert_eq!(p.wsoa_resubmission_working_days, None);
        assert_eq!(p.icb_start.to_string(), "2022-07-01");
    }

    #[test]
    fn an_empty_object_is_the_default_and_unknown_fields_are_refused() {
        let p: Policy = serde_json::from_str("{}").unwrap_or_else(|_| Policy {
            wsoa_deadline_working_days: 0,
            ..Policy::default()
        });
        assert_eq!(p, Policy::default());
        assert!(serde_json::from_str::<Policy>(r#"{"wsoa_deadline_days": 60}"#).is_err());
    }
}

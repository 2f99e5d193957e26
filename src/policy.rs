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
    /// Working days from receiving a 2023-framework report with widespread and/or systemic
    /// failings to the priority action plan's submission. Default 35: a press report of the
    /// rules (Local Democracy Reporting Service, Nottinghamshire, 22 May 2023) — **not
    /// confirmed in the handbook text this crate's authors hold**; consistent cases:
    /// Oxfordshire 27, Lancashire 34, Wirral 31 working days.
    pub pap_working_days: u32,
    /// Working days from receipt to the plan's publication. Default 70, from the same press
    /// report, equally unconfirmed in the handbook.
    pub pap_publication_working_days: u32,
    /// Working days from a "not fit for purpose" evaluation to the resubmitted plan. The
    /// sources give none: default `None`.
    pub pap_resubmission_working_days: Option<u32>,
    /// Working days from receipt to the updated strategic plan's publication after a
    /// `positive` or `inconsistent` outcome. The handbook sets none: default `None`. The
    /// documented option is 35 (Trafford: report 22 December 2023, plan due 14 February
    /// 2024, council minutes).
    pub strategic_plan_working_days: Option<u32>,
    /// Months between DfE and NHS England stocktakes after widespread failings. Default 6:
    /// "about six months" (Bury; Nottinghamshire).
    pub stocktake_interval_months: u32,
    /// Months after receipt of the report within which a monitoring inspection usually
    /// starts. Default 18: "usually 18 months from the date when the local area partnership
    /// received its final full inspection report" (handbook, June 2025, para 21).
    pub monitoring_inspection_usual_months: u32,
    /// Years after a `positive` outcome's inspection start within which the next full
    /// inspection usually comes. Default 5 ("within approximately five years").
    pub full_inspection_years_positive: u32,
    /// The same after `inconsistent` or `widespread_failings`. Default 3.
    pub full_inspection_years_other: u32,
    /// The day by which a partnership never inspected under the 2023 framework expects its
    /// first full inspection: the end of the first cycle. Default 31 December 2027
    /// (Ofsted, "Strengthening the area SEND framework", 6 June 2025).
    pub first_cycle_end: NaiveDate,
    /// The day the 2023 area SEND framework came into force. Default 1 January 2023.
    pub framework_2023_start: NaiveDate,
    /// The last day of 2016-framework full inspections. Default 30 April 2022 (Ofsted
    /// roadshow slides, January 2023: "full inspections ended April 2022").
    pub last_2016_inspection: NaiveDate,
    /// The last day of 2016-framework revisits. Default 31 December 2022 (the same slides).
    pub last_2016_revisit: NaiveDate,
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
            icb_start: day(2022, 7, 1),
            pap_working_days: 35,
            pap_publication_working_days: 70,
            pap_resubmission_working_days: None,
            strategic_plan_working_days: None,
            stocktake_interval_months: 6,
            monitoring_inspection_usual_months: 18,
            full_inspection_years_positive: 5,
            full_inspection_years_other: 3,
            first_cycle_end: day(2027, 12, 31),
            framework_2023_start: day(2023, 1, 1),
            last_2016_inspection: day(2022, 4, 30),
            last_2016_revisit: day(2022, 12, 31),
            calendar: Calendar::england_and_wales(),
        }
    }
}

/// A day of the defaults (each one exists, so the fallback is never taken).
fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
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

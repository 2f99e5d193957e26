//! The area SEND framework of Ofsted and CQC, in force from 1 January 2023: its one
//! declaration.
//!
//! A continuous cycle: a full inspection ends in one of three outcomes; after `positive` or
//! `inconsistent` the partnership updates its strategic plan and awaits the next full
//! inspection; after `widespread_failings` it writes a priority action plan (PAP), DfE and
//! NHS England hold stocktakes, and a monitoring inspection judges the action taken on each
//! area for priority action. From the waiting stages the next full inspection may be
//! notified or start, so no stage is terminal.

use crate::diagnostic::Code;
use crate::engine::DeadlineBasis;
use crate::event::{
    ActionCounts, ActionJudgement, EventDetail, EventKind, Framework, HealthBody, Improvement,
    Outcome, PriorityAction,
};
use crate::lifecycle::declare::transitions;
use crate::lifecycle::rule::{
    CountFrom, DeadlineRule, Effect, FieldworkRule, HorizonRule, Length, MeetingRule, PlanKind,
};
use crate::lifecycle::WeaknessStage;
use crate::lifecycle::{Condition as C, Declaration, Stage as S, WeaknessRule, WeaknessTrigger};

/// The stages of the framework, in lifecycle order (declared with their marker types).
pub(crate) use crate::lifecycle::stage::area_send_2023::STAGES;

/// Stages in which the next full inspection may be notified or start.
const WAITING: &[S] = &[
    S::NotInspected,
    S::StrategicPlanDue,
    S::AwaitingFullInspection,
    S::PriorityMonitoring,
];

transitions! {
    /// The transition table of the 2023 area SEND framework.
    ///
    /// # Example
    /// ```
    /// use send_lifecycle::{Declaration, EventKind, Framework, Stage};
    /// let d = Declaration::of(Framework::AreaSend2023);
    /// assert!(d.allowed_events(Stage::PriorityMonitoring).contains(&EventKind::MonitoringInspectionStarted));
    /// assert!(d.terminal().is_empty());
    /// ```
    pub const TRANSITIONS_2023 = every STAGES, markers area_send_2023;

    // The full inspection: notified (weeks 1–2), on site (week 3), reported. The notice is
    // often undated in the sources, so fieldwork may start without it.
    #[doc = "The partnership is notified of a full inspection (weeks 1–2 of the three-week inspection)."]
    [NotInspected, StrategicPlanDue, AwaitingFullInspection, PriorityMonitoring]
        InspectionNotified { C::Always => Notified }
        fn notify_inspection() = EventDetail::InspectionNotified;
    #[doc = "The on-site week of the full inspection starts (with or without a recorded notice)."]
    [NotInspected, Notified, StrategicPlanDue, AwaitingFullInspection, PriorityMonitoring]
        InspectionStarted { C::Always => Inspecting }
        fn start_inspection() = EventDetail::InspectionStarted;
    #[doc = "The on-site week ends."]
    [Inspecting] InspectionEnded { C::Always => AwaitingReport }
        fn end_inspection() = EventDetail::InspectionEnded;
    #[doc = "The report is received, before its publication."]
    [AwaitingReport] ReportReceived { C::Always => Same }
        fn receive_report() = EventDetail::ReportReceived;
    #[doc = "The report is published with its outcome, areas for priority action and areas for improvement (`None`: the source does not list them)."]
    [AwaitingReport] ReportPublished -> FullReportOutcome {
        C::Outcome(Outcome::Positive) => StrategicPlanDue as Positive,
        C::Outcome(Outcome::Inconsistent) => StrategicPlanDue as Inconsistent,
        C::Outcome(Outcome::WidespreadFailings) => PapDue as WidespreadFailings,
    }
        fn publish_report(
            outcome: Outcome,
            priority_actions: Option<Vec<PriorityAction>>,
            improvements: Option<Vec<Improvement>>
        ) = EventDetail::area_report(outcome, priority_actions, improvements);

    // After `positive` or `inconsistent`: the updated strategic plan.
    #[doc = "The partnership publishes its updated strategic plan."]
    [StrategicPlanDue] StrategicPlanPublished { C::Always => AwaitingFullInspection }
        fn publish_strategic_plan() = EventDetail::StrategicPlanPublished;

    // After `widespread_failings`: the priority action plan; not fit → due again.
    #[doc = "The priority action plan is submitted to Ofsted and CQC."]
    [PapDue] PapSubmitted { C::Always => PapUnderReview }
        fn submit_pap() = EventDetail::PapSubmitted;
    #[doc = "Ofsted and CQC evaluate the plan fit for purpose."]
    [PapUnderReview] PapJudged { C::FitForPurpose => PriorityMonitoring }
        fn judge_pap_fit() = EventDetail::PapJudged { fit_for_purpose: true };
    #[doc = "Ofsted and CQC evaluate the plan not fit for purpose: it is due again."]
    [PapUnderReview] PapJudged { C::NotFitForPurpose => PapDue }
        fn judge_pap_not_fit() = EventDetail::PapJudged { fit_for_purpose: false };
    #[doc = "The partnership publishes its priority action plan (once)."]
    [PapUnderReview, PriorityMonitoring, MonitoringInspectionNotified, MonitoringInspecting,
     AwaitingMonitoringReport]
        PapPublished { C::PlanNotPublished => Same }
        fn publish_pap() = EventDetail::PapPublished;
    #[doc = "A DfE and NHS England stocktake, with progress on the plan's actions."]
    [PapDue, PapUnderReview, PriorityMonitoring, MonitoringInspectionNotified,
     MonitoringInspecting, AwaitingMonitoringReport]
        Stocktake { C::Always => Same }
        fn stocktake(actions: Option<ActionCounts>) =
            EventDetail::Stocktake { actions: actions.map(Box::new) };

    // The monitoring inspection.
    #[doc = "The partnership is notified of the monitoring inspection."]
    [PriorityMonitoring] MonitoringInspectionNotified { C::Always => MonitoringInspectionNotified }
        fn notify_monitoring_inspection() = EventDetail::MonitoringInspectionNotified;
    #[doc = "Monitoring inspection fieldwork starts (with or without a recorded notice)."]
    [PriorityMonitoring, MonitoringInspectionNotified]
        MonitoringInspectionStarted { C::Always => MonitoringInspecting }
        fn start_monitoring_inspection() = EventDetail::MonitoringInspectionStarted;
    #[doc = "Monitoring inspection fieldwork ends."]
    [MonitoringInspecting] MonitoringInspectionEnded { C::Always => AwaitingMonitoringReport }
        fn end_monitoring_inspection() = EventDetail::MonitoringInspectionEnded;
    #[doc = "The monitoring inspection report: action judged on each area for priority action."]
    [AwaitingMonitoringReport] MonitoringInspectionOutcome { C::Always => AwaitingFullInspection }
        fn monitoring_inspection_outcome(judgements: Vec<ActionJudgement>) =
            EventDetail::MonitoringInspectionOutcome { judgements, counts: None };

    // Recorded in any stage, changing none. Notices and directions belong to the area: a
    // notice issued while another is in force replaces it (Wirral, June 2025).
    #[doc = "An Ofsted and CQC engagement meeting."]
    [*] EngagementMeeting { C::Always => Same }
        fn engagement_meeting() = EventDetail::EngagementMeeting;
    #[doc = "DfE issues an improvement notice (replacing any in force)."]
    [*] ImprovementNoticeIssued { C::Always => Same }
        fn issue_improvement_notice() = EventDetail::ImprovementNoticeIssued;
    #[doc = "DfE lifts the improvement notice."]
    [*] ImprovementNoticeLifted { C::NoticeInForce => Same }
        fn lift_improvement_notice() = EventDetail::ImprovementNoticeLifted;
    #[doc = "The Secretary of State issues a statutory direction."]
    [*] StatutoryDirectionIssued { C::Always => Same }
        fn issue_statutory_direction() = EventDetail::StatutoryDirectionIssued;
    #[doc = "Records a change of health partners."]
    [*] HealthBodyChanged { C::Always => Same }
        fn change_health_bodies(health_bodies: Vec<HealthBody>) =
            EventDetail::HealthBodyChanged { health_bodies };
    #[doc = "Records a note."]
    [*] Note { C::Always => Same }
        fn note(title: impl Into<String>) = EventDetail::Note { title: title.into() };
}

/// Each area for priority action: in action once the plan is fit for purpose, then judged
/// by the monitoring inspection. A later cycle's report identifies new ones; the earlier
/// cycle's keep their last stage.
const ITEM_TRANSITIONS: &[WeaknessRule] = {
    use WeaknessStage as W;
    use WeaknessTrigger as T;
    &[
        WeaknessRule::row(W::Identified, T::PapFitForPurpose, W::InAction),
        WeaknessRule::row(W::Identified, T::JudgedEffective, W::EffectiveAction),
        WeaknessRule::row(W::Identified, T::JudgedNotEffective, W::NotEffectiveAction),
        WeaknessRule::row(W::InAction, T::JudgedEffective, W::EffectiveAction),
        WeaknessRule::row(W::InAction, T::JudgedNotEffective, W::NotEffectiveAction),
    ]
};

const EFFECTS: &[(EventKind, C, Effect)] = &[
    // Each cycle's deadlines count from its own report: a new full inspection forgets the
    // last one's receipt.
    (
        EventKind::InspectionNotified,
        C::Always,
        Effect::InspectionBegins,
    ),
    (
        EventKind::InspectionStarted,
        C::Always,
        Effect::InspectionBegins,
    ),
    (EventKind::ReportReceived, C::Always, Effect::ReportReached),
    (EventKind::ReportPublished, C::Always, Effect::ReportReached),
    (EventKind::ReportPublished, C::Always, Effect::IdentifyItems),
    (EventKind::ReportPublished, C::Always, Effect::CloseLegacy),
    (
        EventKind::PapJudged,
        C::FitForPurpose,
        Effect::TriggerAllItems(WeaknessTrigger::PapFitForPurpose),
    ),
    (EventKind::PapPublished, C::Always, Effect::PlanPublished),
    (
        EventKind::MonitoringInspectionOutcome,
        C::Always,
        Effect::JudgeItems,
    ),
    (
        EventKind::ImprovementNoticeIssued,
        C::Always,
        Effect::NoticeIssued,
    ),
    (
        EventKind::ImprovementNoticeLifted,
        C::Always,
        Effect::NoticeLifted,
    ),
    (
        EventKind::HealthBodyChanged,
        C::Always,
        Effect::ReplaceHealthBodies,
    ),
];

/// The stages of a priority action plan's life, in which stocktakes are held and its
/// publication is due.
const PLAN_STAGES: &[S] = &[
    S::PapDue,
    S::PapUnderReview,
    S::PriorityMonitoring,
    S::MonitoringInspectionNotified,
    S::MonitoringInspecting,
    S::AwaitingMonitoringReport,
];

/// The PAP 35 working days from receipt and its publication 70 (policy defaults from a
/// press report of the rules, not confirmed in the handbook we hold); a strategic plan
/// deadline only when the policy sets one.
const DEADLINES: &[DeadlineRule] = &[
    DeadlineRule {
        plan: PlanKind::Pap,
        due_in: &[S::PapDue],
        set_by: EventKind::ReportPublished,
        set_in: S::PapDue,
        count_from: CountFrom::ReportReceipt,
        working_days: |p| Some(p.pap_working_days),
        basis: DeadlineBasis::ReportReceived,
        revised_by: None,
        met_by: EventKind::PapSubmitted,
        resubmission: Some((EventKind::PapJudged, C::NotFitForPurpose, |p| {
            p.pap_resubmission_working_days
        })),
        cleared_when: Some((EventKind::PapJudged, C::FitForPurpose)),
        late: Code::PapLate,
    },
    DeadlineRule {
        plan: PlanKind::PapPublication,
        due_in: PLAN_STAGES,
        set_by: EventKind::ReportPublished,
        set_in: S::PapDue,
        count_from: CountFrom::ReportReceipt,
        working_days: |p| Some(p.pap_publication_working_days),
        basis: DeadlineBasis::ReportReceived,
        revised_by: None,
        met_by: EventKind::PapPublished,
        resubmission: None,
        cleared_when: None,
        late: Code::PapLate,
    },
    DeadlineRule {
        plan: PlanKind::StrategicPlan,
        due_in: &[S::StrategicPlanDue],
        set_by: EventKind::ReportPublished,
        set_in: S::StrategicPlanDue,
        count_from: CountFrom::ReportReceipt,
        working_days: |p| p.strategic_plan_working_days,
        basis: DeadlineBasis::ReportReceived,
        revised_by: None,
        met_by: EventKind::StrategicPlanPublished,
        resubmission: None,
        cleared_when: None,
        late: Code::StrategicPlanLate,
    },
];

/// Stocktakes about six-monthly, one interval across the plan's stages.
const MEETINGS: &[MeetingRule] = &[MeetingRule {
    stages: PLAN_STAGES,
    meeting: EventKind::Stocktake,
    interval_months: |p| p.stocktake_interval_months,
    what: "DfE and NHS England stocktake",
    not_entered_by: &[],
}];

/// The monitoring inspection's fieldwork is not measured: its usual length is not in our
/// sources. The full inspection's on-site week is five working days.
const FIELDWORK: &[FieldworkRule] = &[FieldworkRule {
    start: EventKind::InspectionStarted,
    end: EventKind::InspectionEnded,
    length: Length::WorkingDays,
    limit: |p| p.inspection_max_working_days,
    code: Code::InspectionTooLong,
    what: "on-site inspection",
}];

/// A monitoring inspection usually within 18 months of receiving the report.
const HORIZONS: &[HorizonRule] = &[HorizonRule {
    from: (
        EventKind::ReportPublished,
        C::Outcome(Outcome::WidespreadFailings),
    ),
    from_receipt: true,
    from_what: "the partnership received the report",
    event: EventKind::MonitoringInspectionStarted,
    what: "monitoring inspection",
    months: |p| p.monitoring_inspection_usual_months,
    code: Code::MonitoringInspectionLaterThanUsual,
    help: "nothing is wrong for certain: monitoring inspections have often come later (Nottinghamshire, Oxfordshire: about two years)",
}];

/// The declaration of the 2023 area SEND framework.
pub(crate) const DECLARATION: Declaration = Declaration {
    framework: Framework::AreaSend2023,
    stages: STAGES,
    start: S::NotInspected,
    terminal: &[],
    item_stages: &[
        WeaknessStage::Identified,
        WeaknessStage::InAction,
        WeaknessStage::EffectiveAction,
        WeaknessStage::NotEffectiveAction,
    ],
    long_running: WAITING,
    rows: super::Rows::new(TRANSITIONS_2023),
    item_rows: ITEM_TRANSITIONS,
    effects: super::Effects::new(EFFECTS),
    deadlines: DEADLINES,
    meetings: MEETINGS,
    fieldwork: FIELDWORK,
    horizons: HORIZONS,
};

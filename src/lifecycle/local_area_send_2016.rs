//! The joint local area SEND framework of Ofsted and CQC, 2016–2022: its one declaration.
//!
//! Everything the crate knows about this framework's lifecycle is stated here and only
//! here: the rows (which event may follow which stage, and the typestate method for each),
//! the per-weakness rows, what each kind of event does besides moving the stage, which
//! deadline is due in which stage, which meetings are expected where and how often, the
//! fieldwork the events bracket, and the usual horizon of a revisit. The engine, the
//! validator's rules, the typestate API, the diagrams and the generators of the tests all
//! read it.

use crate::diagnostic::Code;
use crate::engine::DeadlineBasis;
use crate::event::{ActionCounts, EventDetail, EventKind, HealthBody, Judgement, NextStep};
use crate::event::{Framework, Weakness};
use crate::lifecycle::declare::transitions;
use crate::lifecycle::rule::{
    CountFrom, DeadlineRule, Effect, FieldworkRule, HorizonRule, Length, MeetingRule, PlanKind,
};
use crate::lifecycle::WeaknessStage;
use crate::lifecycle::{Condition as C, Declaration, Stage as S, WeaknessRule, WeaknessTrigger};
use crate::EventDate;

/// The stages of the framework, in lifecycle order (declared with their marker types).
pub(crate) use crate::lifecycle::stage::local_area_send_2016::STAGES;

transitions! {
    /// The transition table of the 2016–2022 framework: the single source of truth of which
    /// event may follow which stage.
    ///
    /// Rows are tried in order; the first whose stage, kind and condition all match applies.
    ///
    /// # Example
    /// ```
    /// use send_lifecycle::{EventKind, Stage, TRANSITIONS, Target};
    /// let row = TRANSITIONS
    ///     .iter()
    ///     .find(|r| r.from().contains(&Stage::Inspecting) && r.event() == EventKind::InspectionEnded);
    /// assert_eq!(row.map(|r| r.to()), Some(Target::Stage(Stage::AwaitingReport)));
    /// ```
    pub const TRANSITIONS = every STAGES, markers local_area_send_2016;

    // Notice and inspection. The notice is often undated in the sources, so fieldwork may
    // start without a recorded notification.
    #[doc = "The area is notified of an inspection."]
    [NotInspected] InspectionNotified { C::Always => Notified }
        fn notify_inspection() = EventDetail::InspectionNotified;
    #[doc = "Inspection fieldwork starts (with or without a recorded notice)."]
    [NotInspected, Notified] InspectionStarted { C::Always => Inspecting }
        fn start_inspection() = EventDetail::InspectionStarted;
    #[doc = "Inspection fieldwork ends."]
    [Inspecting] InspectionEnded { C::Always => AwaitingReport }
        fn end_inspection() = EventDetail::InspectionEnded;

    // The report letter: received (perhaps before publication), then published.
    #[doc = "The report letter is received, before its publication."]
    [AwaitingReport] ReportReceived { C::Always => Same }
        fn receive_report() = EventDetail::ReportReceived;
    #[doc = "The report letter is published with its significant weaknesses (none: no WSoA), and the date on the letter when it differs from publication."]
    [AwaitingReport] ReportPublished -> ReportOutcome {
        C::NoWeaknesses => ConcludedNoWsoa as NoWsoa,
        C::SomeWeaknesses => WsoaDue as WsoaRequired,
    }
        fn publish_report_dated(weaknesses: Vec<Weakness>, letter_date: Option<EventDate>) =
            EventDetail::report(weaknesses, letter_date);

    // The written statement of action and its judgement; not fit → due again.
    #[doc = "An agreed new deadline for the WSoA."]
    [WsoaDue] WsoaDeadlineRevised { C::Always => Same }
        fn revise_deadline(new_deadline: chrono::NaiveDate, reason: Option<String>) =
            EventDetail::WsoaDeadlineRevised { new_deadline, reason };
    #[doc = "The WSoA is submitted to Ofsted."]
    [WsoaDue] WsoaSubmitted { C::Always => WsoaUnderReview }
        fn submit_wsoa() = EventDetail::WsoaSubmitted;
    #[doc = "Ofsted and CQC judge the WSoA fit for purpose."]
    [WsoaUnderReview] WsoaJudged { C::FitForPurpose => Monitoring }
        fn judge_wsoa_fit() = EventDetail::WsoaJudged { fit_for_purpose: true };
    #[doc = "Ofsted and CQC judge the WSoA not fit for purpose: it is due again."]
    [WsoaUnderReview] WsoaJudged { C::NotFitForPurpose => WsoaDue }
        fn judge_wsoa_not_fit() = EventDetail::WsoaJudged { fit_for_purpose: false };

    // Quarterly monitoring, then the revisit (its notice, too, is often undated).
    #[doc = "A formal DfE and NHS England monitoring meeting, with progress on the actions, and whether it was the last before the revisit."]
    [Monitoring] MonitoringMeeting { C::Always => Same }
        fn monitoring_meeting(actions: Option<ActionCounts>, final_before_revisit: bool) =
            EventDetail::MonitoringMeeting {
                actions: actions.map(Box::new),
                final_before_revisit: final_before_revisit.then_some(true),
            };
    #[doc = "The area is notified of the revisit."]
    [Monitoring] RevisitNotified { C::Always => RevisitNotified }
        fn notify_revisit() = EventDetail::RevisitNotified;
    #[doc = "Revisit fieldwork starts (with or without a recorded notice)."]
    [Monitoring, RevisitNotified] RevisitStarted { C::Always => Revisiting }
        fn start_revisit() = EventDetail::RevisitStarted;
    #[doc = "Revisit fieldwork ends."]
    [Revisiting] RevisitEnded { C::Always => AwaitingRevisitOutcome }
        fn end_revisit() = EventDetail::RevisitEnded;
    #[doc = "DfE and NHS England sign the WSoA off without a revisit: weaknesses not yet sufficient are superseded."]
    [Monitoring] WsoaSignedOff { C::Always => ConcludedSignedOff }
        fn sign_off_wsoa() = EventDetail::WsoaSignedOff;
    #[doc = "The revisit letter: one judgement per weakness still to judge."]
    [AwaitingRevisitOutcome] RevisitOutcome -> RevisitOutcome {
        C::AllSufficient => ConcludedSufficient as AllSufficient,
        C::SomeInsufficient => AwaitingNextSteps as NextStepsNeeded,
    }
        fn revisit_outcome(judgements: Vec<Judgement>) = EventDetail::revisit_outcome(judgements);

    // Next steps after insufficient progress.
    #[doc = "DfE and NHS England require an accelerated progress plan."]
    [AwaitingNextSteps, UnderIntervention] NextStepsDetermined {
        C::Decision(NextStep::AcceleratedProgressPlan) => AppDue
    }
        fn require_app() = EventDetail::NextStepsDetermined { decision: NextStep::AcceleratedProgressPlan };
    #[doc = "The Secretary of State directs a further revisit: monitoring resumes until then."]
    [AwaitingNextSteps, AppMonitoring, UnderIntervention] NextStepsDetermined {
        C::Decision(NextStep::FurtherRevisit) => Monitoring
    }
        fn direct_further_revisit() = EventDetail::NextStepsDetermined { decision: NextStep::FurtherRevisit };
    #[doc = "DfE decides on (or escalates to) an improvement notice."]
    [AwaitingNextSteps, AppMonitoring] NextStepsDetermined {
        C::Decision(NextStep::ImprovementNotice) => UnderIntervention
    }
        fn decide_improvement_notice() = EventDetail::NextStepsDetermined { decision: NextStep::ImprovementNotice };
    #[doc = "The Secretary of State decides on (or escalates to) a statutory direction."]
    [AwaitingNextSteps, AppMonitoring] NextStepsDetermined {
        C::Decision(NextStep::StatutoryDirection) => UnderIntervention
    }
        fn decide_statutory_direction() = EventDetail::NextStepsDetermined { decision: NextStep::StatutoryDirection };

    // The accelerated progress plan; not fit → due again.
    #[doc = "The APP is submitted to DfE."]
    [AppDue] AppSubmitted { C::Always => AppUnderReview }
        fn submit_app() = EventDetail::AppSubmitted;
    #[doc = "DfE judges the APP fit for purpose."]
    [AppUnderReview] AppJudged { C::FitForPurpose => AppMonitoring }
        fn judge_app_fit() = EventDetail::AppJudged { fit_for_purpose: true };
    #[doc = "DfE judges the APP not fit for purpose: it is due again."]
    [AppUnderReview] AppJudged { C::NotFitForPurpose => AppDue }
        fn judge_app_not_fit() = EventDetail::AppJudged { fit_for_purpose: false };
    #[doc = "A DfE and NHS England review of the APP, with progress on its actions."]
    [AppMonitoring] AppReview { C::Always => Same }
        fn app_review(actions: Option<ActionCounts>) =
            EventDetail::AppReview { actions: actions.map(Box::new) };

    // An improvement notice follows insufficient progress and is in force until lifted,
    // which may be after a further revisit too; it changes no stage.
    #[doc = "DfE issues an improvement notice (after a revisit found insufficient progress)."]
    [AwaitingNextSteps, AppDue, AppUnderReview, AppMonitoring, UnderIntervention]
        ImprovementNoticeIssued { C::NoNoticeInForce => Same }
        fn issue_improvement_notice() = EventDetail::ImprovementNoticeIssued;
    #[doc = "DfE lifts the improvement notice (also after a further revisit)."]
    [Monitoring, RevisitNotified, Revisiting, AwaitingRevisitOutcome, ConcludedSufficient,
     AwaitingNextSteps, AppDue, AppUnderReview, AppMonitoring, UnderIntervention]
        ImprovementNoticeLifted { C::NoticeInForce => Same }
        fn lift_improvement_notice() = EventDetail::ImprovementNoticeLifted;

    // The move to the 2023 framework, from any stage: this record's stage stays as it is
    // (open, it goes on beside the new framework as the legacy record).
    #[doc = "The area moves to the 2023 area SEND framework; this record stays in its stage, as the legacy record while it is open."]
    [*] FrameworkChanged { C::Always => Same }
        fn change_framework(framework: crate::event::Framework) =
            EventDetail::FrameworkChanged { framework };

    // Recorded in any stage, changing none.
    #[doc = "Records a change of health partners (CCGs to ICBs)."]
    [*] HealthBodyChanged { C::Always => Same }
        fn change_health_bodies(health_bodies: Vec<HealthBody>) =
            EventDetail::HealthBodyChanged { health_bodies };
    #[doc = "Records a note (a scrutiny committee report, a peer challenge)."]
    [*] Note { C::Always => Same }
        fn note(title: impl Into<String>) = EventDetail::Note { title: title.into() };
}

/// The per-weakness table. A weakness found sufficient is never judged again: a further
/// revisit judges only the weaknesses still insufficient (no row leaves `sufficient`).
pub const WEAKNESS_TRANSITIONS: &[WeaknessRule] = {
    use WeaknessStage as W;
    use WeaknessTrigger as T;
    &[
        WeaknessRule::row(W::Identified, T::WsoaFitForPurpose, W::InAction),
        WeaknessRule::row(W::InAction, T::JudgedSufficient, W::Sufficient),
        WeaknessRule::row(W::InAction, T::JudgedInsufficient, W::Insufficient),
        WeaknessRule::row(W::Insufficient, T::JudgedSufficient, W::Sufficient),
        WeaknessRule::row(W::Insufficient, T::JudgedInsufficient, W::Insufficient),
        // Closed without a judgement: signed off, or superseded by the 2023 framework.
        WeaknessRule::row(W::Identified, T::Supersede, W::Superseded),
        WeaknessRule::row(W::InAction, T::Supersede, W::Superseded),
        WeaknessRule::row(W::Insufficient, T::Supersede, W::Superseded),
    ]
};

/// What applied events do besides moving the stage: (kind, the row's condition or
/// `Always` for any, effect).
const EFFECTS: &[(EventKind, C, Effect)] = &[
    (EventKind::ReportReceived, C::Always, Effect::ReportReached),
    (EventKind::ReportPublished, C::Always, Effect::ReportReached),
    (EventKind::ReportPublished, C::Always, Effect::IdentifyItems),
    (
        EventKind::WsoaJudged,
        C::FitForPurpose,
        Effect::TriggerAllItems(WeaknessTrigger::WsoaFitForPurpose),
    ),
    (EventKind::RevisitOutcome, C::Always, Effect::JudgeItems),
    (
        EventKind::WsoaSignedOff,
        C::Always,
        Effect::TriggerAllItems(WeaknessTrigger::Supersede),
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

/// The WSoA: 70 working days from receiving the report (SI 2015/1792), revisable by
/// agreement; after "not fit for purpose" the policy's resubmission deadline (none by
/// default). The APP: the policy's deadline from the decision (none by default).
const DEADLINES: &[DeadlineRule] = &[
    DeadlineRule {
        plan: PlanKind::Wsoa,
        due_in: &[S::WsoaDue],
        set_by: EventKind::ReportPublished,
        set_in: S::WsoaDue,
        count_from: CountFrom::ReportReceipt,
        working_days: |p| Some(p.wsoa_deadline_working_days),
        basis: DeadlineBasis::ReportReceived,
        revised_by: Some(EventKind::WsoaDeadlineRevised),
        met_by: EventKind::WsoaSubmitted,
        resubmission: Some((EventKind::WsoaJudged, C::NotFitForPurpose, |p| {
            p.wsoa_resubmission_working_days
        })),
        cleared_when: Some((EventKind::WsoaJudged, C::FitForPurpose)),
        late: Code::WsoaLate,
    },
    DeadlineRule {
        plan: PlanKind::App,
        due_in: &[S::AppDue],
        set_by: EventKind::NextStepsDetermined,
        set_in: S::AppDue,
        count_from: CountFrom::Event,
        working_days: |p| p.app_deadline_working_days,
        basis: DeadlineBasis::NextStepsDecision,
        revised_by: None,
        met_by: EventKind::AppSubmitted,
        resubmission: None,
        cleared_when: None,
        late: Code::AppLate,
    },
];

/// Quarterly formal monitoring meetings while the WSoA is monitored; six-monthly reviews
/// of an APP.
const MEETINGS: &[MeetingRule] = &[
    MeetingRule {
        stages: &[S::Monitoring],
        meeting: EventKind::MonitoringMeeting,
        interval_months: |p| p.monitoring_interval_months,
        what: "formal monitoring meeting",
        not_entered_by: &[EventKind::NextStepsDetermined],
    },
    MeetingRule {
        stages: &[S::AppMonitoring],
        meeting: EventKind::AppReview,
        interval_months: |p| p.app_review_interval_months,
        what: "APP review",
        not_entered_by: &[],
    },
];

/// Inspection fieldwork (at most 5 working days) and revisit fieldwork (2–4 days).
const FIELDWORK: &[FieldworkRule] = &[
    FieldworkRule {
        start: EventKind::InspectionStarted,
        end: EventKind::InspectionEnded,
        length: Length::WorkingDays,
        limit: |p| p.inspection_max_working_days,
        code: Code::InspectionTooLong,
        what: "inspection",
    },
    FieldworkRule {
        start: EventKind::RevisitStarted,
        end: EventKind::RevisitEnded,
        length: Length::Days,
        limit: |p| p.revisit_max_days,
        code: Code::RevisitTooLong,
        what: "revisit",
    },
];

/// A revisit usually within 18 months of the WSoA being judged fit (DfE, November 2018).
const HORIZONS: &[HorizonRule] = &[HorizonRule {
    from: (EventKind::WsoaJudged, C::FitForPurpose),
    from_receipt: false,
    from_what: "the WSoA was judged fit for purpose",
    event: EventKind::RevisitStarted,
    what: "revisit",
    months: |p| p.revisit_usual_months,
    code: Code::RevisitLaterThanUsual,
    help: "nothing is wrong for certain: revisits after COVID-19 were often later (Leicestershire: 25 months)",
}];

/// The declaration of the 2016–2022 framework.
pub(crate) const DECLARATION: Declaration = Declaration {
    framework: Framework::LocalAreaSend2016,
    stages: STAGES,
    start: S::NotInspected,
    terminal: &[
        S::ConcludedNoWsoa,
        S::ConcludedSufficient,
        S::ConcludedSignedOff,
    ],
    item_stages: &[
        WeaknessStage::Identified,
        WeaknessStage::InAction,
        WeaknessStage::Sufficient,
        WeaknessStage::Insufficient,
        WeaknessStage::Superseded,
    ],
    long_running: &[S::Monitoring, S::AppMonitoring, S::UnderIntervention],
    rows: super::Rows::new(TRANSITIONS),
    item_rows: WEAKNESS_TRANSITIONS,
    effects: super::Effects::new(EFFECTS),
    deadlines: DEADLINES,
    meetings: MEETINGS,
    fieldwork: FIELDWORK,
    horizons: HORIZONS,
};

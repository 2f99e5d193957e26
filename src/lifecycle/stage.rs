//! The stages of an area and of its items, named as the contract names them.

use std::fmt;

macro_rules! stages {
    ($( $variant:ident => $name:literal, $text:literal; )*) => {
        /// The stage an area is in. The names are the contract's.
        ///
        /// # Example
        /// ```
        /// use send_lifecycle::Stage;
        /// assert_eq!(Stage::WsoaDue.as_str(), "wsoa_due");
        /// assert_eq!(Stage::from_name("monitoring"), Some(Stage::Monitoring));
        /// assert!(Stage::ConcludedSufficient.is_terminal());
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Stage {
            $( #[doc = $text] $variant, )*
            /// A stage this version does not know, read from a report written by a newer
            /// version. The name read is kept by what holds it ([`crate::Report::stage_name`],
            /// [`crate::Diagnostic::stage_name`]) and written back when that is serialised.
            /// No lifecycle is ever in it: it is never in [`Stage::ALL`], never given by
            /// [`Stage::from_name`], and has no marker type.
            Unknown,
        }

        impl Stage {
            /// Every stage this version knows, in lifecycle order.
            pub const ALL: &'static [Stage] = &[ $( Stage::$variant, )* ];

            /// The contract's name of the stage (`"unknown"` for [`Stage::Unknown`], whose
            /// own name is kept by what holds it).
            pub fn as_str(&self) -> &'static str {
                match self { $( Stage::$variant => $name, )* Stage::Unknown => "unknown" }
            }

            /// What the stage means, in plain words.
            pub fn describe(&self) -> &'static str {
                match self {
                    $( Stage::$variant => $text, )*
                    Stage::Unknown => "a stage of a newer version of send-lifecycle",
                }
            }

            /// The stage with this contract name.
            pub fn from_name(name: &str) -> Option<Stage> {
                match name { $( $name => Some(Stage::$variant), )* _ => None }
            }
        }

    };
}

stages! {
    NotInspected => "not_inspected", "not yet inspected under the framework";
    Notified => "notified", "notified of an inspection";
    Inspecting => "inspecting", "inspection fieldwork under way";
    AwaitingReport => "awaiting_report", "inspected, awaiting the report letter";
    ConcludedNoWsoa => "concluded_no_wsoa", "concluded: no significant weakness, no WSoA required";
    WsoaDue => "wsoa_due", "a written statement of action (WSoA) is due";
    WsoaUnderReview => "wsoa_under_review", "the WSoA is with Ofsted and CQC for judgement";
    Monitoring => "monitoring", "the WSoA is fit for purpose; DfE and NHS England monitor it";
    RevisitNotified => "revisit_notified", "notified of a revisit";
    Revisiting => "revisiting", "revisit fieldwork under way";
    AwaitingRevisitOutcome => "awaiting_revisit_outcome", "revisited, awaiting the revisit letter";
    ConcludedSufficient => "concluded_sufficient", "concluded: sufficient progress on every weakness; monitoring ceases";
    AwaitingNextSteps => "awaiting_next_steps", "insufficient progress: DfE and NHS England to determine next steps";
    AppDue => "app_due", "an accelerated progress plan (APP) is due";
    AppUnderReview => "app_under_review", "the APP is with DfE for judgement";
    AppMonitoring => "app_monitoring", "the APP is fit for purpose; DfE and NHS England review it";
    UnderIntervention => "under_intervention", "DfE intervention: an improvement notice or statutory direction was decided";
    ConcludedSignedOff => "concluded_signed_off", "concluded: DfE and NHS England signed the WSoA off without a revisit";
    StrategicPlanDue => "strategic_plan_due", "the partnership is to update and publish its strategic plan";
    AwaitingFullInspection => "awaiting_full_inspection", "awaiting the next full inspection";
    PapDue => "pap_due", "a priority action plan (PAP) is due";
    PapUnderReview => "pap_under_review", "the PAP is with Ofsted and CQC for evaluation";
    PriorityMonitoring => "priority_monitoring", "the PAP is fit for purpose; DfE and NHS England monitor progress until the monitoring inspection";
    MonitoringInspectionNotified => "monitoring_inspection_notified", "notified of a monitoring inspection";
    MonitoringInspecting => "monitoring_inspecting", "monitoring inspection fieldwork under way";
    AwaitingMonitoringReport => "awaiting_monitoring_report", "monitored, awaiting the monitoring inspection report";
}

/// The stages of one framework as types, for the typestate API ([`crate::typed`]): one
/// uninhabited type per stage, in a module of its own, so that two frameworks' methods on
/// stages of the same name (`not_inspected`) do not clash.
macro_rules! framework_markers {
    ($(#[$meta:meta])* pub mod $module:ident { $( $variant:ident ),* $(,)? }) => {
        $(#[$meta])*
        pub mod $module {
            use crate::lifecycle::stage::{sealed, Stage, StageMarker};

            $(
                #[doc = concat!("The `", stringify!($variant), "` stage of this framework as a type.")]
                #[derive(Debug, Clone, Copy, PartialEq, Eq)]
                pub enum $variant {}
                impl sealed::Sealed for $variant {}
                impl StageMarker for $variant {
                    const STAGE: Stage = Stage::$variant;
                }
            )*

            /// The framework's stages, in lifecycle order: the one list its declaration and
            /// its marker types are both made from.
            pub(crate) const STAGES: &[Stage] = &[ $( Stage::$variant, )* ];
        }
    };
}

pub(crate) mod sealed {
    pub trait Sealed {}
}

/// A stage as a type. Implemented only by the marker types of [`crate::typed`].
pub trait StageMarker: sealed::Sealed {
    /// The runtime stage the type stands for.
    const STAGE: Stage;
}

framework_markers! {
    /// The stages of the 2016–2022 framework as types.
    pub mod local_area_send_2016 {
        NotInspected, Notified, Inspecting, AwaitingReport, ConcludedNoWsoa, WsoaDue,
        WsoaUnderReview, Monitoring, RevisitNotified, Revisiting, AwaitingRevisitOutcome,
        ConcludedSufficient, AwaitingNextSteps, AppDue, AppUnderReview, AppMonitoring,
        UnderIntervention, ConcludedSignedOff,
    }
}

framework_markers! {
    /// The stages of the 2023 area SEND framework as types.
    pub mod area_send_2023 {
        NotInspected, Notified, Inspecting, AwaitingReport, StrategicPlanDue,
        AwaitingFullInspection, PapDue, PapUnderReview, PriorityMonitoring,
        MonitoringInspectionNotified, MonitoringInspecting, AwaitingMonitoringReport,
    }
}

impl Stage {
    /// A stage nothing follows: the lifecycle under its framework is over. Read from the
    /// framework declarations ([`crate::Declaration::terminal`]).
    pub fn is_terminal(&self) -> bool {
        crate::lifecycle::DECLARATIONS
            .iter()
            .any(|d| d.terminal.contains(self))
    }

    /// A stage an area may rightly stay in for a long time (monitoring, APP reviews,
    /// intervention): not an end, but not a dead end either. Read from the framework
    /// declarations ([`crate::Declaration::long_running`]).
    pub fn is_long_running(&self) -> bool {
        crate::lifecycle::DECLARATIONS
            .iter()
            .any(|d| d.long_running.contains(self))
    }

    /// A full inspection is under way: notified, on site, or its report awaited. The
    /// 2023 cycle's next full inspection is not yet due from such a stage.
    ///
    /// ```
    /// use send_lifecycle::Stage;
    /// assert!(Stage::AwaitingReport.is_full_inspection_under_way());
    /// assert!(!Stage::MonitoringInspecting.is_full_inspection_under_way());
    /// ```
    pub fn is_full_inspection_under_way(&self) -> bool {
        matches!(
            self,
            Stage::Notified | Stage::Inspecting | Stage::AwaitingReport
        )
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stage of one significant weakness.
///
/// # Example
/// ```
/// use send_lifecycle::WeaknessStage;
/// assert_eq!(WeaknessStage::InAction.as_str(), "in_action");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum WeaknessStage {
    /// Named in the report letter; no fit-for-purpose WSoA yet.
    Identified,
    /// A fit-for-purpose WSoA sets out how it is tackled.
    InAction,
    /// A revisit found sufficient progress.
    Sufficient,
    /// A revisit found insufficient progress.
    Insufficient,
    /// Closed without an inspector's judgement: the WSoA was signed off, or the first
    /// report under the 2023 framework closed the 2016 record.
    Superseded,
    /// An area for priority action on which a monitoring inspection found effective action.
    EffectiveAction,
    /// An area for priority action on which it did not.
    NotEffectiveAction,
    /// A weakness stage this version does not know, read from a report written by a newer
    /// version; the name read is kept by the [`crate::WeaknessStatus`] that holds it
    /// ([`crate::WeaknessStatus::stage_name`]). Never in [`WeaknessStage::ALL`].
    Unknown,
}

/// The stage of an item of a report: a 2016 weakness or a 2023 area for priority action.
pub type ItemStage = WeaknessStage;

impl WeaknessStage {
    /// Every item stage.
    pub const ALL: &'static [WeaknessStage] = &[
        WeaknessStage::Identified,
        WeaknessStage::InAction,
        WeaknessStage::Sufficient,
        WeaknessStage::Insufficient,
        WeaknessStage::Superseded,
        WeaknessStage::EffectiveAction,
        WeaknessStage::NotEffectiveAction,
    ];

    /// The contract's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            WeaknessStage::Identified => "identified",
            WeaknessStage::InAction => "in_action",
            WeaknessStage::Sufficient => "sufficient",
            WeaknessStage::Insufficient => "insufficient",
            WeaknessStage::Superseded => "superseded",
            WeaknessStage::EffectiveAction => "effective_action",
            WeaknessStage::NotEffectiveAction => "not_effective_action",
            WeaknessStage::Unknown => "unknown",
        }
    }

    /// The weakness stage with this contract name.
    pub fn from_name(name: &str) -> Option<WeaknessStage> {
        WeaknessStage::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == name)
    }
}

impl fmt::Display for WeaknessStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

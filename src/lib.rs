//! The joint local area SEND inspection lifecycle in England, as a state machine.
//!
//! ```
//! use send_lifecycle::{validate_str, Options};
//!
//! let timeline = r#"{
//!   "schema_version": 1,
//!   "area": { "name": "Leicestershire", "local_authority": "Leicestershire County Council",
//!             "health_bodies": [ { "kind": "ccg", "name": "Leicestershire CCG" } ] },
//!   "events": [
//!     { "date": "2020-02-03", "kind": "inspection_started" },
//!     { "date": "2020-02-07", "kind": "inspection_ended" },
//!     { "date": "2020-05-15", "kind": "report_published",
//!       "weaknesses": [ { "id": "W1", "title": "No joint commissioning strategy" } ] },
//!     { "date": "2020-03", "kind": "wsoa_submitted" }
//!   ]
//! }"#;
//! let report = validate_str(timeline, &Options::default());
//! assert!(!report.valid);
//! let d = &report.diagnostics[0];
//! assert_eq!((d.code.as_str(), d.path.as_str()), ("events_out_of_order", "/events/3/date"));
//! assert_eq!(report.stage.as_str(), "wsoa_under_review");
//! ```
//!
//! Ofsted and the Care Quality Commission (CQC) inspect how a *local area* — a council and
//! its health partners — serves children and young people with special educational needs
//! and/or disabilities (SEND). Significant weaknesses oblige the area to write a *written
//! statement of action* (WSoA); Ofsted judges it fit for purpose or not; the Department for
//! Education (DfE) and NHS England monitor it quarterly; inspectors revisit and judge
//! progress on each weakness; insufficient progress leads to DfE and NHS England next steps,
//! such as an *accelerated progress plan* (APP) or an improvement notice. Health partners
//! are clinical commissioning groups (CCGs) until 1 July 2022 and integrated care boards
//! (ICBs) after. These abbreviations — WSoA, APP, CCG, ICB — are the only ones in the API.
//!
//! # One table, three faces
//!
//! The lifecycle is data: [`TRANSITIONS`] (with [`WEAKNESS_TRANSITIONS`] for each weakness)
//! is the single source of truth. From it:
//!
//! - the runtime engine, [`Lifecycle`], applies events one at a time and refuses, with a
//!   [`Rejection`], any event the table does not allow — leaving itself unchanged;
//! - the validator, [`validate_json`] / [`validate`], replays a whole JSON timeline on that
//!   engine and returns a [`Report`] of every problem as [`Diagnostic`]s with stable codes;
//! - the typestate API, [`typed::Inspected`], makes an illegal order of events a compile error;
//! - [`lifecycle_mermaid`] draws the table as a Mermaid state diagram.
//!
//! # Embedding the validator
//!
//! Bytes in, report out; nothing panics, nothing returns `Err`:
//!
//! ```
//! let bytes = br#"{"schema_version": 1, "area": {"name": "A", "local_authority": "A Council",
//!   "health_bodies": [{"kind": "icb", "name": "A ICB"}]}, "events": []}"#;
//! let report = send_lifecycle::validate_json(bytes, &Default::default());
//! println!("{}", report.to_json());
//! assert!(report.valid);
//! ```
//!
//! Dates may be a day, a month or a year, as precise as the source ([`EventDate`]); the
//! rules compare the spans of days they stand for and report only what is certain, with
//! `possibly_late` where a deadline may have been missed. Working days follow the England
//! and Wales bank holidays, one-off changes included ([`Calendar`]). Every number of the
//! framework is a [`Policy`] setting.
//!
//! # Stability
//!
//! The timeline format's field names, event kinds, stage names, diagnostic codes and report
//! fields are stable public names: they are never renamed or removed. New ones may be
//! added, so consumers must tolerate codes, stages and fields they do not know; the public
//! enums are `#[non_exhaustive]` for the same reason. A [`Report`] written by a newer
//! version deserialises here: its unknown codes, stages, severities and weakness stages
//! become the `Unknown` variants ([`Code::Unknown`], [`Stage::Unknown`], …), their names are
//! kept and written back, and unknown fields are ignored.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(clippy::too_many_lines)]

mod budget;
mod calendar;
mod date;
mod diagnostic;
mod diagram;
mod engine;
mod event;
mod json;
mod lifecycle;
mod message;
mod names;
mod policy;
mod position;
mod read;
mod report;
#[cfg(feature = "schema")]
mod schema;
mod store;
pub mod typed;
mod validate;

pub use calendar::{Calendar, OneOffHoliday, ONE_OFF_HOLIDAYS};
pub use date::{DateError, DateSpan, EventDate};
pub use diagnostic::{Code, Diagnostic, Related, Severity};
pub use diagram::{framework_mermaid, gantt_mermaid, lifecycle_mermaid, path_mermaid, Phase};
pub use engine::{
    Deadline, DeadlineBasis, EngineSettings, Lifecycle, OnProblem, OrderBasis, Rejection,
    RejectionReason, Transition, Verdict, WeaknessStatus,
};
pub use event::{
    ActionCounts, ActionJudgement, Area, Coverage, Effectiveness, EffectivenessCounts, Event,
    EventDetail, EventField, EventKind, FieldSpec, FieldValue, Framework, HealthBody,
    HealthBodyKind, Improvement, Judgement, NextStep, Outcome, PriorityAction, Progress,
    ProgressCounts, PublishedReport, Rag, Timeline, Weakness,
};
pub use json::Limits;
pub use lifecycle::{
    allowed_events, Condition, Declaration, ItemStage, Rule, Stage, Target, WeaknessRule,
    WeaknessStage, WeaknessTrigger, TRANSITIONS, TRANSITIONS_2023, WEAKNESS_TRANSITIONS,
};
pub use names::UnknownName;
pub use policy::Policy;
#[doc(hidden)]
pub use position::{annotate_for_bench, read_for_bench, ReadForBench};
pub use read::validate_reader;
pub use report::{ItemCounts, Legacy, NextDue, Report};
#[cfg(feature = "schema")]
pub use schema::timeline_json_schema;
pub use validate::{validate, validate_json, validate_str, validate_traced, AppliedEvent, Options};

/// The README's examples, compiled and run as doctests so that they cannot drift.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
